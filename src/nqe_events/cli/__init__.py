"""The ``nqe-events`` command line: a thin layer over the public API.

Exit status: 0 all fine, 1 findings (clashes, non-aligned events, unknown QPV codes…), 2 unusable
input or usage error. Bad input never shows a traceback: the message names the file, the line, the
field and the fix. Text is French by default; ``--lang en`` switches to English.

One module per sub-command, each with ``add_parser(subparsers) -> ArgumentParser`` and
``run(args) -> int`` (and ``demo(programme, out_dir, lang)`` for a demo stage); :data:`COMMANDS`
registers them. The modules import only ``_common`` and ``_parser`` (and ``demo`` the stages it runs),
never this package, so the command line has no import circle.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import Any

from .. import errors
from .._render import terminal_safe
from ..errors import NqeError, get_language
from . import (
    bilan,
    check,
    clashes,
    demo,
    footprint,
    ics,
    import_file,
    import_ics,
    modele,
    plan,
    schema,
    validate,
)
from ._parser import Parser, fr_help, localise_argparse
from .demo import DEMO_STAGES

__all__ = ["COMMANDS", "DEMO_STAGES", "build_parser", "console", "main"]

Command = tuple[str, Callable[[Any], argparse.ArgumentParser], Callable[[argparse.Namespace], int]]

COMMANDS: list[Command] = [
    ("validate", validate.add_parser, validate.run),
    ("schema", schema.add_parser, schema.run),
    ("clashes", clashes.add_parser, clashes.run),
    ("plan", plan.add_parser, plan.run),
    ("demo", demo.add_parser, demo.run),
    ("check", check.add_parser, check.run),
    ("footprint", footprint.add_parser, footprint.run),
    ("ics", ics.add_parser, ics.run),
    ("import", import_file.add_parser, import_file.run),
    ("import-ics", import_ics.add_parser, import_ics.run),
    ("modele", modele.add_parser, modele.run),
    ("bilan", bilan.add_parser, bilan.run),
]


def build_parser() -> argparse.ArgumentParser:
    localise_argparse()
    parser = Parser(
        prog="nqe-events",
        description="Nos Quartiers d'Été : vérifier, planifier, publier et mesurer les temps forts "
        "d'une saison.",
        epilog="Statut de sortie : 0 tout va bien, 1 constats (conflits, non-alignements…), "
        "2 entrée inutilisable ou erreur d'usage.",
    )
    parser.add_argument("--lang", choices=["fr", "en"], help="langue des messages (fr par défaut)")
    from .. import __version__

    parser.add_argument(
        "--version",
        action="version",
        version=f"nqe-events {__version__}",
        help="afficher la version",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMANDE", parser_class=Parser)
    sub.required = True
    for _name, add, run in COMMANDS:
        p = add(sub)
        p.set_defaults(_run=run)
        fr_help(p)
    fr_help(parser)
    return parser


def console() -> None:
    """The ``nqe-events`` script and ``python -m nqe_events.cli``: :func:`main`, then exit with its
    status. The process ends with the command, so what the command read may be kept out of the
    garbage collector until then (see :func:`nqe_events.cli._common.load`)."""
    from . import _common

    _common.PROCESS_ENDS_WITH_COMMAND = True
    sys.exit(main())


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``nqe-events``; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--lang" in argv:
        i = argv.index("--lang")
        if i + 1 < len(argv) and argv[i + 1] in ("fr", "en"):
            errors.set_language(argv[i + 1])
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code) if isinstance(exc.code, int) else 2
    try:
        return int(args._run(args))
    except NqeError as exc:
        sys.stderr.write(terminal_safe(exc.render()) + "\n")
        return 2
    except (RecursionError, MemoryError):
        sys.stderr.write(
            "entrée trop grande ou trop imbriquée pour être traitée\n"
            if get_language() == "fr"
            else "input too large or nested too deeply to be processed\n"
        )
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("interrompu\n" if get_language() == "fr" else "interrupted\n")
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:
        where = getattr(exc, "filename", None) or ""
        fr = f"{where} : impossible d'écrire ou de lire ({exc.strerror})"
        en = f"{where}: cannot read or write ({exc.strerror})"
        sys.stderr.write((fr if get_language() == "fr" else en) + "\n")
        return 2
