"""A season's programme: quartiers, organisers, venues, resources and temps forts, cross-checked."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import (
    Field,
    ModelWrapValidatorHandler,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ..errors import did_you_mean
from .actors import Organiser, Resource
from .base import (
    DEFAULT_TIMEZONE,
    MAX_YEAR,
    MIN_YEAR,
    SLUG_PATTERN,
    TEXTS_CHECKED,
    Int,
    NqeModel,
    Slug,
    check_timezone,
    text_problems,
    timezone_context,
)
from .event import Event
from .places import Quartier, Venue
from .planning import PlanningConfig
from .values import key

__all__ = ["Programme"]

FORMAT_VERSION = 1
SEASON_MIN, SEASON_MAX = 2014, 2100
#: Validation context of a programme built from an ICS file: its season may be any year 1–9999.
IMPORTED_CALENDAR = {"imported_calendar": True}


class Programme(NqeModel):
    """A season of Nos Quartiers d'Été: everything a programme file holds.

    Every id is unique within its list and every reference (``events[3].venue``…) must name an
    existing item; a mistake is reported with its field path and the closest known id.
    """

    format_version: Int = Field(default=FORMAT_VERSION, ge=1, le=FORMAT_VERSION)
    #: 2014–2100 for a programme written by hand; any year the model holds (MIN_YEAR–MAX_YEAR) for one built
    #: from an ICS calendar (validation context ``IMPORTED_CALENDAR``), so old calendars are readable
    season: Int = Field(json_schema_extra={"minimum": SEASON_MIN, "maximum": SEASON_MAX})
    name: str = Field(min_length=1, max_length=200)
    timezone: str = DEFAULT_TIMEZONE
    fil_rouge: Slug | None = None
    rules: Slug | None = None
    quartiers: tuple[Quartier, ...] = ()
    organisers: tuple[Organiser, ...] = ()
    venues: tuple[Venue, ...] = ()
    resources: tuple[Resource, ...] = ()
    events: tuple[Event, ...] = ()
    planning: PlanningConfig = PlanningConfig()

    @model_validator(mode="before")
    @classmethod
    def _names_to_ids(cls, data: Any) -> Any:
        return resolve_names(data) if isinstance(data, dict) else data

    @model_validator(mode="wrap")
    @classmethod
    def _in_timezone(
        cls, data: Any, handler: ModelWrapValidatorHandler[Programme], info: ValidationInfo
    ) -> Programme:
        checked = isinstance(info.context, dict) and info.context.get(TEXTS_CHECKED) is True
        if isinstance(data, dict) and not checked:
            problems = text_problems(data)
            if problems:
                raise PydanticCustomError(
                    "references", "caractères interdits", {"problems": problems}
                )
        tz = data.get("timezone", DEFAULT_TIMEZONE) if isinstance(data, dict) else DEFAULT_TIMEZONE
        if not isinstance(tz, str):
            return handler(data)
        try:
            check_timezone(tz)
        except PydanticCustomError:
            return handler(data)  # the field validator reports it with its path
        with timezone_context(tz):
            return handler(data)

    @field_validator("season")
    @classmethod
    def _season(cls, value: int, info: ValidationInfo) -> int:
        context = info.context if isinstance(info.context, dict) else {}
        low, high = (
            (MIN_YEAR, MAX_YEAR) if context.get("imported_calendar") else (SEASON_MIN, SEASON_MAX)
        )
        if not low <= value <= high:
            raise PydanticCustomError(
                "season_range",
                "la saison doit être au moins {low} et au plus {high} (trouvé : {value})",
                {"low": low, "high": high, "value": value},
            )
        return value

    @field_validator("timezone")
    @classmethod
    def _tz(cls, value: str) -> str:
        return check_timezone(value)

    @model_validator(mode="after")
    def _references(self) -> Programme:
        problems = list(reference_problems(self))
        if problems:
            raise PydanticCustomError("references", "références invalides", {"problems": problems})
        return self

    # --- lookups -------------------------------------------------------------------------------

    def event(self, event_id: str) -> Event:
        """The event with this id (``UnknownItemError`` with a suggestion otherwise)."""
        for e in self.events:
            if e.id == event_id:
                return e
        from ..errors import UnknownItemError

        suffix_fr, suffix_en = did_you_mean(event_id, [e.id for e in self.events])
        raise UnknownItemError(
            f"aucun événement « {event_id} » dans le programme{suffix_fr}",
            f"no event '{event_id}' in the programme{suffix_en}",
        )

    def by_id(self) -> dict[str, dict[str, Any]]:
        """Every item by id, per collection: ``p.by_id()["venues"]["city-stade-12"]``."""
        return {
            name: {item.id: item for item in getattr(self, name)}
            for name in ("quartiers", "organisers", "venues", "resources", "events")
        }

    def with_events(self, events: Iterable[Event]) -> Programme:
        """A copy with these events instead (validated again)."""
        data = self.model_dump()
        data["events"] = [e.model_dump() for e in events]
        return Programme.model_validate(data)

    # --- in a notebook (see nqe_events.model.display) ----------------------------------------

    def __repr__(self) -> str:
        from .display import programme_repr

        return programme_repr(self)

    def __str__(self) -> str:
        from .display import programme_str

        return programme_str(self)

    def _repr_html_(self) -> str:
        """A card in Jupyter: name, season, counts and a table of the temps forts."""
        from .display import programme_card

        return programme_card(self)

    def to_dataframe(self, lang: str | None = None, *, labels: str | None = None) -> Any:
        """One row per temps fort (``notebook`` extra): id, title, organiser, venue, commune,
        quartiers, start and end (local times), days, slots, status, themes, expected
        attendance, budget, regional subsidy and volunteer inhabitants. Column labels are French
        by default (« public attendu »), English with ``labels="en"``, the machine keys with
        ``labels="keys"``; ``nqe.to_excel(frame, "programme.xlsx")`` writes it as is, no cell
        turned into a formula."""
        from .display import programme_frame

        return programme_frame(self, lang, labels)


# Which fields of which lists name an item of which list (a single id or a list of ids).
_REFERENCES: dict[str, dict[str, str]] = {
    "events": {
        "organiser": "organisers",
        "partners": "organisers",
        "venue": "venues",
        "quartiers": "quartiers",
        "resources": "resources",
    },
    "venues": {"quartier": "quartiers"},
    "resources": {"owner": "organisers"},
}


def _name_index(items: Any) -> tuple[set[str], dict[str, list[str]]]:
    """The ids of a raw list, and its items' ids by the key of their name and of their id."""
    ids: set[str] = set()
    by_key: dict[str, list[str]] = {}
    if not isinstance(items, list | tuple):
        return ids, by_key
    for item in items:
        raw = item if isinstance(item, dict) else getattr(item, "__dict__", {})
        item_id, name = raw.get("id"), raw.get("name")
        if not isinstance(item_id, str):
            continue
        ids.add(item_id)
        texts = [item_id, name] if isinstance(name, str) else [item_id]
        for text in texts:
            found = by_key.setdefault(key(text), [])
            if item_id not in found:
                found.append(item_id)
    return ids, by_key


_SLUG = re.compile(SLUG_PATTERN)


def resolve_names(data: dict[str, Any]) -> dict[str, Any]:
    """References written as display names (« Square de la Bourgogne ») replaced by the id of the
    one item of that name (accents, case and spacing aside). A name that matches no item, or
    several, is left as written: the reference check then reports it with the candidates."""
    indexes = {
        name: _name_index(data.get(name))
        for name in ("organisers", "venues", "quartiers", "resources")
    }

    def one(value: Any, target: str) -> Any:
        ids, by_key = indexes[target]
        if not isinstance(value, str) or value in ids or _SLUG.match(value):
            # an id-shaped value is an id: a typo in it is reported, never silently fixed
            return value
        found = by_key.get(key(value), [])
        return found[0] if len(found) == 1 else value

    out = dict(data)
    for list_name, fields in _REFERENCES.items():
        items = data.get(list_name)
        if not isinstance(items, list | tuple):
            continue
        new_items = []
        for item in items:
            if isinstance(item, dict):
                item = dict(item)
                for field, target in fields.items():
                    value = item.get(field)
                    if isinstance(value, list | tuple):
                        item[field] = [one(v, target) for v in value]
                    elif value is not None:
                        item[field] = one(value, target)
            new_items.append(item)
        out[list_name] = new_items
    return out


def name_candidates(value: str, items: Sequence[Any], n: int = 3) -> list[str]:
    """The ids of the items whose name or id is closest to ``value`` (for an unknown name)."""
    from ..errors import closest

    keys: dict[str, list[str]] = {}
    for item in items:
        for text in (item.id, item.name):
            keys.setdefault(key(text), []).append(item.id)
    out: list[str] = []
    for k in closest(key(value), list(keys), n=n * 2):
        for item_id in keys[k]:
            if item_id not in out:
                out.append(item_id)
    return out[:n]


def _dupes(items: Sequence[Any], name: str) -> Iterable[dict[str, Any]]:
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        if item.id in seen:
            yield {
                "path": f"{name}[{i}].id",
                "fr": f"id « {item.id} » déjà utilisé par {name}[{seen[item.id]}] : "
                "chaque id doit être unique",
                "en": f"id '{item.id}' already used by {name}[{seen[item.id]}]: ids must be unique",
                "found": item.id,
            }
        else:
            seen[item.id] = i


def _ref(path: str, value: str, known: Sequence[str], what_fr: str, what_en: str) -> dict[str, Any]:
    dym_fr, dym_en = did_you_mean(value, known)
    fr = f"{what_fr} « {value} » inconnu{dym_fr}"
    en = f"unknown {what_en} '{value}'{dym_en}"
    if not dym_fr and known:
        listed = ", ".join(sorted(known)[:8])
        fr += f" ; ids connus : {listed}"
        en += f"; known ids: {listed}"
    elif not known:
        fr += " ; la liste correspondante est vide"
        en += "; the matching list is empty"
    return {"path": path, "fr": fr, "en": en, "found": value}


def reference_problems(p: Programme) -> Iterable[dict[str, Any]]:
    """Duplicate ids and dangling references, each with a field path."""
    for name in ("quartiers", "organisers", "venues", "resources", "events"):
        yield from _dupes(getattr(p, name), name)
    quartiers = [q.id for q in p.quartiers]
    organisers = [o.id for o in p.organisers]
    venues = [v.id for v in p.venues]
    resources = [r.id for r in p.resources]
    qset, oset, vset, rset = set(quartiers), set(organisers), set(venues), set(resources)
    for i, v in enumerate(p.venues):
        if v.quartier is not None and v.quartier not in qset:
            yield _ref(f"venues[{i}].quartier", v.quartier, quartiers, "quartier", "quartier")
    for i, r in enumerate(p.resources):
        if r.owner is not None and r.owner not in oset:
            yield _ref(f"resources[{i}].owner", r.owner, organisers, "porteur", "organiser")
    for i, e in enumerate(p.events):
        if e.organiser not in oset:
            yield _ref(f"events[{i}].organiser", e.organiser, organisers, "porteur", "organiser")
        for j, partner in enumerate(e.partners):
            if partner not in oset:
                yield _ref(
                    f"events[{i}].partners[{j}]", partner, organisers, "partenaire", "partner"
                )
        if e.venue not in vset:
            yield _ref(f"events[{i}].venue", e.venue, venues, "lieu", "venue")
        for j, q in enumerate(e.quartiers):
            if q not in qset:
                yield _ref(f"events[{i}].quartiers[{j}]", q, quartiers, "quartier", "quartier")
        for j, res in enumerate(e.resources):
            if res not in rset:
                yield _ref(f"events[{i}].resources[{j}]", res, resources, "ressource", "resource")
