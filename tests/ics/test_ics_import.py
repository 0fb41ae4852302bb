"""Import: feeds as real clients write them, mapped back to events (expected values by hand)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from nqe_events.calendar.ics import import_ics, read_ics, to_ics
from nqe_events.cli import main
from nqe_events.io import load_programme
from nqe_events.model import Programme


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def crlf(text: str) -> bytes:
    return "\r\n".join(line.strip() for line in text.strip().splitlines()).encode() + b"\r\n"


GOOGLE = crlf("""
    BEGIN:VCALENDAR
    PRODID:-//Google Inc//Google Calendar 70.9054//EN
    VERSION:2.0
    CALSCALE:GREGORIAN
    METHOD:PUBLISH
    X-WR-CALNAME:Centre social
    X-WR-TIMEZONE:Europe/Paris
    BEGIN:VEVENT
    DTSTART:20240320T170000Z
    DTEND:20240320T190000Z
    RRULE:FREQ=WEEKLY;COUNT=3
    DTSTAMP:20240301T000000Z
    UID:atelier123@google.com
    SUMMARY:Atelier du mercredi
    LOCATION:Maison de quartier\\, 3 rue Haute\\, 59100 Roubaix
    STATUS:CONFIRMED
    SEQUENCE:2
    END:VEVENT
    BEGIN:VEVENT
    DTSTART;VALUE=DATE:20240803
    DTEND;VALUE=DATE:20240808
    DTSTAMP:20240301T000000Z
    UID:festival@google.com
    SUMMARY:Festival
    CATEGORIES:Sport,Plein air
    END:VEVENT
    BEGIN:VEVENT
    DTSTART:20240714T213000
    DTEND:20240714T233000
    DTSTAMP:20240301T000000Z
    UID:feu@google.com
    SUMMARY:Feu d'artifice
    ORGANIZER;CN=Ville de Roubaix:mailto:fetes@roubaix.example.org
    URL:https://roubaix.example.org/feu
    END:VEVENT
    END:VCALENDAR
""")

OUTLOOK = crlf("""
    BEGIN:VCALENDAR
    PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN
    VERSION:2.0
    METHOD:PUBLISH
    BEGIN:VTIMEZONE
    TZID:Romance Standard Time
    BEGIN:STANDARD
    DTSTART:16011028T030000
    RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10
    TZOFFSETFROM:+0200
    TZOFFSETTO:+0100
    END:STANDARD
    BEGIN:DAYLIGHT
    DTSTART:16010325T020000
    RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3
    TZOFFSETFROM:+0100
    TZOFFSETTO:+0200
    END:DAYLIGHT
    END:VTIMEZONE
    BEGIN:VTIMEZONE
    TZID:Heure locale perso
    BEGIN:STANDARD
    DTSTART:16010101T000000
    TZOFFSETFROM:+0400
    TZOFFSETTO:+0400
    END:STANDARD
    END:VTIMEZONE
    BEGIN:VEVENT
    UID:040000008200E00074C5B7101A82E008
    DTSTAMP:20240601T120000Z
    DTSTART;TZID=Romance Standard Time:20240714T213000
    DTEND;TZID=Romance Standard Time:20240714T230000
    SUMMARY;LANGUAGE=fr-FR:Bal du 14 juillet
    LOCATION:Place de la Mairie
    END:VEVENT
    BEGIN:VEVENT
    UID:reunion-perso
    DTSTAMP:20240601T120000Z
    DTSTART;TZID=Heure locale perso:20240710T100000
    DURATION:PT90M
    SUMMARY:Réunion
    END:VEVENT
    END:VCALENDAR
""")

RECURRING = crlf("""
    BEGIN:VCALENDAR
    PRODID:-//test//FR
    VERSION:2.0
    BEGIN:VEVENT
    UID:foot@test
    DTSTAMP:20240101T000000Z
    DTSTART;TZID=Europe/Paris:20240701T100000
    DTEND;TZID=Europe/Paris:20240701T120000
    RRULE:FREQ=DAILY;COUNT=5
    EXDATE;TZID=Europe/Paris:20240703T100000
    SUMMARY:Stage de foot
    END:VEVENT
    BEGIN:VEVENT
    UID:foot@test
    DTSTAMP:20240101T000000Z
    RECURRENCE-ID;TZID=Europe/Paris:20240705T100000
    DTSTART;TZID=Europe/Paris:20240705T140000
    DTEND;TZID=Europe/Paris:20240705T160000
    SUMMARY:Stage de foot (après-midi)
    END:VEVENT
    BEGIN:VEVENT
    UID:anniv@test
    DTSTAMP:20240101T000000Z
    DTSTART;VALUE=DATE:20200621
    RRULE:FREQ=YEARLY
    SUMMARY:Fête de la musique
    END:VEVENT
    BEGIN:VEVENT
    UID:old@test
    DTSTAMP:20240101T000000Z
    DTSTART:20230601T100000Z
    DTEND:20230601T110000Z
    SUMMARY:Saison passée
    END:VEVENT
    BEGIN:VTODO
    UID:todo@test
    SUMMARY:À faire
    END:VTODO
    END:VCALENDAR
""")


def test_google_x_wr_timezone_keeps_wall_time_across_dst() -> None:
    """Google writes UTC times and X-WR-TIMEZONE: a weekly 18:00 Paris workshop stays at 18:00
    after the change to summer time (17:00Z, 17:00Z, then 16:00Z on 3 April)."""
    result = import_ics(GOOGLE, season=2024)
    atelier = next(e for e in result.events if e.title == "Atelier du mercredi")
    starts = [o.start.astimezone(UTC) for o in atelier.occurrences]
    assert starts == [utc(2024, 3, 20, 17), utc(2024, 3, 27, 17), utc(2024, 4, 3, 16)]
    assert atelier.sequence == 2 and atelier.id == "atelier123"
    assert atelier.venue == "maison-de-quartier-3-rue-haute-59100-roubaix"
    venue = next(v for v in result.venues if v.id == atelier.venue)
    assert (venue.name, venue.address, venue.postcode, venue.commune) == (
        "Maison de quartier",
        "3 rue Haute",
        "59100",
        "Roubaix",
    )
    # floating time with X-WR-TIMEZONE: Paris wall time, no warning (Google's convention)
    feu = next(e for e in result.events if e.title == "Feu d'artifice")
    assert feu.occurrences[0].start.astimezone(UTC) == utc(2024, 7, 14, 19, 30)
    assert not any(w.code == "floating" for w in result.warnings)
    organiser = next(o for o in result.organisers if o.id == feu.organiser)
    assert organiser.name == "Ville de Roubaix" and organiser.email == "fetes@roubaix.example.org"
    assert feu.url == "https://roubaix.example.org/feu"
    # all-day 3–7 August: DTEND 20240808 is exclusive
    festival = next(e for e in result.events if e.title == "Festival")
    occ = festival.occurrences[0]
    assert occ.all_day and occ.days[0] == date(2024, 8, 3) and occ.days[-1] == date(2024, 8, 7)
    assert [t.value for t in festival.themes] == ["sport"] and festival.labels == ("plein-air",)
    assert result.name == "Centre social" and result.timezone == "Europe/Paris"


def test_outlook_windows_zone_names() -> None:
    result = import_ics(OUTLOOK)
    bal = next(e for e in result.events if e.title == "Bal du 14 juillet")
    assert bal.occurrences[0].start.astimezone(UTC) == utc(2024, 7, 14, 19, 30)
    assert bal.occurrences[0].end.astimezone(UTC) == utc(2024, 7, 14, 21)
    # an unknown zone name is read from the file's VTIMEZONE, with a warning
    reunion = next(e for e in result.events if e.title == "Réunion")
    assert reunion.occurrences[0].start.astimezone(UTC) == utc(2024, 7, 10, 6)
    assert reunion.occurrences[0].end.astimezone(UTC) == utc(2024, 7, 10, 7, 30)
    assert [w.code for w in result.warnings if w.code == "vtimezone_only"] == ["vtimezone_only"]


def test_floating_time_without_calendar_zone_warns() -> None:
    data = crlf("""
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:x
        BEGIN:VEVENT
        UID:a
        DTSTAMP:20240101T000000Z
        DTSTART:20240714T100000
        SUMMARY:Flottant
        END:VEVENT
        END:VCALENDAR
    """)
    result = import_ics(data, tz="Europe/Paris")
    occ = result.events[0].occurrences[0]
    assert occ.start.astimezone(UTC) == utc(2024, 7, 14, 8)
    assert occ.end - occ.start == (utc(2024, 1, 1, 1) - utc(2024, 1, 1))  # one hour assumed
    codes = [w.code for w in result.warnings]
    assert "floating" in codes and "no_end" in codes and not result.ok
    assert "ligne 7" in result.to_text("fr")
    # read in another zone on request
    other = import_ics(data, tz="America/New_York").events[0].occurrences[0]
    assert other.start.astimezone(UTC) == utc(2024, 7, 14, 14)


def test_rrule_exdate_and_override_are_expanded_within_the_season() -> None:
    result = import_ics(RECURRING, season=2024)
    by_title = {e.title: e for e in result.events}
    foot = by_title["Stage de foot"]
    assert [(o.start.astimezone(UTC), o.end.astimezone(UTC)) for o in foot.occurrences] == [
        (utc(2024, 7, 1, 8), utc(2024, 7, 1, 10)),
        (utc(2024, 7, 2, 8), utc(2024, 7, 2, 10)),
        (utc(2024, 7, 4, 8), utc(2024, 7, 4, 10)),
        (utc(2024, 7, 5, 12), utc(2024, 7, 5, 14)),  # the RECURRENCE-ID override
    ]
    # a yearly all-day event begun in 2020 gives its 2024 occurrence only
    musique = by_title["Fête de la musique"]
    assert [o.days for o in musique.occurrences] == [(date(2024, 6, 21),)]
    # an event of another season is left out, with a warning; VTODO is ignored, with a warning
    assert "Saison passée" not in by_title
    codes = [w.code for w in result.warnings]
    assert "outside_season" in codes and "other_component" in codes


def test_read_ics_returns_events(tmp_path: Path) -> None:
    path = tmp_path / "g.ics"
    path.write_bytes(GOOGLE)
    events = read_ics(path, season=2024)
    assert sorted(e.title for e in events) == ["Atelier du mercredi", "Festival", "Feu d'artifice"]
    assert read_ics(GOOGLE.decode("utf-8"), season=2024) == events


def test_own_export_round_trips_every_field(fixture_programme: Programme) -> None:
    result = import_ics(to_ics(fixture_programme))
    dated = [e for e in fixture_programme.events if e.dated]
    assert [e.id for e in result.events] == [e.id for e in dated]
    for original, back in zip(dated, result.events, strict=True):
        for field in (
            "title",
            "description",
            "venue",
            "organiser",
            "quartiers",
            "themes",
            "labels",
            "status",
            "url",
        ):
            assert getattr(back, field) == getattr(original, field), (original.id, field)
        assert back.sequence == original.sequence
        assert [(o.start, o.end, o.all_day, o.label) for o in back.occurrences] == [
            (o.start, o.end, o.all_day, o.label) for o in original.occurrences
        ]
    programme = result.to_programme()
    assert programme.season == 2024 and programme.name == fixture_programme.name
    venue = programme.by_id()["venues"]["parc-lille-sud"]
    assert venue.coordinates is not None and venue.coordinates.lat == 50.6105


def test_import_ics_cli_builds_a_valid_programme(tmp_path: Path, capsys: object) -> None:
    src = tmp_path / "google.ics"
    src.write_bytes(GOOGLE)
    out = tmp_path / "programme.yaml"
    status = main(["import-ics", str(src), "-o", str(out), "--season", "2024"])
    assert status == 0, "no assumption was needed for this file"
    programme = load_programme(out)
    assert len(programme.events) == 3 and programme.season == 2024
    assert main(["validate", str(out)]) == 0
    # placeholders are clearly named
    assert any("à préciser" in q.name for q in programme.quartiers)


def test_import_ics_cli_bad_file_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "bad.ics"
    src.write_bytes(b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VCALENDAR\r\n")
    assert main(["import-ics", str(src), "-o", str(tmp_path / "p.yaml")]) == 2
    err = capsys.readouterr().err
    assert "bad.ics:3" in err and "Traceback" not in err
    assert main(["import-ics", str(src), "-o", str(tmp_path / "p.yaml"), "--tz", "Mars/X"]) == 2


def test_ics_cli_writes_season_and_per_key_feeds(tmp_path: Path) -> None:
    src = Path(__file__).parent / "fixture_programme.yaml"
    assert main(["ics", str(src), "-o", str(tmp_path / "s.ics"), "--sans-empreinte"]) == 0
    assert (tmp_path / "s.ics").read_bytes() == to_ics(load_programme(src))
    assert main(["ics", str(src), "-o", str(tmp_path / "q"), "--by", "quartier"]) == 0
    assert sorted(p.name for p in (tmp_path / "q").iterdir()) == [
        "alma.ics",
        "etouvie.ics",
        "lille-sud.ics",
    ]
    assert main(["ics", str(src), "-o", str(tmp_path / "o"), "--by", "organiser"]) == 0
    assert len(list((tmp_path / "o").iterdir())) == 3


def test_demo_stage_writes_season_and_quartier_feeds(tmp_path: Path) -> None:
    assert main(["demo", "-o", str(tmp_path)]) == 0
    assert (tmp_path / "ics" / "saison.ics").is_file()
    quartiers = sorted((tmp_path / "ics" / "quartiers").glob("*.ics"))
    assert len(quartiers) >= 2
    read_ics(tmp_path / "ics" / "saison.ics")


def test_import_report_renderings() -> None:
    result = import_ics(RECURRING, season=2024)
    assert repr(result).startswith("IcsImport(events=2")
    data = result.to_dict()
    assert {w["code"] for w in data["warnings"]} >= {"outside_season", "other_component"}
    assert '"events"' in result.to_json()
    html = result._repr_html_()
    assert "<table" in html and "outside_season" in html
    assert "warning" in result.to_text("en") and "avertissement" in result.to_text("fr")
