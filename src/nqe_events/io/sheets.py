"""Spreadsheets as French offices save them: CSV (any usual encoding and separator), XLSX and ODS.

Reading gives a :class:`Sheet`: the header labels and the rows with their row numbers in the file
(the number the spreadsheet shows), cells typed where the format types them (dates, times, numbers
of XLSX and ODS), text otherwise. What a row *means* is decided by :mod:`nqe_events.io.csv_events`.

- **CSV**: UTF-8 with or without BOM, UTF-16 (with BOM, or detected by its zero bytes), otherwise
  Windows-1252 (French Excel's « CSV (séparateur : point-virgule) ») falling back to Latin-1 for
  the five bytes Windows-1252 leaves undefined. Excel's ``sep=;`` first line is honoured; otherwise
  the separator is the one of ``;``, ``,``, tab or ``|`` found in the *header line* (outside
  quotes), so commas inside descriptions never fool it. The encodings a French office meets are
  few and each is recognised with certainty (BOM, valid UTF-8, zero bytes), so no statistical
  charset guesser is needed.
- **XLSX**: openpyxl (read-only): a date-formatted cell is a ``date`` (or a ``datetime`` when its
  format shows hours), a time cell a ``time``.
- **ODS**: python-calamine (a maintained binding of the Rust calamine reader, fast on large
  files, typed cells for ODS and XLSX alike).

Writing guards every text cell the project writes against formula injection (OWASP « CSV
injection »: a cell starting with ``= + - @``, a tab or a carriage return would run as a formula):
:func:`to_excel` writes such a cell as text (a string cell with Excel's quote prefix, the text
unchanged), :func:`to_csv` and :func:`safe_cell` put an apostrophe before it, which the CSV reader
removes again. Numbers, dates and booleans stay typed cells, negative numbers included.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from ..errors import ErrorDetail, MissingExtraError, ProgrammeFileError
from .files import read_bytes
from .limits import DEFAULT_LIMITS, Limits, string_error

__all__ = [
    "MAX_ROWS",
    "SHEET_SUFFIXES",
    "Sheet",
    "decode_csv",
    "guard_cell",
    "parse_csv",
    "read_sheet",
    "safe_cell",
    "safe_frame",
    "to_csv",
    "to_excel",
]

#: At most this many data rows (the header row not counted) when no ``limits`` are given: the
#: events bound of :data:`~nqe_events.io.limits.DEFAULT_LIMITS`, as for programme files.
MAX_ROWS = DEFAULT_LIMITS.max_events
#: File suffixes read as a spreadsheet of events.
SHEET_SUFFIXES = (".csv", ".xlsx", ".xlsm", ".ods")
#: Names of the sheet holding the events when a workbook has several (compared without accents).
EVENT_SHEETS = ("temps forts", "temps-forts", "evenements", "événements", "events", "programme")


@dataclass(frozen=True)
class Sheet:
    """One table: header labels and data rows, each with its row number in the file."""

    source: str
    name: str | None  # the sheet's name in a workbook, ``None`` for a CSV
    header_row: int
    headers: list[str]
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)
    delimiter: str | None = None  # a CSV's separator


# --- CSV ------------------------------------------------------------------------------------------


def decode_csv(raw: bytes, source: str) -> str:
    """The text of a CSV file in UTF-8 (± BOM), UTF-16 or Windows-1252/Latin-1."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    elif raw.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    elif len(raw) >= 4 and raw[1:4:2] == b"\x00\x00" and raw[0:1] != b"\x00":
        encoding = "utf-16-le"
    elif len(raw) >= 4 and raw[0:3:2] == b"\x00\x00" and raw[1:2] != b"\x00":
        encoding = "utf-16-be"
    else:
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            encoding = "cp1252"
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError:
        if encoding != "cp1252":
            raise ProgrammeFileError(
                f"encodage illisible ({encoding}) : enregistrez le fichier en « CSV UTF-8 »",
                f"unreadable encoding ({encoding}): save the file as 'CSV UTF-8'",
                source=source,
            ) from None
        text = raw.decode("latin-1")  # the five bytes cp1252 leaves undefined
    return text.lstrip("\ufeff")


_SEPARATORS = (";", ",", "\t", "|")


def _header_separator(line: str) -> str:
    """The separator of a header line: the most frequent of ``; , tab |`` outside quotes."""
    outside = re.sub(r'"[^"]*"', "", line)
    counts = {sep: outside.count(sep) for sep in _SEPARATORS}
    best = max(_SEPARATORS, key=lambda s: (counts[s], -_SEPARATORS.index(s)))
    return best if counts[best] else ","


def _limits(limits: Limits | None) -> Limits:
    """The bounds a sheet is read under: ``limits``, or the defaults with :data:`MAX_ROWS` rows."""
    if limits is not None:
        return limits
    return dataclasses.replace(DEFAULT_LIMITS, max_events=MAX_ROWS)


def _too_many_rows(limits: Limits, source: str) -> ProgrammeFileError:
    return ProgrammeFileError(
        f"plus de {limits.max_events} lignes de données : découpez le fichier",
        f"more than {limits.max_events} data rows: split the file",
        source=source,
    )


def _column_name(headers: list[str], index: int) -> str:
    """The label of a column (its header), or its letter as a spreadsheet shows it (« E », « AA »)."""
    if index < len(headers) and str(headers[index]).strip():
        return str(headers[index]).strip()[:80]
    letters, n = "", index + 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _long_cell(
    source: str,
    sheet: str | None,
    row: int,
    column: str | None,
    length: int,
    limits: Limits,
    hint: str = "",
) -> ProgrammeFileError:
    """A cell over ``limits.max_string`` characters, located by row and column."""
    error = string_error(length, limits)
    return ProgrammeFileError(
        "fichier refusé : cellule trop longue" + hint,
        "file refused: cell too long",
        details=[ErrorDetail("", error.fr, error.en, line=row, sheet=sheet, column=column)],
        source=source,
    )


def _check_cells(
    cells: list[Any], headers: list[str], row: int, sheet: Sheet | str, limits: Limits
) -> None:
    max_string = limits.max_string
    for index, cell in enumerate(cells):
        if type(cell) is str and len(cell) > max_string:
            source, name = (sheet, None) if isinstance(sheet, str) else (sheet.source, sheet.name)
            raise _long_cell(source, name, row, _column_name(headers, index), len(cell), limits)


def _field_over(text: str, start: int, delimiter: str, limit: int) -> tuple[int, int, bool] | None:
    """The index and length of the first field over ``limit`` characters in the CSV record that
    starts at ``start`` (quoted fields may hold separators and line breaks), and whether it is
    quoted; ``None`` if there is none."""
    n, i, column = len(text), start, 0
    while i <= n:
        length = 0
        quoted = i < n and text[i] == '"'
        if quoted:
            j = i + 1
            while True:
                k = text.find('"', j)
                if k < 0:
                    length += n - j
                    i = n
                    break
                length += k - j
                if text.startswith('""', k):
                    length += 1
                    j = k + 2
                    continue
                i = k + 1
                break
        ends = [
            e for e in (text.find(delimiter, i), text.find("\n", i), text.find("\r", i)) if e >= 0
        ]
        end = min(ends) if ends else n
        length += end - i
        if length > limit:
            return column, length, quoted
        if end >= n or text[end] in "\r\n":
            return None
        i, column = end + 1, column + 1
    return None


def parse_csv(text: str, source: str = "<csv>", *, limits: Limits | None = None) -> Sheet:
    """A CSV text as a :class:`Sheet` (separator from ``sep=`` or the header line).

    Read under ``limits`` (:data:`~nqe_events.io.limits.DEFAULT_LIMITS` by default): the text's
    size, the number of data rows and the length of each cell; past one of them
    :class:`~nqe_events.errors.ProgrammeFileError`, with the row and column of a cell too long."""
    limits = _limits(limits)
    if len(text) > limits.max_bytes:
        raise ProgrammeFileError(
            f"fichier CSV trop gros ({len(text)} caractères, au plus {limits.max_bytes})",
            f"CSV file too large ({len(text)} characters, at most {limits.max_bytes})",
            source=source,
        )
    lines = text.splitlines(keepends=True)
    skip = 0
    delimiter = None
    if lines:
        first = lines[0].strip().strip('"')
        match = re.fullmatch(r"sep=(.)", first)
        if match:
            delimiter, skip = match[1], 1
    while skip < len(lines) and not lines[skip].strip():
        skip += 1
    if skip >= len(lines):
        raise ProgrammeFileError("fichier CSV vide", "empty CSV file", source=source)
    if delimiter is None:
        delimiter = _header_separator(lines[skip])
    body = "".join(lines[skip:])
    reader = csv.reader(io.StringIO(body), delimiter=delimiter)
    rows: list[tuple[int, list[Any]]] = []
    headers: list[str] = []
    previous = 0
    try:
        headers = next(reader)
        header_row = skip + reader.line_num
        _check_cells(headers, [], header_row, source, limits)
        previous = reader.line_num
        for row in reader:
            # the row's first line: a quoted cell may span several lines
            number = skip + previous + 1
            previous = reader.line_num
            if len(rows) >= limits.max_events:
                raise _too_many_rows(limits, source)
            _check_cells(row, headers, number, source, limits)
            if any(c[:1] == "'" for c in row):  # what to_csv guarded: 'text again
                row = [_unguarded(c) for c in row]
            rows.append((number, list(row)))
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            # a cell longer than the csv module reads (131 072 characters): over the string bound
            start = sum(len(line) for line in lines[skip : skip + previous])
            found = _field_over(
                body, start, delimiter, min(limits.max_string, csv.field_size_limit())
            )
            index, length, quoted = found or (None, csv.field_size_limit() + 1, False)
            column = None if index is None else _column_name(headers, index)
            hint = ' (un guillemet « " » non fermé ?)' if quoted else ""
            raise _long_cell(
                source, None, skip + previous + 1, column, length, limits, hint
            ) from None
        raise ProgrammeFileError(
            "CSV illisible (guillemet non fermé ?)",
            f"unreadable CSV: {exc}",
            source=source,
        ) from None
    return Sheet(source, None, header_row, [h.strip() for h in headers], rows, delimiter)


# --- workbooks ------------------------------------------------------------------------------------


def _pick_sheet(names: list[str]) -> int:
    from ..model.values import key

    wanted = {key(n) for n in EVENT_SHEETS}
    for i, name in enumerate(names):
        if key(name) in wanted:
            return i
    return 0


def _table(source: str, name: str, grid: list[tuple[int, list[Any]]], limits: Limits) -> Sheet:
    """The header is the first row with at least two filled cells (a title row above the table,
    « Programme NQE 2024 », is skipped), or else the first non-empty row; the rows after it are
    data."""
    filled = [i for i, (_n, cells) in enumerate(grid) if any(_filled(c) for c in cells)]
    if not filled:
        raise ProgrammeFileError(
            f"la feuille « {name} » est vide", f"sheet '{name}' is empty", source=source
        )
    wide = [i for i in filled[:30] if sum(_filled(c) for c in grid[i][1]) >= 2]
    index = (wide or filled)[0]
    number, cells = grid[index]
    headers = ["" if c is None else str(c).strip() for c in cells]
    sheet = Sheet(source, name, number, headers)
    _check_cells(cells, [], number, sheet, limits)
    data = [(n, list(c)) for n, c in grid[index + 1 :] if any(_filled(x) for x in c)]
    if len(data) > limits.max_events:
        raise _too_many_rows(limits, source)
    for n, row in data:
        _check_cells(row, headers, n, sheet, limits)
    return Sheet(source, name, number, headers, data)


def _filled(cell: Any) -> bool:
    return cell is not None and not (isinstance(cell, str) and not cell.strip())


def _xlsx(raw: bytes, source: str, limits: Limits) -> Sheet:
    try:
        import openpyxl
    except ImportError:  # pragma: no cover - a dependency of the package
        raise MissingExtraError(
            "lire un fichier .xlsx demande openpyxl (pip install openpyxl)",
            "reading .xlsx needs openpyxl (pip install openpyxl)",
        ) from None
    import warnings
    import zipfile

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions it skips
            book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ProgrammeFileError(
            "classeur .xlsx illisible : ouvrez-le et enregistrez-le à nouveau au format Excel",
            f"unreadable .xlsx workbook ({type(exc).__name__})",
            source=source,
        ) from None
    try:
        names = list(book.sheetnames)
        sheet = book[names[_pick_sheet(names)]]
        grid: list[tuple[int, list[Any]]] = []
        for number, row in enumerate(sheet.iter_rows(), start=1):
            if number > limits.max_events + 30 and any(_filled(c.value) for c in row):
                raise _too_many_rows(limits, source)
            grid.append((number, [_xlsx_value(c) for c in row]))
        return _table(source, sheet.title, grid, limits)
    finally:
        book.close()


def _xlsx_value(cell: Any) -> Any:
    value = cell.value
    if isinstance(value, datetime):
        fmt = str(getattr(cell, "number_format", "") or "").lower()
        shows_time = "h" in fmt or ("s" in fmt and "ss" in fmt)
        if value.time() == time(0) and not shows_time:
            return value.date()
        if value.date() == date(1899, 12, 30) and shows_time and "y" not in fmt:
            return value.time()
    return value


def _ods(raw: bytes, source: str, limits: Limits) -> Sheet:
    try:
        from python_calamine import CalamineWorkbook
    except ImportError:  # pragma: no cover - a dependency of the package
        raise MissingExtraError(
            "lire un fichier .ods demande python-calamine (pip install python-calamine)",
            "reading .ods needs python-calamine (pip install python-calamine)",
        ) from None
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(raw))
        names = list(book.sheet_names)
        name = names[_pick_sheet(names)]
        rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
    except Exception as exc:  # calamine raises its own error types for damaged files
        raise ProgrammeFileError(
            "classeur .ods illisible : ouvrez-le et enregistrez-le à nouveau au format ODS",
            f"unreadable .ods workbook ({type(exc).__name__})",
            source=source,
        ) from None
    if len(rows) > limits.max_events + 30 and any(
        _filled(_ods_value(c)) for row in rows[limits.max_events + 30 :] for c in row
    ):
        raise _too_many_rows(limits, source)
    grid = [(i, [_ods_value(c) for c in row]) for i, row in enumerate(rows, start=1)]
    return _table(source, name, grid, limits)


def _ods_value(value: Any) -> Any:
    if isinstance(value, str) and value == "":
        return None
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def read_sheet(path: str | Path, *, limits: Limits | None = None) -> Sheet:
    """The table of events in a ``.csv``, ``.xlsx`` or ``.ods`` file.

    Read under ``limits`` (:data:`~nqe_events.io.limits.DEFAULT_LIMITS` by default), as programme
    files are: the file's size (a pipe or a device is read only up to it), the number of data
    rows and the length of each cell; past one of them
    :class:`~nqe_events.errors.ProgrammeFileError`."""
    path = Path(path)
    source = str(path)
    suffix = path.suffix.lower()
    limits = _limits(limits)
    raw = read_bytes(path, max_bytes=limits.max_bytes)
    if suffix == ".csv":
        return parse_csv(decode_csv(raw, source), source, limits=limits)
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx(raw, source, limits)
    if suffix == ".ods":
        return _ods(raw, source, limits)
    raise ProgrammeFileError(
        f"extension « {suffix or '(aucune)'} » non reconnue : attendu .csv, .xlsx ou .ods",
        f"unrecognised extension '{suffix or '(none)'}': expected .csv, .xlsx or .ods",
        source=source,
    )


def sheet_detail(
    sheet: Sheet, row: int | None, column: str | None, fr: str, en: str, found: str | None = None
) -> ErrorDetail:
    """A located problem of a sheet: its name, the row number and the column label."""
    return ErrorDetail("", fr, en, found=found, line=row, sheet=sheet.name, column=column)


# --- writing --------------------------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """A text cell that a spreadsheet cannot run as a formula (OWASP « CSV injection »): text
    starting with ``= + - @``, a tab or a carriage return gets a leading apostrophe. Numbers,
    dates and other values are left as they are."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _unguarded(cell: str) -> str:
    """A CSV cell as it was before :func:`safe_cell`: ``'=x`` → ``=x``."""
    if len(cell) > 1 and cell[0] == "'" and cell[1] in "=+-@\t\r":
        return cell[1:]
    return cell


def safe_frame(frame: Any) -> Any:
    """A copy of a ``pandas.DataFrame`` whose text cells, column labels and index labels went
    through :func:`safe_cell`; numeric, date and boolean columns are untouched."""
    from .._render import require_extra

    pd = require_extra("pandas")
    out = frame.copy()
    for i in range(out.shape[1]):
        column = out.iloc[:, i]
        if pd.api.types.is_object_dtype(column) or pd.api.types.is_string_dtype(column):
            out.isetitem(i, column.map(safe_cell))
        elif isinstance(column.dtype, pd.CategoricalDtype):
            out.isetitem(i, column.astype(object).map(safe_cell))
    out.columns = out.columns.map(safe_cell)
    if pd.api.types.is_object_dtype(out.index):
        out.index = out.index.map(safe_cell)
    return out


def _csv_defaults(lang: str | None) -> dict[str, Any]:
    from ..errors import get_language

    if get_language(lang) == "fr":  # what French Excel opens as columns, accents intact
        return {"sep": ";", "decimal": ",", "encoding": "utf-8-sig"}
    return {"sep": ",", "decimal": ".", "encoding": "utf-8"}


def to_csv(
    frame: Any, path: str | Path | None = None, *, lang: str | None = None, **options: Any
) -> str | None:
    """Write a DataFrame (a report's ``to_dataframe()``) as CSV that no spreadsheet runs as
    formulas: a text cell starting with ``= + - @``, a tab or a carriage return gets an
    apostrophe (:func:`safe_cell`); numbers stay numbers. In French (the default), ``;`` between
    cells, a decimal comma and UTF-8 with a BOM, as French Excel expects; in English ``,``, a
    decimal point and UTF-8. Without ``path``, the CSV text is returned. ``options`` go to
    ``DataFrame.to_csv`` (``index=False`` unless given).

    >>> import nqe_events as nqe
    >>> nqe.to_csv(nqe.load_example().to_dataframe(), "temps-forts.csv")  # doctest: +SKIP
    """
    settings = {"index": False, **_csv_defaults(lang), **options}
    if path is None:
        settings.pop("encoding")
        return str(safe_frame(frame).to_csv(**settings))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    safe_frame(frame).to_csv(path, **settings)
    return None


def to_excel(
    frame: Any,
    path: str | Path,
    *,
    sheet_name: str | None = None,
    lang: str | None = None,
    **options: Any,
) -> Path:
    """Write a DataFrame (a report's ``to_dataframe()``) to an ``.xlsx`` workbook that no
    spreadsheet runs as formulas: a text cell starting with ``= + - @``, a tab or a carriage
    return is a text cell with Excel's quote prefix (its text unchanged, not turned into a formula
    when edited); numbers, dates and booleans stay typed cells. ``options`` go to
    ``DataFrame.to_excel`` (``index=False`` unless given).

    >>> import nqe_events as nqe
    >>> nqe.to_excel(nqe.load_example().to_dataframe(), "temps-forts.xlsx")  # doctest: +SKIP
    """
    from .._render import require_extra
    from ..errors import get_language

    pd = require_extra("pandas")
    require_extra("openpyxl")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    name = sheet_name or ("Tableau" if get_language(lang) == "fr" else "Table")
    settings = {"index": False, **options}
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        frame.to_excel(writer, sheet_name=name, **settings)
        for sheet in writer.book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    guard_cell(cell)
    return path


def guard_cell(cell: Any) -> None:
    """Make an openpyxl cell whose text starts with ``= + - @``, a tab or a carriage return a
    text cell with the quote prefix (openpyxl would store ``=…`` as a formula)."""
    value = cell.value
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        cell.data_type = "s"
        cell.quotePrefix = True
