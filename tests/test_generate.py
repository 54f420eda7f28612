"""Tests of the synthetic-delivery generator (etl/generate.py)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from etl import generate as gen
from etl import reference

START, END = "2023-01", "2025-06"
PERSONS = 4000

BENEFIT_HEADER = (
    "person_id,ref_month,nis_code,benefit_type,household,gender,birth_year,education,origin,"
    "vdab_status,gpmi"
)
WORK_HEADER = "person_id,ref_month,work_type,work_region"


@pytest.fixture(scope="module")
def delivery(tmp_path_factory):
    out = tmp_path_factory.mktemp("delivery")
    summary = gen.generate(out, persons=PERSONS, start=START, end=END, seed=7)
    return out, summary


def _read(out, feed: str, ext: str = "csv") -> pd.DataFrame:
    files = sorted(out.glob(f"{feed}_*.{ext}"))
    if ext == "csv":
        frames = [pd.read_csv(f, dtype=str, keep_default_na=False) for f in files]
    else:
        frames = [pd.read_parquet(f).astype(str) for f in files]
    return pd.concat(frames, ignore_index=True)


@pytest.fixture(scope="module")
def benefit(delivery):
    return _read(delivery[0], "benefit")


@pytest.fixture(scope="module")
def work(delivery):
    return _read(delivery[0], "work")


def test_files_and_summary(delivery, benefit, work):
    out, summary = delivery
    names = sorted(p.name for p in out.iterdir())
    assert names == [f"{feed}_{y}.csv" for feed in ("benefit", "work") for y in (2023, 2024, 2025)]
    assert sorted(summary["files"]) == sorted(str(out / n) for n in names)
    assert summary["benefit_rows"] == len(benefit) > 0
    assert summary["work_rows"] == len(work) > 0
    assert summary["persons"] == benefit["person_id"].nunique()


def test_headers_exact(delivery):
    out, _ = delivery
    for path in out.glob("benefit_*.csv"):
        assert path.read_text(encoding="utf-8").split("\n", 1)[0] == BENEFIT_HEADER
    for path in out.glob("work_*.csv"):
        assert path.read_text(encoding="utf-8").split("\n", 1)[0] == WORK_HEADER


def test_plain_values_no_quotes(delivery):
    out, _ = delivery
    text = (out / "benefit_2024.csv").read_text(encoding="utf-8")
    assert '"' not in text
    assert text.endswith("\n")


def test_keys_unique_and_months_in_range(delivery, benefit, work):
    out, _ = delivery
    for df in (benefit, work):
        assert not df.duplicated(["person_id", "ref_month"]).any()
        assert df["ref_month"].str.fullmatch(r"\d{4}-\d{2}").all()
        assert df["ref_month"].min() >= START and df["ref_month"].max() <= END
    # each file holds its own calendar year only
    for path in out.glob("*.csv"):
        year = path.stem.split("_")[1]
        months = pd.read_csv(path, dtype=str, usecols=["ref_month"])["ref_month"]
        assert months.str.startswith(year).all()


def test_domains(benefit, work):
    assert benefit["person_id"].str.fullmatch(r"[0-9a-f]{64}").all()
    assert set(benefit["benefit_type"]) == {"LL", "ELL"}
    assert set(benefit["household"]) == set(gen.HOUSEHOLD)
    assert set(benefit["gender"]) <= set(gen.GENDER)
    assert set(benefit["education"]) == set(gen.EDUCATION)
    assert set(benefit["origin"]) == set(gen.ORIGIN)
    assert set(benefit["vdab_status"]) == set(gen.VDAB_STATUS)
    assert set(benefit["gpmi"]) == {"0", "1"}
    age = benefit["ref_month"].str[:4].astype(int) - benefit["birth_year"].astype(int)
    assert age.between(18, 65).all()
    assert (age < 25).mean() > 0.15
    assert set(work["work_type"]) == set(gen.WORK_TYPE)
    assert set(work["work_region"]) <= set(gen.WORK_REGION)
    assert (work["work_region"] == "VLG").mean() > 0.8


def test_nis_codes_follow_the_vintage(benefit):
    codes = reference.valid_codes()
    assert benefit["nis_code"].str.fullmatch(r"\d{5}").all()
    before = benefit["ref_month"] < "2025-01"
    assert benefit.loc[before, "nis_code"].isin(codes.flemish_2019).all()
    assert benefit.loc[~before, "nis_code"].isin(codes.flemish_2025).all()
    # abolished codes before 2025 only, new codes from 2025 only
    assert benefit.loc[before, "nis_code"].isin(codes.flemish_2019 - codes.flemish_2025).any()
    assert benefit.loc[~before, "nis_code"].isin(codes.flemish_2025 - codes.flemish_2019).any()


def test_code_switch_follows_crosswalk(benefit):
    cross = reference.crosswalk().set_index("old_nis")["new_nis"]
    dec = benefit[benefit["ref_month"] == "2024-12"].set_index("person_id")["nis_code"]
    jan = benefit[benefit["ref_month"] == "2025-01"].set_index("person_id")["nis_code"]
    both = dec.index.intersection(jan.index)
    mapped = cross.loc[dec.loc[both]].to_numpy()
    assert (mapped == jan.loc[both].to_numpy()).mean() > 0.98  # the rest moved that month


def test_every_municipality_can_occur():
    muni = gen.municipality_model()
    assert len(muni.codes_2019) == 300 and len(muni.codes_2025) == 285
    assert (muni.weight > 0).all()
    assert set(muni.to_2025) == set(range(285))
    stock = muni.weight * gen.FLANDERS_STOCK
    assert stock[muni.codes_2019 == "11002"][0] > 5 * np.median(stock)


def test_sizes_differ_strongly(benefit):
    per_muni = benefit[benefit["ref_month"] == "2024-06"].groupby("nis_code").size()
    assert per_muni.idxmax() == "11002"  # Antwerpen
    assert per_muni.nlargest(2).index[1] == "44021"  # Gent
    assert per_muni.min() < 5


def test_some_persons_move(benefit):
    cross = reference.crosswalk().set_index("old_nis")["new_nis"]
    current = benefit["nis_code"].map(cross).fillna(benefit["nis_code"])
    n_munis = current.groupby(benefit["person_id"]).nunique()
    assert 0 < (n_munis > 1).mean() < 0.1


def test_werkervaring_has_art60_work(benefit, work):
    we = benefit.loc[benefit["vdab_status"] == "werkervaring", ["person_id", "ref_month"]]
    assert len(we) > 0
    joined = we.merge(work, on=["person_id", "ref_month"], how="left")
    assert (joined["work_type"] == "art60").all()
    art60 = work[work["work_type"] == "art60"].merge(
        benefit, on=["person_id", "ref_month"], how="left"
    )
    assert (art60["vdab_status"] == "werkervaring").all()


def test_work_feed_covers_benefit_population(benefit, work):
    first = benefit.groupby("person_id")["ref_month"].min()
    assert work["person_id"].isin(first.index).all()
    assert (work["ref_month"].to_numpy() >= first.loc[work["person_id"]].to_numpy()).all()
    # part of the work is after leaving the benefit, part while on it
    on_benefit = work.merge(benefit[["person_id", "ref_month"]], how="inner")
    assert 0.1 < len(on_benefit) / len(work) < 0.6


def test_registration_rises_after_duty(benefit):
    registered = benefit["vdab_status"] != "niet_ingeschreven"
    before = registered[benefit["ref_month"].between("2023-01", "2024-02")].mean()
    after = registered[benefit["ref_month"] >= "2025-01"].mean()
    assert 0.45 < before < 0.65
    assert after > 0.72
    assert after - before > 0.15


def test_ell_more_among_non_eu(benefit):
    ell = benefit["benefit_type"] == "ELL"
    assert 0.03 < ell.mean() < 0.15
    assert ell[benefit["origin"] == "niet_eu"].mean() > 3 * ell[benefit["origin"] == "belg"].mean()


def test_deterministic(tmp_path, delivery):
    out, summary = delivery
    again = gen.generate(tmp_path / "again", persons=PERSONS, start=START, end=END, seed=7)
    for first, second in zip(summary["files"], again["files"], strict=True):
        with open(first, "rb") as a, open(second, "rb") as b:
            assert a.read() == b.read()


def test_other_seed_differs(tmp_path, delivery):
    out, _ = delivery
    other = gen.generate(tmp_path / "other", persons=PERSONS, start=START, end=END, seed=8)
    assert (out / "benefit_2024.csv").read_bytes() != (
        tmp_path / "other" / "benefit_2024.csv"
    ).read_bytes()
    assert other["benefit_rows"] > 0


def test_parquet_same_content(tmp_path, delivery, benefit, work):
    summary = gen.generate(tmp_path, persons=PERSONS, start=START, end=END, seed=7, fmt="parquet")
    assert all(f.endswith(".parquet") for f in summary["files"])
    pd.testing.assert_frame_equal(_read(tmp_path, "benefit", "parquet"), benefit)
    pd.testing.assert_frame_equal(_read(tmp_path, "work", "parquet"), work)


def test_chunks_and_single_month(tmp_path):
    # more persons than one chunk; a one-month window still writes both feeds
    summary = gen.generate(tmp_path, persons=gen.CHUNK_SIZE + 5, start="2024-03", end="2024-03")
    assert [p.rsplit("/", 1)[-1] for p in summary["files"]] == ["benefit_2024.csv", "work_2024.csv"]
    df = pd.read_csv(tmp_path / "benefit_2024.csv", dtype=str)
    assert set(df["ref_month"]) == {"2024-03"}
    assert df["person_id"].is_unique


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"start": "2025-01", "end": "2024-12"}, "after"),
        ({"start": "2024-13"}, "YYYY-MM"),
        ({"end": "2024/06"}, "YYYY-MM"),
        ({"start": "24-01"}, "YYYY-MM"),
        ({"persons": 0}, "persons"),
        ({"persons": -3}, "persons"),
        ({"persons": 2.5}, "persons"),
        ({"fmt": "xlsx"}, "format"),
        ({"seed": -1}, "seed"),
    ],
)
def test_bad_arguments(tmp_path, kwargs, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        gen.generate(tmp_path / "x", **{"persons": 10, **kwargs})
    assert not (tmp_path / "x").exists()
