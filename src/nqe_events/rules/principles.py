"""Checks of the temps fort, participation and Rev3 principles."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from ..errors import closest
from .context import EventContext, Evidence, Outcome, _dates_text, _ev
from .pack import Criterion

# --- temps fort ---------------------------------------------------------------------------------


def check_days(ctx: EventContext, crit: Criterion) -> Outcome:
    met_max = int(crit.params.get("met_max_days", 7))
    partly_max = int(crit.params.get("partly_max_days", 21))
    params = {"met_max_days": met_max, "days": len(ctx.days)}
    if not ctx.days:
        return Outcome("cannot-tell", (), params)
    ev = (Evidence("occurrences", _dates_text(ctx.days), f"days={len(ctx.days)}"),)
    n = len(ctx.days)
    status = "met" if n <= met_max else "partly-met" if n <= partly_max else "not-met"
    return Outcome(status, ev, params)


def weekly_run(starts: Sequence[datetime]) -> int:
    """The longest run of sessions exactly one week apart, at the same wall-clock time."""
    walls = {s.replace(tzinfo=None) for s in starts}
    best = 0
    for s in walls:
        if s - timedelta(days=7) in walls:
            continue  # not the first of a run
        n, cur = 1, s
        while cur + timedelta(days=7) in walls:
            n, cur = n + 1, cur + timedelta(days=7)
        best = max(best, n)
    return best


def check_weekly_routine(ctx: EventContext, crit: Criterion) -> Outcome:
    partly = int(crit.params.get("partly_weeks", 2))
    not_met = int(crit.params.get("not_met_weeks", 3))
    occ = ctx.event.occurrences
    if not occ:
        return Outcome("cannot-tell")
    run = weekly_run([o.start for o in occ])
    params = {"weeks": run}
    ev = (Evidence("occurrences", f"{len(occ)} occurrence(s)", f"weekly-run={run}"),)
    if run >= not_met:
        return Outcome("not-met", ev, params)
    if run >= partly:
        return Outcome("partly-met", ev, params)
    return Outcome("met", ev, params)


def check_festive(ctx: EventContext, crit: Criterion) -> Outcome:
    kws = ctx.keywords(str(crit.params.get("keywords", "festive")))
    in_title = [(f, m) for f, m in kws if f == "title"]
    if in_title:
        return Outcome("met", tuple(_ev(kws)))
    if kws:
        return Outcome("partly-met", tuple(_ev(kws)))
    if not ctx.has_description:
        return Outcome("cannot-tell")
    return Outcome("not-met")


def check_attendance(ctx: EventContext, crit: Criterion) -> Outcome:
    met_at = int(crit.params.get("met_at", 150))
    partly_at = int(crit.params.get("partly_at", 50))
    n = ctx.event.expected_attendance
    params = {"met_at": met_at, "partly_at": partly_at, "found": n}
    if n is None:
        return Outcome("cannot-tell", (), params)
    ev = (Evidence("expected_attendance", str(n)),)
    status = "met" if n >= met_at else "partly-met" if n >= partly_at else "not-met"
    return Outcome(status, ev, params)


# --- participation ------------------------------------------------------------------------------

_PHASES = {
    "conception": ("conception", "conception"),
    "realisation": ("réalisation", "delivery"),
    "evaluation": ("évaluation", "evaluation"),
}


def check_participation_phases(ctx: EventContext, crit: Criterion) -> Outcome:
    phases = list(crit.params.get("phases", list(_PHASES)))
    p = ctx.event.participation
    if p is None:
        return Outcome("cannot-tell")
    values = {ph: getattr(p, ph) for ph in phases}
    yes = [ph for ph, v in values.items() if v is True]
    ev = [
        Evidence(f"participation.{ph}", str(v).lower()) for ph, v in values.items() if v is not None
    ]
    missing_ph = [ph for ph in phases if values[ph] is not True]
    missing = (
        ", ".join(_PHASES[ph][0] for ph in missing_ph),
        ", ".join(_PHASES[ph][1] for ph in missing_ph),
    )
    params = {"missing": missing}
    if len(yes) == len(phases):
        return Outcome("met", tuple(ev), params)
    if yes:
        return Outcome("partly-met", tuple(ev), params)
    if all(v is False for v in values.values()):
        return Outcome("not-met", tuple(ev), params)
    return Outcome("cannot-tell", tuple(ev), params)


def check_volunteers(ctx: EventContext, crit: Criterion) -> Outcome:
    met_at = int(crit.params.get("met_at", 5))
    partly_at = int(crit.params.get("partly_at", 1))
    p = ctx.event.participation
    n = None if p is None else p.volunteer_inhabitants
    params = {"met_at": met_at, "found": n}
    if n is None:
        return Outcome("cannot-tell", (), params)
    ev = (Evidence("participation.volunteer_inhabitants", str(n)),)
    status = "met" if n >= met_at else "partly-met" if n >= partly_at else "not-met"
    return Outcome(status, ev, params)


# --- rev3 ---------------------------------------------------------------------------------------


def _suggest(ctx: EventContext, n: int = 3) -> str:
    declared = set(ctx.event.rev3)
    return ", ".join([i.id for i in ctx.pack.rev3.items if i.id not in declared][:n])


def _rev3_known(ctx: EventContext) -> tuple[list[str], list[Evidence]]:
    items = ctx.pack.rev3_items
    known: list[str] = []
    ev: list[Evidence] = []
    for i, slug in enumerate(ctx.event.rev3):
        item = items.get(slug)
        if item is None:
            guess = closest(slug, list(items))
            ev.append(Evidence(f"rev3[{i}]", slug, f"? {guess[0]}" if guess else None))
        else:
            known.append(slug)
            ev.append(Evidence(f"rev3[{i}]", slug, item.category))
    return known, ev


def check_rev3_measures(ctx: EventContext, crit: Criterion) -> Outcome:
    met_at = int(crit.params.get("met_at", 5))
    partly_at = int(crit.params.get("partly_at", 2))
    known, ev = _rev3_known(ctx)
    params = {
        "met_at": met_at,
        "partly_at": partly_at,
        "found": len(known),
        "suggest": _suggest(ctx),
    }
    if not ctx.event.rev3:
        return Outcome("cannot-tell", (), params)
    n = len(known)
    status = "met" if n >= met_at else "partly-met" if n >= partly_at else "not-met"
    return Outcome(status, tuple(ev), params)


def check_rev3_categories(ctx: EventContext, crit: Criterion) -> Outcome:
    met_at = int(crit.params.get("met_at", 4))
    partly_at = int(crit.params.get("partly_at", 2))
    cats = {c.id: c for c in ctx.pack.rev3.categories}
    wanted = list(crit.params.get("categories", list(cats)))
    known, _ = _rev3_known(ctx)
    items = ctx.pack.rev3_items
    covered = sorted({items[k].category for k in known} & set(wanted))
    # suggest just enough areas to reach met_at (at least one, at most three)
    needed = min(3, max(1, met_at - len(covered)))
    missing_c = [cats[c] for c in wanted if c not in covered][:needed]

    def describe(lang: str) -> str:
        parts = []
        for c in missing_c:
            label = c.label_fr if lang == "fr" else c.label_en
            eng = c.engagement_fr if lang == "fr" else c.engagement_en
            parts.append(f"{label} ({eng})" if eng else label)
        return "; ".join(parts)

    params = {"missing": lambda: (describe("fr"), describe("en")), "met_at": met_at}
    if not ctx.event.rev3:
        return Outcome("cannot-tell", (), params)
    ev = tuple(Evidence("rev3", c, "category") for c in covered)
    n = len(covered)
    status = "met" if n >= met_at else "partly-met" if n >= partly_at else "not-met"
    return Outcome(status, ev, params)
