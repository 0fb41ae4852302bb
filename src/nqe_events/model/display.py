"""How a programme and an event look in a notebook: a card, a short repr, a DataFrame.

``Programme`` and ``Event`` delegate here (``_repr_html_``, ``__repr__``, ``__str__``,
``to_dataframe``) so that the models stay about data. The card of a programme shows its name and
season, its counts and a table of its temps forts; an event's card its organiser, venue, quartiers,
dates and figures. Text is French by default (``set_language("en")`` for English); DataFrames have
French column labels by default (``labels="keys"`` for the machine keys) and local wall-clock
times (Excel refuses time zones), so :func:`nqe_events.to_excel` writes them as is.
"""

from __future__ import annotations

import html
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from .._render import dataframe, fmt_int, html_table, plural
from ..errors import get_language

# ``Programme`` and ``Event`` are not imported here: they import this module for their displays.
Programme = Any
Event = Any

__all__ = [
    "event_card",
    "event_frame",
    "event_repr",
    "event_str",
    "programme_card",
    "programme_frame",
    "programme_repr",
    "programme_str",
]

#: The columns of :meth:`Programme.to_dataframe` (machine keys, in order).
PROGRAMME_COLUMNS = (
    "id",
    "title",
    "organiser",
    "venue",
    "commune",
    "quartiers",
    "start",
    "end",
    "days",
    "slots",
    "status",
    "themes",
    "expected_attendance",
    "budget_eur",
    "region_eur",
    "volunteer_inhabitants",
)

#: Rows shown in a programme's card (the DataFrame has them all).
CARD_ROWS = 20

_STATUS = {
    "confirme": ("confirmé", "confirmed"),
    "provisoire": ("provisoire", "tentative"),
    "annule": ("annulé", "cancelled"),
}
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

_CARD_STYLE = (
    "<style>.nqe-card{font-family:sans-serif;font-size:13px;max-width:60em}"
    ".nqe-card h3{margin:0 0 2px;font-size:16px}.nqe-card .nqe-sub{color:#555;margin:0 0 6px}"
    ".nqe-card ul.nqe-counts{list-style:none;padding:0;margin:0 0 8px;display:flex;flex-wrap:wrap;"
    "gap:4px 14px}.nqe-card ul.nqe-counts b{font-variant-numeric:tabular-nums}</style>"
)


def _t(fr: str, en: str, lang: str) -> str:
    return fr if lang == "fr" else en


def status_label(status: Any, lang: str | None = None) -> str:
    """« confirmé », « provisoire », « annulé » (confirmed, tentative, cancelled)."""
    value = str(getattr(status, "value", status))
    fr, en = _STATUS.get(value, (value, value))
    return fr if get_language(lang) == "fr" else en


def _when(value: datetime | None, lang: str, *, time: bool = True) -> str:
    if value is None:
        return ""
    if lang == "fr":
        return value.strftime("%d/%m/%Y %H:%M" if time else "%d/%m/%Y")
    day = f"{value.day} {_MONTHS_EN[value.month - 1]} {value.year}"
    return f"{day} {value:%H:%M}" if time else day


def _local(value: datetime | None, tz: str) -> datetime | None:
    """A wall-clock time in the programme's zone, without tzinfo (what Excel accepts)."""
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(ZoneInfo(tz))
    return value.replace(tzinfo=None)


def _counts(items: list[tuple[str, str]]) -> str:
    cells = "".join(f"<li><b>{html.escape(n)}</b> {html.escape(w)}</li>" for n, w in items)
    return f'<ul class="nqe-counts">{cells}</ul>'


def _split(text: str) -> tuple[str, str]:
    number, _, word = text.partition(" ")
    return number, word


# --- programme ---------------------------------------------------------------------------------


def programme_repr(p: Programme) -> str:
    return (
        f"Programme(season={p.season}, name={p.name!r}, events={len(p.events)}, "
        f"quartiers={len(p.quartiers)}, venues={len(p.venues)})"
    )


def programme_str(p: Programme, lang: str | None = None) -> str:
    lang = get_language(lang)
    season = _t("saison", "season", lang)
    sep = " : " if lang == "fr" else ": "
    events = plural(len(p.events), "temps fort", "temps forts", lang)
    quartiers = plural(len(p.quartiers), "quartier", "quartiers", lang)
    where = _t("dans", "in", lang)
    return f"{p.name} ({season} {p.season}){sep}{events} {where} {quartiers}"


def _programme_rows(p: Programme) -> list[dict[str, Any]]:
    venues = {v.id: v for v in p.venues}
    rows = []
    for e in p.events:
        given = e.participation.volunteer_inhabitants if e.participation else None
        rows.append(
            {
                "id": e.id,
                "title": e.title,
                "organiser": e.organiser,
                "venue": e.venue,
                "commune": venues[e.venue].commune if e.venue in venues else None,
                "quartiers": ", ".join(e.quartiers),
                "start": _local(e.start, p.timezone),
                "end": _local(e.end, p.timezone),
                "days": len(e.days),
                "slots": len(e.occurrences),
                "status": e.status,
                "themes": ", ".join(str(getattr(t, "value", t)) for t in e.themes),
                "expected_attendance": e.expected_attendance,
                "budget_eur": float(e.budget.total_eur) if e.budget else None,
                "region_eur": float(e.budget.region_eur) if e.budget else None,
                "volunteer_inhabitants": given,
            }
        )
    return rows


def programme_frame(p: Programme, lang: str | None = None, labels: str | None = None) -> Any:
    """One row per temps fort (see :meth:`Programme.to_dataframe`)."""
    lang = get_language(lang)
    rows = _programme_rows(p)
    for row in rows:
        row["status"] = status_label(row["status"], lang)
    return dataframe(rows, columns=list(PROGRAMME_COLUMNS), labels=labels or lang)


def programme_card(p: Programme, lang: str | None = None) -> str:
    lang = get_language(lang)
    counted = [e for e in p.events if str(e.status.value) != "annule"]
    undated = sum(not e.occurrences for e in counted)
    cancelled = len(p.events) - len(counted)
    communes = {c.casefold() for q in p.quartiers for c in q.communes}
    communes |= {v.commune.casefold() for v in p.venues}
    attendance = sum(e.expected_attendance or 0 for e in counted)
    items = [
        _split(plural(len(counted), "temps fort", "temps forts", lang)),
        _split(plural(undated, "à planifier", "à planifier", lang))
        if lang == "fr"
        else _split(plural(undated, "to plan", "to plan", lang)),
        _split(plural(cancelled, "annulé", "annulés", lang))
        if lang == "fr"
        else _split(plural(cancelled, "cancelled", "cancelled", lang)),
        _split(plural(len(p.quartiers), "quartier", "quartiers", lang)),
        _split(plural(len(communes), "commune", "communes", lang)),
        _split(
            plural(len(p.organisers), "porteur", "porteurs", lang)
            if lang == "fr"
            else plural(len(p.organisers), "organiser", "organisers", lang)
        ),
        _split(
            plural(len(p.venues), "lieu", "lieux", lang)
            if lang == "fr"
            else plural(len(p.venues), "venue", "venues", lang)
        ),
        (fmt_int(attendance, lang), _t("personnes attendues", "people expected", lang)),
    ]
    venues = {v.id: v for v in p.venues}
    heads = (
        ["temps fort", "commune", "début", "jours", "statut", "public attendu"]
        if lang == "fr"
        else ["event", "town", "start", "days", "status", "expected attendance"]
    )
    rows = [
        (
            e.title,
            venues[e.venue].commune if e.venue in venues else e.venue,
            _when(
                _local(e.start, p.timezone),
                lang,
                time=not (e.occurrences and e.occurrences[0].all_day),
            )
            or _t("à planifier", "to plan", lang),
            len(e.days) or "",
            status_label(e.status, lang),
            "" if e.expected_attendance is None else fmt_int(e.expected_attendance, lang),
        )
        for e in p.events[:CARD_ROWS]
    ]
    classes: list[str | None] = [
        "nqe-na" if str(e.status.value) == "annule" else None for e in p.events[:CARD_ROWS]
    ]
    hidden = len(p.events) - CARD_ROWS
    caption = None
    if hidden > 0:
        more = plural(hidden, "autre temps fort", "autres temps forts", lang)
        caption = _t(
            f"… et {more} : programme.to_dataframe() les montre tous",
            f"… and {hidden} more: programme.to_dataframe() shows them all",
            lang,
        )
    table = html_table(heads, rows, classes=classes, numeric=(2, 3, 5))
    sub = _t(f"Saison {p.season}", f"Season {p.season}", lang)
    tail = f'<p class="nqe-sub">{html.escape(caption)}</p>' if caption else ""
    return (
        f'{_CARD_STYLE}<div class="nqe-card"><h3>{html.escape(p.name)}</h3>'
        f'<p class="nqe-sub">{html.escape(sub)}</p>{_counts(items)}{table}{tail}</div>'
    )


# --- event -------------------------------------------------------------------------------------


def event_repr(e: Event) -> str:
    start = f", start={e.start:%Y-%m-%d %H:%M}" if e.start is not None else ", to_plan"
    return f"Event(id={e.id!r}, title={e.title!r}{start}, slots={len(e.occurrences)})"


def event_str(e: Event, lang: str | None = None) -> str:
    lang = get_language(lang)
    when = _when(e.start, lang) if e.start is not None else _t("à planifier", "to plan", lang)
    return f"{e.title} ({e.id}) — {when}"


def event_frame(e: Event, lang: str | None = None, labels: str | None = None) -> Any:
    """One row per slot (occurrence) of the event."""
    lang = get_language(lang)
    rows = [
        {
            "event": e.id,
            "start": o.start.replace(tzinfo=None),  # wall-clock time in the programme's zone
            "end": o.end.replace(tzinfo=None),
            "all_day": o.all_day,
            "slot_label": o.label,
        }
        for o in e.occurrences
    ]
    columns = ["event", "start", "end", "all_day", "slot_label"]
    return dataframe(rows, columns=columns, labels=labels or lang)


def event_card(e: Event, lang: str | None = None) -> str:
    lang = get_language(lang)
    facts: list[tuple[str, str]] = [
        (_t("porteur", "organiser", lang), e.organiser),
        (_t("lieu", "venue", lang), e.venue),
        ("quartiers", ", ".join(e.quartiers)),
        (_t("statut", "status", lang), status_label(e.status, lang)),
    ]
    if e.themes:
        facts.append((_t("thèmes", "themes", lang), ", ".join(str(t) for t in e.themes)))
    if e.expected_attendance is not None:
        facts.append(
            (
                _t("public attendu", "expected attendance", lang),
                fmt_int(e.expected_attendance, lang),
            )
        )
    if e.budget is not None:
        facts.append(
            (_t("budget", "budget", lang), fmt_int(round(e.budget.total_eur), lang) + "\u00a0€")
        )
    slots = [
        (_when(o.start, lang, time=not o.all_day), _when(o.end, lang, time=not o.all_day))
        for o in e.occurrences
    ]
    if not slots:
        slots = [(_t("à planifier", "to plan", lang), "")]
    table = html_table(
        [_t("début", "start", lang), _t("fin", "end", lang)],
        slots,
        caption=plural(
            len(e.occurrences), _t("créneau", "slot", lang), _t("créneaux", "slots", lang), lang
        ),
    )
    info = html_table([_t("champ", "field", lang), _t("valeur", "value", lang)], facts)
    return (
        f'{_CARD_STYLE}<div class="nqe-card"><h3>{html.escape(e.title)}</h3>'
        f'<p class="nqe-sub">{html.escape(e.id)}</p>{info}{table}</div>'
    )
