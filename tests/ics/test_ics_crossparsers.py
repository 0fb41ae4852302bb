"""Done-when: every export is read by icalendar, by ``ical`` (strict) and by Mozilla's ical.js
(Thunderbird) with the same UTC start and end for every event, the start and end the programme says.

The expected values come from the programme's own occurrences converted to UTC by zoneinfo, not from
the exporter; the fixture holds events on both DST change days of 2024 (31 March, 27 October),
all-day and multi-day events, and texts with commas, semicolons, backslashes, newlines, accents and
emoji.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from nqe_events.calendar.ics import feeds_by, to_ics
from nqe_events.model import Event, Programme


def _show(value: date | datetime) -> str:
    if isinstance(value, datetime):
        assert value.tzinfo is not None, "a floating time reached a parser"
        return "T:" + value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return "D:" + value.isoformat()


def expected(events: Iterable[Event]) -> list[tuple[str, str, str]]:
    """(title, start, end) of every occurrence, from the model: UTC instants, or dates with an
    exclusive end for all-day occurrences."""
    rows = []
    for e in events:
        # a cancelled event's title is shown « Annulé — … » to readers that ignore STATUS
        title = f"Annulé — {e.title}" if e.status.value == "annule" else e.title
        for o in e.occurrences:
            if o.all_day:
                start, end = o.start.date(), (o.end - timedelta(days=1)).date() + timedelta(days=1)
                rows.append((title, _show(start), _show(end)))
            else:
                rows.append((title, _show(o.start), _show(o.end)))
    return sorted(rows)


def read_icalendar(data: bytes) -> list[dict[str, Any]]:
    from icalendar import Calendar

    cal = Calendar.from_ical(data)
    out = []
    for ve in cal.walk("VEVENT"):
        assert not ve.errors, ve.errors
        cats = ve.get("CATEGORIES")
        out.append(
            {
                "uid": str(ve["UID"]),
                "summary": str(ve["SUMMARY"]),
                "start": _show(ve["DTSTART"].dt),
                "end": _show(ve["DTEND"].dt),
                "location": str(ve["LOCATION"]),
                "description": str(ve["DESCRIPTION"]),
                "categories": [str(c) for c in cats.cats] if cats is not None else [],
            }
        )
    return out


def read_ical(data: bytes) -> list[dict[str, Any]]:
    from ical.calendar_stream import IcsCalendarStream

    cal = IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))
    return [
        {
            "uid": e.uid,
            "summary": e.summary,
            "start": _show(e.dtstart),
            "end": _show(e.dtend),
            "location": e.location,
            "description": e.description,
            "categories": list(e.categories),
        }
        for e in cal.events
    ]


def _times(rows: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    return sorted((r["summary"], r["start"], r["end"]) for r in rows)


def _feeds(programme: Programme) -> dict[str, tuple[bytes, list[Event]]]:
    feeds = {"saison": (to_ics(programme), [e for e in programme.events if e.dated])}
    for key, data in feeds_by(programme, "quartier").items():
        events = [e for e in programme.events if e.dated and key in e.quartiers]
        feeds[f"quartier/{key}"] = (data, events)
    return feeds


def test_every_feed_gives_the_same_utc_times_in_three_parsers(
    programmes: dict[str, Programme], icaljs: Any, tmp_path: Path
) -> None:
    checked = 0
    for label, programme in programmes.items():
        for name, (data, events) in _feeds(programme).items():
            want = expected(events)
            path = tmp_path / f"{label}-{name.replace('/', '-')}.ics"
            path.write_bytes(data)
            by_icalendar = read_icalendar(data)
            by_ical = read_ical(data)
            by_js = icaljs(path)
            assert _times(by_icalendar) == want, (label, name, "icalendar")
            assert _times(by_ical) == want, (label, name, "ical")
            assert _times(by_js) == want, (label, name, "ical.js")
            # the three parsers also agree on UIDs and on every text field
            for field in ("uid", "summary", "location", "description", "categories"):
                a = sorted(str(r[field]) for r in by_icalendar)
                assert a == sorted(str(r[field]) for r in by_ical), (label, name, field)
                assert a == sorted(str(r[field]) for r in by_js), (label, name, field)
            checked += len(want)
    assert checked >= 10


def test_dst_day_events_have_hand_computed_utc_times(
    fixture_programme: Programme, icaljs: Any, tmp_path: Path
) -> None:
    """31 March 2024: 22:00 CET → 05:00 CEST is 21:00Z → 03:00Z (a 6-hour night, not 7);
    27 October 2024: 23:00 CEST → 04:00 CET is 21:00Z → 03:00Z (a 6-hour night, not 5);
    14 July 21:30 in Paris is 19:30Z (the case that comes out an hour early with RDATE lists)."""
    path = tmp_path / "f.ics"
    path.write_bytes(to_ics(fixture_programme))
    rows = {(r["summary"], r["start"]): r["end"] for r in icaljs(path)}
    assert rows[("Nuit du passage à l'heure d'été", "T:2024-03-30T21:00:00Z")] == (
        "T:2024-03-31T03:00:00Z"
    )
    assert rows[("Nuit du passage à l'heure d'été", "T:2024-03-31T08:00:00Z")] == (
        "T:2024-03-31T10:00:00Z"
    )
    assert rows[("Nuit du retour à l'heure d'hiver", "T:2024-10-26T21:00:00Z")] == (
        "T:2024-10-27T03:00:00Z"
    )
    assert rows[("Nuit du retour à l'heure d'hiver", "T:2024-10-27T13:00:00Z")] == (
        "T:2024-10-27T15:00:00Z"
    )
    assert rows[("Fête du parc, jeux; musique \\ danse", "T:2024-07-14T19:30:00Z")] == (
        "T:2024-07-14T21:45:00Z"
    )
    # 3–7 August inclusive is DTSTART 20240803, DTEND 20240808 (calendar.md §3)
    assert rows[("Festival d'été (3–7 août)", "D:2024-08-03")] == "D:2024-08-08"
    assert rows[("Journée du 31 mars", "D:2024-03-31")] == "D:2024-04-01"


def test_hard_texts_survive_every_parser(
    fixture_programme: Programme, icaljs: Any, tmp_path: Path
) -> None:
    """Commas, semicolons, backslashes, newlines, accents and emoji come back unchanged."""
    path = tmp_path / "f.ics"
    path.write_bytes(to_ics(fixture_programme))
    event = fixture_programme.event("fete-lille-sud")
    for rows in (read_icalendar(path.read_bytes()), read_ical(path.read_bytes()), icaljs(path)):
        fete = next(r for r in rows if r["summary"] == event.title)
        assert fete["description"].startswith(event.description + "\n\n")
        assert "🎉" in fete["description"] and "\\o/" in fete["description"]
        assert fete["location"] == "Parc Lille-Sud, 12, rue du Parc, 59000 Lille"
        assert fete["categories"] == ["Culture", "Sport", "label-jo"]


@pytest.mark.parametrize("tzid", ["America/New_York", "Australia/Sydney", "Asia/Tokyo"])
def test_other_time_zones_are_read_right_by_icaljs(
    fixture_programme: Programme, icaljs: Any, tmp_path: Path, tzid: str
) -> None:
    """The RRULE form is derived from zoneinfo for any zone with yearly rules (or none at all)."""
    data = fixture_programme.model_dump()
    data["timezone"] = tzid
    for e in data["events"]:
        for o in e["occurrences"]:
            if isinstance(o["start"], datetime):
                o["start"] = o["start"].replace(tzinfo=None)
                o["end"] = o["end"].replace(tzinfo=None)
    data["events"] = [
        e for e in data["events"] if e["id"] not in ("nuit-dst-printemps", "nuit-dst-automne")
    ]
    programme = Programme.model_validate(data)
    path = tmp_path / "tz.ics"
    path.write_bytes(to_ics(programme))
    want = expected(e for e in programme.events if e.dated)
    assert _times(icaljs(path)) == want
    assert _times(read_ical(path.read_bytes())) == want
