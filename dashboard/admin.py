"""The admin pages (role ``admin`` only; anyone else gets 403 and an ``access_denied`` entry):

- ``/beheer/gebruikers``: the users; add one (a generated password, shown once), remove,
  give a new password, disable or enable. Forms are POSTs with the session's CSRF token.
  Every change writes an audit entry under the admin's username (``detail.via = "web"``).
- ``/beheer/audit``: the audit log, newest first, 50 a page, filtered by user and event;
  ``/beheer/audit.csv`` exports it (``?excel=1``: the Belgian Excel variant), and the
  export is itself audited.

The users and the audit log are in the app database (``dashboard.auth``), not in the
warehouse. In trusted-header mode the proxy manages users: the users page only says so.
"""

from __future__ import annotations

import json
import math

from flask import Flask, Response, redirect, request

from dashboard import access, i18n
from dashboard.auth import passwords
from dashboard.auth.audit import EVENTS, AuditLog, to_csv_bytes
from dashboard.auth.store import AuthError, User, validate_username

PAGE_SIZE = 50
ROLES = ("ocmw", "analyst", "admin")


def install(server: Flask) -> None:
    server.add_url_rule("/beheer", "admin_home", lambda: redirect("/beheer/gebruikers"))
    server.add_url_rule("/beheer/", "admin_home_slash", lambda: redirect("/beheer/gebruikers"))
    server.add_url_rule("/beheer/gebruikers", "admin_users", users, methods=["GET", "POST"])
    server.add_url_rule("/beheer/audit", "admin_audit", audit_page, methods=["GET"])
    server.add_url_rule("/beheer/audit.csv", "admin_audit_csv", audit_csv, methods=["GET"])


def _admin():
    """The admin principal, or AccessDenied (-> 403, audited)."""
    p = access.principal()
    if p is None:  # pragma: no cover - before_request refuses anonymous requests first
        raise access.AccessDenied("login required")
    p.require_admin()
    return p


def _lang() -> str:
    return i18n.lang_of(request.args.get("lang"))


# -- users ---------------------------------------------------------------------------------

def _audit_change(event: str, user: User) -> None:
    access.audit(event, {"user": user.username, "role": user.role, "scope": user.scope,
                         "via": "web"})


def users():
    me = _admin()
    lang = _lang()
    st = access.state()
    store = st.auth.store
    message = error = None
    shown_password = None
    status = 200
    if request.method == "POST" and not st.trusted_header:
        if not access.csrf_valid():
            error, status = i18n.t("bad_form", lang), 400
        else:
            action = request.form.get("action", "")
            target = request.form.get("username", "").strip()
            try:
                if action != "add" and validate_username(target) == me.username:
                    error, status = i18n.t("admin_not_self", lang), 400
                elif action == "add":
                    password = passwords.generate_password()
                    user = store.add_user(target, password, request.form.get("role", ""),
                                          request.form.get("nis", ""))
                    _audit_change("user_added", user)
                    message = i18n.t("admin_added", lang, user=user.username)
                    shown_password = (user.username, password)
                elif action == "remove":
                    user = store.remove_user(target)
                    _audit_change("user_removed", user)
                    message = i18n.t("admin_removed", lang, user=user.username)
                elif action == "reset":
                    password = passwords.generate_password()
                    user = store.set_password(target, password)
                    _audit_change("password_changed", user)
                    message = i18n.t("admin_reset_done", lang, user=user.username)
                    shown_password = (user.username, password)
                elif action in ("disable", "enable"):
                    user = store.set_disabled(target, action == "disable")
                    _audit_change(f"user_{action}d", user)
                    message = i18n.t(f"admin_{action}d_done", lang, user=user.username)
                else:
                    error, status = i18n.t("bad_form", lang), 400
            except AuthError as exc:
                error, status = str(exc), 400
    return access.render("users.html", lang, status=status, section="users",
                         users=store.list_users(), me=me, roles=ROLES, message=message,
                         error=error, shown_password=shown_password)


# -- the audit log ---------------------------------------------------------------------------

def _filters() -> tuple[str | None, str | None]:
    username = (request.args.get("username") or "").strip().lower()[:128] or None
    event = request.args.get("event") or None
    return username, (event if event in EVENTS else None)


def audit_page():
    _admin()
    lang = _lang()
    log = AuditLog(access.state().auth.store)
    username, event = _filters()
    total = log.count(username=username, event=event)
    pages = max(1, math.ceil(total / PAGE_SIZE))
    try:
        page = min(max(int(request.args.get("page", "1")), 1), pages)
    except ValueError:
        page = 1
    rows = log.read(limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE, username=username,
                    event=event)
    for row in rows:
        row["detail_text"] = json.dumps(row["detail"], ensure_ascii=False, sort_keys=True,
                                        separators=(", ", ": "))
    return access.render("audit.html", lang, section="audit", rows=rows, total=total,
                         page=page, pages=pages, events=sorted(EVENTS),
                         f_username=username or "", f_event=event or "")


def audit_csv():
    _admin()
    log = AuditLog(access.state().auth.store)
    username, event = _filters()
    excel = request.args.get("excel") in ("1", "true", "yes")
    rows = list(reversed(log.read(limit=None, username=username, event=event)))
    data = to_csv_bytes(rows, excel=excel)
    access.audit("export", {"what": "audit_log", "rows": len(rows), "username": username,
                            "event": event, "format": "excel" if excel else "csv"})
    name = "auditlog" + ("_excel" if excel else "") + ".csv"
    resp = Response(data, mimetype="text/csv")
    resp.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return resp
