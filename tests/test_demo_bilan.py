"""The demo's last stage, ``bilan``: the season summary and its plots in the demo folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import nqe_events as nqe
from nqe_events.cli import DEMO_STAGES, main
from nqe_events.cli import bilan as _cli_report

PNG = b"\x89PNG\r\n\x1a\n"


def test_bilan_is_the_last_demo_stage() -> None:
    assert DEMO_STAGES[-1] == ("bilan", _cli_report.demo)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("demo")
    stdout = pytest.MonkeyPatch()
    import io
    import sys

    buffer = io.StringIO()
    stdout.setattr(sys, "stdout", buffer)
    try:
        code = main(["demo", "-o", str(out)])
    finally:
        stdout.undo()
    assert code == 0
    return out, buffer.getvalue()


def test_bilan_files_exist(demo: tuple[Path, str]) -> None:
    out, _ = demo
    for name in ("bilan.txt", "bilan.json", "bilan.html"):
        assert (out / name).stat().st_size > 0, name
    for name in ("calendrier.png", "empreinte.png", "leviers.png", "alignement.png"):
        assert (out / name).read_bytes()[:8] == PNG, name
    page = (out / "bilan.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and 'class="indicators"' in page and "@page" in page
    # the plots travel inside the page (data URIs), the very bytes of the PNG files
    import base64

    for name in _cli_report.PLOT_FILES:
        encoded = base64.b64encode((out / name).read_bytes()).decode("ascii")
        assert f'src="data:image/png;base64,{encoded}"' in page, name


def test_bilan_numbers_equal_season_summary(demo: tuple[Path, str]) -> None:
    """The JSON holds the figures of season_summary on the planned sample, with the alignment and
    footprint of the real packages."""
    out, printed = demo
    planned = nqe.plan(nqe.load_example()).programme
    expected = nqe.season_summary(
        planned,
        alignment=nqe.check_programme(planned),
        footprint=nqe.estimate_programme(planned),
    )
    data = json.loads((out / "bilan.json").read_text(encoding="utf-8"))
    assert data == json.loads(expected.to_json())
    assert data["temps_forts"] == sum(e.status.value != "annule" for e in planned.events)
    assert data["undated"] == 0  # the bilan is made on the planned programme
    assert (out / "bilan.txt").read_text(encoding="utf-8") == expected.to_text() + "\n"
    assert expected.to_text() in printed


def test_bilan_without_matplotlib_still_writes_the_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import fails as if not installed
    _cli_report.demo(nqe.load_example(), tmp_path, "fr")
    assert (tmp_path / "bilan.json").exists() and (tmp_path / "bilan.html").exists()
    assert not (tmp_path / "calendrier.png").exists()
    assert "nqe-events[notebook]" in capsys.readouterr().out
