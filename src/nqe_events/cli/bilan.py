"""``nqe-events bilan FILE -o dossier/``: the season summary of any programme; and the demo stage.

It plans the programme (events still to plan get dates), checks its alignment, finds the clashes
left in the plan and estimates its footprint, then writes ``bilan.txt``, ``bilan.json`` and a
printable ``bilan.html`` (A4, French number formatting, plots embedded) and, when matplotlib is
installed (``plots`` or ``notebook`` extra), ``calendrier.png``, ``empreinte.png``, ``leviers.png``
and ``alignement.png``. The demo's last stage runs the same code on the bundled sample.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path
from typing import Any

from ..errors import MissingExtraError, get_language
from ._common import add_file_arguments, echo, load

__all__ = ["PLOT_FILES", "add_parser", "demo", "run", "write_bilan"]

#: The PNG files of the bilan, in the order they appear in ``bilan.html``.
PLOT_FILES = ("calendrier.png", "empreinte.png", "leviers.png", "alignement.png")


def add_parser(sub: Any) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(
        "bilan",
        help="écrire le bilan de la saison (texte, JSON, page HTML imprimable, graphiques)",
        description="Planifie le programme, vérifie l'alignement, cherche les conflits et estime "
        "l'empreinte, puis écrit dans un dossier bilan.txt, bilan.json, bilan.html (une page A4 "
        "imprimable, graphiques compris) et les graphiques en PNG.",
    )
    add_file_arguments(p)
    p.add_argument("-o", "--output", default="bilan", help="dossier de sortie (bilan/)")
    p.add_argument(
        "--no-plots", action="store_true", help="sans graphiques (plus rapide, sans matplotlib)"
    )
    return p


def _plots(planned: Any, clashes: Any, alignment: Any, footprint: Any, lang: str) -> list[Any]:
    from ..report import plot_alignment, plot_footprint, plot_levers, plot_timeline

    return [
        plot_timeline(planned, by="venue", clashes=clashes, lang=lang),
        plot_footprint(footprint, lang=lang),
        plot_levers(footprint, lang=lang),
        plot_alignment(alignment, programme=planned, lang=lang),
    ]


def write_bilan(
    programme: Any, out: Path, lang: str, *, plots: bool = True
) -> tuple[Any, list[Path]]:
    """Compute the bilan of ``programme`` (once planned) and write its files into ``out``.

    Returns the :class:`~nqe_events.report.SeasonSummary` and the paths written.
    """
    from ..calendar.clashes import find_clashes
    from ..calendar.planner import plan
    from ..footprint import estimate_programme
    from ..report import season_summary
    from ..rules import check_programme

    out.mkdir(parents=True, exist_ok=True)
    planned = plan(programme).programme
    alignment = check_programme(planned, lang=lang)
    footprint = estimate_programme(planned)
    summary = season_summary(planned, alignment=alignment, footprint=footprint)
    written = [out / "bilan.txt", out / "bilan.json", out / "bilan.html"]
    written[0].write_text(summary.to_text(lang) + "\n", encoding="utf-8")
    written[1].write_text(summary.to_json() + "\n", encoding="utf-8")
    images: list[tuple[str, bytes]] = []
    if plots:
        try:
            figures = _plots(planned, find_clashes(planned), alignment, footprint, lang)
        except MissingExtraError as exc:  # matplotlib absent: the bilan without its plots
            sys.stdout.write(f"  ({exc})\n")
        else:
            for name, figure in zip(PLOT_FILES, figures, strict=True):
                buffer = io.BytesIO()
                figure.savefig(buffer, format="png", dpi=100)
                png = buffer.getvalue()
                (out / name).write_bytes(png)
                written.append(out / name)
                images.append((name, png))
    written[2].write_text(summary.to_html(images, lang), encoding="utf-8")
    return summary, written


def run(args: argparse.Namespace) -> int:
    lang = get_language()
    programme = load(args.file, args.base, args.max_size)
    summary, written = write_bilan(programme, Path(args.output), lang, plots=not args.no_plots)
    echo(summary.to_text(lang))
    echo("  → " + ", ".join(str(p) for p in written))
    return 0


def demo(programme: Any, out: Path, lang: str) -> None:
    """Demo stage: print the bilan and write its files."""
    summary, written = write_bilan(programme, out, lang)
    echo(summary.to_text(lang))
    echo("  → " + ", ".join(str(p) for p in written))
