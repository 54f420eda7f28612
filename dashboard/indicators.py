"""The five indicators of the data contract (section 3) and how to show them."""

from __future__ import annotations

from dataclasses import dataclass

from dashboard import fmt


@dataclass(frozen=True)
class Indicator:
    key: str
    kind: str  # "count" or "rate"
    numerator: str
    denominator: str | None

    @property
    def is_rate(self) -> bool:
        return self.kind == "rate"

    def format(self, value) -> str:
        return fmt.pct(value) if self.is_rate else fmt.count(value)


INDICATORS: dict[str, Indicator] = {
    "leefloners": Indicator("leefloners", "count", "leefloners", None),
    "registration_rate": Indicator("registration_rate", "rate", "n_registered", "person_months"),
    "guidance_rate": Indicator("guidance_rate", "rate", "n_guidance", "person_months"),
    "work_6m_rate": Indicator("work_6m_rate", "rate", "work_6m_n", "work_6m_base"),
    "work_12m_rate": Indicator("work_12m_rate", "rate", "work_12m_n", "work_12m_base"),
}
ORDER = list(INDICATORS)
RATES = [k for k in ORDER if INDICATORS[k].is_rate]
DEFAULT = "registration_rate"

BREAKDOWN_DIMENSIONS = [
    "age_band", "gender", "education", "origin", "household", "benefit_type", "benefit_duration",
]
CATEGORY_ORDER = {
    "age_band": ["<25", "25-34", "35-44", "45-54", "55+"],
    "gender": ["V", "M", "X"],
    "education": ["laag", "midden", "hoog", "onbekend"],
    "origin": ["belg", "eu", "niet_eu", "onbekend"],
    "household": ["alleenstaand", "samenwonend", "gezinslast"],
    "benefit_type": ["LL", "ELL"],
    "benefit_duration": ["0-6m", "6-12m", "1-2j", "2j+"],
    "work_type": ["regulier", "art60", "sociale_economie", "interim", "zelfstandige"],
    "work_region": ["VLG", "BRU", "WAL", "BUI", "onbekend"],
}

# The funnel: each step as a share (fraction) of the step's population.
FUNNEL_STEPS = ["leefloners", "registration_rate", "guidance_rate", "work_6m_rate", "work_12m_rate"]


def get(key: str | None) -> Indicator:
    return INDICATORS.get(key or "", INDICATORS[DEFAULT])


def valid(key: str | None) -> str:
    return key if key in INDICATORS else DEFAULT
