"""Checks of the temps fort, participation and Rev3 principles.

Participation and Rev3 read the yes/no and list fields *and* the event's prose: a phrase such as
« co-construit avec les habitants » or « gobelets réutilisables » is evidence too (docs/rules.md,
"Reading the prose").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from ..errors import did_you_mean
from . import messages as M
from .context import EventContext, Evidence, Outcome, _ev, per_pack
from .pack import Criterion
from .text import Match

# --- temps fort ---------------------------------------------------------------------------------


def _n_days(n: int) -> tuple[str, str]:
    return (f"{n} jour" if n == 1 else f"{n} jours"), (f"{n} day" if n == 1 else f"{n} days")


def check_days(ctx: EventContext, crit: Criterion) -> Outcome:
    met_max = int(crit.params.get("met_max_days", 7))
    partly_max = int(crit.params.get("partly_max_days", 21))
    params = {"met_max_days": met_max, "days": len(ctx.days)}
    if not ctx.days:
        return Outcome("cannot-tell", (), params)
    fr, en = ctx.days_pair()
    n = len(ctx.days)
    ev = (Evidence("occurrences", fr, None, _n_days(n), en),)
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
    fr, en = ctx.days_pair()
    if run >= partly:
        say = (
            f"{run} séances à une semaine d'intervalle, à la même heure",
            f"{run} sessions a week apart, at the same time",
        )
    else:
        say = ("pas de séance hebdomadaire répétée", "no repeated weekly session")
    ev = (Evidence("occurrences", fr, None, say, en),)
    if run >= not_met:
        return Outcome("not-met", ev, params)
    if run >= partly:
        return Outcome("partly-met", ev, params)
    return Outcome("met", ev, params)


def _say(fr: str, en: str) -> Any:
    pair = fr, en
    return lambda m: pair


def check_festive(ctx: EventContext, crit: Criterion) -> Outcome:
    """A festive word in the title, or a celebration of the Games anywhere (olympiades, a flame
    relay fête, a village…), meets it; a festive word only in the description is partly."""
    kws = ctx.keywords(str(crit.params.get("keywords", "festive")))
    celebrations = ctx.find("celebration-format") + ctx.find("link:celebration")
    in_title = [(f, m) for f, m in kws if f == "title"]
    say = _say("moment festif", "festive moment")
    if in_title or celebrations:
        return Outcome("met", tuple(_ev(in_title + celebrations + kws, say)))
    if kws:
        return Outcome("partly-met", tuple(_ev(kws, say)))
    if not ctx.has_description:
        return Outcome("cannot-tell")
    return Outcome("not-met")


def check_attendance(ctx: EventContext, crit: Criterion) -> Outcome:
    met_at = int(crit.params.get("met_at", 150))
    partly_at = int(crit.params.get("partly_at", 50))
    n = ctx.event.expected_attendance
    families = "familles" in ctx.event.audiences
    widen = (
        (M.part("widen-quartiers", "fr"), M.part("widen-quartiers", "en"))
        if families
        else (M.part("widen-families", "fr"), M.part("widen-families", "en"))
    )
    params = {"met_at": met_at, "partly_at": partly_at, "found": n, "widen": widen}
    if n is None:
        return Outcome("cannot-tell", (), params)
    ev = (
        Evidence("expected_attendance", str(n), None, ("personnes attendues", "people expected")),
    )
    status = "met" if n >= met_at else "partly-met" if n >= partly_at else "not-met"
    return Outcome(status, ev, params)


# --- participation ------------------------------------------------------------------------------

_PHASES = {
    "conception": ("conception", "conception"),
    "realisation": ("réalisation", "delivery"),
    "evaluation": ("évaluation", "evaluation"),
}

#: a sentence or clause (line breaks inside a description are only wrapping)
_SENTENCE = re.compile(r"[^.!?;]+")


def _prose_texts(ctx: EventContext) -> list[tuple[str, str]]:
    out = [(name, text) for name, text in ctx.raw_texts if name != "title"]
    p = ctx.event.participation
    if p is not None and p.description:
        out.append(("participation", p.description))
    return out


#: each phase's keyword group and the wording of its evidence
_PHASE_GROUPS = tuple(
    (ph, f"kw:participation-{ph}", (f"habitants associés à la {fr}", f"inhabitants in {en}"))
    for ph, (fr, en) in _PHASES.items()
)
_PROSE_GROUPS = ("kw:participation-actors", *(g for _, g, _ in _PHASE_GROUPS))


def prose_phases(ctx: EventContext) -> dict[str, list[Evidence]]:
    """Phases of participation said in the prose: a phrase of the phase's keyword group in a
    sentence that names inhabitants (``participation-actors``)."""
    if ctx._prose_phases is not None:
        return dict(ctx._prose_phases)
    found: dict[str, list[Evidence]] = {}
    p = ctx.event.participation
    has = ctx.has
    said = has("kw:participation-actors") and any(has(g) for _, g, _ in _PHASE_GROUPS)
    if said or (p is not None and p.description):
        parts = ctx.pack.matcher.find_all_parts
        for name, text in _prose_texts(ctx):
            previous = False
            sentences = [m.span() for m in _SENTENCE.finditer(text)]
            for hits in parts(text, sentences, _PROSE_GROUPS):
                if not hits:
                    previous = False  # nothing of the groups in this sentence (most of them)
                    continue
                actor = bool(hits.get("kw:participation-actors"))
                # the inhabitants named in this sentence or the one before (« Ils animeront… »)
                if not (actor or previous):
                    continue
                previous = actor
                for ph, group, say in _PHASE_GROUPS:
                    for m in hits.get(group, ()):
                        found.setdefault(ph, []).append(Evidence(name, m.found, m.target, say))
    ctx._prose_phases = found
    return dict(found)


#: the evidence of a phase declared yes or no, by phase and answer
_DECLARED: dict[tuple[str, bool], Evidence] = {}


def _declared(ph: str, v: bool) -> Evidence:
    hit = _DECLARED.get((ph, v))
    if hit is None:
        fr, en = _PHASES[ph]
        hit = Evidence(
            "participation", f"{fr} : {M.yes_no(v, 'fr')}", ph, None, f"{en}: {M.yes_no(v, 'en')}"
        )
        _DECLARED[(ph, v)] = hit
    return hit


def check_participation_phases(ctx: EventContext, crit: Criterion) -> Outcome:
    phases = list(crit.params.get("phases", list(_PHASES)))
    met_at = min(len(phases), int(crit.params.get("met_at", len(phases))))
    p = ctx.event.participation
    values = {ph: (getattr(p, ph) if p is not None else None) for ph in phases}
    prose = prose_phases(ctx)
    ev: list[Evidence] = []
    for ph, v in values.items():
        if v is not None:
            ev.append(_declared(ph, v))
    covered = [ph for ph in phases if values[ph] is True or prose.get(ph)]
    for ph in phases:
        if values[ph] is not True and prose.get(ph):
            ev.append(prose[ph][0])
    missing_ph = [ph for ph in phases if ph not in covered]
    missing = (
        ", ".join(_PHASES[ph][0] for ph in missing_ph),
        ", ".join(_PHASES[ph][1] for ph in missing_ph),
    )
    params = {"missing": missing}
    if len(covered) >= met_at:
        return Outcome("met", tuple(ev), params)
    if covered:
        return Outcome("partly-met", tuple(ev), params)
    if p is not None and all(v is False for v in values.values()):
        return Outcome("not-met", tuple(ev), params)
    none = ctx.keywords("participation-none")
    if none:
        # a turnkey event, inhabitants as spectators
        say = ("habitants spectateurs", "inhabitants as spectators")
        return Outcome("not-met", tuple(ev + _ev(none, _say(*say))), params)
    return Outcome("cannot-tell", tuple(ev), params)


#: French number words met before « bénévoles » (« une quinzaine de bénévoles »)
_NUMBER_WORDS = {
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "une dizaine": 10,
    "une douzaine": 12,
    "une quinzaine": 15,
    "une vingtaine": 20,
    "une trentaine": 30,
    "une quarantaine": 40,
    "une cinquantaine": 50,
}
_VOLUNTEERS = re.compile(
    r"(\d+|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")\s+"
    r"(?:d['’]\s*|de\s+)?(?:(?:habitant|habitante|parent|jeune|maman)s?\s+)?b[ée]n[ée]voles?",
    re.IGNORECASE,
)


def _count(words: str) -> int:
    return int(words) if words.isdigit() else _NUMBER_WORDS[words.lower()]


def _volunteers_found(n: int | None) -> tuple[str, str]:
    if n is None:
        return "", ""
    return (
        f"{n} habitant{'s' if n > 1 else ''} bénévole{'s' if n > 1 else ''}",
        f"{n} inhabitant volunteer{'s' if n > 1 else ''}",
    )


def check_volunteers(ctx: EventContext, crit: Criterion) -> Outcome:
    met_at = int(crit.params.get("met_at", 5))
    partly_at = int(crit.params.get("partly_at", 1))
    p = ctx.event.participation
    n = None if p is None else p.volunteer_inhabitants
    params: dict[str, Any] = {"met_at": met_at, "found": _volunteers_found(n)}
    say = ("habitants bénévoles", "inhabitant volunteers")
    if n is not None:
        ev = (Evidence("participation", str(n), None, say),)
        status = "met" if n >= met_at else "partly-met" if n >= partly_at else "not-met"
        return Outcome(status, ev, params)
    # the prose: "12 bénévoles du quartier", "des habitants bénévoles"
    words = ctx.keywords("volunteers")
    prose = [(name, text) for name, text in _prose_texts(ctx) if "vole" in text.lower()]
    for name, text in prose:
        for sentence in _SENTENCE.findall(text):
            m = _VOLUNTEERS.search(sentence)
            if m and ctx.pack.matcher.find_all(sentence).get("kw:participation-actors"):
                count = _count(m.group(1))
                params["found"] = _volunteers_found(count)
                ev = (Evidence(name, m.group(0), None, say),)
                status = (
                    "met" if count >= met_at else "partly-met" if count >= partly_at else "not-met"
                )
                return Outcome(status, ev, params)
    if words:
        # volunteers said, not counted: how many is unknown, so the threshold cannot be judged
        # (the phrase still counts for the réalisation phase)
        say = ("habitants bénévoles, sans nombre", "inhabitant volunteers, not counted")
        return Outcome("cannot-tell", tuple(_ev(words, _say(*say))), params)
    return Outcome("cannot-tell", (), params)


# --- rev3 ---------------------------------------------------------------------------------------


def _suggest(ctx: EventContext, have: set[str], n: int = 3) -> tuple[str, str]:
    # the same few measures come back across a programme: kept per pack
    kept: dict[tuple[frozenset[str], int], tuple[str, str]] = per_pack(
        ctx.pack, "rev3-suggest", dict
    )
    key = frozenset(have), n
    hit = kept.get(key)
    if hit is None:
        items = [i for i in ctx.pack.rev3.items if i.id not in have][:n]
        hit = (
            ", ".join(i.label_fr.lower() for i in items),
            ", ".join(i.label_en.lower() for i in items),
        )
        if len(kept) < 4096:
            kept[key] = hit
    return hit


def rev3_found(ctx: EventContext) -> tuple[list[str], list[Evidence], tuple[tuple[str, str], ...]]:
    """The Rev3 items of the event, declared (``rev3``) or said in the prose, their evidence,
    and a note per unknown declared id (with the closest known ids)."""
    if ctx._rev3 is not None:
        return ctx._rev3
    items = ctx.pack.rev3_items
    known: list[str] = []
    ev: list[Evidence] = []
    notes: list[tuple[str, str]] = []
    for slug in ctx.event.rev3:
        item = items.get(slug)
        if item is None:
            dym_fr, dym_en = did_you_mean(slug, list(items))
            notes.append(
                (
                    f"Mesure Rev3 « {slug} » inconnue, non comptée{dym_fr}",
                    f"Unknown Rev3 measure '{slug}', not counted{dym_en}",
                )
            )
        elif slug not in known:
            known.append(slug)
            ev.append(Evidence("rev3", item.label_fr, slug, None, item.label_en))
    prose: list[tuple[str, Match]] = []
    for name, text in _prose_texts(ctx):
        if name == "participation":
            prose.extend((name, m) for m in ctx.pack.matcher.find_all(text).get("rev3", ()))
    prose += ctx.find("rev3")
    for name, m in prose:
        if m.target not in known:
            known.append(m.target)
            item = items[m.target]
            ev.append(Evidence(name, m.found, m.target, (item.label_fr, item.label_en)))
    out = (known, ev, tuple(notes))
    ctx._rev3 = out
    return out


def check_rev3_measures(ctx: EventContext, crit: Criterion) -> Outcome:
    met_at = int(crit.params.get("met_at", 5))
    partly_at = int(crit.params.get("partly_at", 2))
    known, ev, notes = rev3_found(ctx)
    params = {
        "met_at": met_at,
        "partly_at": partly_at,
        "found": len(known),
        "suggest": _suggest(ctx, set(known)),
    }
    if not known and not ctx.event.rev3:
        contrary = ctx.keywords("rev3-contrary")
        if contrary:
            say = ("pratique contraire à la démarche", "practice against the approach")
            return Outcome("not-met", tuple(_ev(contrary, _say(*say))), params, notes)
        return Outcome("cannot-tell", (), params, notes)
    n = len(known)
    status = "met" if n >= met_at else "partly-met" if n >= partly_at else "not-met"
    return Outcome(status, tuple(ev), params, notes)


def check_rev3_categories(ctx: EventContext, crit: Criterion) -> Outcome:
    met_at = int(crit.params.get("met_at", 4))
    partly_at = int(crit.params.get("partly_at", 2))
    pack = ctx.pack
    cats = per_pack(pack, "rev3-categories", lambda: {c.id: c for c in pack.rev3.categories})
    wanted = list(crit.params.get("categories", list(cats)))
    known, _, _ = rev3_found(ctx)
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
    if not known and not ctx.event.rev3:
        if ctx.keywords("rev3-contrary"):
            return Outcome("not-met", (), params)
        return Outcome("cannot-tell", (), params)
    ev = tuple(Evidence("rev3", cats[c].label_fr, c, None, cats[c].label_en) for c in covered)
    n = len(covered)
    status = "met" if n >= met_at else "partly-met" if n >= partly_at else "not-met"
    return Outcome(status, ev, params)
