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
    "loading": {"nl": "Laden…", "en": "Loading…"},
    "detail_quarter_note": {
        "nl": "Deze opsplitsing bestaat per kwartaal en per jaar, niet per maand (per maand zijn "
              "de groepen van de meeste gemeenten te klein om te tonen): je ziet het {quarter}.",
        "en": "This split exists per quarter and per year, not per month (per month most "
              "municipalities' groups are too small to show): this shows {quarter}.",
    },
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
    "suppressed_secondary_note": {
        "nl": "** {reason}, om de privacy te beschermen.",
        "en": "** {reason}, to protect privacy.",
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
        "nl": "Grijs: verborgen ({reason}) of geen leefloners in deze periode.",
        "en": "Grey: hidden ({reason}) or no recipients in this period.",
    },
    "map_grey_detail": {
        "nl": "Grijs: verborgen ({reason}), geen leefloners in deze periode, of een gemeente "
              "waarvan je de details niet mag zien.",
        "en": "Grey: hidden ({reason}), no recipients in this period, or a municipality whose "
              "details you may not see.",
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
    # access control: detail the user may not see, the account menu
    "detail_title": {"nl": "Details", "en": "Details"},
    "detail_denied": {
        "nl": "Details zijn enkel zichtbaar voor medewerkers van deze gemeente.",
        "en": "Details are only visible to staff of this municipality.",
    },
    "detail_denied_more": {
        "nl": "De kerncijfers hierboven zie je voor elke gemeente. Deze onderdelen zijn enkel "
              "voor de eigen gemeente:",
        "en": "You see the key figures above for every municipality. These parts are for the "
              "municipality's own staff only:",
    },
    "outflow_withheld": {
        "nl": "De uitstroom van een centrumstad apart is detail van die stad: {cities} tellen hier "
              "enkel mee in de centrumsteden samen.",
        "en": "The outflow of a single centre city is that city's detail: {cities} count here "
              "only in the centre cities pooled.",
    },
    "account_label": {"nl": "Aangemeld als", "en": "Logged in as"},
    "role_ocmw": {"nl": "OCMW", "en": "OCMW"},
    "role_analyst": {"nl": "analist", "en": "analyst"},
    "role_admin": {"nl": "beheerder", "en": "administrator"},
    "logout": {"nl": "Afmelden", "en": "Log out"},
    "nav_admin": {"nl": "Beheer", "en": "Administration"},
    # login page
    "login_title": {"nl": "Aanmelden", "en": "Log in"},
    "login_intro": {
        "nl": "Meld je aan om de cijfers van je OCMW te vergelijken.",
        "en": "Log in to compare your OCMW's figures.",
    },
    "login_username": {"nl": "Gebruikersnaam", "en": "Username"},
    "login_password": {"nl": "Wachtwoord", "en": "Password"},
    "login_submit": {"nl": "Aanmelden", "en": "Log in"},
    "login_failed": {
        "nl": "Gebruikersnaam of wachtwoord is niet juist.",
        "en": "The username or password is not correct.",
    },
    "login_throttled": {
        "nl": "Te veel mislukte pogingen. Probeer het opnieuw over {seconds} seconden.",
        "en": "Too many failed attempts. Try again in {seconds} seconds.",
    },
    "logged_out": {"nl": "Je bent afgemeld.", "en": "You are logged out."},
    "login_help": {
        "nl": "Geen account, of wachtwoord vergeten? Vraag het aan de beheerder van het dashboard.",
        "en": "No account, or forgot your password? Ask the dashboard's administrator.",
    },
    "forbidden_title": {"nl": "Geen toegang", "en": "No access"},
    "forbidden_text": {
        "nl": "Je hebt geen toegang tot deze pagina of deze gegevens.",
        "en": "You have no access to this page or these data.",
    },
    "bad_form": {
        "nl": "Het formulier was verlopen of ongeldig. Probeer het opnieuw.",
        "en": "The form had expired or was invalid. Please try again.",
    },
    # administration: users and the audit log
    "admin_title": {"nl": "Beheer", "en": "Administration"},
    "admin_users": {"nl": "Gebruikers", "en": "Users"},
    "admin_audit": {"nl": "Auditlog", "en": "Audit log"},
    "admin_add_user": {"nl": "Gebruiker toevoegen", "en": "Add a user"},
    "admin_role": {"nl": "Rol", "en": "Role"},
    "admin_scope": {"nl": "NIS-codes", "en": "NIS codes"},
    "admin_scope_help": {
        "nl": "Enkel voor rol OCMW: de NIS-code(s) van de eigen gemeente(n), gescheiden door komma's.",
        "en": "Role OCMW only: the NIS code(s) of its own municipalities, separated by commas.",
    },
    "admin_password_help": {
        "nl": "Het wachtwoord wordt gegenereerd en één keer getoond.",
        "en": "The password is generated and shown once.",
    },
    "admin_created": {"nl": "Aangemaakt (UTC)", "en": "Created (UTC)"},
    "admin_status": {"nl": "Status", "en": "Status"},
    "admin_active": {"nl": "actief", "en": "active"},
    "admin_disabled": {"nl": "geblokkeerd", "en": "disabled"},
    "admin_actions": {"nl": "Acties", "en": "Actions"},
    "admin_add": {"nl": "Toevoegen", "en": "Add"},
    "admin_remove": {"nl": "Verwijderen", "en": "Remove"},
    "admin_reset": {"nl": "Nieuw wachtwoord", "en": "New password"},
    "admin_disable": {"nl": "Blokkeren", "en": "Disable"},
    "admin_enable": {"nl": "Deblokkeren", "en": "Enable"},
    "admin_added": {"nl": "Gebruiker {user} is toegevoegd.", "en": "User {user} was added."},
    "admin_removed": {"nl": "Gebruiker {user} is verwijderd.", "en": "User {user} was removed."},
    "admin_reset_done": {
        "nl": "{user} heeft een nieuw wachtwoord; de bestaande sessies zijn beëindigd.",
        "en": "{user} has a new password; the existing sessions have ended.",
    },
    "admin_disabled_done": {"nl": "{user} is geblokkeerd.", "en": "{user} is disabled."},
    "admin_enabled_done": {"nl": "{user} is gedeblokkeerd.", "en": "{user} is enabled."},
    "admin_password_once": {
        "nl": "Wachtwoord voor {user} (wordt maar één keer getoond; geef het veilig door):",
        "en": "Password for {user} (shown only once; pass it on securely):",
    },
    "admin_not_self": {
        "nl": "Je eigen account wijzig je niet hier: vraag het aan een andere beheerder of gebruik "
              "python -m dashboard users.",
        "en": "You do not change your own account here: ask another administrator or use "
              "python -m dashboard users.",
    },
    "admin_proxy_users": {
        "nl": "In deze installatie beheert de single sign-on-proxy de gebruikers "
              "(LEEFLOON_AUTH_MODE=trusted-header).",
        "en": "In this installation the single sign-on proxy manages the users "
              "(LEEFLOON_AUTH_MODE=trusted-header).",
    },
    "admin_no_users": {"nl": "Nog geen gebruikers.", "en": "No users yet."},
    "audit_when": {"nl": "Wanneer (UTC)", "en": "When (UTC)"},
    "audit_who": {"nl": "Gebruiker", "en": "User"},
    "audit_event": {"nl": "Gebeurtenis", "en": "Event"},
    "audit_scope": {"nl": "Bereik", "en": "Scope"},
    "audit_addr": {"nl": "Adres", "en": "Address"},
    "audit_detail": {"nl": "Details", "en": "Detail"},
    "audit_all_events": {"nl": "alle", "en": "all"},
    "audit_filter": {"nl": "Filteren", "en": "Filter"},
    "audit_export": {"nl": "CSV", "en": "CSV"},
    "audit_export_excel": {"nl": "CSV voor Excel (België)", "en": "CSV for Excel (Belgium)"},
    "audit_count": {"nl": "{n} regels", "en": "{n} entries"},
    "audit_page": {"nl": "Pagina {page} van {pages}", "en": "Page {page} of {pages}"},
    "audit_newer": {"nl": "Nieuwer", "en": "Newer"},
    "audit_older": {"nl": "Ouder", "en": "Older"},
    "audit_empty": {"nl": "Geen regels.", "en": "No entries."},
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


# -- analysis page (/analyse/<nis>, dashboard/pages/analysis.py) --------------------------
TEXT.update({
    "an_link": {"nl": "Eerlijk vergelijken →", "en": "Fair comparison →"},
    "report_link": {"nl": "Rapport om af te drukken", "en": "Printable report"},
    "an_title": {"nl": "Eerlijk vergelijken: {name}", "en": "Fair comparison: {name}"},
    "an_subtitle": {"nl": "Onzekerheid, vergelijkbare gemeenten en de samenstelling van de leefloners in rekening gebracht",
                    "en": "Taking uncertainty, similar municipalities and the make-up of the recipients into account"},
    "an_back": {"nl": "terug naar {name}", "en": "back to {name}"},
    "an_denied_more": {
        "nl": "De kerncijfers van elke gemeente staan op haar gemeentepagina. Deze analyses zijn enkel voor "
              "de eigen gemeente:",
        "en": "Every municipality's key figures are on its municipality page. These analyses are for the "
              "municipality's own staff only:",
    },
    "an_filters": {"nl": "Periode, indicator en definitie", "en": "Period, indicator and definition"},
    "an_rate": {"nl": "Percentage", "en": "Rate"},
    "an_definition": {"nl": "Definitie", "en": "Definition"},
    "an_definition_line": {"nl": "Definitie: {label}.", "en": "Definition: {label}."},
    "an_toggle_ell": {"nl": "Equivalent leefloon meetellen", "en": "Count equivalent leefloon"},
    "an_toggle_art60": {"nl": "Art. 60 telt als werk", "en": "Art. 60 counts as work"},
    "an_intro": {
        "nl": "Ruwe percentages zeggen weinig voor een klein OCMW of een moeilijke doelgroep. Deze pagina toont "
              "bij elk percentage hoe zeker het is, vergelijkt met gemeenten die op jouw gemeente lijken en houdt "
              "rekening met de samenstelling van de leefloners. De uitleg staat bij elk onderdeel.",
        "en": "Raw rates say little for a small OCMW or a hard-to-place group. This page shows how certain each rate "
              "is, compares with municipalities that resemble yours and takes the make-up of the recipients into "
              "account. Each section explains itself.",
    },
    "an_sig_legend": {
        "nl": "* = verschil is statistisch significant (p < 0,05); n.s. of geen * = niet significant. "
              "Tussen haakjes: het 95 %-betrouwbaarheidsinterval.",
        "en": "* = the difference is statistically significant (p < 0.05); n.s. or no * = not significant. "
              "In brackets: the 95% confidence interval.",
    },
    "an_sig_yes": {"nl": "verschil is statistisch significant (p < 0,05)", "en": "the difference is statistically significant (p < 0.05)"},
    "an_sig_no": {"nl": "niet significant", "en": "not significant"},
    "an_sig_no_short": {"nl": "n.s.", "en": "n.s."},
    "an_ci_note": {
        "nl": "Het interval (Wilson, 95 %) geeft aan waar het echte percentage met de gegevens die we hebben "
              "plausibel ligt. Het verschil wordt getoond in procentpunt.",
        "en": "The interval (Wilson, 95%) shows where the underlying rate plausibly lies given the data. "
              "The difference is in percentage points.",
    },
    "an_group": {"nl": "Groep", "en": "Group"},
    "an_rank": {"nl": "Rang", "en": "Rank"},
    # 1. peers
    "an_peers_title": {"nl": "Vergelijkbare gemeenten", "en": "Similar municipalities"},
    "an_peers_intro": {
        "nl": "De {k} gemeenten die het meest op deze gemeente lijken qua omvang en samenstelling van de leefloners "
              "(leeftijd, opleiding, nationaliteit, gezin en duur in het leefloon, over de laatste 12 maanden). "
              "Rang 1 lijkt het meest; de afstand is een gewogen afstand tussen de gestandaardiseerde kenmerken "
              "(hoe kleiner, hoe meer gelijkend).",
        "en": "The {k} municipalities most similar to this one in size and make-up of the recipients (age, "
              "education, nationality, household and time on assistance, over the last 12 months). Rank 1 is the "
              "most similar; the distance is a weighted distance between the standardised features (smaller is "
              "more similar).",
    },
    "an_peer_distance": {"nl": "Afstand (kenmerken)", "en": "Distance (features)"},
    "an_peer_compare_title": {"nl": "Tegenover de vergelijkbare gemeenten samen", "en": "Against the similar municipalities pooled"},
    # 2. uncertainty
    "an_uncertainty_title": {"nl": "Hoe zeker zijn de cijfers?", "en": "How certain are the figures?"},
    "an_uncertainty_intro": {
        "nl": "Elk percentage met zijn 95 %-betrouwbaarheidsinterval (Wilson). Een * bij een vergelijkingsgroep: "
              "de gemeente verschilt statistisch significant van die groep. Zit de gemeente zelf in de groep "
              "(provincie, regio, Vlaanderen), dan vergelijken we met de rest van de groep.",
        "en": "Each rate with its 95% confidence interval (Wilson). A * at a comparison group: the municipality "
              "differs significantly from that group. When the municipality is part of the group (province, "
              "region, Flanders), it is compared with the rest of the group.",
    },
    "an_all_rates": {"nl": "Alle percentages", "en": "All rates"},
    "an_caution": {
        "nl": "Let op: de percentages tellen leefloonmaanden, en de maanden van één persoon lijken sterk op elkaar. "
              "De intervallen zijn daardoor wat te smal en er worden te veel verschillen als significant aangeduid. "
              "Lees ze als aanwijzing, niet als bewijs.",
        "en": "Caution: the rates count months of assistance, and one person's months are much alike. The intervals "
              "are therefore somewhat too narrow and too many differences are marked significant. Read them as "
              "indications, not proof.",
    },
    # 3. funnel
    "an_funnel_title": {"nl": "Trechterdiagram: {indicator}", "en": "Funnel plot: {indicator}"},
    "an_funnel_intro": {
        "nl": "Elke stip is een gemeente: haar percentage tegenover het aantal waarop het steunt (logaritmische "
              "schaal). Binnen de trechter valt een gemeente binnen wat toeval rond het Vlaamse percentage kan "
              "verklaren. Boven of onder de stippellijn (99,8 %) is het verschil bijna zeker echt; tussen de "
              "lijnen (95 % en 99,8 %) is het een mogelijk signaal.",
        "en": "Each dot is a municipality: its rate against the number it rests on (log scale). Inside the funnel, "
              "a municipality is within what chance around the Flemish rate can explain. Above or below the dotted "
              "line (99.8%) the difference is almost certainly real; between the lines (95% and 99.8%) it is a "
              "possible signal.",
    },
    "an_funnel_points": {"nl": "Gemeenten", "en": "Municipalities"},
    "an_funnel_95": {"nl": "95 %-grenzen", "en": "95% limits"},
    "an_funnel_998": {"nl": "99,8 %-grenzen", "en": "99.8% limits"},
    "an_funnel_target": {"nl": "Vlaanderen ({rate})", "en": "Flanders ({rate})"},
    "an_funnel_left_out": {
        "nl": "{n} gemeenten niet getoond ({reason}): {names}.",
        "en": "{n} municipalities not shown ({reason}): {names}.",
    },
    "an_funnel_not_shown": {
        "nl": "Deze gemeente staat niet in het diagram: haar percentage is verborgen of er zijn geen gegevens.",
        "en": "This municipality is not in the plot: its rate is hidden or there is no data.",
    },
    "an_zone": {"nl": "Ligging", "en": "Position"},
    "an_zone_above_998": {"nl": "boven de 99,8 %-grens", "en": "above the 99.8% limit"},
    "an_zone_above_95": {"nl": "tussen 95 %- en 99,8 %-grens (boven)", "en": "between the 95% and 99.8% limits (above)"},
    "an_zone_inside": {"nl": "binnen de 95 %-grenzen", "en": "inside the 95% limits"},
    "an_zone_below_95": {"nl": "tussen 95 %- en 99,8 %-grens (onder)", "en": "between the 95% and 99.8% limits (below)"},
    "an_zone_below_998": {"nl": "onder de 99,8 %-grens", "en": "below the 99.8% limit"},
    "an_den_person_months": {"nl": "Leefloonmaanden", "en": "Months of assistance"},
    "an_den_work_6m_base": {"nl": "Leefloonmaanden met 6 maanden opvolging", "en": "Months of assistance with 6 months' follow-up"},
    "an_den_work_12m_base": {"nl": "Leefloonmaanden met 12 maanden opvolging", "en": "Months of assistance with 12 months' follow-up"},
    # 4. empirical Bayes
    "an_eb_title": {"nl": "Rangschikking met bijgestuurde percentages: {indicator}",
                    "en": "Ranking on adjusted rates: {indicator}"},
    "an_eb_intro": {
        "nl": "Een klein OCMW staat in een gewone rangschikking door toeval bovenaan of onderaan. Het "
              "bijgestuurde percentage (empirische Bayes) trekt elk percentage naar het Vlaamse gemiddelde, "
              "sterker naarmate er minder gegevens zijn. Het is de beste schatting voor een rangschikking, "
              "niet het waargenomen percentage. Rang 1 = hoogste percentage.",
        "en": "In a plain ranking a small OCMW ends up at the top or bottom by chance. The adjusted rate (empirical "
              "Bayes) pulls each rate toward the Flemish mean, the more so the less data there is. It is the best "
              "estimate for ranking, not the observed rate. Rank 1 = highest rate.",
    },
    "an_raw_rate": {"nl": "Waargenomen", "en": "Observed"},
    "an_shrunk_rate": {"nl": "Bijgestuurd", "en": "Adjusted"},
    "an_shrunk_tip": {"nl": "Percentage bijgestuurd voor kleine aantallen (empirische Bayes)",
                      "en": "Rate adjusted for small numbers (empirical Bayes)"},
    "an_rank_raw": {"nl": "Rang waargenomen", "en": "Rank observed"},
    "an_rank_shrunk": {"nl": "Rang bijgestuurd", "en": "Rank adjusted"},
    "an_eb_me": {
        "nl": "{name}: waargenomen {raw} (rang {rank_raw}), bijgestuurd {shrunk} (rang {rank_shrunk}) van {n} gemeenten.",
        "en": "{name}: observed {raw} (rank {rank_raw}), adjusted {shrunk} (rank {rank_shrunk}) of {n} municipalities.",
    },
    "an_eb_me_hidden": {"nl": "{name}: het percentage is verborgen (kleine aantallen), dus geen rang.",
                        "en": "{name}: the rate is hidden (small numbers), so no rank."},
    "an_eb_prior": {
        "nl": "Het Vlaamse gemiddelde waarnaar getrokken wordt: {mu}; de trekkracht komt overeen met {size} leefloonmaanden.",
        "en": "The Flemish mean the rates are pulled toward: {mu}; the pull equals {size} months of assistance.",
    },
    "an_detail_note": {
        "nl": "Analyses van andere gemeenten (bijgestuurde percentages, O/E, werk buiten Vlaanderen) zijn "
              "enkel zichtbaar voor wie hun details mag zien; hun ruwe percentages wel.",
        "en": "Analyses of other municipalities (adjusted rates, O/E, work outside Flanders) are visible "
              "only to users who may see their details; their raw rates are.",
    },
    # 5. case mix
    "an_casemix_title": {"nl": "Uitstroom naar werk, rekening houdend met de doelgroep",
                         "en": "Outflow to work, taking the client mix into account"},
    "an_casemix_intro": {
        "nl": "Hoeveel leefloners zouden werk gevonden hebben als elk van hen de Vlaamse kans had van iemand met "
              "dezelfde kenmerken (leeftijd, opleiding, nationaliteit, gezin en duur in het leefloon)? Dat is het "
              "verwachte aantal (indirecte standaardisatie). Waargenomen gedeeld door verwacht (O/E): 1 = zoals "
              "verwacht, boven 1 = beter dan verwacht voor deze doelgroep, onder 1 = minder goed.",
        "en": "How many recipients would have found work if each had had the Flemish chance of someone with the "
              "same characteristics (age, education, nationality, household and time on assistance)? That is the "
              "expected number (indirect standardisation). Observed divided by expected (O/E): 1 = as expected, "
              "above 1 = better than expected for this client mix, below 1 = worse.",
    },
    "an_casemix_read": {
        "nl": "Tussen haakjes: het 95 %-interval (Poisson). Bevat het interval 1 niet, dan is toeval een "
              "onwaarschijnlijke verklaring. Een gemeente met een laag ruw percentage maar O/E rond 1 heeft een "
              "moeilijkere doelgroep, geen slechtere resultaten. O/E houdt enkel rekening met de genoemde "
              "kenmerken; de lokale arbeidsmarkt en het beleid zitten er nog in.",
        "en": "In brackets: the 95% interval (Poisson). If it excludes 1, chance is an unlikely explanation. A "
              "municipality with a low raw rate but O/E near 1 has a harder client mix, not worse results. O/E only "
              "adjusts for the listed characteristics; the local labour market and policy remain in it.",
    },
    "an_observed": {"nl": "Waargenomen", "en": "Observed"},
    "an_expected": {"nl": "Verwacht", "en": "Expected"},
    "an_work_within": {"nl": "werk binnen {h} maanden", "en": "work within {h} months"},
    "an_casemix_rank_title": {"nl": "Rangschikking op O/E (werk binnen {h} maanden)",
                              "en": "Ranking on O/E (work within {h} months)"},
    "an_casemix_rank_intro": {
        "nl": "Naast de rang op het ruwe percentage de rang op O/E: wie doet het best gegeven de eigen doelgroep? "
              "Rang 1 = hoogste.",
        "en": "Beside the rank on the raw rate, the rank on O/E: who does best given their own client mix? "
              "Rank 1 = highest.",
    },
    "an_rank_oe": {"nl": "Rang O/E", "en": "Rank O/E"},
    "an_raw_pct": {"nl": "Ruw percentage", "en": "Raw rate"},
    "an_rank_raw_pct": {"nl": "Rang ruw percentage", "en": "Rank raw rate"},
    "an_oe_ci": {"nl": "O/E (95 %-interval)", "en": "O/E (95% interval)"},
    "an_oe_tip": {"nl": "Waargenomen gedeeld door verwacht aantal met werk", "en": "Observed divided by expected number in work"},
    "an_oe_me": {
        "nl": "{name}: O/E {oe} ({lo}–{hi}); rang op het ruwe percentage {rank_raw}, rang op O/E {rank_oe} van {n} gemeenten.",
        "en": "{name}: O/E {oe} ({lo}–{hi}); rank on the raw rate {rank_raw}, rank on O/E {rank_oe} of {n} municipalities.",
    },
    # 6. time to work
    "an_km_title": {"nl": "Hoe snel naar werk?", "en": "How fast into work?"},
    "an_km_intro": {
        "nl": "Per jaar waarin een leefloonperiode begon: het aandeel dat na zoveel maanden al minstens één maand "
              "gewerkt heeft (Kaplan-Meier). Wie nog niet werkte aan het einde van de gegevens telt mee zolang we "
              "hem of haar volgen. Recentere jaren stoppen vroeger. De gekleurde band is het 95 %-interval van de gemeente.",
        "en": "Per year in which a spell of assistance started: the share that has worked at least one month after so "
              "many months (Kaplan-Meier). Those who had not worked by the end of the data count for as long as they "
              "are followed. Recent years end earlier. The shaded band is the municipality's 95% interval.",
    },
    "an_km_median": {"nl": "Mediane tijd tot werk (de helft heeft dan gewerkt)", "en": "Median time to work (half have worked by then)"},
    "an_km_not_shown": {"nl": "niet getoond*", "en": "not shown*"},
    "an_km_note": {
        "nl": "* Een curve van een jaar met minder dan {k} leefloonperiodes tonen we niet, en elke curve stopt waar "
              "nog minder dan {k} periodes gevolgd worden, om de privacy te beschermen. Zonder mediaan: minder "
              "dan de helft werkte binnen de gevolgde maanden (\u201cmeer dan N maanden\u201d).",
        "en": "* A curve of a year with fewer than {k} spells is not shown, and each curve stops where fewer than {k} "
              "spells are still followed, to protect privacy. No median: fewer than half worked within the months "
              "followed (\u201cmore than N months\u201d).",
    },
    "an_km_empty": {"nl": "geen curves om te tonen", "en": "no curves to show"},
    "an_cohort": {"nl": "gestart in {year}", "en": "started in {year}"},
    "an_cohort_col": {"nl": "Gestart in", "en": "Started in"},
    "an_after_months": {"nl": "na {n} maanden", "en": "after {n} months"},
    "an_more_than_months": {"nl": "meer dan {n} maanden", "en": "more than {n} months"},
    "an_more_than_month_1": {"nl": "meer dan 1 maand", "en": "more than 1 month"},
    "an_month_1": {"nl": "1 maand", "en": "1 month"},
    "an_months_since_start": {"nl": "maanden sinds de start van het leefloon", "en": "months since the start of assistance"},
    "an_share_in_work": {"nl": "aandeel aan het werk", "en": "share in work"},
    # 7. sustained work and relapse
    "an_dynamics_title": {"nl": "Duurzaam werk en terugval", "en": "Sustained work and relapse"},
    "an_dynamics_intro": {
        "nl": "Duurzaam werk: van wie binnen 12 maanden werk vond, het aandeel dat 6 maanden na de eerste "
              "werkmaand opnieuw werkt. Terugval: van wie het leefloon verliet, het aandeel dat binnen 12 maanden "
              "terug een leefloon krijgt (lager is beter).",
        "en": "Sustained work: of those who found work within 12 months, the share in work again 6 months after the "
              "first work month. Relapse: of those who left assistance, the share back on assistance within 12 "
              "months (lower is better).",
    },
    "an_sustained_rate": {"nl": "Duurzaam werk (na 6 maanden nog aan het werk)", "en": "Sustained work (still in work after 6 months)"},
    "an_relapse_rate": {"nl": "Terugval (binnen 12 maanden terug leefloon)", "en": "Relapse (back on assistance within 12 months)"},
    "an_not_known_short": {"nl": "nog niet gekend", "en": "not known yet"},
    "an_not_known_yet": {"nl": "nog niet gekend: de opvolging loopt nog", "en": "not known yet: the follow-up is still running"},
    # 8. mobility
    "an_mobility_title": {"nl": "Waar vinden ze werk? (werk binnen {h} maanden)", "en": "Where do they find work? (work within {h} months)"},
    "an_mobility_intro": {
        "nl": "Van wie werk vond: het aandeel per regio van de eerste werkplek (Vlaanderen, Brussel, Wallonië, buitenland).",
        "en": "Of those who found work: the share per region of the first workplace (Flanders, Brussels, Wallonia, abroad).",
    },
    "an_mobility_map_title": {"nl": "Werk buiten Vlaanderen (binnen {h} maanden)", "en": "Work outside Flanders (within {h} months)"},
    "an_mobility_map_intro": {
        "nl": "Per gemeente het aandeel van de uitstroom naar werk met een eerste werkplek in Brussel, Wallonië of het buitenland.",
        "en": "Per municipality the share of the outflow to work whose first workplace is in Brussels, Wallonia or abroad.",
    },
    "an_share_outside": {"nl": "Werk buiten Vlaanderen", "en": "Work outside Flanders"},
    # 9. Lokaal Activeringspact
    "an_pact_title": {"nl": "Lokaal Activeringspact", "en": "Local Activation Pact"},
    "an_pact_intro": {
        "nl": "Het engagement van de gemeente (aantal uitstromen naar werk in de periode) naast de basislijn, wat "
              "al gerealiseerd is en een projectie tot het einde van de periode.",
        "en": "The municipality's commitment (number of exits to work in the period) beside the baseline, what has "
              "been realised so far and a projection to the end of the period.",
    },
    "an_pact_none": {"nl": "Voor deze gemeente is geen engagement opgenomen.", "en": "No commitment is recorded for this municipality."},
    "an_pact_period": {"nl": "Engagement voor {period}", "en": "Commitment for {period}"},
    "an_pact_baseline": {"nl": "Basislijn (Vlaams tempo)", "en": "Baseline (Flemish pace)"},
    "an_pact_committed": {"nl": "Engagement", "en": "Commitment"},
    "an_pact_realised": {"nl": "Gerealiseerd ({n} van {total} maanden gekend)", "en": "Realised ({n} of {total} months known)"},
    "an_pact_projected": {"nl": "Projectie einde {period}", "en": "Projection end of {period}"},
    "an_pact_extra": {"nl": "Nog nodig bovenop het gerealiseerde", "en": "Still needed on top of what is realised"},
    "an_pact_status": {"nl": "Haalbaarheid", "en": "Feasibility"},
    "an_pact_status_likely": {"nl": "haalbaar in het huidige tempo", "en": "within reach at the current pace"},
    "an_pact_status_uncertain": {"nl": "onzeker", "en": "uncertain"},
    "an_pact_status_out_of_reach": {"nl": "niet haalbaar in het huidige tempo", "en": "out of reach at the current pace"},
    "an_pact_status_unknown": {"nl": "nog niet te zeggen", "en": "cannot tell yet"},
    "an_pact_axis": {"nl": "uitstromen naar werk", "en": "exits to work"},
    "an_pact_method": {
        "nl": "Uitstroom naar werk: een leefloonperiode die eindigt met werk binnen de 3 maanden erna. Gerealiseerd: "
              "de maanden van de periode waarvan die 3 maanden al gekend zijn. Projectie: aan hetzelfde tempo tot "
              "het einde van de periode, met een 95 %-voorspellingsinterval. Basislijn: de Vlaamse uitstroom naar "
              "werk per leefloner in het referentiejaar maal het aantal leefloners van de gemeente in dat jaar.",
        "en": "Exit to work: a spell of assistance that ends with work within the next 3 months. Realised: the months "
              "of the period whose 3 months after are known. Projection: at the same pace to the end of the period, "
              "with a 95% prediction interval. Baseline: the Flemish exits to work per recipient in the reference "
              "year times the municipality's recipients in that year.",
    },
    "an_pact_example": {
        "nl": "De engagementen komen uit data/config/activeringspact.csv; het meegeleverde bestand bevat verzonnen "
              "voorbeelden en moet vervangen worden.",
        "en": "The commitments come from data/config/activeringspact.csv; the file shipped holds invented examples "
              "and must be replaced.",
    },
})
