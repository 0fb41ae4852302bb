"""The reference reading of an ICS file: icalendar + recurring_ical_events over a season window.

This is the yardstick of the real-world corpus test and of the import benchmark. It shares no code
with ``nqe_events``: the occurrences are those recurring_ical_events gives between the first instant
of the season and the first instant of the next one (``between(lo, hi)``), kept when they *start*
inside the window. recurring_ical_events applies ``X-WR-TIMEZONE`` itself; a floating time left
after that is read in the file's ``X-WR-TIMEZONE`` or else in ``tz`` (the importer's ``--tz``).

Each occurrence is reduced to a key that two readers can compare: ``T:YYYY-MM-DDTHH:MM:SSZ`` (the
UTC instant) for a timed start, ``D:YYYY-MM-DD`` for an all-day one.

Run it on a file: ``python tests/ics_reference.py FILE SEASON`` prints the count and the keys.
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo


def season_window(season: int, tz: str = "Europe/Paris") -> tuple[datetime, datetime]:
    """[1 January of ``season``, 1 January of the next year) in ``tz``."""
    zone = ZoneInfo(tz)
    return datetime(season, 1, 1, tzinfo=zone), datetime(season + 1, 1, 1, tzinfo=zone)


def start_key(value: date | datetime, floating_tz: str = "Europe/Paris") -> str:
    """``T:`` + UTC instant of a timed start, ``D:`` + the date of an all-day one."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=ZoneInfo(floating_tz))
        return "T:" + value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return "D:" + value.isoformat()


@dataclass(frozen=True)
class ReferenceReading:
    """What icalendar + recurring_ical_events read in a file over a season.

    ``refused`` maps the key of each VEVENT group (its UID, or ``#n`` for the n-th VEVENT of the
    file when it has none) that recurring_ical_events could not expand to the error it raised; the
    other groups are read, so a reference that stumbles on one event still reads the others.
    """

    occurrences: tuple[tuple[str, str], ...] = ()  # (group key, start key), sorted
    error: str | None = None  # the exception that stopped icalendar from parsing the file at all
    groups: tuple[str, ...] = field(default=())  # keys of every VEVENT group in the file
    refused: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def count(self) -> int:
        return len(self.occurrences)

    def starts(self, *, without: frozenset[str] = frozenset()) -> Counter[str]:
        """The multiset of start keys, leaving out the occurrences of the groups in ``without``."""
        return Counter(key for uid, key in self.occurrences if uid not in without)


def _groups(cal: Any) -> dict[str, list[Any]]:
    """The VEVENTs of a calendar by UID (a series and its overrides); one group per UID-less one."""
    out: dict[str, list[Any]] = {}
    for n, ve in enumerate(cal.walk("VEVENT"), start=1):
        uid = str(ve.get("UID", "") or "")
        out.setdefault(uid or f"#{n}", []).append(ve)
    return out


def _sub_calendar(cal: Any, events: list[Any]) -> Any:
    """A calendar with ``cal``'s properties and time zones and only ``events``."""
    from icalendar import Calendar

    sub = Calendar()
    for name, value in cal.property_items(recursive=False):
        if name not in ("BEGIN", "END"):
            sub.add(name, value, encode=False)
    for tz in cal.walk("VTIMEZONE"):
        sub.add_component(tz)
    for ve in events:
        sub.add_component(ve)
    return sub


def _read_group(
    sub: Any, key: str, lo: datetime, hi: datetime, floating: str
) -> list[tuple[str, str]]:
    import recurring_ical_events  # type: ignore[import-untyped]

    out = []
    for occ in recurring_ical_events.of(sub).between(lo, hi):
        start = occ["DTSTART"].dt
        if isinstance(start, datetime):
            aware = start if start.tzinfo else start.replace(tzinfo=ZoneInfo(floating))
            if not lo <= aware < hi:
                continue
        elif not lo.date() <= start < hi.date():
            continue
        out.append((key, start_key(start, floating)))
    return out


def reference_read(data: bytes, season: int, tz: str = "Europe/Paris") -> ReferenceReading:
    """Read ``data`` with icalendar + recurring_ical_events over ``season`` (see the module doc),
    one VEVENT group (UID) at a time."""
    from icalendar import Calendar

    try:
        cals = list(Calendar.from_ical(data, multiple=True))
    except Exception as exc:  # the reference refuses the file: its error is the finding
        return ReferenceReading(error=f"{type(exc).__name__}: {exc}")
    occurrences: list[tuple[str, str]] = []
    keys: list[str] = []
    refused: dict[str, str] = {}
    for cal in cals:
        x_wr = cal.get("X-WR-TIMEZONE")
        floating = str(x_wr) if x_wr else tz
        lo, hi = season_window(season, floating)
        for key, events in _groups(cal).items():
            keys.append(key)
            try:
                occurrences.extend(_read_group(_sub_calendar(cal, events), key, lo, hi, floating))
            except Exception as exc:
                refused[key] = f"{type(exc).__name__}: {exc}"
    return ReferenceReading(tuple(sorted(occurrences)), None, tuple(keys), refused)


def reference_count(data: bytes, season: int, tz: str = "Europe/Paris") -> int:
    """The number of occurrences in the season, the whole calendar at once (what the benchmark
    times: the plain way to use the two libraries, bad series skipped)."""
    import recurring_ical_events  # type: ignore[import-untyped]
    from icalendar import Calendar

    cal = Calendar.from_ical(data)
    x_wr = cal.get("X-WR-TIMEZONE")
    lo, hi = season_window(season, str(x_wr) if x_wr else tz)
    return sum(1 for _ in recurring_ical_events.of(cal, skip_bad_series=True).between(lo, hi))


def main(argv: list[str]) -> int:
    path, season = Path(argv[0]), int(argv[1])
    reading = reference_read(path.read_bytes(), season)
    if reading.error:
        print(f"reference error: {reading.error}")
        return 1
    print(f"{reading.count} occurrence(s)")
    for uid, key in reading.occurrences:
        print(f"  {key}  {uid}")
    for uid, why in reading.refused.items():
        print(f"  refused {uid}: {why}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
