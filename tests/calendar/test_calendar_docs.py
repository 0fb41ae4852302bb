"""The examples of docs/calendar.md run and the documented planning section is valid."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from nqe_events.model.planning import PlanningConfig

DOC = Path(__file__).resolve().parents[2] / "docs" / "calendar.md"


def _blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)


def test_python_examples_run(capsys: object) -> None:
    blocks = _blocks("python")
    assert blocks
    for code in blocks:
        exec(compile(code, str(DOC), "exec"), {})


def test_documented_planning_section_is_valid() -> None:
    section = next(b for b in _blocks("yaml") if b.startswith("planning:"))
    config = PlanningConfig.model_validate(yaml.safe_load(section)["planning"])
    assert config.quartier_max_per_day == 1
    assert config.day_end_minutes == 24 * 60
    assert config == config.model_validate(config.model_dump(mode="json"))
