"""CLI ``clashes`` / ``plan`` / demo stages, the planning section's validation, calendar facts."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from calendar_helpers import base, event

from nqe_events import load_programme
from nqe_events.calendar.dates import day_labels, key_dates, public_holidays, school_holidays
from nqe_events.cli import main
from nqe_events.errors import InputError, ProgrammeValidationError
from nqe_events.io import list_examples, load_example, loads_programme

EXAMPLE = Path(__file__).resolve().parents[2] / "src/nqe_events/data/examples/nqe-2024.yaml"


def write(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "programme.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_cli_clashes_json_on_the_sample_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["clashes", str(EXAMPLE), "--format", "json"]) == 1
    payload = json.loads(capsys.readouterr().out)
    first = payload["clashes"][0]
    assert set(first) >= {
        "rule",
        "events",
        "resource",
        "start",
        "end",
        "overlap_minutes",
        "message",
    }
    rules = {(c["rule"], c["resource"]) for c in payload["clashes"]}
    assert ("RESOURCE", "podium-mobile") in rules and ("VENUE", "city-stade-cite-12") in rules


def test_cli_clashes_exit_0_when_clean(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = base()
    d["events"] = [event("a", ("2024-07-06T10:00", "2024-07-06T11:00"))]
    assert main(["clashes", str(write(tmp_path, d))]) == 0
    assert "Aucun conflit" in capsys.readouterr().out


def test_cli_clashes_bad_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = base(weekdays=["jeudredi"])
    assert main(["clashes", str(write(tmp_path, d))]) == 2
    err = capsys.readouterr().err
    assert "planning.weekdays[0]" in err and "Traceback" not in err


def test_cli_plan_writes_the_planned_programme(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "planifie.yaml"
    assert main(["plan", str(EXAMPLE), "-o", str(out), "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert set(payload) >= {"placed", "unplaced", "moved"}
    assert payload["unplaced"] == []
    planned = load_programme(out)
    assert all(e.dated for e in planned.events)


def test_cli_plan_exit_1_with_reasons(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = base(season_start="2024-07-06", season_end="2024-07-06")
    d["events"] = [
        event(
            "tenue",
            ("2024-07-06T09:00", "2024-07-07T00:00"),
            resources=("podium",),
            venue="v2",
            pinned=True,
        ),
        event(
            "b",
            resources=("podium",),
            organiser="o1",
            quartiers=("q1",),
            to_plan={"duration": "1 h"},
        ),
    ]
    out = tmp_path / "out.json"
    assert main(["plan", str(write(tmp_path, d)), "-o", str(out), "--format", "json"]) == 1
    payload = json.loads(capsys.readouterr().out)
    (u,) = payload["unplaced"]
    assert u["event"] == "b" and "podium" in u["reasons"][0] and "tenue" in u["reasons"][0]
    assert json.loads(out.read_text(encoding="utf-8"))["events"][1]["id"] == "b"


def test_cli_plan_again_with_previous_moves_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = tmp_path / "v1.yaml"
    assert main(["plan", str(EXAMPLE), "-o", str(first)]) == 0
    capsys.readouterr()
    second = tmp_path / "v2.yaml"
    args = ["plan", str(first), "-o", str(second), "--previous", str(first), "--format", "json"]
    assert main(args) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["moved"] == [] and payload["added"] == [] and payload["removed"] == []
    assert load_programme(second) == load_programme(first)


def test_demo_writes_clashes_and_plan(tmp_path: Path) -> None:
    assert "nqe-2024" in list_examples()
    assert main(["demo", "-o", str(tmp_path)]) == 0
    clashes = json.loads((tmp_path / "clashes.json").read_text(encoding="utf-8"))
    assert clashes["clashes"]
    plan = json.loads((tmp_path / "plan.json").read_text(encoding="utf-8"))
    assert plan["ok"] is True
    planned = load_programme(tmp_path / "programme-planifie.yaml")
    assert len(planned.events) == len(load_example().events)


def test_planning_section_rejects_bad_values() -> None:
    text = yaml.safe_dump(
        {
            **base(),
            "planning": {
                "setup": "-10 min",
                "weights": {"SPREAD": -1},
                "day_start": "23:00",
                "day_end": "10:00",
            },
        }
    )
    with pytest.raises(ProgrammeValidationError) as info:
        loads_programme(text)
    paths = " ".join(d.path for d in info.value.details)
    assert "planning" in paths


def test_planning_section_round_trips() -> None:
    d = base(
        setup="30 min",
        weekdays=["Samedi", "dimanche"],
        quartier_min_gap="2 h",
        blackouts=[{"start": "2024-07-14", "end": "2024-07-14", "label": "bal"}],
    )
    d["events"] = [
        event(
            "a",
            to_plan={"duration": "2 h", "wishes": ["soirée"], "weekdays": ["lundi"]},
            setup="15 min",
        )
    ]
    p = loads_programme(yaml.safe_dump(d, allow_unicode=True))
    from nqe_events.io import dumps_programme

    again = loads_programme(dumps_programme(p))
    assert again == p
    assert [w.value for w in p.planning.weekdays] == ["samedi", "dimanche"]
    assert p.events[0].to_plan is not None and p.events[0].to_plan.wishes[0].value == "soiree"


# --- calendar facts ------------------------------------------------------------------------------


def test_public_holidays_2024_summer() -> None:
    """domain.md §4.1: 14 July (a Sunday) and 15 August (a Thursday) in 2024."""
    days = public_holidays(2024)
    assert days[date(2024, 7, 14)] == "Fête nationale"
    assert days[date(2024, 8, 15)] == "Assomption"
    assert date(2024, 7, 14).weekday() == 6 and date(2024, 8, 15).weekday() == 3


def test_zone_b_summer_holidays_2024() -> None:
    """Classes end Saturday 6 July 2024, resume Monday 2 September (key_dates_2024.csv)."""
    summer = [k for k in school_holidays(2024, "B") if k.label_fr == "Vacances d'été"]
    assert [(k.start, k.end) for k in summer] == [(date(2024, 7, 6), date(2024, 9, 1))]


def test_unknown_school_zone_is_an_input_error() -> None:
    with pytest.raises(InputError):
        school_holidays(2024, "D")


def test_games_and_torch_relay_days() -> None:
    kinds = {(k.kind, k.start, k.end) for k in key_dates(2024)}
    assert ("games", date(2024, 7, 26), date(2024, 8, 11)) in kinds
    assert ("games", date(2024, 8, 28), date(2024, 9, 8)) in kinds
    torch = sorted(k.start for k in key_dates(2024) if k.kind == "torch-relay")
    assert torch == [
        date(2024, 7, 2),
        date(2024, 7, 3),
        date(2024, 7, 4),
        date(2024, 7, 17),
        date(2024, 7, 18),
        date(2024, 8, 26),
    ]
    assert all(k.source.startswith("https://") for k in key_dates(2024))
    assert key_dates(2031) == ()
    assert "Jeux Olympiques de Paris 2024" in day_labels(date(2024, 8, 1))
    assert day_labels(date(2024, 7, 14)) == ("Fête nationale",)


def test_negative_buffers_are_rejected_with_their_path() -> None:
    d = base()
    d["venues"][0]["setup"] = "-30 min"
    d["resources"][0]["transfer"] = "-1 h"
    with pytest.raises(ProgrammeValidationError) as info:
        loads_programme(yaml.safe_dump(d, allow_unicode=True))
    paths = {x.path for x in info.value.details}
    assert {"venues[0].setup", "resources[0].transfer"} <= paths


def test_cli_plan_exact_backend(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "exact.yaml"
    args = ["plan", str(EXAMPLE), "-o", str(out), "--backend", "exact", "--format", "json"]
    assert main(args) == 0
    assert json.loads(capsys.readouterr().out)["unplaced"] == []
