"""Files larger than the default limits, on purpose: a programme of 10,000 events exports a
31 MB feed, above the 20 MiB an ICS input may hold by default. The export still reads its own
previous file (to raise SEQUENCE), ``--max-size`` lets ``import-ics`` and ``import`` read a
bigger file, and the undated events of a big programme are listed up to ``--max``."""

from __future__ import annotations

from pathlib import Path

import pytest

from nqe_events import load_example
from nqe_events.calendar.ics import IcsLimits, import_file, import_ics, write_ics
from nqe_events.cli import main
from nqe_events.errors import IcsError

DEFAULT = IcsLimits()


def test_scaled_limits_grow_the_counts_of_a_file_not_of_an_event() -> None:
    big = DEFAULT.scaled(4 * DEFAULT.max_bytes)
    assert big.max_bytes == 4 * DEFAULT.max_bytes
    assert big.max_components == 4 * DEFAULT.max_components
    assert big.max_file_occurrences == 4 * DEFAULT.max_file_occurrences
    # one line, one component, one series: bounded as before
    assert big.max_line_chars == DEFAULT.max_line_chars
    assert big.max_properties == DEFAULT.max_properties
    assert big.max_depth == DEFAULT.max_depth
    assert big.max_occurrences == DEFAULT.max_occurrences
    # a smaller bound never shrinks the counts below the defaults
    small = DEFAULT.scaled(1000)
    assert small.max_bytes == 1000 and small.max_components == DEFAULT.max_components


def test_export_reads_a_previous_feed_above_the_input_limits(tmp_path: Path) -> None:
    """The output path holds a feed over the 20 MiB an ICS input may hold (a big programme's
    previous export): writing over it reads it as the previous export, and an event it had that
    the programme no longer has is kept as cancelled."""
    target = tmp_path / "saison.ics"
    _padded_feed(target, DEFAULT.max_bytes + 1)
    with pytest.raises(IcsError):  # over the limits as an input
        import_ics(target.read_bytes(), season=2024)
    result = write_ics(target, load_example())
    assert result.withdrawn == ("big@test",)
    assert b"UID:big@test" in result.data and result.data.endswith(
        b"STATUS:CANCELLED\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )


def _padded_feed(path: Path, min_bytes: int) -> None:
    """One dated event whose X- property lines make the file just over ``min_bytes``."""
    line = "X-PAD:" + "x" * 90_000
    count = min_bytes // (len(line) + 2) + 1
    head = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//test//FR",
        "BEGIN:VEVENT",
        "UID:big@test",
        "DTSTAMP:20240101T000000Z",
        "DTSTART:20240720T120000Z",
        "DTEND:20240720T150000Z",
        "SUMMARY:Fête de quartier",
    ]
    body = "\r\n".join([*head, *[line] * count, "END:VEVENT", "END:VCALENDAR", ""])
    path.write_bytes(body.encode("utf-8"))


@pytest.mark.parametrize("verb", ["import-ics", "import"])
def test_max_size_reads_an_ics_file_over_the_default_limit(
    verb: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = tmp_path / "gros.ics"
    _padded_feed(feed, DEFAULT.max_bytes + 1)
    out = tmp_path / "programme.yaml"
    assert main([verb, str(feed), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "fichier trop gros" in err and "--max-size" in err, err
    assert "Traceback" not in err and not out.exists()
    # read, with the warning that its unknown quartier was created (status 1: findings)
    assert main([verb, str(feed), "-o", str(out), "--max-size", "25"]) == 1
    assert "1 événement lu" in capsys.readouterr().out
    assert "Fête de quartier" in out.read_text(encoding="utf-8")
    assert main([verb, str(feed), "-o", str(out), "--max-size", "0"]) == 2
    assert "--max-size va de 1 à 1024" in capsys.readouterr().err


def test_import_file_reads_a_big_file_with_scaled_limits(tmp_path: Path) -> None:
    feed = tmp_path / "gros.ics"
    _padded_feed(feed, DEFAULT.max_bytes + 1)
    result = import_file(feed, season=2024, limits=DEFAULT.scaled(DEFAULT.max_bytes * 2))
    assert result.to_programme(season=2024).events[0].title == "Fête de quartier"


def test_undated_events_listed_up_to_max(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    programme = load_example()
    undated = [e.id for e in programme.events if not e.dated]
    assert len(undated) > 3
    assert main(["ics", "--max", "3", "-o", str(tmp_path / "s.ics"), _example_path()]) == 0
    out = capsys.readouterr().out
    assert ", ".join(undated[:3]) in out and undated[3] not in out, out
    assert f"… et {len(undated) - 3} autres (--max 0 pour tout afficher)" in out
    assert out.count(undated[0]) == 1  # named once, not in the summary and again below
    assert main(["ics", "--max", "0", "-o", str(tmp_path / "s.ics"), _example_path()]) == 0
    out = capsys.readouterr().out
    assert all(i in out for i in undated) and "autres" not in out
    feeds = tmp_path / "feeds"
    assert main(["ics", "--by", "quartier", "--max", "2", "-o", str(feeds), _example_path()]) == 0
    out = capsys.readouterr().out
    assert f"… et {len(undated) - 2} autres" in out and undated[2] not in out, out


def _example_path() -> str:
    from importlib import resources

    return str(resources.files("nqe_events") / "data" / "examples" / "nqe-2024.yaml")
