"""The ``bilan`` demo stage: the season summary and its plots, written into the demo folder.

It plans the programme, checks its alignment, finds the clashes left in the plan and estimates its
footprint, then writes ``bilan.txt``, ``bilan.json`` and ``bilan.html`` (the summary) and, when
matplotlib is installed (``notebook`` extra), ``calendrier.png``, ``empreinte.png``,
``leviers.png`` and ``alignement.png``.
"""

from __future__ import annotations

import html
import sys
from pathlib import Path
from typing import Any

from ..errors import MissingExtraError

__all__ = ["PLOT_FILES", "demo", "write_bilan"]

#: The PNG files of the bilan, in the order they appear in ``bilan.html``.
PLOT_FILES = ("calendrier.png", "empreinte.png", "leviers.png", "alignement.png")


def _plots(planned: Any, clashes: Any, alignment: Any, footprint: Any, lang: str) -> list[Any]:
    from ..report import plot_alignment, plot_footprint, plot_levers, plot_timeline

    return [
        plot_timeline(planned, by="venue", clashes=clashes, lang=lang),
        plot_footprint(footprint, lang=lang),
        plot_levers(footprint, lang=lang),
        plot_alignment(alignment, programme=planned, lang=lang),
    ]


def _page(summary: Any, images: list[str], lang: str) -> str:
    from ..report._texts import text

    title = html.escape(text("summary.title", lang, season=summary.season, name=summary.name))
    figures = "\n".join(
        f'<p><img src="{name}" alt="{name}" style="max-width:100%"></p>' for name in images
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head><meta charset="utf-8">'
        f"<title>{title}</title></head>\n<body>\n<h1>{title}</h1>\n"
        f"{summary._repr_html_()}\n{figures}\n</body>\n</html>\n"
    )


def write_bilan(programme: Any, out: Path, lang: str) -> tuple[Any, list[Path]]:
    """Compute the bilan of ``programme`` (once planned) and write its files into ``out``.

    Returns the :class:`~nqe_events.report.SeasonSummary` and the paths written.
    """
    from ..calendar.clashes import find_clashes
    from ..calendar.planner import plan
    from ..footprint import estimate_programme
    from ..report import season_summary
    from ..rules import check_programme

    planned = plan(programme).programme
    alignment = check_programme(planned)
    footprint = estimate_programme(planned)
    clashes = find_clashes(planned)
    summary = season_summary(planned, alignment=alignment, footprint=footprint)
    written = [out / "bilan.txt", out / "bilan.json"]
    written[0].write_text(summary.to_text(lang) + "\n", encoding="utf-8")
    written[1].write_text(summary.to_json() + "\n", encoding="utf-8")
    images: list[str] = []
    try:
        figures = _plots(planned, clashes, alignment, footprint, lang)
    except MissingExtraError as exc:  # matplotlib absent: the bilan without its plots
        sys.stdout.write(f"  ({exc})\n")
    else:
        for name, figure in zip(PLOT_FILES, figures, strict=True):
            figure.savefig(out / name, dpi=100)
            written.append(out / name)
            images.append(name)
    page = out / "bilan.html"
    page.write_text(_page(summary, images, lang), encoding="utf-8")
    written.insert(2, page)
    return summary, written


def demo(programme: Any, out: Path, lang: str) -> None:
    """Demo stage: print the bilan and write its files."""
    summary, written = write_bilan(programme, out, lang)
    sys.stdout.write(summary.to_text(lang) + "\n")
    sys.stdout.write("  → " + ", ".join(str(p) for p in written) + "\n")
