"""ICS (iCalendar, RFC 5545) feeds of a programme: :func:`to_ics`, :func:`export_ics`,
:func:`write_ics`, :func:`feeds_by`, :func:`write_feeds`.

The export follows ../shared/calendar.md §3–§4: ``METHOD:PUBLISH``; ``NAME``/``X-WR-CALNAME``/
``X-WR-CALDESC`` escaped as TEXT; ``X-WR-TIMEZONE``; ``REFRESH-INTERVAL;VALUE=DURATION`` and
``X-PUBLISHED-TTL``; a VTIMEZONE in the RRULE form that Outlook and Thunderbird read right; one
VEVENT per occurrence with a UID derived from the season, the event id and the occurrence (never
from a title or a date), ``DTSTAMP`` taken from the data (never the clock), ``SEQUENCE`` raised
when the time, place or status changes relative to a previous export. The same programme always
gives the same bytes.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from zoneinfo import ZoneInfo

from ...errors import get_language
from .scan import DEFAULT_LIMITS, ScannedComponent, scan_ics, split_params
from .text import (
    ACCESSIBILITY,
    AUDIENCE_LABELS,
    BLOCK_MARK,
    CANCELLED_PREFIX,
    LINES,
    THEME_LABELS,
    slug,
    unescape,
)
from .tz import yearly_rules

if TYPE_CHECKING:
    from ...model import Event, Organiser, Programme, Venue

__all__ = [
    "NQE_UID_NAMESPACE",
    "PRODID",
    "FeedKey",
    "IcsExport",
    "event_data",
    "event_uid",
    "export_ics",
    "feeds_by",
    "to_ics",
    "undated_events",
    "write_feeds",
    "write_ics",
]

#: Fixed namespace of the UIDs (uuid5): never change it, or every subscriber sees duplicates.
NQE_UID_NAMESPACE = uuid.UUID("6f1c7c1e-3b9a-5d0e-9a51-4e51e0a1d2b7")
PRODID = "-//nqe-events//Nos Quartiers d'Ete//FR"
FeedKey = Literal["quartier", "commune", "organiser"]

_STATUS_OUT = {"confirme": "CONFIRMED", "provisoire": "TENTATIVE", "annule": "CANCELLED"}
# Properties whose change raises SEQUENCE (RFC 5546 §2.1.4: start, end, location, status).
_SIGNIFICANT = ("DTSTART", "DTEND", "LOCATION", "STATUS", "GEO")


@dataclass(frozen=True)
class IcsExport:
    """An exported feed: its bytes and the ids of the events left out (undated: still to plan)."""

    data: bytes
    events: int
    vevents: int
    skipped: tuple[str, ...] = ()
    #: UIDs of the previous export that the programme no longer has (an event or an occurrence
    #: removed): kept in the feed as STATUS:CANCELLED so that people who imported the file see
    #: the cancellation (a subscribed feed would only drop them silently).
    withdrawn: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """True when every event of the source is in the feed."""
        return not self.skipped

    def to_text(self, lang: str | None = None, max_items: int | None = None) -> str:
        """The summary line; the undated events left out are named, at most ``max_items`` of
        them (``None`` or 0: all) followed by how many more."""
        from ..._render import listed, plural_format

        lang = get_language(lang)
        skipped = listed(self.skipped, lang, max_items)
        values = {"n": self.events, "v": self.vevents, "w": len(self.withdrawn)}
        if lang == "fr":
            text = "{n:~événement}, {v:~entrée VEVENT|entrées VEVENT}"
            if self.withdrawn:
                text += (
                    ", dont {w:~retirée du programme, marquée annulée"
                    "|retirées du programme, marquées annulées}"
                )
            text = plural_format(text, lang, **values)
            if self.skipped:
                text += f" ; non datés, absents du flux : {skipped}"
            return text
        text = "{n:~event}, {v:~VEVENT entry|VEVENT entries}"
        if self.withdrawn:
            text += ", {w} of them withdrawn from the programme, marked cancelled"
        text = plural_format(text, lang, **values)
        if self.skipped:
            text += f"; undated, left out of the feed: {skipped}"
        return text

    def __repr__(self) -> str:
        return (
            f"IcsExport({len(self.data)} bytes, {self.events} events, {self.vevents} VEVENT, "
            f"{len(self.skipped)} skipped)"
        )

    def records(self) -> list[dict[str, Any]]:
        """One record per VEVENT of the feed, read back from its bytes: ``uid``, ``summary``,
        ``start`` and ``end`` (as written: local time with ``tzid``, or a date), ``status``,
        ``sequence``."""
        calendar = scan_ics(self.data)
        out: list[dict[str, Any]] = []
        for comp in calendar.children:
            if comp.name != "VEVENT":
                continue

            def value(name: str, comp: ScannedComponent = comp) -> str | None:
                prop = comp.first(name)
                return None if prop is None else prop.value

            start = comp.first("DTSTART")
            sequence = value("SEQUENCE")
            out.append(
                {
                    "uid": value("UID"),
                    "summary": unescape(value("SUMMARY") or ""),
                    "start": value("DTSTART"),
                    "end": value("DTEND"),
                    "tzid": None if start is None else start.param("TZID"),
                    "status": value("STATUS"),
                    "sequence": None if sequence is None else int(sequence),
                }
            )
        return out

    def to_dict(self) -> dict[str, Any]:
        """The counts and the ids left out (the feed itself is :attr:`data`)."""
        return {
            "ok": self.ok,
            "events": self.events,
            "vevents": self.vevents,
            "bytes": len(self.data),
            "skipped": list(self.skipped),
        }

    def _shown(self, lang: str | None = None) -> list[dict[str, Any]]:
        """:meth:`records` for a reader: the feed speaks French to inhabitants (« Annulé — »
        before a cancelled title); an English reader sees that mark in English."""
        records = self.records()
        if get_language(lang) == "fr":
            return records
        for r in records:
            if r["summary"].startswith(CANCELLED_PREFIX):
                r["summary"] = "Cancelled — " + r["summary"][len(CANCELLED_PREFIX) :]
        return records

    def to_dataframe(self, lang: str | None = None, *, labels: str | None = None) -> Any:
        """One row per VEVENT (see :meth:`records`; needs the ``notebook`` extra)."""
        from ..._render import dataframe

        columns = ["uid", "summary", "start", "end", "tzid", "status", "sequence"]
        shown = labels if labels in ("fr", "en") else lang
        return dataframe(self._shown(shown), columns=columns, labels=labels or lang)

    def _repr_html_(self) -> str:
        from ..._render import column_label, html_table

        lang = get_language()
        rows = [
            (r["summary"], r["start"] or "", r["end"] or "", r["status"] or "")
            for r in self._shown(lang)[:500]
        ]
        heads = [column_label(k, lang) for k in ("title", "start", "end", "status")]
        return html_table(heads, rows, caption=self.to_text(lang), classes=None)


def undated_events(source: Programme | Iterable[Event]) -> list[Event]:
    """The events an export leaves out because they have no dates yet (``to_plan`` only)."""
    events = _events_of(source)
    return [e for e in events if not e.dated]


def event_uid(event_id: str, occurrence: str, namespace: str) -> str:
    """The UID of one occurrence: uuid5 of a fixed namespace and ``namespace/event/occurrence``.

    Deterministic, free of personal data, and independent of titles and dates.
    """
    return str(uuid.uuid5(NQE_UID_NAMESPACE, f"{namespace}/{event_id}/{occurrence}"))


def _events_of(source: Programme | Iterable[Event]) -> list[Event]:
    from ...model import Programme

    if isinstance(source, Programme):
        return list(source.events)
    return list(source)


def _occurrence_keys(event: Event) -> list[tuple[str, Any]]:
    """(key, occurrence) sorted by start; the key is the occurrence's label slug when every
    occurrence has a distinct label, otherwise its rank (1, 2, …)."""
    occs = sorted(event.occurrences, key=lambda o: o.start)
    labels = [slug(o.label) if o.label else "" for o in occs]
    if all(labels) and len(set(labels)) == len(labels):
        return list(zip(labels, occs, strict=True))
    return [(str(i + 1), o) for i, o in enumerate(occs)]


def _location(venue: Venue | None, venue_id: str) -> str:
    if venue is None:
        return venue_id
    place = " ".join(p for p in (venue.postcode, venue.commune) if p)
    return ", ".join(p for p in (venue.name, venue.address, place) if p)


def _description(
    event: Event,
    programme: Programme | None,
    lookup: dict[str, dict[str, Any]],
    extra: str | None,
    label: str | None,
) -> str:
    venue = lookup["venues"].get(event.venue)
    organiser = lookup["organisers"].get(event.organiser)
    block: list[str] = []
    if event.status.value == "annule":
        block.append(LINES["cancelled"])
    if label:
        block.append(LINES["occurrence"].format(label))
    if event.themes:
        block.append(LINES["themes"].format(", ".join(THEME_LABELS[t.value] for t in event.themes)))
    if event.audiences:
        block.append(
            LINES["audiences"].format(", ".join(AUDIENCE_LABELS[a.value] for a in event.audiences))
        )
    if programme is not None:
        block.append(
            LINES["accessibility"].format(
                ACCESSIBILITY[venue.accessible_pmr if venue is not None else None]
            )
        )
    block.append(LINES["organiser"].format(organiser.name if organiser else event.organiser))
    if event.partners:
        names = [
            lookup["organisers"][p].name if p in lookup["organisers"] else p for p in event.partners
        ]
        block.append(LINES["partners"].format(", ".join(names)))
    if event.activities:
        block.append(LINES["games"].format(", ".join(event.activities)))
    quartiers = []
    for q in event.quartiers:
        item = lookup["quartiers"].get(q)
        quartiers.append(f"{item.name} ({', '.join(item.communes)})" if item else q)
    block.append(LINES["quartiers"].format(", ".join(quartiers)))
    if event.url:
        block.append(LINES["more"].format(event.url))
    if extra:
        block.append(extra.strip())
    head = event.description.strip()
    body = BLOCK_MARK + "\n" + "\n".join(block)
    return f"{head}\n\n{body}" if head else body


def _utc(value: datetime) -> datetime:
    return value.astimezone(UTC)


def _vtimezone(tzid: str, year: int) -> Any:
    from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

    rules = yearly_rules(tzid, year)
    if rules is None:  # no yearly rule: an explicit form limited to the season's surroundings
        return Timezone.from_tzinfo(
            ZoneInfo(tzid),
            tzid=tzid,
            first_date=date(year - 1, 12, 1),
            last_date=date(year + 1, 2, 1),
        )
    vtz = Timezone()
    vtz.add("tzid", tzid)
    for rule in rules:
        sub = TimezoneDaylight() if rule.kind == "DAYLIGHT" else TimezoneStandard()
        sub.add("dtstart", rule.start)
        sub.add("tzoffsetfrom", rule.offset_from)
        sub.add("tzoffsetto", rule.offset_to)
        sub.add("tzname", rule.name)
        if rule.month is not None:
            sub.add("rrule", {"freq": "yearly", "bymonth": rule.month, "byday": rule.byday})
        vtz.add_component(sub)
    return vtz


def _canonical(params: Mapping[str, Any]) -> str:
    return ";".join(f"{k.upper()}={str(v).strip(chr(34))}" for k, v in sorted(params.items()))


def _scanned_fingerprint(comp: ScannedComponent) -> tuple[Any, ...]:
    out: list[Any] = []
    for name in _SIGNIFICANT:
        prop = comp.first(name)
        if prop is None:
            out.append(None)
            continue
        params = {}
        for part in split_params(prop.params):
            key, _, val = part.partition("=")
            params[key] = val
        out.append((_canonical(params), prop.value))
    return tuple(out)


_PreviousState = dict[str, tuple[int, tuple[Any, ...], ScannedComponent]]


def _previous_state(previous: bytes | str | None) -> _PreviousState:
    """UID → (SEQUENCE, fingerprint, component) of a previous export, in document order (read
    with the guarded scanner)."""
    if previous is None:
        return {}
    # the previous export is this project's own feed, as large as the programme makes it (31 MB
    # for 10,000 events): read under limits that grow with its size, the per-line and
    # per-component bounds unchanged
    limits = DEFAULT_LIMITS.scaled(max(len(previous), DEFAULT_LIMITS.max_bytes))
    root = scan_ics(previous, source="previous", limits=limits)
    state: _PreviousState = {}
    for comp in root.walk("VEVENT"):
        uid = comp.first("UID")
        seq = comp.first("SEQUENCE")
        if uid is None:
            continue
        try:
            number = int(seq.value) if seq is not None else 0
        except ValueError:
            number = 0
        state[uid.value.strip()] = (max(number, 0), _scanned_fingerprint(comp), comp)
    return state


def _withdrawn_vevent(comp: ScannedComponent, sequence: int) -> list[bytes]:
    """A VEVENT of the previous export re-emitted as cancelled: its lines as they were, with
    STATUS:CANCELLED and SEQUENCE raised once (not again when it was already cancelled)."""
    status = comp.first("STATUS")
    already = status is not None and status.value.strip().upper() == "CANCELLED"
    lines = [b"BEGIN:VEVENT\r\n"]
    seen_sequence = seen_status = False
    for prop in comp.properties:
        value = prop.value
        if prop.name == "SEQUENCE":
            value, seen_sequence = str(sequence if already else sequence + 1), True
        elif prop.name == "STATUS":
            value, seen_status = "CANCELLED", True
        elif prop.name == "SUMMARY" and not value.startswith(_esc(CANCELLED_PREFIX)):
            value = _esc(CANCELLED_PREFIX) + value  # said once, however often it is re-exported
        lines.append(
            _fold(f"{prop.name};{prop.params}:{value}" if prop.params else f"{prop.name}:{value}")
        )
    if not seen_sequence:
        lines.insert(1, _fold(f"SEQUENCE:{sequence if already else sequence + 1}"))
    if not seen_status:
        lines.append(_fold("STATUS:CANCELLED"))
    lines.append(b"END:VEVENT\r\n")
    return lines


def _compact(data: Any) -> str:
    """Compact, key-sorted JSON (the same data always gives the same text)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


#: The programme's own fields carried by ``X-NQE-PROGRAMME`` (its lists go one item a line).
_PROGRAMME_FIELDS = ("format_version", "name", "season", "fil_rouge", "rules", "planning")
#: programme list → the calendar-level property holding one of its items (compact JSON) a line
DATA_PROPERTIES = {
    "quartiers": "X-NQE-QUARTIER-DATA",
    "organisers": "X-NQE-ORGANISER-DATA",
    "venues": "X-NQE-VENUE-DATA",
    "resources": "X-NQE-RESOURCE-DATA",
}


def _programme_lines(programme: Programme) -> list[bytes]:
    """``X-NQE-*`` lines of the VCALENDAR: the programme's fields and every item of its lists,
    so that re-importing the feed restores names, places and resources (clients ignore them)."""
    dumped = programme.model_dump(
        mode="json", exclude_defaults=True, include=set(_PROGRAMME_FIELDS)
    )
    dumped["season"] = programme.season
    dumped["name"] = programme.name
    lines = [_fold(f"X-NQE-PROGRAMME:{_esc(_compact(dumped))}")]
    for name, prop in DATA_PROPERTIES.items():
        for item in getattr(programme, name):
            lines.append(_fold(f"{prop}:{_esc(_compact(item.model_dump(mode='json')))}"))
    return lines


def event_data(event: Event) -> str:
    """The compact JSON of an event without its occurrences (``X-NQE-EVENT``): what the programme
    says about it beyond the times each VEVENT carries."""
    dumped = event.model_dump(mode="json", exclude_defaults=True, exclude={"id", "occurrences"})
    return _compact(dumped)


def _ambiguous(local: datetime) -> bool:
    """True when the wall time of ``local`` happens twice (the repeated hour of a DST change)."""
    return local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset()


def _timed(value: datetime, tz: ZoneInfo, tzid: str) -> tuple[str, str]:
    """(parameters, value) of a DTSTART/DTEND: local time with TZID, or UTC when the local time is
    ambiguous (every client reads an ambiguous TZID time as its first occurrence)."""
    local = value.astimezone(tz)
    if _ambiguous(local):
        return "", value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return f"TZID={tzid}", local.strftime("%Y%m%dT%H%M%SZ")[:-1]


def export_ics(
    source: Programme | Iterable[Event],
    *,
    programme: Programme | None = None,
    name: str | None = None,
    description: str | None = None,
    description_extra: Mapping[str, str] | None = None,
    previous: bytes | str | None = None,
    stamp: datetime | None = None,
    refresh: timedelta = timedelta(hours=12),
    uid_namespace: str | None = None,
    url: str | None = None,
) -> IcsExport:
    """Export events as an ICS feed; see :func:`to_ics` for the arguments.

    Returns an :class:`IcsExport` with the bytes and the ids of the undated events left out.
    """
    from icalendar import Calendar, vText

    from ...model import Programme

    if isinstance(source, Programme):
        programme = source
    events = _events_of(source)
    tzid = programme.timezone if programme is not None else "Europe/Paris"
    tz = ZoneInfo(tzid)
    dated = [e for e in events if e.dated]
    if programme is not None:
        season = programme.season
    elif dated:
        season = min(e.start for e in dated if e.start is not None).astimezone(tz).year
    else:
        season = date.today().year if stamp is None else stamp.year
    namespace = uid_namespace or f"nqe-{season}"
    lookup: dict[str, dict[str, Any]] = (
        programme.by_id()
        if programme is not None
        else {"venues": {}, "organisers": {}, "quartiers": {}, "resources": {}, "events": {}}
    )
    if stamp is not None and (stamp.tzinfo is None or stamp.utcoffset() is None):
        raise ValueError("stamp must be a timezone-aware datetime")
    default_stamp = _utc(stamp) if stamp is not None else datetime(season, 1, 1, tzinfo=UTC)
    prev = _previous_state(previous)
    extras = dict(description_extra or {})

    cal = Calendar()
    cal_name = name or (
        programme.name if programme is not None else f"Nos Quartiers d'Été {season}"
    )
    cal_desc = description or (
        f"Temps forts de « {cal_name} » (saison {season})"
        if programme is not None
        else f"Temps forts — saison {season}"
    )
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("name", vText(cal_name))
    cal.add("x-wr-calname", vText(cal_name))
    cal.add("x-wr-caldesc", vText(cal_desc))
    cal.add("x-wr-timezone", tzid)
    cal.add("refresh-interval", refresh, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", _duration_text(refresh))
    if url:
        cal.add("url", url)
    cal.add_component(_vtimezone(tzid, season))

    head = cal.to_ical()
    closing = b"END:VCALENDAR\r\n"
    assert head.endswith(closing)
    head = head[: -len(closing)]
    if programme is not None:  # the programme's own data, before the first component
        cut = head.index(b"BEGIN:VTIMEZONE\r\n")
        head = head[:cut] + b"".join(_programme_lines(programme)) + head[cut:]
    chunks: list[bytes] = [head]
    vevents = 0
    emitted: set[str] = set()
    for event in dated:
        venue = lookup["venues"].get(event.venue)
        organiser = lookup["organisers"].get(event.organiser)
        location = _esc(_location(venue, event.venue))
        keys = _occurrence_keys(event)
        categories = ",".join(
            _esc(c) for c in [THEME_LABELS[t.value] for t in event.themes] + list(event.labels)
        )
        when = _utc(event.last_modified) if event.last_modified is not None else default_stamp
        stamp_text = when.strftime("%Y%m%dT%H%M%SZ")
        org = _organizer_parts(event.organiser, organiser)
        status = _STATUS_OUT[event.status.value]
        title = event.title
        if event.status.value == "annule" and not title.startswith(CANCELLED_PREFIX):
            title = CANCELLED_PREFIX + title  # for the apps that ignore STATUS (khal, calcurse)
        own = _esc(event_data(event))
        for key, occ in keys:
            uid = event_uid(event.id, key, namespace)
            if occ.all_day:
                start = ("VALUE=DATE", occ.start.astimezone(tz).strftime("%Y%m%d"))
                end = ("VALUE=DATE", occ.end.astimezone(tz).strftime("%Y%m%d"))
            else:
                start = _timed(occ.start, tz, tzid)
                end = _timed(occ.end, tz, tzid)
            label = occ.label if len(keys) > 1 or occ.label else None
            props: list[tuple[str, str, str]] = [
                ("UID", "", uid),
                ("DTSTAMP", "", stamp_text),
                ("SEQUENCE", "", ""),  # set below, once the significant lines are known
                ("LAST-MODIFIED", "", stamp_text),
                ("DTSTART", *start),
                ("DTEND", *end),
                ("SUMMARY", "", _esc(title)),
                (
                    "DESCRIPTION",
                    "",
                    _esc(_description(event, programme, lookup, extras.get(event.id), label)),
                ),
                ("LOCATION", "", location),
            ]
            if venue is not None and venue.coordinates is not None:
                props.append(("GEO", "", f"{venue.coordinates.lat};{venue.coordinates.lon}"))
            if categories:
                props.append(("CATEGORIES", "", categories))
            props.append(("ORGANIZER", *org))
            if event.url:
                props.append(("URL", "", event.url))
            props.append(("STATUS", "", status))
            props.append(("X-NQE-ID", "", _esc(event.id)))
            props.append(("X-NQE-OCCURRENCE", "", _esc(key)))
            if occ.label:
                props.append(("X-NQE-LABEL", "", _esc(occ.label)))
            props.append(("X-NQE-VENUE", "", _esc(event.venue)))
            props.append(("X-NQE-ORGANISER", "", _esc(event.organiser)))
            props.append(("X-NQE-QUARTIERS", "", _esc(",".join(event.quartiers))))
            props.append(("X-NQE-EVENT", "", own))
            props[2] = ("SEQUENCE", "", str(_sequence_number(event, uid, props, prev)))
            emitted.add(uid)
            chunks.append(b"BEGIN:VEVENT\r\n")
            for name, params, value in props:
                chunks.append(_fold(f"{name};{params}:{value}" if params else f"{name}:{value}"))
            chunks.append(b"END:VEVENT\r\n")
            vevents += 1
    withdrawn = [uid for uid in prev if uid not in emitted]
    for uid in withdrawn:
        old_seq, _, comp = prev[uid]
        chunks.extend(_withdrawn_vevent(comp, old_seq))
        vevents += 1
    chunks.append(closing)
    return IcsExport(
        data=b"".join(chunks),
        events=len(dated),
        vevents=vevents,
        skipped=tuple(e.id for e in events if not e.dated),
        withdrawn=tuple(withdrawn),
    )


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def _esc(text: str) -> str:
    """RFC 5545 §3.3.11 TEXT escaping; control characters other than tab and newline are
    dropped (they are not allowed in a content line)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _param(value: str) -> str:
    """A quoted parameter value (RFC 6868 caret encoding for quotes, carets and newlines)."""
    value = _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    value = value.replace("^", "^^").replace("\n", "^n").replace('"', "^'")
    return f'"{value}"'


def _fold(line: str) -> bytes:
    """One content line folded at 75 octets, never inside a UTF-8 character, ending in CRLF."""
    data = line.encode("utf-8")
    size = len(data)
    if size <= 75:
        return data + b"\r\n"
    parts: list[bytes] = []
    start, limit = 0, 75
    while start < size:
        end = min(start + limit, size)
        while end < size and (data[end] & 0xC0) == 0x80:
            end -= 1
        parts.append(data[start:end])
        start, limit = end, 74  # a continuation line starts with one space
    return b"\r\n ".join(parts) + b"\r\n"


def _sequence_number(
    event: Event,
    uid: str,
    props: list[tuple[str, str, str]],
    prev: _PreviousState,
) -> int:
    """The event's SEQUENCE, one above the previous export's when a significant line changed."""
    seq = event.sequence
    if uid in prev:
        old_seq, old_fp, _ = prev[uid]
        found = {name: (params, value) for name, params, value in props if name in _SIGNIFICANT}
        fingerprint = tuple(
            None if name not in found else (_canonical_text(found[name][0]), found[name][1])
            for name in _SIGNIFICANT
        )
        seq = max(seq, old_seq + 1 if fingerprint != old_fp else old_seq)
    return seq


def _canonical_text(params: str) -> str:
    pairs = {}
    for part in split_params(params):
        key, _, val = part.partition("=")
        pairs[key] = val
    return _canonical(pairs)


def _organizer_parts(organiser_id: str, organiser: Organiser | None) -> tuple[str, str]:
    """(parameters, value) of ORGANIZER: CN and mailto, website or a URN of the organiser id."""
    if organiser is not None and organiser.email:
        address = f"mailto:{organiser.email}"
    elif organiser is not None and organiser.website:
        address = organiser.website
    else:
        address = f"urn:x-nqe-events:organiser:{organiser_id}"
    name = organiser.name if organiser is not None else organiser_id
    return f"CN={_param(name)}", address


def _duration_text(value: timedelta) -> str:
    seconds = int(value.total_seconds())
    if seconds <= 0:
        raise ValueError("refresh must be a positive duration")
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    text = "P" + (f"{days}D" if days else "")
    if hours or minutes or secs:
        text += "T" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
        text += f"{secs}S" if secs else ""
    return text


def to_ics(
    source: Programme | Iterable[Event],
    *,
    programme: Programme | None = None,
    name: str | None = None,
    description: str | None = None,
    description_extra: Mapping[str, str] | None = None,
    previous: bytes | str | None = None,
    stamp: datetime | None = None,
    refresh: timedelta = timedelta(hours=12),
    uid_namespace: str | None = None,
    url: str | None = None,
) -> bytes:
    """The ICS feed (bytes, CRLF, UTF-8) of a programme or of some of its events.

    - ``source``: a :class:`Programme`, or events (then pass ``programme=`` to name venues,
      organisers and quartiers; without it, their ids are written).
    - ``name``/``description``: the calendar's name and description (default: the programme's).
    - ``description_extra``: text appended to the DESCRIPTION of each event, by event id (for
      instance a footprint estimate computed elsewhere).
    - ``previous``: the bytes of the previous export of this feed; an occurrence whose start, end,
      place or status changed gets ``SEQUENCE`` one above its previous value.
    - ``stamp``: DTSTAMP of events without ``last_modified`` (default: 1 January of the
      season, UTC).
    - ``uid_namespace``: the string UIDs are derived from (default ``nqe-<season>``).

    Undated events (still to plan) are left out: :func:`undated_events` lists them, and
    :func:`export_ics` returns them with the bytes.
    """
    return export_ics(
        source,
        programme=programme,
        name=name,
        description=description,
        description_extra=description_extra,
        previous=previous,
        stamp=stamp,
        refresh=refresh,
        uid_namespace=uid_namespace,
        url=url,
    ).data


def write_ics(path: str | Path, source: Programme | Iterable[Event], **options: Any) -> IcsExport:
    """Write the feed of ``source`` to ``path`` (see :func:`to_ics` for ``options``).

    When the file already exists and no ``previous`` is given, it is read as the previous export,
    so that SEQUENCE rises where an occurrence changed.
    """
    target = Path(path)
    if "previous" not in options and target.is_file():
        options["previous"] = target.read_bytes()
    result = export_ics(source, **options)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(result.data)
    return result


def _group_key(programme: Programme, event: Event, by: str) -> list[str]:
    if by == "quartier":
        return list(event.quartiers)
    if by == "organiser":
        return [event.organiser]
    venues = {v.id: v for v in programme.venues}
    venue = venues.get(event.venue)
    return [slug(venue.commune) if venue is not None else "commune-inconnue"]


def feeds_by(programme: Programme, by: FeedKey, **options: Any) -> dict[str, bytes]:
    """One feed per quartier, commune or organiser: ``{key: bytes}``.

    Keys are quartier ids, organiser ids or commune slugs (``"roubaix"``). An event held in two
    quartiers is in both feeds, with the same UIDs. ``options`` are passed to :func:`to_ics`
    (``previous`` may be a mapping of key to the previous bytes of each feed).
    """
    if by not in ("quartier", "commune", "organiser"):
        raise ValueError(f"by must be 'quartier', 'commune' or 'organiser', not {by!r}")
    groups: dict[str, list[Event]] = {}
    if by == "quartier":
        for q in programme.quartiers:
            groups[q.id] = []
    for event in programme.events:
        for key in _group_key(programme, event, by):
            groups.setdefault(key, []).append(event)
    names: dict[str, str] = {}
    if by == "quartier":
        names = {q.id: q.name for q in programme.quartiers}
    elif by == "organiser":
        names = {o.id: o.name for o in programme.organisers}
    else:
        names = {slug(v.commune): v.commune for v in programme.venues}
    previous = options.pop("previous", None)
    feeds: dict[str, bytes] = {}
    for key in sorted(groups):
        prev = previous.get(key) if isinstance(previous, Mapping) else None
        feeds[key] = to_ics(
            groups[key],
            programme=programme,
            name=f"{programme.name} — {names.get(key, key)}",
            description=f"Temps forts de « {programme.name} » : {names.get(key, key)}",
            previous=prev,
            **options,
        )
    return feeds


def write_feeds(
    folder: str | Path, programme: Programme, by: FeedKey, **options: Any
) -> dict[str, Path]:
    """Write :func:`feeds_by` to ``folder/<key>.ics``, reading existing files as previous
    exports."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    previous = {p.stem: p.read_bytes() for p in out.glob("*.ics") if p.is_file()}
    feeds = feeds_by(programme, by, previous=previous, **options)
    paths: dict[str, Path] = {}
    for key, data in feeds.items():
        path = out / f"{key}.ics"
        path.write_bytes(data)
        paths[key] = path
    return paths
