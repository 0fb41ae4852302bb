"""Repository hygiene: no unresolved merge-conflict markers anywhere in the tracked tree.

A conflict block (``<<<<<<< HEAD`` … ``>>>>>>> main``) once reached main unseen in ``docs/ics.md``;
this test and ``.ci/run`` both refuse one.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# built from pieces so that this file does not itself hold a marker at the start of a line
OPEN, CLOSE = "<" * 7, ">" * 7


def conflict_markers(text: str) -> list[int]:
    """1-based numbers of the lines that open or close a conflict block."""
    return [
        n
        for n, line in enumerate(text.splitlines(), 1)
        if line in (OPEN, CLOSE) or line.startswith((OPEN + " ", CLOSE + " "))
    ]


def test_conflict_marker_detector_finds_a_block() -> None:
    block = f"a\n{OPEN} HEAD\nours\n{'=' * 7}\ntheirs\n{CLOSE} main\nb\n"
    assert conflict_markers(block) == [2, 6]
    assert conflict_markers("Title\n=======\ntext\n") == []


def test_no_conflict_markers_in_tracked_files() -> None:
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):  # pragma: no cover - not a git checkout
        pytest.fail("the tree must be a git checkout for this check")
    found = []
    for name in filter(None, listed.decode().split("\0")):
        path = ROOT / name
        if not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        found += [f"{name}:{n}" for n in conflict_markers(text)]
    assert found == []
