"""What every check reads: an event with its programme context, computed once (texts, matches),
and the :class:`Evidence` / :class:`Outcome` a check returns."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from types import MappingProxyType
from typing import Any, NamedTuple, TypeVar

from ..model import Event, Organiser, Programme, Quartier, Venue
from . import messages as M
from .pack import RulePack
from .text import Match

__all__ = ["EventContext", "Evidence", "Outcome"]


class Evidence(NamedTuple):
    """What a check used: the event field, what was found there (as written in the event) and
    what it matched in the pack (an id, for programs); ``say`` is what that means, in French and
    English, for readers."""

    field: str
    found: str
    matched: str | None = None
    say: tuple[str, str] | None = None
    #: ``found`` in English when it is not the event's own words (dates written out)
    found_en: str | None = None

    def to_dict(self) -> dict[str, str | None]:
        return {"field": self.field, "found": self.found, "matched": self.matched}

    def text(self, lang: str) -> str:
        """One French (or English) phrase: « words » (where) — what it means."""
        where = M.field_label(self.field, lang)
        if lang == "fr":
            out = f"« {self.found} » ({where})"
        else:
            out = f"'{self.found_en or self.found}' ({where})"
        if self.say:
            out += f" : {self.say[0]}" if lang == "fr" else f": {self.say[1]}"
        return out


class Outcome(NamedTuple):
    status: str
    evidence: tuple[Evidence, ...] = ()
    params: Mapping[str, Any] = MappingProxyType({})
    #: sentences shown whatever the status ((fr, en) pairs): unknown ids, rules not confirmed…
    notes: tuple[tuple[str, str], ...] = ()


#: groups whose match says what the event is about (a vague text has none of them)
_SPECIFIC = frozenset(
    {
        "sport",
        "kw:sport-generic",
        "kw:culture",
        "value",
        "label",
        "kw:athletes",
        "celebration-format",
        "kw:values-olympic",
        "kw:values-education",
    }
)


#: ``activities[0]``, ``activities[1]``… by list name and length
_NAMES: dict[tuple[str, int], tuple[str, ...]] = {}


def _field_names(field: str, n: int) -> tuple[str, ...]:
    """The names of the first ``n`` items of a list field (``activities[0]``…)."""
    hit = _NAMES.get((field, n))
    if hit is None:
        hit = tuple(f"{field}[{i}]" for i in range(n))
        if len(_NAMES) < 1024:
            _NAMES[(field, n)] = hit
    return hit


#: keyword group names by keyword list name (« festive » → « kw:festive »)
_KW_GROUPS: dict[str, str] = {}


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
        activities = event.activities
        fields.extend(zip(_field_names("activities", len(activities)), activities, strict=True))
        #: the event's texts as written, by field (for phrases read with a pattern of numbers)
        self.raw_texts = fields
        self.texts = [(name, matcher.find_all(value)) for name, value in fields]
        labels = event.labels
        self.label_texts = (
            [
                (name, matcher.find_all(label))
                for name, label in zip(_field_names("labels", len(labels)), labels, strict=True)
            ]
            if labels
            else []
        )
        self.venue_text = matcher.find_all(self.venue.name) if self.venue is not None else {}
        self.has_text = len(fields) > 1
        #: a description to read (values, festive nature, speakers are described there)
        self.has_description = bool(event.description.strip())
        self.days: tuple[date, ...] = event.days
        # every group's matches over the texts, gathered once (checks ask by group)
        by_group: dict[str, list[tuple[str, Match]]] = {}
        for name, found in self.texts:
            for group, matches in found.items():
                pairs = [(name, m) for m in matches]
                got = by_group.get(group)
                if got is None:
                    by_group[group] = pairs
                else:
                    got += pairs
        self._by_group = by_group
        #: a text that says nothing of what happens (« animations diverses », « programme à
        #: venir ») reads as no text for the fil rouge
        if "kw:vague" in by_group and not any(
            g in _SPECIFIC or g.startswith("link:") for g in by_group
        ):
            self.has_text = False
        self._found: dict[str, list[tuple[str, Match]]] = {}
        self._days_pair: tuple[str, str] | None = None
        self._departements: tuple[str, ...] | None = None
        #: computed once by the participation and Rev3 checks (several criteria read them)
        self._prose_phases: dict[str, list[Evidence]] | None = None
        self._rev3: tuple[list[str], list[Evidence], tuple[tuple[str, str], ...]] | None = None

    def find(self, group: str, *, labels: bool = False) -> list[tuple[str, Match]]:
        """``(field, match)`` for every word of ``group`` in the texts (and labels when asked)."""
        if not labels or not self.label_texts:
            return self._by_group.get(group, [])
        if group not in self._found:
            out = list(self._by_group.get(group, ()))
            for name, by_group in self.label_texts:
                out.extend((name, m) for m in by_group.get(group, ()))
            self._found[group] = out
        return self._found[group]

    def has(self, group: str) -> bool:
        """Whether any text of the event matches ``group``."""
        return group in self._by_group

    def days_pair(self) -> tuple[str, str]:
        """The event's days in words, French and English (computed once)."""
        if self._days_pair is None:
            self._days_pair = _dates_pair(self.days)
        return self._days_pair

    def keywords(self, group: str) -> list[tuple[str, Match]]:
        key = _KW_GROUPS.get(group)
        if key is None:
            key = _KW_GROUPS.setdefault(group, f"kw:{group}")
        return self.find(key)

    @property
    def departements(self) -> tuple[str, ...]:
        """The départements of the event's quartiers, sorted (computed once)."""
        out = self._departements
        if out is None:
            qs = self.quartiers
            out = () if qs is None else tuple(sorted({q.departement for q in qs}))
            self._departements = out
        return out


Say = Callable[[Match], tuple[str, str] | None]


def _ev(found: Sequence[tuple[str, Match]], say: Say | None = None) -> list[Evidence]:
    """One piece of evidence per field and target, the words quoted as written."""
    if not found:
        return []
    new = _new_evidence
    if len(found) == 1:
        name, m = found[0]
        return [new(Evidence, (name, m.found, m.target, say(m) if say else None, None))]
    out: list[Evidence] = []
    seen: set[tuple[str, str]] = set()
    for name, m in found:
        key = (name, m.target)
        if key in seen:
            continue
        seen.add(key)
        out.append(new(Evidence, (name, m.found, m.target, say(m) if say else None, None)))
    return out


_new_evidence = tuple.__new__


_T = TypeVar("_T")


def per_pack(pack: RulePack, key: str, build: Callable[[], _T]) -> _T:
    """``build()``, computed once per pack and kept in ``pack.derived`` under ``key``."""
    store = pack.derived
    if key not in store:
        store[key] = build()
    out: _T = store[key]
    return out


def says_by_target(says: Mapping[str, tuple[str, str]]) -> Say:
    """The wording of a match looked up by its target (None for an unknown target)."""
    get = says.get
    return lambda m: get(m.target)


def _sport_label(pack: RulePack) -> Say:
    said: Say | None = pack.derived.get("sport-label")
    if said is not None:
        return said

    def build() -> Say:
        says: dict[str, tuple[str, str]] = {}
        for s in pack.sports_by_id.values():
            if s.games == "olympic":
                says[s.id] = f"{s.fr}, sport olympique", f"{s.en}, Olympic sport"
            else:
                says[s.id] = f"{s.fr}, sport paralympique", f"{s.en}, Paralympic sport"
        return says_by_target(says)

    return per_pack(pack, "sport-label", build)


def _dates_text(days: Sequence[date], lang: str = "fr") -> str:
    return M.days_text(days, lang)


#: days in words, French and English, by days (the same dates come back across a programme)
_DAYS_WORDS: dict[tuple[date, ...], tuple[str, str]] = {}


def _dates_pair(days: Sequence[date]) -> tuple[str, str]:
    key = tuple(days)
    hit = _DAYS_WORDS.get(key)
    if hit is None:
        hit = M.days_text(key, "fr"), M.days_text(key, "en")
        if len(_DAYS_WORDS) >= 4096:
            _DAYS_WORDS.clear()
        _DAYS_WORDS[key] = hit
    return hit
