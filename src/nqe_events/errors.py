"""Exceptions raised when input cannot be used at all.

A rule that an event breaks (not aligned, a clash, missing data) is a *finding* in a report, never an
exception. An exception means the input itself is unusable: a file that does not parse, a field of the
wrong type, a reference to an unknown id. Each one says *where* (file, line, field path), *what* was
found and *what* would be accepted, in French by default and in English on request.

The tree::

    NqeError (Exception)
    ├── InputError (ValueError)               unusable input, with a list of located ErrorDetail
    │   ├── ProgrammeFileError                a programme file (YAML, JSON, CSV) that cannot be read
    │   ├── ProgrammeValidationError          a programme whose content breaks the model
    │   ├── ReferenceListError                an official QPV list (CSV, GeoJSON) that cannot be read
    │   ├── RulePackError                     a season's rule file that cannot be used
    │   ├── FactorSetError                    an emission-factor file that cannot be used
    │   ├── UnitError                         a quantity with a wrong unit or dimension
    │   └── IcsError                          an ICS feed that is malformed or hostile
    ├── UnknownItemError (KeyError)           an id, example or option name that does not exist
    └── MissingExtraError (ImportError)       an optional dependency (extra) is not installed

Every class also derives from the matching builtin, so ``except ValueError`` keeps working for callers
who do not know this package, as in pint's ``errors.py``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = [
    "ErrorDetail",
    "FactorSetError",
    "IcsError",
    "InputError",
    "MissingExtraError",
    "NqeError",
    "ProgrammeFileError",
    "ProgrammeValidationError",
    "ReferenceListError",
    "RulePackError",
    "UnitError",
    "UnknownItemError",
    "get_language",
    "set_language",
]

_LANGUAGES = ("fr", "en")
_language = os.environ.get("NQE_LANG", "fr") if os.environ.get("NQE_LANG") in _LANGUAGES else "fr"


def set_language(lang: str) -> None:
    """Set the language of user-facing text for this process: ``"fr"`` (default) or ``"en"``."""
    global _language
    if lang not in _LANGUAGES:
        raise ValueError(f"language must be one of {_LANGUAGES}, not {lang!r}")
    _language = lang


def get_language(lang: str | None = None) -> str:
    """The language to use: ``lang`` when given, otherwise the process default."""
    if lang is None:
        return _language
    if lang not in _LANGUAGES:
        raise ValueError(f"language must be one of {_LANGUAGES}, not {lang!r}")
    return lang


@dataclass(frozen=True)
class ErrorDetail:
    """One located problem in an input.

    ``path`` is a field path such as ``events[3].occurrences[0].end`` (empty for the whole document),
    ``message_fr``/``message_en`` say what is wrong and what would be accepted, ``found`` is the value
    met (shortened), ``line`` the 1-based line in the file where the format gives one.
    """

    path: str
    message_fr: str
    message_en: str
    found: str | None = None
    line: int | None = None
    hint_fr: str | None = None
    hint_en: str | None = None
    #: in a spreadsheet: the sheet's name (``None`` for a CSV) and the column's label
    sheet: str | None = None
    column: str | None = None

    def render(self, lang: str | None = None, source: str | None = None) -> str:
        lang = get_language(lang)
        where: list[str] = []
        fr = lang == "fr"
        if self.sheet is not None or self.column is not None:
            # a spreadsheet cell: file, sheet, row and column as the spreadsheet shows them
            cell = [source] if source else []
            if self.sheet is not None:
                cell.append(f"feuille « {self.sheet} »" if fr else f"sheet '{self.sheet}'")
            if self.line is not None:
                cell.append(f"ligne {self.line}" if fr else f"row {self.line}")
            if self.column is not None:
                cell.append(f"colonne « {self.column} »" if fr else f"column '{self.column}'")
            where.append(", ".join(cell))
        elif source:
            where.append(source if self.line is None else f"{source}:{self.line}")
        elif self.line is not None:
            where.append(f"ligne {self.line}" if lang == "fr" else f"line {self.line}")
        if self.path:
            where.append(self.path)
        message = self.message_fr if lang == "fr" else self.message_en
        sep = " : " if lang == "fr" else ": "
        text = f"{' — '.join(where)}{sep}{message}" if where else message
        if self.found is not None:
            text += f" (trouvé : {self.found})" if lang == "fr" else f" (found: {self.found})"
        hint = self.hint_fr if lang == "fr" else self.hint_en
        if hint:
            text += f"\n    → {hint}"
        return text


class NqeError(Exception):
    """Base class of every exception raised by nqe_events."""

    def __init__(
        self,
        message_fr: str,
        message_en: str | None = None,
        *,
        details: Iterable[ErrorDetail] = (),
        source: str | None = None,
    ) -> None:
        self.message_fr = message_fr
        self.message_en = message_en if message_en is not None else message_fr
        self.details: tuple[ErrorDetail, ...] = tuple(details)
        self.source = source
        super().__init__(self.render())

    def render(self, lang: str | None = None, *, limit: int = 20) -> str:
        """The full message: a headline, then one line per located problem (at most ``limit``)."""
        lang = get_language(lang)
        head = self.message_fr if lang == "fr" else self.message_en
        if self.source and not self.details:
            head = f"{self.source} : {head}" if lang == "fr" else f"{self.source}: {head}"
        lines = [head]
        for detail in self.details[:limit]:
            lines.append("  - " + detail.render(lang, self.source))
        hidden = len(self.details) - limit
        if hidden > 0:
            s = "s" if hidden > 1 else ""
            lines.append(
                f"  … et {hidden} autre{s} problème{s}"
                if lang == "fr"
                else f"  … and {hidden} more problem{s}"
            )
        return "\n".join(lines)

    @property
    def paths(self) -> tuple[str, ...]:
        """The field paths of the located problems."""
        return tuple(d.path for d in self.details)

    def __str__(self) -> str:
        return self.render()

    def _render_traceback_(self) -> list[str]:
        """What Jupyter (IPython) shows instead of the traceback: the message alone, since it
        already says where and what to fix."""
        return self.render().splitlines()


class InputError(NqeError, ValueError):
    """Input that cannot be used."""


class ProgrammeFileError(InputError):
    """A programme file that cannot be read (missing, unreadable, not YAML/JSON/CSV)."""


class ProgrammeValidationError(InputError):
    """A programme whose content breaks the model (types, references, dates, codes)."""


class ReferenceListError(InputError):
    """An official reference list (ANCT QPV file) that cannot be read."""


class RulePackError(InputError):
    """A season's rule file that cannot be used."""


class FactorSetError(InputError):
    """An emission-factor set that cannot be used."""


class UnitError(InputError):
    """A quantity with an unknown unit or the wrong dimension."""


class IcsError(InputError):
    """An ICS feed that is malformed, or too large or deep to read safely."""


class UnknownItemError(NqeError, KeyError):
    """A name (example, event id, rule pack, option) that does not exist."""

    def __str__(self) -> str:  # KeyError would quote the message
        return self.render()


class MissingExtraError(NqeError, ImportError):
    """An optional dependency is missing; the message names the extra to install."""


def closest(value: str, known: Sequence[str], n: int = 1) -> list[str]:
    """The known names closest to ``value`` (for "did you mean …" hints)."""
    import difflib

    return difflib.get_close_matches(value, list(known), n=n, cutoff=0.5)


def did_you_mean(value: str, known: Sequence[str]) -> tuple[str, str]:
    """The French and English "did you mean …" suffixes for ``value`` among ``known`` (empty
    strings when nothing is close): ``(" — vouliez-vous dire « x » ?", " — did you mean 'x'?")``."""
    guess = closest(value, known)
    if not guess:
        return "", ""
    return f" — vouliez-vous dire « {guess[0]} » ?", f" — did you mean '{guess[0]}'?"


def short(value: object, width: int = 60) -> str:
    """A short printable form of a value met in input."""
    text = f"« {value} »" if isinstance(value, str) else _plain(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def _plain(value: object) -> str:
    """A value as a user wrote it, not as Python shows it: dates in ISO form, mappings and lists as
    JSON (never ``datetime.date(2024, 8, 1)`` or ``{'start': …}``)."""
    import json
    from datetime import date, time

    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, bool):  # as written in YAML or JSON, not Python's True
        return "true" if value else "false"
    if isinstance(value, dict | list | tuple):
        return json.dumps(value, ensure_ascii=False, default=str)
    if value is None:
        return "vide" if get_language() == "fr" else "empty"
    if isinstance(value, bytes | bytearray):
        shown = " ".join(f"{b:02X}" for b in value[:12]) + (" …" if len(value) > 12 else "")
        return ("octets " if get_language() == "fr" else "bytes ") + shown
    return str(value)
