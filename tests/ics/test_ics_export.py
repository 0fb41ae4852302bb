"""Export: what a community feed must contain (calendar.md §3), and stability over time."""

from __future__ import annotations

import ast
import re
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from icalendar import Calendar

from nqe_events.calendar.ics import (
    NQE_UID_NAMESPACE,
    event_uid,
    export_ics,
    feeds_by,
    to_ics,
    undated_events,
    write_feeds,
    write_ics,
)
from nqe_events.model import EventStatus, Programme

SRC = Path(__file__).resolve().parents[2] / "src" / "nqe_events"


def lines(data: bytes) -> list[str]:
    """Unfolded content lines."""
    text = data.decode("utf-8")
    assert "\n" not in text.replace("\r\n", ""), "bare LF in output"
    return text.replace("\r\n ", "").split("\r\n")


def vevents(data: bytes) -> dict[str, list[str]]:
    """Lines of each VEVENT by UID."""
    out: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in lines(data):
        if line == "BEGIN:VEVENT":
            current = []
        elif line == "END:VEVENT":
            assert current is not None
            uid = next(x for x in current if x.startswith("UID:"))[4:]
            out[uid] = current
            current = None
        elif current is not None:
            current.append(line)
    return out


def test_calendar_properties(fixture_programme: Programme) -> None:
    data = to_ics(fixture_programme)
    ls = lines(data)
    assert ls[0] == "BEGIN:VCALENDAR" and ls[-2] == "END:VCALENDAR" and ls[-1] == ""
    assert data.endswith(b"END:VCALENDAR\r\n")
    for required in (
        "VERSION:2.0",
        "METHOD:PUBLISH",
        "CALSCALE:GREGORIAN",
        "X-WR-TIMEZONE:Europe/Paris",
        "REFRESH-INTERVAL;VALUE=DURATION:PT12H",
        "X-PUBLISHED-TTL:PT12H",
    ):
        assert required in ls
    assert any(x.startswith("PRODID:-//nqe-events//") for x in ls)
    # names escaped as TEXT (calendar.md §4 trap 2): "," ";" "\" escaped
    escaped = "NQE 2024 — test\\, ICS\\; \\\\ édition 🎉"
    assert f"NAME:{escaped}" in ls
    assert f"X-WR-CALNAME:{escaped}" in ls
    assert any(x.startswith("X-WR-CALDESC:") for x in ls)


def test_lines_are_folded_at_75_octets(fixture_programme: Programme) -> None:
    data = to_ics(fixture_programme)
    for raw in data.split(b"\r\n"):
        assert len(raw) <= 75
        raw.decode("utf-8")  # folding never splits a multi-byte character


def test_vtimezone_is_in_rrule_form_not_rdate_lists(fixture_programme: Programme) -> None:
    """calendar.md §4 trap 1: RDATE lists make ical.js read 14 July 21:30 an hour early."""
    ls = lines(to_ics(fixture_programme))
    start, end = ls.index("BEGIN:VTIMEZONE"), ls.index("END:VTIMEZONE")
    body = ls[start:end]
    assert "TZID:Europe/Paris" in body
    assert not any(x.startswith("RDATE") for x in body)
    assert body.count("RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3") == 1
    assert body.count("RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10") == 1
    assert "DTSTART:19700329T020000" in body and "DTSTART:19701025T030000" in body
    assert "TZOFFSETFROM:+0100" in body and "TZOFFSETTO:+0200" in body


def test_empty_feed_still_has_a_component() -> None:
    """calendar.md §4 trap 6: a calendar with no event keeps its VTIMEZONE."""
    data = to_ics([])
    assert b"BEGIN:VTIMEZONE" in data and b"BEGIN:VEVENT" not in data
    Calendar.from_ical(data)


def test_event_properties(fixture_programme: Programme) -> None:
    data = to_ics(fixture_programme)
    events = vevents(data)
    uid = event_uid("fete-lille-sud", "1", "nqe-2024")
    assert uid == str(uuid.uuid5(NQE_UID_NAMESPACE, "nqe-2024/fete-lille-sud/1"))
    fete = events[uid]
    assert "DTSTART;TZID=Europe/Paris:20240714T213000" in fete
    assert "DTEND;TZID=Europe/Paris:20240714T234500" in fete
    # last_modified 2024-06-01T10:00+02:00 is 08:00 UTC: DTSTAMP from the data, not the clock
    assert "DTSTAMP:20240601T080000Z" in fete and "LAST-MODIFIED:20240601T080000Z" in fete
    assert "SEQUENCE:0" in fete
    assert "SUMMARY:Fête du parc\\, jeux\\; musique \\\\ danse" in fete
    assert "LOCATION:Parc Lille-Sud\\, 12\\, rue du Parc\\, 59000 Lille" in fete
    assert "GEO:50.6105;3.0551" in fete
    assert "CATEGORIES:Culture,Sport,label-jo" in fete
    assert 'ORGANIZER;CN="Centre social Lille-Sud":mailto:contact@cs-lille-sud.example.org' in fete
    assert "URL:https://example.org/fete?x=1&y=2" in fete
    assert "STATUS:CONFIRMED" in fete
    assert sum(1 for x in fete if x.startswith("DURATION")) == 0
    description = next(x for x in fete if x.startswith("DESCRIPTION:"))
    for part in (
        "Thèmes : Culture\\, Sport",
        "Publics : Familles\\, Personnes en situation de handicap",
        "Accessibilité : lieu accessible aux personnes à mobilité réduite",
        "Porteur : Centre social Lille-Sud",
        "Lien avec les Jeux (activités) : breakdance\\, tir à l'arc",
        "Quartiers : Lille-Sud (Lille)",
    ):
        assert part in description
    # no event carries an ATTENDEE, and every event has exactly one UID and DTSTAMP
    for ev in events.values():
        assert not any(x.startswith("ATTENDEE") for x in ev)
        assert sum(x.startswith("UID:") for x in ev) == 1
        assert sum(x.startswith("DTSTAMP:") for x in ev) == 1
        assert sum(x.startswith("ORGANIZER") for x in ev) == 1


def test_all_day_and_multi_day_use_dates_with_exclusive_end(fixture_programme: Programme) -> None:
    events = vevents(to_ics(fixture_programme))
    festival = events[event_uid("festival-etouvie", "1", "nqe-2024")]
    assert "DTSTART;VALUE=DATE:20240803" in festival
    assert "DTEND;VALUE=DATE:20240808" in festival
    day = events[event_uid("journee-dst", "2", "nqe-2024")]
    assert "DTSTART;VALUE=DATE:20241027" in day and "DTEND;VALUE=DATE:20241028" in day


def test_status_tentative_and_cancelled(fixture_programme: Programme) -> None:
    events = vevents(to_ics(fixture_programme))
    cancelled = events[event_uid("tournoi-annule", "1", "nqe-2024")]
    assert "STATUS:CANCELLED" in cancelled and "SEQUENCE:2" in cancelled
    assert any("Événement annulé." in x for x in cancelled)
    assert "STATUS:TENTATIVE" in events[event_uid("atelier-provisoire", "1", "nqe-2024")]


def test_organizer_without_email(fixture_programme: Programme) -> None:
    events = vevents(to_ics(fixture_programme))
    festival = events[event_uid("festival-etouvie", "1", "nqe-2024")]
    assert 'ORGANIZER;CN="Ville d\'Amiens":urn:x-nqe-events:organiser:ville-amiens' in festival
    nuit = events[event_uid("nuit-dst-printemps", "1", "nqe-2024")]
    assert any(x.endswith(":https://alma.example.org") for x in nuit if x.startswith("ORGANIZER"))


def test_undated_events_are_reported_not_dropped_silently(fixture_programme: Programme) -> None:
    result = export_ics(fixture_programme)
    assert result.skipped == ("a-planifier",)
    assert [e.id for e in undated_events(fixture_programme)] == ["a-planifier"]
    assert not result.ok
    assert "a-planifier" in result.to_text("fr") and "undated" in result.to_text("en")
    assert result.vevents == 10 and result.events == 7


def test_reexport_is_byte_identical(fixture_programme: Programme) -> None:
    first = to_ics(fixture_programme)
    again = to_ics(Programme.model_validate(fixture_programme.model_dump()))
    assert first == again
    shuffled = fixture_programme.model_copy(
        update={"events": tuple(reversed(fixture_programme.events))}
    )
    assert vevents(to_ics(shuffled)) == vevents(first)


def test_uids_do_not_depend_on_title_or_date(fixture_programme: Programme) -> None:
    event = fixture_programme.event("fete-lille-sud")
    moved = event.model_copy(update={"title": "Autre titre"})
    occ = moved.occurrences[0]
    moved = moved.model_copy(
        update={
            "occurrences": (
                occ.model_copy(
                    update={"start": occ.start.replace(day=15), "end": occ.end.replace(day=15)}
                ),
            )
        }
    )
    assert set(vevents(to_ics([event]))) == set(vevents(to_ics([moved])))


def _move(programme: Programme, event_id: str, hours: int) -> Programme:
    from datetime import timedelta

    events = []
    for e in programme.events:
        if e.id == event_id:
            occs = tuple(
                o.model_copy(
                    update={
                        "start": o.start + timedelta(hours=hours),
                        "end": o.end + timedelta(hours=hours),
                    }
                )
                for o in e.occurrences
            )
            e = e.model_copy(update={"occurrences": occs})
        events.append(e)
    return programme.model_copy(update={"events": tuple(events)})


def test_changing_one_event_changes_only_its_lines_and_raises_its_sequence(
    fixture_programme: Programme,
) -> None:
    before = to_ics(fixture_programme)
    after = to_ics(_move(fixture_programme, "atelier-provisoire", 1), previous=before)
    old, new = vevents(before), vevents(after)
    uid = event_uid("atelier-provisoire", "1", "nqe-2024")
    assert old.keys() == new.keys()
    changed = {u for u in old if old[u] != new[u]}
    assert changed == {uid}
    diff = set(old[uid]) ^ set(new[uid])
    assert {x.split(":")[0].split(";")[0] for x in diff} == {"DTSTART", "DTEND", "SEQUENCE"}
    assert "SEQUENCE:1" in new[uid]
    # the calendar part (name, time zone) is unchanged
    head = lambda d: d.split(b"BEGIN:VEVENT")[0]  # noqa: E731
    assert head(before) == head(after)
    # exporting again against the new file keeps SEQUENCE (nothing changed this time)
    assert to_ics(_move(fixture_programme, "atelier-provisoire", 1), previous=after) == after


def test_place_change_raises_sequence(fixture_programme: Programme) -> None:
    before = to_ics(fixture_programme)
    events = tuple(
        e.model_copy(update={"venue": "salle-etouvie"}) if e.id == "fete-lille-sud" else e
        for e in fixture_programme.events
    )
    after = to_ics(fixture_programme.model_copy(update={"events": events}), previous=before)
    uid = event_uid("fete-lille-sud", "1", "nqe-2024")
    assert "SEQUENCE:1" in vevents(after)[uid]


def test_title_change_keeps_sequence(fixture_programme: Programme) -> None:
    """RFC 5546: only start, end, place and status are significant changes."""
    before = to_ics(fixture_programme)
    events = tuple(
        e.model_copy(update={"title": "Nouveau titre"}) if e.id == "fete-lille-sud" else e
        for e in fixture_programme.events
    )
    after = to_ics(fixture_programme.model_copy(update={"events": events}), previous=before)
    assert "SEQUENCE:0" in vevents(after)[event_uid("fete-lille-sud", "1", "nqe-2024")]


def test_cancelling_keeps_the_event_with_a_higher_sequence(fixture_programme: Programme) -> None:
    before = to_ics(fixture_programme)
    events = tuple(
        e.model_copy(update={"status": EventStatus.CANCELLED})
        if e.id == "atelier-provisoire"
        else e
        for e in fixture_programme.events
    )
    after = to_ics(fixture_programme.model_copy(update={"events": events}), previous=before)
    ev = vevents(after)[event_uid("atelier-provisoire", "1", "nqe-2024")]
    assert "STATUS:CANCELLED" in ev and "SEQUENCE:1" in ev


def test_sequence_kept_in_the_programme_wins_when_higher(fixture_programme: Programme) -> None:
    before = to_ics(fixture_programme)
    events = tuple(
        e.model_copy(update={"sequence": 7}) if e.id == "atelier-provisoire" else e
        for e in fixture_programme.events
    )
    after = to_ics(
        _move(fixture_programme.model_copy(update={"events": events}), "atelier-provisoire", 2),
        previous=before,
    )
    assert "SEQUENCE:7" in vevents(after)[event_uid("atelier-provisoire", "1", "nqe-2024")]


def test_write_ics_reads_the_existing_file_as_previous(
    fixture_programme: Programme, tmp_path: Path
) -> None:
    path = tmp_path / "saison.ics"
    write_ics(path, fixture_programme)
    write_ics(path, _move(fixture_programme, "fete-lille-sud", 1))
    ev = vevents(path.read_bytes())[event_uid("fete-lille-sud", "1", "nqe-2024")]
    assert "SEQUENCE:1" in ev


def test_description_extra_is_appended(fixture_programme: Programme) -> None:
    data = to_ics(fixture_programme, description_extra={"fete-lille-sud": "Empreinte : 1,2 t"})
    ev = vevents(data)[event_uid("fete-lille-sud", "1", "nqe-2024")]
    assert any(x.endswith("\\nEmpreinte : 1\\,2 t") for x in ev if x.startswith("DESCRIPTION"))


def test_stamp_must_be_aware(fixture_programme: Programme) -> None:
    with pytest.raises(ValueError):
        to_ics(fixture_programme, stamp=datetime(2024, 1, 1))
    data = to_ics(fixture_programme, stamp=datetime(2024, 2, 1, tzinfo=UTC))
    ev = vevents(data)[event_uid("festival-etouvie", "1", "nqe-2024")]
    assert "DTSTAMP:20240201T000000Z" in ev


def test_feeds_by_quartier_commune_and_organiser(fixture_programme: Programme) -> None:
    by_q = feeds_by(fixture_programme, "quartier")
    assert sorted(by_q) == ["alma", "etouvie", "lille-sud"]
    # an event held in two quartiers is in both feeds, with the same UIDs
    uid = event_uid("nuit-dst-automne", "1", "nqe-2024")
    assert uid in vevents(by_q["alma"]) and uid in vevents(by_q["lille-sud"])
    assert uid not in vevents(by_q["etouvie"])
    assert b"X-WR-CALNAME:NQE 2024" in by_q["alma"] and b"L'Alma" in by_q["alma"]
    assert sorted(feeds_by(fixture_programme, "commune")) == ["amiens", "lille", "roubaix"]
    assert sorted(feeds_by(fixture_programme, "organiser")) == [
        "asso-alma",
        "cs-lille-sud",
        "ville-amiens",
    ]
    with pytest.raises(ValueError):
        feeds_by(fixture_programme, "departement")  # type: ignore[arg-type]


def test_write_feeds(fixture_programme: Programme, tmp_path: Path) -> None:
    paths = write_feeds(tmp_path / "q", fixture_programme, "quartier")
    assert sorted(p.name for p in paths.values()) == ["alma.ics", "etouvie.ics", "lille-sud.ics"]


def test_calendar_package_stays_independent_of_rules_and_footprint() -> None:
    """design.md §1: calendar/ never imports rules/ or footprint/ (footprint text comes in as
    ``description_extra``); in the ics/ package only export.py, importer.py and reader.py import
    icalendar."""
    paths = sorted((SRC / "calendar" / "ics").glob("*.py"))
    assert {p.name for p in paths} >= {"export.py", "importer.py", "scan.py", "tz.py"}
    for path in paths:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom):
                names.add(("." * node.level) + (node.module or ""))
        assert not any(re.search(r"(^|\.)(rules|footprint)(\.|$)", n) for n in names), path
        if path.name not in ("export.py", "importer.py", "reader.py"):
            assert not any(n.startswith("icalendar") for n in names), path


def test_all_day_move_raises_sequence(fixture_programme: Programme) -> None:
    from datetime import timedelta

    before = to_ics(fixture_programme)
    events = []
    for e in fixture_programme.events:
        if e.id == "festival-etouvie":
            o = e.occurrences[0]
            o = o.model_copy(
                update={"start": o.start + timedelta(days=7), "end": o.end + timedelta(days=7)}
            )
            e = e.model_copy(update={"occurrences": (o,)})
        events.append(e)
    after = to_ics(fixture_programme.model_copy(update={"events": tuple(events)}), previous=before)
    ev = vevents(after)[event_uid("festival-etouvie", "1", "nqe-2024")]
    assert "SEQUENCE:1" in ev and "DTSTART;VALUE=DATE:20240810" in ev


def test_control_characters_are_dropped_and_quotes_in_names_encoded(
    fixture_programme: Programme,
) -> None:
    """A vertical tab is not allowed in a content line; a double quote in a CN parameter is
    written ^' (RFC 6868) and comes back as a quote."""
    from nqe_events.calendar.ics import import_ics

    events = tuple(
        e.model_copy(update={"title": "Bal\x0b du soir"}) if e.id == "fete-lille-sud" else e
        for e in fixture_programme.events
    )
    orgs = tuple(
        o.model_copy(update={"name": 'Le "Centre" ^ social'}) if o.id == "cs-lille-sud" else o
        for o in fixture_programme.organisers
    )
    data = to_ics(fixture_programme.model_copy(update={"events": events, "organisers": orgs}))
    ev = vevents(data)[event_uid("fete-lille-sud", "1", "nqe-2024")]
    assert "SUMMARY:Bal du soir" in ev
    assert any(x.startswith("ORGANIZER;CN=\"Le ^'Centre^' ^^ social\":mailto:") for x in ev)
    back = import_ics(data)
    # X-NQE-EVENT gives the programme's own title back, as it was
    assert back.events[0].title == "Bal\x0b du soir"
    assert {o.name for o in back.organisers} >= {'Le "Centre" ^ social'}
    # read from the ordinary properties only (as for a feed written elsewhere)
    plain = b"".join(
        line + b"\r\n"
        for line in data.replace(b"\r\n ", b"").split(b"\r\n")
        if line and not line.startswith((b"X-NQE-EVENT", b"X-NQE-PROGRAMME", b"X-NQE-ORGANISER-D"))
    )
    again = import_ics(plain)
    assert again.events[0].title == "Bal du soir"
    assert {o.name for o in again.organisers} >= {'Le "Centre" ^ social'}
