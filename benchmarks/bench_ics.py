"""Exporting 10,000 events as ICS, next to a plain icalendar loop building the same VEVENTs
(same times, texts, location and UID), both measured in this run.

The plain loop is the least any icalendar-based exporter does; the ratio shows what the extra work
costs (French descriptions, organiser and venue lookups, X-NQE round-trip properties, the RRULE
VTIMEZONE and, in the second line, SEQUENCE comparison against a previous export).
"""

from __future__ import annotations

import statistics
import time
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from nqe_events import load_example
from nqe_events.calendar.ics import export_ics
from nqe_events.model import Programme

N = 10_000
RUNS = 3


def big_programme() -> Programme:
    """The sample programme's places and organisers with N dated events spread over the summer."""
    sample = load_example()
    base = sample.model_dump()
    template = next(e for e in base["events"] if e["occurrences"])
    start = datetime(2024, 6, 1, 10, 0)
    events = []
    for i in range(N):
        e = dict(template)
        e["id"] = f"e{i}"
        e["title"] = f"Temps fort n° {i}, édition ; été 🎉"
        day = start + timedelta(days=i % 120, hours=i % 9)
        e["occurrences"] = [{"start": day, "end": day + timedelta(hours=2)}]
        e["to_plan"] = None
        events.append(e)
    base["events"] = events
    return Programme.model_validate(base)


def plain_loop(programme: Programme) -> bytes:
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//bench//FR")
    cal.add("version", "2.0")
    venues = {v.id: v for v in programme.venues}
    stamp = datetime(2024, 1, 1, tzinfo=UTC)
    for e in programme.events:
        for o in e.occurrences:
            ve = Event()
            ve.add("uid", f"{e.id}@bench")
            ve.add("dtstamp", stamp)
            ve.add("dtstart", o.start)
            ve.add("dtend", o.end)
            ve.add("summary", e.title)
            ve.add("description", e.description)
            ve.add("location", venues[e.venue].name)
            cal.add_component(ve)
    data: bytes = cal.to_ical()
    return data


def _best(fn: Any) -> tuple[float, Any]:
    times = []
    result = None
    for _ in range(RUNS):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def main() -> None:
    programme = big_programme()
    assert all(
        o.start.tzinfo == ZoneInfo("Europe/Paris") for e in programme.events for o in e.occurrences
    )
    base, plain = _best(lambda: plain_loop(programme))
    ours, result = _best(lambda: export_ics(programme))
    again, _ = _best(lambda: export_ics(programme, previous=result.data))
    print(f"plain icalendar loop      {base:7.2f} s  ({len(plain) / 1e6:.1f} MB, baseline)")
    print(
        f"export_ics, {N} events {ours:7.2f} s  ({len(result.data) / 1e6:.1f} MB)  "
        f"ratio {ours / base:5.2f}x"
    )
    print(f"export_ics with previous  {again:7.2f} s  ratio {again / base:5.2f}x")


if __name__ == "__main__":
    main()
