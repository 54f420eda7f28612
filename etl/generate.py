"""Synthetic benefit and work deliveries for development, demos and tests.

The generator simulates a population of leefloners month by month (entry,
benefit spells, VDAB registration and guidance, art. 60, exit to work or
elsewhere, re-entry, moves between municipalities) and writes the two input
feeds of the data contract (section 1): ``benefit_YYYY.<ext>`` and
``work_YYYY.<ext>``, one file per feed per calendar year.

Everything is synthetic. The calibration targets and their public sources are
documented in ``docs/synthetic-data.md``; the parameters below are tuned so the
default run reproduces them.

Persons are simulated in fixed-size chunks with vectorised numpy. Every chunk
has its own random stream spawned from the seed, and the chunk size is a
constant, so the output depends only on the arguments. Each chunk's rows are
appended to one open writer per (feed, year), which keeps memory bounded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from etl import reference
from etl.feeds import FEED_COLUMNS

DEFAULT_PERSONS = 420_000
DEFAULT_START = "2019-01"
DEFAULT_END = "2025-12"
FORMATS = ("csv", "parquet")

BENEFIT_COLUMNS = tuple(FEED_COLUMNS["benefit"])
WORK_COLUMNS = tuple(FEED_COLUMNS["work"])

# Category codes: the position in each tuple is the integer code used internally.
VDAB_STATUS = (
    "niet_ingeschreven",
    "nwwz",
    "begeleiding",
    "opleiding",
    "werkervaring",
    "niet_beschikbaar",
)
NOT_REG, NWWZ, BEGELEIDING, OPLEIDING, WERKERVARING, NIET_BESCHIKBAAR = range(6)
WORK_TYPE = ("regulier", "art60", "sociale_economie", "interim", "zelfstandige")
REGULIER, ART60, SOCIALE_ECONOMIE, INTERIM, ZELFSTANDIGE = range(5)
WORK_REGION = ("VLG", "BRU", "WAL", "BUI", "onbekend")
HOUSEHOLD = ("samenwonend", "alleenstaand", "gezinslast")
SAMENWONEND, ALLEENSTAAND, GEZINSLAST = range(3)
GENDER = ("M", "V", "X")
EDUCATION = ("laag", "midden", "hoog", "onbekend")
ORIGIN = ("belg", "eu", "niet_eu", "onbekend")
BELG, EU, NIET_EU, ORIGIN_ONBEKEND = range(4)
BENEFIT_TYPE = ("LL", "ELL")

CHUNK_SIZE = 20_000  # fixed: changing it changes the random streams, hence the output
WARMUP_MONTHS = 180  # simulated before `start` so the stock at `start` has realistic durations
SIZE_MODEL_SEED = 20_250_101  # the municipal size model is the same for every seed

# Person states in the monthly simulation.
NOT_ENTERED, ON_BENEFIT, WORKING, OFF_NO_WORK, GONE = range(5)

# ---------------------------------------------------------------------------
# Months


_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


def month_index(text: str) -> int:
    """``YYYY-MM`` -> year * 12 + month - 1; ValueError when malformed."""
    m = _MONTH_RE.match(text) if isinstance(text, str) else None
    if not m or not 1 <= int(m.group(2)) <= 12 or not 1900 <= int(m.group(1)) <= 2999:
        raise ValueError(f"not a month in the form YYYY-MM: {text!r}")
    return int(m.group(1)) * 12 + int(m.group(2)) - 1


def month_label(idx: int) -> str:
    return f"{idx // 12:04d}-{idx % 12 + 1:02d}"


M2019 = month_index("2019-01")
M_MERGER = month_index("2025-01")
M_DUTY = month_index("2024-03")  # mandatory VDAB registration of leefloners
M_UKRAINE = month_index("2022-03")

# ---------------------------------------------------------------------------
# Calibration parameters (sources and rationale in docs/synthetic-data.md)

# Approximate monthly stock of leefloners around 2023 per centre city (2019 code).
# Synthetic round figures, not published counts.
CENTRE_CITY_STOCK = {
    "11002": 9000,  # Antwerpen
    "44021": 6300,  # Gent
    "24062": 1300,  # Leuven
    "35013": 1250,  # Oostende
    "31005": 1100,  # Brugge
    "12025": 1000,  # Mechelen
    "71016": 950,  # Genk
    "41002": 900,  # Aalst
    "34022": 800,  # Kortrijk
    "71022": 700,  # Hasselt
    "46021": 700,  # Sint-Niklaas
    "13040": 550,  # Turnhout
    "36015": 450,  # Roeselare
}
# Regional towns and the smallest municipality get fixed round figures too, so the
# map looks plausible; equally synthetic.
TOWN_STOCK = {
    "23088": 450,  # Vilvoorde
    "45041": 350,  # Ronse
    "34027": 300,  # Menen
    "11005": 250,  # Boom
    "24107": 250,  # Tienen
    "42006": 250,  # Dendermonde
    "46014": 250,  # Lokeren
    "73107": 250,  # Maasmechelen
    "23027": 220,  # Halle
    "12021": 200,  # Lier
    "41048": 200,  # Ninove
    "71004": 200,  # Beringen
    "13008": 180,  # Geel
    "33011": 150,  # Ieper
    "73028": 2,  # Herstappe (under 100 inhabitants)
    "33016": 3,  # Mesen (about 1,000 inhabitants)
    "34043": 4,  # Spiere-Helkijn
}
FLANDERS_STOCK = 45_000  # the other municipalities share the rest
SMALL_MUNI_SIGMA = 0.7  # lognormal spread of the other municipalities
SMALL_MUNI_AREA_POWER = 0.35
SMALL_MUNI_Z_MAX = 1.5

# Registration at VDAB: logit offsets per municipality where the notes give a figure.
REG_EFFECT_FIXED = {"12025": -1.1, "11002": 0.75}  # Mechelen ~27 %, Antwerpen >68 % (2022)
REG_EFFECT_SIGMA = 0.45
REG_LOGIT_2019 = 0.85  # calendar level of the registration logit in 2019
REG_LOGIT_TREND = 0.04  # per year before the duty (24,464 registered in 2020 -> 29,657 in 2023)
REG_DUTY_LIFT = 1.25  # added logit once the registration duty is fully phased in
REG_DUTY_RAMP_MONTHS = 16
REG_DUTY_SHRINK = 0.5  # municipal differences shrink under the duty

# Registered sub-status distribution: (nwwz, begeleiding, opleiding, niet_beschikbaar)
SUBSTATUS_P = np.array([0.30, 0.40, 0.14, 0.16])
SUBSTATUS_P_DUTY = np.array([0.45, 0.25, 0.08, 0.22])  # registered only because of the duty
SUBSTATUS_KEEP = 0.88  # monthly persistence of the sub-status
WE_START = 0.0105  # monthly start of werkervaring (art. 60) among registered
WE_MONTHS = (6, 18)  # duration range of an art. 60 / TWE contract in months
WE_EXIT_BENEFIT = 0.6  # leaving the benefit when the contract ends
WE_EXIT_TO_WORK = 0.45  # of those leaving, share straight into a job

# Exits from the benefit (monthly hazards before multipliers).
BASE_EXIT_WORK = 0.055
BASE_EXIT_OTHER = 0.09
FRAILTY_SHAPE = 0.35  # gamma heterogeneity of exit hazards ...
FRAILTY_FLOOR = 0.25  # ... on top of a floor, so nobody stays for ever (mean 1)
FRAILTY_WORK_POWER = 0.3  # long stayers also find work less often
EMPLOYABILITY_SIGMA = 0.25
STATUS_WORK_MULT = np.array([0.04, 1.9, 2.3, 1.4, 0.0, 0.3])  # by vdab status code
DUTY_REGISTRANT_MULT = 0.7
PART_TIME_START = 0.005
PART_TIME_END = 0.2
PART_TIME_WORK_MULT = 2.0
SAME_MONTH_WORK = 0.4  # first work month overlaps the last benefit month

# After the benefit.
WORK_END = np.array([0.025, 0.0, 0.02, 0.07, 0.02])  # monthly end of a job, by work type
FALLBACK_FROM_WORK = (0.008, 0.0015)  # re-entry while working: first year, later
REENTRY_FROM_OFF = (0.025, 0.008, 0.001)  # months 0-5, 6-23, 24+
FIND_WORK_OFF = (0.01, 0.005)  # first year, later
LEAVE_POPULATION = 0.008  # monthly, off the benefit: moved away, other benefit for good, ...
MOVE_SHARE = 0.08  # persons who move to another municipality once ...
MOVE_WITHIN = 36  # ... within this many months after their first entry
MOVE_SAME_PROVINCE = 0.7
RETIREMENT_AGE = 65

EXIT_WORK_TYPE_P = np.array([0.55, 0.0, 0.10, 0.28, 0.07])
PART_TIME_TYPE_P = np.array([0.40, 0.0, 0.07, 0.48, 0.05])

GPMI_START_2019 = 0.35
GPMI_START_2025 = 0.72
GPMI_YOUNG_LIFT = 0.15
GPMI_ACQUIRE = 0.01

UKRAINE_MASS = 1.7  # extra entries in units of one month of regular first entries (2022)
UKRAINE_MONTHS = 22  # March 2022 - December 2023
INFLOW_TREND = 0.025  # per year
INFLOW_SEASON = np.array([1.10, 0.95, 1.00, 0.95, 0.95, 0.90, 0.85, 0.90, 1.25, 1.15, 1.05, 0.95])
WORK_SEASON = np.array([0.90, 1.00, 1.10, 1.05, 1.00, 1.05, 0.85, 0.90, 1.20, 1.10, 1.00, 0.80])

# Age at first entry (18-64) by five-year class starting at 18, 25, 30, ...
AGE_CLASSES = (
    (18, 24, 0.55),
    (25, 29, 0.11),
    (30, 34, 0.09),
    (35, 39, 0.07),
    (40, 44, 0.06),
    (45, 49, 0.05),
    (50, 54, 0.045),
    (55, 59, 0.03),
    (60, 64, 0.02),
)

# Work region by arrondissement: (BRU, WAL, BUI); VLG takes the rest after onbekend.
WORK_REGION_UNKNOWN = 0.02
WORK_REGION_DEFAULT = (0.01, 0.01, 0.005)
WORK_REGION_BY_ARR = {
    "23000": (0.22, 0.03, 0.005),  # Halle-Vilvoorde
    "24000": (0.08, 0.04, 0.005),  # Leuven
    "41000": (0.06, 0.01, 0.005),  # Aalst
    "12000": (0.04, 0.01, 0.005),  # Mechelen
    "42000": (0.03, 0.01, 0.005),  # Dendermonde
    "34000": (0.01, 0.06, 0.03),  # Kortrijk
    "33000": (0.01, 0.06, 0.03),  # Ieper
    "38000": (0.01, 0.02, 0.03),  # Veurne
    "45000": (0.02, 0.06, 0.005),  # Oudenaarde
    "73000": (0.02, 0.07, 0.03),  # Tongeren
    "72000": (0.01, 0.01, 0.05),  # Maaseik
    "13000": (0.01, 0.005, 0.03),  # Turnhout
    "43000": (0.01, 0.005, 0.03),  # Eeklo
}

# ---------------------------------------------------------------------------
# Municipalities


@dataclass(frozen=True)
class Municipalities:
    """The 300 Flemish municipalities of 2019 with synthetic characteristics."""

    codes_2019: np.ndarray  # str
    to_2025: np.ndarray  # index into codes_2025
    codes_2025: np.ndarray  # str
    weight: np.ndarray  # share of the Flemish stock
    urban: np.ndarray  # 0..1
    province: np.ndarray  # int index
    reg_effect: np.ndarray  # logit shift of registration
    work_effect: np.ndarray  # multiplier of exit to work
    we_effect: np.ndarray  # multiplier of art. 60 use
    region_p: np.ndarray  # (n, 5) work region probabilities


def municipality_model() -> Municipalities:
    """Deterministic size and behaviour model of the 2019 municipalities."""
    m19 = reference.municipalities(2019).sort_values("nis_code").reset_index(drop=True)
    m25 = reference.municipalities(2025).sort_values("nis_code").reset_index(drop=True)
    cross = reference.crosswalk().set_index("old_nis")["new_nis"]
    codes19 = m19["nis_code"].to_numpy(dtype=str)
    codes25 = m25["nis_code"].to_numpy(dtype=str)
    to25 = np.searchsorted(codes25, cross.loc[codes19].to_numpy(dtype=str))
    rng = np.random.default_rng(SIZE_MODEL_SEED)
    n = len(codes19)

    size = _municipality_sizes(rng, codes19, m19["area_km2"].astype(float).to_numpy())
    is_city = np.isin(codes19, list(CENTRE_CITY_STOCK))
    urban = np.where(is_city, 1.0, np.clip(np.log(size) / np.log(600.0), 0.0, 0.8))

    reg_effect = rng.normal(0.0, REG_EFFECT_SIGMA, n)
    for code, eff in REG_EFFECT_FIXED.items():
        reg_effect[codes19 == code] = eff
    work_effect = np.exp(rng.normal(0.0, 0.22, n))
    we_effect = np.exp(rng.normal(0.0, 0.4, n))

    region_p = np.zeros((n, len(WORK_REGION)))
    for i, arr in enumerate(m19["arrondissement_nis"]):
        bru, wal, bui = WORK_REGION_BY_ARR.get(arr, WORK_REGION_DEFAULT)
        region_p[i] = (
            1.0 - bru - wal - bui - WORK_REGION_UNKNOWN,
            bru,
            wal,
            bui,
            WORK_REGION_UNKNOWN,
        )
    _, province = np.unique(m19["province_nis"].to_numpy(dtype=str), return_inverse=True)
    return Municipalities(
        codes19,
        to25,
        codes25,
        size / size.sum(),
        urban,
        province,
        reg_effect,
        work_effect,
        we_effect,
        region_p,
    )


def _municipality_sizes(
    rng: np.random.Generator, codes: np.ndarray, area: np.ndarray
) -> np.ndarray:
    """Expected monthly stock per municipality: fixed figures, lognormal for the rest."""
    fixed = {**CENTRE_CITY_STOCK, **TOWN_STOCK}
    # The upper tail is cut so no village outgrows the regional towns.
    z = np.clip(rng.normal(0.0, 1.0, len(codes)), -3.0, SMALL_MUNI_Z_MAX)
    raw = np.exp(SMALL_MUNI_SIGMA * z) * area**SMALL_MUNI_AREA_POWER
    is_fixed = np.isin(codes, list(fixed))
    size = raw / raw[~is_fixed].sum() * (FLANDERS_STOCK - sum(fixed.values()))
    for i in np.flatnonzero(is_fixed):
        size[i] = fixed[codes[i]]
    return size


# ---------------------------------------------------------------------------
# Calendar


@dataclass(frozen=True)
class Calendar:
    """Per simulated month: label and time-varying parameters."""

    months: np.ndarray  # absolute month indices
    year: np.ndarray
    inflow: np.ndarray  # relative intensity of regular first entries
    ukraine: np.ndarray  # relative intensity of extra entries (war in Ukraine)
    reg_logit_pre: np.ndarray  # registration logit without the duty
    reg_logit: np.ndarray  # registration logit including the duty
    muni_reg_scale: np.ndarray  # how much of the municipal registration effect applies
    work_season: np.ndarray
    gpmi_start: np.ndarray


def calendar(first: int, last: int) -> Calendar:
    months = np.arange(first, last + 1)
    years_since_2019 = (months - M2019) / 12.0
    moy = months % 12
    inflow = np.exp(INFLOW_TREND * years_since_2019) * INFLOW_SEASON[moy]

    # Arrivals from Ukraine: a sharp rise from March 2022, fading out by end 2023; in the
    # same unit as `inflow`, whatever part of the period the calendar covers.
    k = np.arange(UKRAINE_MONTHS)
    shape = np.exp(-np.clip(k - 3, 0, None) / 5.0) * np.minimum(k + 1, 4)
    shape = UKRAINE_MASS * shape / shape.sum() * np.exp(INFLOW_TREND * (M_UKRAINE - M2019) / 12.0)
    since = months - M_UKRAINE
    ukraine = np.where(
        (since >= 0) & (since < UKRAINE_MONTHS), shape[np.clip(since, 0, UKRAINE_MONTHS - 1)], 0.0
    )

    pre = REG_LOGIT_2019 + REG_LOGIT_TREND * np.clip(
        years_since_2019, -3.0, (M_DUTY - M2019) / 12.0
    )
    ramp = np.clip((months - M_DUTY + 1) / REG_DUTY_RAMP_MONTHS, 0.0, 1.0)
    gpmi = np.clip(
        GPMI_START_2019 + (GPMI_START_2025 - GPMI_START_2019) * years_since_2019 / 6.0,
        0.3,
        GPMI_START_2025,
    )
    return Calendar(
        months=months,
        year=months // 12,
        inflow=inflow,
        ukraine=ukraine,
        reg_logit_pre=pre,
        reg_logit=pre + REG_DUTY_LIFT * ramp,
        muni_reg_scale=1.0 - REG_DUTY_SHRINK * ramp,
        work_season=WORK_SEASON[moy],
        gpmi_start=gpmi,
    )


# ---------------------------------------------------------------------------
# Persons


def _choice(rng: np.random.Generator, p: np.ndarray, n: int) -> np.ndarray:
    """n draws from categorical p (1-d), as small ints."""
    idx = np.searchsorted(np.cumsum(p) / np.sum(p), rng.random(n), side="right")
    return np.minimum(idx, len(p) - 1).astype(np.int16)


def _choice_rows(rng: np.random.Generator, p: np.ndarray) -> np.ndarray:
    """One categorical draw per row of p (2-d, rows sum to 1)."""
    cum = np.cumsum(p, axis=1)
    u = rng.random(len(p))[:, None] * cum[:, -1:]
    return (u >= cum).sum(axis=1).clip(0, p.shape[1] - 1).astype(np.int8)


def draw_persons(rng: np.random.Generator, n: int, cal: Calendar, muni: Municipalities) -> dict:
    """Static characteristics of n persons (arrays of length n)."""
    intensity = cal.inflow + cal.ukraine
    entry = _choice(rng, intensity, n).astype(np.int32)
    ukr = rng.random(n) < (cal.ukraine / intensity)[entry]

    home = _choice(rng, muni.weight, n).astype(np.int32)
    urban = muni.urban[home]
    p_origin = np.stack(
        [0.68 - 0.20 * urban, np.full(n, 0.09), 0.20 + 0.20 * urban, np.full(n, 0.03)], axis=1
    )
    origin = np.where(ukr, NIET_EU, _choice_rows(rng, p_origin)).astype(np.int8)

    ages = np.concatenate([np.arange(lo, hi + 1) for lo, hi, _ in AGE_CLASSES])
    age_p = np.concatenate([np.full(hi - lo + 1, p / (hi - lo + 1)) for lo, hi, p in AGE_CLASSES])
    age = ages[_choice(rng, age_p, n)]
    birth_year = (cal.year[entry] - age).astype(np.int32)

    gender = np.where(
        ukr & (rng.random(n) < 0.7), 1, _choice(rng, np.array([0.47, 0.528, 0.002]), n)
    )
    edu_p = np.where(
        ukr[:, None],
        [0.15, 0.40, 0.35, 0.10],
        np.where((age < 21)[:, None], [0.62, 0.18, 0.02, 0.18], [0.45, 0.30, 0.11, 0.14]),
    )
    education = _choice_rows(rng, edu_p)

    move = rng.random(n) < MOVE_SHARE
    move_t = np.where(
        move, entry + rng.integers(1, MOVE_WITHIN + 1, n), np.iinfo(np.int32).max
    ).astype(np.int32)
    dest = _destinations(rng, home, muni)

    employability = np.exp(rng.normal(-(EMPLOYABILITY_SIGMA**2) / 2, EMPLOYABILITY_SIGMA, n))
    static_work = (
        employability
        * np.array([0.6, 1.1, 1.8, 0.8])[education]
        * np.array([1.0, 1.1, 0.75, 0.85])[origin]
        * np.where(gender == 1, 0.9, 1.0)
        * np.where(ukr, 0.8, 1.0)
    )
    return {
        "entry": entry,
        "ukraine": ukr,
        "home": home,
        "dest": dest,
        "move_t": move_t,
        "origin": origin,
        "birth_year": birth_year,
        "gender": gender.astype(np.int8),
        "education": education,
        "employability": employability,
        "static_work": static_work,
        "frailty": FRAILTY_FLOOR
        + (1 - FRAILTY_FLOOR) * rng.gamma(FRAILTY_SHAPE, 1.0 / FRAILTY_SHAPE, n),
        "u_reg": rng.random(n),
        "reg_static": REG_EDUCATION[education] + np.log(employability),
        "we_effect": muni.we_effect[home],
    }


def _destinations(rng: np.random.Generator, home: np.ndarray, muni: Municipalities) -> np.ndarray:
    """A municipality to move to: mostly within the province, never the home one."""
    n = len(home)
    dest = _choice(rng, muni.weight, n).astype(np.int32)
    same = rng.random(n) < MOVE_SAME_PROVINCE
    for prov in np.unique(muni.province):
        members = np.flatnonzero(muni.province == prov)
        sel = same & (muni.province[home] == prov)
        dest[sel] = members[_choice(rng, muni.weight[members], int(sel.sum()))]
    clash = dest == home
    dest[clash] = (dest[clash] + 1) % len(muni.weight)  # a neighbour in code order
    return dest


# ---------------------------------------------------------------------------
# Monthly simulation


@dataclass
class ChunkOutput:
    """Per person and written month (n, window) int8 codes; -1 = no row."""

    vdab: np.ndarray
    benefit_type: np.ndarray
    household: np.ndarray
    gpmi: np.ndarray
    work_type: np.ndarray
    work_region: np.ndarray


def _age_tables() -> tuple[np.ndarray, np.ndarray]:
    age = np.arange(131)
    work = np.select([age < 25, age < 35, age < 45, age < 55], [1.1, 1.15, 1.0, 0.7], 0.35)
    reg = np.select([age < 25, age < 55, age < 60], [-0.3, 0.0, -0.4], -0.9)
    return work, reg


def _duration_tables() -> tuple[np.ndarray, np.ndarray]:
    d = np.arange(400)
    exit_work = np.select([d < 2, d < 12, d < 24], [0.8, 1.0, 0.75], 0.45)
    exit_other = np.select([d < 3, d < 12, d < 24], [1.3, 1.0, 0.8], 0.65)
    return exit_work, exit_other


AGE_WORK, AGE_REG = _age_tables()
DUR_EXIT_WORK, DUR_EXIT_OTHER = _duration_tables()
REG_DURATION = np.array([-0.8, -0.3] + [0.0] * 398)
HOUSEHOLD_WORK = np.array([0.65, 1.0, 1.45])
REG_EDUCATION = np.array([-0.1, 0.1, 0.3, -0.3])  # registration logit by education


def simulate_chunk(
    rng: np.random.Generator, p: dict, cal: Calendar, muni: Municipalities, first_written: int
) -> ChunkOutput:
    """Run the monthly state machine for one chunk of persons."""
    n = len(p["entry"])
    n_months = len(cal.months)
    width = n_months - first_written
    out = ChunkOutput(*(np.full((n, width), -1, dtype=np.int8) for _ in range(6)))

    state = np.full(n, NOT_ENTERED, dtype=np.int8)
    dur = np.zeros(n, dtype=np.int32)
    cur = p["home"].copy()
    sub = np.zeros(n, dtype=np.int8)
    we_left = np.zeros(n, dtype=np.int32)
    part_time = np.zeros(n, dtype=bool)
    gpmi = np.zeros(n, dtype=bool)
    btype = np.zeros(n, dtype=np.int8)
    household = np.zeros(n, dtype=np.int8)
    wtype = np.zeros(n, dtype=np.int8)
    wreg = np.zeros(n, dtype=np.int8)
    ever = np.zeros(n, dtype=bool)
    p_ell = np.array([0.005, 0.07, 0.16, 0.05])[p["origin"]]

    for t in range(n_months):
        col = t - first_written
        age = (cal.year[t] - p["birth_year"]).clip(0, 130)
        retired = (state != NOT_ENTERED) & (age >= RETIREMENT_AGE)
        state[retired] = GONE
        moving = p["move_t"] == t
        cur[moving] = p["dest"][moving]

        entering = (state == NOT_ENTERED) & (p["entry"] == t)
        state[entering] = ON_BENEFIT
        dur[entering] = 0
        on = state == ON_BENEFIT
        _start_spells(
            rng,
            on & (dur == 0),
            ever,
            p,
            p_ell,
            cal,
            t,
            age,
            btype,
            household,
            gpmi,
            sub,
            we_left,
            part_time,
        )
        ever |= on

        reg, duty_reg = _registration(p, cal, muni, t, age, dur, cur, on, we_left)
        _update_substatus(rng, on, reg, duty_reg, sub, we_left, p, age)
        gpmi |= on & (rng.random(n) < GPMI_ACQUIRE)
        _update_part_time(rng, on, reg, part_time, wtype, wreg, cur, muni, p["static_work"])

        # Work rows of this month from states entered before it.
        work_now = np.full(n, -1, dtype=np.int8)
        work_reg_now = np.zeros(n, dtype=np.int8)
        art60 = on & (sub == WERKERVARING)
        work_now[art60] = ART60
        work_reg_now[art60] = np.where(
            rng.random(int(art60.sum())) < 0.98, 0, WORK_REGION.index("onbekend")
        )
        pt = on & part_time & ~art60
        work_now[pt] = wtype[pt]
        work_reg_now[pt] = wreg[pt]
        working = state == WORKING
        work_now[working] = wtype[working]
        work_reg_now[working] = wreg[working]

        if col >= 0:
            out.vdab[on, col] = sub[on]
            out.benefit_type[on, col] = btype[on]
            out.household[on, col] = household[on]
            out.gpmi[on, col] = gpmi[on]

        nxt, same_month_work = _transitions(
            rng,
            p,
            cal,
            muni,
            t,
            age,
            state,
            dur,
            sub,
            we_left,
            part_time,
            duty_reg,
            cur,
            household,
            wtype,
            wreg,
        )
        fill = same_month_work & (work_now < 0)
        work_now[fill] = wtype[fill]
        work_reg_now[fill] = wreg[fill]

        if col >= 0:
            out.work_type[:, col] = work_now
            out.work_region[:, col] = np.where(work_now >= 0, work_reg_now, -1)

        we_left[on & (we_left > 0)] -= 1
        changed = nxt != state
        dur = np.where(changed, 0, dur + 1)
        state = nxt
    return out


def _start_spells(
    rng, starting, ever, p, p_ell, cal, t, age, btype, household, gpmi, sub, we_left, part_time
) -> None:
    """Characteristics fixed per benefit spell: benefit type, household, GPMI."""
    idx = np.flatnonzero(starting)
    if not len(idx):
        return
    k = len(idx)
    ukr = p["ukraine"][idx]
    btype[idx] = np.where(ukr, rng.random(k) < 0.95, rng.random(k) < p_ell[idx])
    young = age[idx] < 25
    hh_p = np.where(
        ukr[:, None],
        [0.15, 0.35, 0.50],
        np.where(young[:, None], [0.45, 0.40, 0.15], [0.22, 0.50, 0.28]),
    )
    new_hh = _choice_rows(rng, hh_p)
    keep = ever[idx] & (rng.random(k) < 0.7)  # a re-entry usually keeps the household category
    household[idx] = np.where(keep, household[idx], new_hh)
    p_gpmi = cal.gpmi_start[t] + GPMI_YOUNG_LIFT * young
    gpmi[idx] = rng.random(k) < p_gpmi
    sub[idx] = NOT_REG
    we_left[idx] = 0
    part_time[idx] = False


def _registration(p, cal, muni, t, age, dur, cur, on, we_left):
    """Registered at VDAB this month, and registered only because of the duty."""
    base = (
        muni.reg_effect[cur] * cal.muni_reg_scale[t]
        + AGE_REG[age]
        + REG_DURATION[np.minimum(dur, 399)]
        + p["reg_static"]
    )
    p_pre = 1.0 / (1.0 + np.exp(-(cal.reg_logit_pre[t] + base)))
    p_now = 1.0 / (1.0 + np.exp(-(cal.reg_logit[t] + base)))
    reg = on & ((p["u_reg"] < p_now) | (we_left > 0))
    duty_reg = reg & (p["u_reg"] >= p_pre)
    return reg, duty_reg


def _update_substatus(rng, on, reg, duty_reg, sub, we_left, p, age) -> None:
    n = len(sub)
    in_we = on & (we_left > 0)
    sub[on & ~reg] = NOT_REG
    candidates = reg & ~in_we
    was_registered = (sub != NOT_REG) & (sub != WERKERVARING)
    redraw = candidates & ~(was_registered & (rng.random(n) < SUBSTATUS_KEEP))
    idx = np.flatnonzero(redraw)
    if len(idx):
        probs = np.where(duty_reg[idx, None], SUBSTATUS_P_DUTY, SUBSTATUS_P)
        sub[idx] = np.array([NWWZ, BEGELEIDING, OPLEIDING, NIET_BESCHIKBAAR], dtype=np.int8)[
            _choice_rows(rng, probs)
        ]
    p_we = WE_START * p["we_effect"] * np.where(age >= 55, 0.4, 1.0) * np.where(duty_reg, 0.5, 1.0)
    start_we = candidates & (sub != NIET_BESCHIKBAAR) & (rng.random(n) < p_we)
    idx = np.flatnonzero(start_we)
    sub[idx] = WERKERVARING
    we_left[idx] = rng.integers(WE_MONTHS[0], WE_MONTHS[1] + 1, len(idx))
    sub[in_we] = WERKERVARING


def _update_part_time(rng, on, reg, part_time, wtype, wreg, cur, muni, static_work) -> None:
    n = len(on)
    u = rng.random(n)
    start = on & ~part_time & (u < PART_TIME_START * static_work * np.where(reg, 1.5, 0.15))
    stop = part_time & (~on | (u < PART_TIME_END))
    part_time[stop] = False
    idx = np.flatnonzero(start)
    part_time[idx] = True
    _draw_job(rng, idx, PART_TIME_TYPE_P, wtype, wreg, cur, muni)


def _draw_job(rng, idx, type_p, wtype, wreg, cur, muni) -> None:
    if not len(idx):
        return
    wtype[idx] = _choice(rng, type_p, len(idx))
    wreg[idx] = _choice_rows(rng, muni.region_p[cur[idx]])


def _transitions(
    rng,
    p,
    cal,
    muni,
    t,
    age,
    state,
    dur,
    sub,
    we_left,
    part_time,
    duty_reg,
    cur,
    household,
    wtype,
    wreg,
):
    """State of next month, and who has a first work month overlapping this benefit month."""
    n = len(state)
    nxt = state.copy()
    same_month_work = np.zeros(n, dtype=bool)
    u = rng.random(n)
    on = state == ON_BENEFIT
    d = np.minimum(dur, 399)

    hw = (
        BASE_EXIT_WORK
        * p["static_work"]
        * p["frailty"] ** FRAILTY_WORK_POWER
        * AGE_WORK[age]
        * DUR_EXIT_WORK[d]
        * STATUS_WORK_MULT[sub]
        * HOUSEHOLD_WORK[household]
        * muni.work_effect[cur]
        * cal.work_season[t]
        * np.where(part_time, PART_TIME_WORK_MULT, 1.0)
        * np.where(duty_reg, DUTY_REGISTRANT_MULT, 1.0)
    )
    ho = (
        BASE_EXIT_OTHER * p["frailty"] * DUR_EXIT_OTHER[d] * np.where(sub == WERKERVARING, 0.0, 1.0)
    )
    to_work = on & (u < hw)
    to_other = on & ~to_work & (u < hw + ho)

    # End of an art. 60 contract: often the way out of the benefit.
    we_end = on & (we_left == 1)
    leave = we_end & (rng.random(n) < WE_EXIT_BENEFIT)
    we_job = leave & (rng.random(n) < WE_EXIT_TO_WORK)
    to_work = (to_work & ~we_end) | we_job
    to_other = (to_other & ~we_end) | (leave & ~we_job)
    sub[we_end & ~leave] = NWWZ

    idx = np.flatnonzero(to_work)
    _draw_job(rng, idx, EXIT_WORK_TYPE_P, wtype, wreg, cur, muni)
    nxt[to_work] = WORKING
    nxt[to_other] = OFF_NO_WORK
    same_month_work[to_work & (rng.random(n) < SAME_MONTH_WORK)] = True

    v = rng.random(n)
    working = state == WORKING
    p_fallback = np.where(dur < 12, *FALLBACK_FROM_WORK)
    fallback = working & (v < p_fallback)
    job_end = working & ~fallback & (v < p_fallback + WORK_END[wtype])
    nxt[fallback] = ON_BENEFIT
    nxt[job_end] = OFF_NO_WORK

    off = state == OFF_NO_WORK
    p_reentry = np.select([dur < 6, dur < 24], REENTRY_FROM_OFF[:2], REENTRY_FROM_OFF[2])
    p_find = np.where(dur < 12, *FIND_WORK_OFF) * cal.work_season[t] * p["static_work"]
    reenter = off & (v < p_reentry)
    find = off & ~reenter & (v < p_reentry + p_find)
    gone = off & ~reenter & ~find & (v > 1.0 - LEAVE_POPULATION)
    nxt[reenter] = ON_BENEFIT
    nxt[find] = WORKING
    nxt[gone] = GONE
    _draw_job(rng, np.flatnonzero(find), EXIT_WORK_TYPE_P, wtype, wreg, cur, muni)
    return nxt, same_month_work


# ---------------------------------------------------------------------------
# Writing


BENEFIT_SCHEMA = pa.schema(
    [(c, pa.int32() if c == "birth_year" else pa.string()) for c in BENEFIT_COLUMNS]
)
WORK_SCHEMA = pa.schema([(c, pa.string()) for c in WORK_COLUMNS])


class DeliveryWriter:
    """One open writer per (feed, year); rows are appended chunk by chunk."""

    def __init__(self, out_dir: Path, years: range, fmt: str):
        self.paths: list[Path] = []
        self._writers = {}
        self._sinks: list[pa.NativeFile] = []
        for feed, schema in (("benefit", BENEFIT_SCHEMA), ("work", WORK_SCHEMA)):
            for year in years:
                path = out_dir / f"{feed}_{year}.{fmt}"
                self.paths.append(path)
                self._writers[feed, year] = self._open(path, schema, fmt)

    def _open(self, path: Path, schema: pa.Schema, fmt: str):
        if fmt == "parquet":
            return pq.ParquetWriter(path, schema, compression="zstd")
        # Arrow quotes header names whatever the quoting style, so the header is written here.
        sink = pa.OSFile(str(path), "wb")
        self._sinks.append(sink)
        sink.write((",".join(schema.names) + "\n").encode("utf-8"))
        options = pacsv.WriteOptions(include_header=False, delimiter=",", quoting_style="none")
        return pacsv.CSVWriter(sink, schema, write_options=options)

    def write(self, feed: str, year: int, table: pa.Table) -> None:
        if table.num_rows:
            self._writers[feed, year].write_table(table)

    def close(self) -> None:
        for writer in self._writers.values():
            writer.close()
        for sink in self._sinks:
            if not sink.closed:
                sink.close()


def _strings(values) -> pa.Array:
    return pa.array([str(v) for v in values], type=pa.string())


VDAB_ARR, WORK_TYPE_ARR, WORK_REGION_ARR = (
    _strings(VDAB_STATUS),
    _strings(WORK_TYPE),
    _strings(WORK_REGION),
)
HOUSEHOLD_ARR, GENDER_ARR, EDUCATION_ARR = (
    _strings(HOUSEHOLD),
    _strings(GENDER),
    _strings(EDUCATION),
)
ORIGIN_ARR, BENEFIT_TYPE_ARR, GPMI_ARR = (
    _strings(ORIGIN),
    _strings(BENEFIT_TYPE),
    _strings(("0", "1")),
)


def _person_ids(rng: np.random.Generator, n: int) -> pa.Array:
    """64 lowercase hex characters per person, like an HMAC-SHA256 pseudonym."""
    hexed = rng.bytes(32 * n).hex().encode("ascii")
    return pa.array(np.frombuffer(hexed, dtype="S64").astype(str), type=pa.string())


class RowBuilder:
    """Turns a chunk's month grid into per-year Arrow tables."""

    def __init__(self, cal: Calendar, muni: Municipalities, first_written: int):
        self.cal, self.first_written = cal, first_written
        self.month_arr = _strings(month_label(m) for m in cal.months)
        self.code_arr = _strings(list(muni.codes_2019) + list(muni.codes_2025))
        self.n19, self.to_2025 = len(muni.codes_2019), muni.to_2025

    def columns_of_year(self, year: int) -> tuple[int, int]:
        written = self.cal.year[self.first_written :]
        cols = np.flatnonzero(written == year)
        return int(cols[0]), int(cols[-1]) + 1

    def benefit(self, ids, p, out: ChunkOutput, c0: int, c1: int) -> pa.Table:
        pi, mj = np.nonzero(out.vdab[:, c0:c1] >= 0)
        t = self.first_written + c0 + mj  # simulated month index
        muni = np.where(t >= p["move_t"][pi], p["dest"][pi], p["home"][pi])
        code = np.where(self.cal.months[t] >= M_MERGER, self.n19 + self.to_2025[muni], muni)
        grid = (pi, c0 + mj)
        return pa.table(
            {
                "person_id": ids.take(pi),
                "ref_month": self.month_arr.take(t),
                "nis_code": self.code_arr.take(code),
                "benefit_type": BENEFIT_TYPE_ARR.take(out.benefit_type[grid]),
                "household": HOUSEHOLD_ARR.take(out.household[grid]),
                "gender": GENDER_ARR.take(p["gender"][pi]),
                "birth_year": pa.array(p["birth_year"][pi], type=pa.int32()),
                "education": EDUCATION_ARR.take(p["education"][pi]),
                "origin": ORIGIN_ARR.take(p["origin"][pi]),
                "vdab_status": VDAB_ARR.take(out.vdab[grid]),
                "gpmi": GPMI_ARR.take(out.gpmi[grid]),
            },
            schema=BENEFIT_SCHEMA,
        )

    def work(
        self, ids, first_benefit_col: np.ndarray, out: ChunkOutput, c0: int, c1: int
    ) -> pa.Table:
        cols = np.arange(c0, c1)
        # The work feed covers the persons of the delivered benefit feed, from their first
        # month in it.
        keep = (out.work_type[:, c0:c1] >= 0) & (cols[None, :] >= first_benefit_col[:, None])
        pi, mj = np.nonzero(keep)
        grid = (pi, c0 + mj)
        return pa.table(
            {
                "person_id": ids.take(pi),
                "ref_month": self.month_arr.take(self.first_written + c0 + mj),
                "work_type": WORK_TYPE_ARR.take(out.work_type[grid]),
                "work_region": WORK_REGION_ARR.take(out.work_region[grid]),
            },
            schema=WORK_SCHEMA,
        )


# ---------------------------------------------------------------------------
# Entry point


def _validate(persons, start: str, end: str, seed, fmt: str) -> tuple[int, int]:
    if isinstance(persons, bool) or not isinstance(persons, (int, np.integer)) or persons < 1:
        raise ValueError(f"persons must be a whole number of at least 1, got {persons!r}")
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(f"seed must be a non-negative whole number, got {seed!r}")
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    first, last = month_index(start), month_index(end)
    if first > last:
        raise ValueError(f"start {start} is after end {end}")
    return first, last


def generate(
    out_dir: Path,
    persons: int = DEFAULT_PERSONS,
    start: str = DEFAULT_START,
    end: str = DEFAULT_END,
    seed: int = 42,
    fmt: str = "csv",
    progress: bool = False,
) -> dict:
    """Write a synthetic delivery: benefit_YYYY.<ext> and work_YYYY.<ext> per calendar year.

    ``persons`` is the number of simulated persons, entering over the written
    period and a warm-up period before it; ``summary["persons"]`` counts those
    with at least one benefit month in [start, end]. Same arguments give
    byte-identical files.
    """
    first, last = _validate(persons, start, end, seed, fmt)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    cal = calendar(first - WARMUP_MONTHS, last)
    muni = municipality_model()
    builder = RowBuilder(cal, muni, WARMUP_MONTHS)
    years = range(first // 12, last // 12 + 1)
    year_cols = {y: builder.columns_of_year(y) for y in years}

    n_chunks = -(-int(persons) // CHUNK_SIZE)
    streams = np.random.SeedSequence(int(seed)).spawn(n_chunks)
    chunks = range(n_chunks)
    if progress:
        from tqdm import tqdm

        chunks = tqdm(chunks, desc="generating", unit="chunk")
    summary = {"files": [], "benefit_rows": 0, "work_rows": 0, "persons": 0}
    writer = DeliveryWriter(out_dir, years, fmt)
    try:
        for i in chunks:
            n = min(CHUNK_SIZE, int(persons) - i * CHUNK_SIZE)
            rng = np.random.Generator(np.random.PCG64(streams[i]))
            ids = _person_ids(rng, n)
            p = draw_persons(rng, n, cal, muni)
            out = simulate_chunk(rng, p, cal, muni, WARMUP_MONTHS)
            has_benefit = out.vdab >= 0
            first_col = np.where(
                has_benefit.any(axis=1), has_benefit.argmax(axis=1), has_benefit.shape[1]
            )
            summary["persons"] += int((first_col < has_benefit.shape[1]).sum())
            for year, (c0, c1) in year_cols.items():
                ben = builder.benefit(ids, p, out, c0, c1)
                wrk = builder.work(ids, first_col, out, c0, c1)
                writer.write("benefit", year, ben)
                writer.write("work", year, wrk)
                summary["benefit_rows"] += ben.num_rows
                summary["work_rows"] += wrk.num_rows
    finally:
        writer.close()
    summary["files"] = [str(path) for path in writer.paths]
    return summary
