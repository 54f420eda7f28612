"""Component ids, ``<page>-<thing>``. Shell-wide ids start with ``app-``."""

# shell (app.py layout and every page frame)
LOCATION = "_pages_location"  # Dash pages' own dcc.Location: writing its search navigates
DOWNLOAD = "app-download"
PAGE_STATE = "app-page-state"  # dcc.Store in every page: what the page shows
SEARCH = "app-search"
DOWNLOAD_TYPE = "download"  # pattern-matching id type: {"type", "view", "fmt"}
ACCOUNT = "app-account"  # the header's user, role and logout button

# filter bar (each page has one; its ids are prefixed with the page)
def filter_ids(page: str) -> dict[str, str]:
    return {
        "period_type": f"{page}-period-type",
        "period": f"{page}-period",
        "indicator": f"{page}-indicator",
    }


# municipality page
MUN = "mun"
MUN_FILTERS = filter_ids(MUN)
MUN_CMP = "mun-cmp"
MUN_TREND_TYPE = "mun-trend-type"
MUN_HORIZON = "mun-horizon"
MUN_SECTION = "mun-section"  # pattern-matching id type: {"type", "name"}, a detail section drawn on its own
AREA_SECTION = "area-section"  # the same for the sections of a province or region page

# overview
OV = "ov"
OV_FILTERS = filter_ids(OV)
OV_MAP = "ov-map"
OV_GRID = "ov-grid"

# province and region pages
AREA = "area"
AREA_FILTERS = filter_ids(AREA)
AREA_MAP = "area-map"
AREA_TREND_TYPE = "area-trend-type"

# definitions
DEF = "def"
DEF_MUNICIPALITY = "def-municipality"

# not found
NF_SEARCH = "nf-search"
