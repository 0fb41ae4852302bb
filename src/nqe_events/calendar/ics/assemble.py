"""Turning the VEVENTs read from a file into events, and the places, organisers and quartiers they
name into items (placeholders « à préciser » for feeds written elsewhere).

A feed exported by nqe_events carries the whole event and the programme's items as compact JSON in
``X-NQE-*`` properties (calendar clients ignore them); reading it back restores everything the
programme said about a dated event, so that programme → ICS → programme is lossless.
"""

from __future__ import annotations

import contextlib
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from ...errors import IcsError, short
from .reader import Reader, text_of
from .result import IcsImport
from .scan import ScannedComponent
from .text import BLOCK_MARK, CANCELLED_PREFIX, THEME_LABELS, UNKNOWN, slug

if TYPE_CHECKING:
    from ...model import Event

__all__ = ["DATA_KINDS", "Draft", "assemble", "programme_data"]

_STATUS_IN = {"CONFIRMED": "confirme", "TENTATIVE": "provisoire", "CANCELLED": "annule"}
#: calendar-level properties holding one programme item each, by programme field
DATA_KINDS = {
    "quartiers": "X-NQE-QUARTIER-DATA",
    "organisers": "X-NQE-ORGANISER-DATA",
    "venues": "X-NQE-VENUE-DATA",
    "resources": "X-NQE-RESOURCE-DATA",
}


@dataclass
class Draft:
    """An event being assembled from one or several VEVENTs."""

    id: str
    line: int
    component: Any
    scanned: ScannedComponent
    occurrences: list[tuple[Any, Any, str | None]] = field(default_factory=list)
    sequence: int = 0


def _json(reader: Reader, value: Any, line: int | None, what: str) -> dict[str, Any] | None:
    if value is None:
        return None
    try:
        data = json.loads(text_of(value))
    except ValueError:
        data = None
    if not isinstance(data, dict):
        reader.warn("nqe_data", line, None, what=what)
        return None
    return data


def _values(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def programme_data(
    reader: Reader, cal: Any
) -> tuple[dict[str, Any], dict[str, dict[str, dict[str, Any]]]]:
    """The programme's own fields (``X-NQE-PROGRAMME``) and its items by kind and id
    (``X-NQE-VENUE-DATA``…) when the feed was written by nqe_events, else empty."""
    line_of = {p.name: p.line for p in reader.root.properties}
    fields = _json(reader, cal.get("X-NQE-PROGRAMME"), line_of.get("X-NQE-PROGRAMME"), "programme")
    items: dict[str, dict[str, dict[str, Any]]] = {kind: {} for kind in DATA_KINDS}
    for kind, prop in DATA_KINDS.items():
        for value in _values(cal.get(prop)):
            data = _json(reader, value, line_of.get(prop), kind)
            if data is not None and isinstance(data.get("id"), str):
                items[kind][data["id"]] = data
    return fields or {}, items


def _split_location(text: str) -> tuple[str, str | None, str | None, str | None]:
    """(name, address, postcode, commune) from "Name, address, 59000 Commune"."""
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if not parts:
        return UNKNOWN["venue_name"], None, None, None
    name = parts[0]
    postcode = commune = None
    address = None
    if len(parts) >= 2:
        m = re.fullmatch(r"([0-9][0-9AB][0-9]{3})\s+(.+)", parts[-1])
        if m:
            postcode, commune = m.group(1), m.group(2)
        else:
            commune = parts[-1]
        address = ", ".join(parts[1:-1]) or None
    return name, address, postcode, commune


def _clip(reader: Reader, value: str, limit: int, fieldname: str, line: int, event: str) -> str:
    if len(value) > limit:
        reader.warn("truncated", line, event, field=fieldname, n=limit)
        return value[: limit - 1].rstrip() + "…"
    return value


def _own_description(text: str, ours: bool) -> str:
    if not ours:
        return text
    if text.startswith(BLOCK_MARK + "\n") or text == BLOCK_MARK:
        return ""
    head, sep, _ = text.partition("\n\n" + BLOCK_MARK + "\n")
    return head if sep else text


def _sort_key(value: date | datetime) -> datetime:
    if isinstance(value, datetime):
        return value.astimezone(UTC)
    return datetime.combine(value, time(0), tzinfo=UTC)


def _tracks(
    occurrences: list[tuple[Any, Any, str | None]], tz: Any
) -> list[list[tuple[Any, Any, Any]]]:
    """The occurrences sorted by start and spread over as few lists as possible so that none
    overlaps another of its list (an event's occurrences may not overlap; a feed's series may)."""
    tracks: list[list[tuple[Any, Any, Any]]] = []
    ends: list[datetime] = []

    def key(value: Any) -> datetime:  # a date is midnight in the calendar's zone
        if isinstance(value, datetime):
            return value.astimezone(UTC)
        return datetime.combine(value, time(0), tzinfo=tz).astimezone(UTC)

    for occ in sorted(occurrences, key=lambda x: (key(x[0]), key(x[1]))):
        start, end = key(occ[0]), key(occ[1])
        for i, last in enumerate(ends):
            if last <= start:
                tracks[i].append(occ)
                ends[i] = end
                break
        else:
            tracks.append([occ])
            ends.append(end)
    return tracks


class _Items:
    """The venues, organisers, quartiers and resources of the result: the feed's own (from
    ``X-NQE-*-DATA``) first, then placeholders for the ids nothing describes."""

    def __init__(self, reader: Reader, known: dict[str, dict[str, dict[str, Any]]]) -> None:
        self.reader = reader
        self.venues = dict(known["venues"])
        self.organisers = dict(known["organisers"])
        self.quartiers = dict(known["quartiers"])
        self.resources = dict(known["resources"])
        self.placeholders: list[str] = []

    def venue(self, venue_id: str, ve: Any) -> str:
        if venue_id in self.venues:
            return venue_id
        location = text_of(ve.get("LOCATION")).strip()
        vname, address, postcode, commune = _split_location(location)
        venue: dict[str, Any] = {
            "id": venue_id,
            "name": vname[:200],
            "commune": (commune or UNKNOWN["commune"])[:100],
            "address": address[:300] if address else None,
            "postcode": postcode,
        }
        geo = ve.get("GEO")
        if geo is not None:
            with contextlib.suppress(TypeError, ValueError, AttributeError):
                venue["coordinates"] = {"lat": float(geo.latitude), "lon": float(geo.longitude)}
        self.venues[venue_id] = venue
        self.placeholders.append(f"lieu « {venue_id} »")
        return venue_id

    def organiser(self, org_id: str, org: Any, cn: str) -> str:
        if org_id in self.organisers:
            return org_id
        o: dict[str, Any] = {
            "id": org_id,
            "name": (cn or UNKNOWN["organiser_name"])[:200],
            "kind": "autre",
        }
        address = str(org) if org is not None else ""
        if address.lower().startswith("mailto:"):
            o["email"] = address[7:]
        elif address.startswith(("http://", "https://")) and " " not in address:
            o["website"] = address[:300]
        self.organisers[org_id] = o
        self.placeholders.append(f"porteur « {org_id} »")
        return org_id

    def quartier(self, q: str, venue_id: str, line: int, ident: str) -> str:
        if q in self.quartiers:
            return q
        v = self.venues[venue_id]
        postcode = v.get("postcode") or ""
        dept = (postcode[:3] if postcode.startswith("97") else postcode[:2]) if postcode else None
        if dept is None:
            self.reader.warn("placeholder_departement", line, ident, id=q)
        self.quartiers[q] = {
            "id": q,
            "name": UNKNOWN["quartier_name"].format(q),
            "communes": [v.get("commune") or UNKNOWN["commune"]],
            "departement": dept or "59",
        }
        self.placeholders.append(f"quartier « {q} »")
        return q


@lru_cache(maxsize=1)
def _theme_of() -> dict[str, str]:
    from ...model.event import normalise_token

    theme_of = {normalise_token(v): k for k, v in THEME_LABELS.items()}
    theme_of.update({k: k for k in THEME_LABELS})
    return theme_of


@lru_cache(maxsize=4096)
def _token(raw: str) -> str:
    from ...model.event import normalise_token

    return str(normalise_token(raw))


def _categories(reader: Reader, ve: Any, line: int, ident: str) -> tuple[list[str], list[str]]:
    theme_of = _theme_of()
    themes: list[str] = []
    labels: list[str] = []
    for prop in _values(ve.get("CATEGORIES")):
        for raw in getattr(prop, "cats", []):
            token = _token(str(raw))
            if token in theme_of:
                if theme_of[token] not in themes:
                    themes.append(theme_of[token])
            elif re.fullmatch(r"[a-z0-9][a-z0-9-]{0,60}", token or ""):
                if token not in labels:
                    labels.append(token)
            else:
                reader.warn("category", line, ident, value=short(str(raw), 40))
    if len(themes) > 3:
        reader.warn("too_many_themes", line, ident)
        themes = themes[:3]
    return themes, labels


def _foreign_event(reader: Reader, items: _Items, draft: Draft) -> dict[str, Any]:
    """The fields of an event read from the standard properties (a feed written elsewhere, or
    one of ours without ``X-NQE-EVENT``)."""
    ve, line, ident = draft.component, draft.line, draft.id
    ours = ve.get("X-NQE-ID") is not None
    status = _STATUS_IN.get(str(ve.get("STATUS", "CONFIRMED")).upper(), "confirme")
    title = text_of(ve.get("SUMMARY")).strip() or UNKNOWN["title"]
    if ours and status == "annule" and title.startswith(CANCELLED_PREFIX):
        title = title[len(CANCELLED_PREFIX) :].strip() or UNKNOWN["title"]
    title = _clip(reader, title, 200, "SUMMARY", line, ident)
    desc = _own_description(text_of(ve.get("DESCRIPTION")).strip(), ours).strip()
    desc = _clip(reader, desc, 5000, "DESCRIPTION", line, ident)
    location = text_of(ve.get("LOCATION")).strip()
    venue_id = text_of(ve.get("X-NQE-VENUE")).strip() or slug(location, "lieu-a-preciser")
    venue_id = items.venue(slug(venue_id, "lieu-a-preciser"), ve)
    org = ve.get("ORGANIZER")
    if isinstance(org, list):
        org = org[0]
    cn = str(org.params.get("CN", "")).strip() if org is not None else ""
    org_id = text_of(ve.get("X-NQE-ORGANISER")).strip() or slug(cn, "porteur-a-preciser")
    org_id = items.organiser(slug(org_id, "porteur-a-preciser"), org, cn)
    q_text = text_of(ve.get("X-NQE-QUARTIERS")).strip()
    q_ids = [slug(q, "quartier-a-preciser") for q in q_text.split(",") if q.strip()]
    q_ids = list(dict.fromkeys(q_ids or ["quartier-a-preciser"]))
    for q in q_ids:
        items.quartier(q, venue_id, line, ident)
    themes, labels = _categories(reader, ve, line, ident)
    url = ve.get("URL")
    url_text = str(url).strip() if url is not None else None
    if url_text and not re.fullmatch(r"https?://\S+", url_text):
        reader.warn("url", line, ident, value=short(url_text, 60))
        url_text = None
    last_mod = ve.get("LAST-MODIFIED")
    last_modified = None
    if last_mod is not None and isinstance(getattr(last_mod, "dt", None), datetime):
        lm = last_mod.dt
        last_modified = lm if lm.tzinfo is not None else lm.replace(tzinfo=UTC)
    return {
        "title": title,
        "description": desc,
        "organiser": org_id,
        "venue": venue_id,
        "quartiers": q_ids,
        "themes": themes,
        "labels": labels,
        "status": status,
        "last_modified": last_modified,
        "url": url_text[:500] if url_text else None,
    }


def _own_event(reader: Reader, items: _Items, draft: Draft, data: dict[str, Any]) -> dict[str, Any]:
    """An event exported by nqe_events (``X-NQE-EVENT``): its fields as written, with placeholders
    for the items the feed does not describe. STATUS stays the calendar's word."""
    ve, line, ident = draft.component, draft.line, draft.id
    out = {k: v for k, v in data.items() if k not in ("id", "occurrences")}
    status = ve.get("STATUS")
    if status is not None:
        out["status"] = _STATUS_IN.get(str(status).upper(), out.get("status", "confirme"))
    if isinstance(out.get("venue"), str):
        items.venue(out["venue"], ve)
    if isinstance(out.get("organiser"), str):
        org = ve.get("ORGANIZER")
        org = org[0] if isinstance(org, list) else org
        cn = str(org.params.get("CN", "")).strip() if org is not None else ""
        items.organiser(out["organiser"], org, cn)
    for partner in out.get("partners") or ():
        if isinstance(partner, str) and partner not in items.organisers:
            items.organiser(partner, None, partner)
    venue = out.get("venue") if isinstance(out.get("venue"), str) else None
    for q in out.get("quartiers") or ():
        if isinstance(q, str) and venue is not None:
            items.quartier(q, venue, line, ident)
    resources = [r for r in out.get("resources") or () if isinstance(r, str)]
    missing = [r for r in resources if r not in items.resources]
    if missing:
        reader.warn("resource_dropped", line, ident, ids=", ".join(missing), n=len(missing))
        out["resources"] = [r for r in resources if r in items.resources]
    out["sequence"] = max(int(out.get("sequence") or 0), draft.sequence)
    return out


def _validate(reader: Reader, draft: Draft, data: dict[str, Any], tz_name: str) -> Event | None:
    from pydantic import ValidationError

    from ...model import Event
    from ...model.base import timezone_context
    from ...model.messages import validation_error

    try:
        with timezone_context(tz_name):
            return Event.model_validate(data)
    except ValidationError as exc:
        detail = validation_error(exc, model=Event).details[0]
        where = f"{detail.path} : " if detail.path else ""
        where_en = f"{detail.path}: " if detail.path else ""
        error = reader.error(
            draft.line,
            f"événement « {draft.id} » inutilisable : {where}{detail.message_fr}",
            f"event '{draft.id}' cannot be used: {where_en}{detail.message_en}",
        )
        reader.skip(error, draft.scanned, draft.id)
        return None


def _models(cls: Any, items: dict[str, dict[str, Any]], kind: str) -> tuple[Any, ...]:
    from pydantic import ValidationError

    out = []
    for item in items.values():
        try:
            out.append(cls.model_validate(item))
        except ValidationError:
            # e.g. an e-mail address that does not validate: keep the placeholder without it
            item = {
                k: v
                for k, v in item.items()
                if k in ("id", "name", "kind", "communes", "departement", "commune")
            }
            if kind == "venue":
                item.setdefault("commune", UNKNOWN["commune"])
            with contextlib.suppress(ValidationError):
                out.append(cls.model_validate(item))
    return tuple(out)


def assemble(
    reader: Reader,
    cal: Any,
    drafts: dict[str, Draft],
    season: int | None,
    cal_name: str | None,
    own: tuple[dict[str, Any], dict[str, dict[str, dict[str, Any]]]] | None = None,
) -> IcsImport:
    """The :class:`IcsImport` of the drafts: one event each, with the items they refer to."""
    from ...model import Organiser, Quartier, Resource, Venue

    tz_name = reader.x_wr or reader.tz_name
    fields, known = own if own is not None else programme_data(reader, cal)
    items = _Items(reader, known)
    events: list[Event] = []
    used = {draft.id for draft in drafts.values()}
    for draft in drafts.values():
        if not draft.occurrences:
            continue
        marker = draft.scanned.first("X-NQE-EVENT")
        own_data = _json(
            reader,
            draft.component.get("X-NQE-EVENT"),
            marker.line if marker is not None else None,
            "event",
        )
        if own_data is not None:
            data = _own_event(reader, items, draft, own_data)
        else:
            data = _foreign_event(reader, items, draft)
            data["sequence"] = draft.sequence
        tracks = _tracks(draft.occurrences, ZoneInfo(tz_name))
        ids = [draft.id]
        for k in range(2, len(tracks) + 1):
            ident = f"{draft.id[:74]}-{k}"
            while ident in used:
                ident += "x"
            used.add(ident)
            ids.append(ident)
        if len(tracks) > 1:
            reader.warn(
                "overlap_split",
                draft.line,
                draft.id,
                id=draft.id,
                n=len(tracks),
                ids=", ".join(ids),
            )
        for ident, track in zip(ids, tracks, strict=True):
            occurrences = []
            for start, end, label in track:
                if isinstance(start, datetime):
                    occurrences.append({"start": start, "end": end, "label": label})
                else:
                    day_end = end - timedelta(days=1)
                    occurrences.append({"start": start, "end": day_end, "label": label})
            event = _validate(
                reader, draft, {**data, "id": ident, "occurrences": occurrences}, tz_name
            )
            if event is not None:
                events.append(event)
    if not events:
        if reader.skipped:
            raise IcsError(
                "aucun événement utilisable dans le fichier ICS : tous ont été écartés",
                "no usable event in the ICS file: all of them were left out",
                details=reader.skipped_details,
                source=reader.source,
            )
        reader.warn("no_events", None, None)
    return IcsImport(
        events=tuple(events),
        venues=_models(Venue, items.venues, "venue"),
        organisers=_models(Organiser, items.organisers, "organiser"),
        quartiers=_models(Quartier, items.quartiers, "quartier"),
        resources=_models(Resource, items.resources, "resource"),
        warnings=tuple(reader.warnings),
        name=cal_name,
        timezone=tz_name,
        season=season,
        placeholders=tuple(items.placeholders),
        programme_fields=fields,
        skipped=tuple(reader.skipped),
    )
