"""What every sub-command shares: writing to stdout and reading a programme (or a CSV with a base)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from .. import errors
from .._render import terminal_safe

__all__ = ["add_max", "echo", "load"]


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


def load(path: str, base: str | None = None) -> Any:
    """The programme of ``path`` (``-``: standard input), with progress on a terminal."""
    from ._progress import stage

    label = "lecture de l'entrée standard" if path == "-" else f"lecture de {path}"
    if errors.get_language() == "en":
        label = "reading standard input" if path == "-" else f"reading {path}"
    with stage(label):
        return _load(path, base)


def _load(path: str, base: str | None = None) -> Any:
    from ..io import load_programme, read_events_csv

    if path.lower().endswith(".csv"):
        if not base:
            raise errors.ProgrammeFileError(
                "un CSV d'événements se lit avec un programme de base (--base programme.yaml) "
                "qui définit quartiers, porteurs et lieux",
                "a CSV of events needs a base programme (--base programme.yaml) defining "
                "quartiers, organisers and venues",
                source=path,
            )
        return read_events_csv(path, load_programme(base))
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
