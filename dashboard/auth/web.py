"""Flask glue that is pure configuration: the secret key and the session cookie.

``configure_flask(server, settings)`` sets SECRET_KEY and the cookie (name
``leefloon_session``, HttpOnly, SameSite=Lax, 8 hours) and a session interface that marks
the cookie Secure when LEEFLOON_HTTPS=1 or when the request itself is https. Behind a
TLS-terminating proxy the request reaches gunicorn as http: set LEEFLOON_HTTPS=1 there.
"""

from __future__ import annotations

from flask import Flask, request
from flask.sessions import SecureCookieSessionInterface

from dashboard.auth.config import Settings


class _SessionInterface(SecureCookieSessionInterface):
    def __init__(self, settings: Settings):
        self.settings = settings

    def get_cookie_secure(self, app: Flask) -> bool:
        try:
            is_secure = request.is_secure
        except RuntimeError:  # outside a request
            is_secure = False
        return self.settings.cookie_secure(is_secure)


def configure_flask(server: Flask, settings: Settings) -> None:
    server.config.update(settings.flask_config())
    server.session_interface = _SessionInterface(settings)
