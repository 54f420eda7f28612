"""Reference and comparison-group tables written into every warehouse version."""

from __future__ import annotations

import os

import duckdb
import pandas as pd

from etl import reference


def nearby_k() -> int:
    raw = os.environ.get("LEEFLOON_NEARBY_CENTRE_CITIES", "3")
    try:
        k = int(raw)
    except ValueError:
        raise ValueError(f"LEEFLOON_NEARBY_CENTRE_CITIES must be a whole number, got {raw!r}") from None
    if not 1 <= k <= 12:
        raise ValueError(f"LEEFLOON_NEARBY_CENTRE_CITIES must be between 1 and 12, got {k}")
    return k


def nis_codes() -> pd.DataFrame:
    """Every NIS code of both vintages with the current municipality it maps to."""
    m19 = reference.municipalities(2019, flemish_only=False)
    m25 = reference.municipalities(2025, flemish_only=False)
    xwalk = reference.crosswalk()[["old_nis", "new_nis"]]
    old = m19[["nis_code", "region_code"]].merge(xwalk, left_on="nis_code", right_on="old_nis", how="left")
    old = old.assign(vintage=2019, successor_nis=old["new_nis"])
    new = m25[["nis_code", "region_code"]].assign(vintage=2025, successor_nis=m25["nis_code"])
    cols = ["nis_code", "vintage", "region_code", "successor_nis"]
    return pd.concat([old[cols], new[cols]], ignore_index=True)


def dim_municipality(regions: pd.DataFrame) -> pd.DataFrame:
    muni = reference.municipalities(2025).drop(columns=["region_code", "region"])
    df = muni.merge(regions, on="nis_code", how="left")
    return df.rename(
        columns={
            "province_nis": "province_code",
            "arrondissement_nis": "arrondissement_code",
            "is_centrumstad": "is_centre_city",
        }
    )[
        [
            "nis_code", "name_nl", "name_fr", "province_code", "province_name",
            "arrondissement_code", "arrondissement_name", "region_code", "region_name",
            "region_kind", "is_centre_city", "label_lon", "label_lat",
        ]
    ].sort_values("nis_code")


def comparison_groups(muni: pd.DataFrame, k: int) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """dim_area, bridge_area_municipality and municipality_comparison."""
    names = dict(zip(muni["nis_code"], muni["name_nl"]))
    nearby = reference.nearby_centre_cities(k)
    pools = nearby.groupby("nis_code")["city_nis"].apply(lambda s: tuple(sorted(s)))
    pool_code = {nis: "CC:" + "+".join(cities) for nis, cities in pools.items()}

    areas, bridge = [], []
    for m in muni.itertuples(index=False):
        areas.append(("municipality", m.nis_code, m.name_nl, f"4-{m.name_nl}"))
        bridge += [
            ("municipality", m.nis_code, m.nis_code),
            ("province", m.province_code, m.nis_code),
            ("region", m.region_code, m.nis_code),
            ("flanders", "flanders", m.nis_code),
        ]
    for code, name in muni.groupby("province_code")["province_name"].first().items():
        areas.append(("province", code, name, f"1-{name}"))
    for code, name in muni.groupby("region_code")["region_name"].first().items():
        areas.append(("region", code, name, f"2-{code}"))
    areas.append(("flanders", "flanders", "Vlaanderen", "0"))
    for cities in sorted(set(pools.values)):
        code = "CC:" + "+".join(cities)
        label = ", ".join(sorted(names[c] for c in cities))
        areas.append(("centre_cities", code, f"Centrumsteden {label}", f"3-{code}"))
        bridge += [("centre_cities", code, c) for c in cities]

    by_municipality = {nis: rows for nis, rows in nearby.groupby("nis_code")}
    comparison = []
    for m in muni.itertuples(index=False):
        comparison.append((m.nis_code, "centre_cities", "centre_cities", pool_code[m.nis_code], None, None))
        for row in by_municipality[m.nis_code].itertuples(index=False):
            comparison.append((m.nis_code, "centre_city", "municipality", row.city_nis, row.rank, row.distance_km))
        comparison += [
            (m.nis_code, "region", "region", m.region_code, None, None),
            (m.nis_code, "province", "province", m.province_code, None, None),
            (m.nis_code, "flanders", "flanders", "flanders", None, None),
        ]
    return (
        pd.DataFrame(areas, columns=["area_level", "area_code", "area_name", "sort_key"]),
        pd.DataFrame(bridge, columns=["area_level", "area_code", "nis_code"]),
        pd.DataFrame(
            comparison,
            columns=["nis_code", "group_kind", "area_level", "area_code", "rank", "distance_km"],
        ).astype({"rank": "Int64", "distance_km": "Float64"}),
    )


def write(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """(Re)write the reference tables; returns facts for the meta table."""
    regions = reference.regions()
    muni = dim_municipality(regions)
    k = nearby_k()
    areas, bridge, comparison = comparison_groups(muni, k)
    tables = {
        "ref_nis_code": nis_codes(),
        "dim_municipality": muni,
        "dim_area": areas,
        "bridge_area_municipality": bridge,
        "municipality_comparison": comparison,
    }
    for name, df in tables.items():
        con.register("_frame", df)
        con.execute(f"CREATE OR REPLACE TABLE {name} AS SELECT * FROM _frame")
        con.unregister("_frame")
    kinds = sorted(set(regions["region_kind"]))
    return {"region_kind": ",".join(kinds), "nearby_centre_cities_k": str(k)}
