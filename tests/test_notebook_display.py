"""Programmes and events in a notebook: a card, a short repr, a French DataFrame that goes to
Excel, and errors shown as their message only.

Expected figures are counted here from the raw YAML of the sample (PyYAML), not from the models.
"""

from __future__ import annotations

import json
import re
import sys
from datetime import datetime
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import yaml

import nqe_events as nqe
from nqe_events.errors import set_language
from nqe_events.model.display import CARD_ROWS, PROGRAMME_COLUMNS

EXAMPLE = Path(nqe.__file__).parent / "data" / "examples" / "nqe-2024.yaml"


@pytest.fixture(scope="module")
def raw() -> dict:
    return yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def programme() -> nqe.Programme:
    return nqe.load_example()


@pytest.fixture
def english():
    set_language("en")
    yield
    set_language("fr")


def test_repr_and_str_are_short(programme: nqe.Programme, raw: dict) -> None:
    text = repr(programme)
    assert "\n" not in text and len(text) < 200
    assert text.startswith("Programme(season=2024,") and f"events={len(raw['events'])}" in text
    assert str(programme) == (
        f"{raw['name']} (saison 2024) : {len(raw['events'])} temps forts dans "
        f"{len(raw['quartiers'])} quartiers"
    )
    event = programme.events[0]
    assert repr(event) == (
        f"Event(id={raw['events'][0]['id']!r}, title={raw['events'][0]['title']!r}, "
        "start=2024-07-20 14:00, slots=1)"
    )
    assert (
        str(event) == f"{raw['events'][0]['title']} ({raw['events'][0]['id']}) — 20/07/2024 14:00"
    )


def test_programme_card_shows_name_season_counts_and_events(
    programme: nqe.Programme, raw: dict
) -> None:
    card = programme._repr_html_()
    assert "nqe-card" in card and "<h3>Nos Quartiers d&#x27;Été 2024" in card
    assert "Saison 2024" in card
    counted = [e for e in raw["events"] if e.get("status") != "annule"]
    assert f"<b>{len(counted)}</b> temps forts" in card
    assert f"<b>{len(raw['quartiers'])}</b> quartiers" in card
    assert f"<b>{len(raw['venues'])}</b> lieux" in card
    attendance = sum(e.get("expected_attendance") or 0 for e in counted)
    assert f"<b>{attendance:,}</b>".replace(",", "\u202f") + " personnes attendues" in card
    rows = re.findall(r"<tr[^>]*><td>", card)
    assert len(rows) == CARD_ROWS < len(raw["events"])
    hidden = len(raw["events"]) - CARD_ROWS
    assert f"… et {hidden} autres temps forts : programme.to_dataframe() les montre tous" in card
    assert "pydantic" not in card and "model_config" not in card


def test_programme_card_in_english(programme: nqe.Programme, english: None) -> None:
    card = programme._repr_html_()
    assert "Season 2024" in card and "temps forts" in card and " venues" in card
    assert "people expected" in card and "lieux" not in card


def test_to_dataframe_one_row_per_event_with_french_labels(
    programme: nqe.Programme, raw: dict
) -> None:
    frame = programme.to_dataframe()
    assert len(frame) == len(raw["events"])
    assert list(frame.columns)[:6] == [
        "identifiant",
        "titre",
        "porteur",
        "lieu",
        "commune",
        "quartiers",
    ]
    assert "public attendu" in frame.columns and "début" in frame.columns
    assert list(frame["identifiant"]) == [e["id"] for e in raw["events"]]
    first = raw["events"][0]
    assert frame["début"].iloc[0] == pd.Timestamp(first["occurrences"][0]["start"])
    assert frame["début"].dt.tz is None  # local wall-clock time: Excel refuses time zones
    assert frame["statut"].iloc[0] == "confirmé"
    assert frame["public attendu"].sum() == sum(
        e.get("expected_attendance") or 0 for e in raw["events"]
    )
    keys = programme.to_dataframe(labels="keys")
    assert list(keys.columns) == list(PROGRAMME_COLUMNS)
    assert list(programme.to_dataframe(labels="en").columns)[:3] == ["id", "title", "organiser"]
    assert frame.attrs["nqe_keys"]["public attendu"] == "expected_attendance"


def test_styled_shows_french_numbers_and_dates(programme: nqe.Programme, raw: dict) -> None:
    from nqe_events.report import styled

    frame = programme.to_dataframe()
    page = styled(frame).to_html()
    first = raw["events"][0]
    start = datetime.fromisoformat(first["occurrences"][0]["start"])
    assert f">{start:%d/%m/%Y %H:%M}<" in page
    budget = f"{first['budget']['total_eur']:,.0f}".replace(",", "\u202f")
    assert f">{budget}<" in page and ">confirmé<" in page
    assert "2024-07-20 14:00:00" not in page
    assert frame["début"].iloc[0] == pd.Timestamp(start)  # the values themselves are unchanged
    english = styled(frame, "en").to_html()
    assert f">{first['budget']['total_eur']:,.0f}<" in english


def test_unknown_labels_get_a_french_error(programme: nqe.Programme) -> None:
    with pytest.raises(nqe.NqeError, match="vouliez-vous dire « keys »"):
        programme.to_dataframe(labels="key")


def test_dataframes_export_to_excel(programme: nqe.Programme, raw: dict, tmp_path: Path) -> None:
    target = tmp_path / "programme.xlsx"
    programme.to_dataframe().to_excel(target, index=False)
    sheet = openpyxl.load_workbook(target).active
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["identifiant", "titre", "porteur"]
    assert sheet.max_row == len(raw["events"]) + 1
    start = sheet.cell(row=2, column=header.index("début") + 1).value
    assert start == datetime.fromisoformat(raw["events"][0]["occurrences"][0]["start"])
    # the reports' frames too (a clash's start and end are time-zone aware in the model)
    nqe.find_clashes(programme).to_dataframe().to_excel(tmp_path / "conflits.xlsx")
    nqe.season_summary(programme).to_dataframe().to_excel(tmp_path / "bilan.xlsx")


def test_event_card_and_frame(programme: nqe.Programme, raw: dict) -> None:
    event = programme.events[0]
    card = event._repr_html_()
    assert f"<h3>{raw['events'][0]['title']}</h3>" in card
    assert "sport-ensemble" in card and "20/07/2024 14:00" in card and "1 créneau" in card
    frame = event.to_dataframe()
    assert list(frame.columns) == [
        "temps fort",
        "début",
        "fin",
        "journée entière",
        "intitulé du créneau",
    ]
    assert len(frame) == len(raw["events"][0]["occurrences"])
    undated = next(e for e in programme.events if not e.occurrences)
    assert "à planifier" in undated._repr_html_() and "à planifier" in str(undated)


def test_error_renders_only_its_message_for_ipython() -> None:
    with pytest.raises(nqe.NqeError) as info:
        nqe.load_programme("absent.yaml")
    lines = info.value._render_traceback_()
    assert lines == info.value.render().splitlines()
    assert "absent.yaml" in lines[0] and not any("Traceback" in ln for ln in lines)


def test_jupyter_shows_the_message_and_no_traceback(tmp_path: Path) -> None:
    """A real kernel: the error output of a failing cell is the French message alone."""
    import nbformat
    from nbclient import NotebookClient

    kernel = tmp_path / "jupyter" / "kernels" / "python3"
    kernel.mkdir(parents=True)
    spec = {"argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": "py", "language": "python"}  # fmt: skip
    (kernel / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
    mp = pytest.MonkeyPatch()
    mp.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    mp.setenv("JUPYTER_PLATFORM_DIRS", "1")
    try:
        nb = nbformat.v4.new_notebook()
        nb.cells = [
            nbformat.v4.new_code_cell("import nqe_events as nqe\nnqe.load_programme('absent.yaml')")
        ]
        NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True,
                       resources={"metadata": {"path": str(tmp_path)}}).execute()  # fmt: skip
    finally:
        mp.undo()
    (error,) = [o for o in nb.cells[0].outputs if o.output_type == "error"]
    shown = "\n".join(error.traceback)
    assert "absent.yaml" in shown
    assert "File " not in shown and "site-packages" not in shown and "Traceback" not in shown
    assert len(error.traceback) <= 3
