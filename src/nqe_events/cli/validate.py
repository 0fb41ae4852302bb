"""``nqe-events validate``: check a programme file (or a CSV of events with its base) and summarise it."""

from __future__ import annotations

import argparse
import json
from typing import Any

from ..errors import get_language
from ._common import add_file_arguments, echo, load

__all__ = ["add_parser", "programme_summary", "run", "summary_text"]


def add_parser(sub: Any) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(
        "validate",
        help="vérifier un fichier de programme (YAML, JSON ou CSV)",
        description="Vérifie un fichier de programme et résume son contenu.",
    )
    add_file_arguments(p)
    p.add_argument("--qpv", help="liste officielle des QPV (CSV ou GeoJSON de l'ANCT)")
    p.add_argument("--format", choices=["text", "json"], default="text", help="format de sortie")
    return p


def programme_summary(programme: Any, lang: str) -> dict[str, Any]:
    events = programme.events
    communes = sorted({c for q in programme.quartiers for c in q.communes})
    depts = sorted({q.departement for q in programme.quartiers})
    return {
        "season": programme.season,
        "name": programme.name,
        "events": len(events),
        "dated": sum(1 for e in events if e.dated),
        "to_plan": sum(1 for e in events if not e.dated),
        "quartiers": len(programme.quartiers),
        "communes": len(communes),
        "departements": depts,
        "organisers": len(programme.organisers),
        "venues": len(programme.venues),
        "resources": len(programme.resources),
        "expected_attendance": sum(e.expected_attendance or 0 for e in events),
    }


def summary_text(s: dict[str, Any], lang: str) -> str:
    from .._render import plural as p

    if lang == "fr":
        return (
            f"{s['name']} (saison {s['season']})\n"
            f"  {p(s['events'], 'temps fort', 'temps forts', lang)} : "
            f"{p(s['dated'], 'daté', 'datés', lang)}, {s['to_plan']} à planifier\n"
            f"  {p(s['quartiers'], 'quartier', 'quartiers', lang)}, "
            f"{p(s['communes'], 'commune', 'communes', lang)}, "
            f"{'département' if len(s['departements']) < 2 else 'départements'} "
            f"{', '.join(s['departements'])}\n"
            f"  {p(s['organisers'], 'porteur', 'porteurs', lang)}, "
            f"{p(s['venues'], 'lieu', 'lieux', lang)}, "
            f"{p(s['resources'], 'ressource partagée', 'ressources partagées', lang)}\n"
            f"  public attendu : {p(s['expected_attendance'], 'personne', 'personnes', lang)}"
        )
    return (
        f"{s['name']} (season {s['season']})\n"
        f"  {p(s['events'], 'temps fort', 'temps forts', lang)}: "
        f"{s['dated']} dated, {s['to_plan']} to plan\n"
        f"  {p(s['quartiers'], 'quartier', 'quartiers', lang)}, "
        f"{p(s['communes'], 'commune', 'communes', lang)}, "
        f"{'département' if len(s['departements']) < 2 else 'départements'} "
        f"{', '.join(s['departements'])}\n"
        f"  {p(s['organisers'], 'organiser', 'organisers', lang)}, "
        f"{p(s['venues'], 'venue', 'venues', lang)}, "
        f"{p(s['resources'], 'shared resource', 'shared resources', lang)}\n"
        f"  expected attendance: {p(s['expected_attendance'], 'person', 'people', lang)}"
    )


def run(args: argparse.Namespace) -> int:
    lang = get_language()
    programme = load(args.file, args.base, args.max_size)
    findings = []
    if args.qpv:
        from ..io import check_qpv_codes, load_qpv_list

        findings = check_qpv_codes(programme, load_qpv_list(args.qpv))
    summary = programme_summary(programme, lang)
    if args.format == "json":
        payload = {
            "valid": True,
            "summary": summary,
            "findings": [{"path": f.path, "message": f.render(lang)} for f in findings],
        }
        echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        echo(("Fichier valide : " if lang == "fr" else "Valid file: ") + args.file)
        echo(summary_text(summary, lang))
        for f in findings:
            echo("  ! " + f.render(lang))
    return 1 if findings else 0
