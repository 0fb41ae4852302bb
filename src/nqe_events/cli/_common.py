"""What every sub-command shares: writing to stdout and reading a programme (or a spreadsheet of
events with its base)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .. import errors

__all__ = ["FILE_HELP", "add_file_arguments", "echo", "load", "load_sheet"]

#: The help of the programme argument of every command.
FILE_HELP = (
    "programme (.yaml, .yml, .json) ou tableur de temps forts (.csv, .xlsx, .ods, avec --base)"
)
_SHEETS = (".csv", ".xlsx", ".xlsm", ".ods")


def echo(text: str) -> None:
    """Write ``text`` to stdout with exactly one final newline."""
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def add_file_arguments(p: argparse.ArgumentParser) -> None:
    """The programme file and ``--base`` (for a spreadsheet), as every command takes them."""
    p.add_argument("file", help=FILE_HELP)
    p.add_argument(
        "--base",
        help="programme de base (quartiers, porteurs, lieux) pour lire un tableur de temps forts",
    )


def load_sheet(path: str, base: str | None) -> Any:
    """A spreadsheet of events read with its base: the :class:`~nqe_events.io.SheetImport`."""
    from ..io import load_programme, read_events_sheet

    if not base:
        raise errors.ProgrammeFileError(
            "un tableur de temps forts se lit avec un programme de base qui définit quartiers, "
            "porteurs et lieux : ajoutez --base programme.yaml",
            "a spreadsheet of events needs a base programme defining quartiers, organisers and "
            "venues: add --base programme.yaml",
            source=path,
        )
    if Path(base).suffix.lower() in (*_SHEETS, ".ics"):
        raise errors.ProgrammeFileError(
            "--base attend le programme de base (.yaml, .yml ou .json), pas un tableur ni un agenda",
            "--base expects the base programme (.yaml, .yml or .json), not a spreadsheet or a feed",
            source=base,
        )
    return read_events_sheet(path, load_programme(base))


def load(path: str, base: str | None = None) -> Any:
    """The programme of ``path``: a programme file, or a spreadsheet read with ``base`` (its
    warnings, such as unknown columns kept in notes, go to stderr)."""
    from ..io import load_programme

    suffix = Path(path).suffix.lower()
    if suffix in _SHEETS:
        result = load_sheet(path, base)
        for warning in result.warnings:
            sys.stderr.write("  ! " + warning.render(None, path) + "\n")
        return result.programme
    if suffix == ".ics":
        raise errors.ProgrammeFileError(
            "un fichier ICS se convertit d'abord en programme : "
            "nqe-events import fichier.ics -o programme.yaml",
            "an ICS file is converted into a programme first: "
            "nqe-events import file.ics -o programme.yaml",
            source=path,
        )
    if base:
        raise errors.ProgrammeFileError(
            "--base ne sert qu'à lire un tableur (.csv, .xlsx, .ods) : ce fichier est déjà un "
            "programme complet",
            "--base is only for a spreadsheet (.csv, .xlsx, .ods): this file is a whole programme",
            source=path,
        )
    return load_programme(path)
