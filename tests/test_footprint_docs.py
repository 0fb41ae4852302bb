"""The methodology page stays true: its examples run and it lists every factor of the set."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from footprint_helpers import make_event
from nqe_events.footprint import estimate_footprint, load_factors

DOC = Path(__file__).resolve().parents[1] / "docs" / "footprint-methodology.md"


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)


def test_doc_lists_every_factor_with_its_value() -> None:
    text = DOC.read_text(encoding="utf-8")
    fs = load_factors()
    for fid in fs.ids:
        row = re.search(rf"\| `{re.escape(fid)}` \| ([^|]+) \|", text)
        assert row, fid
        assert float(row.group(1)) == pytest.approx(fs[fid].original_value), fid


def test_doc_yaml_example_is_a_valid_footprint_section() -> None:
    (example,) = _blocks("yaml")
    section = yaml.safe_load(example)["footprint"]
    report = estimate_footprint(make_event(section), draws=500)
    assert report.attendance == 600
    assert report.defaults_share == 0.0
    assert all(v > 0 for k, v in report.by_category.items())


def test_doc_toml_example_loads(tmp_path: Path) -> None:
    (example,) = _blocks("toml")
    path = tmp_path / "set.toml"
    path.write_text(example, encoding="utf-8")
    fs = load_factors(path)
    assert fs.ref == {"id": "ico2-2026-voiture", "version": "2026.1"}
    assert fs["transport.car-thermal"].value == pytest.approx(0.142)


def test_json_schema_accepts_short_and_long_amounts() -> None:
    """Regression: ``grid: 85 kWh`` (short form) must validate against the exported JSON Schema,
    not only the ``{amount, tier}`` form that a dump writes."""
    import json

    import jsonschema

    from nqe_events.io import example_text, programme_json_schema

    data = json.loads(json.dumps(yaml.safe_load(example_text()), default=str))
    assert any("footprint" in e for e in data["events"])
    validator = jsonschema.Draft202012Validator(programme_json_schema())
    assert [e.message for e in validator.iter_errors(data)] == []


def test_doc_lists_the_servings_units_and_equivalents_with_sources() -> None:
    from nqe_events.footprint.equivalents import list_equivalents
    from nqe_events.footprint.modes import servings
    from nqe_events.units import unit_table

    text = DOC.read_text(encoding="utf-8")
    for sid, serving in servings().items():
        row = re.search(rf"^\| {sid} \| ([\d,]+) cL \|", text, re.M)
        assert row, sid
        assert float(row.group(1).replace(",", ".")) == pytest.approx(serving.volume_l * 100)
    for kind in unit_table().kinds.values():
        for symbol in kind.symbols():
            assert f"`{symbol}`" in text, symbol
    for eq in list_equivalents():
        assert f"`{eq.factor}`" in text
    assert "0,2176 kgCO2e par km" in text and "5,01 kgCO2e par repas" in text
    assert "0,1008 kgCO2e par tasse" in text
