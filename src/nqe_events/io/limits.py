"""The bounds every input file is read under (programme files, CSV, spreadsheets).

One hostile or broken file must not take a shared server down: each reader refuses, with exit
status 2 at the command line and a French message, a file past one of these bounds, before the
work or the memory grows with it. The values are documented in ``docs/file-format.md``; a season
of a whole region (10⁴ events) stays far below each of them.

Readers of other formats (``io/csv_events.py``, ``io/sheets.py``) use the same :class:`Limits` and
the helpers :func:`check_rows`, :func:`check_text` and :func:`check_int_text`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import ErrorDetail, InputError, ProgrammeFileError

__all__ = [
    "DEFAULT_LIMITS",
    "LimitError",
    "Limits",
    "check_int_text",
    "check_rows",
    "check_text",
]


@dataclass(frozen=True)
class Limits:
    """Bounds on one input file.

    ``max_bytes``: size of the file (pipes and devices included: at most this many bytes are read);
    ``max_depth``: nesting of lists and mappings; ``max_nodes``: values in the document once
    YAML aliases are expanded (each use of an alias counts its whole anchored value);
    ``max_events``: events (or rows) in one file; ``max_string``: characters in one text value;
    ``max_int_digits``: digits of one integer.
    """

    max_bytes: int = 50 * 1024 * 1024
    max_depth: int = 64
    max_nodes: int = 5_000_000
    max_alias_nodes: int = 1_000_000
    max_events: int = 100_000
    max_string: int = 100_000
    max_int_digits: int = 20


DEFAULT_LIMITS = Limits()


class LimitError(Exception):
    """Raised inside a parser when a bound is passed; turned into an ``InputError`` by the reader."""

    def __init__(self, fr: str, en: str, line: int | None = None) -> None:
        super().__init__(en)
        self.fr = fr
        self.en = en
        self.line = line

    def to_input_error(
        self, source: str | None, error: type[InputError] = ProgrammeFileError
    ) -> InputError:
        return error(
            "fichier refusé : " + self.fr,
            "file refused: " + self.en,
            details=[ErrorDetail("", self.fr, self.en, line=self.line)] if self.line else [],
            source=source,
        )


def _n(value: int) -> str:
    """12345 → « 12 345 » (French thousands separator, a narrow no-break space)."""
    return f"{value:,}".replace(",", "\u202f")


def depth_error(limits: Limits, line: int | None = None) -> LimitError:
    return LimitError(
        f"imbrication trop profonde (au plus {limits.max_depth} niveaux de listes et d'objets)",
        f"nested too deeply (at most {limits.max_depth} levels of lists and mappings)",
        line,
    )


def string_error(length: int, limits: Limits, line: int | None = None) -> LimitError:
    return LimitError(
        f"texte trop long ({_n(length)} caractères, au plus {_n(limits.max_string)})",
        f"text too long ({length} characters, at most {limits.max_string})",
        line,
    )


def int_error(digits: int, limits: Limits, line: int | None = None) -> LimitError:
    return LimitError(
        f"nombre entier trop long ({_n(digits)} chiffres, au plus {limits.max_int_digits})",
        f"integer too long ({digits} digits, at most {limits.max_int_digits})",
        line,
    )


def nodes_error(limits: Limits, line: int | None = None) -> LimitError:
    return LimitError(
        "document trop grand une fois les alias YAML (*nom) développés "
        f"(au plus {_n(limits.max_alias_nodes)} valeurs venues d'alias, "
        f"{_n(limits.max_nodes)} en tout) : écrivez les valeurs sans alias",
        "document too large once YAML aliases (*name) are expanded "
        f"(at most {limits.max_alias_nodes} values from aliases, {limits.max_nodes} in all)",
        line,
    )


def check_text(value: str, limits: Limits = DEFAULT_LIMITS, line: int | None = None) -> None:
    """Refuse a text value over ``limits.max_string`` characters."""
    if len(value) > limits.max_string:
        raise string_error(len(value), limits, line)


def check_int_text(text: str, limits: Limits = DEFAULT_LIMITS, line: int | None = None) -> None:
    """Refuse an integer written with more than ``limits.max_int_digits`` digits."""
    digits = len(text.lstrip("+-").replace("_", ""))
    if digits > limits.max_int_digits:
        raise int_error(digits, limits, line)


def check_rows(count: int, limits: Limits = DEFAULT_LIMITS, what: str = "d'événements") -> None:
    """Refuse a file holding more than ``limits.max_events`` events (or rows)."""
    if count > limits.max_events:
        raise LimitError(
            f"trop {what} ({_n(count)}, au plus {_n(limits.max_events)} par fichier) : "
            "découpez le fichier",
            f"too many events or rows ({count}, at most {limits.max_events} per file): split it",
        )
