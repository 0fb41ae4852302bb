"""A flat CSV of events, as exported from a spreadsheet: one row per occurrence.

Headers may be French or English, with or without accents and in any case (``Début``, ``debut``,
``start``). Columns: see :data:`COLUMNS` and docs/file-format.md. The separator (``,`` or ``;``) is
detected; decimals may use a comma; lists are separated by ``;`` or ``|`` (or ``,`` when the file's
separator is ``;``).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import ErrorDetail, ProgrammeFileError, did_you_mean
from ..model import Programme
from ..model.event import normalise_token
from ..model.messages import validation_error
from .files import MAX_FILE_BYTES, read_text

__all__ = ["COLUMNS", "events_from_csv", "merge_events_csv", "read_events_csv"]

#: Field name → accepted headers (compared after lower-casing and removing accents).
COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "identifiant", "code"),
    "title": ("title", "titre", "intitule", "nom"),
    "description": ("description",),
    "organiser": ("organiser", "porteur", "porteur-de-projet", "organisateur"),
    "partners": ("partners", "partenaires"),
    "venue": ("venue", "lieu"),
    "quartiers": ("quartiers", "quartier", "qpv"),
    "themes": ("themes", "theme", "thematiques"),
    "activities": ("activities", "activites", "disciplines"),
    "start": ("start", "debut", "date-debut", "date-de-debut"),
    "end": ("end", "fin", "date-fin", "date-de-fin"),
    "expected_attendance": ("expected_attendance", "public-attendu", "participants-attendus"),
    "audiences": ("audiences", "publics", "public-cible"),
    "conception": ("conception",),
    "realisation": ("realisation",),
    "evaluation": ("evaluation",),
    "volunteer_inhabitants": ("volunteer_inhabitants", "benevoles", "habitants-benevoles"),
    "rev3": ("rev3", "mesures-rev3", "eco-mesures"),
    "labels": ("labels", "label"),
    "resources": ("resources", "ressources", "materiel"),
    "total_eur": ("total_eur", "budget-total", "budget"),
    "region_eur": ("region_eur", "subvention-region", "subvention-regionale", "aide-region"),
    "status": ("status", "statut"),
    "url": ("url", "lien", "site"),
}
_LISTS = {
    "partners",
    "quartiers",
    "themes",
    "activities",
    "audiences",
    "rev3",
    "labels",
    "resources",
}
_BOOLS = {"conception", "realisation", "evaluation"}
_TRUE = {"oui", "o", "yes", "y", "true", "vrai", "1", "x"}
_FALSE = {"non", "n", "no", "false", "faux", "0"}
_EVENT_FIELDS = [k for k in COLUMNS if k not in ("start", "end")]
MAX_ROWS = 100_000


def _header_map(headers: list[str], source: str) -> dict[int, str]:
    lookup = {
        normalise_token(alias).replace("_", "-"): field
        for field, aliases in COLUMNS.items()
        for alias in aliases
    }
    out: dict[int, str] = {}
    unknown: list[ErrorDetail] = []
    for i, header in enumerate(headers):
        key = str(normalise_token(header or "")).replace("_", "-")
        if not key:
            continue
        field = lookup.get(key)
        if field is None:
            dym_fr, dym_en = did_you_mean(key, list(lookup))
            unknown.append(
                ErrorDetail(
                    f"colonne {i + 1}",
                    f"en-tête inconnu « {header} »" + dym_fr,
                    f"unknown header '{header}'" + dym_en,
                    line=1,
                )
            )
        elif field in out.values():
            unknown.append(
                ErrorDetail(
                    f"colonne {i + 1}",
                    f"colonne « {header} » en double",
                    f"duplicate column '{header}'",
                    line=1,
                )
            )
        else:
            out[i] = field
    missing = [
        f for f in ("id", "title", "organiser", "venue", "quartiers") if f not in out.values()
    ]
    for f in missing:
        unknown.append(
            ErrorDetail(
                "en-têtes",
                f"colonne obligatoire absente : {f} (ou {', '.join(COLUMNS[f][1:3])})",
                f"required column missing: {f}",
                line=1,
            )
        )
    if unknown:
        raise ProgrammeFileError(
            "en-têtes CSV invalides", "invalid CSV headers", details=unknown, source=source
        )
    return out


def _split(value: str, delimiter: str) -> list[str]:
    seps = ["|", ";"] if delimiter == "," else ["|", ","]
    for sep in seps:
        value = value.replace(sep, "\x00")
    return [v.strip() for v in value.split("\x00") if v.strip()]


def _cell(field: str, value: str, delimiter: str, where: tuple[str, int]) -> Any:
    value = value.strip()
    if value == "":
        return None
    if field in _LISTS:
        return _split(value, delimiter)
    if field in _BOOLS:
        low = value.lower()
        if low in _TRUE:
            return True
        if low in _FALSE:
            return False
        return value  # the model reports it with its path
    if field in ("expected_attendance", "volunteer_inhabitants", "total_eur", "region_eur"):
        text = value.replace("\u00a0", "").replace(" ", "").replace("€", "")
        if text.count(",") == 1 and "." not in text:
            text = text.replace(",", ".")
        return text
    if field == "status":
        return normalise_token(value)
    return value


def events_from_csv(text: str, *, source: str = "<csv>") -> list[dict[str, Any]]:
    """The raw event records of a CSV text (rows of one event grouped by id, in file order)."""
    if len(text) > MAX_FILE_BYTES:
        raise ProgrammeFileError("fichier CSV trop gros", "CSV file too large", source=source)
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        headers = next(reader)
    except StopIteration:
        raise ProgrammeFileError("fichier CSV vide", "empty CSV file", source=source) from None
    except csv.Error as exc:
        raise ProgrammeFileError(
            f"CSV illisible : {exc}", f"unreadable CSV: {exc}", source=source
        ) from None
    columns = _header_map(headers, source)
    events: dict[str, dict[str, Any]] = {}
    rows_of: dict[str, int] = {}
    problems: list[ErrorDetail] = []
    try:
        for row in reader:
            line = reader.line_num
            if line > MAX_ROWS:
                raise ProgrammeFileError(
                    f"plus de {MAX_ROWS} lignes", f"more than {MAX_ROWS} rows", source=source
                )
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(headers):
                problems.append(
                    ErrorDetail(
                        "",
                        f"{len(row)} cellules pour {len(headers)} en-têtes : un séparateur en trop ?",
                        f"{len(row)} cells for {len(headers)} headers: an extra separator?",
                        line=line,
                    )
                )
                continue
            record = {
                columns[i]: _cell(columns[i], cell, delimiter, (source, line))
                for i, cell in enumerate(row)
                if i in columns
            }
            event_id = record.get("id")
            if not event_id:
                problems.append(ErrorDetail("id", "identifiant vide", "empty id", line=line))
                continue
            occurrence = {k: record.pop(k) for k in ("start", "end") if k in record}
            budget = {k: record.pop(k) for k in ("total_eur", "region_eur") if k in record}
            participation = {
                k: record.pop(k)
                for k in ("conception", "realisation", "evaluation", "volunteer_inhabitants")
                if k in record
            }
            record = {k: v for k, v in record.items() if v is not None}
            if any(v is not None for v in budget.values()):
                record["budget"] = {k: v for k, v in budget.items() if v is not None}
            if any(v is not None for v in participation.values()):
                record["participation"] = {k: v for k, v in participation.items() if v is not None}
            if event_id not in events:
                record["occurrences"] = []
                events[event_id] = record
                rows_of[event_id] = line
            else:
                first = events[event_id]
                for key, value in record.items():
                    if key != "occurrences" and first.get(key) != value:
                        problems.append(
                            ErrorDetail(
                                key,
                                f"l'événement « {event_id} » a une autre valeur à la ligne "
                                f"{rows_of[event_id]} : les lignes d'un même événement doivent "
                                "avoir les mêmes colonnes hors début et fin",
                                f"event '{event_id}' has another value on line {rows_of[event_id]}",
                                found=str(value),
                                line=line,
                            )
                        )
            if occurrence.get("start") or occurrence.get("end"):
                events[event_id]["occurrences"].append(occurrence)
    except csv.Error as exc:
        raise ProgrammeFileError(
            f"CSV illisible : {exc}", f"unreadable CSV: {exc}", source=source
        ) from None
    if problems:
        raise ProgrammeFileError(
            "lignes CSV invalides", "invalid CSV rows", details=problems, source=source
        )
    for record in events.values():
        record["_line"] = rows_of[record["id"]]
    return list(events.values())


def merge_events_csv(base: Programme, text: str, *, source: str = "<csv>") -> Programme:
    """The base programme (quartiers, organisers, venues, resources) with the CSV's events added."""
    records = events_from_csv(text, source=source)
    lines: dict[tuple[int | str, ...], int] = {}
    offset = len(base.events)
    events = []
    for i, record in enumerate(records):
        lines[("events", offset + i)] = record.pop("_line")
        events.append(record)
    data = base.model_dump()
    data["events"] = [*data["events"], *events]
    try:
        return Programme.model_validate(data)
    except ValidationError as exc:

        def line_of(loc: tuple[int | str, ...]) -> int | None:
            return lines.get(loc[:2]) if len(loc) >= 2 else None

        raise validation_error(exc, model=Programme, source=source, line_of=line_of) from None


def read_events_csv(path: str | Path, base: Programme) -> Programme:
    """Read a CSV of events (one row per occurrence) into a copy of ``base``."""
    path = Path(path)
    return merge_events_csv(base, read_text(path), source=str(path))
