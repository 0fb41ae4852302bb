"""Malformed and hostile ICS input: always an IcsError (an NqeError) with a useful place, never
another exception, and refused before memory or time blow up."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from nqe_events.calendar.ics import IcsLimits, import_ics
from nqe_events.errors import IcsError, NqeError


def cal(*body: str) -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//FR", *body, "END:VCALENDAR", ""]
    return "\r\n".join(lines).encode("utf-8")


def event(*props: str) -> tuple[str, ...]:
    return ("BEGIN:VEVENT", "UID:x@test", "DTSTAMP:20240101T000000Z", *props, "END:VEVENT")


GOOD_TIMES = (
    "DTSTART;TZID=Europe/Paris:20240714T100000",
    "DTEND;TZID=Europe/Paris:20240714T120000",
)

# (name, input factory, limits, expected line or None, words expected in the message)
CASES: list[tuple[str, Callable[[], bytes], IcsLimits | None, int | None, str]] = [
    ("empty", lambda: b"", None, None, "vide"),
    ("not-ics", lambda: b"hello world\r\n", None, 1, "ligne"),
    (
        "no-end-vcalendar",
        lambda: cal(*event(*GOOD_TIMES))[: -len(b"END:VCALENDAR\r\n")],
        None,
        1,
        "jamais fermé",
    ),
    ("end-mismatch", lambda: cal("BEGIN:VEVENT", "END:VTODO"), None, 5, "END:VTODO"),
    (
        "end-without-begin",
        lambda: b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\nEND:VEVENT\r\n",
        None,
        3,
        "après END:VCALENDAR",
    ),
    ("line-without-colon", lambda: cal(*event("SUMMARY Fête", *GOOD_TIMES)), None, 7, "illisible"),
    ("continuation-first", lambda: b" BEGIN:VCALENDAR\r\n", None, 1, "continuation"),
    (
        "invalid-utf8",
        lambda: cal(*event(*GOOD_TIMES)).replace(b"PRODID:-//test", b"PRODID:\xff\xfe"),
        None,
        3,
        "UTF-8",
    ),
    ("nul-character", lambda: cal(*event("SUMMARY:a\x00b", *GOOD_TIMES)), None, 7, "nul"),
    (
        "enormous-line",
        lambda: cal(*event("DESCRIPTION:" + "x" * 200_000, *GOOD_TIMES)),
        None,
        7,
        "caractères",
    ),
    (
        "enormous-folded-line",
        lambda: cal(*event("DESCRIPTION:a", *([" " + "y" * 70] * 2000), *GOOD_TIMES)),
        None,
        7,
        "dépliée",
    ),
    (
        "enormous-file",
        lambda: b"BEGIN:VCALENDAR\r\n" + b"X" * (21 * 1024 * 1024),
        None,
        None,
        "octets",
    ),
    (
        "million-events",
        lambda: (
            b"BEGIN:VCALENDAR\r\n"
            + b"BEGIN:VEVENT\r\nEND:VEVENT\r\n" * 1_000_000
            + b"END:VCALENDAR\r\n"
        ),
        None,
        None,
        "octets",
    ),
    (
        "too-many-components",
        lambda: (
            b"BEGIN:VCALENDAR\r\n"
            + b"BEGIN:VEVENT\r\nEND:VEVENT\r\n" * 50_001
            + b"END:VCALENDAR\r\n"
        ),
        None,
        100_000,
        "composants",
    ),
    (
        "deep-nesting",
        lambda: cal(*(["BEGIN:X-A"] * 100), *(["END:X-A"] * 100)),
        None,
        11,
        "imbriqués",
    ),
    ("very-deep-nesting", lambda: cal(*(["BEGIN:X-A"] * 100_000)), None, 11, "imbriqués"),
    ("too-many-properties", lambda: cal(*event(*(["X-A:1"] * 6000))), None, 5005, "propriétés"),
    ("no-dtstart", lambda: cal(*event("SUMMARY:a")), None, 4, "DTSTART"),
    ("bad-dtstart", lambda: cal(*event("DTSTART:2024X", "SUMMARY:a")), None, 7, "DTSTART"),
    ("dtend-and-duration", lambda: cal(*event(*GOOD_TIMES, "DURATION:PT1H")), None, 9, "DURATION"),
    (
        "unknown-tzid",
        lambda: cal(*event("DTSTART;TZID=Mars/Olympus:20240714T100000", "DURATION:PT1H")),
        None,
        7,
        "Mars/Olympus",
    ),
    ("minutely-rrule", lambda: cal(*event(*GOOD_TIMES, "RRULE:FREQ=MINUTELY")), None, 9, "RRULE"),
    (
        "too-many-occurrences",
        lambda: cal(*event(*GOOD_TIMES, "RRULE:FREQ=DAILY")),
        IcsLimits(max_occurrences=50),
        9,
        "occurrences",
    ),
    (
        "content-after-end",
        lambda: cal() + b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
        None,
        5,
        "après END:VCALENDAR",
    ),
    ("begin-without-name", lambda: cal("BEGIN:", "END:"), None, 4, "BEGIN"),
    ("negative-sequence", lambda: cal(*event(*GOOD_TIMES, "SEQUENCE:-1")), None, 9, "SEQUENCE"),
    (
        "sequence-not-a-number",
        lambda: cal(*event(*GOOD_TIMES, "SEQUENCE:abc")),
        None,
        9,
        "SEQUENCE",
    ),
    (
        "occurrence-too-long",
        lambda: cal(
            *event("DTSTART;VALUE=DATE:20240101", "DTEND;VALUE=DATE:20240601", "SUMMARY:a")
        ),
        None,
        4,
        "62",
    ),
    (
        "unclosed-quote",
        lambda: cal(*event('DTSTART;TZID="Europe/Paris:20240714T100000', "DURATION:PT1H")),
        None,
        7,
        "guillemet",
    ),
    ("top-level-vevent", lambda: b"BEGIN:VEVENT\r\nEND:VEVENT\r\n", None, 1, "BEGIN:VCALENDAR"),
    (
        "rrule-bymonth-13",
        lambda: cal(*event(*GOOD_TIMES, "RRULE:FREQ=DAILY;BYMONTH=13")),
        None,
        9,
        "BYMONTH",
    ),
    (
        "rrule-never-matches",
        lambda: cal(*event(*GOOD_TIMES, "RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30")),
        None,
        9,
        "aucun jour",
    ),
    (
        "rrule-impossible-setpos",
        lambda: cal(*event(*GOOD_TIMES, "RRULE:FREQ=MONTHLY;BYDAY=MO;BYSETPOS=10")),
        None,
        9,
        "BYSETPOS",
    ),
    (
        "rrule-weekly-setpos",
        lambda: cal(*event(*GOOD_TIMES, "RRULE:FREQ=WEEKLY;BYDAY=MO;BYSETPOS=3")),
        None,
        9,
        "BYSETPOS",
    ),
    (
        "rrule-hourly-from-1900",
        lambda: cal(*event("DTSTART:19000101T100000Z", "DURATION:PT1H", "RRULE:FREQ=HOURLY")),
        None,
        9,
        "trop ancien",
    ),
    (
        "rrule-unsupported-part",
        lambda: cal(*event(*GOOD_TIMES, "RRULE:FREQ=YEARLY;BYWEEKNO=60")),
        None,
        9,
        "BYWEEKNO",
    ),
    ("bad-geo-in-event", lambda: cal(*event(*GOOD_TIMES, "GEO:north;south")), None, 9, "GEO"),
]


@pytest.mark.parametrize(
    ("data", "limits", "line", "words"),
    [pytest.param(f, lim, line, words, id=name) for name, f, lim, line, words in CASES],
)
def test_malformed_input_gives_ics_error(
    data: Callable[[], bytes], limits: IcsLimits | None, line: int | None, words: str
) -> None:
    payload = data()
    with pytest.raises(IcsError) as info:
        import_ics(payload, limits=limits or IcsLimits(), season=2024)
    err = info.value
    assert isinstance(err, NqeError) and isinstance(err, ValueError)
    text = err.render("fr")
    assert words.lower() in text.lower(), text
    if line is not None:
        lines = [d.line for d in err.details]
        assert line in lines, (text, lines)
        assert f"ligne {line}" in text or f":{line}" in text
    assert err.render("en")  # an English message exists too


def test_at_least_twenty_malformed_cases() -> None:
    assert len(CASES) >= 20


def test_missing_file_is_an_ics_error(tmp_path: object) -> None:
    from pathlib import Path

    with pytest.raises(IcsError, match="introuvable"):
        import_ics(Path(str(tmp_path)) / "absent.ics")


def test_oversized_file_refused_before_reading(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "big.ics"
    path.write_bytes(b"BEGIN:VCALENDAR\r\n" + b"X" * 2000)
    with pytest.raises(IcsError, match="refusé sans être lu"):
        import_ics(path, limits=IcsLimits(max_bytes=1000))


def _shape(root: object) -> list[tuple[str, int, list[tuple[str, str, str, int]]]]:
    from nqe_events.calendar.ics.scan import ScannedComponent

    assert isinstance(root, ScannedComponent)
    return [
        (c.name, c.line, [(p.name, p.params, p.value, p.line) for p in c.properties])
        for c in root.walk()
    ]


@pytest.mark.parametrize("chunk", [1, 2, 5, 7, 13, 64])
def test_scan_is_the_same_whatever_the_chunk_of_lines(
    chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nqe_events.calendar.ics import scan

    text = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n\r\nBEGIN:VEVENT\r\nUID:a\r\n"
        'DTSTART;TZID="Europe/Paris":20240714T100000\r\nDESCRIPTION:une lon\r\n gue\r\n\tligne\n'
        "SUMMARY;LANGUAGE=fr:Fête\r\nX-A;X-B=1;X-C=2:v:w\r\nEND:VEVENT\nEND:VCALENDAR"
    )
    expected = _shape(scan.scan_ics(text))
    assert ("DESCRIPTION", "", "une longueligne", 7) in expected[1][2]
    monkeypatch.setattr(scan, "_CHUNK", chunk)
    assert _shape(scan.scan_ics(text)) == expected
    assert _shape(scan.scan_ics(text + "\r\n")) == expected


def test_too_many_components_found_by_the_count_or_by_the_scan_on_the_same_line() -> None:
    def calendar(begin: bytes) -> bytes:
        events = b"".join(
            begin + b"VEVENT\r\nUID:e%d\r\nDTSTART:20240714T100000Z\r\nEND:VEVENT\r\n" % i
            for i in range(10)
        )
        return b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + events + b"END:VCALENDAR\r\n"

    limits = IcsLimits(max_components=5)
    lines = []
    # « BEGIN: » lines are counted before the scan; « begin: » ones only by the scan itself
    for begin in (b"BEGIN:", b"begin:"):
        with pytest.raises(IcsError) as info:
            import_ics(calendar(begin), limits=limits)
        assert "plus de 5 composants" in info.value.render("fr")
        lines.append([d.line for d in info.value.details])
    assert lines == [[19], [19]]  # the fifth event's BEGIN, the sixth component


RRULE_REASONS_EN = {
    "rrule-bymonth-13": "BYMONTH=13 outside ±1…12",
    "rrule-never-matches": "the rule falls on no day",
    "rrule-impossible-setpos": "BYSETPOS larger than the number of possible days",
    "rrule-weekly-setpos": "BYSETPOS is accepted only with FREQ=MONTHLY or YEARLY",
    "rrule-hourly-from-1900": "start 1900-01-01 too early for FREQ=HOURLY",
    "rrule-unsupported-part": "unsupported part: BYWEEKNO",
}


@pytest.mark.parametrize("name", sorted(RRULE_REASONS_EN))
def test_refused_rrule_says_why_in_english_too(name: str) -> None:
    """The English message gives the same reason as the French one, in English."""
    data = next(f for n, f, *_ in CASES if n == name)
    with pytest.raises(IcsError) as info:
        import_ics(data(), season=2024)
    english = info.value.render("en")
    assert RRULE_REASONS_EN[name] in english, english
    assert "jour" not in english and "refusée" not in english, english


def test_several_unsupported_rrule_parts_agree_in_number() -> None:
    payload = cal(*event(*GOOD_TIMES, "RRULE:FREQ=YEARLY;BYWEEKNO=20;BYYEARDAY=3"))
    with pytest.raises(IcsError) as info:
        import_ics(payload, season=2024)
    assert "éléments non pris en charge : BYWEEKNO, BYYEARDAY" in info.value.render("fr")
    assert "unsupported parts: BYWEEKNO, BYYEARDAY" in info.value.render("en")
