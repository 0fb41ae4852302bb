"""``nqe-events check``: judge a programme's events against a season's rules; and the demo stage.

Exit status 1 when an event is not aligned, 2 when the programme or the rule file is unusable.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..errors import get_language
from ._common import add_file_arguments, add_max, echo, load
from ._progress import stage

__all__ = ["add_parser", "demo", "run"]


def add_parser(sub: Any) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(
        "check",
        help="vérifier l'alignement des événements avec le fil rouge et les principes NQE",
        description="Juge chaque événement selon les règles de la saison : fil rouge, temps fort, "
        "participation, Rev3, éligibilité. Pour chaque critère : statut, éléments trouvés et "
        "conseil. Statut de sortie 1 si un événement n'est pas aligné.",
    )
    add_file_arguments(p)
    p.add_argument(
        "--rules",
        help="saison (2024), identifiant (nqe-2024) ou chemin d'un fichier de règles TOML "
        "(par défaut : le champ « rules » du programme, sinon sa saison)",
    )
    p.add_argument("--event", action="append", help="ne vérifier que cet événement (répétable)")
    p.add_argument("--qpv", help="liste officielle des QPV (CSV ou GeoJSON de l'ANCT)")
    p.add_argument("--format", choices=["text", "json"], default="text", help="format de sortie")
    add_max(p)
    p.add_argument(
        "--all", action="store_true", help="afficher aussi les critères respectés (texte)"
    )
    p.add_argument(
        "--details",
        action="store_true",
        help="JSON détaillé : chaque critère avec ses éléments trouvés et son conseil "
        "(par défaut : statuts et conseils principaux, moins de 2 Ko par événement)",
    )
    return p


def run(args: argparse.Namespace) -> int:
    from ..rules import check_programme

    lang = get_language()
    programme = load(args.file, args.base, args.max_size)
    qpv = None
    if args.qpv:
        from ..io import load_qpv_list

        qpv = load_qpv_list(args.qpv)
    rules = args.rules
    if rules is None and programme.rules:
        # a season of one's own, named in the programme: look for <rules>.toml beside the file
        from ..rules import list_rule_packs

        beside = Path(args.file).parent / f"{programme.rules}.toml"
        if programme.rules not in list_rule_packs() and beside.is_file():
            rules = str(beside)
    with stage("vérification de l'alignement" if lang == "fr" else "checking alignment"):
        report = check_programme(programme, rules, qpv=qpv, events=args.event, lang=lang)
    if args.format == "json":
        echo(report.to_json(lang, detail=args.details))
    else:
        echo(report.to_text(lang, all_criteria=args.all, max_items=args.max))
    return 0 if report.ok else 1


def demo(programme: Any, out: Path, lang: str) -> None:
    """Demo stage: write ``alignment.json`` and print a short summary."""
    from ..rules import check_programme

    report = check_programme(programme, lang=lang)
    target = out / "alignment.json"
    target.write_text(report.to_json(lang) + "\n", encoding="utf-8")
    echo(report.summary_text(lang, quartiers=False))
    echo(f"  → {target}")
