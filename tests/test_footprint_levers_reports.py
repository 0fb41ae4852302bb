"""Levers (footprint.md §4.6) priced by hand, report renderings, season aggregation and the CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from footprint_helpers import isolated, make_event
from nqe_events.cli import main
from nqe_events.footprint import LEVERS, estimate_footprint, estimate_programme, what_if

CAR_1000_PKM = {"modes": [{"mode": "car", "share": 1, "distance": "10 km", "occupancy": 1}]}

LEVER_CASES: list[tuple[str, dict[str, Any], float]] = [
    ("vegetarian-menu", {"catering": {"meals": {"beef": 100}}}, 100 * (0.85 - 5.01)),
    ("carpooling", {"audience": CAR_1000_PKM}, 1000 * 0.2176 / 2.5 - 1000 * 0.2176),
    ("car-to-transit", {"audience": CAR_1000_PKM}, -500 * 0.2176 + 500 * 0.12242),
    (
        "fuller-coaches",
        {
            "organised": [
                {"vehicle": "hired-coach", "vehicles": 4, "distance": "100 km", "passengers": 90}
            ]
        },
        -0.5 * 400 * 0.948,
    ),
    (
        "grid-instead-of-generator",
        {"energy": {"generators": [{"fuel_volume": "100 L"}]}},
        -100 * 3.16 + 300 * 0.052,
    ),
    ("right-size-generators", {"energy": {"generators": [{"fuel_volume": "100 L"}]}}, -25 * 3.16),
    ("tap-water", {"catering": {"drinks": {"bottled-water": "100 L"}}}, 100 * (0.000132 - 0.3207)),
    ("fewer-goodies", {"goods": {"items": {"tshirt-cotton": 100}}}, -50 * 5.2),
    (
        "fewer-flyers",
        {"goods": {"printed": [{"format": "A5", "copies": 1000}]}},
        -500 * 0.00421 * 0.919,
    ),
    ("reusable-cups", {"goods": {"items": {"cup-disposable": 1000}}}, 1000 * (0.01 - 0.02)),
    ("waste-prevention", {"waste": [{"stream": "residual", "mass": "100 kg"}]}, -25 * 0.386),
    (
        "train-instead-of-plane",
        {"crew": {"travel": [{"mode": "plane", "people": 1, "distance": "3000 km"}]}},
        3000 * (0.00293 - 0.18466),
    ),
]


def test_every_lever_is_tested() -> None:
    assert {c[0] for c in LEVER_CASES} == set(LEVERS)


@pytest.mark.parametrize(("lever", "parts", "delta"), LEVER_CASES, ids=[c[0] for c in LEVER_CASES])
def test_lever_change_by_hand(lever: str, parts: dict[str, Any], delta: float) -> None:
    result = what_if(make_event(isolated(**parts)), lever, draws=4000)
    assert result.lever == lever
    assert result.delta_kgco2e == pytest.approx(delta, rel=0.01)
    lo, hi = result.interval_90
    assert lo <= delta * 0.97 and delta * 1.03 <= hi  # a saving: lo is the biggest saving
    if lever != "car-to-transit":  # bus and car factors are both ±60 %: the band may cross 0
        assert hi < 0


def test_lever_amount() -> None:
    result = what_if(make_event(isolated(audience=CAR_1000_PKM)), "carpooling", amount=2)
    assert result.delta_kgco2e == pytest.approx(-500 * 0.2176, rel=0.01)


def test_lever_without_matching_data_changes_nothing() -> None:
    result = what_if(make_event(isolated()), "vegetarian-menu", draws=500)
    assert result.delta_kgco2e == 0.0
    assert result.interval_90 == (0.0, 0.0)


def test_report_lists_three_biggest_levers() -> None:
    fp = isolated(
        audience=CAR_1000_PKM,
        catering={"meals": {"beef": 100}, "drinks": {"bottled-water": "100 L"}},
        waste=[{"stream": "residual", "mass": "100 kg"}],
    )
    report = estimate_footprint(make_event(fp), draws=1000)
    # −416 (beef → vegetarian), −130.6 (carpooling), −47.6 (car → bus), then tap water −32.1
    assert [lv.lever for lv in report.levers] == ["vegetarian-menu", "carpooling", "car-to-transit"]
    deltas = [lv.delta_kgco2e for lv in report.levers]
    assert deltas == sorted(deltas) and len(deltas) == 3


# --- renderings ----------------------------------------------------------------------------------


def _season() -> Any:
    a = make_event(
        isolated(catering={"meals": {"beef": 10}}),
        event_id="a",
        quartiers=["q1", "q2"],
        themes=["sport", "culture"],
    )
    b = make_event(None, event_id="b", quartiers=["q1"], themes=["sport"])
    return estimate_programme([a, b], draws=1000)


def test_season_totals_by_category_quartier_theme() -> None:
    season = _season()
    a, b = season.events
    assert season.total_kgco2e == pytest.approx(a.total_kgco2e + b.total_kgco2e)
    assert season.by_quartier["q2"] == pytest.approx(a.total_kgco2e / 2)
    assert season.by_quartier["q1"] == pytest.approx(a.total_kgco2e / 2 + b.total_kgco2e)
    assert season.by_theme["culture"] == pytest.approx(a.total_kgco2e / 2)
    assert sum(season.by_category.values()) == pytest.approx(season.total_kgco2e)
    assert 0 < season.defaults_share < 1


def test_json_shape() -> None:
    data = json.loads(_season().to_json())
    assert set(data) == {"factors", "events", "season"}
    assert data["factors"] == {"id": "ademe-2025", "version": "2025.1"}
    event = data["events"][0]
    for key in (
        "id",
        "total_kgco2e",
        "interval_90",
        "per_attendee_kgco2e",
        "by_category",
        "defaults_share",
        "levers",
    ):
        assert key in event
    assert len(event["interval_90"]) == 2
    assert event["levers"][0]["lever"] == "vegetarian-menu"
    assert {"total_kgco2e", "interval_90", "by_category", "by_quartier", "by_theme"} <= set(
        data["season"]
    )


def test_text_html_repr_and_dataframe() -> None:
    season = _season()
    text_fr = season.to_text("fr")
    assert "Saison : 2 temps forts" in text_fr and "menu végétarien" in text_fr
    assert "Season: 2 temps forts" in season.to_text("en")
    assert "<table" in season._repr_html_() and "<table" in season.events[0]._repr_html_()
    assert repr(season).startswith("<SeasonFootprint 2 events")
    assert repr(season.events[0]).startswith("<FootprintReport a:")
    frame = season.to_dataframe(labels="keys")
    assert list(frame["id"]) == ["a", "b"]
    assert "restauration" in frame.columns
    lines = season.events[0].to_dataframe(labels="keys")
    assert {"factor", "kgco2e", "tier"} <= set(lines.columns)
    assert "valeurs par défaut" in season.events[1].to_text("fr")


def test_cancelled_events_are_left_out() -> None:
    a = make_event(None, event_id="a")
    b = make_event(None, event_id="b", status="annule")
    assert [r.event_id for r in estimate_programme([a, b], draws=200).events] == ["a"]
    assert len(estimate_programme([a, b], draws=200, include_cancelled=True).events) == 2


# --- CLI -----------------------------------------------------------------------------------------


def _programme_file(tmp_path: Path, minimal: dict[str, Any]) -> Path:
    minimal["events"][0]["footprint"] = isolated(catering={"meals": {"beef": 10}})
    path = tmp_path / "p.yaml"
    path.write_text(yaml.safe_dump(minimal, allow_unicode=True), encoding="utf-8")
    return path


def test_cli_footprint_text_and_json(
    tmp_path: Path, minimal: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    path = _programme_file(tmp_path, minimal)
    assert main(["footprint", str(path), "--draws", "500"]) == 0
    assert "Saison : 2 temps forts" in capsys.readouterr().out
    assert main(["footprint", str(path), "--format", "json", "--event", "jeux-cite-12"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [e["id"] for e in data["events"]] == ["jeux-cite-12"]
    assert data["events"][0]["total_kgco2e"] == pytest.approx(50.1, rel=0.01)


def test_cli_footprint_bad_inputs(
    tmp_path: Path, minimal: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    path = _programme_file(tmp_path, minimal)
    assert main(["footprint", str(path), "--event", "jeux-cite"]) == 2
    assert "jeux-cite-12" in capsys.readouterr().err
    bad = tmp_path / "bad.toml"
    bad.write_text(
        'extends = "ademe-2025"\nid = "b"\nversion = "1"\n[factors.meal.beef]\nvalue = "x"\n'
    )
    assert main(["footprint", str(path), "--factors", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "factors.meal.beef" in err and "Traceback" not in err
    assert main(["footprint", str(path), "--draws", "5"]) == 2
    minimal["events"][0]["footprint"] = {"catering": {"meals": {"lasagne": 3}}}
    path.write_text(yaml.safe_dump(minimal, allow_unicode=True), encoding="utf-8")
    assert main(["footprint", str(path)]) == 2
    assert "type de repas inconnu « lasagne »" in capsys.readouterr().err


def test_demo_writes_footprint_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from nqe_events.cli import DEMO_STAGES
    from nqe_events.io import load_example

    stage = dict(DEMO_STAGES)["footprint"]
    stage(load_example(), tmp_path, "fr")
    out = capsys.readouterr().out
    assert "Empreinte de la saison" in out and "tCO2e" in out
    data = json.loads((tmp_path / "footprint.json").read_text(encoding="utf-8"))
    assert data["season"]["total_kgco2e"] > 0


def test_empty_programme_and_zero_attendance() -> None:
    empty = estimate_programme([], draws=200)
    assert empty.total_kgco2e == 0.0 and empty.interval_90 == (0.0, 0.0) and empty.events == ()
    report = estimate_footprint(make_event(None, expected_attendance=0), draws=200)
    assert report.total_kgco2e == 0.0
    assert report.per_attendee_kgco2e is None and report.per_attendee_hour_kgco2e is None
    assert report.interval_90 == (0.0, 0.0)


def test_lever_that_would_increase_emissions_is_not_listed_but_can_be_asked() -> None:
    """Regression: moving full electric cars (3 per car) to a thermal bus costs more; the report must
    not list it as a lever, what_if must still say so (positive change)."""
    fp = isolated(
        audience={
            "modes": [{"mode": "car-electric", "share": 1, "distance": "10 km", "occupancy": 3}]
        }
    )
    event = make_event(fp)
    assert "car-to-transit" not in [lv.lever for lv in estimate_footprint(event, draws=500).levers]
    result = what_if(event, "car-to-transit", draws=500)
    assert result.delta_kgco2e == pytest.approx(-500 / 3 * 0.1034 + 500 * 0.12242, rel=0.01)
