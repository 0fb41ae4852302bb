"""Checks of the fil rouge: how an event links to the Games.

Each check looks for one *way* of preparing the Games (docs/rules.md, "Fil rouge"): a discipline
of the Games practised, para-sport and inclusion, values education, a celebration, culture × sport,
the Games network. The principle combines them with ``logic = "any"`` in the shipped packs: one
clear link meets it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..model import Theme
from . import messages as M
from .context import (
    EventContext,
    Evidence,
    Outcome,
    _dates_pair,
    _ev,
    _sport_label,
    per_pack,
    says_by_target,
)
from .pack import Criterion, RulePack

_TERM_WHAT = {
    "value": ("valeur des Jeux", "value of the Games"),
    "label": ("label", "label"),
    "celebration-format": ("célébration des Jeux", "celebration of the Games"),
    "synonym": ("référence aux Jeux", "reference to the Games"),
}


_TERM_SAY_KEYS = {kind: f"term-say:{kind}" for kind in _TERM_WHAT}


def _term_say(ctx: EventContext, kind: str) -> Any:
    """Evidence wording for a matched value / label / synonym / celebration format."""
    pack = ctx.pack
    key = _TERM_SAY_KEYS[kind]
    said = pack.derived.get(key)
    if said is not None:
        return said

    def build() -> Any:
        what = _TERM_WHAT[kind]
        says = {
            t.id: (f"{what[0]} ({t.fr})", f"{what[1]} ({t.en})")
            for t in pack.term_index[kind].values()
        }
        return says_by_target(says)

    return per_pack(pack, key, build)


def _kw_say(fr: str, en: str) -> Any:
    pair = fr, en
    return lambda m: pair


def check_games_sport(ctx: EventContext, crit: Criterion) -> Outcome:
    sports = ctx.find("sport")
    if sports:
        return Outcome("met", tuple(_ev(sports, _sport_label(ctx.pack))))
    generic = ctx.keywords(str(crit.params.get("keywords", "sport-generic")))
    evidence = _ev(
        generic, _kw_say("sport sans discipline des Jeux nommée", "sport, no Games discipline")
    )
    if Theme.SPORT in ctx.event.themes:
        evidence.append(Evidence("themes", "sport", None, ("thème sport", "sport theme")))
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
    evidence = _ev(para, _sport_label(ctx.pack)) + _ev(
        kws, _kw_say("inclusion, handicap", "inclusion, disability")
    )
    signals = 1 if kws else 0
    if audience in ctx.event.audiences:
        signals += 1
        evidence.append(
            Evidence("audiences", audience, None, ("public visé", "audience")),
        )
    if ctx.venue is not None and ctx.venue.accessible_pmr:
        signals += 1
        evidence.append(
            Evidence(
                "venue",
                ctx.venue.name,
                None,
                ("lieu accessible aux personnes à mobilité réduite", "accessible venue"),
            )
        )
    if para or signals >= 2:
        return Outcome("met", tuple(evidence))
    if signals == 1:
        return Outcome("partly-met", tuple(evidence))
    if not ctx.has_text and not ctx.event.audiences:
        return Outcome("cannot-tell")
    return Outcome("not-met")


def _games_context(ctx: EventContext) -> bool:
    """Sport or the Games are in the event's texts (values are then the values of sport)."""
    return any(
        ctx.has(g)
        for g in ("sport", "kw:sport-generic", "link:games", "link:celebration", "link:network")
    )


def check_values_education(ctx: EventContext, crit: Criterion) -> Outcome:
    """Met by values tied to the Games (« valeurs olympiques », the Olympic charter…) or by
    ``met_at`` Olympic/Paralympic values named where sport or the Games are; general values
    (citizenship, living together) or values without sport are a weak link (partly)."""
    values = ctx.find("value")
    olympic = ctx.keywords(str(crit.params.get("games_keywords", "values-olympic"))) + ctx.find(
        "link:values"
    )
    general = ctx.keywords(str(crit.params.get("keywords", "values-education")))
    met_at = int(crit.params.get("met_at", 2))
    distinct = {m.target for _, m in values}
    evidence = tuple(
        _ev(olympic, _kw_say("valeurs des Jeux", "values of the Games"))
        + _ev(general, _kw_say("éducation aux valeurs", "values education"))
        + _ev(values, _term_say(ctx, "value"))
    )
    pack = ctx.pack
    names = per_pack(pack, "value-names", lambda: {v.id: (v.fr, v.en) for v in pack.games.values})
    found_fr = ", ".join(names[t][0] for t in sorted(distinct) if t in names)
    found_en = ", ".join(names[t][1] for t in sorted(distinct) if t in names)
    params = {"met_at": met_at, "found": (found_fr or "—", found_en or "—")}
    if olympic or (len(distinct) >= met_at and _games_context(ctx)):
        return Outcome("met", evidence, params)
    if distinct or general:
        return Outcome("partly-met", evidence, params)
    if not ctx.has_description or not ctx.has_text:
        return Outcome("cannot-tell", (), params)
    return Outcome("not-met", (), params)


def _torch_days(pack: RulePack, departements: Sequence[str]) -> list[Any]:
    days = [d for dep in departements for d in pack.torch_days.get(dep, ())]
    return days or list(pack.games.torch_relay)


def _torch_text(pack: RulePack, departements: Sequence[str]) -> tuple[str, str]:
    days = _torch_days(pack, departements)
    fr = ", ".join(
        f"{M.day_text(d.date, 'fr')} ({d.departement_name or d.departement})" for d in days
    )
    en = ", ".join(
        f"{M.day_text(d.date, 'en')} ({d.departement_name or d.departement})" for d in days
    )
    return fr, en


def check_celebration(ctx: EventContext, crit: Criterion) -> Outcome:
    """Met by a celebration of the Games named as such (a flame relay fête, olympiades, a public
    screening, an Olympic village…), or by a festive moment held on the torch-relay day or
    during the Games, or announced around the Games; a mere mention of the Games is partly."""
    kinds = crit.params.get("date_kinds", ["olympic-games", "paralympic-games"])
    use_torch = bool(crit.params.get("torch_relay", True))
    pack = ctx.pack
    periods = per_pack(pack, "dates-of:" + "|".join(kinds), lambda: pack.dates_of(kinds))
    strong = _ev(ctx.find("celebration-format"), _term_say(ctx, "celebration-format"))
    strong += _ev(ctx.find("link:celebration"), _term_say(ctx, "synonym"))
    generic = _ev(
        ctx.keywords(str(crit.params.get("keywords", "celebration"))),
        _kw_say("moment festif", "festive moment"),
    )
    games_ref = _ev(ctx.find("link:games"), _term_say(ctx, "synonym"))
    departements = ctx.departements

    def where() -> tuple[str, str]:
        # formatted only when the advice is read (from the pack and the départements only, so
        # that the event's context is not kept with the report)
        if not (periods or (use_torch and pack.games.torch_relay)):
            return M.part("celebration-undated", "fr"), M.part("celebration-undated", "en")
        torch = _torch_text(pack, departements)
        games_fr = ", ".join(M.period_text(p.start, p.end, "fr") for p in periods)
        games_en = ", ".join(M.period_text(p.start, p.end, "en") for p in periods)
        return (
            M.part("celebration-dated", "fr", torch=torch[0] or "—", games=games_fr or "—"),
            M.part("celebration-dated", "en", torch=torch[1] or "—", games=games_en or "—"),
        )

    params: dict[str, Any] = {"where": where}
    on_day: list[Evidence] = []
    if use_torch:
        for dep in departements:
            for t in pack.torch_days.get(dep, ()):
                if t.date in ctx.days:
                    on_day.append(
                        Evidence(
                            "occurrences",
                            M.day_text(t.date, "fr"),
                            "torch-relay",
                            (
                                f"jour du relais de la flamme ({t.departement_name})",
                                f"torch relay day ({t.departement_name})",
                            ),
                            M.day_text(t.date, "en"),
                        )
                    )
    for period in periods:
        hits = [d for d in ctx.days if period.contains(d)]
        if hits:
            fr, en = _dates_pair(hits)
            on_day.append(
                Evidence("occurrences", fr, period.id, (period.label_fr, period.label_en), en)
            )
    evidence = tuple(strong + generic + games_ref + on_day)
    torch_day = any(e.matched == "torch-relay" for e in on_day)
    if strong or (generic and (torch_day or games_ref)):
        return Outcome("met", evidence, params)
    if games_ref or (generic and on_day):
        # the Games named, or a fête held during the Games that does not say it celebrates them
        missing = M.part("add-keyword", "fr"), M.part("add-keyword", "en")
        return Outcome("partly-met", evidence, {**params, "missing": missing})
    if not ctx.has_text:
        return Outcome("cannot-tell", tuple(on_day), params)
    return Outcome("not-met", tuple(generic + on_day), params)


def _label_hits(ctx: EventContext, wanted: Sequence[str]) -> list[Evidence]:
    hits = [(f, m) for f, m in ctx.find("label", labels=True) if m.target in wanted]
    terms = ctx.pack.term_index["label"]
    out = []
    for e in _ev(hits, _term_say(ctx, "label")):
        t = terms.get(e.matched or "")
        if e.field.startswith("labels") and t is not None:
            # a label of the event is an id (« terre-de-jeux »): say its name
            e = e._replace(found=t.fr, say=None, found_en=t.en)
        out.append(e)
    return out


def check_culture_sport(ctx: EventContext, crit: Criterion) -> Outcome:
    """Olympiade culturelle criteria: a cultural activity that takes sport as its subject, takes
    place in a sports venue, or puts forward values shared by sport and culture (or the label)."""
    labels = _label_hits(ctx, crit.params.get("labels", ["olympiade-culturelle"]))
    culture = _ev(
        ctx.keywords(str(crit.params.get("keywords", "culture"))),
        _kw_say("activité culturelle", "cultural activity"),
    )
    culture += _ev(ctx.find("link:culture-sport"), _term_say(ctx, "synonym"))
    if Theme.CULTURE in ctx.event.themes:
        culture.append(Evidence("themes", "culture", None, ("thème culture", "culture theme")))
    games_sport = _ev(ctx.find("sport"), _sport_label(ctx.pack))
    games_sport += _ev(ctx.find("link:games"), _term_say(ctx, "synonym"))
    games_sport += _ev(ctx.find("link:celebration"), _term_say(ctx, "synonym"))
    venue_group = f"kw:{crit.params.get('venue_keywords', 'sports-venue')}"
    if ctx.venue is not None:
        games_sport += [
            Evidence("venue", m.found, m.target, ("lieu sportif", "sports venue"))
            for m in ctx.venue_text.get(venue_group, ())
        ]
    values = _ev(ctx.find("value"), _term_say(ctx, "value"))
    generic = _ev(ctx.keywords("sport-generic"), _kw_say("sport", "sport"))
    theme = Theme.SPORT in ctx.event.themes
    # sport as the subject or the occasion of a cultural activity is one of the Olympiade
    # culturelle criteria, as much as a Games sport, a sports venue or shared values
    if labels or (culture and (games_sport or values or generic)):
        return Outcome("met", tuple(labels + culture + games_sport + values + generic))
    if culture and theme:
        # sport declared as a theme, not shown in the text
        sport_theme = Evidence("themes", "sport", None, ("thème sport", "sport theme"))
        return Outcome("partly-met", (*culture, sport_theme))
    if not ctx.has_text and not ctx.event.themes:
        return Outcome("cannot-tell")
    return Outcome("not-met", tuple(culture))


def check_games_network(ctx: EventContext, crit: Criterion) -> Outcome:
    met_at = int(crit.params.get("met_at", 2))
    labels = _label_hits(ctx, crit.params.get("labels", ["terre-de-jeux", "generation-2024"]))
    athletes = _ev(
        ctx.keywords(str(crit.params.get("keywords", "athletes"))),
        _kw_say("rencontre d'athlètes", "athlete encounter"),
    )
    network = _ev(ctx.find("link:network", labels=True), _term_say(ctx, "synonym"))
    signals = len({e.matched for e in labels + network}) + (1 if athletes else 0)
    evidence = tuple(athletes + labels + network)
    if signals >= met_at:
        return Outcome("met", evidence)
    if signals >= 1:
        return Outcome("partly-met", evidence)
    if (not ctx.has_description or not ctx.has_text) and not ctx.event.labels:
        return Outcome("cannot-tell")
    return Outcome("not-met")
