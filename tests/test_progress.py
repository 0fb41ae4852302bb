"""Progress on stderr: only on a terminal and only for a stage that lasts (cli/_progress.py)."""

from __future__ import annotations

import io
import sys
import time

import pytest

from nqe_events.cli import _progress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_nothing_in_a_pipe(monkeypatch: pytest.MonkeyPatch) -> None:
    pipe = io.StringIO()
    monkeypatch.setattr(sys, "stderr", pipe)
    monkeypatch.setattr(_progress, "DELAY", 0.0)
    with _progress.stage("lecture de p.yaml"):
        time.sleep(0.05)
    assert pipe.getvalue() == ""


def test_nothing_for_a_quick_stage(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with _progress.stage("lecture de p.yaml"):
        pass
    assert terminal.getvalue() == ""


def test_long_stage_shows_label_and_clears_its_line(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setattr(_progress, "DELAY", 0.0)
    with _progress.stage("lecture de p.yaml"):
        deadline = time.monotonic() + 30
        while "lecture de p.yaml…" not in terminal.getvalue() and time.monotonic() < deadline:
            time.sleep(0.01)
    text = terminal.getvalue()
    assert text.startswith("\rlecture de p.yaml… 0 s")
    assert text.endswith("\r\x1b[K")
