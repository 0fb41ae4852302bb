"""Events from a spreadsheet (CSV, XLSX, ODS) as French offices write them: one row per occurrence.

Headers may be French or English, with or without accents, spaces or case (``Début``, ``debut``,
``start``, ``Heure de début``). A row gives its dates as ``Début``/``Fin`` (date and time, or dates
for whole days), or as ``Date`` with ``Heure de début``/``Heure de fin`` or ``Horaires``
(« 14h-19h »); a row without dates but with a ``Durée`` (and ``Fenêtre du``/``Fenêtre au``) is an
event « à planifier ». Rows sharing an identifier (or, without an ``Identifiant`` column, a title,
organiser and venue) are one event. Values go through the model's normaliser
(:mod:`nqe_events.model.values`), so a cell reads as a YAML value does.

Organisers, venues, quartiers and resources may be written by their display name
(« Square de la Bourgogne »): each is resolved to its id in the base programme, and an unknown or
ambiguous name gets the candidates. Unknown columns are never fatal: each gives a warning and its
cells are kept in the event's ``notes``. Every message names the sheet, the row and the column.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from dataclasses import replace as dc_replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import ErrorDetail, ProgrammeFileError, ProgrammeValidationError, get_language
from ..model import Programme
from ..model.messages import validation_error
from ..model.programme import name_candidates
from ..model.values import key
from .limits import Limits
from .sheet_cells import Problem, cell_text, duration_cell, row_occurrence, split_cell
from .sheet_columns import (
    BUDGET_FIELDS,
    COLUMNS,
    DATE_FIELDS,
    EVENT_FIELDS,
    HEADERS,
    LABELS,
    LIST_FIELDS,
    PARTICIPATION_FIELDS,
    REFERENCE_FIELDS,
    columns_markdown,
    header_field,
)
from .sheets import Sheet, parse_csv, read_sheet, sheet_detail

__all__ = [
    "COLUMNS",
    "LABELS",
    "SheetImport",
    "columns_markdown",
    "events_from_csv",
    "import_sheet",
    "merge_events_csv",
    "read_events_csv",
    "read_events_sheet",
]

# --- the result -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SheetImport:
    """The programme a spreadsheet gives (the base with its events added) and the warnings."""

    programme: Programme
    source: str
    sheet: str | None
    events: int
    to_plan: int
    warnings: tuple[ErrorDetail, ...] = ()

    def to_text(self, lang: str | None = None) -> str:
        lang = get_language(lang)
        if lang == "fr":
            head = (
                f"{self.events} temps fort{'s' if self.events > 1 else ''} "
                f"lu{'s' if self.events > 1 else ''}, dont {self.to_plan} à planifier"
            )
        else:
            head = (
                f"{self.events} event{'s' if self.events != 1 else ''} read, {self.to_plan} to plan"
            )
        lines = [head]
        lines += ["  ! " + w.render(lang, self.source) for w in self.warnings]
        return "\n".join(lines)


@dataclass
class _Event:
    record: dict[str, Any]
    first_row: int
    fields: dict[str, Any]
    where: dict[tuple[str | int, ...], tuple[int, str | None]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    date_problem: bool = False  # a row's dates were refused (and reported)


def _slug(text: str) -> str:
    import unicodedata

    t = unicodedata.normalize("NFKD", text.lower())
    t = "".join(c for c in t if not unicodedata.combining(c))
    t = re.sub(r"[^a-z0-9]+", "-", t).strip("-")
    return (t[:60].rstrip("-") or "evenement")[:60]


class _Reader:
    def __init__(self, sheet: Sheet, base: Programme | None, delimiter: str | None) -> None:
        self.sheet = sheet
        self.base = base
        self.delimiter = delimiter
        self.problems: list[ErrorDetail] = []
        self.warnings: list[ErrorDetail] = []
        self.columns: dict[int, str] = {}
        self.unknown: dict[int, str] = {}
        self.label: dict[str, str] = {}
        self.events: dict[str, _Event] = {}
        self.used_ids = {e.id for e in base.events} if base else set()
        self.unresolved = False
        self.by_identity: dict[tuple[Any, ...], str] = {}
        self.stems: dict[str, int] = {}
        self.names: dict[str, dict[str, list[str]]] = {}

    def problem(
        self, row: int | None, column: str | None, fr: str, en: str, found: Any = None
    ) -> None:
        shown = None if found is None else f"« {cell_text(found)} »"
        self.problems.append(sheet_detail(self.sheet, row, column, fr, en, shown))

    # headers

    def headers(self) -> None:
        row = self.sheet.header_row
        for i, label in enumerate(self.sheet.headers):
            if not label:
                continue
            name = header_field(label)
            if name is None:
                self.unknown[i] = label
                guess = difflib.get_close_matches(key(label), list(HEADERS), n=1, cutoff=0.85)
                hint_fr = hint_en = ""
                if guess:
                    close = LABELS.get(HEADERS[guess[0]], guess[0])
                    hint_fr = f" (vouliez-vous dire « {close} » ?)"
                    hint_en = f" (did you mean '{close}'?)"
                self.warnings.append(
                    sheet_detail(
                        self.sheet,
                        row,
                        label,
                        "colonne non reconnue : ses valeurs sont gardées dans les notes de "
                        f"chaque temps fort{hint_fr}",
                        f"unknown column: its values are kept in each event's notes{hint_en}",
                    )
                )
            elif name in self.columns.values():
                self.problem(
                    row,
                    label,
                    f"colonne en double (déjà « {self.label[name]} ») : gardez-en une seule",
                    f"duplicate column (already '{self.label[name]}'): keep only one",
                )
            else:
                self.columns[i] = name
                self.label[name] = label
        present = set(self.columns.values())
        needed = ["title", "organiser", "venue"]
        for name in needed:
            if name not in present:
                self.problem(
                    row,
                    None,
                    f"colonne obligatoire absente : « {LABELS[name]} » "
                    f"(ou {', '.join(COLUMNS[name][1:3])})",
                    f"required column missing: '{LABELS[name]}' ({name})",
                )
        if not present & {"start", "date", "duration"}:
            self.problem(
                row,
                None,
                "ni dates ni durée : ajoutez les colonnes Date et Horaires (ou Début et Fin), "
                "ou Durée pour des temps forts à planifier",
                "neither dates nor duration: add columns Date and Hours (or Start and End), or "
                "Duration for events to plan",
            )

    # references

    def resolve(self, name: str, value: str, row: int) -> str | None:
        if self.base is None:
            return value
        target, what_fr, what_en = REFERENCE_FIELDS[name]
        items = getattr(self.base, target)
        ids = {item.id for item in items}
        if value in ids:
            return value
        if target not in self.names:
            index: dict[str, list[str]] = {}
            for item in items:
                for spelling in (item.id, item.name):
                    ids_of = index.setdefault(key(spelling), [])
                    if item.id not in ids_of:
                        ids_of.append(str(item.id))
            self.names[target] = index
        matches = self.names[target].get(key(value), [])
        if len(matches) == 1:
            return matches[0]
        label = self.label.get(name, LABELS[name])
        if matches:
            listed = ", ".join(matches)
            self.problem(
                row,
                label,
                f"{what_fr} « {value} » ambigu : plusieurs éléments portent ce nom ({listed}) — "
                "écrivez l'identifiant",
                f"ambiguous {what_en} '{value}': several items have this name ({listed}); "
                "write the id",
            )
            return self.placeholder(items)
        guesses = name_candidates(value, items)
        names = {item.id: item.name for item in items}
        if guesses:
            shown = " ou ".join(f"« {names[g]} » ({g})" for g in guesses)
            shown_en = " or ".join(f"'{names[g]}' ({g})" for g in guesses)
            fr = f"{what_fr} inconnu « {value} » — vouliez-vous dire {shown} ?"
            en = f"unknown {what_en} '{value}' — did you mean {shown_en}?"
        elif items:
            fr = f"{what_fr} inconnu « {value} » ; connus : " + ", ".join(
                sorted(names.values())[:8]
            )
            en = f"unknown {what_en} '{value}'; known: " + ", ".join(sorted(names.values())[:8])
        else:
            fr = f"{what_fr} inconnu « {value} » : la base n'en définit aucun"
            en = f"unknown {what_en} '{value}': the base defines none"
        self.problem(row, label, fr, en)
        return self.placeholder(items)

    def placeholder(self, items: Sequence[Any]) -> str | None:
        """A known id standing for a name that could not be resolved (already reported), so that
        the rest of the row is still checked by the model."""
        self.unresolved = True
        return str(items[0].id) if items else None

    # rows

    def rows(self) -> None:
        width = len(self.sheet.headers)
        for number, cells in self.sheet.rows:
            if not any(_filled(c) for c in cells):
                continue
            values: dict[str, Any] = {}
            notes: list[str] = []
            for i, cell in enumerate(cells):
                if not _filled(cell):
                    continue
                if i in self.columns:
                    values[self.columns[i]] = cell.strip() if isinstance(cell, str) else cell
                elif i in self.unknown:
                    notes.append(f"{self.unknown[i]} : {cell_text(cell)}")
                elif i >= width or not self.sheet.headers[i]:
                    notes.append(f"colonne {i + 1} : {cell_text(cell)}")
                    self.warnings.append(
                        sheet_detail(
                            self.sheet,
                            number,
                            f"{i + 1}",
                            "cellule hors des colonnes nommées (séparateur en trop ?) : gardée "
                            "dans les notes",
                            "cell outside the named columns (an extra separator?): kept in notes",
                        )
                    )
            self.row(number, values, notes)

    def row(self, number: int, values: dict[str, Any], notes: list[str]) -> None:
        fields: dict[str, Any] = {}
        for name in EVENT_FIELDS:
            if name not in values:
                continue
            value = values[name]
            if name in LIST_FIELDS:
                value = split_cell(value, self.delimiter)
            elif name in ("id", "title", "organiser", "venue", "description", "url"):
                value = cell_text(value)
            fields[name] = value
        self.unresolved = False
        for name in REFERENCE_FIELDS:
            if name not in fields:
                continue
            if isinstance(fields[name], list):
                fields[name] = [self.resolve(name, v, number) for v in fields[name]]
            else:
                fields[name] = self.resolve(name, fields[name], number)
        ok = not self.unresolved
        if not fields.get("title"):
            self.problem(number, self.label.get("title", "Titre"), "titre vide", "empty title")
            return
        event_id = fields.pop("id", None) or self.id_for(fields)
        event = self.events.get(event_id)
        if event is None:
            record = {
                k: v for k, v in fields.items() if k not in PARTICIPATION_FIELDS + BUDGET_FIELDS
            }
            record["id"] = event_id
            record["occurrences"] = []
            budget = {k: fields[k] for k in BUDGET_FIELDS if k in fields}
            if budget:
                record["budget"] = budget
            participation = {k: fields[k] for k in PARTICIPATION_FIELDS if k in fields}
            if participation:
                record["participation"] = participation
            event = _Event(record, number, fields)
            self.events[event_id] = event
            for name in fields:
                loc: tuple[str | int, ...] = (name,)
                if name in BUDGET_FIELDS:
                    loc = ("budget", name)
                elif name in PARTICIPATION_FIELDS:
                    loc = ("participation", name)
                event.where[loc] = (number, self.label.get(name, LABELS[name]))
            if "quartiers" not in fields and ok and self.base is not None and "venue" in fields:
                venue = {v.id: v for v in self.base.venues}.get(fields["venue"])
                if venue is not None and venue.quartier is not None:
                    record["quartiers"] = [venue.quartier]
                    event.where[("quartiers",)] = (number, self.label["venue"])
            elif "quartiers" not in fields and not ok and self.base and self.base.quartiers:
                # the venue could not be resolved (reported): no second error for its quartier
                record["quartiers"] = [self.base.quartiers[0].id]
        else:
            for name, value in fields.items():
                if event.fields.get(name) != value:
                    self.problem(
                        number,
                        self.label.get(name, LABELS[name]),
                        f"le temps fort « {event_id} » a une autre valeur à la ligne "
                        f"{event.first_row} : les lignes d'un même temps fort ont les mêmes "
                        "valeurs hors dates et horaires",
                        f"event '{event_id}' has another value on row {event.first_row}: rows of "
                        "one event share every value but dates and hours",
                        found=value,
                    )
        for note in notes:
            if note not in event.notes:
                event.notes.append(note)
        self.dates(event, number, values)

    def id_for(self, fields: dict[str, Any]) -> str:
        """The id of a row without one: that of an earlier row with the same title, organiser
        and venue, or a new one made from the title."""
        same = (key(str(fields.get("title"))), fields.get("organiser"), fields.get("venue"))
        known = self.by_identity.get(same)
        if known is not None:
            return known
        stem = _slug(str(fields["title"]))
        n = self.stems.get(stem, 1)
        candidate = stem if n == 1 else f"{stem}-{n}"
        while candidate in self.used_ids or candidate in self.events:
            n += 1
            candidate = f"{stem}-{n}"
        self.stems[stem] = n
        self.by_identity[same] = candidate
        return candidate

    def dates(self, event: _Event, number: int, values: dict[str, Any]) -> None:
        date_cells = {k: values[k] for k in DATE_FIELDS if k in values}
        label = self._date_label(date_cells)
        try:
            occurrence = row_occurrence(date_cells)
        except Problem as exc:
            at_fault = self.label.get(exc.field) if exc.field in date_cells else None
            self.problem(number, at_fault or label, exc.fr, exc.en)
            event.date_problem = True
            return
        record = event.record
        if occurrence is not None:
            j = len(record["occurrences"])
            record["occurrences"].append(occurrence)
            start_label = next((self.label[k] for k in ("start", "date") if k in date_cells), label)
            end_label = next(
                (
                    self.label[k]
                    for k in ("end", "end_time", "hours", "duration")
                    if k in date_cells
                ),
                label,
            )
            # what the model refuses about a whole occurrence (an end not after its start, over
            # 62 days) comes from its start and its end cells together
            both = start_label if end_label == start_label else f"{start_label} / {end_label}"
            event.where[("occurrences", j)] = (number, both)
            event.where[("occurrences", j, "start")] = (number, start_label)
            event.where[("occurrences", j, "end")] = (number, end_label)
            return
        plan: dict[str, Any] = {}
        if "duration" in values:
            plan["duration"] = duration_cell(values["duration"])
        window = {
            side: values[f"window_{side}"]
            for side in ("start", "end")
            if f"window_{side}" in values
        }
        if window:
            plan["window"] = window
        for name in ("preferred", "weekdays", "wishes"):
            if name in values:
                plan[name] = split_cell(values[name], self.delimiter)
        if not plan:
            return
        if "to_plan" in record:
            self.problem(
                number,
                self.label.get("duration", LABELS["duration"]),
                f"le temps fort « {record['id']} » est déjà à planifier à la ligne "
                f"{event.where[('to_plan',)][0]} : une seule ligne par temps fort à planifier",
                f"event '{record['id']}' is already to plan on row {event.where[('to_plan',)][0]}",
            )
            return
        record["to_plan"] = plan
        event.where[("to_plan",)] = (number, self.label.get("duration", LABELS["duration"]))
        for name in ("duration", "preferred", "weekdays", "wishes"):
            if name in values:
                event.where[("to_plan", name)] = (number, self.label[name])
        for side in ("start", "end"):
            if f"window_{side}" in values:
                event.where[("to_plan", "window", side)] = (number, self.label[f"window_{side}"])
                event.where[("to_plan", "window")] = (number, self.label[f"window_{side}"])

    def _date_label(self, cells: dict[str, Any]) -> str | None:
        for name in ("start", "date", "hours", "start_time", "duration"):
            if name in cells:
                return self.label[name]
        return None

    def records(self) -> list[tuple[dict[str, Any], _Event]]:
        out = []
        for event in self.events.values():
            record = dict(event.record)
            if event.notes:
                existing = record.get("notes")
                record["notes"] = "\n".join([*([existing] if existing else []), *event.notes])
            out.append((record, event))
        return out


def _filled(cell: Any) -> bool:
    return cell is not None and not (isinstance(cell, str) and not cell.strip())


def _read(sheet: Sheet, base: Programme | None, *, strict: bool = True) -> _Reader:
    # in a CSV, lists inside a cell avoid the file's own separator
    reader = _Reader(sheet, base, sheet.delimiter)
    reader.headers()
    if reader.problems:
        raise ProgrammeFileError(
            "en-têtes du tableur invalides",
            "invalid spreadsheet headers",
            details=[*reader.problems, *reader.warnings],
            source=sheet.source,
        )
    reader.rows()
    if strict and reader.problems:
        raise _invalid(sheet, reader.problems)
    return reader


def _invalid(sheet: Sheet, details: Sequence[ErrorDetail]) -> ProgrammeValidationError:
    n = len(details)
    ordered = sorted(details, key=lambda d: (d.line is None, d.line or 0))
    return ProgrammeValidationError(
        f"tableur invalide : {n} problème{'s' if n > 1 else ''} à corriger",
        f"invalid spreadsheet: {n} problem{'s' if n > 1 else ''} to fix",
        details=ordered,
        source=sheet.source,
    )


def import_sheet(base: Programme, sheet: Sheet) -> SheetImport:
    """The base programme with the events of ``sheet`` added, and the warnings.

    Every problem is reported at once: those met reading the rows (unknown names, unreadable
    dates) and those the model finds in the rest of the rows."""
    reader = _read(sheet, base, strict=False)
    pairs = reader.records()
    offset = len(base.events)
    data = base.model_dump()
    data["events"] = [*data["events"], *(record for record, _ in pairs)]
    problems = list(reader.problems)
    programme = None
    try:
        programme = Programme.model_validate(data)
    except ValidationError as exc:
        error = validation_error(exc, model=Programme, source=sheet.source)
        seen = {(p.line, p.column) for p in problems}
        for detail in _located(error, sheet, pairs, offset):
            if (detail.line, detail.column) not in seen:
                problems.append(detail)
    if problems or programme is None:
        raise _invalid(sheet, problems)
    to_plan = sum(1 for record, _ in pairs if not record["occurrences"])
    return SheetImport(
        programme, sheet.source, sheet.name, len(pairs), to_plan, tuple(reader.warnings)
    )


_PATH_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _loc(path: str) -> tuple[str | int, ...]:
    return tuple(int(m[2]) if m[2] is not None else m[1] for m in _PATH_PART.finditer(path))


def _located(
    error: ProgrammeValidationError,
    sheet: Sheet,
    pairs: Sequence[tuple[dict[str, Any], _Event]],
    offset: int,
) -> list[ErrorDetail]:
    """The model's errors moved to the sheet's row and column of the cell at fault (an event whose
    dates were already refused is not also reported as having none)."""
    details: list[ErrorDetail] = []
    for detail in error.details:
        loc = _loc(detail.path)
        if len(loc) >= 2 and loc[0] == "events" and isinstance(loc[1], int) and loc[1] >= offset:
            event = pairs[loc[1] - offset][1]
            rest = loc[2:]
            if event.date_problem and (not rest or rest[0] == "occurrences"):
                continue
            place = None
            for n in range(len(rest), 0, -1):
                place = event.where.get(rest[:n])
                if place is not None:
                    break
            row, column = place if place is not None else (event.first_row, None)
            if place is None and rest:
                column = LABELS.get(str(rest[0]))
            found = detail.found
            if rest[:1] == ("occurrences",) and len(rest) == 2:
                found = None  # the model's occurrence, not what the cells say: they are named
            detail = dc_replace(
                detail, path="", line=row, sheet=sheet.name, column=column, found=found
            )
        details.append(detail)
    return details


def events_from_csv(
    text: str, *, source: str = "<csv>", limits: Limits | None = None
) -> list[dict[str, Any]]:
    """The raw event records of a CSV text (rows of one event grouped, in file order); names
    are not resolved (that needs a base: :func:`merge_events_csv`)."""
    reader = _read(parse_csv(text, source, limits=limits), None)
    return [record for record, _ in reader.records()]


def merge_events_csv(
    base: Programme, text: str, *, source: str = "<csv>", limits: Limits | None = None
) -> Programme:
    """The base programme (quartiers, organisers, venues, resources) with the CSV's events added."""
    return import_sheet(base, parse_csv(text, source, limits=limits)).programme


def read_events_sheet(
    path: str | Path, base: Programme, *, limits: Limits | None = None
) -> SheetImport:
    """Read a spreadsheet of events (``.csv``, ``.xlsx``, ``.ods``) into a copy of ``base``,
    under ``limits`` (:data:`~nqe_events.io.limits.DEFAULT_LIMITS` by default: file size, rows,
    cell length; past one, :class:`~nqe_events.errors.ProgrammeFileError`)."""
    return import_sheet(base, read_sheet(path, limits=limits))


def read_events_csv(
    path: str | Path, base: Programme, *, limits: Limits | None = None
) -> Programme:
    """Read a spreadsheet of events (CSV, XLSX or ODS; one row per occurrence) into a copy of
    ``base``; the warnings (unknown columns kept in notes) are in :func:`read_events_sheet`."""
    return read_events_sheet(path, base, limits=limits).programme
