"""Calendar facts, offline: French public holidays, school holidays by zone, the season's key dates.

- Public holidays and school holidays come from the ``holidays`` package (rule-based, no network).
  Hauts-de-France is school zone B (académies d'Amiens and Lille). When a public holiday falls
  during the school holidays, ``holidays`` merges the names ("Fête nationale; Vacances d'été"), so
  the two categories are queried separately here.
- The Games dates and the torch relay days through the region are a small data file shipped with
  the package (``data/calendar/key-dates-2024.csv``), each row with its source.

>>> from datetime import date
>>> public_holidays(2024)[date(2024, 7, 14)]
'Fête nationale'
>>> summer = next(k for k in school_holidays(2024) if k.label_fr == "Vacances d'été")
>>> summer.start, summer.end
(datetime.date(2024, 7, 6), datetime.date(2024, 9, 1))
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any

__all__ = [
    "KeyDate",
    "day_labels",
    "key_dates",
    "public_holidays",
    "school_holidays",
]


@dataclass(frozen=True, slots=True)
class KeyDate:
    """A dated fact of the season: an inclusive range of days with a label and its source."""

    start: date
    end: date
    kind: str  # "public-holiday", "school-holiday", "games", "torch-relay"
    label_fr: str
    label_en: str
    scope: str = "France"
    source: str = ""

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    def label(self, lang: str = "fr") -> str:
        return self.label_fr if lang == "fr" else self.label_en


def _holidays_module() -> Any:
    import holidays

    return holidays


@lru_cache(maxsize=32)
def public_holidays(year: int, lang: str = "fr") -> dict[date, str]:
    """French (metropolitan) public holidays of ``year``: ``{date: name}``."""
    h = _holidays_module()
    language = "fr" if lang == "fr" else "en_US"
    cal = h.France(years=year, categories=(h.PUBLIC,), language=language)
    return {d: str(name) for d, name in sorted(cal.items())}


@lru_cache(maxsize=32)
def school_holidays(year: int, zone: str = "B") -> tuple[KeyDate, ...]:
    """School holiday periods of ``year`` for a zone (Hauts-de-France: ``"B"``), as ranges.

    A period that starts in December of the year before (Christmas) is cut at 1 January.
    """
    h = _holidays_module()
    zone = zone.strip().upper()
    if zone not in ("A", "B", "C"):
        from ..errors import InputError

        raise InputError(
            f"zone scolaire inconnue « {zone} » : attendu A, B ou C (Hauts-de-France : B)",
            f"unknown school zone '{zone}': expected A, B or C (Hauts-de-France: B)",
        )
    fr = h.France(years=year, subdiv=f"Zone {zone}", categories=(h.SCHOOL,), language="fr")
    en = h.France(years=year, subdiv=f"Zone {zone}", categories=(h.SCHOOL,), language="en_US")
    days = sorted(fr.items())
    out: list[KeyDate] = []
    for d, name in days:
        if out and out[-1].label_fr == name and out[-1].end == d - timedelta(days=1):
            last = out[-1]
            out[-1] = KeyDate(
                last.start, d, last.kind, last.label_fr, last.label_en, last.scope, last.source
            )
        else:
            out.append(
                KeyDate(
                    d,
                    d,
                    "school-holiday",
                    str(name),
                    str(en.get(d, name)),
                    f"zone {zone}",
                    "holidays (PyPI), France school holidays",
                )
            )
    return tuple(out)


@lru_cache(maxsize=8)
def key_dates(season: int = 2024) -> tuple[KeyDate, ...]:
    """The season's Games dates and torch relay days (empty for a season without a data file)."""
    name = f"key-dates-{season}.csv"
    base = resources.files("nqe_events").joinpath("data", "calendar", name)
    if not base.is_file():
        return ()
    text = base.read_text(encoding="utf-8")
    rows = csv.DictReader(io.StringIO(text))
    return tuple(
        KeyDate(
            date.fromisoformat(r["start"]),
            date.fromisoformat(r["end"]),
            r["kind"],
            r["label_fr"],
            r["label_en"],
            r["scope"],
            r["source"],
        )
        for r in rows
    )


def day_labels(day: date, lang: str = "fr") -> tuple[str, ...]:
    """What is special about a day: public holiday, Games, torch relay (for messages)."""
    out: list[str] = []
    name = public_holidays(day.year, lang).get(day)
    if name:
        out.append(name)
    out.extend(k.label(lang) for k in key_dates(day.year) if day in k)
    return tuple(out)
