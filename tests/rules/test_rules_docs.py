"""The Python examples of docs/rules.md and docs/alignment.md run, and the check table of
docs/rules.md names every registered check (the documentation is the format's reference)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from nqe_events.rules import CHECKS

DOCS = Path(__file__).resolve().parents[2] / "docs"
BLOCK = re.compile(r"```python\n(.*?)```", re.S)


def _blocks(name: str) -> list[str]:
    return BLOCK.findall((DOCS / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["rules.md", "alignment.md"])
def test_python_examples_run(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    blocks = _blocks(name)
    assert blocks
    for code in blocks:
        exec(compile(code, f"{name}", "exec"), {})
    assert capsys.readouterr().out


def test_every_check_is_documented() -> None:
    text = (DOCS / "rules.md").read_text(encoding="utf-8")
    for check_id, spec in CHECKS.items():
        row = next((line for line in text.splitlines() if line.startswith(f"| `{check_id}` |")), "")
        assert row, f"check {check_id} missing from docs/rules.md"
        for param in spec.params:
            assert f"`{param}`" in row, f"parameter {param} of {check_id} not documented"
