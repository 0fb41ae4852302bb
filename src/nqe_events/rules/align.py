"""``check_alignment`` and ``check_programme``: judge events against a season's rule pack.

For each criterion the check named in the pack gives a status, evidence and advice. A principle's
status and the event's verdict and score then follow the ``[verdict]`` table of the pack:

- criterion points: ``verdict.points`` (met 1, partly-met 0.5, not-met 0, cannot-tell 0 by default);
- a principle's *share* is the weighted mean of its criteria's points, its *unknown share* the
  weight of its cannot-tell criteria over its total weight; the principle is cannot-tell when the
  unknown share reaches ``principle_unknown_at``, otherwise met at ``principle_met_at``, partly met
  at ``principle_partly_at``, else not met;
- the score is 100 × the weighted mean (principle ``weight``) of the shares of the principles of
  role ``principle``, rounded to an integer;
- the verdict is the first rule of ``verdict.rules`` whose conditions all hold, else
  ``verdict.default``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from .._gc import paused_gc
from ..errors import get_language
from ..model import Event, Programme
from .checks import CHECKS
from .context import EventContext, Outcome, per_pack
from .loader import load_rules
from .pack import Criterion, Principle, RulePack, VerdictRule
from .report import AlignmentReport, CriterionResult, PrincipleResult, ProgrammeReport

__all__ = ["check_alignment", "check_programme", "rules_for"]

RulesArg = RulePack | str | int | Path | None


def rules_for(programme: Programme | None, rules: RulesArg = None) -> RulePack:
    """The rule pack to use: ``rules`` when given, else the programme's ``rules`` field, else
    its season, else 2024."""
    if rules is not None:
        return load_rules(rules)
    if programme is not None:
        return load_rules(programme.rules or programme.season)
    return load_rules(2024)


class _Step(NamedTuple):
    """What judging one criterion needs that does not depend on the event (computed once)."""

    principle: Principle
    crit: Criterion
    fn: Callable[[EventContext, Criterion], Outcome]
    confirmed: bool
    gate: bool
    advice_keys: Mapping[str, str]
    custom: tuple[str | None, str | None]
    #: the fields of its :class:`CriterionResult` before the status, between the evidence and
    #: the advice key, and after the notes
    head: tuple[str, str, str]
    middle: tuple[str, str, float, bool]
    tail: tuple[str, bool, bool]


def plan(pack: RulePack) -> tuple[tuple[Principle, tuple[_Step, ...]], ...]:
    """The pack's criteria with their check, confirmation and gate role, once per pack."""
    out = []
    for principle in pack.principles:
        steps = []
        for crit in principle.criteria:
            spec = CHECKS[crit.check]
            confirmed = crit.confirmed
            sources = crit.sources
            if spec.section == "period":
                confirmed = confirmed and pack.period.confirmed
                sources = sources or pack.period.sources
            elif spec.section == "eligibility":
                confirmed = confirmed and pack.eligibility.confirmed
                sources = sources or pack.eligibility.sources
            gate = principle.role == "gate" and confirmed and bool(sources)
            keys = {st: f"{crit.check}.{st}" for st in ("partly-met", "not-met", "cannot-tell")}
            custom = (crit.advice_fr, crit.advice_en)
            head = (crit.id, principle.id, principle.role)
            middle = (crit.label_fr, crit.label_en, crit.weight, confirmed)
            tail = (crit.strength, gate, crit.decisive)
            steps.append(
                _Step(principle, crit, spec.fn, confirmed, gate, keys, custom, head, middle, tail)
            )
        out.append((principle, tuple(steps)))
    return tuple(out)


_new_result = tuple.__new__
_STATUSES = ("met", "partly-met", "not-met", "cannot-tell")


class _PrincipleStep(NamedTuple):
    """A principle with what judging it needs that does not depend on the event."""

    principle: Principle
    alternatives: bool
    #: ``(weight, decisive, strong)`` of each criterion, in order
    crits: tuple[tuple[float, bool, bool], ...]
    #: the weight of the decisive criteria of an ``any``/``at_least`` principle (conditions)
    conditions_w: float
    #: each criterion's check and the fields of its :class:`CriterionResult`, flat
    runs: tuple[tuple[Any, ...], ...]
    #: ``any``/``at_least``: the links that meet it and the links that make its share full;
    #: otherwise the share that meets it
    k: int
    full: int
    met_at: float


class _Plan(NamedTuple):
    principles: tuple[_PrincipleStep, ...]
    points: Mapping[str, float]
    #: positions of the gate criteria among all criteria
    gates: tuple[int, ...]
    #: per verdict rule, the positions of the criteria its ``any_criterion_not_met`` names
    rule_criteria: tuple[tuple[int, ...], ...]


def _plan(pack: RulePack) -> _Plan:
    """:func:`plan` in the form :func:`_judge` reads, once per pack."""

    def build() -> _Plan:
        v = pack.verdict
        out = []
        gates: list[int] = []
        k = 0
        for principle, steps in plan(pack):
            alternatives = principle.logic in ("any", "at_least")
            crits = tuple(
                (s.crit.weight, s.crit.decisive, s.crit.strength == "strong") for s in steps
            )
            conditions_w = sum(s.crit.weight for s in steps if s.crit.decisive)
            runs = tuple(
                (s.fn, s.crit, *s.head, *s.middle, s.advice_keys.get, s.custom, *s.tail)
                for s in steps
            )
            for s in steps:
                if s.gate:
                    gates.append(k)
                k += 1
            k_links = principle.at_least or 1
            full = max(principle.full_at or k_links + 2, k_links)
            met_at = principle.threshold if principle.threshold is not None else v.principle_met_at
            out.append(
                _PrincipleStep(
                    principle, alternatives, crits, conditions_w, runs, k_links, full, met_at
                )
            )
        points = {st: v.points.of(st) for st in _STATUSES}
        ids = [c.id for _, c in pack.criteria]
        rule_criteria = tuple(
            tuple(k for k, c_id in enumerate(ids) if c_id in set(rule.any_criterion_not_met))
            for rule in v.rules
        )
        return _Plan(tuple(out), points, tuple(gates), rule_criteria)

    return per_pack(pack, "judging-plan", build)


def _principle(
    pack: RulePack, ps: _PrincipleStep, statuses: list[str], points: Mapping[str, float]
) -> PrincipleResult:
    v = pack.verdict
    p = ps.principle
    alternatives = ps.alternatives
    total = unknown_w = counted_w = earned = 0.0
    links = partial = met = 0
    strong_not_met = strong_unknown = strong_not_all_met = False
    veto = ""
    weak_hits = 0
    for st, (w, decisive, strong) in zip(statuses, ps.crits, strict=True):
        total += w
        if decisive:
            if st == "not-met":
                veto = "not-met"
            elif st == "partly-met" and not veto:
                veto = "partly-met"
            if alternatives:
                continue  # a condition, not a link
        if not strong and alternatives and st != "cannot-tell":
            # weak evidence alone is no link: it adds to a principle only once a strong one is
            # there (in the share), it never makes it « en partie » by itself
            weak_hits += st != "not-met"
            continue
        if st == "cannot-tell":
            unknown_w += w
            if strong:
                strong_unknown = strong_not_all_met = True
            continue
        if st == "met":
            met += 1
            if strong:
                links += 1
            else:
                partial += 1
        else:
            if strong:
                strong_not_all_met = True
                if st == "not-met":
                    strong_not_met = True
                else:
                    partial += 1
            elif st == "partly-met":
                partial += 1
        # weak evidence adds, never subtracts
        if strong or st != "not-met":
            counted_w += w
            earned += w * points[st]
    conditions_w = ps.conditions_w if alternatives else 0.0
    judged_w = total - conditions_w
    unknown = unknown_w / judged_w if judged_w else 1.0
    known = unknown_w < judged_w
    status: str
    if alternatives:
        k = ps.k
        full = ps.full
        if links >= k:
            status = "met"
            extra = (links + 0.5 * weak_hits - k) / (full - k) if full > k else 1.0
            share = v.principle_met_at + (1 - v.principle_met_at) * min(1.0, extra)
        elif links or partial:
            status, share = "partly-met", v.principle_partly_at
        elif known:
            status, share = "not-met", 0.0
        else:
            status, share = "cannot-tell", 0.0
        if veto == "not-met":
            status, share = "not-met", 0.0
        elif veto == "partly-met" and status == "met":
            status, share = "partly-met", v.principle_partly_at
        return PrincipleResult(
            p.id, p.role, status, share, unknown, p.label_fr, p.label_en, p.weight, links
        )
    share = earned / counted_w if counted_w else 0.0
    met_at = ps.met_at
    if p.logic == "all":
        if strong_not_met:
            status = "not-met"
        elif not known or strong_unknown:
            status = "cannot-tell"
        elif not strong_not_all_met:
            status = "met"
        else:
            status = "partly-met"
    elif not known or unknown >= v.principle_unknown_at:
        status = "cannot-tell"
    elif share >= met_at:
        status = "met"
    elif share >= v.principle_partly_at:
        status = "partly-met"
    else:
        status = "not-met"
    if veto == "not-met":
        status = "not-met"
    elif veto == "partly-met" and status == "met":
        status = "partly-met"
    return PrincipleResult(
        p.id, p.role, status, share, unknown, p.label_fr, p.label_en, p.weight, met
    )


def _holds(
    rule: VerdictRule,
    score: float,
    unknown: float,
    principles: Mapping[str, str],
    gates: list[str],
    statuses: list[str],
    named: tuple[int, ...],
) -> bool:
    """Whether every condition the rule gives holds (the first that does not ends the test).

    ``principles`` are the principles' statuses by id, ``gates`` the gate criteria's statuses,
    ``statuses`` every criterion's, ``named`` the positions of the criteria the rule's
    ``any_criterion_not_met`` names."""
    want = rule.any_gate_not_met
    if want is not None and ("not-met" in gates) != want:
        return False
    want = rule.any_gate_cannot_tell
    if want is not None and ("cannot-tell" in gates) != want:
        return False
    if rule.score_below is not None and not score < rule.score_below:
        return False
    if rule.score_at_least is not None and not score >= rule.score_at_least:
        return False
    if rule.unknown_share_at_least is not None and not unknown >= rule.unknown_share_at_least:
        return False
    for pid in rule.principles_met:
        if principles[pid] != "met":
            return False
    for pid in rule.principles_at_least_partly:
        if principles[pid] not in ("met", "partly-met"):
            return False
    if rule.any_criterion_not_met:
        return any(statuses[k] == "not-met" for k in named)
    return True


def _judge(
    ctx: EventContext,
    lang: str | None,
    steps: _Plan | None = None,
) -> AlignmentReport:
    pack = ctx.pack
    judging = steps if steps is not None else _plan(pack)
    points = judging.points
    criteria: list[CriterionResult] = []
    principles: list[PrincipleResult] = []
    add = criteria.append
    all_statuses: list[str] = []
    for ps in judging.principles:
        statuses: list[str] = []
        for (
            fn,
            crit,
            c_id,
            p_id,
            role,
            l_fr,
            l_en,
            w,
            conf,
            keys,
            custom,
            stg,
            gate,
            dec,
        ) in ps.runs:
            status, evidence, params, notes = fn(ctx, crit)
            statuses.append(status)
            # the result's fields in their order, from the step and the check's outcome: the
            # tuple is made directly, without the generated constructor's argument handling
            add(
                _new_result(
                    CriterionResult,
                    (
                        c_id,
                        p_id,
                        role,
                        status,
                        evidence,
                        l_fr,
                        l_en,
                        w,
                        conf,
                        keys(status),
                        params,
                        custom,
                        notes,
                        stg,
                        gate,
                        dec,
                    ),
                )
            )
        principles.append(_principle(pack, ps, statuses, points))
        all_statuses += statuses
    scored = [p for p in principles if p.role == "principle"]
    weight = sum(p.weight for p in scored)
    unknown = sum(p.weight * p.unknown_share for p in scored) / weight if weight else 0.0
    # a principle that cannot be judged is left out of the score (its unknown share says so)
    judged = [p for p in scored if p.status != "cannot-tell"]
    judged_weight = sum(p.weight for p in judged)
    raw = 100 * sum(p.weight * p.share for p in judged) / judged_weight if judged_weight else 0.0
    score = round(raw)
    by_id = {p.id: p.status for p in principles}
    gates = [all_statuses[k] for k in judging.gates]
    verdict = pack.verdict.default
    for rule, named in zip(pack.verdict.rules, judging.rule_criteria, strict=True):
        if _holds(rule, score, unknown, by_id, gates, all_statuses, named):
            verdict = rule.verdict
            break
    event = ctx.event
    return AlignmentReport(
        event_id=event.id,
        title=event.title,
        season=pack.season,
        rules=pack.id,
        fil_rouge=pack.fil_rouge.label_fr,
        verdict=verdict,
        score=score,
        principles=tuple(principles),
        criteria=tuple(criteria),
        quartiers=tuple(event.quartiers),
        departements=ctx.departements,
        lang=lang,
    )


def check_alignment(
    event: Event,
    rules: RulesArg = None,
    *,
    programme: Programme | None = None,
    qpv: Any = None,
    lang: str | None = None,
) -> AlignmentReport:
    """Judge one event against a season's rules.

    ``rules`` is a season (``2024``), a shipped id, a path to a TOML rule file or a loaded
    :class:`RulePack`; by default the programme's rules, else 2024. Give the ``programme`` the
    event belongs to so that quartiers, organiser and venue can be judged (without it those
    criteria are "cannot tell"), and ``qpv`` (a :class:`nqe_events.io.QpvList`) to verify the
    quartiers' QPV codes. ``lang`` sets the language of renderings (French by default).

    >>> import nqe_events as nqe
    >>> p = nqe.load_example()
    >>> report = nqe.check_alignment(p.events[0], programme=p)
    >>> report.verdict in ("aligned", "partly-aligned", "not-aligned", "cannot-tell")
    True
    """
    if lang is not None:
        get_language(lang)
    pack = rules_for(programme, rules)
    ctx = EventContext(event, pack, programme=programme, qpv=qpv)
    return _judge(ctx, lang)


def check_programme(
    programme: Programme,
    rules: RulesArg = None,
    *,
    qpv: Any = None,
    events: Iterable[str] | None = None,
    lang: str | None = None,
) -> ProgrammeReport:
    """Judge every event of a programme (or only the ``events`` ids given) and summarise.

    Cancelled events are judged too (their verdict still tells what they lacked).
    """
    if lang is not None:
        get_language(lang)
    pack = rules_for(programme, rules)
    lookups = programme.by_id()
    chosen = programme.events
    if events is not None:
        wanted = list(events)
        chosen = tuple(programme.event(e) for e in wanted)
    steps = _plan(pack)
    # judging builds many small objects, most of which live as long as the report: the
    # collector is paused and they are promoted to its oldest generation (nqe_events._gc)
    with paused_gc(promote=True, when=len(chosen) >= 500):
        reports = tuple(
            _judge(
                EventContext(e, pack, programme=programme, lookups=lookups, qpv=qpv), lang, steps
            )
            for e in chosen
        )
    return ProgrammeReport(
        season=pack.season,
        rules=pack.id,
        fil_rouge=pack.fil_rouge.label_fr,
        events=reports,
        principle_labels={p.id: (p.label_fr, p.label_en) for p in pack.principles},
        criterion_labels={c.id: (c.label_fr, c.label_en) for _, c in pack.criteria},
        lang=lang,
        quartier_names={q.id: q.name for q in programme.quartiers},
        fil_rouge_en=pack.fil_rouge.label_en,
    )
