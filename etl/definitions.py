"""The switchable indicator definitions.

The contract counts every benefit row (leefloon and equivalent leefloon) and
every work type, art. 60 included. Two switches change that, consistently in
every mart, view and export: leave out equivalent leefloon (``ELL``), and do not
count art. 60 work as work.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Definition:
    include_ell: bool = True
    art60_is_work: bool = True

    @property
    def params(self) -> list[bool]:
        return [self.include_ell, self.art60_is_work]

    def label(self, lang: str = "nl") -> str:
        if lang == "en":
            who = "leefloon and equivalent leefloon" if self.include_ell else "leefloon only (no equivalent leefloon)"
            work = "art. 60 work counts as work" if self.art60_is_work else "art. 60 work does not count as work"
        else:
            who = "leefloon en equivalent leefloon" if self.include_ell else "enkel leefloon (zonder equivalent leefloon)"
            work = "art. 60-werk telt als werk" if self.art60_is_work else "art. 60-werk telt niet als werk"
        return f"{who}; {work}"


STANDARD = Definition()
