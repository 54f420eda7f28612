"""Command line for users and the audit log: ``python -m dashboard ...``.

    python -m dashboard users add USERNAME --role ocmw|analyst|admin [--nis 44021 ...]
                                           [--password-stdin]
    python -m dashboard users remove USERNAME
    python -m dashboard users list
    python -m dashboard users passwd USERNAME [--password-stdin]
    python -m dashboard users disable|enable USERNAME
    python -m dashboard audit export [--out FILE] [--excel] [--username U] [--event E]
    python -m dashboard demo-users

Without --password-stdin a password is generated and printed once. The app database is
LEEFLOON_APP_DB (default data/app/app.sqlite3) or --db. Every change writes an audit entry
under the username 'cli'. Exit codes: 0 done, 2 bad input (unknown role, missing or bad NIS
code, short password, unknown or existing user), 1 another error (e.g. the database).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sqlite3
import sys
from pathlib import Path

from dashboard.auth import passwords
from dashboard.auth.audit import EVENTS, AuditLog, to_csv_bytes
from dashboard.auth.store import (
    ROLES,
    AuthError,
    UnknownUser,
    User,
    UserStore,
    validate_role_scope,
    validate_username,
)

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2
CLI_USER = "cli"
DEMO_USERS = (("analist", "analyst", ()), ("gent", "ocmw", ("44021",)))


class _ArgumentParser(argparse.ArgumentParser):
    def error(self, message: str):  # usage errors exit 2 with the message, as argparse does
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _ArgumentParser(prog="python -m dashboard",
                             description="Users and audit log of the dashboard.")
    parser.add_argument("--db", type=Path, default=None,
                        help="app database (default: LEEFLOON_APP_DB or data/app/app.sqlite3)")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_ArgumentParser)

    users = sub.add_parser("users", help="add, remove, list users; change a password")
    usub = users.add_subparsers(dest="action", required=True, parser_class=_ArgumentParser)
    add = usub.add_parser("add", help="create a user")
    add.add_argument("username")
    add.add_argument("--role", required=True, help=f"one of {', '.join(ROLES)}")
    add.add_argument("--nis", nargs="+", action="extend", default=[], metavar="NIS",
                     help="the OCMW's municipality NIS code(s); required for role ocmw")
    add.add_argument("--password-stdin", action="store_true",
                     help="read the password from the first line of standard input "
                     "(else one is generated and printed once)")
    rm = usub.add_parser("remove", help="delete a user")
    rm.add_argument("username")
    usub.add_parser("list", help="table of users: username, role, scope, disabled")
    pw = usub.add_parser("passwd", help="set a new password (ends the user's sessions)")
    pw.add_argument("username")
    pw.add_argument("--password-stdin", action="store_true",
                    help="read the password from standard input (else one is generated)")
    dis = usub.add_parser("disable", help="stop a user from logging in (keeps the account)")
    dis.add_argument("username")
    en = usub.add_parser("enable", help="allow a disabled user again")
    en.add_argument("username")

    audit = sub.add_parser("audit", help="the audit log")
    asub = audit.add_subparsers(dest="action", required=True, parser_class=_ArgumentParser)
    exp = asub.add_parser("export", help="write the audit log as CSV (oldest first)")
    exp.add_argument("--out", default="-", help="output file, or - for standard output (default)")
    exp.add_argument("--excel", action="store_true",
                     help="Belgian Excel variant: ; as delimiter, UTF-8 with BOM")
    exp.add_argument("--username", default=None, help="only this user's entries")
    exp.add_argument("--event", default=None, choices=sorted(EVENTS), help="only this event")

    sub.add_parser("demo-users", help="(re)create the demo users 'analist' and 'gent' (44021) "
                   "with new generated passwords, and print them")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        store = UserStore(args.db)
        if args.command == "users":
            return {"add": cmd_add, "remove": cmd_remove, "list": cmd_list, "passwd": cmd_passwd,
                    "disable": cmd_disable, "enable": cmd_enable}[args.action](store, args)
        if args.command == "audit":
            return cmd_audit_export(store, args)
        return cmd_demo_users(store, args)
    except AuthError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (sqlite3.Error, OSError, RuntimeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_USAGE


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no USER and no passwd entry (containers)
        return str(os.getuid()) if hasattr(os, "getuid") else ""


def _audit(store: UserStore, event: str, user: User | None, **extra) -> None:
    detail = {"os_user": _os_user(), **extra}
    if user is not None:
        detail.update({"user": user.username, "role": user.role, "scope": user.scope})
    AuditLog(store).write(event, CLI_USER, "all", detail, None)


def _read_password(args) -> tuple[str, bool]:
    """(password, generated?)"""
    if not args.password_stdin:
        return passwords.generate_password(), True
    line = sys.stdin.readline()
    if not line:
        raise AuthError("--password-stdin: nothing on standard input")
    password = line.rstrip("\r\n")
    passwords.check_policy(password)
    return password, False


def cmd_add(store: UserStore, args) -> int:
    validate_username(args.username)
    validate_role_scope(args.role, args.nis)
    password, generated = _read_password(args)
    user = store.add_user(args.username, password, args.role, args.nis)
    _audit(store, "user_added", user)
    print(f"added {user.username} (role {user.role}, scope {user.scope})")
    if generated:
        print(f"password (shown once): {password}")
    return EXIT_OK


def cmd_remove(store: UserStore, args) -> int:
    user = store.remove_user(args.username)
    _audit(store, "user_removed", user)
    print(f"removed {user.username}")
    return EXIT_OK


def cmd_list(store: UserStore, args) -> int:
    rows = [("username", "role", "scope", "disabled")]
    rows += [(u.username, u.role, u.scope, "yes" if u.disabled else "no")
             for u in store.list_users()]
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for r in rows:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
    return EXIT_OK


def cmd_passwd(store: UserStore, args) -> int:
    if store.get_user(args.username) is None:
        raise UnknownUser(f"no user {args.username.strip().lower()!r}")
    password, generated = _read_password(args)
    user = store.set_password(args.username, password)
    _audit(store, "password_changed", user)
    print(f"password changed for {user.username}; its sessions have ended")
    if generated:
        print(f"password (shown once): {password}")
    return EXIT_OK


def cmd_disable(store: UserStore, args) -> int:
    user = store.set_disabled(args.username, True)
    _audit(store, "user_disabled", user)
    print(f"disabled {user.username}")
    return EXIT_OK


def cmd_enable(store: UserStore, args) -> int:
    user = store.set_disabled(args.username, False)
    _audit(store, "user_enabled", user)
    print(f"enabled {user.username}")
    return EXIT_OK


def cmd_audit_export(store: UserStore, args) -> int:
    log = AuditLog(store)
    rows = list(reversed(log.read(limit=None, username=args.username, event=args.event)))
    data = to_csv_bytes(rows, excel=args.excel)
    if args.out == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        out = Path(args.out)
        fd = os.open(out, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)  # it holds addresses
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        print(f"wrote {len(rows)} audit entries to {out}", file=sys.stderr)
    log.write("export", CLI_USER, "all",
              {"what": "audit_log", "rows": len(rows), "out": str(args.out),
               "username": args.username, "event": args.event, "os_user": _os_user()}, None)
    return EXIT_OK


def cmd_demo_users(store: UserStore, args) -> int:
    """Idempotent: creates the demo users, or gives existing ones new passwords (and the
    demo role and scope back, enabled)."""
    lines = []
    for username, role, codes in DEMO_USERS:
        password = passwords.generate_password()
        existing = store.get_user(username)
        if existing is not None and (existing.role, existing.nis_codes) != (role, codes):
            _audit(store, "user_removed", store.remove_user(username), demo=True)
            existing = None
        if existing is None:
            user = store.add_user(username, password, role, codes)
            _audit(store, "user_added", user, demo=True)
        else:
            user = store.set_password(username, password)
            _audit(store, "password_changed", user, demo=True)
            if user.disabled:
                user = store.set_disabled(username, False)
                _audit(store, "user_enabled", user, demo=True)
        lines.append((user.username, user.role, user.scope, password))
    print("Demo users (new passwords at every start; for demonstrations only):")
    for username, role, scope, password in lines:
        print(f"  {username:<8}  {role:<7}  {scope:<5}  {password}")
    return EXIT_OK
