"""From the reports of ``rules`` and ``footprint`` to the plain numbers that the bilan and the plots
draw.

The plot functions and :func:`~nqe_events.report.season_summary` accept the report objects
directly and call these adapters themselves; they are public so that you can see (and reuse) the
very numbers that are drawn:

>>> import nqe_events as nqe
>>> from nqe_events.report.adapters import alignment_by_principle
>>> programme = nqe.load_example()
>>> shares = alignment_by_principle(nqe.check_programme(programme), programme=programme)
>>> all(0 <= s <= 1 for s in shares.values())
True

What is counted:

- **alignment**: a temps fort is *aligned with a principle* when that principle's status is
  ``met`` in its :class:`~nqe_events.rules.AlignmentReport`. Only the rule pack's real principles
  count (``role == "principle"``: fil rouge, temps fort, participation, Rev3…); the eligibility
  gate and the warnings are not principles. With ``programme``, cancelled events are left out, as
  in the bilan, so that the share is « temps forts alignés / temps forts ». Keys are the principle
  labels (French by default) or, with ``keys="id"``, the principle ids.
- **footprint by poste**: a report's ``by_category`` with the postes' labels; postes at zero are
  left out. :func:`footprint_estimates_by_category` adds each poste's 90 % interval
  (``by_category_interval_90``; for a season, each factor's error is shared by all the events).
- **levers**: what each lever *avoids* (the opposite of its ``delta_kgco2e``), with its 90 %
  interval for one event; for a season, each lever's savings are summed over the events and no
  interval is given (the events' intervals cannot be added).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Literal

from ..errors import get_language
from ..model import EventStatus, Programme

if TYPE_CHECKING:
    from ..footprint import FootprintReport, SeasonFootprint
    from ..rules import AlignmentReport, ProgrammeReport

__all__ = [
    "alignment_by_principle",
    "alignment_by_quartier",
    "footprint_by_category",
    "footprint_estimates_by_category",
    "footprint_figures",
    "is_footprint_report",
    "is_programme_report",
    "lever_savings",
    "principle_ids",
]

Keys = Literal["label", "id"]


def is_programme_report(value: Any) -> bool:
    """``True`` for a :class:`nqe_events.rules.ProgrammeReport`."""
    from ..rules import ProgrammeReport

    return isinstance(value, ProgrammeReport)


def is_footprint_report(value: Any) -> bool:
    """``True`` for a :class:`~nqe_events.footprint.FootprintReport` or a
    :class:`~nqe_events.footprint.SeasonFootprint`."""
    from ..footprint import FootprintReport, SeasonFootprint

    return isinstance(value, FootprintReport | SeasonFootprint)


def principle_ids(report: ProgrammeReport) -> list[str]:
    """The ids of the real principles of the report's rule pack (``role == "principle"``), in the
    pack's order."""
    roles = {p.id: p.role for r in report.events for p in r.principles}
    return [pid for pid in report.principle_labels if roles.get(pid) == "principle"]


def _counted(report: ProgrammeReport, programme: Programme | None) -> list[AlignmentReport]:
    if programme is None:
        return list(report.events)
    kept = {e.id for e in programme.events if e.status is not EventStatus.CANCELLED}
    return [r for r in report.events if r.event_id in kept]


def _label(report: ProgrammeReport, pid: str, keys: Keys, lang: str) -> str:
    if keys == "id":
        return pid
    fr, en = report.principle_labels.get(pid, (pid, pid))
    return fr if lang == "fr" else en


def _shares(events: Iterable[AlignmentReport], pids: list[str]) -> dict[str, float]:
    rows = list(events)
    if not rows:
        return {}
    met = dict.fromkeys(pids, 0)
    for r in rows:
        for p in r.principles:
            if p.id in met and p.status == "met":
                met[p.id] += 1
    return {pid: met[pid] / len(rows) for pid in pids}


def alignment_by_principle(
    report: ProgrammeReport,
    *,
    programme: Programme | None = None,
    keys: Keys = "label",
    lang: str | None = None,
) -> dict[str, float]:
    """The share (0–1) of temps forts whose status is ``met`` for each real principle.

    With ``programme``, cancelled events are not counted. ``keys="id"`` gives principle ids
    (``"fil-rouge"``) instead of their labels.
    """
    lang = get_language(lang)
    pids = principle_ids(report)
    shares = _shares(_counted(report, programme), pids)
    return {_label(report, pid, keys, lang): share for pid, share in shares.items()}


def alignment_by_quartier(
    report: ProgrammeReport,
    *,
    programme: Programme | None = None,
    keys: Keys = "label",
    lang: str | None = None,
) -> dict[str, dict[str, float]]:
    """For each quartier served, the share of its temps forts aligned with each real principle.

    An inter-quartier temps fort counts in each of its quartiers. With ``programme``, quartiers are
    named (« Lens — Cité 12 » rather than ``lens-cite-12``) and cancelled events are left out.
    """
    lang = get_language(lang)
    pids = principle_ids(report)
    names = {q.id: q.name for q in programme.quartiers} if programme is not None else {}
    groups: dict[str, list[AlignmentReport]] = {}
    for r in _counted(report, programme):
        for q in r.quartiers:
            groups.setdefault(q, []).append(r)
    out: dict[str, dict[str, float]] = {}
    for q in sorted(groups):
        shares = _shares(groups[q], pids)
        name = names.get(q, q) if keys == "label" else q
        out[name] = {_label(report, pid, keys, lang): share for pid, share in shares.items()}
    return out


def footprint_by_category(
    report: FootprintReport | SeasonFootprint, *, lang: str | None = None
) -> dict[str, float]:
    """The report's kg CO₂e by poste, keyed by the poste's label (postes at zero left out)."""
    from ..footprint import messages

    lang = get_language(lang)
    return {
        messages.category_label(category, lang): float(value)
        for category, value in report.by_category.items()
        if value > 0
    }


def footprint_estimates_by_category(
    report: FootprintReport | SeasonFootprint, *, lang: str | None = None
) -> dict[str, tuple[float, float | None, float | None]]:
    """``(central, low, high)`` kg CO₂e by poste, keyed by the poste's label (postes at zero left
    out): the central value and the poste's 90 % Monte Carlo interval (``None`` bounds when the
    report carries no interval for that poste). The central value may lie outside the interval
    (skewed lognormal errors)."""
    from ..footprint import messages

    lang = get_language(lang)
    intervals: dict[str, tuple[float, float]] = getattr(report, "by_category_interval_90", {})
    out: dict[str, tuple[float, float | None, float | None]] = {}
    for category, value in report.by_category.items():
        if value > 0:
            low, high = intervals.get(category, (None, None))
            label = messages.category_label(category, lang)
            out[label] = (
                float(value),
                None if low is None else float(low),
                None if high is None else float(high),
            )
    return out


def lever_savings(
    report: FootprintReport | SeasonFootprint, *, lang: str | None = None
) -> dict[str, tuple[float, float | None, float | None]]:
    """What each lever would avoid, in kg CO₂e: ``{label: (central, low, high)}``.

    For one event, ``(−delta, −high, −low)`` of each :class:`~nqe_events.footprint.LeverResult`
    (a saving is positive). For a season, each lever's savings summed over the events, without
    interval.
    """
    from ..footprint import SeasonFootprint, messages

    lang = get_language(lang)
    if isinstance(report, SeasonFootprint):
        sums: dict[str, float] = {}
        for event in report.events:
            for lever in event.levers:
                sums[lever.lever] = sums.get(lever.lever, 0.0) - lever.delta_kgco2e
        return {messages.lever_label(k, lang): (v, None, None) for k, v in sums.items()}
    return {
        lever.label(lang): (-lever.delta_kgco2e, -lever.interval_90[1], -lever.interval_90[0])
        for lever in report.levers
    }


def footprint_figures(season: SeasonFootprint) -> dict[str, float | None]:
    """The mapping that :func:`~nqe_events.report.season_summary` takes as ``footprint``."""
    low, high = season.interval_90
    return {
        "total_kgco2e": season.total_kgco2e,
        "low_kgco2e": low,
        "high_kgco2e": high,
        "per_attendee_kgco2e": season.per_attendee_kgco2e,
    }
