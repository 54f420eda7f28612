"""Access-control settings from the environment (documented in docs/access.md).

======================================  ================================================
LEEFLOON_SECRET_KEY                     the key that signs session cookies (>= 32 chars)
LEEFLOON_SECRET_KEY_FILE                or a file holding it (e.g. a systemd credential)
LEEFLOON_AUTH_MODE                      ``password`` (default) or ``trusted-header``
LEEFLOON_TRUSTED_PROXIES                IPs/CIDRs of the reverse proxies (default
                                        127.0.0.1; ``unix`` for a Unix socket)
LEEFLOON_USER_HEADER                    default ``X-Remote-User``
LEEFLOON_ROLE_HEADER                    default ``X-Remote-Role``
LEEFLOON_NIS_HEADER                     default ``X-Remote-Nis``
LEEFLOON_HTTPS                          ``1``: session cookie always ``Secure``
LEEFLOON_SESSION_HOURS                  session lifetime, default 8
LEEFLOON_APP_DB                         the app database (see ``store``)
======================================  ================================================

Neither key variable set: a random key is generated once into ``secret_key`` beside the
app database (default ``data/app/secret_key``), mode 0600, and every worker reads the same
file. The key is never read from the repository.
"""

from __future__ import annotations

import ipaddress
import logging
import os
import secrets
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from dashboard.auth import store as store_mod
from dashboard.auth.scope import Principal

log = logging.getLogger(__name__)

AUTH_MODES = ("password", "trusted-header")
MIN_KEY_LENGTH = 32
SESSION_COOKIE_NAME = "leefloon_session"

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class ConfigError(RuntimeError):
    """A setting is wrong: the server must not start."""


@dataclass(frozen=True)
class Settings:
    secret_key: str = field(repr=False)
    auth_mode: str = "password"
    trusted_proxies: tuple[Network, ...] = (ipaddress.ip_network("127.0.0.1/32"),)
    trust_unix_socket: bool = False
    user_header: str = "X-Remote-User"
    role_header: str = "X-Remote-Role"
    nis_header: str = "X-Remote-Nis"
    https: bool = False
    session_lifetime: timedelta = timedelta(hours=8)
    app_db: Path = field(default_factory=store_mod.default_path)

    def flask_config(self) -> dict:
        """Settings to ``server.config.update(...)``: the key and the session cookie
        (HttpOnly, SameSite=Lax, 8 hours; Secure if LEEFLOON_HTTPS=1 — for Secure on https
        requests only, use ``web.configure_flask`` which decides per request)."""
        return {
            "SECRET_KEY": self.secret_key,
            "SESSION_COOKIE_NAME": SESSION_COOKIE_NAME,
            "SESSION_COOKIE_HTTPONLY": True,
            "SESSION_COOKIE_SAMESITE": "Lax",
            "SESSION_COOKIE_SECURE": self.https,
            "PERMANENT_SESSION_LIFETIME": self.session_lifetime,
            "SESSION_REFRESH_EACH_REQUEST": False,
        }

    def cookie_secure(self, request_is_secure: bool) -> bool:
        """Secure cookie when LEEFLOON_HTTPS=1 or the request itself came over https."""
        return self.https or bool(request_is_secure)


def _env(environ: Mapping[str, str], name: str, default: str = "") -> str:
    return (environ.get(name) or "").strip() or default


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Settings from the environment; ConfigError for a bad value."""
    env = os.environ if environ is None else environ
    raw_db = _env(env, "LEEFLOON_APP_DB")
    app_db = Path(raw_db) if raw_db else store_mod.DEFAULT_DB
    if not app_db.is_absolute():
        app_db = store_mod.PROJECT_ROOT / app_db
    mode = _env(env, "LEEFLOON_AUTH_MODE", "password").lower()
    if mode not in AUTH_MODES:
        raise ConfigError(f"LEEFLOON_AUTH_MODE={mode!r}: one of {', '.join(AUTH_MODES)}")
    proxies, unix = parse_trusted_proxies(_env(env, "LEEFLOON_TRUSTED_PROXIES", "127.0.0.1"))
    try:
        hours = float(_env(env, "LEEFLOON_SESSION_HOURS", "8"))
    except ValueError:
        raise ConfigError("LEEFLOON_SESSION_HOURS must be a number") from None
    if not 0 < hours <= 24 * 7:
        raise ConfigError("LEEFLOON_SESSION_HOURS must be between 0 and 168")
    headers = {}
    for name, default in (("USER", "X-Remote-User"), ("ROLE", "X-Remote-Role"),
                          ("NIS", "X-Remote-Nis")):
        value = _env(env, f"LEEFLOON_{name}_HEADER", default)
        if not value.replace("-", "").isalnum():
            raise ConfigError(f"LEEFLOON_{name}_HEADER={value!r}: letters, digits and '-' only")
        headers[name.lower()] = value
    return Settings(
        secret_key=load_secret_key(env, app_db.parent),
        auth_mode=mode,
        trusted_proxies=proxies,
        trust_unix_socket=unix,
        user_header=headers["user"],
        role_header=headers["role"],
        nis_header=headers["nis"],
        https=_env(env, "LEEFLOON_HTTPS", "0").lower() in ("1", "true", "yes", "on"),
        session_lifetime=timedelta(hours=hours),
        app_db=app_db,
    )


def parse_trusted_proxies(text: str) -> tuple[tuple[Network, ...], bool]:
    """'127.0.0.1, 10.0.0.0/8, ::1, unix' -> (networks, whether a Unix socket is trusted)."""
    networks, unix = [], False
    for part in text.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if part.lower() == "unix":
            unix = True
            continue
        try:
            networks.append(ipaddress.ip_network(part, strict=False))
        except ValueError:
            raise ConfigError(
                f"LEEFLOON_TRUSTED_PROXIES: {part!r} is no IP address or CIDR") from None
    return tuple(networks), unix


def load_secret_key(environ: Mapping[str, str] | None = None, key_dir: Path | None = None) -> str:
    """LEEFLOON_SECRET_KEY, else the file LEEFLOON_SECRET_KEY_FILE, else ``key_dir/secret_key``
    (made once, atomically, mode 0600, so every worker and restart shares it)."""
    env = os.environ if environ is None else environ
    key = _env(env, "LEEFLOON_SECRET_KEY")
    if key:
        return _checked_key(key, "LEEFLOON_SECRET_KEY")
    key_file = _env(env, "LEEFLOON_SECRET_KEY_FILE")
    if key_file:
        try:
            return _checked_key(Path(key_file).read_text(encoding="utf-8").strip(), key_file)
        except OSError as exc:
            raise ConfigError(f"LEEFLOON_SECRET_KEY_FILE: cannot read {key_file}: {exc}") from None
    if key_dir is None:
        key_dir = store_mod.default_path().parent
    return _generated_key(Path(key_dir) / "secret_key")


def _checked_key(key: str, where: str) -> str:
    if len(key) < MIN_KEY_LENGTH:
        raise ConfigError(f"{where}: the secret key must have at least {MIN_KEY_LENGTH} characters "
                          "(python -c 'import secrets; print(secrets.token_urlsafe(48))')")
    return key


def _generated_key(path: Path) -> str:
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(secrets.token_urlsafe(48) + "\n")
                fh.flush()
                os.fsync(fh.fileno())
            try:
                os.link(tmp, path)  # atomic: the first worker wins, the others read its key
                log.warning("generated a new session secret key in %s", path)
            except FileExistsError:
                pass
        finally:
            tmp.unlink(missing_ok=True)
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        log.warning("%s is readable by others (mode %o): chmod 600 it", path, mode)
    return _checked_key(path.read_text(encoding="utf-8").strip(), str(path))


# -- requests through a reverse proxy ----------------------------------------------------

def _ip(addr: str | None):
    if not addr:
        return None
    try:
        ip = ipaddress.ip_address(str(addr).strip().split("%", 1)[0])
    except ValueError:
        return None
    if ip.version == 6 and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip


def is_trusted_proxy(remote_addr: str | None, settings: Settings) -> bool:
    """Whether the direct peer is one of LEEFLOON_TRUSTED_PROXIES (an empty address is a
    Unix socket: trusted only with ``unix`` in the list)."""
    if not remote_addr or not str(remote_addr).strip():
        return settings.trust_unix_socket
    ip = _ip(remote_addr)
    return ip is not None and any(ip in net for net in settings.trusted_proxies
                                  if net.version == ip.version)


def _header(headers: Mapping[str, str], name: str) -> str | None:
    value = headers.get(name)
    if value is None:  # a plain dict: look case-insensitively
        lname = name.lower()
        value = next((v for k, v in headers.items() if k.lower() == lname), None)
    return value


def trusted_header_principal(headers: Mapping[str, str], remote_addr: str | None,
                             settings: Settings) -> Principal | None:
    """The principal the reverse proxy vouches for, or None: the headers count ONLY when the
    request comes straight from a trusted proxy, and only with a valid username, a known role
    and (for role ocmw) valid NIS codes. For analyst and admin the NIS header is ignored."""
    if not is_trusted_proxy(remote_addr, settings):
        return None
    user = _header(headers, settings.user_header)
    role = _header(headers, settings.role_header)
    nis = _header(headers, settings.nis_header) or ""
    if not user or not role:
        return None
    try:
        username = store_mod.validate_username(user)
        role = role.strip().lower()
        if role != "ocmw":
            nis = ""
        role, codes = store_mod.validate_role_scope(role, nis)
    except store_mod.AuthError as exc:
        log.warning("trusted headers refused from %s: %s", remote_addr, exc)
        return None
    return Principal(username, role, codes)


def client_address(remote_addr: str | None, headers: Mapping[str, str],
                   settings: Settings) -> str:
    """The client's address for throttling and the audit log. Behind a trusted proxy, the
    right-most address in X-Forwarded-For that is not itself a trusted proxy; otherwise the
    direct peer (a client cannot spoof it by sending its own X-Forwarded-For)."""
    peer = str(remote_addr or "").strip()
    if not is_trusted_proxy(peer, settings):
        return peer
    forwarded = _header(headers, "X-Forwarded-For") or ""
    hops = [h.strip() for h in forwarded.split(",") if h.strip()]
    for hop in reversed(hops):
        ip = _ip(hop)
        if ip is None:
            return peer  # garbage: do not believe anything further left
        if not is_trusted_proxy(str(ip), settings):
            return str(ip)
    return str(_ip(hops[0])) if hops else (peer or "unix")
