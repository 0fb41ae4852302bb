"""``nqe-events import-ics``: read an ICS file (Google, Outlook, Apple, Thunderbird…) into a programme."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..errors import get_language
from ._common import echo, limits_for

__all__ = ["add_ics_options", "add_parser", "run"]


def add_parser(sub: Any) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(
        "import-ics",
        help="lire un fichier ICS et en faire un programme",
        description="Lit un fichier ICS (Google, Outlook, Apple, Thunderbird, nqe-events) et "
        "écrit un programme valide ; les lieux, porteurs et quartiers inconnus sont créés "
        "« à préciser ».",
    )
    p.add_argument("file", help="fichier .ics (« - » : l'entrée standard)")
    p.add_argument("-o", "--output", required=True, help="programme à écrire (.yaml ou .json)")
    add_ics_options(p)
    return p


def add_ics_options(p: argparse.ArgumentParser, prefix: str = "") -> None:
    """``--season``, ``--tz``, ``--name`` and ``--strict``, read by :func:`run`; ``import`` passes
    ``prefix="ICS : "`` since they apply there to ICS files only."""
    p.add_argument(
        "--season", type=int, help=f"{prefix}saison (année) où développer les récurrences"
    )
    p.add_argument("--tz", default="Europe/Paris", help=f"{prefix}fuseau des heures flottantes")
    p.add_argument("--name", help=f"{prefix}nom du programme")
    strict = "refuser tout le fichier dès qu'un événement est inutilisable"
    if not prefix:
        strict += " (par défaut : l'événement est écarté avec un avertissement)"
    p.add_argument("--strict", action="store_true", help=prefix + strict)
    p.add_argument(
        "--max-size",
        type=int,
        metavar="MO",
        help="taille maximale du fichier lu, en Mo (ICS : 20 ; tableur : 50 ; au plus 1024) : "
        "au-delà, il est refusé sans être lu",
    )


def ics_limits(max_size: int | None) -> Any:
    """The :class:`~nqe_events.calendar.ics.IcsLimits` of ``--max-size`` (``None``: the
    defaults), checked as :func:`~nqe_events.cli._common.limits_for` checks it."""
    from ..calendar.ics import IcsLimits

    if max_size is None:
        return IcsLimits()
    return IcsLimits().scaled(limits_for(max_size).max_bytes)


def run(args: argparse.Namespace) -> int:
    from ..calendar.ics import import_file
    from ..errors import IcsError

    lang = get_language()
    try:
        from zoneinfo import ZoneInfo

        ZoneInfo(args.tz)
    except Exception:
        raise IcsError(
            f"fuseau horaire inconnu « {args.tz} » (attendu un nom IANA comme Europe/Paris)",
            f"unknown time zone '{args.tz}' (expected an IANA name such as Europe/Paris)",
        ) from None
    source: str | Path = "-" if args.file == "-" else Path(args.file)
    limits = ics_limits(args.max_size)
    result = import_file(source, season=args.season, tz=args.tz, strict=args.strict, limits=limits)
    from ..io import dump_programme  # after the import: a refused file never loads the model

    programme = result.to_programme(season=args.season, name=args.name)
    dump_programme(programme, Path(args.output))
    echo(f"{args.output} : " + result.to_text(lang))
    return 0 if result.ok else 1
