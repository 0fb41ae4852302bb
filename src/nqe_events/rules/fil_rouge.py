"""Checks of the fil rouge: how an event links to the Games."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..model import Theme
from . import messages as M
from .context import EventContext, Evidence, Outcome, _dates_text, _ev, _sport_label
from .pack import Criterion

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
