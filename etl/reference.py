"""Reference data on Flemish municipalities, read from ``data/reference``.

Everything here is public open data copied into the repository (see
``data/reference/README.md``); nothing is fetched at run time.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

PROJECT_ROOT = Path(__file__).resolve().parent.parent
FLANDERS_REGION_CODE = "02000"
MERGER_DATE = "2025-01"  # first month in which the 2025 vintage of NIS codes is valid

_CODE_COLUMNS = {
    "nis_code": str,
    "region_code": str,
    "province_nis": str,
    "arrondissement_nis": str,
    "old_nis": str,
    "new_nis": str,
    "nis_2019": str,
    "nis_2025": str,
}


def reference_dir() -> Path:
    return Path(os.environ.get("LEEFLOON_REFERENCE_DIR", PROJECT_ROOT / "data" / "reference"))


def regions_file() -> Path:
    """The municipality -> region file; replaceable (contract section 4)."""
    default = reference_dir() / "regions_2025.csv"
    return Path(os.environ.get("LEEFLOON_REGIONS_FILE", default))


def _read(name: str | Path) -> pd.DataFrame:
    path = name if isinstance(name, Path) else reference_dir() / name
    return pd.read_csv(path, dtype=_CODE_COLUMNS, keep_default_na=False)


@lru_cache(maxsize=4)
def municipalities(vintage: int = 2025, flemish_only: bool = True) -> pd.DataFrame:
    """One row per municipality of a vintage, with province and centroid."""
    df = _read(f"municipalities_{vintage}.csv")
    if flemish_only:
        df = df[df["region_code"] == FLANDERS_REGION_CODE]
    df = df.copy()
    df["is_centrumstad"] = df["is_centrumstad"].astype(str).eq("True")
    for col in ("centroid_lon", "centroid_lat", "label_lon", "label_lat"):
        df[col] = df[col].astype(float)
    return df.reset_index(drop=True)


@lru_cache(maxsize=1)
def crosswalk() -> pd.DataFrame:
    """Every 2019 code -> its 2025 successor (identity for those not merged)."""
    df = _read("crosswalk_2019_2025.csv")
    return df[["old_nis", "old_name_nl", "new_nis", "new_name_nl"]].copy()


@lru_cache(maxsize=1)
def provinces() -> pd.DataFrame:
    units = _read("admin_units.csv")
    units = units.rename(columns={"nis_code": "province_nis"})
    flemish = set(municipalities(2025)["province_nis"])
    units = units[(units["level"] == "province") & units["province_nis"].isin(flemish)]
    return units[["province_nis", "name_nl"]].reset_index(drop=True)


@lru_cache(maxsize=1)
def centre_cities() -> pd.DataFrame:
    """The 13 Flemish centrumsteden with their 2025 code."""
    return _read("centre_cities.csv")[["name_nl", "nis_2019", "nis_2025"]].copy()


def regions(path: Path | None = None) -> pd.DataFrame:
    """Municipality -> benchmark region (referentieregio by default)."""
    path = path or regions_file()
    df = _read(Path(path))
    required = {"nis_code", "region_kind", "region_code", "region_name"}
    missing = required - set(df.columns)
    if missing:
        raise ValueError(f"{path}: region file lacks column(s) {', '.join(sorted(missing))}")
    known = set(municipalities(2025)["nis_code"])
    unknown = sorted(set(df["nis_code"]) - known)
    if unknown:
        raise ValueError(f"{path}: unknown 2025 NIS code(s) {', '.join(unknown[:5])}")
    absent = sorted(known - set(df["nis_code"]))
    if absent:
        raise ValueError(f"{path}: no region for NIS code(s) {', '.join(absent[:5])}")
    return df[list(sorted(required))].copy()


@dataclass(frozen=True)
class ValidCodes:
    """NIS codes a delivery may carry, per vintage, and the outside-Flanders codes."""

    flemish_2019: frozenset[str]
    flemish_2025: frozenset[str]
    non_flemish: frozenset[str]


@lru_cache(maxsize=1)
def valid_codes() -> ValidCodes:
    m19 = municipalities(2019, flemish_only=False)
    m25 = municipalities(2025, flemish_only=False)
    fl = FLANDERS_REGION_CODE
    return ValidCodes(
        flemish_2019=frozenset(m19.loc[m19["region_code"] == fl, "nis_code"]),
        flemish_2025=frozenset(m25.loc[m25["region_code"] == fl, "nis_code"]),
        non_flemish=frozenset(
            set(m19.loc[m19["region_code"] != fl, "nis_code"])
            | set(m25.loc[m25["region_code"] != fl, "nis_code"])
        ),
    )


EARTH_RADIUS_KM = 6371.0088


def great_circle_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Haversine distance in kilometres between two WGS84 points."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def nearby_centre_cities(k: int = 3) -> pd.DataFrame:
    """For each 2025 municipality, its k nearest centre cities (itself excluded).

    Columns: nis_code, rank (1 = nearest), city_nis, distance_km.
    Ties in distance are broken by NIS code so the result is deterministic.
    """
    if k < 1:
        raise ValueError("the number of nearby centre cities must be at least 1")
    muni = municipalities(2025)
    cities = muni[muni["nis_code"].isin(set(centre_cities()["nis_2025"]))].sort_values("nis_code")
    lon1, lat1 = (np.radians(muni[c].to_numpy())[:, None] for c in ("centroid_lon", "centroid_lat"))
    lon2, lat2 = (np.radians(cities[c].to_numpy())[None, :] for c in ("centroid_lon", "centroid_lat"))
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    dist = np.round(2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(a)), 3)
    city_codes = cities["nis_code"].to_numpy()
    dist[muni["nis_code"].to_numpy()[:, None] == city_codes[None, :]] = np.inf
    order = np.argsort(dist, axis=1, kind="stable")[:, :k]  # cities are sorted by code: ties by code
    rows = [
        (nis, rank + 1, city_codes[j], float(dist[i, j]))
        for i, nis in enumerate(muni["nis_code"])
        for rank, j in enumerate(order[i])
    ]
    return pd.DataFrame(rows, columns=["nis_code", "rank", "city_nis", "distance_km"])
