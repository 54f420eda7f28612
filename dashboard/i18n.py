"""UI text in Dutch (default) and English. ``t(key, lang, **fields)``."""

from __future__ import annotations

LANGS = ("nl", "en")
DEFAULT_LANG = "nl"

TEXT: dict[str, dict[str, str]] = {
    # shell
    "app_title": {"nl": "Leefloon en activering", "en": "Social assistance and activation"},
    "app_subtitle": {
        "nl": "Vergelijk je OCMW met de centrumsteden, de regio en Vlaanderen",
        "en": "Compare your OCMW with the centre cities, the region and Flanders",
    },
    "skip_to_content": {"nl": "Naar de inhoud", "en": "Skip to content"},
    "nav_overview": {"nl": "Overzicht Vlaanderen", "en": "Flanders overview"},
    "nav_definitions": {"nl": "Definities", "en": "Definitions"},
    "search_placeholder": {"nl": "Zoek een gemeente…", "en": "Find a municipality…"},
    "search_label": {"nl": "Zoek een gemeente", "en": "Find a municipality"},
    "lang_switch": {"nl": "English", "en": "Nederlands"},
    "lang_switch_label": {"nl": "Switch to English", "en": "Schakel naar Nederlands"},
    "footer_data": {
        "nl": "Gegevensversie {version}, geladen op {loaded}. Maanden: {first} tot {last}.",
        "en": "Data version {version}, loaded {loaded}. Months: {first} to {last}.",
    },
    "footer_sources": {
        "nl": "Gemeentegrenzen: Statbel (statistische sectoren), bewerkt door Data & Analyse "
              "van de Vlaamse provincies. Gegevens: VDAB en de KSZ-datawarehouse (gepseudonimiseerd).",
        "en": "Municipal boundaries: Statbel (statistical sectors), processed by Data & Analyse "
              "of the Flemish provinces. Data: VDAB and the social-security data warehouse (pseudonymised).",
    },
    # filters
    "dd_search": {"nl": "Zoeken", "en": "Search"},
    "dd_none": {"nl": "Niets gevonden", "en": "Nothing found"},
    "dd_clear": {"nl": "Wissen", "en": "Clear"},
    "period": {"nl": "Periode", "en": "Period"},
    "period_type": {"nl": "Soort periode", "en": "Period type"},
    "month": {"nl": "Maand", "en": "Month"},
    "quarter": {"nl": "Kwartaal", "en": "Quarter"},
    "year": {"nl": "Jaar", "en": "Year"},
    "incomplete": {"nl": "onvolledig", "en": "incomplete"},
    "indicator": {"nl": "Indicator", "en": "Indicator"},
    "compare_with": {"nl": "Vergelijk met", "en": "Compare with"},
    "trend_by": {"nl": "Per", "en": "By"},
    "period_snapped": {
        "nl": "De periode {asked} valt buiten de gegevens. Je ziet {shown}, de dichtstbijzijnde beschikbare periode.",
        "en": "The period {asked} is outside the data. You see {shown}, the nearest available period.",
    },
    "period_invalid": {
        "nl": "\u201c{asked}\u201d is geen geldige periode (bv. 2024-06, 2024-Q2 of 2024). Je ziet {shown}.",
        "en": "\u201c{asked}\u201d is not a valid period (e.g. 2024-06, 2024-Q2 or 2024). You see {shown}.",
    },
    "period_incomplete_note": {
        "nl": "Let op: {period} is nog niet volledig: {loaded} van de {total} maanden zijn geladen.",
        "en": "Note: {period} is not complete yet: {loaded} of {total} months are loaded.",
    },
    # indicators
    "ind_leefloners": {"nl": "Leefloners", "en": "Social assistance recipients"},
    "ind_registration_rate": {"nl": "Ingeschreven bij VDAB", "en": "Registered with VDAB"},
    "ind_guidance_rate": {"nl": "In begeleiding/opleiding/werkervaring", "en": "In guidance/training/work experience"},
    "ind_work_6m_rate": {"nl": "Werk binnen 6 maanden", "en": "Work within 6 months"},
    "ind_work_12m_rate": {"nl": "Werk binnen 12 maanden", "en": "Work within 12 months"},
    "indshort_leefloners": {"nl": "leefloners", "en": "recipients"},
    "indshort_registration_rate": {"nl": "inschrijvingsgraad", "en": "registration rate"},
    "indshort_guidance_rate": {"nl": "begeleidingsgraad", "en": "guidance rate"},
    "indshort_work_6m_rate": {"nl": "werk ≤ 6 maanden", "en": "work ≤ 6 months"},
    "indshort_work_12m_rate": {"nl": "werk ≤ 12 maanden", "en": "work ≤ 12 months"},
    "inddef_leefloners": {
        "nl": "Het aantal verschillende personen dat in de periode minstens één maand een leefloon "
              "of equivalent leefloon kreeg van het OCMW.",
        "en": "The number of different persons who received social assistance (leefloon or "
              "equivalent) from the OCMW in at least one month of the period.",
    },
    "inddef_registration_rate": {
        "nl": "Van alle maanden met een leefloon in de periode: het deel waarin de persoon "
              "ingeschreven was bij VDAB (als werkzoekende, in begeleiding, opleiding of werkervaring, "
              "of tijdelijk niet beschikbaar).",
        "en": "Of all months with social assistance in the period: the share in which the person was "
              "registered with VDAB (as a job seeker, in guidance, training or work experience, or "
              "temporarily unavailable).",
    },
    "inddef_guidance_rate": {
        "nl": "Van alle maanden met een leefloon in de periode: het deel waarin de persoon in "
              "begeleiding, in opleiding of in werkervaring was bij VDAB (ook art. 60 via VDAB).",
        "en": "Of all months with social assistance in the period: the share in which the person was "
              "in guidance, training or work experience with VDAB (including art. 60 via VDAB).",
    },
    "inddef_work_6m_rate": {
        "nl": "Van de maanden met een leefloon in de periode waarvan we de 6 maanden erna al kennen: "
              "het deel waarin de persoon binnen die 6 maanden minstens één maand betaald werk had "
              "(elk soort werk, met of zonder leefloon).",
        "en": "Of the months with social assistance in the period whose following 6 months are already "
              "known: the share in which the person had paid work in at least one of those 6 months "
              "(any kind of work, with or without assistance).",
    },
    "inddef_work_12m_rate": {
        "nl": "Hetzelfde als werk binnen 6 maanden, maar over de 12 maanden na elke leefloonmaand.",
        "en": "The same as work within 6 months, over the 12 months after each month of assistance.",
    },
    # levels and groups
    "lvl_municipality": {"nl": "Gemeente", "en": "Municipality"},
    "lvl_centre_cities": {"nl": "Nabije centrumsteden", "en": "Nearby centre cities"},
    "lvl_region": {"nl": "Regio", "en": "Region"},
    "lvl_province": {"nl": "Provincie", "en": "Province"},
    "lvl_flanders": {"nl": "Vlaanderen", "en": "Flanders"},
    "lvl_peers": {"nl": "Vergelijkbare gemeenten", "en": "Similar municipalities"},
    "region_kind_referentieregio": {"nl": "referentieregio", "en": "reference region"},
    "region_kind_regiegebied": {"nl": "regiegebied sociale economie en werk", "en": "social economy and work steering area"},
    # municipality page
    "kpi_title": {"nl": "Kerncijfers", "en": "Key figures"},
    "kpi_vs": {"nl": "Vergeleken met", "en": "Compared with"},
    "kpi_diff": {"nl": "Verschil", "en": "Difference"},
    "kpi_persons": {"nl": "personen", "en": "persons"},
    "kpi_months": {"nl": "leefloonmaanden", "en": "months of assistance"},
    "not_yet_known": {
        "nl": "nog niet gekend: de opvolging na deze periode loopt nog",
        "en": "not known yet: the follow-up after this period is still running",
    },
    "no_rows": {"nl": "geen leefloners in deze periode", "en": "no recipients in this period"},
    "trend_title": {"nl": "Evolutie: {indicator}", "en": "Trend: {indicator}"},
    "funnel_title": {"nl": "Van leefloon naar werk", "en": "From social assistance to work"},
    "funnel_intro": {
        "nl": "Per stap het aandeel van de leefloonmaanden. Zo zie je waar mensen afhaken, "
              "vergeleken met de centrumsteden, de regio en Vlaanderen.",
        "en": "For each step the share of the months of assistance, so you can see where people "
              "drop off compared with the centre cities, the region and Flanders.",
    },
    "funnel_step_leefloners": {"nl": "Leefloners", "en": "Recipients"},
    "funnel_step_registration_rate": {"nl": "Ingeschreven bij VDAB", "en": "Registered with VDAB"},
    "funnel_step_guidance_rate": {"nl": "In begeleiding/opleiding/werkervaring", "en": "In guidance/training/work experience"},
    "funnel_step_work_6m_rate": {"nl": "Werk ≤ 6 maanden", "en": "Work ≤ 6 months"},
    "funnel_step_work_12m_rate": {"nl": "Werk ≤ 12 maanden", "en": "Work ≤ 12 months"},
    "breakdown_title": {"nl": "Naar kenmerken: {indicator}", "en": "By characteristics: {indicator}"},
    "breakdown_share_note": {
        "nl": "Voor leefloners tonen we het aandeel van elke groep in het totaal.",
        "en": "For recipients we show each group's share of the total.",
    },
    "cities_title": {"nl": "De nabije centrumsteden één voor één", "en": "The nearby centre cities one by one"},
    "outflow_title": {"nl": "Naar welk werk? (werk binnen {h} maanden)", "en": "Into which work? (work within {h} months)"},
    "outflow_by_type": {"nl": "Soort werk", "en": "Type of work"},
    "outflow_by_region": {"nl": "Waar is het werk?", "en": "Where is the work?"},
    "outflow_share": {"nl": "Aandeel van wie werk vond", "en": "Share of those who found work"},
    "within": {"nl": "Werk binnen", "en": "Work within"},
    "months_n": {"nl": "{n} maanden", "en": "{n} months"},
    "distance": {"nl": "Afstand", "en": "Distance"},
    "show_table": {"nl": "Toon als tabel", "en": "Show as a table"},
    "download": {"nl": "Download", "en": "Download"},
    "download_csv": {"nl": "CSV", "en": "CSV"},
    "download_excel": {"nl": "CSV voor Excel (België)", "en": "CSV for Excel (Belgium)"},
    "download_label": {"nl": "Download de gegevens van {what}", "en": "Download the data of {what}"},
    "suppressed": {"nl": "verborgen", "en": "hidden"},
    "suppressed_note": {
        "nl": "* verborgen: {reason}, om de privacy te beschermen.",
        "en": "* hidden: {reason}, to protect privacy.",
    },
    "suppressed_points": {
        "nl": "Niet getoond ({reason}): {items}.",
        "en": "Not shown ({reason}): {items}.",
    },
    # overview
    "overview_title": {"nl": "Vlaanderen in één oogopslag", "en": "Flanders at a glance"},
    "map_title": {"nl": "Kaart: {indicator}", "en": "Map: {indicator}"},
    "map_hint": {
        "nl": "Klik op een gemeente om haar pagina te openen. Met het toetsenbord: gebruik de tabel of het zoekvak.",
        "en": "Click a municipality to open its page. With the keyboard: use the table or the search box.",
    },
    "map_grey": {
        "nl": "Grijs: verborgen (minder dan 5 personen) of geen leefloners in deze periode.",
        "en": "Grey: hidden (fewer than 5 persons) or no recipients in this period.",
    },
    "table_title": {"nl": "Alle gemeenten", "en": "All municipalities"},
    "table_hint": {
        "nl": "Klik op een kolomkop om te sorteren; filter met het vak onder de kop.",
        "en": "Click a column header to sort; filter with the box under the header.",
    },
    "totals_title": {"nl": "Provincies en regio's", "en": "Provinces and regions"},
    "name": {"nl": "Naam", "en": "Name"},
    "province": {"nl": "Provincie", "en": "Province"},
    "region": {"nl": "Regio", "en": "Region"},
    # area pages
    "area_ranking": {"nl": "Gemeenten gerangschikt: {indicator}", "en": "Municipalities ranked: {indicator}"},
    "area_map": {"nl": "Kaart van {name}", "en": "Map of {name}"},
    "area_trend": {"nl": "{name} tegenover Vlaanderen", "en": "{name} against Flanders"},
    "area_members": {"nl": "{n} gemeenten", "en": "{n} municipalities"},
    "area_unknown": {"nl": "Dit gebied bestaat niet", "en": "This area does not exist"},
    # definitions
    "def_title": {"nl": "Definities en verantwoording", "en": "Definitions and methodology"},
    "def_indicators": {"nl": "De indicatoren", "en": "The indicators"},
    "def_groups": {"nl": "Vergelijkingsgroepen", "en": "Comparison groups"},
    "def_groups_for": {"nl": "Toon de groepen voor", "en": "Show the groups for"},
    "def_group_centre_cities": {
        "nl": "De {k} Vlaamse centrumsteden die het dichtst bij de gemeente liggen (de gemeente zelf niet), "
              "samen geteld. De afstand is die tussen de middelpunten van de gemeenten, in kilometer.",
        "en": "The {k} Flemish centre cities nearest to the municipality (itself excluded), pooled. "
              "Distance is between the municipalities' centroids, in kilometres.",
    },
    "def_group_region": {
        "nl": "De {kind} waartoe de gemeente behoort.",
        "en": "The {kind} the municipality belongs to.",
    },
    "def_group_province": {"nl": "De provincie van de gemeente.", "en": "The municipality's province."},
    "def_group_peers": {
        "nl": "De {k} Vlaamse gemeenten die het meest op de gemeente lijken qua omvang en "
              "samenstelling van de leefloners, samen geteld.",
        "en": "The {k} Flemish municipalities most similar to the municipality in size and in "
              "the make-up of its recipients, pooled.",
    },
    "def_group_flanders": {"nl": "Alle Vlaamse gemeenten samen.", "en": "All Flemish municipalities together."},
    "def_pooled": {
        "nl": "Cijfers voor een groep worden berekend op alle leefloonmaanden van de groep samen, "
              "niet als gemiddelde van de gemeentelijke percentages.",
        "en": "Figures for a group are computed on all months of assistance in the group together, "
              "not as an average of the municipal percentages.",
    },
    "def_privacy": {"nl": "Privacy: kleine aantallen", "en": "Privacy: small numbers"},
    "def_privacy_text": {
        "nl": "Aantallen van 1 tot en met {km1} tonen we nooit, ook niet in downloads. Een percentage "
              "dat op zo'n klein aantal steunt, verbergen we ook. Zo'n cel staat er als \u201cverborgen\u201d "
              "met de reden erbij. 0 mag wel getoond worden. Bij opsplitsingen verbergen we zo nodig nog "
              "een cel, zodat je een verborgen getal niet kunt terugrekenen uit het totaal.",
        "en": "Counts from 1 to {km1} are never shown, not in downloads either. A percentage based on "
              "such a small count is hidden too. Such a cell reads \u201chidden\u201d, with the reason. "
              "0 may be shown. In breakdowns we hide one more cell where needed, so a hidden number "
              "cannot be worked out from the total.",
    },
    "def_version": {"nl": "Gegevensversie", "en": "Data version"},
    "def_version_id": {"nl": "Versie", "en": "Version"},
    "def_loaded_at": {"nl": "Geladen op", "en": "Loaded"},
    "def_months": {"nl": "Maanden met leefloongegevens", "en": "Months with assistance data"},
    "def_work_months": {"nl": "Werkgegevens tot en met", "en": "Work data up to and including"},
    "def_members": {"nl": "Leden", "en": "Members"},
    "def_periods": {
        "nl": "Een periode is een maand, een kwartaal of een jaar. Een kwartaal of jaar waarvan nog niet "
              "alle maanden geladen zijn, heet \u201convolledig\u201d.",
        "en": "A period is a month, a quarter or a year. A quarter or year whose months are not all "
              "loaded yet is called \u201cincomplete\u201d.",
    },
    # errors
    "nf_title": {"nl": "Deze pagina bestaat niet", "en": "This page does not exist"},
    "nf_nis": {
        "nl": "We kennen geen Vlaamse gemeente met NIS-code {nis}. Zoek de gemeente op naam:",
        "en": "We know no Flemish municipality with NIS code {nis}. Find the municipality by name:",
    },
    "nf_text": {"nl": "Zoek een gemeente op naam, of ga naar het overzicht.", "en": "Find a municipality by name, or go to the overview."},
    "nodata_title": {"nl": "Er zijn nog geen gegevens geladen", "en": "No data has been loaded yet"},
    "nodata_text": {
        "nl": "Het dashboard vindt geen gepubliceerde warehouse op {path}. Laad eerst gegevens:",
        "en": "The dashboard finds no published warehouse at {path}. Load data first:",
    },
    "nodata_demo": {"nl": "voor voorbeeldgegevens:", "en": "for demo data:"},
    "nodata_load": {"nl": "voor een echte levering:", "en": "for a real delivery:"},
    "nodata_after": {
        "nl": "Daarna verschijnen de gegevens hier vanzelf; je hoeft het dashboard niet te herstarten.",
        "en": "The data then appears here by itself; there is no need to restart the dashboard.",
    },
    "back_overview": {"nl": "Naar het overzicht", "en": "To the overview"},
}

CATEGORY_LABELS: dict[str, dict[str, str]] = {
    "age_band": {"nl": "Leeftijd", "en": "Age"},
    "gender": {"nl": "Geslacht", "en": "Gender"},
    "education": {"nl": "Opleiding", "en": "Education"},
    "origin": {"nl": "Nationaliteit", "en": "Nationality"},
    "household": {"nl": "Gezin", "en": "Household"},
    "benefit_type": {"nl": "Soort leefloon", "en": "Type of assistance"},
    "benefit_duration": {"nl": "Duur in het leefloon", "en": "Time on assistance"},
    "work_type": {"nl": "Soort werk", "en": "Type of work"},
    "work_region": {"nl": "Regio van het werk", "en": "Region of the work"},
    # categories
    "<25": {"nl": "jonger dan 25", "en": "under 25"},
    "25-34": {"nl": "25 tot 34", "en": "25 to 34"},
    "35-44": {"nl": "35 tot 44", "en": "35 to 44"},
    "45-54": {"nl": "45 tot 54", "en": "45 to 54"},
    "55+": {"nl": "55 of ouder", "en": "55 or older"},
    "M": {"nl": "man", "en": "man"},
    "V": {"nl": "vrouw", "en": "woman"},
    "X": {"nl": "X", "en": "X"},
    "laag": {"nl": "laag", "en": "low"},
    "midden": {"nl": "middel", "en": "medium"},
    "hoog": {"nl": "hoog", "en": "high"},
    "onbekend": {"nl": "onbekend", "en": "unknown"},
    "belg": {"nl": "Belg", "en": "Belgian"},
    "eu": {"nl": "EU", "en": "EU"},
    "niet_eu": {"nl": "buiten de EU", "en": "non-EU"},
    "alleenstaand": {"nl": "alleenstaand", "en": "single"},
    "samenwonend": {"nl": "samenwonend", "en": "cohabiting"},
    "gezinslast": {"nl": "met gezinslast", "en": "with dependants"},
    "LL": {"nl": "leefloon", "en": "leefloon"},
    "ELL": {"nl": "equivalent leefloon", "en": "equivalent leefloon"},
    "0-6m": {"nl": "tot 6 maanden", "en": "up to 6 months"},
    "6-12m": {"nl": "7 tot 12 maanden", "en": "7 to 12 months"},
    "1-2j": {"nl": "1 tot 2 jaar", "en": "1 to 2 years"},
    "2j+": {"nl": "meer dan 2 jaar", "en": "more than 2 years"},
    "regulier": {"nl": "gewoon werk", "en": "regular job"},
    "art60": {"nl": "artikel 60", "en": "article 60"},
    "sociale_economie": {"nl": "sociale economie", "en": "social economy"},
    "interim": {"nl": "interim", "en": "temp work"},
    "zelfstandige": {"nl": "zelfstandige", "en": "self-employed"},
    "VLG": {"nl": "Vlaanderen", "en": "Flanders"},
    "BRU": {"nl": "Brussel", "en": "Brussels"},
    "WAL": {"nl": "Wallonië", "en": "Wallonia"},
    "BUI": {"nl": "buitenland", "en": "abroad"},
}


def lang_of(value: str | None) -> str:
    return value if value in LANGS else DEFAULT_LANG


def t(key: str, lang: str = DEFAULT_LANG, **fields) -> str:
    entry = TEXT[key]
    text = entry.get(lang_of(lang)) or entry[DEFAULT_LANG]
    return text.format(**fields) if fields else text


def category(value: str, lang: str = DEFAULT_LANG) -> str:
    entry = CATEGORY_LABELS.get(value)
    if entry is None:
        return value
    return entry.get(lang_of(lang), entry[DEFAULT_LANG])


def indicator(key: str, lang: str = DEFAULT_LANG) -> str:
    return t(f"ind_{key}", lang)


def level(level_key: str, lang: str = DEFAULT_LANG) -> str:
    return t(f"lvl_{level_key}", lang) if f"lvl_{level_key}" in TEXT else level_key
