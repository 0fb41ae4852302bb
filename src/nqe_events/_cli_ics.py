"""The ``ics`` and ``import-ics`` sub-commands and the ``ics`` demo stage."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .errors import get_language

__all__ = ["add_ics", "add_import_ics", "demo_ics", "run_ics", "run_import_ics"]


def _out(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def add_ics(sub: Any) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(
        "ics",
        help="publier le programme en flux ICS (agendas Google, Outlook, Apple, Thunderbird)",
        description="Écrit le flux ICS de la saison, ou un flux par quartier, commune ou porteur "
        "(--by, la sortie est alors un dossier). Un fichier de sortie existant est lu comme "
        "export précédent : SEQUENCE augmente pour chaque événement dont l'heure, le lieu ou le "
        "statut a changé.",
    )
    p.add_argument("file", help="programme (.yaml, .yml ou .json)")
    p.add_argument("-o", "--output", required=True, help="fichier .ics (ou dossier avec --by)")
    p.add_argument(
        "--by",
        choices=["quartier", "commune", "organiser"],
        help="un flux par quartier, par commune ou par porteur",
    )
    p.add_argument("--name", help="nom du calendrier (par défaut : celui du programme)")
    return p


def run_ics(args: argparse.Namespace) -> int:
    from .calendar.ics import undated_events, write_feeds, write_ics
    from .io import load_programme

    lang = get_language()
    programme = load_programme(args.file)
    skipped = [e.id for e in undated_events(programme)]
    if args.by:
        paths = write_feeds(args.output, programme, args.by)
        _out(
            f"{len(paths)} flux ICS écrits dans {args.output}/"
            if lang == "fr"
            else f"{len(paths)} ICS feeds written to {args.output}/"
        )
    else:
        options: dict[str, Any] = {"name": args.name} if args.name else {}
        result = write_ics(args.output, programme, **options)
        _out(f"{args.output} : {result.to_text(lang)}")
    if skipped:
        _out(
            "Non datés (à planifier), absents du flux : " + ", ".join(skipped)
            if lang == "fr"
            else "Undated (to plan), left out of the feed: " + ", ".join(skipped)
        )
    return 0


def add_import_ics(sub: Any) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(
        "import-ics",
        help="lire un fichier ICS et en faire un programme",
        description="Lit un fichier ICS (Google, Outlook, Apple, Thunderbird, nqe-events) et "
        "écrit un programme valide ; les lieux, porteurs et quartiers inconnus sont créés "
        "« à préciser ».",
    )
    p.add_argument("file", help="fichier .ics")
    p.add_argument("-o", "--output", required=True, help="programme à écrire (.yaml ou .json)")
    p.add_argument("--season", type=int, help="saison (année) où développer les récurrences")
    p.add_argument("--tz", default="Europe/Paris", help="fuseau des heures flottantes")
    p.add_argument("--name", help="nom du programme")
    return p


def run_import_ics(args: argparse.Namespace) -> int:
    from .calendar.ics import import_ics
    from .errors import IcsError
    from .io import dump_programme

    lang = get_language()
    try:
        from zoneinfo import ZoneInfo

        ZoneInfo(args.tz)
    except Exception:
        raise IcsError(
            f"fuseau horaire inconnu « {args.tz} » (attendu un nom IANA comme Europe/Paris)",
            f"unknown time zone '{args.tz}' (expected an IANA name such as Europe/Paris)",
        ) from None
    result = import_ics(Path(args.file), season=args.season, tz=args.tz)
    programme = result.to_programme(season=args.season, name=args.name)
    dump_programme(programme, Path(args.output))
    _out(f"{args.output} : " + result.to_text(lang))
    return 0 if result.ok else 1


def demo_ics(programme: Any, out: Path, lang: str) -> None:
    """Demo stage: the season feed and one feed per quartier."""
    from .calendar.ics import write_feeds, write_ics

    folder = out / "ics"
    result = write_ics(folder / "saison.ics", programme)
    paths = write_feeds(folder / "quartiers", programme, "quartier")
    if lang == "fr":
        _out(f"  saison : {result.to_text(lang)}")
        _out(f"  {len(paths)} flux par quartier")
    else:
        _out(f"  season: {result.to_text(lang)}")
        _out(f"  {len(paths)} per-quartier feeds")

    _out(f"  → {folder / 'saison.ics'}, {folder / 'quartiers'}/")
