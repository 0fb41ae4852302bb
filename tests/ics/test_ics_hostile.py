"""Done-when (issue 12): every hostile ICS input gets an answer from the CLI — an import, or a French
refusal — within a hang timeout and a 1 GiB address-space limit, never a traceback.

The inputs come from tests/ics_hostile.py (huge lines, deep nesting, 80,000 RDATEs, endless hourly
and secondly series, 200 daily series, years 9999 and 10000, P99999999W, offsets of +9959, 30
February, lone CR, NUL bytes, /dev/zero as a file and through a pipe, a 3 GiB file…). Times and
memory are not asserted here: ``benchmarks/bench_ics_import.py --hostile`` records them (goal: each
case within 2 s and 256 MB).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ics_french import assert_french
from ics_hostile import CASES, Case, run

HANG_TIMEOUT = 120  # seconds: a hang, not a speed limit (a 40,000-component file takes ~1 min)
MEMORY = 1024**3  # RLIMIT_AS of the CLI process


def test_enough_cases() -> None:
    assert len(CASES) >= 20
    assert len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_input_answered_in_french(case: Case, tmp_path: Path) -> None:
    result = run(case, tmp_path, timeout=HANG_TIMEOUT, memory=MEMORY)
    said = (result.stdout + "\n" + result.stderr).strip()
    assert result.returncode is not None, f"{case.name}: no answer after {HANG_TIMEOUT} s"
    assert "Traceback" not in said, said[-3000:]
    assert "MemoryError" not in said, said[-3000:]
    assert result.returncode in (0, 1, 2), (result.returncode, said[-3000:])
    if result.returncode == 2:
        assert result.stderr.strip(), f"{case.name}: refused without a message"
        assert_french(result.stderr)
    else:
        assert (tmp_path / f"{case.name}.yaml").is_file(), f"{case.name}: no programme written"
        assert_french(result.stdout)
