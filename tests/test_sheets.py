"""Spreadsheets as French offices save them: CSV encodings and separators, XLSX, ODS, the template.

Every workbook is built here (openpyxl for XLSX, a hand-written content.xml for ODS): no fetched
files. Expected instants are worked out by hand (Europe/Paris is UTC+2 in summer).
"""

from __future__ import annotations

import copy
import zipfile
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nqe_events.cli import main
from nqe_events.errors import ProgrammeFileError, ProgrammeValidationError
from nqe_events.io import (
    dump_programme,
    load_programme,
    merge_events_csv,
    programme_from_data,
    read_events_sheet,
)
from nqe_events.io import sheets as sheets_module
from nqe_events.io.sheets import decode_csv, parse_csv, safe_cell, to_csv, to_excel
from nqe_events.model.values import vocabulary

openpyxl = pytest.importorskip("openpyxl")  # a dependency of the package: always there


def _utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.fixture
def base(minimal: dict[str, Any]) -> Any:
    data = copy.deepcopy(minimal)
    data["organisers"].append({"id": "cep", "name": "Culture en Partage", "kind": "Association"})
    data["venues"].append(
        {
            "id": "square-bourgogne",
            "name": "Square de la Bourgogne",
            "commune": "Amiens",
            "quartier": "amiens-nord",
        }
    )
    return programme_from_data(data)


@pytest.fixture
def base_file(base: Any, tmp_path: Path) -> Path:
    return dump_programme(base, tmp_path / "base.yaml")


# --- CSV ------------------------------------------------------------------------------------------

WINDOWS_CSV = (
    "Titre;Porteur;Lieu;Date;Heure de début;Heure de fin;Thèmes;Public attendu;Remarques;Budget total\r\n"
    "Fête de la Bourgogne, 3e édition;Culture en Partage;Square de la Bourgogne;15/07/2024;10:00;"
    "17h30;Culture, Sport;1 200;Apporter des chaises, merci;9\u00a0000 €\r\n"
    "Fête de la Bourgogne, 3e édition;Culture en Partage;Square de la Bourgogne;16/07/2024;10h00;"
    "18h;Culture, Sport;1 200;Contact : Mme Dupré;9\u00a0000 €\r\n"
    "Tournoi été;Sport Ensemble;City stade de la Cité 12;20/07/2024;;;sport;;;\r\n"
    "Brocante;csc-nord;Salle Nord;21/07/2024;;;culture;;;\r\n"
)


def test_windows_1252_semicolon_csv(base: Any, tmp_path: Path) -> None:
    path = tmp_path / "export-excel.csv"
    path.write_bytes(WINDOWS_CSV.encode("cp1252"))
    assert path.read_bytes().count(b"\xe9") > 3  # really Windows-1252 « é », not UTF-8
    result = read_events_sheet(path, base)
    fete = result.programme.event("fete-de-la-bourgogne-3e-edition")
    assert fete.title == "Fête de la Bourgogne, 3e édition"
    assert (fete.organiser, fete.venue, fete.quartiers) == (
        "cep",
        "square-bourgogne",
        ("amiens-nord",),
    )
    assert [(o.start_utc, o.end_utc) for o in fete.occurrences] == [
        (_utc(2024, 7, 15, 8, 0), _utc(2024, 7, 15, 15, 30)),
        (_utc(2024, 7, 16, 8, 0), _utc(2024, 7, 16, 16, 0)),
    ]
    assert [t.value for t in fete.themes] == ["culture", "sport"]
    assert fete.expected_attendance == 1200 and fete.budget is not None
    assert fete.budget.total_eur == 9000
    # the extra column: a warning, and its values kept in the notes
    assert fete.notes == "Remarques : Apporter des chaises, merci\nRemarques : Contact : Mme Dupré"
    (warning,) = result.warnings
    assert (warning.line, warning.column) == (1, "Remarques")
    assert "gardées dans les notes" in warning.render("fr")
    tournoi = result.programme.event("tournoi-ete")
    assert tournoi.occurrences[0].all_day and tournoi.days == (date(2024, 7, 20),)
    assert tournoi.quartiers == ("lens-cite-12",)  # the venue's quartier
    assert result.programme.event("brocante").days == (date(2024, 7, 21),)


def test_whole_day_in_the_hours_column(base: Any) -> None:
    text = "Titre;Porteur;Lieu;Date;Horaires\nBrocante;csc-nord;salle-nord;21/07/2024;Toute la journée\n"
    (occ,) = merge_events_csv(base, text).events[-1].occurrences
    assert occ.all_day and occ.days == (date(2024, 7, 21),)


def test_encodings_and_separators_read_alike(base: Any) -> None:
    text = (
        "Titre;Porteur;Lieu;Début;Fin;Description\n"
        'Atelier;csc-nord;salle-nord;20/07/2024 14h;20/07/2024 16h;"Peinture, collage, dessin"\n'
    )
    variants = {
        "utf-8": text.encode("utf-8"),
        "utf-8-bom": b"\xef\xbb\xbf" + text.encode("utf-8"),
        "utf-16": text.encode("utf-16"),
        "utf-16-le-no-bom": text.encode("utf-16-le"),
        "cp1252": text.encode("cp1252"),
        "sep-line": ("sep=;\n" + text).encode("utf-8"),
        "tab": text.replace(";", "\t").encode("utf-8"),
        "comma": text.replace(";", ",").encode("utf-8"),
    }
    seen = set()
    for name, raw in variants.items():
        programme = merge_events_csv(base, decode_csv(raw, name), source=name)
        event = programme.events[-1]
        seen.add((event.title, event.description, event.occurrences[0].start_utc))
    assert seen == {("Atelier", "Peinture, collage, dessin", _utc(2024, 7, 20, 12, 0))}


def test_separator_comes_from_the_header_line() -> None:
    # far more commas than semicolons in the body: the header line decides
    text = "Titre;Porteur;Lieu;Description\n" + "x;a;b;un, deux, trois, quatre, cinq, six\n" * 5
    sheet = parse_csv(text)
    assert sheet.delimiter == ";" and sheet.rows[0][1][3] == "un, deux, trois, quatre, cinq, six"


def test_empty_trailing_cells_and_narrow_spaces(base: Any) -> None:
    text = (
        "Titre;Porteur;Lieu;Date;Horaires;Budget total;Subvention Région;;;\n"
        "Bal;csc-nord;salle-nord;13/07/2024;22h-1h;12\u202f500,50 €;2\u202f000 €;;;\n"
    )
    event = merge_events_csv(base, text).events[-1]
    assert event.budget is not None and str(event.budget.total_eur) == "12500.50"
    # 22h–1h ends after midnight, on the 14th
    assert (event.occurrences[0].start_utc, event.occurrences[0].end_utc) == (
        _utc(2024, 7, 13, 20, 0),
        _utc(2024, 7, 13, 23, 0),
    )


def test_error_on_an_events_second_row_is_reported_there(base: Any) -> None:
    text = (
        "Identifiant;Titre;Porteur;Lieu;Début;Fin\n"
        "a;A;csc-nord;salle-nord;20/07/2024 14h;20/07/2024 16h\n"
        "a;A;csc-nord;salle-nord;21/07/2024 14h;21/07/2024 13h\n"
    )
    with pytest.raises(ProgrammeValidationError) as info:
        merge_events_csv(base, text, source="e.csv")
    (detail,) = info.value.details
    # an end not after its start is about both cells: both are named
    assert detail.line == 3 and detail.column == "Début / Fin"
    text = detail.render("fr", "e.csv")
    assert text.startswith("e.csv, ligne 3, colonne « Début / Fin » : la fin"), text
    assert "trouvé" not in text  # not the model's occurrence as a dict: the cells are named


@pytest.mark.parametrize(
    ("duration", "column", "words"),
    [
        ("-2 h", "Durée", "positif ou nul"),
        ("trois heures", "Durée", "un nombre suivi d'une unité"),
        ("0 h", "Date / Durée", "doit être après le début"),
    ],
)
def test_a_bad_duration_is_reported_in_its_column(
    base: Any, duration: str, column: str, words: str
) -> None:
    text = (
        "Titre;Porteur;Lieu;Date;Heure de début;Durée\n"
        f"A;csc-nord;salle-nord;20/07/2024;14:00;{duration}\n"
    )
    with pytest.raises(ProgrammeValidationError) as info:
        merge_events_csv(base, text, source="e.csv")
    (detail,) = info.value.details
    assert detail.line == 2 and detail.column == column, detail
    rendered = detail.render("fr", "e.csv")
    assert rendered.startswith(f"e.csv, ligne 2, colonne « {column} » : ") and words in rendered
    assert "{" not in rendered, rendered


def test_unknown_and_ambiguous_names_get_candidates(base: Any, minimal: dict[str, Any]) -> None:
    text = "Titre;Porteur;Lieu;Date\nA;Culture en Partge;Square de la Bourgone;20/07/2024\n"
    with pytest.raises(ProgrammeValidationError) as info:
        merge_events_csv(base, text, source="e.csv")
    messages = [d.render("fr", "e.csv") for d in info.value.details]
    assert messages == [
        "e.csv, ligne 2, colonne « Porteur » : porteur inconnu « Culture en Partge » — "
        "vouliez-vous dire « Culture en Partage » (cep) ?",
        "e.csv, ligne 2, colonne « Lieu » : lieu inconnu « Square de la Bourgone » — "
        "vouliez-vous dire « Square de la Bourgogne » (square-bourgogne) ?",
    ]
    data = copy.deepcopy(minimal)
    data["venues"].append({"id": "salle-nord-2", "name": "Salle Nord", "commune": "Amiens"})
    twice = programme_from_data(data)
    with pytest.raises(ProgrammeValidationError, match=r"ambigu.*salle-nord, salle-nord-2"):
        merge_events_csv(twice, "Titre;Porteur;Lieu;Date\nA;csc-nord;Salle Nord;20/07/2024\n")


def test_row_limit_does_not_count_the_header(base: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sheets_module, "MAX_ROWS", 2)
    head = "Titre;Porteur;Lieu;Date\n"
    row = "A;csc-nord;salle-nord;20/07/2024\n"
    assert len(parse_csv(head + row * 2).rows) == 2  # 3 lines, 2 data rows: accepted
    with pytest.raises(ProgrammeFileError, match="plus de 2 lignes de données"):
        parse_csv(head + row * 3)


def test_events_to_plan_from_a_sheet(base: Any) -> None:
    text = (
        "Titre;Porteur;Lieu;Durée;Fenêtre du;Fenêtre au;Jours possibles;Souhaits\n"
        "Cinéma;csc-nord;salle-nord;3 heures;01/07/2024;31/07/2024;samedi, dimanche;soirée\n"
        "Grand jeu;Sport Ensemble;City stade de la Cité 12;1 jour;;;;\n"
    )
    programme = merge_events_csv(base, text)
    cinema, jeu = programme.events[-2:]
    assert cinema.to_plan is not None and cinema.to_plan.minutes == 180
    assert cinema.to_plan.window is not None
    assert (cinema.to_plan.window.start, cinema.to_plan.window.end) == (
        date(2024, 7, 1),
        date(2024, 7, 31),
    )
    assert cinema.to_plan.weekdays is not None
    assert [w.value for w in cinema.to_plan.weekdays] == ["samedi", "dimanche"]
    assert [w.value for w in cinema.to_plan.wishes] == ["soiree"]
    assert jeu.to_plan is not None and jeu.to_plan.minutes == 1440 and not jeu.occurrences
    from nqe_events.calendar.planner import plan

    placed = plan(programme).programme.event(cinema.id)
    (occ,) = placed.occurrences
    assert occ.start.date().weekday() in (5, 6) and date(2024, 7, 1) <= occ.start.date() <= date(
        2024, 7, 31
    )
    assert occ.duration.total_seconds() == 3 * 3600


def test_safe_cell_against_formula_injection() -> None:
    for text in ('=HYPERLINK("x")', "+1", "-2", "@SUM(A1)", "\t=1"):
        assert safe_cell(text) == "'" + text
    assert safe_cell("Fête") == "Fête" and safe_cell(12) == 12


# --- XLSX and ODS ---------------------------------------------------------------------------------


def test_xlsx_with_typed_date_and_time_cells(base: Any, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Temps forts"
    sheet.append(
        [
            "Titre",
            "Porteur",
            "Lieu",
            "Date",
            "Heure de début",
            "Heure de fin",
            "Public attendu",
            "Contact",
        ]
    )
    sheet.append(
        [
            "Fresque",
            "Culture en Partage",
            "Square de la Bourgogne",
            date(2024, 7, 15),
            time(10, 0),
            time(17, 0),
            120,
            "06 00 00 00 00",
        ]
    )
    sheet.append(
        [
            "Concert",
            "csc-nord",
            "salle-nord",
            datetime(2024, 7, 16),
            time(20, 30),
            time(23, 0),
            400.0,
            None,
        ]
    )
    sheet["D2"].number_format = "DD/MM/YYYY"
    sheet["D3"].number_format = "DD/MM/YYYY"
    sheet["E2"].number_format = sheet["F2"].number_format = "HH:MM"
    path = tmp_path / "temps-forts.xlsx"
    book.save(path)
    result = read_events_sheet(path, base)
    fresque, concert = result.programme.events[-2:]
    assert (fresque.occurrences[0].start_utc, fresque.occurrences[0].end_utc) == (
        _utc(2024, 7, 15, 8, 0),
        _utc(2024, 7, 15, 15, 0),
    )
    assert concert.occurrences[0].start_utc == _utc(2024, 7, 16, 18, 30)
    assert fresque.expected_attendance == 120 and concert.expected_attendance == 400
    assert fresque.notes == "Contact : 06 00 00 00 00"
    assert result.sheet == "Temps forts" and result.warnings[0].sheet == "Temps forts"


def _ods(path: Path, rows: list[list[tuple[str, str, str | None]]]) -> None:
    """A minimal ODS written by hand: cells are (value-type, value attribute, text)."""
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    )
    body = []
    for row in rows:
        cells = []
        for kind, value, shown in row:
            if kind == "string":
                cells.append(
                    f'<table:table-cell office:value-type="string"><text:p>{value}</text:p></table:table-cell>'
                )
            elif kind == "empty":
                cells.append("<table:table-cell/>")
            else:
                attribute = {"date": "date-value", "time": "time-value", "float": "value"}[kind]
                cells.append(
                    f'<table:table-cell office:value-type="{kind}" office:{attribute}="{value}">'
                    f"<text:p>{shown}</text:p></table:table-cell>"
                )
        body.append("<table:table-row>" + "".join(cells) + "</table:table-row>")
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Temps forts">'
        + "".join(body)
        + "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)


def test_ods_with_typed_cells(base: Any, tmp_path: Path) -> None:
    path = tmp_path / "temps-forts.ods"
    s = lambda v: ("string", v, None)  # noqa: E731
    _ods(
        path,
        [
            [
                s("Titre"),
                s("Porteur"),
                s("Lieu"),
                s("Date"),
                s("Horaires"),
                s("Public attendu"),
                s("Statut"),
            ],
            [
                s("Bal"),
                s("Centre social Nord"),
                s("Salle Nord"),
                ("date", "2024-07-13", "13/07/24"),
                s("20h-23h"),
                ("float", "350", "350"),
                s("Provisoire"),
            ],
            [
                s("Jeux"),
                s("sport-ensemble"),
                s("city-stade-12"),
                ("date", "2024-07-14", "14/07/24"),
                s("14h-18h"),
                ("empty", "", None),
                s("confirmé"),
            ],
        ],
    )
    programme = read_events_sheet(path, base).programme
    bal, jeux = programme.events[-2:]
    assert (bal.occurrences[0].start_utc, bal.occurrences[0].end_utc) == (
        _utc(2024, 7, 13, 18, 0),
        _utc(2024, 7, 13, 21, 0),
    )
    assert bal.expected_attendance == 350 and bal.status.value == "provisoire"
    assert jeux.status.value == "confirme" and jeux.occurrences[0].start_utc == _utc(
        2024, 7, 14, 12, 0
    )


def test_ods_time_cells(base: Any, tmp_path: Path) -> None:
    path = tmp_path / "heures.ods"
    s = lambda v: ("string", v, None)  # noqa: E731
    _ods(
        path,
        [
            [
                s("Titre"),
                s("Porteur"),
                s("Lieu"),
                s("Date"),
                s("Heure de début"),
                s("Heure de fin"),
            ],
            [
                s("Atelier"),
                s("csc-nord"),
                s("salle-nord"),
                ("date", "2024-08-02", "02/08/24"),
                ("time", "PT14H30M00S", "14:30"),
                ("time", "PT16H00M00S", "16:00"),
            ],
        ],
    )
    (occ,) = read_events_sheet(path, base).programme.events[-1].occurrences
    assert (occ.start_utc, occ.end_utc) == (_utc(2024, 8, 2, 12, 30), _utc(2024, 8, 2, 14, 0))


def test_damaged_workbooks_are_clear_errors(base: Any, tmp_path: Path) -> None:
    for name in ("casse.xlsx", "casse.ods"):
        path = tmp_path / name
        path.write_bytes(b"not a zip at all")
        with pytest.raises(ProgrammeFileError, match="illisible") as info:
            read_events_sheet(path, base)
        assert "Traceback" not in str(info.value)


# --- the template ---------------------------------------------------------------------------------


def test_template_filled_with_openpyxl_and_imported_back(
    base_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "modele-temps-forts.xlsx"
    assert main(["modele", "-o", str(out), "--base", str(base_file)]) == 0
    book = openpyxl.load_workbook(out)
    sheet = book["Temps forts"]
    headers = [c.value for c in sheet[1]]
    assert headers[:4] == ["Titre", "Porteur", "Lieu", "Quartiers"]
    # the dropdowns are fed by the normaliser's tables
    lists = book["Listes"]
    by_column = {
        lists.cell(1, j).value: [
            lists.cell(i, j).value for i in range(2, lists.max_row + 1) if lists.cell(i, j).value
        ]
        for j in range(1, lists.max_column + 1)
    }
    assert by_column["Statut"] == list(vocabulary("event_status").labels.values())
    assert by_column["Thèmes"] == list(vocabulary("theme").labels.values())
    assert "Culture en Partage" in by_column["Porteur"]
    targets = {str(dv.sqref).split(":")[0] for dv in sheet.data_validations.dataValidation}
    column_of = {h: openpyxl.utils.get_column_letter(i + 1) for i, h in enumerate(headers)}
    assert {
        f"{column_of[h]}2" for h in ("Statut", "Thèmes", "Publics", "Porteur", "Lieu", "Conception")
    } <= targets
    # fill two rows as an organiser would, with typed cells and dropdown values
    col = {h: i + 1 for i, h in enumerate(headers)}
    rows = [
        {
            "Titre": "Bal",
            "Porteur": "Culture en Partage",
            "Lieu": "Square de la Bourgogne",
            "Date": date(2024, 7, 13),
            "Heure de début": time(20),
            "Heure de fin": time(23, 30),
            "Statut": "Provisoire",
            "Thèmes": "Culture",
            "Conception": "oui",
        },
        {
            "Titre": "Pique-nique",
            "Porteur": "Centre social Nord",
            "Lieu": "Salle Nord",
            "Durée": "3 heures",
            "Fenêtre du": date(2024, 8, 1),
            "Fenêtre au": date(2024, 8, 15),
        },
    ]
    for r, values in enumerate(rows, start=3):
        for header, value in values.items():
            sheet.cell(r, col[header], value)
    book.save(out)
    capsys.readouterr()
    programme_path = tmp_path / "programme.yaml"
    assert main(["import", str(out), "--base", str(base_file), "-o", str(programme_path)]) == 0
    printed = capsys.readouterr().out
    assert "3 temps forts lus, dont 1 à planifier" in printed
    programme = load_programme(programme_path)
    example, bal, pique = programme.events[-3:]
    assert example.title == "Fête du quartier" and example.participation is not None
    assert bal.status.value == "provisoire" and bal.occurrences[0].start_utc == _utc(
        2024, 7, 13, 18, 0
    )
    assert bal.participation is not None and bal.participation.conception is True
    assert pique.to_plan is not None and pique.to_plan.minutes == 180


def test_csv_template_imports_back(base_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "modele.csv"
    assert main(["modele", "-o", str(out), "--base", str(base_file)]) == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    programme_path = tmp_path / "p.yaml"
    assert main(["import", str(out), "--base", str(base_file), "-o", str(programme_path)]) == 0
    assert load_programme(programme_path).events[-1].title == "Fête du quartier"


# --- every command takes a spreadsheet with --base ------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["validate"],
        ["check"],
        ["clashes"],
        ["footprint", "--draws", "200"],
        ["plan", "-o", "{tmp}/p.yaml"],
        ["ics", "-o", "{tmp}/f.ics"],
    ],
    ids=lambda c: c[0],
)
def test_every_command_takes_a_sheet_with_base(
    command: list[str], base_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "t.csv"
    sheet.write_text(
        "Titre;Porteur;Lieu;Date;Horaires;Remarques\nBal;csc-nord;Salle Nord;13/07/2024;20h-23h;rien\n",
        encoding="utf-8",
    )
    args = [a.replace("{tmp}", str(tmp_path)) for a in command]
    status = main([args[0], str(sheet), "--base", str(base_file), *args[1:]])
    out, err = capsys.readouterr()
    assert status in (0, 1) and out.strip(), err
    assert "Traceback" not in err and "Remarques" in err  # the warning, on stderr
    # without --base: a command-line answer, no Python function
    assert main([args[0], str(sheet), *args[1:]]) == 2
    err = capsys.readouterr().err
    assert "--base" in err and "read_events" not in err and "()" not in err


def test_every_problem_of_a_sheet_is_reported_at_once(base: Any) -> None:
    text = (
        "Titre;Porteur;Lieu;Date;Horaires;Thèmes;Statut\n"
        "A;Culture en Partge;Salle Nord;20/07/2024;14h-19h;culture;confirmé\n"
        "B;csc-nord;Salle Nord;32/07/2024;14h-19h;culture;confirmé\n"
        "C;csc-nord;Salle Nord;21/07/2024;14h-19h;sportt;confirmé\n"
        "D;csc-nord;Salle Nord;22/07/2024;14h-19h;culture;peut-être\n"
    )
    with pytest.raises(ProgrammeValidationError) as info:
        merge_events_csv(base, text, source="e.csv")
    places = [(d.line, d.column) for d in info.value.details]
    assert places == [(2, "Porteur"), (3, "Date"), (4, "Thèmes"), (5, "Statut")]
    rendered = info.value.render("en")
    assert (
        "e.csv, row 4, column 'Thèmes': unknown theme 'sportt' — did you mean 'sport'?" in rendered
    )


def test_title_rows_above_the_header_are_skipped(base: Any, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Programme NQE 2024 — Centre social Nord"])
    sheet.append([])
    sheet.append(["Titre", "Porteur", "Lieu", "Date"])
    sheet.append(["Kermesse", "csc-nord", "salle-nord", date(2024, 7, 27)])
    sheet.append(["Jeux", "csc-nord", "salle-nord", "28/07/2024", "en trop"])
    path = tmp_path / "avec-titre.xlsx"
    book.save(path)
    result = read_events_sheet(path, base)
    kermesse, jeux = result.programme.events[-2:]
    assert kermesse.days == (date(2024, 7, 27),) and jeux.days == (date(2024, 7, 28),)
    assert jeux.notes == "colonne 5 : en trop"  # a cell outside the named columns is kept
    (warning,) = result.warnings
    assert (warning.line, warning.column) == (5, "5")


def test_import_dispatches_ics(
    minimal: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    programme = tmp_path / "p.yaml"
    dump_programme(programme_from_data(copy.deepcopy(minimal)), programme)
    feed = tmp_path / "saison.ics"
    assert main(["ics", str(programme), "-o", str(feed), "--sans-empreinte"]) == 0
    out = tmp_path / "depuis-ics.yaml"
    assert main(["import", str(feed), "-o", str(out)]) in (0, 1), capsys.readouterr()
    back = load_programme(out)
    assert [e.title for e in back.events] == ["Les Jeux de la Cité 12"]
    assert back.events[0].occurrences[0].start_utc == _utc(2024, 7, 20, 12, 0)
    assert main(["import", str(tmp_path / "x.docx"), "-o", str(out)]) == 2


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.text(alphabet="abcé ,;'\"-é0123", min_size=1, max_size=30).filter(lambda t: t.strip()),
        min_size=2,  # a sheet of events has several columns: the header line shows the separator
        max_size=6,
    ),
    st.sampled_from([";", ",", "\t"]),
)
def test_csv_cells_round_trip_through_the_csv_module(cells: list[str], sep: str) -> None:
    """Python's csv writer is the oracle: whatever it writes with any separator reads back."""
    import csv
    import io

    headers = [f"colonne {i}" for i in range(len(cells))]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=sep)
    writer.writerow(headers)
    writer.writerow(cells)
    sheet = parse_csv(buffer.getvalue())
    assert sheet.delimiter == sep
    assert sheet.headers == headers
    # a cell « '=… », « '-… » is what to_csv writes for « =… », « -… » (formula injection): read
    # back without its apostrophe, as documented (docs/file-format.md)
    expected = [c[1:] if len(c) > 1 and c[0] == "'" and c[1] in "=+-@\t\r" else c for c in cells]
    assert [c.strip() for c in sheet.rows[0][1]] == [c.strip() for c in expected]


def test_template_cells_are_safe_against_formula_injection(
    minimal: dict[str, Any], tmp_path: Path
) -> None:
    data = copy.deepcopy(minimal)
    data["organisers"][0]["name"] = '=HYPERLINK("http://exemple.invalid","clic")'
    data["venues"][0]["name"] = "@SOMME(A1:A9)"
    base = dump_programme(programme_from_data(data), tmp_path / "base.yaml")
    for name in ("m.xlsx", "m.csv"):
        assert main(["modele", "-o", str(tmp_path / name), "--base", str(base)]) == 0
    book = openpyxl.load_workbook(tmp_path / "m.xlsx")
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row]
    assert not any(c.data_type == "f" for c in cells)  # no formula anywhere
    risky = [c for c in cells if isinstance(c.value, str) and c.value.startswith(("=", "@"))]
    # the names as written, in text cells that Excel does not turn into formulas when edited
    assert {c.value for c in risky} == {
        '=HYPERLINK("http://exemple.invalid","clic")',
        "@SOMME(A1:A9)",
    }
    assert all(c.data_type == "s" and c.quotePrefix for c in risky)
    csv_text = (tmp_path / "m.csv").read_text(encoding="utf-8-sig")
    assert not any(
        cell.startswith(("=", "+", "-", "@"))
        for line in csv_text.splitlines()
        for cell in line.split(";")
    )


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=400), st.sampled_from([".csv", ".xlsx", ".ods"]))
def test_any_bytes_give_a_result_or_an_input_error(base: Any, raw: bytes, suffix: str) -> None:
    import tempfile

    from nqe_events.errors import NqeError

    programme = base  # never changed: frozen
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"t{suffix}"
        path.write_bytes(raw)
        try:
            read_events_sheet(path, programme)
        except NqeError as exc:
            assert "Traceback" not in exc.render("fr")


# --- reports written as spreadsheets ------------------------------------------------------------

_RISKY = ('=HYPERLINK("http://exemple.invalid","clic")', "+cmd|' /C calc'!A0", "@SUM(1)", "-2+3")


@pytest.fixture
def risky_report(minimal: dict[str, Any]) -> Any:
    """An alignment report whose events carry titles a spreadsheet would run as formulas."""
    import nqe_events as nqe

    data = copy.deepcopy(minimal)
    first = data["events"][0]
    data["events"] = [
        {**copy.deepcopy(first), "id": f"e{i}", "title": t} for i, t in enumerate(_RISKY)
    ]
    return nqe.check_programme(programme_from_data(data))


def test_report_to_excel_keeps_formulas_as_text(risky_report: Any, tmp_path: Path) -> None:
    import pandas as pd

    frame = risky_report.to_dataframe()
    frame["écart"] = [-1.5, -2, 0, 3]  # negative numbers stay numbers
    path = to_excel(frame, tmp_path / "r.xlsx")
    sheet = openpyxl.load_workbook(path).active
    assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)
    headers = [c.value for c in sheet[1]]
    titles = [sheet.cell(i, headers.index("titre") + 1) for i in range(2, 2 + len(_RISKY))]
    assert [c.value for c in titles] == list(_RISKY)  # the text itself, unchanged
    assert all(c.data_type == "s" and c.quotePrefix for c in titles)
    gaps = [sheet.cell(i, headers.index("écart") + 1) for i in range(2, 2 + len(_RISKY))]
    assert [c.value for c in gaps] == [-1.5, -2, 0, 3] and all(c.data_type == "n" for c in gaps)
    back = pd.read_excel(path, engine="openpyxl")
    assert list(back["titre"]) == list(_RISKY) and list(back["score"]) == list(frame["score"])


def test_report_to_csv_keeps_formulas_as_text(risky_report: Any, tmp_path: Path) -> None:
    import csv

    frame = risky_report.to_dataframe()
    frame["écart"] = [-1.5, -2.0, 0.0, 3.0]
    path = tmp_path / "r.csv"
    assert to_csv(frame, path) is None
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    header, body = rows[0], rows[1:]
    titles = [r[header.index("titre")] for r in body]
    assert titles == ["'" + t for t in _RISKY]  # OWASP: an apostrophe first
    assert [r[header.index("écart")] for r in body] == ["-1,5", "-2,0", "0,0", "3,0"]
    # the importer's reader takes the apostrophe off again
    sheet = parse_csv(path.read_text(encoding="utf-8-sig"))
    assert [r[header.index("titre")] for _n, r in sheet.rows] == list(_RISKY)
    english = to_csv(frame, lang="en")
    assert english is not None and "'@SUM(1)" in english and ",-1.5" in english


def test_safe_frame_leaves_the_original_alone(risky_report: Any) -> None:
    from nqe_events.io.sheets import safe_frame

    frame = risky_report.to_dataframe()
    safe = safe_frame(frame)
    assert list(frame["titre"]) == list(_RISKY)
    assert list(safe["titre"]) == ["'" + t for t in _RISKY]
    assert list(safe["score"]) == list(frame["score"])
