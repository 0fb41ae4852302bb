"""Every user-facing text of the report package, French then English (one file to translate)."""

from __future__ import annotations

import math
from decimal import Decimal

from .._render import plural_format
from ..errors import get_language

__all__ = ["MONTHS", "both", "fmt_number", "fmt_share", "text"]

_TEXTS: dict[str, tuple[str, str]] = {
    # --- season summary ----------------------------------------------------------------------
    "summary.title": ("Bilan de la saison {season} — {name}", "Season {season} summary — {name}"),
    "summary.indicator": ("Indicateur", "Indicator"),
    "summary.value": ("Valeur", "Value"),
    "summary.attention": ("Points d'attention", "Points to check"),
    "summary.none": ("non renseigné", "not given"),
    "ind.temps_forts": ("Temps forts", "Temps forts (events)"),
    "ind.provisional": ("dont provisoires", "of which tentative"),
    "ind.undated": ("dont à planifier (sans date)", "of which still to plan (no date)"),
    "ind.cancelled": ("Temps forts annulés (non comptés)", "Cancelled events (not counted)"),
    "ind.event_days": ("Journées d'animation", "Event days"),
    "ind.towns": ("Villes", "Towns"),
    "ind.quartiers": ("Quartiers", "Quartiers"),
    "ind.organisers": ("Porteurs de projet", "Organisers (lead applicants)"),
    "ind.partners": ("Partenaires (hors porteurs)", "Partners (not lead applicants)"),
    "ind.volunteer_inhabitants": ("Habitants bénévoles", "Volunteer inhabitants"),
    "ind.expected_attendance": ("Public attendu", "Expected attendance"),
    "ind.budget_eur": ("Budget total", "Total budget"),
    "ind.region_eur": ("Subvention régionale", "Regional subsidy"),
    "ind.region_share": ("Part régionale du budget", "Regional share of the budget"),
    "ind.alignment": ("Temps forts alignés — {principle}", "Events aligned — {principle}"),
    "ind.footprint": ("Empreinte carbone de la saison", "Season carbon footprint"),
    "ind.footprint_interval": ("Intervalle de l'empreinte", "Footprint interval"),
    "ind.footprint_equivalent": ("Soit (équivalent ADEME)", "That is (ADEME equivalent)"),
    "ind.per_attendee": ("Empreinte par participant", "Footprint per attendee"),
    "finding.attendance_unknown": (
        "{count:~temps fort|temps forts} sans public attendu : {ids}",
        "{count:~event} without expected attendance: {ids}",
    ),
    "finding.budget_unknown": (
        "{count:~temps fort|temps forts} sans budget : {ids}",
        "{count:~event} without a budget: {ids}",
    ),
    "finding.volunteers_unknown": (
        "{count:~temps fort|temps forts} sans nombre d'habitants bénévoles : {ids}",
        "{count:~event} without a number of volunteer inhabitants: {ids}",
    ),
    "finding.undated": (
        "{count:~temps fort|temps forts} encore sans date (à planifier) : {ids}",
        "{count:~event} still without dates (to plan): {ids}",
    ),
    # --- input problems ----------------------------------------------------------------------
    "err.share": (
        "la part « {key} » doit être un nombre entre 0 et 1 (trouvé : {value})",
        "share '{key}' must be a number between 0 and 1 (found: {value})",
    ),
    "err.share_hint": (
        "pour un pourcentage, divisez par 100 : 73 % s'écrit 73 / 100",
        "for a percentage, divide by 100: 73% is written 73 / 100",
    ),
    "err.number": (
        "« {key} » doit être un nombre positif ou nul (trouvé : {value})",
        "'{key}' must be a non-negative number (found: {value})",
    ),
    "err.interval": (
        "« {key} » : l'intervalle (bas, haut) doit avoir bas ≤ haut, trouvé {value}",
        "'{key}': the interval (low, high) must have low ≤ high, found {value}",
    ),
    "err.footprint_keys": (
        "clé inconnue « {key} » dans footprint",
        "unknown key '{key}' in footprint",
    ),
    "err.footprint_total": (
        "footprint doit contenir « total_kgco2e » (l'empreinte de la saison en kg CO₂e)",
        "footprint must contain 'total_kgco2e' (the season footprint in kg CO2e)",
    ),
    "err.footprint_event": (
        "footprint attend l'empreinte de la saison (estimate_programme), pas celle d'un seul "
        "temps fort (estimate_footprint)",
        "footprint takes the season footprint (estimate_programme), not one event's "
        "(estimate_footprint)",
    ),
    "err.bad_input": ("données inutilisables pour {what}", "unusable data for {what}"),
    "err.clash_shape": (
        "conflit n° {index} illisible : attendu un objet ou un dictionnaire avec « event_ids » "
        "(ou « events », « event_id », « event_a »/« event_b »), un id ou une liste d'ids",
        "unreadable clash no. {index}: expected an object or a mapping with 'event_ids' (or "
        "'events', 'event_id', 'event_a'/'event_b'), an id or a list of ids",
    ),
    "err.clash_unknown": (
        "le conflit cite l'événement « {value} » absent du programme",
        "the clash names event '{value}', which is not in the programme",
    ),
    "err.by_alignment": (
        "« by » doit valoir « both » (les deux vues), « principle » (par principe) ou "
        "« quartier », pas « {value} »",
        "by must be 'both', 'principle' or 'quartier', not '{value}'",
    ),
    "err.no_quartier_shares": (
        "la vue par quartier (« by » = « quartier ») demande les parts par quartier : passez le "
        "rapport de check_programme ou « by_quartier »",
        "by='quartier' needs the shares by quartier: pass the check_programme report or "
        "by_quartier",
    ),
    "err.programme": (
        "attendu un programme (Programme) ou un plan (Plan), trouvé {value}",
        "expected a programme (Programme) or a plan (Plan), found {value}",
    ),
    "err.by": (
        "« by » doit valoir « venue » (par lieu) ou « quartier », pas « {value} »",
        "by must be 'venue' or 'quartier', not '{value}'",
    ),
    # --- plots -------------------------------------------------------------------------------
    "plot.timeline.venue": ("Calendrier de l'été {season} par lieu", "Summer {season} by venue"),
    "plot.timeline.quartier": (
        "Calendrier de l'été {season} par quartier",
        "Summer {season} by quartier",
    ),
    "plot.clash": ("en conflit", "clashing"),
    "plot.no_theme": ("sans thème", "no theme"),
    "plot.tentative": ("provisoire (pâle)", "tentative (pale)"),
    "plot.no_dated": ("aucun temps fort daté", "no dated event"),
    "plot.undated_note": (
        "{count:~temps fort sans date non représenté|temps forts sans date non représentés}",
        "{count:~undated event|undated events} not shown",
    ),
    "plot.date": ("Date", "Date"),
    "plot.footprint.title": ("Empreinte carbone par poste", "Carbon footprint by category"),
    "plot.footprint.xlabel": ("Émissions ({unit})", "Emissions ({unit})"),
    "plot.footprint.total": ("Total : {value} {unit}", "Total: {value} {unit}"),
    "plot.footprint.total_interval": (
        "Total : {value} {unit} (intervalle : {low} – {high})",
        "Total: {value} {unit} (interval: {low} – {high})",
    ),
    "plot.levers.title": ("Leviers de réduction", "Reduction levers"),
    "plot.levers.xlabel": ("Émissions évitées ({unit})", "Emissions avoided ({unit})"),
    "plot.alignment.title": (
        "Alignement de la saison par principe",
        "Season alignment by principle",
    ),
    "plot.alignment.xlabel": ("Part des temps forts alignés", "Share of aligned events"),
    "plot.alignment.by_quartier": ("Par quartier", "By quartier"),
    "plot.alignment.title_quartier": (
        "Alignement de la saison par quartier (part des temps forts alignés)",
        "Season alignment by quartier (share of aligned events)",
    ),
    "plot.footprint.event": ("Empreinte carbone — {title}", "Carbon footprint — {title}"),
    "plot.footprint.season": (
        "Empreinte carbone de la saison par poste",
        "Season carbon footprint by category",
    ),
    "plot.levers.event": ("Leviers de réduction — {title}", "Reduction levers — {title}"),
    "plot.levers.season": (
        "Leviers de réduction, cumulés sur la saison",
        "Reduction levers, summed over the season",
    ),
    "plot.no_data": ("aucune donnée", "no data"),
    "theme.sport": ("sport", "sport"),
    "theme.culture": ("culture", "culture"),
    "theme.developpement-durable": ("développement durable", "sustainable development"),
}

#: Month abbreviations for date axes (matplotlib would use the C locale's English names).
MONTHS: dict[str, tuple[str, ...]] = {
    "fr": (
        "",
        "janv.",
        "févr.",
        "mars",
        "avr.",
        "mai",
        "juin",
        "juil.",
        "août",
        "sept.",
        "oct.",
        "nov.",
        "déc.",
    ),
    "en": ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}


def text(name: str, lang: str | None = None, /, **values: object) -> str:
    """The text ``name`` in ``lang`` (French by default), formatted with ``values``;
    ``{count:~temps fort|temps forts}`` agrees with the number."""
    fr, en = _TEXTS[name]
    lang = get_language(lang)
    template = fr if lang == "fr" else en
    return plural_format(template, lang, **values) if values else template


def both(name: str, /, **values: object) -> tuple[str, str]:
    """The French and English texts of ``name`` (for exceptions, which carry both)."""
    fr, en = _TEXTS[name]
    return plural_format(fr, "fr", **values), plural_format(en, "en", **values)


def fmt_number(value: float | int | Decimal, lang: str | None = None, decimals: int = 0) -> str:
    """``12345.6`` → ``"12 345,6"`` in French (narrow no-break space, decimal comma),
    ``"12,345.6"`` in English."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    body = f"{value:,.{decimals}f}"
    if get_language(lang) == "fr":
        body = body.replace(",", "\u202f").replace(".", ",")
    return body


def fmt_share(share: float, lang: str | None = None) -> str:
    """``0.734`` → ``"73 %"`` in French, ``"73%"`` in English."""
    percent = fmt_number(round(share * 100), lang)
    return f"{percent}\u00a0%" if get_language(lang) == "fr" else f"{percent}%"
