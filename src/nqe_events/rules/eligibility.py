"""Checks of eligibility (period, QPV, organiser, inter-quartier) and warnings."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import OrganiserKind
from ..model.places import qpv_generation
from . import messages as M
from .context import EventContext, Evidence, Outcome, _dates_text, _ev
from .pack import Criterion

# --- eligibility --------------------------------------------------------------------------------


def check_period(ctx: EventContext, crit: Criterion) -> Outcome:
    period = ctx.pack.period
    params = {"start": period.start.isoformat(), "end": period.end.isoformat()}
    if not ctx.days:
        return Outcome("cannot-tell", (), params)
    inside = [d for d in ctx.days if period.start <= d <= period.end]
    outside = [d for d in ctx.days if not period.start <= d <= period.end]
    params["outside"] = _dates_text(outside)
    matched = "period" + ("" if period.confirmed else " (default, not confirmed)")
    ev = (Evidence("occurrences", _dates_text(ctx.days), matched),)
    status = "met" if not outside else "partly-met" if inside else "not-met"
    return Outcome(status, ev, params)


def check_qpv(ctx: EventContext, crit: Criterion) -> Outcome:
    if ctx.quartiers is None:
        why = M.part("no-programme", "fr"), M.part("no-programme", "en")
        return Outcome("cannot-tell", (), {"why": why})
    if ctx.qpv is None:
        why = M.part("no-qpv-list", "fr"), M.part("no-qpv-list", "en")
        return Outcome("cannot-tell", (), {"why": why})
    generations = ctx.pack.eligibility.qpv_generations
    ok: list[Evidence] = []
    bad: list[str] = []
    unknown: list[str] = []
    for q in ctx.quartiers:
        if q.qpv_code is None:
            unknown.append(q.id)
        elif q.qpv_code in ctx.qpv and qpv_generation(q.qpv_code) in generations:
            ok.append(Evidence(f"quartiers.{q.id}.qpv_code", q.qpv_code, "qpv-list"))
        else:
            bad.append(f"{q.id} ({q.qpv_code})")
    params = {"missing": ", ".join(bad + unknown)}
    if ok and not bad and not unknown:
        return Outcome("met", tuple(ok), params)
    if ok:
        return Outcome("partly-met", tuple(ok), params)
    if bad:
        ev = tuple(Evidence("quartiers", b) for b in bad)
        return Outcome("not-met", ev, params)
    why = M.part("no-qpv-code", "fr"), M.part("no-qpv-code", "en")
    return Outcome("cannot-tell", (), {"why": why})


def _kinds(kinds: Sequence[OrganiserKind]) -> str:
    return ", ".join(k.value for k in kinds)


def check_organiser_kind(ctx: EventContext, crit: Criterion) -> Outcome:
    rules = ctx.pack.eligibility
    if ctx.organiser is None:
        why = M.part("no-programme", "fr"), M.part("no-programme", "en")
        return Outcome("cannot-tell", (), {"why": why})
    kind = ctx.organiser.kind
    params = {"kind": kind.value, "eligible": _kinds(rules.eligible_kinds)}
    ev = [Evidence(f"organisers.{ctx.organiser.id}.kind", kind.value)]
    if kind in rules.excluded_kinds:
        return Outcome("not-met", tuple(ev), params)
    if kind in rules.eligible_kinds:
        return Outcome("met", tuple(ev), params)
    if kind in rules.conditional_kinds:
        holders = [p for p in ctx.partner_organisers if p.kind in rules.eligible_kinds]
        if holders:
            ev.append(Evidence("partners", holders[0].id, holders[0].kind.value))
            return Outcome("met", tuple(ev), params)
        return Outcome("partly-met", tuple(ev), params)
    why = M.part("kind-unknown", "fr"), M.part("kind-unknown", "en")
    return Outcome("cannot-tell", tuple(ev), {**params, "why": why})


def check_inter_quartier(ctx: EventContext, crit: Criterion) -> Outcome:
    min_q = int(crit.params.get("min_quartiers", 2))
    need_partner = bool(crit.params.get("require_partner", True))
    nq = len(ctx.event.quartiers)
    partners = ctx.event.partners
    ev = [Evidence("quartiers", ", ".join(ctx.event.quartiers), f"quartiers={nq}")]
    if partners:
        ev.append(Evidence("partners", ", ".join(partners), f"partners={len(partners)}"))
    many = nq >= min_q
    pooled = bool(partners) or not need_partner
    missing_fr = []
    missing_en = []
    if not many:
        missing_fr.append(M.part("add-quartiers", "fr", n=min_q))
        missing_en.append(M.part("add-quartiers", "en", n=min_q))
    if not pooled:
        missing_fr.append(M.part("add-partners", "fr"))
        missing_en.append(M.part("add-partners", "en"))
    params = {
        "min_quartiers": min_q,
        "missing": (M.part("and", "fr").join(missing_fr), M.part("and", "en").join(missing_en)),
    }
    if many and pooled:
        return Outcome("met", tuple(ev), params)
    if ctx.quartiers:
        single = [
            q for q in ctx.quartiers if q.epci and q.epci in ctx.pack.eligibility.single_qpv_epcis
        ]
        if single and nq == 1:
            ev.append(
                Evidence(f"quartiers.{single[0].id}.epci", single[0].epci or "", "single-qpv-epci")
            )
            return Outcome("met", tuple(ev), params)
    if many or pooled:
        return Outcome("partly-met", tuple(ev), params)
    if ctx.quartiers is None or any(q.epci is None for q in ctx.quartiers):
        return Outcome("cannot-tell", tuple(ev), params)
    return Outcome("not-met", tuple(ev), params)


# --- warnings -----------------------------------------------------------------------------------


def check_protected_terms(ctx: EventContext, crit: Criterion) -> Outcome:
    title_only = {t.term for t in ctx.pack.protected_terms.terms if t.title_only}
    found = [(f, m) for f, m in ctx.find("protected") if f == "title" or m.target not in title_only]
    symbols = ctx.pack.protected_terms.symbols
    raw = [("title", ctx.event.title), ("description", ctx.event.description)]
    sym_hits = [
        Evidence(name, s, "symbol") for name, value in raw for s in symbols if s and s in value
    ]
    ev = _ev(found) + sym_hits
    in_title = [e for e in ev if e.field == "title"]
    shown = sorted(
        {e.found if e.matched in (None, "symbol") else e.matched for e in in_title or ev}
    )
    params = {"found": ", ".join(f"« {t} »" for t in shown)}
    if in_title:
        return Outcome("not-met", tuple(ev), params)
    if ev:
        return Outcome("partly-met", tuple(ev), params)
    if not ctx.event.description.strip():
        return Outcome("cannot-tell", (), params)
    return Outcome("met", (), params)


def check_public_holiday(ctx: EventContext, crit: Criterion) -> Outcome:
    kinds = crit.params.get("date_kinds", ["public-holiday"])
    if not ctx.days:
        return Outcome("cannot-tell")
    holidays = ctx.pack.dates_of(kinds)
    hits = [(d, h) for d in ctx.days for h in holidays if h.contains(d)]
    ev = tuple(Evidence("occurrences", d.isoformat(), h.id) for d, h in hits)
    found_days = sorted({d for d, _ in hits})
    params = {"found": ", ".join(f"{d.isoformat()}" for d in found_days)}
    if not hits:
        return Outcome("met", (), params)
    if len(found_days) < len(ctx.days):
        return Outcome("partly-met", ev, params)
    return Outcome("not-met", ev, params)
