"""``nqe-events demo``: every stage of the library on a bundled sample programme.

Each stage is a function ``(programme, out_dir, lang) -> None`` listed in :data:`DEMO_STAGES`; each
sub-command module that has a demo stage exposes it as ``demo``.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import get_language
from . import bilan, check, clashes, footprint, ics, plan
from ._common import echo
from .validate import programme_summary, summary_text

__all__ = ["DEMO_STAGES", "add_parser", "run"]

#: Demo stages: (name, function(programme, out_dir, lang) -> None), run in order by ``demo``.
DemoStage = Callable[[Any, Path, str], None]


def _demo_summary(programme: Any, out: Path, lang: str) -> None:
    from ..io import dump_programme

    echo(summary_text(programme_summary(programme, lang), lang))
    dump_programme(programme, out / "programme.yaml")
    dump_programme(programme, out / "programme.json")
    echo(f"  → {out / 'programme.yaml'}, {out / 'programme.json'}")


DEMO_STAGES: list[tuple[str, DemoStage]] = [
    ("programme", _demo_summary),
    ("clashes", clashes.demo),
    ("plan", plan.demo),
    ("alignement", check.demo),
    ("footprint", footprint.demo),
    ("ics", ics.demo),
    ("bilan", bilan.demo),
]


def add_parser(sub: Any) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(
        "demo",
        help="tout exécuter sur le programme d'exemple",
        description="Exécute chaque étape de la bibliothèque sur le programme d'exemple et écrit "
        "les résultats dans un dossier.",
    )
    p.add_argument("-o", "--output", default="nqe-demo", help="dossier de sortie (nqe-demo/)")
    p.add_argument("--example", default="nqe-2024", help="nom du programme d'exemple")
    return p


def run(args: argparse.Namespace) -> int:
    from ..io import load_example

    lang = get_language()
    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    programme = load_example(args.example)
    for name, stage in DEMO_STAGES:
        echo(f"\n== {name} ==")
        stage(programme, out, lang)
    echo(
        f"\nDémo terminée : résultats dans {out}/"
        if lang == "fr"
        else f"\nDemo finished: outputs in {out}/"
    )
    return 0
