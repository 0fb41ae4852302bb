"""``nqe-events clashes``: every calendar rule broken by the dated events; and the demo stage."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from ..errors import get_language
from ._common import add_file_arguments, add_max, echo, load
from ._progress import stage

__all__ = ["add_parser", "demo", "run"]


def add_parser(sub: Any) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(
        "clashes",
        help="trouver les conflits de calendrier (lieux, ressources, quartiers, dates)",
        description="Liste chaque règle de calendrier enfreinte par les événements datés : lieu "
        "occupé, ressource partagée au-delà de sa capacité, porteur à deux endroits, deux temps "
        "forts le même jour pour un quartier, hors saison ou dates interdites. Statut 1 s'il y a "
        "des conflits.",
    )
    add_file_arguments(p)
    p.add_argument("--format", choices=["text", "json"], default="text", help="format de sortie")
    add_max(p)
    return p


def run(args: argparse.Namespace) -> int:
    from ..calendar.clashes import find_clashes

    programme = load(args.file, args.base, args.max_size)
    with stage("recherche des conflits" if get_language() == "fr" else "finding clashes"):
        report = find_clashes(programme)
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
        echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        echo(report.to_text(lang, max_items=args.max))
    return 0 if report.ok else 1


def demo(programme: Any, out: Path, lang: str) -> None:
    from ..calendar.clashes import find_clashes

    report = find_clashes(programme)
    text = report.to_text(lang)
    lines = text.splitlines()
    echo("\n".join(lines[:25]) + (f"\n  … (+{len(lines) - 25})" if len(lines) > 25 else ""))
    (out / "clashes.json").write_text(report.to_json(lang) + "\n", encoding="utf-8")
    echo(f"  → {out / 'clashes.json'}")
