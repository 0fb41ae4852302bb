"""``nqe-events bilan FILE [--base BASE] -o dossier/``: the bilan of any programme, and its page.

The figures are checked against counts made here from the raw YAML / CSV (PyYAML and the csv
module, not the library's loaders); the page is read back with the stdlib HTML parser.
"""

from __future__ import annotations

import base64
import csv
import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

import nqe_events as nqe
from nqe_events.cli import main
from nqe_events.cli.bilan import PLOT_FILES
from nqe_events.report import bilan_html

EXAMPLE = Path(nqe.__file__).parent / "data" / "examples" / "nqe-2024.yaml"
PNG = b"\x89PNG\r\n\x1a\n"

BASE = """\
season: 2024
name: "NQE 2024 — Métropole lilloise"
quartiers:
  - {id: roubaix-alma, name: "Alma-Gare", communes: [Roubaix], departement: "59"}
  - {id: tourcoing-bourgogne, name: "La Bourgogne", communes: [Tourcoing], departement: "59"}
organisers:
  - {id: collectif-alma, name: "Collectif des habitants de l'Alma", kind: collectif-habitants}
  - {id: culture-en-partage, name: "Culture en Partage", kind: association}
venues:
  - {id: parc-alma, name: "Parc de l'Alma", commune: Roubaix, quartier: roubaix-alma}
  - {id: square-bourgogne, name: "Square de la Bourgogne", commune: Tourcoing, quartier: tourcoing-bourgogne}
"""

SHEET = """\
Identifiant;Titre;Porteur;Lieu;Quartiers;Thèmes;Début;Fin;Public attendu;Bénévoles;Budget total;Subvention région
fresque-alma;Fresque participative;collectif-alma;parc-alma;roubaix-alma;culture;2024-07-15 10:00;2024-07-15 17:00;120;8;2500;1200
fresque-alma;Fresque participative;collectif-alma;parc-alma;roubaix-alma;culture;2024-07-16 10:00;2024-07-16 17:00;120;8;2500;1200
bal-bourgogne;Bal de l'été;culture-en-partage;square-bourgogne;tourcoing-bourgogne, roubaix-alma;culture;2024-07-13 19:00;2024-07-13 23:30;12400;20;14800,50;2000
"""


class _Page(HTMLParser):
    """Collects the indicator rows (label, value, value cell's class) and the images."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[tuple[str, str]]] = []
        self.images: list[str] = []
        self.styles = ""
        self._cell: tuple[str, list[str]] | None = None
        self._in_style = False
        self._in_table = False
        self._in_body = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "table" and a.get("class") == "indicators":
            self._in_table = True
        elif tag == "tbody" and self._in_table:
            self._in_body = True
        elif tag == "tr" and self._in_body:
            self.rows.append([])
        elif tag == "td" and self._in_body:
            self._cell = (a.get("class") or "", [])
        elif tag == "img":
            self.images.append(a.get("src") or "")
        elif tag == "style":
            self._in_style = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cell is not None:
            self.rows[-1].append((self._cell[0], "".join(self._cell[1])))
            self._cell = None
        elif tag == "table":
            self._in_table = self._in_body = False
        elif tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell[1].append(data)
        if self._in_style:
            self.styles += data


def _read(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    return parser


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture(scope="module")
def sample_bilan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bilan") / "dossier"  # not created beforehand: bilan makes it
    assert main(["bilan", str(EXAMPLE), "-o", str(out)]) == 0
    return out


def test_bilan_of_a_programme_writes_every_file(sample_bilan: Path) -> None:
    for name in ("bilan.txt", "bilan.json", "bilan.html"):
        assert (sample_bilan / name).stat().st_size > 0
    for name in PLOT_FILES:
        assert (sample_bilan / name).read_bytes()[:8] == PNG
    raw = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    counted = [e for e in raw["events"] if e.get("status") != "annule"]
    data = json.loads((sample_bilan / "bilan.json").read_text(encoding="utf-8"))
    assert data["temps_forts"] == len(counted)
    assert data["quartiers"] == len({q for e in counted for q in e["quartiers"]})
    assert data["expected_attendance"] == sum(e["expected_attendance"] for e in counted)


def test_bilan_page_is_styled_printable_and_self_contained(sample_bilan: Path) -> None:
    page = (sample_bilan / "bilan.html").read_text(encoding="utf-8")
    parsed = _read(page)
    assert re.search(r"@page\s*\{\s*size:\s*A4", parsed.styles)
    assert re.search(r"font:[^;]*sans-serif;", parsed.styles)
    assert "td.num" in parsed.styles and "text-align: right" in parsed.styles
    assert len(parsed.styles) < 3000  # a short stylesheet
    # every plot embedded, byte for byte, as a data URI: nothing to send along with the page
    assert parsed.images == [
        "data:image/png;base64," + base64.b64encode((sample_bilan / n).read_bytes()).decode()
        for n in PLOT_FILES
    ]
    assert 'src="calendrier.png"' not in page
    # every value cell is a right-aligned number cell
    assert parsed.rows and all(len(r) == 2 and r[1][0] == "num" for r in parsed.rows)


def test_bilan_page_formats_numbers_the_french_way(sample_bilan: Path) -> None:
    data = json.loads((sample_bilan / "bilan.json").read_text(encoding="utf-8"))
    parsed = _read((sample_bilan / "bilan.html").read_text(encoding="utf-8"))
    values = {label: value for (_, label), (_, value) in parsed.rows}
    attendance = data["expected_attendance"]
    assert attendance >= 1000
    thousands = f"{attendance:,}".replace(",", "\u202f")  # narrow no-break space
    assert values["Public attendu"] == thousands
    share = round(data["region_share"] * 100)
    assert values["Part régionale du budget"] == f"{share}\u00a0%"  # « 90 % », no-break space
    per = data["per_attendee_kgco2e"]
    assert (
        values["Empreinte par participant"] == f"{per:.1f}".replace(".", ",") + "\u00a0kg\u00a0CO₂e"
    )
    assert not any(re.search(r"\d\.\d", v) for v in values.values())  # no decimal point


def test_bilan_gives_the_footprint_in_everyday_terms(sample_bilan: Path) -> None:
    """The ADEME equivalents (km by car, beef meals) in the JSON, the page and the DataFrame,
    recomputed here from the season total and the factor set's own factors."""
    factors = nqe.load_factors()
    data = json.loads((sample_bilan / "bilan.json").read_text(encoding="utf-8"))
    total = data["footprint_kgco2e"]
    km = total / factors["transport.car-thermal"].value
    meals = total / factors["meal.beef"].value
    assert data["footprint_equivalents"]["car-km"] == pytest.approx(km, rel=1e-6)
    assert data["footprint_equivalents"]["beef-meal"] == pytest.approx(meals, rel=1e-6)
    page = (sample_bilan / "bilan.html").read_text(encoding="utf-8")
    values = [value for (_, _label), (_, value) in _read(page).rows]
    french = f"{round(km):,}".replace(",", "\u202f")
    assert f"autant que {french} km en voiture" in values
    assert f"{round(meals):,}".replace(",", "\u202f") + " repas avec du bœuf" in values
    planned = nqe.plan(nqe.load_example()).programme
    summary = nqe.season_summary(
        planned, alignment=nqe.check_programme(planned), footprint=nqe.estimate_programme(planned)
    )
    frame = summary.to_dataframe(labels="keys")
    rows = dict(zip(frame["indicator"], frame["value"], strict=True))
    assert rows["footprint_equivalent.car-km"] == pytest.approx(km, rel=1e-6)
    assert rows["footprint_equivalent.beef-meal"] == pytest.approx(meals, rel=1e-6)
    shown = summary.to_dataframe(lang="en")
    assert f"as much as {round(km):,} km by car" in summary.to_text("en")
    assert "Footprint" in " ".join(map(str, shown.iloc[:, 1]))


def test_bilan_in_english(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(
        ["--lang", "en", "bilan", str(EXAMPLE), "-o", str(tmp_path), "--no-plots"], capsys
    )
    assert code == 0
    assert "Season 2024 summary" in out
    page = (tmp_path / "bilan.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in page and "Expected attendance" in page
    assert "Public attendu" not in page
    assert " km by car" in page and " meals with beef" in page and "voiture" not in page
    assert not (tmp_path / "calendrier.png").exists()  # --no-plots


def test_bilan_of_a_spreadsheet_with_its_base(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "base.yaml").write_text(BASE, encoding="utf-8")
    (tmp_path / "temps-forts.csv").write_text(SHEET, encoding="utf-8")
    out = tmp_path / "bilan"
    argv = ["bilan", str(tmp_path / "temps-forts.csv"), "--base", str(tmp_path / "base.yaml")]
    code, printed, err = _run([*argv, "-o", str(out), "--no-plots"], capsys)
    assert code == 0, err
    rows = list(csv.DictReader(SHEET.splitlines(), delimiter=";"))
    by_id = {r["Identifiant"]: r for r in rows}  # one event per id, one row per slot
    data = json.loads((out / "bilan.json").read_text(encoding="utf-8"))
    assert data["temps_forts"] == len(by_id) == 2
    assert data["event_days"] == len(rows) == 3
    assert data["expected_attendance"] == sum(int(r["Public attendu"]) for r in by_id.values())
    assert float(data["budget_eur"]) == 2500 + 14800.5
    page = (out / "bilan.html").read_text(encoding="utf-8")
    values = {label: value for (_, label), (_, value) in _read(page).rows}
    assert values["Public attendu"] == "12\u202f520"
    assert values["Budget total"] == "17\u202f300\u00a0€"  # rounded to the euro
    assert "Roubaix, Tourcoing" in page
    assert "12\u202f520" in printed


def test_bilan_bad_inputs_exit_2_with_a_french_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "t.csv").write_text(SHEET, encoding="utf-8")
    code, _, err = _run(["bilan", str(tmp_path / "t.csv"), "-o", str(tmp_path / "o")], capsys)
    assert code == 2 and "--base" in err and "Traceback" not in err
    code, _, err = _run(["bilan", str(tmp_path / "absent.yaml"), "-o", str(tmp_path / "o")], capsys)
    assert code == 2 and "absent.yaml" in err and "Traceback" not in err
    blocker = tmp_path / "fichier"
    blocker.write_text("x", encoding="utf-8")  # -o names a file, not a folder
    code, _, err = _run(["bilan", str(EXAMPLE), "-o", str(blocker), "--no-plots"], capsys)
    assert code == 2 and "Traceback" not in err and str(blocker) in err


def test_bilan_html_escapes_names_and_lists_findings() -> None:
    programme = nqe.load_example()
    summary = nqe.season_summary(programme).model_copy(update={"name": "<b>Été & co</b>"})
    page = bilan_html(summary)
    assert "<b>Été" not in page and "&lt;b&gt;Été &amp; co&lt;/b&gt;" in page
    assert summary.findings  # the sample leaves some figures unknown: they are listed
    for finding in summary.findings:
        assert html.escape(finding.message("fr")) in page
