"""Hostile and out-of-range ICS input: a French refusal with its line, never a traceback, and the
work bounded. The slow cases run in a subprocess under a 1 GiB address-space limit with a generous
timeout that only catches a hang (the times themselves are measured in benchmarks/, not here)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, date, timedelta
from pathlib import Path

import pytest

from nqe_events.calendar.ics import IcsLimits, import_ics
from nqe_events.cli import main
from nqe_events.errors import IcsError

ENGLISH = ("Wrong", "Invalid", "must be", "out of range", "Offset", "Overflow", "year 10000")


def cal(*events: tuple[str, ...], head: tuple[str, ...] = ()) -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//FR", *head]
    for i, props in enumerate(events):
        lines += ["BEGIN:VEVENT", f"UID:e{i}@test", "DTSTAMP:20240101T000000Z", *props]
        lines += ["END:VEVENT"]
    lines += ["END:VCALENDAR", ""]
    return "\r\n".join(lines).encode("utf-8")


def refusal(data: bytes, **options: object) -> IcsError:
    with pytest.raises(IcsError) as info:
        import_ics(data, **options)  # type: ignore[arg-type]
    return info.value


def assert_french(err: IcsError) -> str:
    text = err.render("fr")
    assert not any(word in text for word in ENGLISH), text
    assert err.render("en")
    return text


# --- library errors in French, with the line ------------------------------------------------------


@pytest.mark.parametrize(
    ("props", "line", "words"),
    [
        (("DTSTART:20240230T100000Z", "DURATION:PT1H"), 7, "30/02/2024 n'existe pas"),
        (("DTSTART:20241301T100000Z", "DURATION:PT1H"), 7, "mois 13 impossible"),
        (("DTSTART:20240720T250000Z", "DURATION:PT1H"), 7, "heure 25:00:00 impossible"),
        (("DTSTART:20240720T100000Z", "DURATION:PT-2H"), 8, "le signe se place devant le P"),
        (("DTSTART:99991231T230000Z", "DURATION:PT30M"), 7, "années 1900 à 2200"),
        (("DTSTART:20240720T100000Z", "DURATION:P99999999W"), 8, "années 1900 à 2200"),
        (("DTSTART;VALUE=DATE:99991231",), 7, "années 1900 à 2200"),
    ],
)
def test_library_errors_are_said_in_french_with_their_line(
    props: tuple[str, ...], line: int, words: str
) -> None:
    err = refusal(cal(props))
    text = assert_french(err)
    assert words in text
    assert line in [d.line for d in err.details], text


def test_impossible_utc_offset_in_a_vtimezone() -> None:
    zone = (
        "BEGIN:VTIMEZONE",
        "TZID:Ailleurs",
        "BEGIN:STANDARD",
        "DTSTART:19700101T000000",
        "TZOFFSETFROM:+9959",
        "TZOFFSETTO:+9959",
        "END:STANDARD",
        "END:VTIMEZONE",
    )
    data = cal(
        ("DTSTART;TZID=Ailleurs:20240720T100000", "DURATION:PT1H"),
        ("DTSTART:20240721T100000Z", "DURATION:PT1H", "SUMMARY:Bon"),
        head=zone,
    )
    result = import_ics(data)
    assert [e.title for e in result.events] == ["Bon"]
    texts = [w.render("fr") for w in result.warnings]
    bad = [t for t in texts if "+9959" in t]
    # the VTIMEZONE's offset (line 8) and the event that needed it
    assert any(t.startswith("ligne 8 : ") and "sous 24 heures" in t for t in bad), texts
    assert any("« e0@test »" in t and "VTIMEZONE (ligne 8)" in t for t in bad), texts
    assert not any(word in t for t in texts for word in ENGLISH)


@pytest.mark.parametrize(
    "props",
    [
        ("DTSTART:99991231T230000Z", "DURATION:PT30M"),
        ("DTSTART:20240720T100000Z", "DURATION:P99999999W"),
        ("DTSTART:20240230T100000Z", "DURATION:PT1H"),
    ],
)
def test_cli_never_shows_a_traceback(
    props: tuple[str, ...], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "bad.ics"
    src.write_bytes(cal(props))
    assert main(["import-ics", str(src), "-o", str(tmp_path / "p.yaml")]) == 2
    err = capsys.readouterr().err
    assert (
        "Traceback" not in err and "Error" not in err and (f"{src}:7" in err or f"{src}:8" in err)
    )  # DTSTART or DURATION
    assert not any(word in err for word in ENGLISH), err


# --- bounded work (subprocess, memory limit) ----------------------------------------------------

RUNNER = """
import json, resource, sys
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
from nqe_events.calendar.ics import import_file
from nqe_events.errors import IcsError
try:
    r = import_file(sys.argv[1], **json.loads(sys.argv[2]))
    print(json.dumps({"events": len(r.events), "occurrences": [len(e.occurrences) for e in r.events],
                      "codes": [w.code for w in r.warnings]}))
except IcsError as e:
    print(json.dumps({"error": e.render("fr"), "lines": [d.line for d in e.details]}))
"""


def run_bounded(path: str, **options: object) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    out = subprocess.run(
        [sys.executable, "-c", RUNNER, path, json.dumps(options)],
        capture_output=True,
        text=True,
        timeout=120,  # catches a hang; the times are in benchmarks/
        env=env,
        check=False,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert "Traceback" not in out.stderr
    result: dict[str, object] = json.loads(out.stdout)
    return result


def write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def daily(i: int) -> tuple[str, ...]:
    return (
        "DTSTART:20240101T100000Z",
        "DTEND:20240101T110000Z",
        "RRULE:FREQ=DAILY",
        f"SUMMARY:s{i}",
    )


def test_two_hundred_daily_series_refused_before_expanding(tmp_path: Path) -> None:
    data = cal(*(daily(i) for i in range(200)))
    assert len(data) < 40_000
    got = run_bounded(write(tmp_path, "daily.ics", data))
    # 200 series x 366 days: the file's bound is above 20 000 occurrences
    assert "sans être développé" in str(got["error"]) and "200 récurrences" in str(got["error"])


def test_a_few_daily_series_are_expanded_whole(tmp_path: Path) -> None:
    got = run_bounded(write(tmp_path, "few.ics", cal(*(daily(i) for i in range(3)))))
    assert got["occurrences"] == [366, 366, 366]  # 2024 is a leap year


def test_one_hourly_series_expands_over_the_season_only(tmp_path: Path) -> None:
    data = cal(("DTSTART:20240101T100000Z", "DTEND:20240101T103000Z", "RRULE:FREQ=HOURLY"))
    assert len(data) < 300
    got = run_bounded(write(tmp_path, "hourly.ics", data))
    # from 1 Jan 10:00Z to the season's end, 1 Jan 2025 00:00 Paris = 31 Dec 23:00Z: 8 773 hours
    assert got["occurrences"] == [365 * 24 + 13]


def test_hourly_series_from_long_ago_refused_for_the_season(tmp_path: Path) -> None:
    data = cal(
        ("DTSTART:19000101T100000Z", "DTEND:19000101T103000Z", "RRULE:FREQ=HOURLY"),
        ("DTSTART:20240720T100000Z", "DURATION:PT1H", "SUMMARY:Bon"),
    )
    got = run_bounded(write(tmp_path, "old.ics", data), season=2024)
    assert got["events"] == 1 and "skipped" in got["codes"]  # type: ignore[operator]


def test_eighty_thousand_rdates_refused_before_parsing(tmp_path: Path) -> None:
    values = [
        f"2024{1 + i % 12:02d}{1 + i % 28:02d}T{i % 24:02d}{i % 60:02d}00Z" for i in range(80_000)
    ]
    lines = [f"RDATE:{','.join(values[i : i + 1000])}" for i in range(0, 80_000, 1000)]
    data = cal(("DTSTART:20240101T100000Z", "DURATION:PT1H", *lines))
    got = run_bounded(write(tmp_path, "rdates.ics", data))
    assert "(80000) : fichier refusé" in str(got["error"]) and got["lines"] == [4]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero on this system")
def test_dev_zero_refused_under_the_size_limit() -> None:
    got = run_bounded("/dev/zero")
    assert "plus de 20971520 octets" in str(got["error"])


def test_pipe_is_read_under_the_size_limit(tmp_path: Path) -> None:
    fifo = tmp_path / "feed"
    os.mkfifo(fifo)
    writer = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import sys\nwith open({str(fifo)!r}, 'wb') as f:\n"
            "    try:\n        f.write(b'BEGIN:VCALENDAR' * 100000)\n    except BrokenPipeError:\n"
            "        pass",
        ],
    )
    try:
        with pytest.raises(IcsError, match="plus de 1000 octets"):
            from nqe_events.calendar.ics import import_file

            import_file(fifo, limits=IcsLimits(max_bytes=1000))
    finally:
        writer.kill()
        writer.wait(timeout=30)


def test_per_series_limit_skips_the_series_not_the_file() -> None:
    data = cal(
        ("DTSTART:20240101T100000Z", "DURATION:PT1H", "RRULE:FREQ=DAILY", "SUMMARY:Long"),
        ("DTSTART:20240720T100000Z", "DURATION:PT1H", "SUMMARY:Bon"),
    )
    result = import_ics(data, limits=IcsLimits(max_occurrences=50, max_file_occurrences=10_000))
    assert [e.title for e in result.events] == ["Bon"]
    (w,) = [w for w in result.warnings if w.code == "skipped"]
    assert w.line == 9 and "sans être développée" in w.render("fr")  # the RRULE line


def series_with_overrides(uid: str, n: int, *, master: bool = True) -> list[str]:
    """A daily series and ``n`` RECURRENCE-ID overrides of it (each moved one hour later)."""
    lines: list[str] = []
    if master:
        lines += ["BEGIN:VEVENT", f"UID:{uid}", "DTSTAMP:20240101T000000Z"]
        lines += ["DTSTART:20240101T100000Z", "DURATION:PT1H", "RRULE:FREQ=DAILY", "END:VEVENT"]
    for i in range(n):
        day = date(2024, 1, 1) + timedelta(days=i)
        stamp = f"{day:%Y%m%d}T100000Z"
        lines += ["BEGIN:VEVENT", f"UID:{uid}", "DTSTAMP:20240101T000000Z"]
        lines += [f"RECURRENCE-ID:{stamp}", f"DTSTART:{day:%Y%m%d}T110000Z", "DURATION:PT1H"]
        lines += ["END:VEVENT"]
    return lines


def calendar_of(*blocks: list[str]) -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//FR"]
    for block in blocks:
        lines += block
    return ("\r\n".join([*lines, "END:VCALENDAR", ""])).encode()


class _ParseSpy:
    """Counts the calls of icalendar's parser (and lets them through)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from icalendar import Calendar

        self.calls = 0
        real = Calendar.from_ical

        def spy(*args: object, **kwargs: object) -> object:
            self.calls += 1
            return real(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(Calendar, "from_ical", spy)


def test_too_many_overrides_of_one_series_refused_before_parsing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    spy = _ParseSpy(monkeypatch)
    data = calendar_of(series_with_overrides("serie@test", 60))
    err = refusal(data, limits=IcsLimits(max_occurrences=50), season=2024)
    text = assert_french(err)
    assert "série « serie@test » modifiée par 60 occurrences RECURRENCE-ID" in text
    assert "limite de 50" in text and "sans être lu" in text
    assert [d.line for d in err.details] == [11]  # the first override's BEGIN:VEVENT
    assert spy.calls == 0


def test_too_many_overrides_in_the_file_refused_before_parsing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    spy = _ParseSpy(monkeypatch)
    data = calendar_of(series_with_overrides("a@test", 30), series_with_overrides("b@test", 30))
    limits = IcsLimits(max_occurrences=50, max_file_occurrences=50)
    text = assert_french(refusal(data, limits=limits, season=2024))
    assert "les 2 séries du fichier sont modifiées par 60 occurrences RECURRENCE-ID" in text
    assert spy.calls == 0


def test_overrides_within_the_limits_are_read() -> None:
    data = calendar_of(series_with_overrides("serie@test", 40))
    result = import_ics(data, limits=IcsLimits(max_occurrences=500), season=2024)
    (event,) = result.events
    hours = [o.start.astimezone(UTC).hour for o in sorted(event.occurrences, key=lambda o: o.start)]
    assert len(hours) == 366 and set(hours[:40]) == {11} and set(hours[40:]) == {10}


def test_overrides_without_their_series_are_plain_events() -> None:
    # no master: each RECURRENCE-ID stands for one event, the series limit does not apply
    data = calendar_of(series_with_overrides("orphan@test", 60, master=False))
    result = import_ics(data, limits=IcsLimits(max_occurrences=50), season=2024)
    assert sum(len(e.occurrences) for e in result.events) == 60


def test_import_seasons_are_the_years_the_model_holds() -> None:
    from nqe_events.calendar.ics.importer import MAX_SEASON, MIN_SEASON
    from nqe_events.model.base import MAX_YEAR, MIN_YEAR

    assert (MIN_SEASON, MAX_SEASON) == (MIN_YEAR, MAX_YEAR - 1)  # the season's window must fit
