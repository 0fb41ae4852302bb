"""A rule pack's meaning, beyond its types: known checks and parameters, unique ids, coherent
thresholds, references between sections."""

from __future__ import annotations

from typing import Any

from ..errors import ErrorDetail, closest
from .checks import CHECKS, PHASES, Param
from .pack import RulePack, line_of

__all__ = ["semantic_problems"]

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
            known_set = set(PHASES)
        else:
            known_set = {c.id for c in pack.rev3.categories}
        unknown = [v for v in value if v not in known_set]
        if unknown:
            listed = ", ".join(sorted(known_set)) or "—"
            return (
                ("valeur inconnue" if len(unknown) < 2 else "valeurs inconnues")
                + f" {', '.join(unknown)} (connues : {listed})",
                ("unknown value" if len(unknown) == 1 else "unknown values")
                + f" {', '.join(unknown)} (known: {listed})",
            )
    return None


def semantic_problems(pack: RulePack, text: str = "") -> list[ErrorDetail]:
    """What is wrong with a structurally valid pack: unknown checks and parameters, duplicate ids,
    thresholds in the wrong order, dangling references. Empty when the pack is usable."""

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
                ("type présent" if len(both) < 2 else "types présents")
                + f" dans {a_name} et {b_name}",
                ("kind" if len(both) == 1 else "kinds") + f" listed in both {a_name} and {b_name}",
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
