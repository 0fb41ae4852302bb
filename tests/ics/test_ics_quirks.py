"""What calendars really export, read as they mean it (expected values computed by hand, and for
recurrences also by recurring_ical_events, a second reader): per-event tolerance and --strict,
zero-length events, DURATION:PT0S beside DTEND, RDATE;VALUE=PERIOD, RANGE=THISANDFUTURE, lone-CR
line endings, Windows and OWA zone names, the season (given, inferred, old years)."""

from __future__ import annotations

import io
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from nqe_events.calendar.ics import IcsImport, import_file, import_ics
from nqe_events.cli import main
from nqe_events.errors import IcsError

PARIS = ZoneInfo("Europe/Paris")


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def cal(*events: tuple[str, ...], head: tuple[str, ...] = ()) -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//FR", *head]
    for props in events:
        lines += ["BEGIN:VEVENT", "DTSTAMP:20240101T000000Z", *props, "END:VEVENT"]
    lines += ["END:VCALENDAR", ""]
    return "\r\n".join(lines).encode("utf-8")


GOOD = ("UID:good@test", "SUMMARY:Bon", "DTSTART:20240720T100000Z", "DTEND:20240720T120000Z")


def spans(result: IcsImport, event: int = 0) -> list[tuple[datetime, datetime]]:
    return [(o.start_utc, o.end_utc) for o in result.events[event].occurrences]


def codes(result: IcsImport) -> list[str]:
    return [w.code for w in result.warnings]


# --- per-event tolerance ------------------------------------------------------------------------


BROKEN = ("UID:bad@test", "SUMMARY:Cassé", "DTSTART:20240230T100000Z", "DURATION:PT1H")


def test_an_unusable_event_is_skipped_with_line_uid_and_reason() -> None:
    result = import_ics(cal(GOOD, BROKEN))
    assert [e.title for e in result.events] == ["Bon"]
    skipped = [w for w in result.warnings if w.code == "skipped"]
    assert len(skipped) == 1 and result.skipped == tuple(skipped)
    (w,) = skipped
    # the broken DTSTART is line 15 of the file; its VEVENT begins on line 11
    assert (w.line, w.event) == (15, "bad@test")
    text = w.render("fr")
    assert text.startswith("ligne 15 : ") and "BEGIN:VEVENT ligne 11" in text
    assert "« bad@test »" in text and "30/02/2024 n'existe pas" in text
    assert "Wrong" not in text


def test_strict_refuses_the_whole_file() -> None:
    with pytest.raises(IcsError) as info:
        import_ics(cal(GOOD, BROKEN), strict=True)
    assert [d.line for d in info.value.details] == [15]
    assert "30/02/2024" in info.value.render("fr")


def test_a_file_with_nothing_usable_left_is_refused_with_every_reason() -> None:
    other = ("UID:neg@test", "DTSTART:20240720T100000Z", "DURATION:PT-2H")
    with pytest.raises(IcsError) as info:
        import_ics(cal(BROKEN, other))
    assert sorted(d.line for d in info.value.details) == [8, 15]  # DTSTART, DURATION
    text = info.value.render("fr")
    assert "aucun événement utilisable" in text and "PT-2H" in text


def test_cli_tolerant_by_default_and_strict_on_request(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "mixed.ics"
    src.write_bytes(cal(GOOD, BROKEN))
    out = tmp_path / "p.yaml"
    assert main(["import-ics", str(src), "-o", str(out), "--season", "2024"]) == 1  # warnings
    assert out.is_file()
    text = capsys.readouterr().out
    assert "bad@test" in text and "ignoré" in text
    out.unlink()
    assert main(["import-ics", str(src), "-o", str(out), "--strict"]) == 2
    err = capsys.readouterr().err
    assert f"{src}:15" in err and "Traceback" not in err
    assert not out.exists()


def test_cli_reads_standard_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(cal(GOOD))))
    out = tmp_path / "p.yaml"
    assert main(["import-ics", "-", "-o", str(out)]) in (0, 1)
    assert "Bon" in out.read_text(encoding="utf-8")


# --- quirks -------------------------------------------------------------------------------------


def test_zero_length_event_is_kept_as_one_minute_and_said_so() -> None:
    result = import_ics(
        cal(("UID:z@test", "SUMMARY:Top", "DTSTART:20240720T100000Z", "DTEND:20240720T100000Z"))
    )
    assert spans(result) == [(utc(2024, 7, 20, 10), utc(2024, 7, 20, 10, 1))]
    (w,) = [w for w in result.warnings if w.code == "zero_length"]
    assert w.line == 9 and "durée nulle" in w.render("fr")  # the DTEND line


def test_zero_length_all_day_event_is_one_day() -> None:
    result = import_ics(
        cal(
            (
                "UID:h@test",
                "SUMMARY:Férié",
                "DTSTART;VALUE=DATE:20240714",
                "DTEND;VALUE=DATE:20240714",
            )
        )
    )
    (occ,) = result.events[0].occurrences
    assert occ.all_day and occ.days == (date(2024, 7, 14),)
    assert "zero_length_day" in codes(result)


def test_duration_pt0s_beside_dtend_keeps_dtend() -> None:
    # Thunderbird writes DURATION:PT0S next to DTEND
    result = import_ics(cal((*GOOD[:3], "DTEND:20240720T120000Z", "DURATION:PT0S")))
    assert spans(result) == [(utc(2024, 7, 20, 10), utc(2024, 7, 20, 12))]
    assert "duration_ignored" in codes(result)


def test_duration_that_contradicts_dtend_skips_the_event() -> None:
    result = import_ics(
        cal(
            GOOD,
            ("UID:c@test", "DTSTART:20240721T100000Z", "DTEND:20240721T120000Z", "DURATION:PT1H"),
        )
    )
    assert [e.title for e in result.events] == ["Bon"]
    (w,) = [w for w in result.warnings if w.code == "skipped"]
    assert w.event == "c@test" and "DURATION" in w.render("fr")


def test_rdate_periods_are_occurrences_with_their_own_ends() -> None:
    result = import_ics(
        cal(
            (
                "UID:p@test",
                "SUMMARY:Séances",
                "DTSTART:20240720T100000Z",
                "DTEND:20240720T110000Z",
                "RDATE;VALUE=PERIOD:20240721T100000Z/20240721T120000Z,20240722T100000Z/PT3H",
            )
        ),
        season=2024,
    )
    assert spans(result) == [
        (utc(2024, 7, 20, 10), utc(2024, 7, 20, 11)),
        (utc(2024, 7, 21, 10), utc(2024, 7, 21, 12)),
        (utc(2024, 7, 22, 10), utc(2024, 7, 22, 13)),
    ]


THIS_AND_FUTURE = cal(
    (
        "UID:w@test",
        "SUMMARY:Atelier",
        "DTSTART;TZID=Europe/Paris:20240701T100000",
        "DTEND;TZID=Europe/Paris:20240701T110000",
        "RRULE:FREQ=WEEKLY;COUNT=6",
    ),
    (
        "UID:w@test",
        "SUMMARY:Atelier (nouvel horaire)",
        "RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=Europe/Paris:20240722T100000",
        "DTSTART;TZID=Europe/Paris:20240722T140000",
        "DTEND;TZID=Europe/Paris:20240722T150000",
    ),
)


def test_range_thisandfuture_moves_the_following_occurrences() -> None:
    result = import_ics(THIS_AND_FUTURE, season=2024)
    got = [o.start for o in result.events[0].occurrences]
    # by hand: 1, 8 and 15 July at 10:00; from 22 July on (22, 29 July, 5 August) at 14:00
    want = [datetime(2024, 7, d, 10, tzinfo=PARIS) for d in (1, 8, 15)]
    want += [datetime(2024, 7, 22, 14, tzinfo=PARIS), datetime(2024, 7, 29, 14, tzinfo=PARIS)]
    want += [datetime(2024, 8, 5, 14, tzinfo=PARIS)]
    assert got == want


def test_range_thisandfuture_matches_recurring_ical_events() -> None:
    import icalendar
    import recurring_ical_events

    lo, hi = datetime(2024, 1, 1, tzinfo=PARIS), datetime(2025, 1, 1, tzinfo=PARIS)
    reference = recurring_ical_events.of(icalendar.Calendar.from_ical(THIS_AND_FUTURE))
    theirs = sorted(o["DTSTART"].dt.astimezone(UTC) for o in reference.between(lo, hi))
    ours = [o.start_utc for o in import_ics(THIS_AND_FUTURE, season=2024).events[0].occurrences]
    assert ours == theirs


def test_lone_cr_line_endings_read_like_crlf() -> None:
    crlf = cal(GOOD)
    result = import_ics(crlf.replace(b"\r\n", b"\r"))
    assert spans(result) == spans(import_ics(crlf))
    assert "lone_cr" in codes(result)


@pytest.mark.parametrize(
    ("tzid", "utc_hour"),
    [
        ("Romance Standard Time", 12),  # Windows key
        ("W. Europe Standard Time 1", 12),  # Exchange's numbered copy
        ("(UTC+01:00) Brussels, Copenhagen, Madrid, Paris", 12),  # Outlook/OWA display name
        ("(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna", 12),
        ("(UTC-05:00) Eastern Time (US & Canada)", 18),
        ("Eastern Standard Time", 18),
        ("tzone://Microsoft/Utc", 14),
    ],
)
def test_windows_and_owa_zone_names(tzid: str, utc_hour: int) -> None:
    # 14:00 local on 20 July 2024: 12:00Z in Paris/Berlin (CEST), 18:00Z in New York (EDT)
    ev = (
        "UID:o@test",
        f'DTSTART;TZID="{tzid}":20240720T140000',
        f'DTEND;TZID="{tzid}":20240720T150000',
    )
    result = import_ics(cal(ev))
    assert spans(result) == [(utc(2024, 7, 20, utc_hour), utc(2024, 7, 20, utc_hour + 1))]
    assert "vtimezone_only" not in codes(result) and "floating" not in codes(result)


# --- the season ---------------------------------------------------------------------------------


def test_old_calendar_is_readable_with_its_own_season() -> None:
    result = import_ics(
        cal(("UID:o@test", "SUMMARY:Kermesse", "DTSTART:19950624T120000Z", "DURATION:PT2H"))
    )
    assert result.season == 1995
    programme = result.programme
    assert programme.season == 1995
    assert programme.events[0].occurrences[0].start_utc == utc(1995, 6, 24, 12)


def test_a_hand_written_programme_still_starts_in_2014() -> None:
    import nqe_events as nqe
    from nqe_events.errors import ProgrammeValidationError

    with pytest.raises(ProgrammeValidationError, match="au moins 2014"):
        nqe.loads_programme("season: 1995\nname: Ancien\n")


def test_season_is_the_year_of_most_events_and_others_say_how_to_import_them() -> None:
    events = [("UID:a@test", "SUMMARY:Vieux", "DTSTART:20190720T100000Z", "DURATION:PT1H")]
    for day in (1, 2, 3):
        events.append(
            (f"UID:n{day}@test", "SUMMARY:Neuf", f"DTSTART:2024070{day}T100000Z", "DURATION:PT1H")
        )
    result = import_ics(cal(*(tuple(e) for e in events)))
    assert result.season == 2024 and len(result.events) == 3
    (w,) = [w for w in result.warnings if w.code == "outside_season"]
    assert w.event == "a" and w.line == 4
    assert "--season 2019" in w.render("fr") and "20/07/2019" in w.render("fr")
    again = import_ics(cal(*(tuple(e) for e in events)), season=2019)
    assert [e.id for e in again.events] == ["a"]


def test_a_season_the_model_cannot_hold_is_refused_in_french() -> None:
    with pytest.raises(IcsError, match="saison 10000 impossible"):
        import_ics(cal(GOOD), season=10000)


def test_import_file_returns_programme_and_warnings(tmp_path: Path) -> None:
    path = tmp_path / "g.ics"
    path.write_bytes(cal(GOOD, BROKEN))
    result = import_file(path, season=2024)
    assert [e.title for e in result.programme.events] == ["Bon"]
    assert "skipped" in codes(result)
    with pytest.raises(IcsError):
        import_file(path, strict=True)


def test_event_overlapping_the_season_start_is_kept() -> None:
    # like recurring_ical_events' between(): an event that is still on at the window's start counts
    ev = ("UID:n@test", "SUMMARY:Réveillon", "DTSTART:20231231T220000Z", "DTEND:20240101T020000Z")
    result = import_ics(cal(ev, GOOD), season=2024)
    assert sorted(e.title for e in result.events) == ["Bon", "Réveillon"]
    assert spans(result, [e.title for e in result.events].index("Réveillon"))[0][1] - spans(
        result, [e.title for e in result.events].index("Réveillon")
    )[0][0] == timedelta(hours=4)


# --- more of what real exports hold ---------------------------------------------------------------


def test_duplicate_dtstart_keeps_the_first() -> None:
    ev = ("UID:d@test", "DTSTART:20240720T100000Z", "DTSTART:20240720T120000Z", "DURATION:PT1H")
    result = import_ics(cal(ev))
    assert spans(result) == [(utc(2024, 7, 20, 10), utc(2024, 7, 20, 11))]
    (w,) = [w for w in result.warnings if w.code == "duplicate_property"]
    assert w.line == 8  # the second DTSTART


def test_empty_rrule_is_no_recurrence() -> None:
    # calendarlabs' holiday feeds write « RRULE: »
    ev = ("UID:e@test", "DTSTART;VALUE=DATE:20240501", "RRULE:", "SUMMARY:Fête du travail")
    result = import_ics(cal(ev))
    assert [o.days for o in result.events[0].occurrences] == [(date(2024, 5, 1),)]
    assert "empty_rrule" in codes(result)


def test_overlapping_occurrences_of_a_series_are_spread_over_events() -> None:
    # a daily 2-day event: each occurrence overlaps the next; the model's events may not overlap
    ev = (
        "UID:o@test",
        "SUMMARY:Stage",
        "DTSTART:20240701T080000Z",
        "DTEND:20240703T080000Z",
        "RRULE:FREQ=DAILY;COUNT=4",
    )
    result = import_ics(cal(ev), season=2024)
    starts = sorted(o.start_utc for e in result.events for o in e.occurrences)
    assert starts == [utc(2024, 7, d, 8) for d in (1, 2, 3, 4)]  # all four kept
    assert [e.id for e in result.events] == ["o", "o-2"]
    assert "overlap_split" in codes(result)


def test_broken_line_inside_an_event_costs_that_event_only() -> None:
    bad = ("UID:b@test", "DTSTART:20240721T100000Z", "X-APPLE-RADIUS=49.9", "DURATION:PT1H")
    result = import_ics(cal(GOOD, bad))
    assert [e.title for e in result.events] == ["Bon"]
    (w,) = [w for w in result.warnings if w.code == "skipped"]
    assert (w.event, w.line) == ("b@test", 15) and "NOM:valeur" in w.render("fr")


def test_stray_line_after_the_calendar_is_ignored_with_a_warning() -> None:
    result = import_ics(cal(GOOD) + b"X-COMMENT:Cached from 2022-02-20\r\n")
    assert [e.title for e in result.events] == ["Bon"]
    assert "trailing" in codes(result)


# --- read like recurring_ical_events: end before start, a date beside a date-time ----------------


def _reference_spans(data: bytes, season: int = 2024) -> list[tuple[datetime, datetime]]:
    """(start, end) in UTC of every occurrence recurring_ical_events reads in the season."""
    import icalendar
    import recurring_ical_events

    reference = recurring_ical_events.of(icalendar.Calendar.from_ical(data))
    lo, hi = datetime(season, 1, 1, tzinfo=PARIS), datetime(season + 1, 1, 1, tzinfo=PARIS)
    return sorted(
        (o.start.astimezone(UTC), o.end.astimezone(UTC)) for o in reference.between(lo, hi)
    )


END_BEFORE_START = cal(
    (
        "UID:swap@test",
        "SUMMARY:Inversé",
        "DTSTART;TZID=Europe/Paris:20240714T100000",
        "DTEND;TZID=Europe/Paris:20240714T090000",
    )
)


def test_end_before_start_is_swapped_with_a_warning() -> None:
    result = import_ics(END_BEFORE_START)
    assert spans(result) == [(utc(2024, 7, 14, 7), utc(2024, 7, 14, 8))]  # 09:00-10:00 Paris
    assert spans(result) == _reference_spans(END_BEFORE_START)
    (w,) = [w for w in result.warnings if w.code == "end_before_start"]
    assert w.line == 9  # the DTEND line
    text = w.render("fr")
    assert "fin (14/07/2024 à 09:00) avant le début (14/07/2024 à 10:00)" in text
    assert "échangés" in text and w.render("en")
    assert not result.skipped


def test_a_series_ending_before_it_starts_is_expanded_like_the_reference() -> None:
    data = cal(
        (
            "UID:serie@test",
            "SUMMARY:Série",
            "DTSTART:20240304T100000Z",
            "DTEND:20240303T100000Z",
            "RRULE:FREQ=WEEKLY;COUNT=3",
        )
    )
    result = import_ics(data, season=2024)
    got = sorted(o for e in result.events for o in spans(result, result.events.index(e)))
    # one day each, from the earlier time: 3, 10 and 17 March at 10:00 UTC
    assert got == _reference_spans(data)
    assert got[0] == (utc(2024, 3, 3, 10), utc(2024, 3, 4, 10)) and len(got) == 3
    assert "end_before_start" in codes(result)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        # a date-time start and a date end: the end is midnight in the start's zone
        (
            "DTSTART;TZID=Europe/Paris:20240714T100000",
            "DTEND;VALUE=DATE:20240715",
            (utc(2024, 7, 14, 8), utc(2024, 7, 14, 22)),
        ),
        # a date start and a UTC end: the start is midnight UTC
        (
            "DTSTART;VALUE=DATE:20240714",
            "DTEND:20240715T100000Z",
            (utc(2024, 7, 14), utc(2024, 7, 15, 10)),
        ),
    ],
)
def test_a_date_beside_a_date_time_is_midnight_in_the_other_zone(
    start: str, end: str, expected: tuple[datetime, datetime]
) -> None:
    data = cal(("UID:mix@test", "SUMMARY:Mélange", start, end))
    result = import_ics(data, season=2024)
    assert spans(result) == [expected] == _reference_spans(data)
    (w,) = [w for w in result.warnings if w.code == "mixed_date_kinds"]
    assert w.line == 9 and "date et une date-heure" in w.render("fr")
    assert not result.events[0].occurrences[0].all_day
