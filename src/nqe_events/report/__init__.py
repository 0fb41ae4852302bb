"""Rendering of results for people: the season summary (bilan) and plots.

``season_summary(programme)`` gives the figures the Region reports (``bilan_html`` makes them a
printable page); the ``plot_*`` functions return
matplotlib figures with French labels. Both take the report objects of ``rules`` and ``footprint`` as
they are (the numbers drawn are computed by :mod:`nqe_events.report.adapters`) or plain mappings. matplotlib and pandas are imported only when a plot or a
DataFrame is asked for (``notebook`` extra).
"""

from .._render import styled
from .page import bilan_html
from .plots import (
    clash_event_ids,
    plot_alignment,
    plot_footprint,
    plot_levers,
    plot_timeline,
)
from .summary import (
    PrincipleShare,
    SeasonSummary,
    SummaryFinding,
    season_summary,
    season_summary_full,
)

__all__ = [
    "PrincipleShare",
    "SeasonSummary",
    "SummaryFinding",
    "bilan_html",
    "clash_event_ids",
    "plot_alignment",
    "plot_footprint",
    "plot_levers",
    "plot_timeline",
    "season_summary",
    "season_summary_full",
    "styled",
]
