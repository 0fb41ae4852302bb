"""The spreadsheet template of temps forts: ``nqe-events modele -o modele-temps-forts.xlsx``.

The columns are the French headers the importer reads (:data:`~nqe_events.io.csv_events.LABELS`),
one filled example row shows how to write each cell, and the enumerations get dropdowns (Excel
data validation) fed by the normaliser's tables (data/vocabulary.toml), so that what the template
offers is exactly what the importer accepts. With a base programme, the organisers, venues and
quartiers it defines are offered by name. No text cell can run as a formula: in the workbook a
text starting with ``= + - @`` is a quote-prefixed text cell (:func:`~nqe_events.io.sheets.guard_cell`),
in the CSV it gets an apostrophe (:func:`~nqe_events.io.sheets.safe_cell`), which the importer
removes.
"""

from __future__ import annotations

import csv
import io
from datetime import date, time
from pathlib import Path
from typing import Any

from ..errors import ProgrammeFileError
from ..model import Programme
from ..model.values import vocabulary
from .csv_events import LABELS
from .sheets import guard_cell, safe_cell

__all__ = ["TEMPLATE_COLUMNS", "template_rows", "write_template"]

#: The template's columns, in order (fields of :data:`~nqe_events.io.csv_events.COLUMNS`).
TEMPLATE_COLUMNS = (
    "title",
    "organiser",
    "venue",
    "quartiers",
    "themes",
    "activities",
    "date",
    "start_time",
    "end_time",
    "duration",
    "window_start",
    "window_end",
    "expected_attendance",
    "audiences",
    "status",
    "total_eur",
    "region_eur",
    "conception",
    "realisation",
    "evaluation",
    "volunteer_inhabitants",
    "description",
    "url",
)

#: What each column takes, for the help sheet.
_HELP = {
    "title": "le nom du temps fort (obligatoire)",
    "organiser": "le porteur : son nom ou son identifiant dans la base (obligatoire)",
    "venue": "le lieu : son nom ou son identifiant dans la base (obligatoire)",
    "quartiers": "un ou plusieurs quartiers, séparés par des virgules (par défaut : celui du lieu)",
    "themes": "un à trois thèmes, séparés par des virgules",
    "activities": "activités et disciplines, séparées par des virgules",
    "date": "jour du créneau (20/07/2024) ; une ligne par créneau, même titre",
    "start_time": "heure de début (14:00, 14h) ; vide = toute la journée",
    "end_time": "heure de fin (19:00, 19h)",
    "duration": "pour un temps fort à planifier, sans date : « 3 h », « 1 h 30 », « 1 jour »",
    "window_start": "à planifier : au plus tôt le (01/07/2024)",
    "window_end": "à planifier : au plus tard le (31/08/2024)",
    "expected_attendance": "public attendu (nombre)",
    "audiences": "publics visés, séparés par des virgules",
    "status": "confirmé (par défaut), provisoire ou annulé",
    "total_eur": "budget total en euros (9 000 €)",
    "region_eur": "subvention demandée à la Région, au plus le budget total",
    "conception": "habitants associés à la conception : oui / non",
    "realisation": "habitants associés à la réalisation : oui / non",
    "evaluation": "habitants associés à l'évaluation : oui / non",
    "volunteer_inhabitants": "nombre d'habitants bénévoles",
    "description": "texte libre",
    "url": "page web (https://…)",
}

_CHOICES = {"themes": "theme", "audiences": "audience", "status": "event_status"}
_YES_NO = ("conception", "realisation", "evaluation")
_NAMED = {"organiser": "organisers", "venue": "venues", "quartiers": "quartiers"}


def _example(base: Programme | None) -> dict[str, Any]:
    venue = base.venues[0] if base and base.venues else None
    quartier = None
    if base and base.quartiers:
        quartier = next(
            (q for q in base.quartiers if venue and q.id == venue.quartier), base.quartiers[0]
        )
    season = base.season if base else 2024
    return {
        "title": "Fête du quartier",
        "organiser": base.organisers[0].name if base and base.organisers else "Centre social",
        "venue": venue.name if venue else "Place du marché",
        "quartiers": quartier.name if quartier else "",
        "themes": f"{vocabulary('theme').labels['culture']}, {vocabulary('theme').labels['sport']}",
        "activities": "concert, initiation au basket",
        "date": date(season, 7, 20),
        "start_time": time(14, 0),
        "end_time": time(19, 0),
        "expected_attendance": 300,
        "audiences": vocabulary("audience").labels["familles"],
        "status": vocabulary("event_status").labels["confirme"],
        "total_eur": 9000,
        "region_eur": 4000,
        "conception": "oui",
        "realisation": "oui",
        "evaluation": "non",
        "volunteer_inhabitants": 12,
        "description": "Scène ouverte, jeux et goûter partagé",
    }


def template_rows(base: Programme | None = None) -> list[list[Any]]:
    """The header row and the example row (cells as written to the CSV template)."""
    return [[safe_cell(v) for v in row] for row in _rows(base)]


def _rows(base: Programme | None) -> list[list[Any]]:
    example = _example(base)
    return [[LABELS[c] for c in TEMPLATE_COLUMNS], [example.get(c) for c in TEMPLATE_COLUMNS]]


def _lists(base: Programme | None) -> dict[str, list[str]]:
    out = {c: list(vocabulary(v).labels.values()) for c, v in _CHOICES.items()}
    for c in _YES_NO:
        out[c] = ["oui", "non"]
    if base is not None:
        for column, items in _NAMED.items():
            names = [item.name for item in getattr(base, items)]
            if names:
                out[column] = names
    return out


def _letter(n: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(n))


def _write_xlsx(path: Path, base: Programme | None) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Temps forts"
    header, example = _rows(base)
    sheet.append(header)
    sheet.append(example)
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F4E79")
    sheet.freeze_panes = "A2"
    for i, column in enumerate(TEMPLATE_COLUMNS, start=1):
        letter = _letter(i)
        sheet.column_dimensions[letter].width = max(12, len(LABELS[column]) + 4)
        if column in ("date", "window_start", "window_end"):
            for row in range(2, 501):
                sheet[f"{letter}{row}"].number_format = "DD/MM/YYYY"
        elif column in ("start_time", "end_time"):
            for row in range(2, 501):
                sheet[f"{letter}{row}"].number_format = "HH:MM"
    lists = book.create_sheet("Listes")
    for j, (column, values) in enumerate(_lists(base).items(), start=1):
        letter = _letter(j)
        lists[f"{letter}1"] = LABELS[column]
        for k, value in enumerate(values, start=2):
            lists[f"{letter}{k}"] = value
        target = _letter(TEMPLATE_COLUMNS.index(column) + 1)
        multiple = column in ("themes", "audiences", "quartiers")
        check = DataValidation(
            type="list",
            formula1=f"=Listes!${letter}$2:${letter}${len(values) + 1}",
            allow_blank=True,
            showErrorMessage=not multiple,  # several values « Sport, Culture » stay possible
            errorTitle="Valeur non reconnue",
            error="Choisissez une valeur de la liste.",
            promptTitle=LABELS[column],
            prompt=_HELP[column][:250],
            showInputMessage=True,
        )
        check.add(f"{target}2:{target}500")
        sheet.add_data_validation(check)
    lists.sheet_state = "hidden"
    help_sheet = book.create_sheet("Aide")
    help_sheet.append(["Colonne", "Ce qu'on y écrit"])
    for column in TEMPLATE_COLUMNS:
        help_sheet.append([LABELS[column], _HELP[column]])
    help_sheet.append([])
    help_sheet.append(
        [
            "Import",
            "nqe-events import modele-temps-forts.xlsx --base programme.yaml -o programme.yaml",
        ]
    )
    help_sheet.column_dimensions["A"].width = 22
    help_sheet.column_dimensions["B"].width = 90
    for each in (sheet, lists, help_sheet):  # names from the base may start with = + - @
        for cells in each.iter_rows():
            for cell in cells:
                guard_cell(cell)
    book.save(path)


def _write_csv(path: Path, base: Programme | None) -> None:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for row in template_rows(base):
        writer.writerow(
            [
                ""
                if v is None
                else v.strftime("%d/%m/%Y")
                if isinstance(v, date)
                else v.strftime("%H:%M")
                if isinstance(v, time)
                else v
                for v in row
            ]
        )
    # UTF-8 with a BOM: what French Excel opens without mangling the accents
    path.write_text(out.getvalue(), encoding="utf-8-sig", newline="")


def write_template(path: str | Path, base: Programme | None = None) -> Path:
    """Write the template to ``path`` (``.xlsx`` or ``.csv``)."""
    path = Path(path)
    suffix = path.suffix.lower()
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".xlsx":
        _write_xlsx(path, base)
    elif suffix == ".csv":
        _write_csv(path, base)
    else:
        raise ProgrammeFileError(
            f"extension « {suffix or '(aucune)'} » non reconnue pour le modèle : attendu .xlsx "
            "ou .csv",
            f"unrecognised extension '{suffix or '(none)'}' for the template: expected .xlsx "
            "or .csv",
            source=str(path),
        )
    return path
