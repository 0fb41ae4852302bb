"""Export changes and lossless round trips: « Annulé — » for readers that ignore STATUS, the
repeated DST hour written as the right instant, times to the second, and programme → ICS →
programme equal to the dated part of the programme (export → import → export byte-identical)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from nqe_events.calendar.ics import export_ics, import_ics, to_ics
from nqe_events.model import Event, Occurrence, Programme

PARIS = ZoneInfo("Europe/Paris")


def khal_like(data: bytes) -> list[str]:
    """What a reader that ignores STATUS (khal, calcurse) shows: the SUMMARY of each VEVENT,
    unfolded and unescaped by hand."""
    text = data.decode("utf-8").replace("\r\n ", "")
    out = []
    for line in text.split("\r\n"):
        if line.startswith("SUMMARY:"):
            value = line[len("SUMMARY:") :]
            out.append(value.replace("\\,", ",").replace("\\;", ";").replace("\\\\", "\\"))
    return out


def dated_part(programme: Programme) -> Programme:
    return programme.with_events([e for e in programme.events if e.dated])


# --- « Annulé — » -------------------------------------------------------------------------------


def test_reader_ignoring_status_sees_the_cancellation(fixture_programme: Programme) -> None:
    shown = khal_like(to_ics(fixture_programme))
    assert "Annulé — Tournoi annulé" in shown
    others = [e.title for e in fixture_programme.events if e.dated and e.status.value != "annule"]
    assert all(title in shown for title in others)
    assert not any(s.startswith("Annulé — ") for s in shown if "Tournoi" not in s)


def test_cancelled_prefix_is_byte_stable_and_never_doubled(fixture_programme: Programme) -> None:
    first = to_ics(fixture_programme)
    back = import_ics(first).programme
    assert back.event("tournoi-annule").title == "Tournoi annulé"
    again = to_ics(back)
    assert again == first
    # withdrawn entries keep one prefix however often they are exported again
    smaller = fixture_programme.with_events(
        [e for e in fixture_programme.events if e.id != "fete-lille-sud"]
    )
    second = export_ics(smaller, previous=first).data
    third = export_ics(smaller, previous=second).data
    assert third == second
    shown = khal_like(third)
    assert "Annulé — Fête du parc, jeux; musique \\ danse" in shown
    assert not any("Annulé — Annulé" in s for s in shown)


# --- DST and seconds ----------------------------------------------------------------------------


def _one(programme: Programme, start: datetime, end: datetime) -> Programme:
    base = programme.events[0].model_dump()
    base.update(occurrences=[{"start": start, "end": end}], id="dst", status="confirme")
    return programme.with_events([Event.model_validate(base)])


def test_repeated_dst_hour_comes_back_as_the_same_instant(fixture_programme: Programme) -> None:
    import icalendar

    # the second 02:30 of 27 October 2024 in Paris (+01:00), for one hour
    start = datetime(2024, 10, 27, 2, 30, tzinfo=PARIS, fold=1)
    assert start.utcoffset() == timedelta(hours=1)
    programme = _one(fixture_programme, start, start + timedelta(hours=1))
    data = to_ics(programme)
    assert b"DTSTART:20241027T013000Z\r\n" in data  # 02:30+01:00 = 01:30Z, in UTC
    occ = import_ics(data).events[0].occurrences[0]
    assert occ.start_utc == datetime(2024, 10, 27, 1, 30, tzinfo=UTC)
    assert occ.duration == timedelta(hours=1)
    # a second reader gets the same instant
    ve = icalendar.Calendar.from_ical(data).walk("VEVENT")[0]
    assert ve.decoded("DTSTART").astimezone(UTC) == datetime(2024, 10, 27, 1, 30, tzinfo=UTC)
    # the first 02:30 (+02:00) is ambiguous too, and also written in UTC
    first = datetime(2024, 10, 27, 2, 30, tzinfo=PARIS, fold=0)
    data = to_ics(_one(fixture_programme, first, first + timedelta(minutes=30)))
    assert b"DTSTART:20241027T003000Z\r\n" in data
    # an ordinary time keeps its TZID form
    assert b"DTSTART;TZID=Europe/Paris:20240714T213000" in to_ics(fixture_programme)


def test_sub_second_times_are_refused_at_validation() -> None:
    with pytest.raises(ValidationError) as info:
        Occurrence.model_validate(
            {"start": "2024-07-20T10:00:00.500+02:00", "end": "2024-07-20T11:00:00+02:00"}
        )
    assert "à la seconde près" in str(info.value)


def test_sub_second_time_in_a_programme_file_is_a_french_error() -> None:
    import nqe_events as nqe
    from nqe_events.errors import ProgrammeValidationError

    text = nqe.load_example().model_dump_json()
    text = text.replace("T14:00:00+02:00", "T14:00:00.250+02:00", 1)
    with pytest.raises(ProgrammeValidationError) as info:
        nqe.loads_programme(text)
    assert "à la seconde près" in info.value.render("fr")


# --- lossless round trips -----------------------------------------------------------------------


def test_export_import_export_is_byte_identical_on_the_sample(
    sample_programme: Programme | None, fixture_programme: Programme
) -> None:
    for programme in [p for p in (sample_programme, fixture_programme) if p is not None]:
        first = to_ics(programme)
        result = import_ics(first)
        assert result.warnings == ()
        assert result.programme == dated_part(programme)
        assert to_ics(result.programme) == first


def test_quartier_names_survive_a_per_quartier_feed(fixture_programme: Programme) -> None:
    from nqe_events.calendar.ics import feeds_by

    feed = feeds_by(fixture_programme, "quartier")["alma"]
    back = import_ics(feed).programme
    assert {q.id: q.name for q in back.quartiers} == {
        q.id: q.name for q in fixture_programme.quartiers
    }
    assert not any("à préciser" in q.name for q in back.quartiers)


PARIS_TIMES = st.one_of(
    st.datetimes(datetime(2024, 3, 30), datetime(2024, 4, 1)),
    st.datetimes(datetime(2024, 10, 26), datetime(2024, 10, 28)),
    st.datetimes(datetime(2024, 6, 1), datetime(2024, 9, 30)),
).map(lambda d: d.replace(microsecond=0, tzinfo=UTC).astimezone(PARIS))
WORDS = (
    st.text(alphabet=st.sampled_from("abcdéèà ,;\\\n:\"'€🎉«»—"), min_size=1, max_size=30)
    .map(str.strip)
    .filter(bool)
)
TAGS = st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True).filter(
    lambda t: t not in ("sport", "culture", "developpement-durable")
)


@st.composite
def rich_events(draw: st.DrawFn) -> list[dict[str, Any]]:
    out = []
    cursor = draw(PARIS_TIMES)
    for i in range(draw(st.integers(1, 4))):
        occs = []
        for _ in range(draw(st.integers(1, 3))):
            if draw(st.booleans()):
                day = (cursor + timedelta(days=1)).date()
                span = draw(st.integers(0, 3))
                occs.append({"start": day, "end": day + timedelta(days=span)})
                cursor = datetime.combine(
                    day + timedelta(days=span + 1), datetime.min.time(), PARIS
                )
            else:
                start = cursor + timedelta(minutes=draw(st.integers(0, 3000)))
                end = start + timedelta(
                    minutes=draw(st.integers(1, 600)), seconds=draw(st.integers(0, 59))
                )
                occs.append({"start": start, "end": end, "label": draw(st.none() | WORDS)})
                cursor = end
        out.append(
            {
                "id": f"e{i}",
                "title": draw(WORDS),
                "description": draw(st.just("") | WORDS),
                "organiser": draw(st.sampled_from(["cs-lille-sud", "asso-alma", "ville-amiens"])),
                "partners": draw(
                    st.lists(
                        st.sampled_from(["asso-alma", "ville-amiens"]), max_size=2, unique=True
                    )
                ),
                "venue": draw(
                    st.sampled_from(["parc-lille-sud", "city-stade-alma", "salle-etouvie"])
                ),
                "quartiers": draw(
                    st.lists(
                        st.sampled_from(["lille-sud", "alma", "etouvie"]),
                        min_size=1,
                        max_size=3,
                        unique=True,
                    )
                ),
                "themes": draw(
                    st.lists(
                        st.sampled_from(["sport", "culture", "developpement-durable"]),
                        max_size=3,
                        unique=True,
                    )
                ),
                "activities": draw(st.lists(WORDS, max_size=2, unique=True)),
                "audiences": draw(
                    st.lists(
                        st.sampled_from(["enfants", "jeunes", "familles", "seniors"]),
                        max_size=2,
                        unique=True,
                    )
                ),
                "rev3": draw(st.lists(TAGS, max_size=2, unique=True)),
                "labels": draw(st.lists(TAGS, max_size=2, unique=True)),
                "expected_attendance": draw(st.none() | st.integers(0, 5000)),
                "participation": draw(
                    st.none() | st.just({"conception": True, "volunteer_inhabitants": 4})
                ),
                "budget": draw(st.none() | st.just({"total_eur": 1500.5, "region_eur": 700})),
                "status": draw(st.sampled_from(["confirme", "provisoire", "annule"])),
                "sequence": draw(st.integers(0, 3)),
                "last_modified": draw(st.none() | PARIS_TIMES),
                "url": draw(st.none() | st.just("https://example.org/e?x=1&y=2")),
                "occurrences": occs,
            }
        )
    return out


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events=rich_events())
def test_programme_ics_programme_is_lossless(fixture_programme: Programme, events: Any) -> None:
    base = fixture_programme.model_dump()
    base["events"] = events
    programme = Programme.model_validate(base)
    data = to_ics(programme)
    result = import_ics(data)
    assert result.programme == dated_part(programme)
    assert to_ics(result.programme) == data


def test_foreign_feed_dates_still_read_when_our_data_is_damaged(
    fixture_programme: Programme,
) -> None:
    data = to_ics(fixture_programme).replace(b"X-NQE-EVENT:{", b"X-NQE-EVENT:[", 1)
    result = import_ics(data)
    assert "nqe_data" in [w.code for w in result.warnings]
    assert len(result.events) == len([e for e in fixture_programme.events if e.dated])
    assert date(2024, 7, 14) in result.events[0].days
