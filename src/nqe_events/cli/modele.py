"""``nqe-events modele``: the spreadsheet template of temps forts (.xlsx with dropdowns, or .csv)."""

from __future__ import annotations

import argparse
from typing import Any

from ..errors import get_language
from ._common import echo

__all__ = ["add_parser", "run"]


def add_parser(sub: Any) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(
        "modele",
        help="écrire le modèle de tableur des temps forts (.xlsx ou .csv)",
        description="Écrit un tableur prêt à remplir : les colonnes que lit « nqe-events "
        "import », une ligne d'exemple et, en .xlsx, des listes déroulantes (thèmes, publics, "
        "statut, oui/non ; porteurs, lieux et quartiers de la base avec --base).",
    )
    p.add_argument(
        "-o", "--output", default="modele-temps-forts.xlsx", help="fichier .xlsx ou .csv"
    )
    p.add_argument("--base", help="programme de base dont les noms alimentent les listes")
    return p


def run(args: argparse.Namespace) -> int:
    from ..io import load_programme
    from ..io.template import write_template

    base = load_programme(args.base) if args.base else None
    path = write_template(args.output, base)
    if get_language() == "fr":
        echo(
            f"{path} : modèle écrit ; remplissez une ligne par créneau puis "
            f"« nqe-events import {path.name} --base programme.yaml -o programme.yaml »"
        )
    else:
        echo(
            f"{path}: template written; fill one row per slot then "
            f"'nqe-events import {path.name} --base programme.yaml -o programme.yaml'"
        )
    return 0
