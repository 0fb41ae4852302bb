"""The registry of check functions that rule packs name by id.

A criterion of a rule pack says *what* to judge (its label, weight and thresholds in ``params``);
the check it names says *how*. Each check returns an :class:`Outcome`: a status, the evidence it
used (field and matched word) and the parameters of its advice. Missing data gives
``cannot-tell``, never a silent ``not-met``.

Checks only read the event, its programme context and the pack: they are pure and never raise for
an event's content.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from types import MappingProxyType
from typing import Any, NamedTuple

from ..errors import ErrorDetail, closest
from ..model import Event, Organiser, OrganiserKind, Programme, Quartier, Theme, Venue
from ..model.places import qpv_generation
from . import messages as M
from .pack import Criterion, RulePack
from .text import Match

__all__ = [
    "CHECKS",
    "CheckSpec",
    "EventContext",
    "Evidence",
    "Outcome",
    "Param",
    "semantic_problems",
]


class Evidence(NamedTuple):
    """What a check used: the event field, what was found there and what it matched in the pack."""

    field: str
    found: str
    matched: str | None = None

    def to_dict(self) -> dict[str, str | None]:
        return {"field": self.field, "found": self.found, "matched": self.matched}


class Outcome(NamedTuple):
    status: str
    evidence: tuple[Evidence, ...] = ()
    params: Mapping[str, Any] = MappingProxyType({})


class EventContext:
    """An event with what the checks need around it, computed once (texts, tokens, matches)."""

    def __init__(
        self,
        event: Event,
        pack: RulePack,
        *,
        programme: Programme | None = None,
        lookups: Mapping[str, Mapping[str, Any]] | None = None,
        qpv: Any = None,
    ) -> None:
        self.event = event
        self.pack = pack
        self.programme = programme
        self.qpv = qpv
        lk = lookups if lookups is not None else (programme.by_id() if programme else None)
        self.quartiers: tuple[Quartier, ...] | None = None
        self.organiser: Organiser | None = None
        self.partner_organisers: tuple[Organiser, ...] = ()
        self.venue: Venue | None = None
        if lk is not None:
            qs = lk["quartiers"]
            self.quartiers = tuple(qs[q] for q in event.quartiers if q in qs)
            self.organiser = lk["organisers"].get(event.organiser)
            self.partner_organisers = tuple(
                lk["organisers"][p] for p in event.partners if p in lk["organisers"]
            )
            self.venue = lk["venues"].get(event.venue)
        matcher = pack.matcher
        fields: list[tuple[str, str]] = [("title", event.title)]
        if event.description.strip():
            fields.append(("description", event.description))
        fields.extend((f"activities[{i}]", a) for i, a in enumerate(event.activities))
        self.texts = [(name, matcher.find_all(value)) for name, value in fields]
        self.label_texts = [
            (f"labels[{i}]", matcher.find_all(label)) for i, label in enumerate(event.labels)
        ]
        self.venue_text = matcher.find_all(self.venue.name) if self.venue is not None else {}
        self.has_text = len(fields) > 1
        #: a description to read (values, festive nature, speakers are described there)
        self.has_description = bool(event.description.strip())
        self.days: tuple[date, ...] = event.days
        self._found: dict[str, list[tuple[str, Match]]] = {}

    def find(self, group: str, *, labels: bool = False) -> list[tuple[str, Match]]:
        """``(field, match)`` for every word of ``group`` in the texts (and labels when asked)."""
        key = f"{group}|{labels}"
        if key not in self._found:
            out: list[tuple[str, Match]] = []
            sources = self.texts + self.label_texts if labels else self.texts
            for name, by_group in sources:
                out.extend((name, m) for m in by_group.get(group, ()))
            self._found[key] = out
        return self._found[key]

    def keywords(self, group: str) -> list[tuple[str, Match]]:
        return self.find(f"kw:{group}")

    @property
    def departements(self) -> tuple[str, ...]:
        if self.quartiers is None:
            return ()
        return tuple(sorted({q.departement for q in self.quartiers}))


def _ev(
    found: Sequence[tuple[str, Match]], label: Callable[[Match], str] | None = None
) -> list[Evidence]:
    out: list[Evidence] = []
    seen: set[tuple[str, str]] = set()
    for name, m in found:
        key = (name, m.target)
        if key in seen:
            continue
        seen.add(key)
        out.append(Evidence(name, m.found, label(m) if label else m.pattern))
    return out


def _sport_label(pack: RulePack) -> Callable[[Match], str]:
    sports = pack.sports_by_id

    def label(m: Match) -> str:
        s = sports.get(m.target)
        return f"{s.fr} ({s.games})" if s else m.target

    return label


def _dates_text(days: Sequence[date]) -> str:
    return ", ".join(d.isoformat() for d in days[:6]) + (" …" if len(days) > 6 else "")


# --- fil rouge ----------------------------------------------------------------------------------


def check_games_sport(ctx: EventContext, crit: Criterion) -> Outcome:
    sports = ctx.find("sport")
    if sports:
        return Outcome("met", tuple(_ev(sports, _sport_label(ctx.pack))))
    generic = ctx.keywords(str(crit.params.get("keywords", "sport-generic")))
    evidence = _ev(generic)
    if Theme.SPORT in ctx.event.themes:
        evidence.append(Evidence("themes", "sport"))
    if evidence:
        return Outcome("partly-met", tuple(evidence))
    if not ctx.has_text:
        return Outcome("cannot-tell")
    return Outcome("not-met")


def check_para_inclusion(ctx: EventContext, crit: Criterion) -> Outcome:
    sports = ctx.pack.sports_by_id
    para = [(f, m) for f, m in ctx.find("sport") if sports[m.target].games == "paralympic"]
    kws = ctx.keywords(str(crit.params.get("keywords", "inclusion")))
    audience = str(crit.params.get("audience", "handicap"))
    evidence = _ev(para, _sport_label(ctx.pack)) + _ev(kws)
    signals = 1 if kws else 0
    if audience in ctx.event.audiences:
        signals += 1
        evidence.append(Evidence("audiences", audience))
    if ctx.venue is not None and ctx.venue.accessible_pmr:
        signals += 1
        evidence.append(Evidence("venue.accessible_pmr", "true"))
    if para or signals >= 2:
        return Outcome("met", tuple(evidence))
    if signals == 1:
        return Outcome("partly-met", tuple(evidence))
    if not ctx.has_text and not ctx.event.audiences:
        return Outcome("cannot-tell")
    return Outcome("not-met")


def check_values_education(ctx: EventContext, crit: Criterion) -> Outcome:
    values = ctx.find("value")
    kws = ctx.keywords(str(crit.params.get("keywords", "values-education")))
    met_at = int(crit.params.get("met_at", 2))
    distinct = {m.target for _, m in values}
    score = len(distinct) + (1 if kws else 0)
    evidence = tuple(_ev(values) + _ev(kws))
    params = {"met_at": met_at, "found": ", ".join(sorted(distinct)) or "—"}
    if score >= met_at:
        return Outcome("met", evidence, params)
    if score >= 1:
        return Outcome("partly-met", evidence, params)
    if not ctx.has_description:
        return Outcome("cannot-tell", (), params)
    return Outcome("not-met", (), params)


def _torch_text(ctx: EventContext) -> str:
    days = [d for dep in ctx.departements for d in ctx.pack.torch_days.get(dep, ())]
    if not days:
        days = list(ctx.pack.games.torch_relay)
    return ", ".join(f"{d.date.isoformat()} ({d.departement_name or d.departement})" for d in days)


def check_celebration(ctx: EventContext, crit: Criterion) -> Outcome:
    kinds = crit.params.get("date_kinds", ["olympic-games", "paralympic-games"])
    use_torch = bool(crit.params.get("torch_relay", True))
    periods = ctx.pack.dates_of(kinds)
    kws = ctx.keywords(str(crit.params.get("keywords", "celebration"))) + ctx.find(
        "celebration-format"
    )
    games_text = ", ".join(f"{p.start.isoformat()} – {p.end.isoformat()}" for p in periods)
    params: dict[str, Any] = {"torch": _torch_text(ctx) or "—", "games": games_text or "—"}
    if not ctx.days:
        return Outcome("cannot-tell", tuple(_ev(kws)), params)
    evidence = _ev(kws)
    on_day = False
    if use_torch:
        for dep in ctx.departements:
            for torch in ctx.pack.torch_days.get(dep, ()):
                if torch.date in ctx.days:
                    on_day = True
                    evidence.append(
                        Evidence("occurrences", torch.date.isoformat(), f"torch-relay:{dep}")
                    )
    for period in periods:
        hits = [d for d in ctx.days if period.contains(d)]
        if hits:
            on_day = True
            evidence.append(Evidence("occurrences", _dates_text(hits), period.id))
    configured = bool(periods) or (use_torch and bool(ctx.pack.games.torch_relay))
    if not configured:
        on_day = True  # no celebration dates this season: the keywords decide alone
    if on_day and kws:
        return Outcome("met", tuple(evidence), params)
    if on_day or kws:
        missing = M.part("add-keyword", "fr"), M.part("add-keyword", "en")
        if not on_day:
            missing = M.part("add-date", "fr", **params), M.part("add-date", "en", **params)
        return Outcome("partly-met", tuple(evidence), {**params, "missing": missing})
    if not configured and not ctx.has_text:
        return Outcome("cannot-tell", (), params)
    return Outcome("not-met", (), params)


def _label_hits(ctx: EventContext, wanted: Sequence[str]) -> list[Evidence]:
    hits = [(f, m) for f, m in ctx.find("label", labels=True) if m.target in wanted]
    return _ev(hits, lambda m: m.target)


def check_culture_sport(ctx: EventContext, crit: Criterion) -> Outcome:
    labels = _label_hits(ctx, crit.params.get("labels", ["olympiade-culturelle"]))
    culture = _ev(ctx.keywords(str(crit.params.get("keywords", "culture"))))
    if Theme.CULTURE in ctx.event.themes:
        culture.append(Evidence("themes", "culture"))
    sport = _ev(ctx.find("sport"), _sport_label(ctx.pack)) + _ev(ctx.keywords("sport-generic"))
    if Theme.SPORT in ctx.event.themes:
        sport.append(Evidence("themes", "sport"))
    venue_group = f"kw:{crit.params.get('venue_keywords', 'sports-venue')}"
    if ctx.venue is not None:
        sport += [
            Evidence("venue.name", m.found, m.pattern) for m in ctx.venue_text.get(venue_group, ())
        ]
    values = _ev(ctx.find("value"))
    if labels or (culture and (sport or values)):
        return Outcome("met", tuple(labels + culture + sport + values))
    if culture:
        return Outcome("partly-met", tuple(culture))
    if not ctx.has_text and not ctx.event.themes:
        return Outcome("cannot-tell")
    return Outcome("not-met", tuple(sport))


def check_games_network(ctx: EventContext, crit: Criterion) -> Outcome:
    met_at = int(crit.params.get("met_at", 2))
    labels = _label_hits(ctx, crit.params.get("labels", ["terre-de-jeux", "generation-2024"]))
    athletes = _ev(ctx.keywords(str(crit.params.get("keywords", "athletes"))))
    signals = len({e.matched for e in labels}) + (1 if athletes else 0)
    evidence = tuple(athletes + labels)
    if signals >= met_at:
        return Outcome("met", evidence)
    if signals >= 1:
        return Outcome("partly-met", evidence)
    if not ctx.has_description and not ctx.event.labels:
        return Outcome("cannot-tell")
    return Outcome("not-met")


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


# --- registry -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Param:
    """A parameter a check accepts in ``params``: its kind and default."""

    kind: str  # "int", "float", "bool", "str", "list[str]", "keywords", "date-kinds", "labels"
    default: Any
    doc: str = ""


@dataclass(frozen=True)
class CheckSpec:
    fn: Callable[[EventContext, Criterion], Outcome]
    doc: str
    params: Mapping[str, Param] = field(default_factory=dict)


_ORDERED = {"int", "float"}

CHECKS: dict[str, CheckSpec] = {
    "games-sport": CheckSpec(
        check_games_sport,
        "a sport or discipline of the Games programme named in the title, description or "
        "activities (met); only generic sport words or the sport theme (partly)",
        {"keywords": Param("keywords", "sport-generic")},
    ),
    "para-inclusion": CheckSpec(
        check_para_inclusion,
        "a Paralympic sport, or two of: inclusion words, the audience, an accessible venue",
        {"keywords": Param("keywords", "inclusion"), "audience": Param("str", "handicap")},
    ),
    "values-education": CheckSpec(
        check_values_education,
        "distinct Olympic/Paralympic values named (+1 for a values-education word)",
        {"keywords": Param("keywords", "values-education"), "met_at": Param("int", 2)},
    ),
    "celebration": CheckSpec(
        check_celebration,
        "dated on the torch relay day of the event's département or in a Games period, and a "
        "celebration word (both: met; one: partly)",
        {
            "keywords": Param("keywords", "celebration"),
            "date_kinds": Param("date-kinds", ["olympic-games", "paralympic-games"]),
            "torch_relay": Param("bool", True),
        },
    ),
    "culture-sport": CheckSpec(
        check_culture_sport,
        "an Olympiade culturelle label, or culture together with sport, a sports venue or Games "
        "values",
        {
            "keywords": Param("keywords", "culture"),
            "labels": Param("labels", ["olympiade-culturelle"]),
            "venue_keywords": Param("keywords", "sports-venue"),
        },
    ),
    "games-network": CheckSpec(
        check_games_network,
        "athlete encounters and Terre de Jeux / Génération 2024 labels (signals counted)",
        {
            "keywords": Param("keywords", "athletes"),
            "labels": Param("labels", ["terre-de-jeux", "generation-2024"]),
            "met_at": Param("int", 2),
        },
    ),
    "temps-fort-days": CheckSpec(
        check_days,
        "number of distinct days: at most met_max_days (met), partly_max_days (partly)",
        {"met_max_days": Param("int", 7), "partly_max_days": Param("int", 21)},
    ),
    "weekly-routine": CheckSpec(
        check_weekly_routine,
        "longest run of sessions one week apart at the same time (routine, not a temps fort)",
        {"partly_weeks": Param("int", 2), "not_met_weeks": Param("int", 3)},
    ),
    "festive": CheckSpec(
        check_festive,
        "a festive word in the title (met) or only in the description/activities (partly)",
        {"keywords": Param("keywords", "festive")},
    ),
    "attendance": CheckSpec(
        check_attendance,
        "expected attendance against met_at and partly_at",
        {"met_at": Param("int", 150), "partly_at": Param("int", 50)},
    ),
    "participation-phases": CheckSpec(
        check_participation_phases,
        "inhabitants involved in every phase listed (met), some (partly), none (not met)",
        {"phases": Param("phases", ["conception", "realisation", "evaluation"])},
    ),
    "volunteers": CheckSpec(
        check_volunteers,
        "number of inhabitant volunteers against met_at and partly_at",
        {"met_at": Param("int", 5), "partly_at": Param("int", 1)},
    ),
    "rev3-measures": CheckSpec(
        check_rev3_measures,
        "number of declared Rev3 checklist items against met_at and partly_at",
        {"met_at": Param("int", 5), "partly_at": Param("int", 2)},
    ),
    "rev3-categories": CheckSpec(
        check_rev3_categories,
        "number of Rev3 categories covered by the declared items",
        {
            "met_at": Param("int", 4),
            "partly_at": Param("int", 2),
            "categories": Param("rev3-categories", None),
        },
    ),
    "period": CheckSpec(check_period, "every day inside [period] (met), some (partly)"),
    "qpv": CheckSpec(
        check_qpv,
        "quartiers' QPV codes found in the loaded official list, of an accepted generation",
    ),
    "organiser-kind": CheckSpec(
        check_organiser_kind,
        "organiser kind eligible, conditional (met with an eligible partner) or excluded",
    ),
    "inter-quartier": CheckSpec(
        check_inter_quartier,
        "at least min_quartiers quartiers and partners (mutualised action), EPCI exception",
        {"min_quartiers": Param("int", 2), "require_partner": Param("bool", True)},
    ),
    "protected-terms": CheckSpec(
        check_protected_terms,
        "protected Olympic terms: in the title (not met), in the description (partly)",
    ),
    "public-holiday": CheckSpec(
        check_public_holiday,
        "days on a key date of the given kinds: all (not met), some (partly)",
        {"date_kinds": Param("date-kinds", ["public-holiday"])},
    ),
}


# --- pack validation beyond types ---------------------------------------------------------------


def _param_problem(pack: RulePack, name: str, spec: Param, value: Any) -> tuple[str, str] | None:
    kind = spec.kind
    if kind == "int" and not (isinstance(value, int) and not isinstance(value, bool)):
        return "nombre entier attendu", "an integer is expected"
    if kind == "float" and not isinstance(value, int | float):
        return "nombre attendu", "a number is expected"
    if kind == "bool" and not isinstance(value, bool):
        return "true ou false attendu", "true or false expected"
    if kind in ("str", "keywords") and not isinstance(value, str):
        return "texte attendu", "text expected"
    if kind == "keywords" and value not in pack.keywords:
        known = ", ".join(sorted(pack.keywords))
        return (
            f"groupe de mots-clés « {value} » absent de [keywords] (connus : {known})",
            f"keyword group '{value}' missing from [keywords] (known: {known})",
        )
    if kind in ("labels", "date-kinds", "phases", "rev3-categories"):
        if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            return "liste de textes attendue", "a list of strings is expected"
        if kind == "labels":
            known_set = {label.id for label in pack.games.labels}
        elif kind == "date-kinds":
            known_set = {d.kind for d in pack.key_dates}
        elif kind == "phases":
            known_set = set(_PHASES)
        else:
            known_set = {c.id for c in pack.rev3.categories}
        unknown = [v for v in value if v not in known_set]
        if unknown:
            listed = ", ".join(sorted(known_set)) or "—"
            return (
                f"valeur(s) inconnue(s) {', '.join(unknown)} (connues : {listed})",
                f"unknown value(s) {', '.join(unknown)} (known: {listed})",
            )
    return None


def semantic_problems(pack: RulePack, text: str = "") -> list[ErrorDetail]:
    """What is wrong with a structurally valid pack: unknown checks and parameters, duplicate ids,
    thresholds in the wrong order, dangling references. Empty when the pack is usable."""
    from .pack import line_of

    out: list[ErrorDetail] = []

    def add(loc: tuple[int | str, ...], fr: str, en: str, **kw: Any) -> None:
        path = ""
        for part in loc:
            path += f"[{part}]" if isinstance(part, int) else ("." if path else "") + str(part)
        out.append(ErrorDetail(path, fr, en, line=line_of(text, loc) if text else None, **kw))

    source_ids = {s.id for s in pack.sources}
    seen_p: set[str] = set()
    seen_c: set[str] = set()
    for pi, principle in enumerate(pack.principles):
        if principle.id in seen_p:
            add(
                ("principles", pi, "id"),
                "id de principe répété",
                "repeated principle id",
                found=principle.id,
            )
        seen_p.add(principle.id)
        for ci, crit in enumerate(principle.criteria):
            loc: tuple[int | str, ...] = ("principles", pi, "criteria", ci)
            if crit.id in seen_c:
                add(
                    (*loc, "id"),
                    "id de critère répété (les ids sont uniques dans le fichier)",
                    "repeated criterion id (ids are unique in the file)",
                    found=crit.id,
                )
            seen_c.add(crit.id)
            spec = CHECKS.get(crit.check)
            if spec is None:
                guess = closest(crit.check, list(CHECKS))
                add(
                    (*loc, "check"),
                    f"check « {crit.check} » inconnu",
                    f"unknown check '{crit.check}'",
                    found=crit.check,
                    hint_fr=f"vouliez-vous dire « {guess[0]} » ?"
                    if guess
                    else "checks connus : " + ", ".join(CHECKS),
                    hint_en=f"did you mean '{guess[0]}'?"
                    if guess
                    else "known checks: " + ", ".join(CHECKS),
                )
                continue
            for name, value in crit.params.items():
                pspec = spec.params.get(name)
                if pspec is None:
                    guess = closest(name, list(spec.params))
                    accepted = ", ".join(spec.params) or "aucun / none"
                    add(
                        (*loc, "params", name),
                        f"paramètre « {name} » inconnu pour le check « {crit.check} »",
                        f"unknown parameter '{name}' for check '{crit.check}'",
                        hint_fr=f"vouliez-vous dire « {guess[0]} » ?"
                        if guess
                        else f"paramètres acceptés : {accepted}",
                        hint_en=f"did you mean '{guess[0]}'?"
                        if guess
                        else f"accepted parameters: {accepted}",
                    )
                    continue
                problem = _param_problem(pack, name, pspec, value)
                if problem:
                    add((*loc, "params", name), problem[0], problem[1], found=repr(value))
            # defaults that name pack content must exist too (keyword groups, labels, kinds)
            for name, pspec in spec.params.items():
                if name in crit.params or pspec.default is None:
                    continue
                problem = _param_problem(pack, name, pspec, pspec.default)
                if problem:
                    add(
                        (*loc, "params"),
                        f"paramètre « {name} » absent et sa valeur par défaut ne convient pas à "
                        f"ce fichier : {problem[0]}",
                        f"parameter '{name}' missing and its default does not fit this file: "
                        f"{problem[1]}",
                    )
            params = {n: crit.params.get(n, p.default) for n, p in spec.params.items()}
            for low, high in (
                ("partly_at", "met_at"),
                ("met_max_days", "partly_max_days"),
                ("partly_weeks", "not_met_weeks"),
            ):
                a, b = params.get(low), params.get(high)
                if isinstance(a, int | float) and isinstance(b, int | float) and a > b:
                    add(
                        (*loc, "params"),
                        f"seuils dans le mauvais ordre : {low} ({a}) doit être ≤ {high} ({b})",
                        f"thresholds in the wrong order: {low} ({a}) must be ≤ {high} ({b})",
                    )
    principles = {p.id for p in pack.principles}
    for ri, rule in enumerate(pack.verdict.rules):
        for name in ("principles_met", "principles_at_least_partly"):
            for value in getattr(rule, name):
                if value not in principles:
                    add(
                        ("verdict", "rules", ri, name),
                        f"principe « {value} » inconnu",
                        f"unknown principle '{value}'",
                        found=value,
                    )
        for value in rule.any_criterion_not_met:
            if value not in seen_c:
                add(
                    ("verdict", "rules", ri, "any_criterion_not_met"),
                    f"critère « {value} » inconnu",
                    f"unknown criterion '{value}'",
                    found=value,
                )
    v = pack.verdict
    if v.principle_partly_at > v.principle_met_at:
        add(
            ("verdict", "principle_partly_at"),
            "principle_partly_at doit être ≤ principle_met_at",
            "principle_partly_at must be ≤ principle_met_at",
        )
    if pack.period.end < pack.period.start:
        add(
            ("period", "end"),
            "la fin de la période est avant son début",
            "the period ends before it starts",
        )
    for ki, kd in enumerate(pack.key_dates):
        if kd.end < kd.start:
            add(
                ("key_dates", ki, "end"),
                "date de fin avant la date de début",
                "end date before start date",
                found=kd.id,
            )
    sport_ids: set[str] = set()
    owner: dict[tuple[str, ...], str] = {}
    matcher_tokens = pack.matcher.tokens
    for si, sport in enumerate(pack.games.sports):
        if sport.id in sport_ids:
            add(
                ("games", "sports", si, "id"),
                "id de sport répété",
                "repeated sport id",
                found=sport.id,
            )
        sport_ids.add(sport.id)
        for pattern in sport.patterns():
            toks = tuple(matcher_tokens(pattern))
            if not toks:
                add(
                    ("games", "sports", si),
                    "variante vide (sans lettre ni chiffre)",
                    "empty variant (no letter or digit)",
                    found=repr(pattern),
                )
                continue
            other = owner.setdefault(toks, sport.id)
            if other != sport.id:
                add(
                    ("games", "sports", si, "variants"),
                    f"« {pattern} » désigne déjà le sport « {other} » : une variante ne peut "
                    "désigner qu'un sport",
                    f"'{pattern}' already names sport '{other}': a variant names one sport only",
                    found=pattern,
                )
    for si, sport in enumerate(pack.games.sports):
        if sport.para_of is not None and sport.para_of not in sport_ids:
            add(
                ("games", "sports", si, "para_of"),
                f"sport « {sport.para_of} » inconnu",
                f"unknown sport '{sport.para_of}'",
                found=sport.para_of,
            )
    cats = {c.id for c in pack.rev3.categories}
    seen_items: set[str] = set()
    for ii, item in enumerate(pack.rev3.items):
        if item.category not in cats:
            add(
                ("rev3", "items", ii, "category"),
                f"catégorie « {item.category} » inconnue",
                f"unknown category '{item.category}'",
                found=item.category,
                hint_fr="catégories : " + ", ".join(sorted(cats)),
                hint_en="categories: " + ", ".join(sorted(cats)),
            )
        if item.id in seen_items:
            add(("rev3", "items", ii, "id"), "id répété", "repeated id", found=item.id)
        seen_items.add(item.id)
    elig = pack.eligibility
    for a_name, b_name in (
        ("eligible_kinds", "excluded_kinds"),
        ("eligible_kinds", "conditional_kinds"),
        ("conditional_kinds", "excluded_kinds"),
    ):
        both = set(getattr(elig, a_name)) & set(getattr(elig, b_name))
        if both:
            add(
                ("eligibility", b_name),
                f"type(s) présent(s) dans {a_name} et {b_name}",
                f"kind(s) listed in both {a_name} and {b_name}",
                found=", ".join(sorted(k.value for k in both)),
            )
    refs: list[tuple[tuple[int | str, ...], tuple[str, ...]]] = [
        (("fil_rouge", "sources"), pack.fil_rouge.sources),
        (("period", "sources"), pack.period.sources),
        (("eligibility", "sources"), pack.eligibility.sources),
        (("rev3", "sources"), pack.rev3.sources),
        (("protected_terms", "sources"), pack.protected_terms.sources),
    ]
    refs += [(("key_dates", i, "sources"), d.sources) for i, d in enumerate(pack.key_dates)]
    refs += [
        (("games", "torch_relay", i, "sources"), d.sources)
        for i, d in enumerate(pack.games.torch_relay)
    ]
    for loc2, ids in refs:
        for sid in ids:
            if sid not in source_ids:
                add(
                    loc2,
                    f"source « {sid} » absente de [[sources]]",
                    f"source '{sid}' missing from [[sources]]",
                    found=sid,
                )
    return out
