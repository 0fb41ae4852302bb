"""The demo command on the bundled sample, and the wheel carrying the data files."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import nqe_events
from nqe_events.cli import main
from nqe_events.io import load_programme

ROOT = Path(__file__).resolve().parents[1]


def test_demo_writes_outputs_and_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "demo"
    assert main(["demo", "-o", str(out)]) == 0
    text = capsys.readouterr().out
    sample = nqe_events.load_example()
    dated = sum(1 for e in sample.events if e.occurrences)
    assert (
        f"{len(sample.events)} temps forts : {dated} datés, {len(sample.events) - dated} à planifier"
        in text
    )
    assert load_programme(out / "programme.yaml") == sample
    assert load_programme(out / "programme.json") == sample


def test_unknown_example_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["demo", "-o", str(tmp_path), "--example", "nqe-2042"]) == 2
    err = capsys.readouterr().err
    assert "exemple « nqe-2042 » inconnu" in err and "nqe-2024" in err


def test_wheel_contains_the_data_files(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("nqe_events-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {
        "nqe_events/" + p.relative_to(ROOT / "src" / "nqe_events").as_posix()
        for p in (ROOT / "src" / "nqe_events" / "data").rglob("*")
        if p.is_file()
    }
    assert shipped and shipped <= names
    assert "nqe_events/py.typed" in names
    assert any(n.endswith("entry_points.txt") for n in names)
