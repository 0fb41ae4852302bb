"""Golden files: the season feed of the sample programme and of the ICS fixture, as a person would
review them. Regenerate with ``make golden`` (``NQE_UPDATE_GOLDEN=1``) after an intended change."""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from nqe_events.calendar.ics import to_ics
from nqe_events.model import Programme

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "ics"
UPDATE = os.environ.get("NQE_UPDATE_GOLDEN") == "1"


def check_golden(name: str, data: bytes) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return
    assert path.is_file(), f"{path} is missing: run `make golden`"
    expected = path.read_bytes()
    if data != expected:
        diff = difflib.unified_diff(
            expected.decode("utf-8").splitlines(),
            data.decode("utf-8").splitlines(),
            "golden",
            "now",
            lineterm="",
            n=1,
        )
        pytest.fail(
            f"{name} differs from its golden file (make golden if intended):\n"
            + "\n".join(list(diff)[:60])
        )


def test_golden_fixture_feed(fixture_programme: Programme) -> None:
    check_golden("fixture-saison.ics", to_ics(fixture_programme))


def test_golden_sample_feed(sample_programme: Programme | None) -> None:
    sample = sample_programme
    assert sample is not None, "the bundled sample programme nqe-2024 is missing"
    check_golden("nqe-2024-saison.ics", to_ics(sample))


def test_golden_files_use_crlf_and_utf8() -> None:
    for path in sorted(GOLDEN.glob("*.ics")):
        data = path.read_bytes()
        data.decode("utf-8")
        assert data.count(b"\n") == data.count(b"\r\n")
