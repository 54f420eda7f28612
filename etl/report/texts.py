"""The indicator definitions as printed on the report and stored in the metadata sidecar.

The wording follows the dashboard's definitions page (data contract section 3),
adjusted to the definition switches in use.
"""

from __future__ import annotations

from etl.definitions import Definition

INDICATOR_NAMES = {
    "leefloners": "Leefloners",
    "registration_rate": "Ingeschreven bij VDAB",
    "guidance_rate": "In begeleiding, opleiding of werkervaring",
    "work_6m_rate": "Werk binnen 6 maanden",
    "work_12m_rate": "Werk binnen 12 maanden",
}


def definition_texts(definition: Definition) -> list[tuple[str, str]]:
    """(indicator name, plain-Dutch definition) for the report's footer."""
    who = ("een leefloon of equivalent leefloon" if definition.include_ell
           else "een leefloon (equivalent leefloon niet meegeteld)")
    work = ("elk soort betaald werk, ook art. 60" if definition.art60_is_work
            else "elk soort betaald werk behalve art. 60")
    return [
        ("Leefloners", f"verschillende personen met minstens één maand {who} van het OCMW in de periode."),
        ("Ingeschreven bij VDAB", "van alle leefloonmaanden in de periode: het deel waarin de persoon bij "
         "VDAB ingeschreven was (werkzoekend, in begeleiding, opleiding of werkervaring, of tijdelijk "
         "niet beschikbaar)."),
        ("In begeleiding, opleiding of werkervaring", "van alle leefloonmaanden: het deel in begeleiding, "
         "opleiding of werkervaring bij VDAB (ook art. 60 via VDAB)."),
        ("Werk binnen 6 / 12 maanden", "van de leefloonmaanden waarvan de 6 (12) maanden erna al gekend "
         f"zijn: het deel met minstens één maand werk in die maanden ({work})."),
    ]


def definitions_for_metadata(definition: Definition) -> dict[str, dict[str, str]]:
    """Every indicator: its name and definition, in Dutch and English, for the sidecar."""
    ell_en = "leefloon or equivalent leefloon" if definition.include_ell else "leefloon only (equivalent leefloon left out)"
    work_en = ("any paid work, art. 60 included" if definition.art60_is_work
               else "any paid work except art. 60")
    nl = dict(definition_texts(definition))
    return {
        "leefloners": {
            "name_nl": "Leefloners", "definition_nl": nl["Leefloners"],
            "definition_en": f"distinct persons with at least one month of {ell_en} in the period",
        },
        "person_months": {
            "name_nl": "Leefloonmaanden", "definition_nl": "uitkeringsmaanden (persoon × maand) in de periode",
            "definition_en": "benefit rows (person × month) in the period",
        },
        "registration_rate": {
            "name_nl": INDICATOR_NAMES["registration_rate"], "definition_nl": nl["Ingeschreven bij VDAB"],
            "definition_en": "person-months with vdab_status other than niet_ingeschreven / person_months",
        },
        "guidance_rate": {
            "name_nl": INDICATOR_NAMES["guidance_rate"],
            "definition_nl": nl["In begeleiding, opleiding of werkervaring"],
            "definition_en": "person-months in begeleiding, opleiding or werkervaring / person_months",
        },
        "work_6m_rate": {
            "name_nl": INDICATOR_NAMES["work_6m_rate"], "definition_nl": nl["Werk binnen 6 / 12 maanden"],
            "definition_en": "work_6m_n / work_6m_base: person-months with the 6 following months observed, "
                             f"of them with a work month in t+1..t+6 ({work_en})",
        },
        "work_12m_rate": {
            "name_nl": INDICATOR_NAMES["work_12m_rate"], "definition_nl": nl["Werk binnen 6 / 12 maanden"],
            "definition_en": "work_12m_n / work_12m_base: the same over t+1..t+12 "
                             f"({work_en})",
        },
    }
