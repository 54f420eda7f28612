"""The one place that decides what a logged-in user may see.

Roles:

- ``admin``: everything, and the user and audit administration.
- ``analyst``: every municipality in full detail.
- ``ocmw``: the HEADLINE indicators of every municipality (the overview map and table,
  the benchmark cards: its own figures against the centre cities, its region, Flanders and
  other municipalities), but DETAIL only for its own municipalities (``nis_codes``, usually
  one; several for an OCMW that serves a merged or shared area). Detail is: breakdowns
  (age, sex, nationality, duration, ...), the funnel, trends over time, named comparisons
  beyond the headline, and the detailed downloads and exports.

Every page, callback and download asks here: ``principal.can_see_detail(nis)`` to decide
what to render, ``principal.require_detail(nis)`` where a refusal is an error (a download
route), and nothing else compares roles or NIS codes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ROLES = ("ocmw", "analyst", "admin")
_NIS_RE = re.compile(r"^[0-9]{5}$")


class AccessDenied(PermissionError):
    """The principal may not see this (answer 403, and write an ``access_denied`` audit entry)."""

    def __init__(self, message: str, *, username: str = "", nis_code: str | None = None):
        super().__init__(message)
        self.username = username
        self.nis_code = nis_code


def normalise_nis(nis_code) -> str | None:
    """A NIS code as 5 digits ('44021'; the int 44021 too), or None if it is not one."""
    if isinstance(nis_code, bool):
        return None
    if isinstance(nis_code, int):
        text = f"{nis_code:05d}"
    else:
        text = str(nis_code or "").strip()
    return text if _NIS_RE.match(text) else None


@dataclass(frozen=True)
class Principal:
    """Who makes the request: from the session (password mode) or the proxy's headers."""

    username: str
    role: str
    nis_codes: tuple[str, ...] = ()

    def __post_init__(self):
        if self.role not in ROLES:
            raise ValueError(f"unknown role {self.role!r}")
        codes = tuple(sorted({c for c in (normalise_nis(n) for n in self.nis_codes) if c}))
        if len(codes) != len(set(self.nis_codes)):
            raise ValueError(f"invalid NIS codes {self.nis_codes!r}")
        if self.role == "ocmw" and not codes:
            raise ValueError("an ocmw principal needs at least one NIS code")
        object.__setattr__(self, "nis_codes", codes if self.role == "ocmw" else ())

    @classmethod
    def from_user(cls, user) -> Principal:
        """From a ``store.User`` (or anything with username, role and nis_codes)."""
        return cls(user.username, user.role, tuple(user.nis_codes))

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def sees_all(self) -> bool:
        """Analyst or admin: detail for every municipality."""
        return self.role in ("analyst", "admin")

    def can_see_headline(self, nis_code=None) -> bool:
        """Headline indicators: every authenticated user, for every municipality."""
        return True

    def can_see_detail(self, nis_code) -> bool:
        """Detail for this municipality: analyst and admin always; ocmw only its own codes.
        Anything that is not a 5-digit NIS code is refused to an ocmw user."""
        if self.sees_all:
            return True
        code = normalise_nis(nis_code)
        return code is not None and code in self.nis_codes

    def require_detail(self, nis_code) -> None:
        """``AccessDenied`` unless ``can_see_detail(nis_code)``."""
        if not self.can_see_detail(nis_code):
            raise AccessDenied(f"{self.username} may not see detail for {nis_code!r}",
                               username=self.username, nis_code=str(nis_code))

    def require_admin(self) -> None:
        if not self.is_admin:
            raise AccessDenied(f"{self.username} is not an admin", username=self.username)

    def detail_codes(self, nis_codes) -> list[str]:
        """Of these codes, those the principal may see in detail (order kept)."""
        return [c for c in nis_codes if self.can_see_detail(c)]

    def scope_label(self) -> str:
        """'all' for analyst and admin, else the NIS codes joined with commas ('44021')."""
        return "all" if self.sees_all else ",".join(self.nis_codes)
