"""``nqe-events ics``: publish a programme as ICS feeds; and the ``ics`` demo stage."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..errors import get_language
from ._common import add_file_arguments, add_max, echo, load

__all__ = ["add_parser", "demo", "footprint_descriptions", "run"]


def add_parser(sub: Any) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(
        "ics",
        help="publier le programme en flux ICS (agendas Google, Outlook, Apple, Thunderbird)",
        description="Écrit le flux ICS de la saison, ou un flux par quartier, commune ou porteur "
        "(--by, la sortie est alors un dossier). Un fichier de sortie existant est lu comme "
        "export précédent : SEQUENCE augmente pour chaque événement dont l'heure, le lieu ou le "
        "statut a changé.",
    )
    add_file_arguments(p)
    p.add_argument("-o", "--output", required=True, help="fichier .ics (ou dossier avec --by)")
    p.add_argument(
        "--by",
        choices=["quartier", "commune", "organiser"],
        help="un flux par quartier, par commune ou par porteur",
    )
    p.add_argument("--name", help="nom du calendrier (par défaut : celui du programme)")
    p.add_argument(
        "--sans-empreinte",
        "--no-footprint",
        dest="no_footprint",
        action="store_true",
        help="ne pas ajouter l'empreinte carbone estimée à la description des événements",
    )
    add_max(p)
    return p


def _kg(value: float, lang: str) -> str:
    """1234.5 → "1,2 t" ; 85.2 → "85 kg" (French decimal comma)."""
    text = f"{value / 1000:.1f} t" if value >= 1000 else f"{value:.0f} kg"
    return text.replace(".", ",") if lang == "fr" else text


def footprint_descriptions(programme: Any, lang: str) -> dict[str, str]:
    """One line per event for the ICS DESCRIPTION: the footprint estimate and its 90 % interval.

    Combining the calendar and the footprint happens here, at the CLI level, because
    ``nqe_events.calendar`` and ``nqe_events.footprint`` are sibling layers that never import
    each other."""
    from ..footprint import estimate_programme

    season = estimate_programme(programme, draws=2000, levers=0, event_draws=2000)
    lines: dict[str, str] = {}
    for report in season.events:
        low, high = report.interval_90
        if lang == "fr":
            text = (
                f"Empreinte carbone estimée : {_kg(report.total_kgco2e, lang)} CO2e "
                f"(intervalle à 90 % : {_kg(low, lang)} – {_kg(high, lang)})"
            )
            if report.per_attendee_kgco2e is not None:
                per = f"{report.per_attendee_kgco2e:.1f}".replace(".", ",")
                text += f", soit {per} kg CO2e par personne"
        else:
            text = (
                f"Estimated carbon footprint: {_kg(report.total_kgco2e, lang)} CO2e "
                f"(90 % interval: {_kg(low, lang)} – {_kg(high, lang)})"
            )
            if report.per_attendee_kgco2e is not None:
                text += f", {report.per_attendee_kgco2e:.1f} kg CO2e per person"
        lines[report.event_id] = text + "."
    return lines


def run(args: argparse.Namespace) -> int:
    from .._render import listed
    from ..calendar.ics import undated_events, write_feeds, write_ics

    lang = get_language()
    programme = load(args.file, args.base, args.max_size)
    options: dict[str, Any] = {}
    if not args.no_footprint:
        options["description_extra"] = footprint_descriptions(programme, lang)
    if args.by:
        paths = write_feeds(args.output, programme, args.by, **options)
        echo(
            f"{len(paths)} flux ICS écrits dans {args.output}/"
            if lang == "fr"
            else f"{len(paths)} ICS feeds written to {args.output}/"
        )
        skipped = [e.id for e in undated_events(programme)]
        if skipped:  # the feeds' own summaries are not printed: name those left out of all
            shown = listed(skipped, lang, args.max)
            echo(
                f"Non datés (à planifier), absents des flux : {shown}"
                if lang == "fr"
                else f"Undated (to plan), left out of the feeds: {shown}"
            )
    else:
        if args.name:
            options["name"] = args.name
        result = write_ics(args.output, programme, **options)
        echo(f"{args.output} : {result.to_text(lang, max_items=args.max)}")
    return 0


def demo(programme: Any, out: Path, lang: str) -> None:
    """Demo stage: the season feed and one feed per quartier, for the *planned* programme (so the
    events still to plan appear at the slots the planner gave them), with each event's footprint
    estimate in its description."""
    from ..calendar.ics import write_feeds, write_ics
    from ..calendar.planner import plan

    planned = plan(programme).programme
    extra = footprint_descriptions(planned, lang)
    folder = out / "ics"
    result = write_ics(folder / "saison.ics", planned, description_extra=extra)
    paths = write_feeds(folder / "quartiers", planned, "quartier", description_extra=extra)
    if lang == "fr":
        echo(f"  saison : {result.to_text(lang)}")
        echo(f"  {len(paths)} flux par quartier")
    else:
        echo(f"  season: {result.to_text(lang)}")
        echo(f"  {len(paths)} per-quartier feeds")

    echo(f"  → {folder / 'saison.ics'}, {folder / 'quartiers'}/")
