"""Sub-commands ``clashes`` and ``plan`` of ``nqe-events``, and their demo stages."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from .errors import get_language

__all__ = ["add_clashes", "add_plan", "demo_clashes", "demo_plan", "run_clashes", "run_plan"]


def _out(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _load(path: str) -> Any:
    from .io import load_programme

    return load_programme(path)


# --- clashes -------------------------------------------------------------------------------------


def add_clashes(sub: Any) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(
        "clashes",
        help="trouver les conflits de calendrier (lieux, ressources, quartiers, dates)",
        description="Liste chaque règle de calendrier enfreinte par les événements datés : lieu "
        "occupé, ressource partagée au-delà de sa capacité, porteur à deux endroits, deux temps "
        "forts le même jour pour un quartier, hors saison ou dates interdites. Statut 1 s'il y a "
        "des conflits.",
    )
    p.add_argument("file", help="fichier de programme (.yaml, .yml ou .json)")
    p.add_argument("--format", choices=["text", "json"], default="text", help="format de sortie")
    return p


def run_clashes(args: argparse.Namespace) -> int:
    from .calendar.clashes import find_clashes

    report = find_clashes(_load(args.file))
    lang = get_language()
    if args.format == "json":
        payload = {
            "clashes": [
                {
                    k: d[k]
                    for k in (
                        "rule",
                        "events",
                        "resource",
                        "start",
                        "end",
                        "overlap_minutes",
                        "message",
                        "hint",
                    )
                }
                for d in (c.to_dict(lang) for c in report.clashes)
            ]
        }
        _out(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        _out(report.to_text(lang))
    return 0 if report.ok else 1


# --- plan ----------------------------------------------------------------------------------------


def add_plan(sub: Any) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(
        "plan",
        help="dater les événements à planifier, sans conflit",
        description="Donne une date et des heures aux événements qui n'en ont pas (to_plan), "
        "sans enfreindre les règles de calendrier, et écrit le programme planifié. Les "
        "événements déjà datés et épinglés ne bougent jamais. Statut 1 si des événements "
        "restent non placés (avec la raison).",
    )
    p.add_argument("file", help="fichier de programme (.yaml, .yml ou .json)")
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


def run_plan(args: argparse.Namespace) -> int:
    from .calendar.planner import plan
    from .io import dump_programme

    programme = _load(args.file)
    previous_path = args.previous or programme.planning.previous_plan
    previous = None
    if previous_path:
        path = Path(previous_path)
        if not path.is_absolute() and not args.previous:
            path = Path(args.file).parent / path
        previous = _load(str(path))
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
        _out(json.dumps(result.to_dict(lang), ensure_ascii=False, indent=2))
    else:
        _out(result.to_text(lang))
        _out(
            ("Programme planifié écrit dans " if lang == "fr" else "Planned programme written to ")
            + args.output
        )
    return 0 if result.ok else 1


# --- demo stages ---------------------------------------------------------------------------------


def demo_clashes(programme: Any, out: Path, lang: str) -> None:
    from .calendar.clashes import find_clashes

    report = find_clashes(programme)
    text = report.to_text(lang)
    lines = text.splitlines()
    _out("\n".join(lines[:25]) + (f"\n  … (+{len(lines) - 25})" if len(lines) > 25 else ""))
    (out / "clashes.json").write_text(report.to_json(lang) + "\n", encoding="utf-8")
    _out(f"  → {out / 'clashes.json'}")


def demo_plan(programme: Any, out: Path, lang: str) -> None:
    from .calendar.planner import plan
    from .io import dump_programme

    result = plan(programme)
    _out(result.to_text(lang).split("\n" + ("Placés :" if lang == "fr" else "Placed:"))[0])
    (out / "plan.json").write_text(result.to_json(lang) + "\n", encoding="utf-8")
    dump_programme(result.programme, out / "programme-planifie.yaml")
    _out(f"  → {out / 'plan.json'}, {out / 'programme-planifie.yaml'}")
