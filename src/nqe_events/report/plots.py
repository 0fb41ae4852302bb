"""Plots of a season, French labels (English with ``lang="en"``); each returns a matplotlib Figure.

matplotlib is imported inside the functions (install the ``notebook`` extra). Figures are built with
``matplotlib.figure.Figure`` rather than ``pyplot``, so no global state is touched: in Jupyter, run
``%matplotlib inline`` once and leave the figure as the last expression of a cell, or call
``fig.savefig("calendrier.png")``.

The functions that draw results of other packages take the report objects as they are, or plain
numbers, so that they work with any source:

- :func:`plot_timeline` takes a ``Programme`` (or a ``Plan``, whose planned programme is drawn)
  and, optionally, the clashes to highlight: a ``ClashReport``, or any iterable whose items expose
  the ids of the events involved (see :func:`clash_event_ids`);
- :func:`plot_footprint` takes a ``FootprintReport`` or a ``SeasonFootprint``, or
  ``{category: kgCO2e}`` where a value may be a number, a pint quantity or a ``(central, low,
  high)`` triple for an interval;
- :func:`plot_levers` takes a ``FootprintReport`` or a ``SeasonFootprint``, or
  ``{lever: kgCO2e avoided}`` (same value forms; negative = more emissions);
- :func:`plot_alignment` takes a ``ProgrammeReport``, or ``{principle: share between 0 and 1}``
  and optionally ``{quartier: {principle: share}}``; ``by`` chooses the view (by principle, by
  quartier, or both side by side).

The numbers drawn from report objects are those of :mod:`nqe_events.report.adapters`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal
from zoneinfo import ZoneInfo

from .._render import require_extra
from ..errors import ErrorDetail, InputError, UnknownItemError, did_you_mean, get_language
from ..model import EventStatus, Programme
from ..model.event import normalise_token
from ._inputs import Estimate, as_estimate, as_share, check_mapping
from ._texts import MONTHS, both, fmt_number, fmt_share, text
from .adapters import (
    alignment_by_principle,
    alignment_by_quartier,
    footprint_estimates_by_category,
    is_footprint_report,
    is_programme_report,
    lever_savings,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from ..footprint import FootprintReport, SeasonFootprint
    from ..rules import ProgrammeReport

__all__ = [
    "CLASH_COLOR",
    "MIN_BAR_DAYS",
    "THEME_COLORS",
    "clash_event_ids",
    "plot_alignment",
    "plot_footprint",
    "plot_levers",
    "plot_timeline",
]

#: Fill colour of each theme in the timeline (the first theme of an event decides).
THEME_COLORS: dict[str, str] = {
    "sport": "#1f5fa8",
    "culture": "#8e44ad",
    "developpement-durable": "#2e8b57",
    "": "#7f8c8d",
}
#: Fill colour of events involved in a clash (drawn hatched as well, for colour-blind readers).
CLASH_COLOR = "#d62728"
_BAR_EDGE = "#333333"
#: Shortest bar drawn in the timeline, in days: a 3-hour workshop on a three-month axis would be
#: invisible at its true width, so short occurrences are drawn at least this wide.
MIN_BAR_DAYS = 0.6

# --- the clash protocol ------------------------------------------------------------------------

_ID_FIELDS = ("event_ids", "events", "event_id")
_PAIR_FIELDS = ("event_a", "event_b")


def _field(item: Any, name: str) -> Any:
    if isinstance(item, Mapping):
        return item.get(name)
    return getattr(item, name, None)


def _ids_of(item: Any) -> list[str] | None:
    if isinstance(item, str):
        return [item]
    if isinstance(item, tuple | list | set | frozenset) and all(isinstance(i, str) for i in item):
        return list(item)
    for name in _ID_FIELDS:
        value = _field(item, name)
        if isinstance(value, str):
            return [value]
        if isinstance(value, Iterable) and not isinstance(value, Mapping):
            values = list(value)
            if all(isinstance(v, str) for v in values):
                return values
    pair = [_field(item, name) for name in _PAIR_FIELDS]
    if any(isinstance(p, str) for p in pair):
        return [p for p in pair if isinstance(p, str)]
    return None


def clash_event_ids(clashes: Any) -> frozenset[str]:
    """The ids of the events involved in ``clashes``.

    The protocol is deliberately tiny: ``clashes`` is ``None``, an iterable of clashes, or an
    object (a report) whose ``clashes`` or ``findings`` attribute is such an iterable. Each clash is
    an object or a mapping exposing ``event_ids`` (an iterable of ids); ``events``, ``event_id`` or
    an ``event_a``/``event_b`` pair are accepted too, as is a bare id or a tuple of ids.
    """
    if clashes is None:
        return frozenset()
    if not isinstance(clashes, Iterable) or isinstance(clashes, str | Mapping):
        for name in ("clashes", "findings"):
            inner = getattr(clashes, name, None)
            if inner is not None:
                return clash_event_ids(inner)
        if isinstance(clashes, str):
            return frozenset([clashes])
        raise InputError(*both("err.clash_shape", index=0))
    out: set[str] = set()
    for i, item in enumerate(clashes):
        ids = _ids_of(item)
        if ids is None:
            raise InputError(*both("err.clash_shape", index=i + 1))
        out.update(ids)
    return frozenset(out)


# --- helpers ---------------------------------------------------------------------------------


def _wrap(label: str, width: int = 28) -> str:
    """A long label (« Démarche collective et participative avec et pour les habitants ») on
    several lines, so that it does not squeeze the plot."""
    import textwrap

    return "\n".join(textwrap.wrap(label, width)) or label


def _key(name: str) -> str:
    """Sort key ignoring case and accents, so that « Étouvie » comes before « Moulins »."""
    return str(normalise_token(name))


def _figure(width: float, height: float) -> Figure:
    require_extra("matplotlib")
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def _empty(ax: Axes, lang: str) -> None:
    ax.text(0.5, 0.5, text("plot.no_data", lang), ha="center", va="center", transform=ax.transAxes)
    ax.set_axis_off()


def _kg_unit(values: Iterable[float]) -> tuple[float, str]:
    """Divide by 1000 and show tonnes when the largest value is above 10 t."""
    biggest = max((abs(v) for v in values), default=0.0)
    if biggest >= 10_000:
        return 1000.0, "t CO₂e"
    return 1.0, "kg CO₂e"


def _estimates(values: Any, what: str, *, signed: bool = False) -> dict[str, Estimate]:
    mapping = check_mapping(values, what)
    return {str(k): as_estimate(v, str(k), what, signed=signed) for k, v in mapping.items()}


def _intervals(ax: Axes, items: list[tuple[str, Estimate]], scale: float) -> None:
    """Draw each known interval as a capped line from low to high (the central value may lie
    outside a Monte Carlo interval, so the line is not anchored on the bar)."""
    rows = [
        (i, lo, hi) for i, (_, (_c, lo, hi)) in enumerate(items) if lo is not None or hi is not None
    ]
    if not rows:
        return
    ys = [i for i, _, _ in rows]
    lows = [(lo if lo is not None else items[i][1][0]) / scale for i, lo, _ in rows]
    highs = [(hi if hi is not None else items[i][1][0]) / scale for i, _, hi in rows]
    lines = ax.hlines(ys, lows, highs, colors="#222222", linewidths=1.2, zorder=3)
    lines.set_gid("intervals")
    ax.plot(lows + highs, ys + ys, "|", color="#222222", markersize=7, zorder=3)


# --- the calendar --------------------------------------------------------------------------


def plot_timeline(
    programme: Programme | Any,
    by: Literal["venue", "quartier"] = "venue",
    clashes: Any = None,
    *,
    lang: str | None = None,
    title: str | None = None,
) -> Figure:
    """The summer as a timeline: one row per venue (``by="venue"``) or per quartier, one bar per
    occurrence, coloured by theme; events in ``clashes`` are drawn red and hatched. Occurrences
    shorter than :data:`MIN_BAR_DAYS` are drawn that wide, so that they stay visible.

    Cancelled events are left out; tentative ones are pale; undated events (still to plan) are
    counted in a note under the plot. Each bar's ``gid`` is its event id. A ``Plan`` (the result
    of :func:`nqe_events.plan`) may be passed instead of a programme: its planned programme is
    drawn.

    >>> import nqe_events as nqe
    >>> from nqe_events.report import plot_timeline
    >>> programme = nqe.load_example()
    >>> fig = plot_timeline(programme, clashes=nqe.find_clashes(programme))
    >>> fig.savefig("calendrier.png")                              # doctest: +SKIP
    """
    lang = get_language(lang)
    if not isinstance(programme, Programme) and isinstance(
        getattr(programme, "programme", None), Programme
    ):
        programme = programme.programme  # a Plan
    if not isinstance(programme, Programme):
        raise InputError(*both("err.programme", value=type(programme).__name__))
    if by not in ("venue", "quartier"):
        raise InputError(*both("err.by", value=by))
    highlighted = clash_event_ids(clashes)
    known = {e.id for e in programme.events}
    for event_id in sorted(highlighted - known):
        dym_fr, dym_en = did_you_mean(event_id, sorted(known))
        fr, en = both("err.clash_unknown", value=event_id)
        raise UnknownItemError(
            fr + dym_fr,
            en + dym_en,
            details=[ErrorDetail("clashes", fr, en, found=event_id)],
        )

    require_extra("matplotlib")  # a clear MissingExtraError before the imports below
    import matplotlib.dates
    from matplotlib.patches import Patch
    from matplotlib.ticker import FuncFormatter

    mdates: Any = matplotlib.dates  # partly untyped
    tz = ZoneInfo(programme.timezone)
    shown = [e for e in programme.events if e.status is not EventStatus.CANCELLED and e.occurrences]
    undated = sum(
        1 for e in programme.events if e.status is not EventStatus.CANCELLED and not e.occurrences
    )
    venues = {v.id: v for v in programme.venues}
    quartiers = {q.id: q for q in programme.quartiers}
    if by == "venue":
        used = {e.venue for e in shown}
        row_ids = sorted(used, key=lambda v: (_key(venues[v].commune), _key(venues[v].name)))
        labels = [f"{venues[v].name} ({venues[v].commune})" for v in row_ids]
    else:
        used = {q for e in shown for q in e.quartiers}
        row_ids = sorted(used, key=lambda q: _key(quartiers[q].name))
        labels = [quartiers[q].name for q in row_ids]
    row_of = {rid: i for i, rid in enumerate(row_ids)}

    fig = _figure(11, max(3.0, 0.38 * len(row_ids) + 1.8))
    ax = fig.add_subplot()
    ax.set_title(title or text(f"plot.timeline.{by}", lang, season=programme.season))
    if not shown:
        note = text("plot.no_dated", lang)
        ax.text(0.5, 0.5, note, ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig

    def local(moment: datetime) -> float:
        return float(mdates.date2num(moment.astimezone(tz).replace(tzinfo=None)))

    themes_used: set[str] = set()
    for event in shown:
        theme = event.themes[0].value if event.themes else ""
        themes_used.add(theme)
        clash = event.id in highlighted
        rows = [event.venue] if by == "venue" else list(event.quartiers)
        for occurrence in event.occurrences:
            left = local(occurrence.start)
            width = max(local(occurrence.end) - left, MIN_BAR_DAYS)
            for rid in rows:
                (bar,) = ax.barh(
                    row_of[rid],
                    width,
                    left=left,
                    height=0.6,
                    color=CLASH_COLOR if clash else THEME_COLORS[theme],
                    alpha=0.45 if event.status is EventStatus.TENTATIVE else 1.0,
                    edgecolor="#7b0000" if clash else "none",
                    linewidth=0.6 if clash else 0,
                    hatch="///" if clash else None,
                )
                bar.set_gid(event.id)

    ax.set_yticks(range(len(row_ids)), labels)
    ax.set_ylim(len(row_ids) - 0.5, -0.5)
    ax.xaxis_date()
    months = MONTHS[lang]
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=4, maxticks=12))

    def day_month(x: float, _pos: int | None) -> str:
        moment = mdates.num2date(x)
        return f"{moment.day} {months[moment.month]}"

    ax.xaxis.set_major_formatter(FuncFormatter(day_month))
    ax.set_xlabel(text("plot.date", lang))
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    handles = [
        Patch(
            facecolor=THEME_COLORS[t],
            edgecolor=_BAR_EDGE,
            label=text(f"theme.{t}", lang) if t else text("plot.no_theme", lang),
        )
        for t in THEME_COLORS
        if t in themes_used
    ]
    if highlighted:
        label = text("plot.clash", lang)
        handles.append(Patch(facecolor=CLASH_COLOR, edgecolor="#7b0000", hatch="///", label=label))
    ax.legend(
        handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False
    )
    if undated:
        fig.text(0.01, 0.005, text("plot.undated_note", lang, count=undated), fontsize=8, ha="left")
    return fig


# --- footprint and levers --------------------------------------------------------------------


def plot_footprint(
    by_category: FootprintReport | SeasonFootprint | Mapping[str, Any],
    *,
    total_interval: tuple[float, float] | None = None,
    title: str | None = None,
    lang: str | None = None,
) -> Figure:
    """The carbon footprint by category (horizontal bars, largest first) with intervals.

    ``by_category`` is a :class:`~nqe_events.footprint.FootprintReport` (one event: titled with
    the event) or a :class:`~nqe_events.footprint.SeasonFootprint` (the season), whose 90 %
    interval is printed with the total and whose postes' 90 % intervals are drawn as error bars;
    or a mapping of a category label (« transport des
    publics », « restauration »…) to kg CO₂e: a number, a pint quantity, or ``(central, low,
    high)``. ``total_interval`` ``(low, high)`` is printed with the total. Values above 10 t are
    shown in tonnes.

    >>> import nqe_events as nqe
    >>> from nqe_events.report import plot_footprint
    >>> season = nqe.estimate_programme(nqe.load_example())
    >>> fig = plot_footprint(season)
    """
    lang = get_language(lang)
    if is_footprint_report(by_category):
        report: Any = by_category
        if total_interval is None:
            total_interval = report.interval_90
        if title is None:
            title = (
                text("plot.footprint.event", lang, title=report.title)
                if hasattr(report, "title")
                else text("plot.footprint.season", lang)
            )
        by_category = footprint_estimates_by_category(report, lang=lang)
    items = sorted(_estimates(by_category, "by_category").items(), key=lambda kv: -kv[1][0])
    fig = _figure(8, max(2.8, 0.45 * len(items) + 1.6))
    ax = fig.add_subplot()
    ax.set_title(title or text("plot.footprint.title", lang))
    if not items:
        _empty(ax, lang)
        return fig
    total = sum(c for _, (c, _l, _h) in items)
    scale, unit = _kg_unit([total])
    centrals = [c / scale for _, (c, _l, _h) in items]
    ax.barh(
        range(len(items)),
        centrals,
        color="#c0392b",
        alpha=0.85,
        edgecolor=_BAR_EDGE,
        linewidth=0.6,
    )
    _intervals(ax, items, scale)
    ax.set_yticks(range(len(items)), [_wrap(k) for k, _ in items])
    ax.invert_yaxis()
    ax.set_xlabel(text("plot.footprint.xlabel", lang, unit=unit))
    for i, (_, (central, _low, high)) in enumerate(items):
        ax.annotate(  # after the error bar, so that the number stays readable
            fmt_number(central / scale, lang, 1 if scale > 1 else 0),
            (max(central, high if high is not None else central) / scale, i),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=8,
        )
    decimals = 1 if scale > 1 else 0
    if total_interval is not None:
        _c, low, high = as_estimate((total, *total_interval), "total_interval", "total_interval")
        note = text(
            "plot.footprint.total_interval",
            lang,
            value=fmt_number(total / scale, lang, decimals),
            unit=unit,
            low=fmt_number((low or 0) / scale, lang, decimals),
            high=fmt_number((high or 0) / scale, lang, decimals),
        )
    else:
        note = text(
            "plot.footprint.total", lang, value=fmt_number(total / scale, lang, decimals), unit=unit
        )
    ax.text(0.99, 0.02, note, transform=ax.transAxes, ha="right", va="bottom", fontsize=9)
    ax.margins(x=0.15)
    return fig


def plot_levers(
    levers: FootprintReport | SeasonFootprint | Mapping[str, Any],
    *,
    baseline: float | None = None,
    title: str | None = None,
    lang: str | None = None,
) -> Figure:
    """What each lever would avoid, in kg CO₂e (largest saving first).

    ``levers`` is a :class:`~nqe_events.footprint.FootprintReport` (the event's levers, with their
    90 % intervals, as a share of the event's footprint) or a
    :class:`~nqe_events.footprint.SeasonFootprint` (each lever summed over the events, as a share
    of the season's footprint; see :func:`nqe_events.report.adapters.lever_savings`); or a mapping
    of a lever label (« gobelets réutilisables », « navette en bus »…) to the emissions it avoids:
    a number, a pint quantity or ``(central, low, high)``; a negative value (the lever adds
    emissions) is drawn in grey. With ``baseline`` (the footprint before the levers, kg CO₂e)
    each bar is labelled with its share of it.

    >>> import nqe_events as nqe
    >>> from nqe_events.report import plot_levers
    >>> season = nqe.estimate_programme(nqe.load_example())
    >>> fig = plot_levers(season.events[0])
    """
    lang = get_language(lang)
    if is_footprint_report(levers):
        report: Any = levers
        if baseline is None:
            baseline = report.total_kgco2e
        if title is None:
            title = (
                text("plot.levers.event", lang, title=report.title)
                if hasattr(report, "title")
                else text("plot.levers.season", lang)
            )
        levers = lever_savings(report, lang=lang)
    items = sorted(_estimates(levers, "levers", signed=True).items(), key=lambda kv: -kv[1][0])
    base = None if baseline is None else as_estimate(baseline, "baseline", "baseline")[0]
    fig = _figure(8, max(2.8, 0.45 * len(items) + 1.6))
    ax = fig.add_subplot()
    ax.set_title(title or text("plot.levers.title", lang))
    if not items:
        _empty(ax, lang)
        return fig
    scale, unit = _kg_unit([c for _, (c, _l, _h) in items])
    centrals = [c / scale for _, (c, _l, _h) in items]
    ax.barh(
        range(len(items)),
        centrals,
        color=["#27ae60" if c >= 0 else "#95a5a6" for c in centrals],
        edgecolor=_BAR_EDGE,
        linewidth=0.6,
    )
    _intervals(ax, items, scale)
    ax.set_yticks(range(len(items)), [_wrap(k) for k, _ in items])
    ax.invert_yaxis()
    ax.axvline(0, color="#333333", linewidth=0.8)
    ax.set_xlabel(text("plot.levers.xlabel", lang, unit=unit))
    for i, (_, (central, low, high)) in enumerate(items):
        label = fmt_number(central / scale, lang, 1 if scale > 1 else 0)
        if base:
            label += f" ({fmt_share(central / base, lang)})"
        end = (
            max(central, high if high is not None else central)
            if central >= 0
            else min(central, low if low is not None else central)
        )
        ax.annotate(
            label,
            (end / scale, i),
            xytext=(4 if central >= 0 else -4, 0),
            textcoords="offset points",
            ha="left" if central >= 0 else "right",
            va="center",
            fontsize=8,
        )
    ax.margins(x=0.2)
    return fig


# --- alignment -------------------------------------------------------------------------------


def plot_alignment(
    by_principle: ProgrammeReport | Mapping[str, Any],
    by_quartier: Mapping[str, Mapping[str, Any]] | None = None,
    *,
    by: Literal["both", "principle", "quartier"] = "both",
    programme: Programme | None = None,
    title: str | None = None,
    lang: str | None = None,
) -> Figure:
    """The season's alignment: the share of temps forts aligned with each principle (bars) and a
    quartier × principle grid.

    ``by_principle`` is the :class:`~nqe_events.rules.ProgrammeReport` of ``check_programme``
    (both views are computed from it: only the real principles count, a temps fort is aligned when
    the principle is ``met``; with ``programme``, quartiers are named and cancelled events left
    out); or a mapping of a principle label to a share between 0 and 1, with ``by_quartier``
    mapping a quartier label to such a mapping (a missing principle is drawn grey).

    ``by="principle"`` draws the bars only, ``by="quartier"`` the grid only, ``by="both"`` (the
    default) both side by side when quartier shares are known.

    >>> import nqe_events as nqe
    >>> from nqe_events.report import plot_alignment
    >>> programme = nqe.load_example()
    >>> report = nqe.check_programme(programme)
    >>> fig = plot_alignment(report, programme=programme, by="quartier")
    """
    lang = get_language(lang)
    if by not in ("both", "principle", "quartier"):
        raise InputError(*both("err.by_alignment", value=by))
    if is_programme_report(by_principle):
        report: Any = by_principle
        if by_quartier is None:
            by_quartier = alignment_by_quartier(report, programme=programme, lang=lang)
        by_principle = alignment_by_principle(report, programme=programme, lang=lang)
    if by == "quartier" and by_quartier is None:
        raise InputError(*both("err.no_quartier_shares"))
    principles = {
        str(k): as_share(v, str(k), "by_principle")
        for k, v in check_mapping(by_principle, "by_principle").items()
    }
    grid: dict[str, dict[str, float]] = {}
    if by_quartier is not None:
        for quartier, shares in check_mapping(by_quartier, "by_quartier").items():
            grid[str(quartier)] = {
                str(k): as_share(v, f"{quartier}.{k}", "by_quartier")
                for k, v in check_mapping(shares, f"by_quartier[{quartier!r}]").items()
            }
    columns = list(principles) + sorted({p for s in grid.values() for p in s} - set(principles))
    bars = by != "quartier"
    if by == "principle":
        grid = {}
    if by == "quartier":
        height = max(2.8, 0.4 * len(grid) + 2.6)
        fig = _figure(9, height)
        axes = [None, fig.add_subplot()]
    else:
        height = max(2.8, 0.45 * max(len(principles), len(grid)) + 1.8)
        fig = _figure(12 if grid else 8, height)
        axes = list(fig.subplots(1, 2, width_ratios=[1, 1.3])) if grid else [fig.add_subplot()]
    default_title = "plot.alignment.title_quartier" if by == "quartier" else "plot.alignment.title"
    fig.suptitle(title or text(default_title, lang, season=""))
    ax = axes[0]
    if not bars or ax is None:
        pass
    elif not principles:
        _empty(ax, lang)
    else:
        names = list(principles)
        values = [principles[n] * 100 for n in names]
        ax.barh(range(len(names)), values, color="#1f5fa8", edgecolor=_BAR_EDGE, linewidth=0.6)
        ax.set_yticks(range(len(names)), [_wrap(n) for n in names])
        ax.invert_yaxis()
        ax.set_xlim(0, 112)
        ax.set_xlabel(text("plot.alignment.xlabel", lang) + " (%)")
        for i, n in enumerate(names):
            ax.annotate(
                fmt_share(principles[n], lang),
                (principles[n] * 100, i),
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
                fontsize=8,
            )
    if by == "quartier" and not grid and axes[1] is not None:
        _empty(axes[1], lang)
    if grid:
        import numpy as np

        gax = axes[1]
        assert gax is not None
        rows = sorted(grid, key=_key)
        data = np.array([[grid[q].get(p, np.nan) for p in columns] for q in rows], dtype=float)
        cmap = _colormap()
        image = gax.imshow(np.ma.masked_invalid(data), cmap=cmap, vmin=0, vmax=1, aspect="auto")
        gax.set_xticks(range(len(columns)), [_wrap(c, 16) for c in columns], fontsize=7)
        gax.set_yticks(range(len(rows)), rows)
        if bars:
            gax.set_title(text("plot.alignment.by_quartier", lang), fontsize=10)
        for r, q in enumerate(rows):
            for c, p in enumerate(columns):
                if p in grid[q]:
                    gax.text(
                        c,
                        r,
                        fmt_share(grid[q][p], lang),
                        ha="center",
                        va="center",
                        fontsize=7,
                        color="white" if grid[q][p] > 0.6 else "black",
                    )
        fig.colorbar(image, ax=gax, fraction=0.04, format=lambda x, _pos: fmt_share(x, lang))
    return fig


def _colormap() -> Any:
    import matplotlib

    return matplotlib.colormaps["Blues"].with_extremes(bad="#dddddd")
