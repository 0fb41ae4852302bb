"""What every sub-command shares: writing to stdout and reading a programme (or a CSV with a base)."""

from __future__ import annotations

import argparse
import dataclasses
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
    p.add_argument(
        "--max-size",
        type=int,
        metavar="MO",
        help="taille maximale d'un fichier lu, en Mo (50 ; au plus 1024) : au-delà, le fichier est "
        "refusé sans être lu",
    )


#: The file size bound of :data:`~nqe_events.io.limits.DEFAULT_LIMITS`, in MiB, and the most
#: ``--max-size`` raises it to.
DEFAULT_MAX_MB, MAX_MB = 50, 1024


def limits_for(max_size: int | None) -> Any:
    """The :class:`~nqe_events.io.limits.Limits` of ``--max-size`` (``None``: the defaults). The
    bound on the values of a document grows with the size bound (as many values per byte)."""
    from ..io.limits import DEFAULT_LIMITS

    if max_size is None:
        return DEFAULT_LIMITS
    if not 1 <= max_size <= MAX_MB:
        raise errors.InputError(
            f"--max-size va de 1 à {MAX_MB} (Mo)", f"--max-size goes from 1 to {MAX_MB} (MiB)"
        )
    max_bytes = max_size * 1024 * 1024
    scale = max_bytes / DEFAULT_LIMITS.max_bytes
    return dataclasses.replace(
        DEFAULT_LIMITS,
        max_bytes=max_bytes,
        max_nodes=max(DEFAULT_LIMITS.max_nodes, round(DEFAULT_LIMITS.max_nodes * scale)),
    )


def load_sheet(path: str, base: str | None, limits: Any = None) -> Any:
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
    if limits is None:
        return read_events_sheet(path, load_programme(base))
    return read_events_sheet(path, load_programme(base, limits=limits), limits=limits)


#: set by :func:`nqe_events.cli.console` (the ``nqe-events`` script, ``python -m nqe_events.cli``):
#: the process exits when the command returns
PROCESS_ENDS_WITH_COMMAND = False


def load(path: str, base: str | None = None, max_size: int | None = None) -> Any:
    """The programme of ``path`` (``-``: standard input), with progress on a terminal; files up to
    ``max_size`` MiB (``--max-size``; 50 by default)."""
    limits = limits_for(max_size)
    from ._progress import stage

    label = "lecture de l'entrée standard" if path == "-" else f"lecture de {path}"
    if errors.get_language() == "en":
        label = "reading standard input" if path == "-" else f"reading {path}"
    with stage(label):
        # The programme lives until the command ends: the cyclic collector is paused while it is
        # built, then its objects are set aside so that the collections the command's own work
        # sets off do not walk the whole programme again each time. Frozen (out of every
        # collection, the one at exit included) when the process ends with the command (the
        # console script); otherwise promoted to the oldest generation: ``main()`` called in a
        # process that goes on (a notebook, a test, another tool) must not keep every programme
        # it read out of the collector for good.
        import gc

        from .._gc import paused_gc

        if not PROCESS_ENDS_WITH_COMMAND:
            with paused_gc(promote=True):
                return _load(path, base, limits)
        gc.disable()
        try:
            return _load(path, base, limits)
        finally:
            gc.freeze()
            gc.enable()


def _load(path: str, base: str | None = None, limits: Any = None) -> Any:
    """A programme file, or a spreadsheet read with ``base`` (its warnings, such as unknown
    columns kept in notes, go to stderr)."""
    from ..io import load_programme

    suffix = Path(path).suffix.lower()
    if suffix in _SHEETS:
        result = load_sheet(path, base, limits)
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
    if limits is None:
        from ..io.limits import DEFAULT_LIMITS

        limits = DEFAULT_LIMITS
    if path == "-":
        return _load_stdin(limits)
    return load_programme(path, limits=limits)


def _load_stdin(limits: Any) -> Any:
    """A programme piped on standard input (``-``): JSON when it starts with « { », YAML
    otherwise; read up to the size bound, never to the end of an endless stream."""
    from ..io import loads_programme
    from ..io.files import decode_text, read_stream

    raw = read_stream(sys.stdin.buffer, source="<entrée standard>", max_bytes=limits.max_bytes)
    text = decode_text(raw, "<entrée standard>")
    if text.lstrip().startswith("{"):
        return loads_programme(text, "json", source="<entrée standard>", limits=limits)
    return loads_programme(text, "yaml", source="<entrée standard>", limits=limits)
