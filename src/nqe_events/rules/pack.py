"""A season's rules as data: the rule pack read from a TOML file (``data/rules/nqe-<season>.toml``).

The format is documented in ``docs/rules.md``; this module validates it. A rule pack that cannot be
used raises :class:`~nqe_events.errors.RulePackError` naming the file, the line and the field.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from datetime import date
from functools import cached_property
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .._render import plural
from ..errors import ErrorDetail, RulePackError, closest
from ..model import Audience, OrganiserKind
from .text import Matcher

__all__ = [
    "SCHEMA_VERSION",
    "STATUSES",
    "VERDICTS",
    "Criterion",
    "KeyDate",
    "Principle",
    "RulePack",
    "Sport",
    "line_of",
    "merge",
    "validate_rule_pack",
]

#: The rule-pack format version this code reads.
SCHEMA_VERSION = 1

STATUSES = ("met", "partly-met", "not-met", "cannot-tell")
VERDICTS = ("aligned", "partly-aligned", "not-aligned", "cannot-tell")

Status = Literal["met", "partly-met", "not-met", "cannot-tell"]
Verdict = Literal["aligned", "partly-aligned", "not-aligned", "cannot-tell"]
Id = str

_ID = r"^[a-z0-9](?:[a-z0-9-]{0,60}[a-z0-9])?$"


class _Pack(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class Source(_Pack):
    """Where a fact of the pack comes from."""

    id: str = Field(pattern=_ID)
    title: str = Field(min_length=1)
    url: str = Field(min_length=1)


class FilRouge(_Pack):
    id: str = Field(pattern=_ID)
    label_fr: str = Field(min_length=1)
    label_en: str = Field(min_length=1)
    since: int | None = None
    confirmed: bool = True
    sources: tuple[str, ...] = ()


class Period(_Pack):
    """The eligible period, both ends included."""

    start: date
    end: date
    confirmed: bool = True
    note_fr: str = ""
    note_en: str = ""
    sources: tuple[str, ...] = ()


class Eligibility(_Pack):
    eligible_kinds: tuple[OrganiserKind, ...] = Field(min_length=1)
    conditional_kinds: tuple[OrganiserKind, ...] = ()
    excluded_kinds: tuple[OrganiserKind, ...] = ()
    qpv_generations: tuple[Literal[2015, 2024], ...] = (2024,)
    single_qpv_epcis: tuple[str, ...] = ()
    confirmed: bool = True
    sources: tuple[str, ...] = ()


class VerdictRule(_Pack):
    """One line of the verdict rule: every condition given must hold; the first that holds wins."""

    verdict: Verdict
    any_gate_not_met: bool | None = None
    any_gate_cannot_tell: bool | None = None
    score_below: float | None = Field(default=None, ge=0, le=100)
    score_at_least: float | None = Field(default=None, ge=0, le=100)
    unknown_share_at_least: float | None = Field(default=None, ge=0, le=1)
    principles_met: tuple[str, ...] = ()
    principles_at_least_partly: tuple[str, ...] = ()
    any_criterion_not_met: tuple[str, ...] = ()


_POINT_FIELDS = {
    "met": "met",
    "partly-met": "partly_met",
    "not-met": "not_met",
    "cannot-tell": "cannot_tell",
}


class Points(_Pack):
    met: float = Field(default=1.0, ge=0, le=1)
    partly_met: float = Field(default=0.5, ge=0, le=1, alias="partly-met")
    not_met: float = Field(default=0.0, ge=0, le=1, alias="not-met")
    cannot_tell: float = Field(default=0.0, ge=0, le=1, alias="cannot-tell")

    def of(self, status: str) -> float:
        return float(getattr(self, _POINT_FIELDS[status]))


class VerdictRules(_Pack):
    points: Points = Points()
    principle_met_at: float = Field(default=0.75, ge=0, le=1)
    principle_partly_at: float = Field(default=0.4, ge=0, le=1)
    principle_unknown_at: float = Field(default=0.5, gt=0, le=1)
    rules: tuple[VerdictRule, ...] = ()
    default: Verdict = "partly-aligned"


class Criterion(_Pack):
    id: str = Field(pattern=_ID)
    check: str = Field(pattern=_ID)
    label_fr: str = Field(min_length=1)
    label_en: str = Field(min_length=1)
    weight: float = Field(default=1.0, gt=0, le=100)
    params: dict[str, Any] = Field(default_factory=dict)
    advice_fr: str | None = None
    advice_en: str | None = None
    confirmed: bool = True
    #: "strong" evidence can decide its principle; "weak" evidence adds, never subtracts
    strength: Literal["strong", "weak"] = "strong"
    #: a decisive criterion not met makes its principle not met, partly met caps it at partly
    #: met; with logic any/at_least it is a condition, not a link
    decisive: bool = False
    #: ids of [[sources]]; a criterion of a gate principle refuses an event only when it is
    #: confirmed and cites a source
    sources: tuple[str, ...] = ()


class Principle(_Pack):
    """A principle and how its criteria combine (``logic``, see docs/rules.md)."""

    id: str = Field(pattern=_ID)
    label_fr: str = Field(min_length=1)
    label_en: str = Field(min_length=1)
    role: Literal["principle", "gate", "warning"] = "principle"
    weight: float = Field(default=1.0, gt=0, le=100)
    logic: Literal["weighted", "all", "any", "at_least"] = "weighted"
    #: ``at_least``: how many strong criteria must be met
    at_least: int | None = Field(default=None, ge=1, le=50)
    #: ``weighted``: the share that meets the principle (default ``verdict.principle_met_at``)
    threshold: float | None = Field(default=None, gt=0, le=1)
    #: ``any``/``at_least``: the number of links that gives the full share (more links, more score)
    full_at: int | None = Field(default=None, ge=1, le=50)
    criteria: tuple[Criterion, ...] = Field(min_length=1)


class Sport(_Pack):
    id: str = Field(pattern=_ID)
    games: Literal["olympic", "paralympic"]
    fr: str = Field(min_length=1)
    en: str = Field(min_length=1)
    disciplines: tuple[str, ...] = ()
    variants: tuple[str, ...] = ()
    #: phrases that contain a variant but do not mean the sport ("mini-golf", "boxe thaï")
    excluded: tuple[str, ...] = ()
    para_of: str | None = None
    note: str = ""

    def patterns(self) -> tuple[str, ...]:
        return (self.fr, self.en, *self.disciplines, *self.variants)


class Term(_Pack):
    """A named thing recognised in texts (a value, a label) with its variants."""

    id: str = Field(pattern=_ID)
    fr: str = Field(min_length=1)
    en: str = Field(min_length=1)
    variants: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()
    games: Literal["olympic", "paralympic", "both"] | None = None

    def patterns(self) -> tuple[str, ...]:
        return (self.fr, self.en, *self.variants)


class Synonym(Term):
    """A way of naming the Games in an event text, and the link to the Games it shows."""

    link: Literal["celebration", "network", "games", "values", "culture-sport"]


class TorchDay(_Pack):
    date: date
    relay: Literal["olympic", "paralympic"]
    departement: str = Field(pattern=r"^(0[1-9]|[1-8][0-9]|9[0-5]|2A|2B|97[1-6])$")
    departement_name: str = ""
    places: str = ""
    sources: tuple[str, ...] = ()


class KeyDate(_Pack):
    id: str = Field(pattern=_ID)
    kind: str = Field(pattern=_ID)
    start: date
    end: date
    label_fr: str = Field(min_length=1)
    label_en: str = Field(min_length=1)
    sources: tuple[str, ...] = ()

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


class Games(_Pack):
    sports: tuple[Sport, ...] = ()
    values: tuple[Term, ...] = ()
    labels: tuple[Term, ...] = ()
    torch_relay: tuple[TorchDay, ...] = ()
    celebration_formats: tuple[Term, ...] = ()
    synonyms: tuple[Synonym, ...] = ()


class Rev3Category(_Pack):
    id: str = Field(pattern=_ID)
    label_fr: str = Field(min_length=1)
    label_en: str = Field(min_length=1)
    engagement_fr: str = ""
    engagement_en: str = ""
    threshold: str = ""


class Rev3Item(_Pack):
    id: str = Field(pattern=_ID)
    category: str = Field(pattern=_ID)
    label_fr: str = Field(min_length=1)
    label_en: str = Field(min_length=1)
    #: phrases of an event text that show the measure ("gobelets réutilisables")
    variants: tuple[str, ...] = ()


class Rev3(_Pack):
    categories: tuple[Rev3Category, ...] = Field(min_length=1)
    items: tuple[Rev3Item, ...] = Field(min_length=1)
    sources: tuple[str, ...] = ()


class ProtectedTerm(_Pack):
    term: str = Field(min_length=1)
    article: str = ""
    title_only: bool = False


class ProtectedTerms(_Pack):
    terms: tuple[ProtectedTerm, ...] = ()
    symbols: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()


class RulePack(_Pack):
    """A season's rules: fil rouge, period, principles and criteria, Games taxonomy, key dates."""

    schema_version: int
    id: str = Field(pattern=_ID)
    season: int = Field(ge=2014, le=2100)
    name_fr: str = Field(min_length=1)
    name_en: str = Field(min_length=1)
    confirmed: bool = True
    note_fr: str = ""
    note_en: str = ""
    sources: tuple[Source, ...] = Field(min_length=1)
    fil_rouge: FilRouge
    period: Period
    eligibility: Eligibility
    verdict: VerdictRules = VerdictRules()
    principles: tuple[Principle, ...] = Field(min_length=1)
    games: Games = Games()
    keywords: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    #: per keyword group, phrases that contain a keyword but do not mean it
    keyword_exclusions: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    key_dates: tuple[KeyDate, ...] = ()
    rev3: Rev3
    protected_terms: ProtectedTerms = ProtectedTerms()
    path: str | None = Field(default=None, exclude=True)

    @field_validator("schema_version")
    @classmethod
    def _version(cls, value: int) -> int:
        if value != SCHEMA_VERSION:
            raise ValueError(
                f"schema_version {value} inconnu : cette version de nqe_events lit la version "
                f"{SCHEMA_VERSION}\x1funknown schema_version {value}: this version of nqe_events "
                f"reads version {SCHEMA_VERSION}"
            )
        return value

    # --- derived lookups (cached: the pack is frozen) ------------------------------------------

    @cached_property
    def criteria(self) -> tuple[tuple[Principle, Criterion], ...]:
        return tuple((p, c) for p in self.principles for c in p.criteria)

    @cached_property
    def sports_by_id(self) -> dict[str, Sport]:
        return {s.id: s for s in self.games.sports}

    @cached_property
    def rev3_items(self) -> dict[str, Rev3Item]:
        return {i.id: i for i in self.rev3.items}

    @cached_property
    def torch_days(self) -> dict[str, tuple[TorchDay, ...]]:
        out: dict[str, list[TorchDay]] = {}
        for day in self.games.torch_relay:
            out.setdefault(day.departement, []).append(day)
        return {k: tuple(v) for k, v in out.items()}

    def dates_of(self, kinds: Iterable[str]) -> tuple[KeyDate, ...]:
        wanted = set(kinds)
        return tuple(d for d in self.key_dates if d.kind in wanted)

    @cached_property
    def derived(self) -> dict[str, Any]:
        """Values the checks derive from the pack alone (evidence wordings by term id…), kept
        here once computed; the pack is frozen, so they never go stale."""
        return {}

    @cached_property
    def matcher(self) -> Matcher:
        """One matcher for every recognised word of the pack (sports, values, labels, keywords)."""
        patterns: list[tuple[str, str, str]] = []
        for sport in self.games.sports:
            patterns.extend(("sport", sport.id, p) for p in sport.patterns())
            patterns.extend(("sport", "", p) for p in sport.excluded)
        by_id = self.sports_by_id
        for sport in self.games.sports:
            base = by_id.get(sport.para_of or "")
            if base is not None:
                patterns.extend(("sport", sport.id, f"para {p}") for p in base.patterns())
        terms: list[tuple[str, Term]] = [("value", v) for v in self.games.values]
        terms += [("label", t) for t in self.games.labels]
        terms += [("celebration-format", t) for t in self.games.celebration_formats]
        terms += [(f"link:{t.link}", t) for t in self.games.synonyms]
        for group, term in terms:
            patterns.extend((group, term.id, p) for p in term.patterns())
            patterns.extend((group, "", p) for p in term.excluded)
        for item in self.rev3.items:
            patterns.extend(("rev3", item.id, p) for p in item.variants)
        for group, words in self.keywords.items():
            patterns.extend((f"kw:{group}", w, w) for w in words)
            patterns.extend((f"kw:{group}", "", w) for w in self.keyword_exclusions.get(group, ()))
        for pt in self.protected_terms.terms:
            patterns.append(("protected", pt.term, pt.term))
        return Matcher(patterns)

    @cached_property
    def period_words(self) -> tuple[str, str]:
        """The eligible period in words (« du 1er juillet au 31 août 2024 »), French and English."""
        from .messages import period_text

        return (
            period_text(self.period.start, self.period.end, "fr"),
            period_text(self.period.start, self.period.end, "en"),
        )

    @cached_property
    def term_index(self) -> dict[str, dict[str, Term]]:
        """The named terms of the Games by kind ("value", "label", "celebration-format",
        "synonym") and id."""
        g = self.games
        return {
            "value": {t.id: t for t in g.values},
            "label": {t.id: t for t in g.labels},
            "celebration-format": {t.id: t for t in g.celebration_formats},
            "synonym": {t.id: t for t in g.synonyms},
        }

    def label(self, lang: str) -> str:
        return self.name_fr if lang == "fr" else self.name_en

    def __repr__(self) -> str:
        return f"<RulePack {self.id} season={self.season} criteria={len(self.criteria)}>"

    __str__ = __repr__


# --- reading ------------------------------------------------------------------------------------

_TOML_LINE = re.compile(r"\(at line (\d+), column (\d+)\)")


def _toml_error(exc: tomllib.TOMLDecodeError, source: str) -> RulePackError:
    text = str(exc)
    m = _TOML_LINE.search(text)
    line = int(m.group(1)) if m else getattr(exc, "lineno", None)
    message = _TOML_LINE.sub("", text).strip()
    return RulePackError(
        "fichier de règles illisible : ce n'est pas du TOML valide",
        "unreadable rule file: not valid TOML",
        details=[
            ErrorDetail(
                "",
                f"erreur de syntaxe TOML : {message}",
                f"TOML syntax error: {message}",
                line=line,
                hint_fr="vérifiez les guillemets, les crochets et les virgules de cette ligne",
                hint_en="check the quotes, brackets and commas on this line",
            )
        ],
        source=source,
    )


def line_of(text: str, loc: tuple[int | str, ...]) -> int | None:
    """Best-effort line of a field path (``principles[1].criteria[0].weight``) in TOML text."""
    lines = text.splitlines()
    pos = 0
    table: list[str] = []
    found: int | None = None
    for part_i, part in enumerate(loc):
        if isinstance(part, int):
            continue
        nxt = loc[part_i + 1] if part_i + 1 < len(loc) else None
        dotted = ".".join([*table, part])
        if isinstance(nxt, int):
            header = re.compile(rf"^\s*\[\[\s*{re.escape(dotted)}\s*\]\]")
            hits = [i for i in range(pos, len(lines)) if header.match(lines[i])]
            if nxt < len(hits):
                pos = found_line = hits[nxt]
                found = found_line + 1
                table.append(part)
                continue
        header = re.compile(rf"^\s*\[\s*{re.escape(dotted)}\s*\]")
        key = re.compile(rf"^\s*{re.escape(part)}\s*=")
        for i in range(pos, len(lines)):
            if header.match(lines[i]):
                pos, found = i, i + 1
                table.append(part)
                break
            if key.match(lines[i]):
                pos, found = i, i + 1
                break
        else:
            return found
    return found


def _format_loc(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + str(part)
    return out


_ERR_FR = {
    "missing": "champ obligatoire manquant",
    "extra_forbidden": "champ inconnu",
    "string_pattern_mismatch": "identifiant invalide : lettres minuscules, chiffres et tirets",
    "date_from_datetime_parsing": "date attendue (AAAA-MM-JJ)",
    "date_type": "date attendue (AAAA-MM-JJ, sans guillemets)",
    "literal_error": "valeur non reconnue",
    "enum": "valeur non reconnue",
    "int_type": "nombre entier attendu",
    "int_parsing": "nombre entier attendu",
    "float_type": "nombre attendu",
    "float_parsing": "nombre attendu",
    "bool_type": "true ou false attendu",
    "string_type": "texte entre guillemets attendu",
    "tuple_type": "liste attendue ([...])",
    "dict_type": "table attendue",
    "model_type": "table attendue",
    "too_short": "liste vide : au moins un élément attendu",
    "greater_than": "valeur trop petite",
    "greater_than_equal": "valeur trop petite",
    "less_than_equal": "valeur trop grande",
    "string_too_short": "texte vide",
}


def _validation_problems(exc: ValidationError, text: str) -> list[ErrorDetail]:
    details: list[ErrorDetail] = []
    for err in exc.errors(include_url=False):
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and "[" in p))
        kind = err["type"]
        ctx = err.get("ctx") or {}
        if kind in ("value_error", "assertion_error"):
            fr, _, en = str(ctx.get("error", err["msg"])).partition("\x1f")
            en = en or fr
        else:
            en = err["msg"]
            fr = _ERR_FR.get(kind, en)
            if kind in ("literal_error", "enum") and "expected" in ctx:
                fr += f" : attendu {ctx['expected']}"
        hint_fr = hint_en = None
        if kind == "extra_forbidden" and loc:
            hint_fr, hint_en = _field_hint(loc)
        found = None if kind == "missing" else _short(err.get("input"))
        details.append(
            ErrorDetail(
                _format_loc(loc),
                fr,
                en,
                found=found,
                line=line_of(text, loc),
                hint_fr=hint_fr,
                hint_en=hint_en,
            )
        )
    return details


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:59] + "…"


def _field_hint(loc: tuple[int | str, ...]) -> tuple[str | None, str | None]:
    model: Any = RulePack
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        info = model.model_fields.get(part) if hasattr(model, "model_fields") else None
        if info is None:
            return None, None
        model = _inner_model(info.annotation)
        if model is None:
            return None, None
    known = [(info.alias or name) for name, info in model.model_fields.items() if name != "path"]
    guess = closest(str(loc[-1]), known)
    if guess:
        return f"vouliez-vous dire « {guess[0]} » ?", f"did you mean '{guess[0]}'?"
    listed = ", ".join(known)
    return f"champs acceptés : {listed}", f"accepted fields: {listed}"


def _inner_model(annotation: Any) -> Any:
    from typing import get_args

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def merge(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    """Tables merge key by key, recursively; every other value (arrays too) replaces the base."""
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out


def validate_rule_pack(data: dict[str, Any], text: str, *, source: str) -> RulePack:
    try:
        return RulePack.model_validate({**data, "path": source})
    except ValidationError as exc:
        problems = _validation_problems(exc, text)
        raise RulePackError(
            f"fichier de règles invalide : {plural(len(problems), 'problème', lang='fr')} "
            "à corriger",
            f"invalid rule file: {plural(len(problems), 'problem', lang='en')} to fix",
            details=problems,
            source=source,
        ) from None


AUDIENCES = tuple(a.value for a in Audience)
