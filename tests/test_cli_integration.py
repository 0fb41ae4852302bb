"""Stages that combine sibling packages at the CLI level (calendar × footprint)."""

from __future__ import annotations

from pathlib import Path

import pytest

import nqe_events as nqe
from nqe_events.cli import main


def _descriptions(path: Path) -> dict[str, str]:
    import icalendar

    cal = icalendar.Calendar.from_ical(path.read_bytes())
    return {
        str(ev["X-NQE-ID"]): str(ev["DESCRIPTION"]) for ev in cal.walk("VEVENT") if "X-NQE-ID" in ev
    }


def test_ics_descriptions_carry_the_footprint_estimate(tmp_path: Path) -> None:
    sample = tmp_path / "p.yaml"
    nqe.dump_programme(nqe.load_example(), sample)
    out = tmp_path / "saison.ics"
    assert main(["ics", str(sample), "-o", str(out)]) == 0
    descriptions = _descriptions(out)
    report = nqe.estimate_footprint(nqe.load_example().event("jeux-cite-12"))
    total = report.total_kgco2e
    expected = f"{total / 1000:.1f} t" if total >= 1000 else f"{total:.0f} kg"
    assert (
        f"Empreinte carbone estimée : {expected.replace('.', ',')} CO2e"
        in descriptions["jeux-cite-12"]
    )
    dated = [e.id for e in nqe.load_example().events if e.occurrences]
    assert set(descriptions) == set(dated)
    cancelled = {e.id for e in nqe.load_example().events if e.status == nqe.EventStatus.CANCELLED}
    assert cancelled  # the sample has one: it stays in the feed, without a footprint line
    for event_id, text in descriptions.items():
        assert ("Empreinte carbone estimée" in text) == (event_id not in cancelled), event_id


def test_ics_without_footprint_on_request(tmp_path: Path) -> None:
    sample = tmp_path / "p.yaml"
    nqe.dump_programme(nqe.load_example(), sample)
    out = tmp_path / "saison.ics"
    assert main(["ics", str(sample), "-o", str(out), "--sans-empreinte"]) == 0
    assert not any("Empreinte" in d for d in _descriptions(out).values())


def test_demo_feed_holds_the_planned_events(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["demo", "-o", str(tmp_path / "demo")]) == 0
    capsys.readouterr()
    ids = set(_descriptions(tmp_path / "demo" / "ics" / "saison.ics"))
    sample = nqe.load_example()
    planned = nqe.plan(sample)
    assert not planned.unplaced
    assert ids == {e.id for e in planned.programme.events if e.occurrences}
    assert any(not e.occurrences for e in sample.events)  # some were placed by the planner
