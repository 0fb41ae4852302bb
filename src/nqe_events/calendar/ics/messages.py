"""What icalendar, dateutil and the time-zone library say, in French (stdlib only).

Those libraries raise English messages (``Wrong datetime format: 20240230T100000Z``, ``Offset must
be less than 24 hours, was +9959``, ``Invalid iCalendar duration: PT-2H``, ``year 10000 is out of
range``). No English word may reach a French user, so the import never shows them: it names the
property and the value it met (both taken from the file, with their line) and says in French what
would be accepted. :func:`library_reason` does that from the library's message, the property name and
the raw value.
"""

from __future__ import annotations

import calendar as _cal
import re

__all__ = ["OUT_OF_RANGE", "library_reason", "value_reason"]

#: French and English reason for a date or duration the model cannot hold.
OUT_OF_RANGE = (
    "date ou durée hors de ce qu'un programme peut tenir (années 1900 à 2200)",
    "date or duration outside what a programme can hold (years 1900 to 2200)",
)

_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?")
_OFFSET = re.compile(r"([+-])(\d{2})(\d{2})(\d{2})?")
_DURATION = re.compile(r"[+-]?P(?:\d+W|(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+S)?)?)")

_DATE_PROPS = {"DTSTART", "DTEND", "DUE", "RECURRENCE-ID", "EXDATE", "RDATE", "DTSTAMP"}
_DATE_PROPS |= {"LAST-MODIFIED", "CREATED", "COMPLETED"}


def _date_reason(raw: str) -> tuple[str, str]:
    value = raw.strip()
    m = _DATE.fullmatch(value.split("/")[0])
    if m is not None:
        year, month, day = (int(m.group(i)) for i in (1, 2, 3))
        if not 1 <= month <= 12:
            return (
                f"mois {month:02d} impossible dans « {value} »",
                f"month {month:02d} impossible in '{value}'",
            )
        if year == 0:
            return (f"année 0000 impossible dans « {value} »", f"year 0000 impossible in '{value}'")
        last = _cal.monthrange(year, month)[1]
        if not 1 <= day <= last:
            return (
                f"le {day:02d}/{month:02d}/{year:04d} n'existe pas (« {value} »)",
                f"{year:04d}-{month:02d}-{day:02d} does not exist ('{value}')",
            )
        if m.group(4) is not None:
            hour, minute, second = (int(m.group(i)) for i in (4, 5, 6))
            if hour > 23 or minute > 59 or second > 60:
                return (
                    f"heure {hour:02d}:{minute:02d}:{second:02d} impossible dans « {value} »",
                    f"time {hour:02d}:{minute:02d}:{second:02d} impossible in '{value}'",
                )
    return (
        f"date ou date-heure illisible « {value} » : attendu AAAAMMJJ ou AAAAMMJJTHHMMSS "
        "(suivi de Z pour une heure UTC), par exemple 20240720T140000",
        f"unreadable date or date-time '{value}': expected YYYYMMDD or YYYYMMDDTHHMMSS "
        "(followed by Z for UTC), for example 20240720T140000",
    )


def _offset_reason(raw: str) -> tuple[str, str]:
    value = raw.strip()
    m = _OFFSET.fullmatch(value)
    if m is not None and (int(m.group(2)) >= 24 or int(m.group(3)) >= 60):
        return (
            f"décalage horaire « {value} » impossible : il doit rester sous 24 heures "
            "(±HHMM, minutes sous 60, par exemple +0100)",
            f"UTC offset '{value}' impossible: it must stay under 24 hours "
            "(±HHMM, minutes under 60, for example +0100)",
        )
    return (
        f"décalage horaire illisible « {value} » : attendu ±HHMM, par exemple +0200",
        f"unreadable UTC offset '{value}': expected ±HHMM, for example +0200",
    )


def _duration_reason(raw: str) -> tuple[str, str]:
    value = raw.strip()
    if re.search(r"P.*-|T-", value):
        return (
            f"durée « {value} » illisible : le signe se place devant le P "
            "(-PT2H, pas PT-2H), et la durée d'un événement est positive",
            f"unreadable duration '{value}': the sign goes before the P "
            "(-PT2H, not PT-2H), and an event's duration is positive",
        )
    return (
        f"durée illisible « {value} » : attendu par exemple PT1H30M, P1D ou P2W",
        f"unreadable duration '{value}': expected for example PT1H30M, P1D or P2W",
    )


def value_reason(prop: str | None, raw: str | None) -> tuple[str, str] | None:
    """Why ``raw`` is not a valid value of ``prop``, from the value alone (``None`` when it looks
    valid or the property has no checked syntax)."""
    if prop is None or raw is None:
        return None
    name = prop.upper()
    if name in ("TZOFFSETFROM", "TZOFFSETTO"):
        return _offset_reason(raw)
    if name == "DURATION" or name == "TRIGGER":
        return None if _DURATION.fullmatch(raw.strip()) else _duration_reason(raw)
    if name in _DATE_PROPS:
        for part in raw.split(","):
            m = _DATE.fullmatch(part.strip().split("/")[0])
            reason = _date_reason(part)
            if m is None or reason[0].startswith(("mois", "année", "le ", "heure")):
                return reason
    return None


def library_reason(
    message: str, prop: str | None = None, raw: str | None = None
) -> tuple[str, str]:
    """French and English reason for a library's error ``message`` met while reading ``prop``
    (its raw value ``raw``). The French text never quotes the library."""
    lowered = message.lower()
    shown = raw if raw is not None else None
    if "out of range" in lowered or "overflow" in lowered or "must be in" in lowered:
        return OUT_OF_RANGE
    if "offset" in lowered:
        found = re.search(r"[+-]\d{4,6}", message)
        return _offset_reason(shown if shown is not None else (found.group(0) if found else "?"))
    if "duration" in lowered:
        found = re.search(r"\S*P\S*", message)
        return _duration_reason(shown if shown is not None else (found.group(0) if found else "?"))
    if "date" in lowered or "time" in lowered:
        found = re.search(r"\d{8}\S*", message)
        return _date_reason(shown if shown is not None else (found.group(0) if found else "?"))
    checked = value_reason(prop, raw)
    if checked is not None:
        return checked
    if raw is not None:
        return (
            f"valeur illisible « {raw[:60]} »",
            f"unreadable value '{raw[:60]}' ({message[:80]})",
        )
    return ("valeur illisible", f"unreadable value ({message[:80]})")
