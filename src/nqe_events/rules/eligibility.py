"""Checks of eligibility (period, QPV, organiser, inter-quartier) and warnings.

A criterion of the eligibility principle refuses an event (« non aligné ») only when its rule is
confirmed with a source (``align.plan`` decides); these checks only say what they see.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache

from .._render import plural
from ..model import OrganiserKind
from ..model.places import qpv_generation
from . import messages as M
from .context import EventContext, Evidence, Outcome, _dates_pair, _ev, per_pack
from .pack import Criterion, RulePack
from .text import Match

KIND_LABELS: dict[str, tuple[str, str]] = {
    "association": ("association", "association"),
    "centre-social": ("centre social", "social centre"),
    "commune": ("commune", "town"),
    "epci": ("intercommunalité (EPCI)", "inter-municipal body (EPCI)"),
    "bailleur-social": ("bailleur social", "social landlord"),
    "collectif-habitants": ("collectif d'habitants", "residents' group"),
    "etablissement-public": ("établissement public", "public body"),
    "autre": ("autre type de porteur", "other kind of organiser"),
}


def kind_label(kind: str, lang: str) -> str:
    fr, en = KIND_LABELS.get(kind, (kind, kind))
    return fr if lang == "fr" else en


def _kinds(kinds: Sequence[OrganiserKind]) -> tuple[str, str]:
    return (
        ", ".join(kind_label(k.value, "fr") for k in kinds),
        ", ".join(kind_label(k.value, "en") for k in kinds),
    )


# --- eligibility --------------------------------------------------------------------------------

_NO_PROGRAMME = {"why": M.PARTS["no-programme"]}
_NO_QPV_LIST = {"why": M.PARTS["no-qpv-list"]}


def _period_words(pack: RulePack) -> dict[str, tuple[str, str]]:
    """The period check's sentences that depend on the pack only, once per pack."""

    def build() -> dict[str, tuple[str, str]]:
        window = pack.period_words

        def pair(key: str) -> tuple[str, str]:
            return M.part(key, "fr"), M.part(key, "en")

        return {
            "unconfirmed": pair("period-default") if not pack.period.confirmed else ("", ""),
            "before": pair("before-period"),
            "after": pair("after-period"),
            "outside": pair("outside-period"),
            "in": (
                f"dans la période éligible {window[0]}",
                f"inside the eligible period {window[1]}",
            ),
            "out": (
                f"hors de la période éligible {window[0]}",
                f"outside the eligible period {window[1]}",
            ),
        }

    words: dict[str, tuple[str, str]] = per_pack(pack, "period-words", build)
    return words


def check_period(ctx: EventContext, crit: Criterion) -> Outcome:
    period = ctx.pack.period
    words = _period_words(ctx.pack)
    params: dict[str, object] = {"window": ctx.pack.period_words}
    params["unconfirmed"] = words["unconfirmed"]
    if not ctx.days:
        return Outcome("cannot-tell", (), params)
    start, end = period.start, period.end
    inside = [d for d in ctx.days if start <= d <= end]
    outside = [d for d in ctx.days if not start <= d <= end]
    params["outside"] = lambda: _dates_pair(outside)
    before = [d for d in outside if d < start]
    params["where"] = (
        words["before"]
        if before and len(before) == len(outside)
        else words["after"]
        if not before
        else words["outside"]
    )
    fr, en = ctx.days_pair()
    say = words["in"] if not outside else words["out"]
    ev = (Evidence("occurrences", fr, None, say, en),)
    status = "met" if not outside else "partly-met" if inside else "not-met"
    return Outcome(status, ev, params)


def check_qpv(ctx: EventContext, crit: Criterion) -> Outcome:
    if ctx.quartiers is None:
        return Outcome("cannot-tell", (), _NO_PROGRAMME)
    if ctx.qpv is None:
        return Outcome("cannot-tell", (), _NO_QPV_LIST)
    generations = ctx.pack.eligibility.qpv_generations
    ok: list[Evidence] = []
    bad: list[str] = []
    other_gen: list[str] = []
    unknown: list[str] = []
    for q in ctx.quartiers:
        if q.qpv_code is None:
            unknown.append(q.name)
        elif q.qpv_code in ctx.qpv and qpv_generation(q.qpv_code) in generations:
            ok.append(
                Evidence(
                    "quartiers",
                    f"{q.name} ({q.qpv_code})",
                    q.qpv_code,
                    ("dans la liste officielle des QPV", "in the official QPV list"),
                )
            )
        elif q.qpv_code in ctx.qpv:
            other_gen.append(f"{q.name} ({q.qpv_code})")
        else:
            bad.append(f"{q.name} ({q.qpv_code})")
    gen = ", ".join(str(g) for g in generations)
    params = {"missing": ", ".join(bad + other_gen + unknown), "generations": gen}
    if ok and not bad and not unknown and not other_gen:
        return Outcome("met", tuple(ok), params)
    if ok:
        return Outcome("partly-met", tuple(ok), params)
    if bad:
        ev = tuple(
            Evidence(
                "quartiers", b, None, ("absent de la liste officielle chargée", "not in the list")
            )
            for b in bad
        )
        return Outcome("not-met", ev, params)
    if other_gen:
        listed = ", ".join(other_gen)
        why = (
            M.part("qpv-other-generation", "fr", found=listed, generations=gen),
            M.part("qpv-other-generation", "en", found=listed, generations=gen),
        )
        ev = tuple(
            Evidence(
                "quartiers",
                o,
                None,
                (
                    "dans la liste chargée, mais d'une autre géographie prioritaire",
                    "in the loaded list, but of another priority geography",
                ),
            )
            for o in other_gen
        )
        return Outcome("cannot-tell", ev, {**params, "why": why})
    why = M.part("no-qpv-code", "fr"), M.part("no-qpv-code", "en")
    return Outcome("cannot-tell", (), {"why": why})


def check_organiser_kind(ctx: EventContext, crit: Criterion) -> Outcome:
    rules = ctx.pack.eligibility
    if ctx.organiser is None:
        return Outcome("cannot-tell", (), _NO_PROGRAMME)
    kind = ctx.organiser.kind
    label = KIND_LABELS.get(kind.value, (kind.value, kind.value))
    params = {"kind": label, "eligible": lambda: _kinds(rules.eligible_kinds)}
    ev = [Evidence("organisers", ctx.organiser.name, kind.value, label)]
    if kind in rules.excluded_kinds:
        return Outcome("not-met", tuple(ev), params)
    if kind in rules.eligible_kinds:
        return Outcome("met", tuple(ev), params)
    if kind in rules.conditional_kinds:
        holders = [p for p in ctx.partner_organisers if p.kind in rules.eligible_kinds]
        if holders:
            h = holders[0]
            ev.append(
                Evidence(
                    "partners",
                    h.name,
                    h.kind.value,
                    (
                        f"porteur administratif éligible ({kind_label(h.kind.value, 'fr')})",
                        f"eligible administrative holder ({kind_label(h.kind.value, 'en')})",
                    ),
                )
            )
            return Outcome("met", tuple(ev), params)
        return Outcome("partly-met", tuple(ev), params)
    why = M.part("kind-unknown", "fr"), M.part("kind-unknown", "en")
    return Outcome("cannot-tell", tuple(ev), {**params, "why": why})


@lru_cache(maxsize=256)
def _counted(n: int, fr: str, en: str) -> tuple[str, str]:
    """« 3 quartiers », "3 quartiers": a count and its noun, French and English (the same few
    counts come back across a programme)."""
    return plural(n, fr, lang="fr"), plural(n, en, lang="en")


def check_inter_quartier(ctx: EventContext, crit: Criterion) -> Outcome:
    min_q = int(crit.params.get("min_quartiers", 2))
    need_partner = bool(crit.params.get("require_partner", True))
    nq = len(ctx.event.quartiers)
    partners = ctx.event.partners
    names = [q.name for q in ctx.quartiers] if ctx.quartiers else list(ctx.event.quartiers)
    ev = [
        Evidence(
            "quartiers",
            ", ".join(names),
            None,
            _counted(nq, "quartier", "quartier"),
        )
    ]
    if partners:
        pnames = [p.name for p in ctx.partner_organisers] or list(partners)
        ev.append(
            Evidence(
                "partners",
                ", ".join(pnames),
                None,
                _counted(len(partners), "partenaire", "partner"),
            )
        )
    many = nq >= min_q
    pooled = bool(partners) or not need_partner

    def missing() -> tuple[str, str]:
        out: dict[str, list[str]] = {"fr": [], "en": []}
        for lang in out:
            if not many:
                out[lang].append(M.part("add-quartiers", lang, n=min_q))
            if not pooled:
                out[lang].append(M.part("add-partners", lang))
        return M.part("and", "fr").join(out["fr"]), M.part("and", "en").join(out["en"])

    params = {"min_quartiers": min_q, "missing": missing}
    if many and pooled:
        return Outcome("met", tuple(ev), params)
    if ctx.quartiers:
        single = [
            q for q in ctx.quartiers if q.epci and q.epci in ctx.pack.eligibility.single_qpv_epcis
        ]
        if single and nq == 1:
            ev.append(
                Evidence(
                    "quartiers",
                    single[0].epci or "",
                    None,
                    ("intercommunalité avec un seul QPV", "EPCI with a single QPV"),
                )
            )
            return Outcome("met", tuple(ev), params)
    if many or pooled:
        return Outcome("partly-met", tuple(ev), params)
    if ctx.quartiers is None or any(q.epci is None for q in ctx.quartiers):
        return Outcome("cannot-tell", tuple(ev), params)
    return Outcome("not-met", tuple(ev), params)


# --- warnings -----------------------------------------------------------------------------------


def _protected_says(pack: RulePack) -> tuple[frozenset[str], Callable[[Match], tuple[str, str]]]:
    """The terms protected in titles only, and the wording of a protected term (once per pack)."""
    terms = {t.term: t for t in pack.protected_terms.terms}
    title_only = frozenset(t for t, v in terms.items() if v.title_only)
    says: dict[str, tuple[str, str]] = {}

    def say(m: Match) -> tuple[str, str]:
        hit = says.get(m.target)
        if hit is None:
            article = terms[m.target].article if m.target in terms else ""
            where = f", art. {article}" if article else ""
            hit = f"terme protégé (Code du sport{where})", f"protected term (Code du sport{where})"
            says[m.target] = hit
        return hit

    return title_only, say


def check_protected_terms(ctx: EventContext, crit: Criterion) -> Outcome:
    pack = ctx.pack
    title_only, say = per_pack(pack, "protected-terms", lambda: _protected_says(pack))
    found = [(f, m) for f, m in ctx.find("protected") if f == "title" or m.target not in title_only]
    symbols = ctx.pack.protected_terms.symbols

    raw = [("title", ctx.event.title), ("description", ctx.event.description)]
    sym_hits = [
        Evidence(name, s, "symbol", ("symbole protégé", "protected symbol"))
        for name, value in raw
        for s in symbols
        if s and s in value
    ]
    ev = _ev(found, say) + sym_hits
    in_title = [e for e in ev if e.field == "title"]
    shown = sorted({e.found for e in in_title or ev})
    params = {"found": ", ".join(f"« {t} »" for t in shown), "n": len(shown)}
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
    ev = tuple(
        Evidence(
            "occurrences",
            M.day_text(d, "fr"),
            h.id,
            (h.label_fr, h.label_en),
            M.day_text(d, "en"),
        )
        for d, h in hits
    )
    found_days = sorted({d for d, _ in hits})
    params = {"found": _dates_pair(found_days)}
    if not hits:
        return Outcome("met", (), params)
    if len(found_days) < len(ctx.days):
        return Outcome("partly-met", ev, params)
    return Outcome("not-met", ev, params)
