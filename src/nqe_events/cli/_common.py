"""What every sub-command shares: writing to stdout and reading a programme (or a CSV with a base)."""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path
from typing import Any

from .. import errors
from .._render import terminal_safe

__all__ = ["FILE_HELP", "add_file_arguments", "add_max", "echo", "load", "load_sheet"]

#: The help of the programme argument of every command.
FILE_HELP = (
    "programme (.yaml, .yml, .json ; - pour l'entrée standard) ou tableur de temps forts "
    "(.csv, .xlsx, .ods, avec --base)"
)
_SHEETS = (".csv", ".xlsx", ".xlsm", ".ods")


def add_max(parser: argparse.ArgumentParser) -> None:
    """The ``--max N`` option of commands whose text report lists items."""
    from .._render import DEFAULT_MAX_ITEMS

    def count(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = -1
        if value < 0:
            raise argparse.ArgumentTypeError(
                f"« {text[:20]} » : attendu un nombre entier positif ou nul (0 : tout afficher)"
            )
        return value

    parser.add_argument(
        "--max",
        type=count,
        default=DEFAULT_MAX_ITEMS,
        metavar="N",
        help=f"afficher au plus N éléments en texte (défaut {DEFAULT_MAX_ITEMS}, 0 : tout ; "
        "le JSON est toujours complet)",
    )


def echo(text: str) -> None:
    """Write ``text`` to stdout with exactly one final newline (control characters escaped, so
    nothing read from a file can drive the terminal)."""
    text = terminal_safe(text)
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
    """The programme of ``path`` (``-``: standard input), with progress on a terminal."""
    from ._progress import stage

    label = "lecture de l'entrée standard" if path == "-" else f"lecture de {path}"
    if errors.get_language() == "en":
        label = "reading standard input" if path == "-" else f"reading {path}"
    with stage(label):
        # The programme lives until the command ends: the cyclic collector is paused while it is
        # built, then its objects are set aside (gc.freeze) so that the collections the command's
        # own work sets off do not walk the whole programme again each time.
        gc.disable()
        try:
            return _load(path, base)
        finally:
            gc.freeze()
            gc.enable()


def _load(path: str, base: str | None = None) -> Any:
    """A programme file, or a spreadsheet read with ``base`` (its warnings, such as unknown
    columns kept in notes, go to stderr)."""
    from ..io import load_programme

    suffix = Path(path).suffix.lower()
    if suffix in _SHEETS:
        result = load_sheet(path, base)
        for warning in result.warnings:
            sys.stderr.write(terminal_safe("  ! " + warning.render(None, path)) + "\n")
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
    if path == "-":
        return _load_stdin()
    return load_programme(path)


def _load_stdin() -> Any:
    """A programme piped on standard input (``-``): JSON when it starts with « { », YAML
    otherwise; read up to the size bound, never to the end of an endless stream."""
    from ..io import loads_programme
    from ..io.files import decode_text, read_stream

    raw = read_stream(sys.stdin.buffer, source="<entrée standard>")
    text = decode_text(raw, "<entrée standard>")
    if text.lstrip().startswith("{"):
        return loads_programme(text, "json", source="<entrée standard>")
    return loads_programme(text, "yaml", source="<entrée standard>")
