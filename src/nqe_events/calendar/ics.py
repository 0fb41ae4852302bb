"""ICS (iCalendar, RFC 5545) feeds of a programme, and reading ICS files back into events.

This is the only module of the package that imports :mod:`icalendar`, and it does so inside its
functions, so ``import nqe_events`` stays light.

Export (:func:`to_ics`, :func:`export_ics`, :func:`write_ics`, :func:`feeds_by`) follows
../shared/calendar.md §3–§4: ``METHOD:PUBLISH``; ``NAME``/``X-WR-CALNAME``/``X-WR-CALDESC``
escaped as TEXT; ``X-WR-TIMEZONE``; ``REFRESH-INTERVAL;VALUE=DURATION`` and ``X-PUBLISHED-TTL``;
a VTIMEZONE in the RRULE form that Outlook and Thunderbird read right; one VEVENT per
occurrence with a UID derived from the season, the event id and the occurrence (never from a
title or a date), ``DTSTAMP`` taken from the data (never the clock), ``SEQUENCE`` raised when the
time, place or status changes relative to a previous export. The same programme always gives
the same bytes.

Import (:func:`read_ics`, :func:`import_ics`) first scans the bytes with limits on size, line
length, component count and nesting depth (:mod:`.ics_scan`), then reads them with icalendar,
resolves Windows and Google time-zone conventions, expands RRULE/RDATE/EXDATE recurrences within the
season (``recurring-ical-events``) and maps every field back to :class:`~nqe_events.model.Event`.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import unicodedata
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from zoneinfo import ZoneInfo

from ..errors import ErrorDetail, IcsError, get_language, short
from ..io.files import read_bytes
from .ics_rrule import rrule_problem
from .ics_scan import DEFAULT_LIMITS, IcsLimits, ScannedComponent, scan_ics, split_params
from .ics_text import (
    ACCESSIBILITY,
    AUDIENCE_LABELS,
    BLOCK_MARK,
    LINES,
    THEME_LABELS,
    UNKNOWN,
    WARNINGS,
)
from .ics_tz import resolve_tzid, yearly_rules

if TYPE_CHECKING:
    from ..model import Event, Organiser, Programme, Quartier, Venue

__all__ = [
    "NQE_UID_NAMESPACE",
    "PRODID",
    "IcsExport",
    "IcsImport",
    "IcsLimits",
    "IcsWarning",
    "event_uid",
    "export_ics",
    "feeds_by",
    "import_ics",
    "read_ics",
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
_STATUS_IN = {"CONFIRMED": "confirme", "TENTATIVE": "provisoire", "CANCELLED": "annule"}
# Properties whose change raises SEQUENCE (RFC 5546 §2.1.4: start, end, location, status).
_SIGNIFICANT = ("DTSTART", "DTEND", "LOCATION", "STATUS", "GEO")


# =================================================================================================
# Export
# =================================================================================================


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

    def to_text(self, lang: str | None = None) -> str:
        lang = get_language(lang)
        if lang == "fr":
            text = f"{self.events} événement(s), {self.vevents} entrée(s) VEVENT"
            if self.withdrawn:
                text += (
                    f", dont {len(self.withdrawn)} retirée(s) du programme, marquée(s) annulée(s)"
                )
            if self.skipped:
                text += f" ; non datés, absents du flux : {', '.join(self.skipped)}"
            return text
        text = f"{self.events} event(s), {self.vevents} VEVENT entries"
        if self.withdrawn:
            text += (
                f", {len(self.withdrawn)} of them withdrawn from the programme, marked cancelled"
            )
        if self.skipped:
            text += f"; undated, left out of the feed: {', '.join(self.skipped)}"
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
                    "summary": _unescape(value("SUMMARY") or ""),
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

    def to_dataframe(self) -> Any:
        """One row per VEVENT (see :meth:`records`; needs the ``notebook`` extra)."""
        from .._render import dataframe

        columns = ["uid", "summary", "start", "end", "tzid", "status", "sequence"]
        return dataframe(self.records(), columns=columns)

    def _repr_html_(self) -> str:
        from .._render import html_table

        fr = get_language() == "fr"
        rows = [
            (r["summary"], r["start"] or "", r["end"] or "", r["status"] or "")
            for r in self.records()[:500]
        ]
        heads = ["titre", "début", "fin", "statut"] if fr else ["title", "start", "end", "status"]
        return html_table(heads, rows, caption=self.to_text(), classes=None)


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
    from ..model import Programme

    if isinstance(source, Programme):
        return list(source.events)
    return list(source)


def _occurrence_keys(event: Event) -> list[tuple[str, Any]]:
    """(key, occurrence) sorted by start; the key is the occurrence's label slug when every
    occurrence has a distinct label, otherwise its rank (1, 2, …)."""
    occs = sorted(event.occurrences, key=lambda o: o.start)
    labels = [_slug(o.label) if o.label else "" for o in occs]
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
    root = scan_ics(previous, source="previous")
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
        lines.append(
            _fold(f"{prop.name};{prop.params}:{value}" if prop.params else f"{prop.name}:{value}")
        )
    if not seen_sequence:
        lines.insert(1, _fold(f"SEQUENCE:{sequence if already else sequence + 1}"))
    if not seen_status:
        lines.append(_fold("STATUS:CANCELLED"))
    lines.append(b"END:VEVENT\r\n")
    return lines


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

    from ..model import Programme

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
    chunks: list[bytes] = [head[: -len(closing)]]
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
        for key, occ in keys:
            uid = event_uid(event.id, key, namespace)
            if occ.all_day:
                start = ("VALUE=DATE", occ.start.astimezone(tz).strftime("%Y%m%d"))
                end = ("VALUE=DATE", occ.end.astimezone(tz).strftime("%Y%m%d"))
            else:
                start = (f"TZID={tzid}", occ.start.astimezone(tz).strftime("%Y%m%dT%H%M%S"))
                end = (f"TZID={tzid}", occ.end.astimezone(tz).strftime("%Y%m%dT%H%M%S"))
            label = occ.label if len(keys) > 1 or occ.label else None
            props: list[tuple[str, str, str]] = [
                ("UID", "", uid),
                ("DTSTAMP", "", stamp_text),
                ("SEQUENCE", "", ""),  # set below, once the significant lines are known
                ("LAST-MODIFIED", "", stamp_text),
                ("DTSTART", *start),
                ("DTEND", *end),
                ("SUMMARY", "", _esc(event.title)),
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
    return [_slug(venue.commune) if venue is not None else "commune-inconnue"]


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
        names = {_slug(v.commune): v.commune for v in programme.venues}
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


# =================================================================================================
# Import
# =================================================================================================


@dataclass(frozen=True)
class IcsWarning:
    """Something read with an assumption (a floating time, a missing end…): a finding."""

    code: str
    message_fr: str
    message_en: str
    line: int | None = None
    event: str | None = None

    def render(self, lang: str | None = None) -> str:
        lang = get_language(lang)
        where = ""
        if self.line is not None:
            where = f"ligne {self.line} : " if lang == "fr" else f"line {self.line}: "
        return where + (self.message_fr if lang == "fr" else self.message_en)


@dataclass(frozen=True)
class IcsImport:
    """What :func:`import_ics` read: events, the placeholders they need, and warnings."""

    events: tuple[Event, ...]
    venues: tuple[Venue, ...] = ()
    organisers: tuple[Organiser, ...] = ()
    quartiers: tuple[Quartier, ...] = ()
    warnings: tuple[IcsWarning, ...] = ()
    name: str | None = None
    timezone: str = "Europe/Paris"
    season: int | None = None
    placeholders: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        """True when nothing was read with an assumption."""
        return not self.warnings

    def to_programme(self, *, season: int | None = None, name: str | None = None) -> Programme:
        """A valid :class:`Programme` holding the events and the placeholders they refer to."""
        from pydantic import ValidationError

        from ..model import Programme

        year = season or self.season
        if year is None:
            starts = [e.start for e in self.events if e.start is not None]
            year = min(starts).year if starts else date.today().year
        data = {
            "season": year,
            "name": name or self.name or UNKNOWN["programme_name"],
            "timezone": self.timezone,
            "quartiers": self.quartiers,
            "organisers": self.organisers,
            "venues": self.venues,
            "events": self.events,
        }
        try:
            return Programme.model_validate(data)
        except ValidationError as exc:
            raise IcsError(
                f"le programme construit depuis le fichier ICS est invalide : {_first_error(exc)}",
                f"the programme built from the ICS file is invalid: {_first_error(exc)}",
            ) from None

    def to_dict(self) -> dict[str, Any]:
        return {
            "events": [e.id for e in self.events],
            "venues": [v.id for v in self.venues],
            "organisers": [o.id for o in self.organisers],
            "quartiers": [q.id for q in self.quartiers],
            "warnings": [
                {"code": w.code, "line": w.line, "event": w.event, "message": w.render()}
                for w in self.warnings
            ],
        }

    def to_json(self) -> str:
        import json

        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    def to_text(self, lang: str | None = None) -> str:
        lang = get_language(lang)
        head = (
            f"{len(self.events)} événement(s) lu(s), {len(self.warnings)} avertissement(s)"
            if lang == "fr"
            else f"{len(self.events)} event(s) read, {len(self.warnings)} warning(s)"
        )
        return "\n".join([head, *("  ! " + w.render(lang) for w in self.warnings)])

    def _repr_html_(self) -> str:
        from .._render import html_table

        rows = [[w.line or "", w.event or "", w.code, w.render()] for w in self.warnings]
        return html_table(
            ["ligne", "événement", "code", "message"],
            rows,
            caption=f"Import ICS : {len(self.events)} événement(s)",
        )

    def to_dataframe(self) -> Any:
        from .._render import dataframe

        return dataframe(
            [
                {"line": w.line, "event": w.event, "code": w.code, "message": w.render()}
                for w in self.warnings
            ],
            columns=["line", "event", "code", "message"],  # the same columns without warnings
        )

    def __repr__(self) -> str:
        return f"IcsImport(events={len(self.events)}, warnings={len(self.warnings)})"


def _first_error(exc: Any) -> str:
    errors = exc.errors()
    if not errors:
        return str(exc)
    err = errors[0]
    loc = ".".join(str(p) for p in err.get("loc", ()))
    return f"{loc} : {err.get('msg', '')}" if loc else str(err.get("msg", ""))


def _slug(text: str | None, fallback: str = "item") -> str:
    if not text:
        return fallback
    norm = unicodedata.normalize("NFKD", text.lower())
    norm = "".join(c for c in norm if not unicodedata.combining(c))
    slug = re.sub(r"[^a-z0-9._]+", "-", norm).strip("-._")
    slug = re.sub(r"-{2,}", "-", slug)
    if len(slug) > 80:
        digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
        slug = slug[:70].rstrip("-._") + "-" + digest
    return slug or fallback


_ESCAPE = re.compile(r"\\([\\;,nN])")


def _unescape(text: str) -> str:
    """RFC 5545 §3.3.11 TEXT unescaping: ``\\\\`` ``\\;`` ``\\,`` ``\\n``."""
    return _ESCAPE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), text)


def _text(value: Any) -> str:
    """The text of a property, unescaped even when icalendar does not know its type (X-…)."""
    from icalendar import vText

    if value is None:
        return ""
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, vText):
        return str(value)
    raw = value.to_ical() if hasattr(value, "to_ical") else value
    if isinstance(raw, bytes):
        raw = raw.decode("utf-8", "replace")
    return _unescape(str(raw))


class _Reader:
    """State of one import: the calendar, the scan (for line numbers) and the warnings."""

    def __init__(
        self,
        root: ScannedComponent,
        tz: str,
        season: int | None,
        limits: IcsLimits,
        source: str | None,
    ) -> None:
        self.root = root
        self.tz_name = tz
        self.season = season
        self.limits = limits
        self.source = source
        self.warnings: list[IcsWarning] = []
        self.x_wr: str | None = None

    def warn(self, code: str, line: int | None, event: str | None = None, **values: Any) -> None:
        fr, en = WARNINGS[code]
        self.warnings.append(
            IcsWarning(code, fr.format(**values), en.format(**values), line=line, event=event)
        )

    def error(self, line: int | None, fr: str, en: str, found: str | None = None) -> IcsError:
        detail = ErrorDetail("", fr, en, found=found, line=line)
        return IcsError(
            "fichier ICS inutilisable", "unusable ICS file", details=[detail], source=self.source
        )


def _prop_line(scanned: ScannedComponent | None, name: str) -> int | None:
    if scanned is None:
        return None
    prop = scanned.first(name.upper())
    return prop.line if prop is not None else scanned.line


def _load_bytes(data: bytes | str | Path, limits: IcsLimits) -> tuple[bytes | str, str | None]:
    if isinstance(data, Path) or (
        isinstance(data, str) and "\n" not in data and not data.lstrip().upper().startswith("BEGIN")
    ):
        path = Path(data)
        return read_bytes(path, error=IcsError, max_bytes=limits.max_bytes), str(path)
    return data, None


def import_ics(
    data: bytes | str | Path,
    *,
    season: int | None = None,
    tz: str = "Europe/Paris",
    limits: IcsLimits = DEFAULT_LIMITS,
    source: str | None = None,
) -> IcsImport:
    """Read an ICS file (path, bytes or text) into events, placeholders and warnings.

    - Times with a TZID are read in that zone (IANA names, Outlook's Windows names such as
      "Romance Standard Time", or the file's VTIMEZONE as a last resort); UTC times stay UTC;
      floating times are read in the file's ``X-WR-TIMEZONE`` (Google) or else in ``tz``, with a
      warning.
    - All-day events (DATE values, exclusive DTEND) become all-day occurrences.
    - RRULE/RDATE/EXDATE recurrences are expanded within the season (``season``, or the year of the
      first event); all occurrences of one series become one event.
    - Events exported by nqe_events keep their ids, venue, organiser and quartiers
      (``X-NQE-*`` properties); for other feeds, placeholders are created and named « à préciser ».

    Malformed input raises :class:`IcsError` with the line number; input above ``limits`` is refused
    before it is parsed.
    """
    raw, path_source = _load_bytes(data, limits)
    source = source or path_source
    root = scan_ics(raw, limits=limits, source=source)
    from icalendar import Calendar

    try:
        cal = Calendar.from_ical(raw)
    except Exception as exc:  # icalendar raises ValueError, KeyError, IndexError… on broken input
        raise IcsError(
            f"fichier ICS illisible : {short(str(exc), 120)}",
            f"unreadable ICS file: {short(str(exc), 120)}",
            source=source,
        ) from None
    if isinstance(cal, list):  # pragma: no cover - icalendar returns a list only for multiple
        raise IcsError("plusieurs calendriers dans un fichier", "several calendars in one file")
    reader = _Reader(root, tz, season, limits, source)
    return _read_calendar(reader, cal)


def read_ics(
    data: bytes | str | Path,
    *,
    season: int | None = None,
    tz: str = "Europe/Paris",
    limits: IcsLimits = DEFAULT_LIMITS,
) -> list[Event]:
    """The events of an ICS file (see :func:`import_ics`, which also returns the warnings and the
    venues, organisers and quartiers the events refer to)."""
    return list(import_ics(data, season=season, tz=tz, limits=limits).events)


# --- reading one calendar ------------------------------------------------------------------------


def _resolve_zone(reader: _Reader, tzid: str) -> ZoneInfo | None:
    from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

    name = resolve_tzid(tzid)
    if name is None:
        mapped = WINDOWS_TO_OLSON.get(tzid.strip().strip('"'))
        name = resolve_tzid(mapped) if mapped else None
    return ZoneInfo(name) if name else None


def _to_instant(
    reader: _Reader,
    value: Any,
    params: Mapping[str, Any],
    line: int | None,
    event: str | None,
) -> date | datetime:
    """A DATE stays a date; a DATE-TIME becomes aware (TZID, UTC, X-WR-TIMEZONE or floating)."""
    if isinstance(value, datetime):
        tzid = params.get("TZID")
        if tzid:
            zone = _resolve_zone(reader, str(tzid))
            wall = value.replace(tzinfo=None)
            if zone is not None:
                return wall.replace(tzinfo=zone)
            if value.tzinfo is not None and value.utcoffset() is not None:
                if not any(w.code == "vtimezone_only" and w.line == line for w in reader.warnings):
                    reader.warn("vtimezone_only", line, event, tzid=str(tzid))
                return value
            raise reader.error(
                line,
                f"fuseau horaire « {tzid} » inconnu et sans VTIMEZONE dans le fichier",
                f"unknown time zone '{tzid}' with no VTIMEZONE in the file",
            )
        if value.tzinfo is not None and value.utcoffset() is not None:
            if reader.x_wr is not None:  # Google: UTC values meant in the calendar's zone
                return value.astimezone(ZoneInfo(reader.x_wr))
            return value.astimezone(UTC)
        zone_name = reader.x_wr or reader.tz_name
        if reader.x_wr is None:
            reader.warn("floating", line, event, tz=zone_name)
        return value.replace(tzinfo=ZoneInfo(zone_name))
    if isinstance(value, date):
        return value
    raise reader.error(
        line,
        "date ou date-heure attendue",
        "date or date-time expected",
        found=short(str(value), 40),
    )


def _read_calendar(reader: _Reader, cal: Any) -> IcsImport:
    x_wr = cal.get("X-WR-TIMEZONE")
    if x_wr is not None:
        zone = _resolve_zone(reader, _text(x_wr))
        reader.x_wr = zone.key if zone is not None else None
    try:
        ZoneInfo(reader.tz_name)
    except Exception:
        raise ValueError(f"unknown time zone {reader.tz_name!r}") from None
    name = cal.get("X-WR-CALNAME") or cal.get("NAME")
    cal_name = _text(name).strip()[:200] or None if name is not None else None

    scanned_events = list(reader.root.walk("VEVENT"))
    vevents = list(cal.walk("VEVENT"))
    if len(scanned_events) != len(vevents):  # pragma: no cover - both read the same structure
        scanned_events = [reader.root] * len(vevents)
    others: dict[str, int] = {}
    for comp in reader.root.children:
        if comp.name not in ("VEVENT", "VTIMEZONE"):
            others[comp.name] = others.get(comp.name, 0) + 1
    for comp_name, n in sorted(others.items()):
        reader.warn("other_component", None, None, n=n, name=comp_name)

    # 1. normalise the times of every VEVENT and check what must be there
    items: list[_Item] = []
    for ve, sc in zip(vevents, scanned_events, strict=True):
        items.append(_normalise(reader, ve, sc))
    season = reader.season
    if season is None:
        starts = [it.start_dt() for it in items]
        season = min(starts).year if starts else None
    # 2. group series (same UID) and expand recurrences
    return _build(reader, items, season, cal_name)


@dataclass
class _Item:
    component: Any
    scanned: ScannedComponent
    uid: str
    start: date | datetime
    end: date | datetime
    recurrence_id: date | datetime | None
    sequence: int
    recurring: bool

    def start_dt(self) -> datetime:
        if isinstance(self.start, datetime):
            return self.start
        return datetime.combine(self.start, time(0), tzinfo=UTC)


def _check_errors(reader: _Reader, ve: Any, sc: ScannedComponent) -> None:
    errors = list(getattr(ve, "errors", ()) or ())
    if not errors:
        return
    prop, message = errors[0]
    line = _prop_line(sc, prop) if prop else sc.line
    if prop is None:
        # icalendar could not split a line: find the first line of the component it refers to
        line = sc.line
    raise reader.error(
        line,
        f"valeur illisible pour {prop or 'une ligne'} : {short(str(message), 100)}",
        f"unreadable value for {prop or 'a line'}: {short(str(message), 100)}",
    )


def _normalise(reader: _Reader, ve: Any, sc: ScannedComponent) -> _Item:
    from icalendar import vDDDLists, vDDDTypes

    _check_errors(reader, ve, sc)
    nqe_id = ve.get("X-NQE-ID")
    label = str(nqe_id) if nqe_id is not None else None
    start_prop = ve.get("DTSTART")
    if start_prop is None:
        raise reader.error(
            sc.line,
            "VEVENT sans DTSTART : un événement doit avoir une date de début",
            "VEVENT without DTSTART: an event needs a start date",
        )
    if isinstance(start_prop, list):
        raise reader.error(_prop_line(sc, "DTSTART"), "DTSTART en double", "duplicate DTSTART")
    start_line = _prop_line(sc, "DTSTART")
    start = _to_instant(reader, start_prop.dt, start_prop.params, start_line, label)
    end_prop = ve.get("DTEND")
    duration = ve.get("DURATION")
    if end_prop is not None and duration is not None:
        raise reader.error(
            _prop_line(sc, "DURATION"),
            "DTEND et DURATION à la fois : un seul des deux est permis",
            "both DTEND and DURATION: only one is allowed",
        )
    if isinstance(end_prop, list) or isinstance(duration, list):
        raise reader.error(_prop_line(sc, "DTEND"), "DTEND en double", "duplicate DTEND")
    if end_prop is not None:
        end = _to_instant(reader, end_prop.dt, end_prop.params, _prop_line(sc, "DTEND"), label)
    elif duration is not None:
        delta = duration.dt
        if not isinstance(delta, timedelta):
            raise reader.error(
                _prop_line(sc, "DURATION"), "DURATION illisible", "unreadable DURATION"
            )
        end = start + delta
    elif isinstance(start, datetime):
        end = start + timedelta(hours=1)
        reader.warn("no_end", sc.line, label)
    else:
        end = start + timedelta(days=1)
    if isinstance(start, datetime) != isinstance(end, datetime):
        raise reader.error(
            _prop_line(sc, "DTEND"),
            "DTSTART et DTEND doivent être tous deux des dates ou tous deux des dates-heures",
            "DTSTART and DTEND must both be dates or both be date-times",
        )
    if end <= start:
        raise reader.error(
            _prop_line(sc, "DTEND"),
            "la fin de l'événement n'est pas après son début",
            "the event's end is not after its start",
            found=f"{start} → {end}",
        )
    uid_prop = ve.get("UID")
    if uid_prop is None or not str(uid_prop).strip():
        reader.warn("no_uid", sc.line, label)
        title = str(ve.get("SUMMARY", ""))
        uid = f"{_slug(title, 'evenement')}-{start.isoformat()[:10]}"
    else:
        uid = str(uid_prop).strip()
    # rewrite the times in normalised form so that the recurrence expansion sees real zones
    for name, value in (("DTSTART", start), ("DTEND", end)):
        if name in ve:
            del ve[name]
        ve.add(name, value)
    if "DURATION" in ve:
        del ve["DURATION"]
    rid_prop = ve.get("RECURRENCE-ID")
    rid: date | datetime | None = None
    if rid_prop is not None:
        if isinstance(rid_prop, list):
            rid_prop = rid_prop[0]
        rid = _to_instant(
            reader, rid_prop.dt, rid_prop.params, _prop_line(sc, "RECURRENCE-ID"), label
        )
        del ve["RECURRENCE-ID"]
        ve.add("RECURRENCE-ID", rid)
    for name in ("EXDATE", "RDATE"):
        prop = ve.get(name)
        if prop is None:
            continue
        props = prop if isinstance(prop, list) else [prop]
        values: list[Any] = []
        for p in props:
            if not isinstance(p, vDDDLists):
                raise reader.error(_prop_line(sc, name), f"{name} illisible", f"unreadable {name}")
            for v in p.dts:
                if not isinstance(v, vDDDTypes) or isinstance(v.dt, (tuple, timedelta)):
                    raise reader.error(
                        _prop_line(sc, name),
                        f"{name} : seules des dates ou dates-heures sont lues (pas de périodes)",
                        f"{name}: only dates or date-times are read (not periods)",
                    )
                values.append(_to_instant(reader, v.dt, p.params, _prop_line(sc, name), label))
        del ve[name]
        for v in values:
            ve.add(name, v)
    try:
        seq = int(ve.get("SEQUENCE", 0))
    except (TypeError, ValueError):
        raise reader.error(
            _prop_line(sc, "SEQUENCE"),
            "SEQUENCE doit être un entier",
            "SEQUENCE must be an integer",
        ) from None
    if seq < 0:
        raise reader.error(_prop_line(sc, "SEQUENCE"), "SEQUENCE négative", "negative SEQUENCE")
    recurring = "RRULE" in ve or "RDATE" in ve
    return _Item(ve, sc, uid, start, end, rid, seq, recurring)


def _season_window(season: int, tz: ZoneInfo) -> tuple[datetime, datetime]:
    return datetime(season, 1, 1, tzinfo=tz), datetime(season + 1, 1, 1, tzinfo=tz)


def _in_window(value: date | datetime, lo: datetime, hi: datetime) -> bool:
    if isinstance(value, datetime):
        return lo <= value < hi
    return lo.date() <= value < hi.date()


def _expand(reader: _Reader, series: list[_Item], season: int) -> list[tuple[Any, Any, Any]]:
    """(component, start, end) of every occurrence of a recurring series within the season."""
    import recurring_ical_events  # type: ignore[import-untyped]
    from icalendar import Calendar

    tz = ZoneInfo(reader.x_wr or reader.tz_name)
    lo, hi = _season_window(season, tz)
    sub = Calendar()
    for item in series:
        sub.add_component(item.component)
    out: list[tuple[Any, Any, Any]] = []
    master = next((i for i in series if i.recurrence_id is None), series[0])
    for prop in master.scanned.properties:
        if prop.name != "RRULE":
            continue
        problem = rrule_problem(prop.value, master.start, hi.date())
        if problem is not None:
            raise reader.error(
                prop.line,
                f"RRULE refusée : {problem}",
                "RRULE refused: it cannot match, is out of range, or uses unsupported parts",
                found=short(prop.value, 60),
            )
    try:
        query = recurring_ical_events.of(sub)
        for occ in query.after(lo):
            start = occ["DTSTART"].dt
            if _in_window(start, lo, hi) is False and (
                (isinstance(start, datetime) and start >= hi)
                or (not isinstance(start, datetime) and start >= hi.date())
            ):
                break
            end = occ["DTEND"].dt if "DTEND" in occ else None
            out.append((occ, start, end))
            if len(out) > reader.limits.max_occurrences:
                raise reader.error(
                    _prop_line(master.scanned, "RRULE"),
                    f"plus de {reader.limits.max_occurrences} occurrences dans la saison : "
                    "récurrence refusée",
                    f"more than {reader.limits.max_occurrences} occurrences in the season: "
                    "recurrence refused",
                )
    except IcsError:
        raise
    except Exception as exc:  # recurring_ical_events raises its own types on bad rules
        raise reader.error(
            _prop_line(master.scanned, "RRULE"),
            f"récurrence illisible : {short(str(exc), 100)}",
            f"unreadable recurrence: {short(str(exc), 100)}",
        ) from None
    return out


@dataclass
class _Draft:
    """An event being assembled from one or several VEVENTs."""

    id: str
    line: int
    component: Any
    scanned: ScannedComponent
    occurrences: list[tuple[Any, Any, str | None]] = field(default_factory=list)
    sequence: int = 0


def _build(
    reader: _Reader, items: list[_Item], season: int | None, cal_name: str | None
) -> IcsImport:
    tz = ZoneInfo(reader.x_wr or reader.tz_name)
    # series by UID (a master with RRULE and its RECURRENCE-ID overrides share a UID)
    by_uid: dict[str, list[_Item]] = {}
    for item in items:
        by_uid.setdefault(item.uid, []).append(item)
    drafts: dict[str, _Draft] = {}
    used_ids: set[str] = set()

    def draft_for(item: _Item) -> _Draft:
        nqe_id = _text(item.component.get("X-NQE-ID")).strip()
        if nqe_id:
            key = "nqe:" + nqe_id
            base = _slug(nqe_id, "evenement")
        else:
            key = "uid:" + item.uid
            base = _slug(item.uid.split("@")[0] if "@" in item.uid else item.uid, "evenement")
        if key not in drafts:
            ident = base
            n = 2
            while ident in used_ids:
                ident = f"{base[:75]}-{n}"
                n += 1
            used_ids.add(ident)
            drafts[key] = _Draft(ident, item.scanned.line, item.component, item.scanned)
        return drafts[key]

    lo, hi = _season_window(season, tz) if season is not None else (None, None)
    for uid, series in by_uid.items():
        masters = [i for i in series if i.recurrence_id is None]
        overrides = [i for i in series if i.recurrence_id is not None]
        recurring = any(i.recurring for i in series) or (overrides and masters)
        if len(masters) > 1 and not recurring:
            # the same UID twice: later versions (higher SEQUENCE) replace earlier ones
            reader.warn("duplicate_uid", masters[1].scanned.line, None, uid=short(uid, 60))
            masters = [max(masters, key=lambda i: i.sequence)]
            series = masters
        if recurring and season is not None:
            assert lo is not None and hi is not None
            occs = _expand(reader, masters + overrides if masters else overrides, season)
            head = masters[0] if masters else overrides[0]
            draft = draft_for(head)
            draft.sequence = max(draft.sequence, max(i.sequence for i in series))
            if not occs:
                reader.warn(
                    "no_occurrence", head.scanned.line, draft.id, id=draft.id, season=season
                )
                continue
            for _comp, start, end in occs:
                s = start
                e = (
                    end
                    if end is not None
                    else (
                        s
                        + (timedelta(days=1) if not isinstance(s, datetime) else timedelta(hours=1))
                    )
                )
                draft.occurrences.append((s, e, None))
            continue
        for item in masters or overrides:
            draft = draft_for(item)
            if lo is not None and hi is not None and not _in_window(item.start, lo, hi):
                reader.warn(
                    "outside_season", item.scanned.line, draft.id, id=draft.id, season=season
                )
                continue
            occ_label = item.component.get("X-NQE-LABEL")
            label = _text(occ_label).strip()[:200] or None if occ_label is not None else None
            draft.occurrences.append((item.start, item.end, label))
            draft.sequence = max(draft.sequence, item.sequence)
    return _assemble(reader, drafts, season, cal_name)


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
            middle = parts[1:-1]
        else:
            commune = parts[-1] if len(parts) >= 2 else None
            middle = parts[1:-1]
        address = ", ".join(middle) or None
    return name, address, postcode, commune


def _clip(reader: _Reader, value: str, limit: int, fieldname: str, line: int, event: str) -> str:
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


def _assemble(
    reader: _Reader, drafts: dict[str, _Draft], season: int | None, cal_name: str | None
) -> IcsImport:
    from pydantic import ValidationError

    from ..model import Event, Organiser, Quartier, Venue
    from ..model.base import timezone_context
    from ..model.event import normalise_token

    tz_name = reader.x_wr or reader.tz_name
    venues: dict[str, dict[str, Any]] = {}
    organisers: dict[str, dict[str, Any]] = {}
    quartiers: dict[str, dict[str, Any]] = {}
    events: list[Event] = []
    placeholders: list[str] = []
    theme_of = {normalise_token(v): k for k, v in THEME_LABELS.items()}
    theme_of.update({k: k for k in THEME_LABELS})
    for draft in drafts.values():
        if not draft.occurrences:
            continue
        ve, line, ident = draft.component, draft.line, draft.id
        ours = ve.get("X-NQE-ID") is not None
        title = _text(ve.get("SUMMARY")).strip() or UNKNOWN["title"]
        title = _clip(reader, title, 200, "SUMMARY", line, ident)
        desc = _own_description(_text(ve.get("DESCRIPTION")).strip(), ours).strip()
        desc = _clip(reader, desc, 5000, "DESCRIPTION", line, ident)
        # venue
        location = _text(ve.get("LOCATION")).strip()
        venue_id = _text(ve.get("X-NQE-VENUE")).strip() or _slug(location, "lieu-a-preciser")
        venue_id = _slug(venue_id, "lieu-a-preciser")
        if venue_id not in venues:
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
            venues[venue_id] = venue
            placeholders.append(f"lieu « {venue_id} »")
        # organiser
        org = ve.get("ORGANIZER")
        if isinstance(org, list):
            org = org[0]
        cn = str(org.params.get("CN", "")).strip() if org is not None else ""
        org_id = _text(ve.get("X-NQE-ORGANISER")).strip() or _slug(cn, "porteur-a-preciser")
        org_id = _slug(org_id, "porteur-a-preciser")
        if org_id not in organisers:
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
            organisers[org_id] = o
            placeholders.append(f"porteur « {org_id} »")
        # quartiers
        q_text = _text(ve.get("X-NQE-QUARTIERS")).strip()
        q_ids = [_slug(q, "quartier-a-preciser") for q in q_text.split(",") if q.strip()] or [
            "quartier-a-preciser"
        ]
        q_ids = list(dict.fromkeys(q_ids))
        for q in q_ids:
            if q not in quartiers:
                v = venues[venue_id]
                dept = v["postcode"][:2] if v.get("postcode") else None
                if v.get("postcode", "") and v["postcode"].startswith("97"):
                    dept = v["postcode"][:3]
                if dept is None:
                    reader.warn("placeholder_departement", line, ident, id=q)
                quartiers[q] = {
                    "id": q,
                    "name": UNKNOWN["quartier_name"].format(q),
                    "communes": [v["commune"]],
                    "departement": dept or "59",
                }
                placeholders.append(f"quartier « {q} »")
        # categories → themes and labels
        themes: list[str] = []
        labels: list[str] = []
        cats = ve.get("CATEGORIES")
        cat_props = cats if isinstance(cats, list) else ([cats] if cats is not None else [])
        for prop in cat_props:
            for raw in getattr(prop, "cats", []):
                token = normalise_token(str(raw))
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
        url = ve.get("URL")
        url_text = str(url).strip() if url is not None else None
        if url_text and not re.fullmatch(r"https?://\S+", url_text):
            reader.warn("url", line, ident, value=short(url_text, 60))
            url_text = None
        status = _STATUS_IN.get(str(ve.get("STATUS", "CONFIRMED")).upper(), "confirme")
        last_mod = ve.get("LAST-MODIFIED")
        last_modified = None
        if last_mod is not None and isinstance(getattr(last_mod, "dt", None), datetime):
            lm = last_mod.dt
            last_modified = lm if lm.tzinfo is not None else lm.replace(tzinfo=UTC)
        occurrences = []
        for start, end, label in sorted(draft.occurrences, key=lambda x: _sort_key(x[0])):
            if isinstance(start, datetime):
                occurrences.append({"start": start, "end": end, "label": label})
            else:
                occurrences.append({"start": start, "end": end - timedelta(days=1), "label": label})
        data = {
            "id": ident,
            "title": title,
            "description": desc,
            "organiser": org_id,
            "venue": venue_id,
            "quartiers": q_ids,
            "themes": themes,
            "labels": labels,
            "occurrences": occurrences,
            "status": status,
            "sequence": draft.sequence,
            "last_modified": last_modified,
            "url": url_text[:500] if url_text else None,
        }
        try:
            with timezone_context(tz_name):
                events.append(Event.model_validate(data))
        except ValidationError as exc:
            raise reader.error(
                line,
                f"événement « {ident} » inutilisable : {_first_error(exc)}",
                f"event '{ident}' cannot be used: {_first_error(exc)}",
            ) from None
    if not events:
        reader.warn("no_events", None, None)

    def _models(cls: Any, items: dict[str, dict[str, Any]], kind: str) -> tuple[Any, ...]:
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
                out.append(cls.model_validate(item))
        return tuple(out)

    result_venues = _models(Venue, venues, "venue")
    result_orgs = _models(Organiser, organisers, "organiser")
    result_quartiers = _models(Quartier, quartiers, "quartier")
    return IcsImport(
        events=tuple(events),
        venues=result_venues,
        organisers=result_orgs,
        quartiers=result_quartiers,
        warnings=tuple(reader.warnings),
        name=cal_name,
        timezone=tz_name,
        season=season,
        placeholders=tuple(placeholders),
    )


def _sort_key(value: date | datetime) -> datetime:
    if isinstance(value, datetime):
        return value.astimezone(UTC)
    return datetime.combine(value, time(0), tzinfo=UTC)
