"""``nqe-events import``: a spreadsheet (.csv, .xlsx, .ods) or an ICS file made into a programme."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..errors import ProgrammeFileError, get_language
from . import import_ics
from ._common import echo, limits_for, load_sheet

__all__ = ["add_parser", "run"]


def add_parser(sub: Any) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(
        "import",
        help="faire un programme d'un tableur (.csv, .xlsx, .ods) ou d'un agenda ICS",
        description="Lit un tableur de temps forts (CSV, Excel, LibreOffice ; une ligne par "
        "créneau) avec son programme de base, ou un fichier ICS, et écrit un programme valide. "
        "Les colonnes inconnues sont gardées dans les notes des temps forts (avertissement). "
        "Modèle de tableur : nqe-events modele.",
    )
    p.add_argument("file", help="tableur .csv, .xlsx, .ods ou agenda .ics")
    p.add_argument("--base", help="programme de base (quartiers, porteurs, lieux) pour un tableur")
    p.add_argument("-o", "--output", required=True, help="programme à écrire (.yaml ou .json)")
    import_ics.add_ics_options(p, prefix="ICS : ")
    return p


def run(args: argparse.Namespace) -> int:
    from ..io import dump_programme

    suffix = Path(args.file).suffix.lower()
    if suffix == ".ics":
        return import_ics.run(args)
    if suffix not in (".csv", ".xlsx", ".xlsm", ".ods"):
        raise ProgrammeFileError(
            f"extension « {suffix or '(aucune)'} » non reconnue : attendu .csv, .xlsx, .ods ou .ics",
            f"unrecognised extension '{suffix or '(none)'}': expected .csv, .xlsx, .ods or .ics",
            source=args.file,
        )
    out = Path(args.output)
    if out.suffix.lower() not in (".yaml", ".yml", ".json"):
        raise ProgrammeFileError(
            "le programme s'écrit en .yaml, .yml ou .json",
            "the programme is written as .yaml, .yml or .json",
            source=args.output,
        )
    limits = None if args.max_size is None else limits_for(args.max_size)
    result = load_sheet(args.file, args.base, limits)
    dump_programme(result.programme, out)
    echo(f"{args.output} : " + result.to_text(get_language()))
    return 0
