"""``nqe-events check``: judge a programme's events against a season's rules; and the demo stage.

Exit status 1 when an event is not aligned, 2 when the programme or the rule file is unusable.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .errors import get_language

__all__ = ["add_check_parser", "demo_check", "run_check"]


def _out(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def add_check_parser(sub: Any) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(
        "check",
        help="vérifier l'alignement des événements avec le fil rouge et les principes NQE",
        description="Juge chaque événement selon les règles de la saison : fil rouge, temps fort, "
        "participation, Rev3, éligibilité. Pour chaque critère : statut, éléments trouvés et "
        "conseil. Statut de sortie 1 si un événement n'est pas aligné.",
    )
    p.add_argument("file", help="programme .yaml, .yml, .json ou .csv (avec --base)")
    p.add_argument(
        "--rules",
        help="saison (2024), identifiant (nqe-2024) ou chemin d'un fichier de règles TOML "
        "(par défaut : le champ « rules » du programme, sinon sa saison)",
    )
    p.add_argument("--event", action="append", help="ne vérifier que cet événement (répétable)")
    p.add_argument("--qpv", help="liste officielle des QPV (CSV ou GeoJSON de l'ANCT)")
    p.add_argument("--base", help="programme de base pour un CSV d'événements")
    p.add_argument("--format", choices=["text", "json"], default="text", help="format de sortie")
    p.add_argument(
        "--all", action="store_true", help="afficher aussi les critères respectés (texte)"
    )
    return p


def run_check(args: argparse.Namespace) -> int:
    from .cli import _load
    from .rules import check_programme

    lang = get_language()
    programme = _load(args.file, args.base)
    qpv = None
    if args.qpv:
        from .io import load_qpv_list

        qpv = load_qpv_list(args.qpv)
    rules = args.rules
    if rules is None and programme.rules:
        # a season of one's own, named in the programme: look for <rules>.toml beside the file
        from .rules import list_rule_packs

        beside = Path(args.file).parent / f"{programme.rules}.toml"
        if programme.rules not in list_rule_packs() and beside.is_file():
            rules = str(beside)
    report = check_programme(programme, rules, qpv=qpv, events=args.event, lang=lang)
    if args.format == "json":
        _out(report.to_json(lang))
    else:
        _out(report.to_text(lang, all_criteria=args.all))
    return 0 if report.ok else 1


def demo_check(programme: Any, out: Path, lang: str) -> None:
    """Demo stage: write ``alignment.json`` and print a short summary."""
    from .rules import check_programme

    report = check_programme(programme, lang=lang)
    target = out / "alignment.json"
    target.write_text(report.to_json(lang) + "\n", encoding="utf-8")
    _out(report.summary_text(lang, quartiers=False))
    _out(f"  → {target}")
