"""Reference data and comparison groups (contract section 4)."""

from __future__ import annotations

import pandas as pd
import pytest

from etl import reference, reference_tables


def test_current_flemish_municipalities_and_mergers():
    muni = reference.municipalities(2025)
    assert len(muni) == 285 and muni["nis_code"].is_unique
    old = reference.municipalities(2019)
    assert len(old) == 300
    xwalk = reference.crosswalk().set_index("old_nis")["new_nis"]
    assert xwalk["11007"] == "11002" and xwalk["71022"] == "71072" and xwalk["11056"] == "46030"


def test_nearby_centre_cities_in_kilometres():
    near = reference.nearby_centre_cities(3)
    assert len(near) == 285 * 3
    gent = near[near["nis_code"] == "44021"].sort_values("rank")
    assert "44021" not in set(gent["city_nis"])  # a centre city is not its own neighbour
    assert list(gent["city_nis"]) == ["41002", "46021", "31005"]  # Aalst, Sint-Niklaas, Brugge
    # the vectorised distances equal the haversine formula, and are real kilometres
    muni = reference.municipalities(2025).set_index("nis_code")
    g, a = muni.loc["44021"], muni.loc["41002"]
    km = reference.great_circle_km(g.centroid_lon, g.centroid_lat, a.centroid_lon, a.centroid_lat)
    assert gent.iloc[0]["distance_km"] == pytest.approx(km, abs=0.001)
    assert 20 < km < 35
    # a degree of longitude is shorter than a degree of latitude at 51°N
    assert reference.great_circle_km(4, 51, 5, 51) == pytest.approx(70.0, abs=1)
    assert reference.great_circle_km(4, 51, 4, 52) == pytest.approx(111.2, abs=1)


def test_k_is_configurable(monkeypatch):
    monkeypatch.setenv("LEEFLOON_NEARBY_CENTRE_CITIES", "5")
    assert reference_tables.nearby_k() == 5
    muni = reference_tables.dim_municipality(reference.regions())
    _, bridge, comparison = reference_tables.comparison_groups(muni, 5)
    assert (comparison[comparison["nis_code"] == "11001"]["group_kind"] == "centre_city").sum() == 5
    monkeypatch.setenv("LEEFLOON_NEARBY_CENTRE_CITIES", "0")
    with pytest.raises(ValueError):
        reference_tables.nearby_k()


def test_the_region_file_is_replaceable_and_checked(tmp_path, monkeypatch):
    regions = reference.regions()
    assert set(regions["region_kind"]) == {"referentieregio"} and regions["region_code"].nunique() == 15
    alt = regions.assign(region_kind="regiegebied", region_code="RG01", region_name="Heel Vlaanderen")
    path = tmp_path / "regions.csv"
    alt.to_csv(path, index=False)
    monkeypatch.setenv("LEEFLOON_REGIONS_FILE", str(path))
    assert set(reference.regions()["region_kind"]) == {"regiegebied"}
    alt.iloc[1:].to_csv(path, index=False)
    with pytest.raises(ValueError, match="no region for NIS code"):
        reference.regions()
    pd.concat([alt, alt.iloc[:1].assign(nis_code="99999")]).to_csv(path, index=False)
    with pytest.raises(ValueError, match="unknown 2025 NIS code"):
        reference.regions()
