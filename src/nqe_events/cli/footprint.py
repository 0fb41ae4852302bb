"""``nqe-events footprint``: the Rev3 footprint of a programme's events and of its season."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..errors import get_language
from ._common import add_file_arguments, echo, load
from ._progress import stage

__all__ = ["add_parser", "demo", "run"]


def add_parser(sub: Any) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(
        "footprint",
        help="empreinte carbone (kgCO2e) des temps forts et de la saison",
        description="Estime l'empreinte carbone de chaque temps fort et de la saison, avec un "
        "intervalle à 90 %, la part issue de valeurs par défaut et les leviers principaux.",
    )
    add_file_arguments(p)
    p.add_argument("--event", metavar="ID", help="un seul temps fort (son identifiant)")
    p.add_argument(
        "--factors", metavar="PATH", help="jeu de facteurs : fichier TOML ou nom (ademe-2025)"
    )
    p.add_argument("--format", choices=["text", "json"], default="text", help="format de sortie")
    p.add_argument("--draws", type=int, default=10_000, help="tirages Monte Carlo (10000)")
    p.add_argument("--seed", type=int, default=2024, help="graine du tirage (2024)")
    return p


def run(args: argparse.Namespace) -> int:
    from ..errors import InputError
    from ..footprint import estimate_programme

    if not 100 <= args.draws <= 1_000_000:
        raise InputError(
            "--draws doit aller de 100 à 1 000 000", "--draws must be between 100 and 1,000,000"
        )
    programme = load(args.file, args.base, args.max_size)
    events: Any = programme
    if args.event:
        events = [programme.event(args.event)]
    with stage("calcul de l'empreinte" if get_language() == "fr" else "computing the footprint"):
        season = estimate_programme(events, args.factors, draws=args.draws, seed=args.seed)
    if args.format == "json":
        text = season.to_json()
    elif args.event:
        text = season.events[0].to_text()
    else:
        text = season.to_text()
    echo(text)
    return 0


def demo(programme: Any, out: Path, lang: str) -> None:
    from ..footprint import estimate_programme
    from ..footprint.messages import number

    season = estimate_programme(programme)
    path = out / "footprint.json"
    path.write_text(season.to_json() + "\n", encoding="utf-8")
    lo, hi = season.interval_90
    if lang == "fr":
        line = (
            f"Empreinte de la saison : {number(season.total_kgco2e / 1000, lang, 1)} tCO2e "
            f"(intervalle à 90 % : {number(lo / 1000, lang, 1)} – {number(hi / 1000, lang, 1)}), "
            f"{len(season.events)} temps forts, {season.defaults_share:.0%} issus de valeurs par "
            "défaut"
        )
    else:
        line = (
            f"Season footprint: {number(season.total_kgco2e / 1000, lang, 1)} tCO2e "
            f"(90 % interval: {number(lo / 1000, lang, 1)} – {number(hi / 1000, lang, 1)}), "
            f"{len(season.events)} temps forts, {season.defaults_share:.0%} from defaults"
        )
    sys.stdout.write(f"{line}\n  → {path}\n")
