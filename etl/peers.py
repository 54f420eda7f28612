"""Peer municipalities: the k most similar ones on size and client mix.

In the manner of CIPFA's nearest-neighbour groups: each feature is standardised
over the 285 municipalities (z-score), and the distance between two
municipalities is the weighted Euclidean distance between their z-scores,
divided by the square root of the summed weights. The features and weights are
in ``data/config/peer_features.csv`` (or the file in ``LEEFLOON_PEER_FEATURES``);
k is ``LEEFLOON_PEERS_K`` (default 10). The client mix is that of the last complete
calendar year (the last 12 loaded months while no year is complete), so the groups stay
the same through a year. Ties are broken by NIS code, so the groups are deterministic.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from etl.periods import month_text
from etl.reference import PROJECT_ROOT
from etl.sqlfiles import run_sql

DEFAULT_K = 10
KNOWN_FEATURES = (
    "log_leefloners", "share_under_25", "share_55_plus", "share_low_education", "share_non_eu",
    "share_single", "share_with_dependants", "share_long_term",
)


def peers_k() -> int:
    raw = os.environ.get("LEEFLOON_PEERS_K", str(DEFAULT_K))
    try:
        k = int(raw)
    except ValueError:
        raise ValueError(f"LEEFLOON_PEERS_K must be a whole number, got {raw!r}") from None
    if not 1 <= k <= 50:
        raise ValueError(f"LEEFLOON_PEERS_K must be between 1 and 50, got {k}")
    return k


def feature_config(path: Path | None = None) -> pd.DataFrame:
    path = Path(path or os.environ.get("LEEFLOON_PEER_FEATURES",
                                       PROJECT_ROOT / "data" / "config" / "peer_features.csv"))
    cfg = pd.read_csv(path)
    if not {"feature", "weight"} <= set(cfg.columns):
        raise ValueError(f"{path}: needs the columns feature and weight")
    unknown = sorted(set(cfg["feature"]) - set(KNOWN_FEATURES))
    if unknown:
        raise ValueError(f"{path}: unknown feature(s) {', '.join(unknown)}; known: {', '.join(KNOWN_FEATURES)}")
    if (cfg["weight"] < 0).any() or cfg["weight"].sum() <= 0:
        raise ValueError(f"{path}: weights must be zero or more, and not all zero")
    return cfg[cfg["weight"] > 0].reset_index(drop=True)


def nearest_peers(features: pd.DataFrame, config: pd.DataFrame, k: int) -> pd.DataFrame:
    """nis_code, rank (1 = most similar), peer_nis, distance."""
    feats = features.sort_values("nis_code").reset_index(drop=True)
    x = feats[list(config["feature"])].to_numpy(dtype=float)
    std = x.std(axis=0)
    z = np.divide(x - x.mean(axis=0), std, out=np.zeros_like(x), where=std > 0)
    w = config["weight"].to_numpy(dtype=float)
    diff = z[:, None, :] - z[None, :, :]
    dist = np.sqrt((diff**2 * w).sum(axis=2) / w.sum())
    np.fill_diagonal(dist, np.inf)
    k = min(k, len(feats) - 1)
    order = np.argsort(dist, axis=1, kind="stable")[:, :k]
    codes = feats["nis_code"].to_numpy()
    rows = [(codes[i], r + 1, codes[j], round(float(dist[i, j]), 4))
            for i in range(len(codes)) for r, j in enumerate(order[i])]
    return pd.DataFrame(rows, columns=["nis_code", "rank", "peer_nis", "distance"])


def write(con: duckdb.DuckDBPyConnection, last_benefit_idx: int) -> dict[str, str]:
    """Peer groups into the comparison tables; returns facts for the meta table."""
    run_sql(con, "peers/peer_features.sql", {"last_benefit_idx": last_benefit_idx})
    config = feature_config()
    k = peers_k()
    peers = nearest_peers(con.execute("SELECT * FROM peer_features").fetchdf(), config, k)
    names = dict(con.execute("SELECT nis_code, name_nl FROM dim_municipality").fetchall())
    areas = pd.DataFrame(
        [("peers", f"PEERS:{nis}", f"Vergelijkbare gemeenten van {names[nis]}", f"5-{names[nis]}")
         for nis in sorted(names)],
        columns=["area_level", "area_code", "area_name", "sort_key"],
    )
    bridge = pd.DataFrame({"area_level": "peers", "area_code": "PEERS:" + peers["nis_code"],
                           "nis_code": peers["peer_nis"]})
    comparison = pd.concat([
        pd.DataFrame({"nis_code": sorted(names), "group_kind": "peers", "area_level": "peers",
                      "area_code": ["PEERS:" + n for n in sorted(names)], "rank": None, "distance_km": None}),
        pd.DataFrame({"nis_code": peers["nis_code"], "group_kind": "peer", "area_level": "municipality",
                      "area_code": peers["peer_nis"], "rank": peers["rank"], "distance_km": None}),
    ]).astype({"rank": "Int64", "distance_km": "Float64"})
    con.execute("DELETE FROM dim_area WHERE area_level = 'peers'")
    con.execute("DELETE FROM bridge_area_municipality WHERE area_level = 'peers'")
    con.execute("DELETE FROM municipality_comparison WHERE group_kind IN ('peers', 'peer')")
    for table, df in (("dim_area", areas), ("bridge_area_municipality", bridge),
                      ("municipality_comparison", comparison)):
        con.register("_frame", df)
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _frame")
        con.unregister("_frame")
    con.register("_frame", peers)
    con.execute("CREATE OR REPLACE TABLE peer_distance AS SELECT * FROM _frame")
    con.unregister("_frame")
    weights = ",".join(f"{f}={w:g}" for f, w in zip(config["feature"], config["weight"]))
    first, last = con.execute("SELECT first_idx, last_idx FROM peer_window").fetchone()
    con.execute("DROP TABLE peer_window")
    return {"peers_k": str(k), "peer_features": weights,
            "peer_months": f"{month_text(first)}..{month_text(last)}"}
