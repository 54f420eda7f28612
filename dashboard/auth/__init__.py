"""Access control: users and roles, password login with throttling, trusted-header login
behind a reverse proxy, the OCMW scope rule and the append-only audit log.

Modules (no Flask import except ``web``):

- ``store``     the SQLite application database and ``UserStore``
- ``passwords`` argon2id hashing, the password policy, generated passwords
- ``throttle``  failed-login throttling per username and per address
- ``audit``     ``AuditLog`` and the CSV export
- ``scope``     ``Principal``: the one place that decides who sees what
- ``config``    settings from the environment, the secret key, trusted headers
- ``service``   the login flow and the session payload
- ``web``       Flask session-cookie configuration
- ``cli``       ``python -m dashboard users|audit|demo-users``

See docs/access.md.
"""

from dashboard.auth.audit import AuditLog, to_csv_bytes
from dashboard.auth.config import (
    ConfigError,
    Settings,
    client_address,
    load_settings,
    trusted_header_principal,
)
from dashboard.auth.passwords import PasswordPolicyError, generate_password
from dashboard.auth.scope import AccessDenied, Principal
from dashboard.auth.service import Authenticator, LoginResult, safe_next_url
from dashboard.auth.store import AuthError, InvalidUser, UnknownUser, User, UserExists, UserStore
from dashboard.auth.throttle import Throttle

__all__ = [
    "AccessDenied", "AuditLog", "AuthError", "Authenticator", "ConfigError", "InvalidUser",
    "LoginResult", "PasswordPolicyError", "Principal", "Settings", "Throttle", "UnknownUser",
    "User", "UserExists", "UserStore", "client_address", "generate_password", "load_settings",
    "safe_next_url", "to_csv_bytes", "trusted_header_principal",
]
