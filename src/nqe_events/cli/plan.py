"""``nqe-events plan``: date the events still to plan, without clashes; and the demo stage."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ..errors import get_language
from ._common import add_file_arguments, echo, load

__all__ = ["add_parser", "demo", "run"]


def add_parser(sub: Any) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(
        "plan",
        help="dater les événements à planifier, sans conflit",
        description="Donne une date et des heures aux événements qui n'en ont pas (to_plan), "
        "sans enfreindre les règles de calendrier, et écrit le programme planifié. Les "
        "événements déjà datés et épinglés ne bougent jamais. Statut 1 si des événements "
        "restent non placés (avec la raison).",
    )
    add_file_arguments(p)
    p.add_argument(
        "-o", "--output", required=True, help="programme planifié à écrire (.yaml/.json)"
    )
    p.add_argument("--previous", help="plan publié précédemment, pour déplacer le moins possible")
    p.add_argument(
        "--backend",
        choices=["greedy", "exact"],
        default="greedy",
        help="méthode : greedy (par défaut, rapide) ou exact (OR-Tools, option « exact »)",
    )
    p.add_argument(
        "--time-limit", type=float, default=10.0, help="secondes accordées à la méthode exacte"
    )
    p.add_argument("--format", choices=["text", "json"], default="text", help="format de sortie")
    return p


class _Bar:
    """A minimal progress bar on stderr, only when stderr is a terminal."""

    def __init__(self) -> None:
        self.on = sys.stderr.isatty()
        self.last = -1

    def __call__(self, done: int, total: int) -> None:
        if not self.on or total <= 0:
            return
        pct = int(100 * done / total)
        if pct == self.last:
            return
        self.last = pct
        filled = pct // 4
        sys.stderr.write(f"\rplanification [{'#' * filled}{'.' * (25 - filled)}] {pct:3d} %")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()


def run(args: argparse.Namespace) -> int:
    from ..calendar.planner import plan
    from ..io import dump_programme

    programme = load(args.file, args.base, args.max_size)
    previous_path = args.previous or programme.planning.previous_plan
    previous = None
    if previous_path:
        path = Path(previous_path)
        if not path.is_absolute() and not args.previous:
            path = Path(args.file).parent / path
        previous = load(str(path))
    result = plan(
        programme,
        previous=previous,
        progress=_Bar(),
        backend=args.backend,
        time_limit=args.time_limit,
    )
    dump_programme(result.programme, args.output)
    lang = get_language()
    if args.format == "json":
        echo(json.dumps(result.to_dict(lang), ensure_ascii=False, indent=2))
    else:
        echo(result.to_text(lang))
        echo(
            ("Programme planifié écrit dans " if lang == "fr" else "Planned programme written to ")
            + args.output
        )
    return 0 if result.ok else 1


def demo(programme: Any, out: Path, lang: str) -> None:
    from ..calendar.planner import plan
    from ..io import dump_programme

    result = plan(programme)
    echo(result.to_text(lang).split("\n" + ("Placés :" if lang == "fr" else "Placed:"))[0])
    (out / "plan.json").write_text(result.to_json(lang) + "\n", encoding="utf-8")
    dump_programme(result.programme, out / "programme-planifie.yaml")
    echo(f"  → {out / 'plan.json'}, {out / 'programme-planifie.yaml'}")
