"""Reading ICS files back into events (:func:`import_ics`, :func:`read_ics`).

The bytes are first scanned with limits on size, line length, component count and nesting depth
(:mod:`.scan`), then read with icalendar; Windows and Google time-zone conventions are resolved
(:mod:`.tz`), RRULE/RDATE/EXDATE recurrences are expanded within the season (:mod:`.recurrence`)
and every field is mapped back to :class:`~nqe_events.model.Event`.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from ...errors import ErrorDetail, IcsError, get_language, short
from ...io.files import read_bytes
from .recurrence import rrule_problem
from .scan import DEFAULT_LIMITS, IcsLimits, ScannedComponent, scan_ics
from .text import BLOCK_MARK, THEME_LABELS, UNKNOWN, WARNINGS, slug, unescape
from .tz import resolve_tzid

if TYPE_CHECKING:
    from ...model import Event, Organiser, Programme, Quartier, Venue

__all__ = ["IcsImport", "IcsWarning", "import_ics", "read_ics"]

_STATUS_IN = {"CONFIRMED": "confirme", "TENTATIVE": "provisoire", "CANCELLED": "annule"}


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

        from ...model import Programme

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
        from ..._render import html_table

        rows = [[w.line or "", w.event or "", w.code, w.render()] for w in self.warnings]
        return html_table(
            ["ligne", "événement", "code", "message"],
            rows,
            caption=f"Import ICS : {len(self.events)} événement(s)",
        )

    def to_dataframe(self) -> Any:
        from ..._render import dataframe

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
    return unescape(str(raw))


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
        uid = f"{slug(title, 'evenement')}-{start.isoformat()[:10]}"
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
            base = slug(nqe_id, "evenement")
        else:
            key = "uid:" + item.uid
            base = slug(item.uid.split("@")[0] if "@" in item.uid else item.uid, "evenement")
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

    from ...model import Event, Organiser, Quartier, Venue
    from ...model.base import timezone_context
    from ...model.event import normalise_token

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
        venue_id = _text(ve.get("X-NQE-VENUE")).strip() or slug(location, "lieu-a-preciser")
        venue_id = slug(venue_id, "lieu-a-preciser")
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
        org_id = _text(ve.get("X-NQE-ORGANISER")).strip() or slug(cn, "porteur-a-preciser")
        org_id = slug(org_id, "porteur-a-preciser")
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
        q_ids = [slug(q, "quartier-a-preciser") for q in q_text.split(",") if q.strip()] or [
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
