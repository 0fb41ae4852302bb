"""What every sub-command shares: writing to stdout and reading a programme (or a CSV with a base)."""

from __future__ import annotations

import sys
from typing import Any

from .. import errors

__all__ = ["echo", "load"]


def echo(text: str) -> None:
    """Write ``text`` to stdout with exactly one final newline."""
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def load(path: str, base: str | None = None) -> Any:
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
    return load_programme(path)
