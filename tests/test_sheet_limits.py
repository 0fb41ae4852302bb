"""CSV and spreadsheets are read under the bounds of programme files (issue 14, io/limits.py): file
size (pipes and devices included), number of rows, length of a cell. Past one, the command line
answers with exit status 2 and a French message naming the row and the column, without a
traceback; the Python API raises the library's ``ProgrammeFileError``, never a raw ``csv.Error``."""

from __future__ import annotations

import copy
import csv
import zipfile
from pathlib import Path
from typing import Any

import pytest

from nqe_events.cli import main
from nqe_events.errors import NqeError, ProgrammeFileError
from nqe_events.io import dump_programme, programme_from_data
from nqe_events.io.csv_events import merge_events_csv, read_events_sheet
from nqe_events.io.limits import Limits
from nqe_events.io.sheets import parse_csv, read_sheet

openpyxl = pytest.importorskip("openpyxl")  # a dependency of the package: always there

HEAD = "Titre;Porteur;Lieu;Date;Remarques\n"
ROW = "Atelier;csc-nord;salle-nord;20/07/2024;{note}\n"
N = "\u202f"  # the thousands separator of French messages


@pytest.fixture
def base(minimal: dict[str, Any]) -> Any:
    return programme_from_data(copy.deepcopy(minimal))


@pytest.fixture
def base_file(base: Any, tmp_path: Path) -> Path:
    return dump_programme(base, tmp_path / "base.yaml")


def _cli(path: Path, base_file: Path, capsys: pytest.CaptureFixture[str]) -> str:
    code = main(["validate", str(path), "--base", str(base_file)])
    out, err = capsys.readouterr()
    assert code == 2, (code, out, err)
    assert "Traceback" not in out + err
    assert "field larger" not in err and "field limit" not in err  # the csv module's English
    assert str(path) in err
    return err


def _csv(tmp_path: Path, note_length: int, row: int = 2) -> Path:
    """A CSV whose data row ``row - 1`` (file line ``row``) has a note of ``note_length``
    characters."""
    lines = [HEAD] + [ROW.format(note="rien") for _ in range(row - 2)]
    lines.append(ROW.format(note="x" * note_length))
    path = tmp_path / "temps-forts.csv"
    path.write_text("".join(lines), encoding="utf-8")
    return path


# --- the length of a cell -----------------------------------------------------------------------


def test_cell_past_the_csv_modules_own_limit_is_french_with_row_and_column(
    tmp_path: Path, base_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert csv.field_size_limit() < 200_000  # the case the csv module refuses in English
    path = _csv(tmp_path, 200_000, row=4)
    err = _cli(path, base_file, capsys)
    assert "ligne 4" in err and "colonne « Remarques »" in err, err
    assert f"texte trop long (200{N}000 caractères, au plus 100{N}000)" in err, err


def test_cell_over_the_string_bound_but_under_the_csv_limit(
    tmp_path: Path, base_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert csv.field_size_limit() > 110_000
    err = _cli(_csv(tmp_path, 110_000, row=3), base_file, capsys)
    assert "ligne 3" in err and "colonne « Remarques »" in err, err
    assert f"texte trop long (110{N}000 caractères, au plus 100{N}000)" in err, err


def test_unclosed_quote_swallowing_the_file_is_named(
    tmp_path: Path, base_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "guillemet.csv"
    path.write_text(
        HEAD + 'Atelier;csc-nord;salle-nord;20/07/2024;"oubli\n' + ROW.format(note="n") * 20_000,
        encoding="utf-8",
    )
    err = _cli(path, base_file, capsys)
    assert "ligne 2" in err and "colonne « Remarques »" in err, err
    assert 'guillemet « " » non fermé' in err and "texte trop long" in err, err


def test_cell_bound_through_the_api(base: Any) -> None:
    text = HEAD + ROW.format(note="y" * 51)
    with pytest.raises(ProgrammeFileError) as info:
        merge_events_csv(base, text, source="e.csv", limits=Limits(max_string=50))
    (detail,) = info.value.details
    assert detail.render("fr", "e.csv") == (
        "e.csv, ligne 2, colonne « Remarques » : texte trop long (51 caractères, au plus 50)"
    )
    assert detail.render("en", "e.csv").endswith("text too long (51 characters, at most 50)")
    # a field past the csv module's own limit: the library's error, not csv.Error
    with pytest.raises(ProgrammeFileError, match="cellule trop longue"):
        parse_csv(HEAD + ROW.format(note="z" * 300_000))
    assert len(parse_csv(HEAD + ROW.format(note="y" * 50), limits=Limits(max_string=50)).rows)


def test_long_header_label_refused(base: Any) -> None:
    with pytest.raises(ProgrammeFileError) as info:
        parse_csv("Titre;" + "h" * 60 + "\nA;b\n", limits=Limits(max_string=50))
    assert info.value.details[0].line == 1
    assert info.value.details[0].column == "B"


# --- the number of rows -------------------------------------------------------------------------


def test_too_many_rows_on_the_command_line(
    tmp_path: Path, base_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "enorme.csv"
    path.write_text(HEAD + ROW.format(note="") * 100_001, encoding="utf-8")
    err = _cli(path, base_file, capsys)
    assert "plus de 100000 lignes de données : découpez le fichier" in err, err


def test_row_bound_through_the_api(base: Any, tmp_path: Path) -> None:
    text = HEAD + ROW.format(note="") * 4
    assert len(parse_csv(text, limits=Limits(max_events=4)).rows) == 4
    with pytest.raises(ProgrammeFileError, match="plus de 3 lignes de données"):
        merge_events_csv(base, text, limits=Limits(max_events=3))
    path = tmp_path / "t.xlsx"
    _xlsx(path, [["Titre", "Porteur", "Lieu", "Date"]] + [["A", "csc-nord", "salle-nord", "x"]] * 4)
    with pytest.raises(ProgrammeFileError, match="plus de 3 lignes de données"):
        read_events_sheet(path, base, limits=Limits(max_events=3))


# --- the size of the file -----------------------------------------------------------------------


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero on this system")
@pytest.mark.parametrize("suffix", ["csv", "xlsx", "ods"])
def test_dev_zero_as_a_sheet_is_refused_without_reading_it_all(
    suffix: str, tmp_path: Path, base_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    link = tmp_path / f"zero.{suffix}"
    link.symlink_to("/dev/zero")
    err = _cli(link, base_file, capsys)
    assert "fichier trop gros (plus de 52428800 octets)" in err, err


def test_file_size_bound_through_the_api(base: Any, tmp_path: Path) -> None:
    path = tmp_path / "e.csv"
    path.write_text(HEAD + ROW.format(note="n") * 10, encoding="utf-8")
    with pytest.raises(ProgrammeFileError, match="fichier trop gros"):
        read_sheet(path, limits=Limits(max_bytes=100))
    with pytest.raises(ProgrammeFileError, match="fichier CSV trop gros"):
        parse_csv(path.read_text(encoding="utf-8"), limits=Limits(max_bytes=100))
    assert len(read_sheet(path, limits=Limits(max_bytes=10_000)).rows) == 10


# --- workbooks ----------------------------------------------------------------------------------


def _xlsx(path: Path, rows: list[list[Any]]) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Temps forts"
    for row in rows:
        sheet.append(row)
    book.save(path)


def _ods(path: Path, rows: list[list[str]]) -> None:
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    )
    body = "".join(
        "<table:table-row>"
        + "".join(
            f'<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>'
            for v in row
        )
        + "</table:table-row>"
        for row in rows
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Temps forts">'
        + body
        + "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("META-INF/manifest.xml", MANIFEST, compress_type=zipfile.ZIP_DEFLATED)


MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
    'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
    '<manifest:file-entry manifest:full-path="/" '
    'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)


HEADERS = ["Titre", "Porteur", "Lieu", "Date", "Remarques"]


def test_long_ods_cell_on_the_command_line(
    tmp_path: Path, base_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # (an XLSX cell holds at most 32,767 characters: openpyxl reads no more, under the bound)
    path = tmp_path / "long.ods"
    _ods(path, [HEADERS, ["A", "csc-nord", "salle-nord", "20/07/2024", "x" * 120_000]])
    err = _cli(path, base_file, capsys)
    assert "ligne 2" in err and "colonne « Remarques »" in err, err
    assert f"texte trop long (120{N}000 caractères, au plus 100{N}000)" in err, err


@pytest.mark.parametrize("suffix", ["xlsx", "ods"])
def test_long_workbook_cell_through_the_api(suffix: str, base: Any, tmp_path: Path) -> None:
    path = tmp_path / f"t.{suffix}"
    rows = [HEADERS, ["A", "csc-nord", "salle-nord", "20/07/2024", "ok"]]
    rows.append(["B", "csc-nord", "salle-nord", "21/07/2024", "w" * 40])
    (_xlsx if suffix == "xlsx" else _ods)(path, rows)
    with pytest.raises(ProgrammeFileError) as info:
        read_events_sheet(path, base, limits=Limits(max_string=30))
    (detail,) = info.value.details
    assert (detail.line, detail.column) == (3, "Remarques")
    assert detail.message_fr == "texte trop long (40 caractères, au plus 30)"
    assert isinstance(info.value, NqeError)


# --- the size bound raised or lowered on the command line ---------------------------------------


def test_max_size_option(
    minimal: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    path = tmp_path / "p.json"
    path.write_text(json.dumps(minimal) + " " * (2 * 1024 * 1024), encoding="utf-8")
    assert main(["validate", str(path), "--max-size", "1"]) == 2
    err = capsys.readouterr().err
    assert "fichier trop gros" in err and "au plus 1048576" in err, err
    assert main(["validate", str(path), "--max-size", "3"]) == 0
    capsys.readouterr()
    assert main(["validate", str(path), "--max-size", "0"]) == 2
    err = capsys.readouterr().err
    assert "--max-size va de 1 à 1024 (Mo)" in err and "Traceback" not in err, err
    sheet = _csv(tmp_path, 10)
    sheet.write_text(sheet.read_text(encoding="utf-8") + "\n" * (2 * 1024 * 1024), encoding="utf-8")
    base = tmp_path / "base.json"
    base.write_text(json.dumps(minimal), encoding="utf-8")
    assert main(["validate", str(sheet), "--base", str(base), "--max-size", "1"]) == 2
    assert "fichier trop gros" in capsys.readouterr().err
