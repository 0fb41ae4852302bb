"""Reading ICS files back into events (:func:`import_file`, :func:`import_ics`, :func:`read_ics`).

The bytes are read under a size limit (files, pipes, devices and standard input alike), scanned with
limits on line length, component count and nesting depth (:mod:`.scan`), checked for recurrences too
large to expand, then read with icalendar. Each VEVENT is then read on its own: one that cannot be
used is left out with a warning (line, UID, reason in French) unless ``strict`` is set, and the file
is refused only when it is broken or hostile as a whole, or when nothing usable is left. Windows and
Google time-zone conventions are resolved (:mod:`.tz`); recurrences are expanded over the season
with ``recurring_ical_events``' ``between`` after their size was bounded (:mod:`.recurrence`); the
events are then assembled (:mod:`.assemble`).
"""

from __future__ import annotations

import errno
import re
import sys
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from ..._gc import paused_gc
from ...errors import ErrorDetail, IcsError, short
from .assemble import Draft, assemble, programme_data
from .messages import OUT_OF_RANGE, library_reason
from .reader import Reader, prop_line, text_of
from .recurrence import occurrence_bound, rrule_problem
from .result import IcsImport
from .scan import DEFAULT_LIMITS, IcsLimits, ScannedComponent, scan_ics
from .text import slug
from .tz import resolve_tzid

if TYPE_CHECKING:
    from ...model import Event

__all__ = ["MAX_SEASON", "MIN_SEASON", "import_file", "import_ics", "read_ics"]

#: The seasons an import can read: any year the model holds (the season's window must fit).
#: Written here rather than imported from the model, so that a file refused by the first pass
#: never loads the model (pydantic); tests/ics check that they agree with ``model.base``.
MIN_SEASON, MAX_SEASON = 1900, 2200 - 1

_LONE_CR = re.compile(rb"\r(?!\n)")


# --- reading the bytes ---------------------------------------------------------------------------


def _os_reason(exc: OSError) -> tuple[str, str]:
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "accès refusé", "permission denied"
    if exc.errno == errno.EISDIR:
        return "c'est un dossier, pas un fichier", "this is a folder, not a file"
    return f"erreur du système n° {exc.errno}", f"system error {exc.errno}"


def read_limited(path: str | Path, limits: IcsLimits = DEFAULT_LIMITS) -> bytes:
    """The bytes of ``path`` (``"-"``: standard input), reading at most ``limits.max_bytes + 1``
    bytes: a pipe, a device (``/dev/zero``) or standard input report no size, so the limit is
    applied to what is read, not to what the file says."""
    name = str(path)
    too_big = IcsError(
        f"fichier ICS de plus de {limits.max_bytes} octets : refusé sans être lu en entier",
        f"ICS file of more than {limits.max_bytes} bytes: refused without reading it all",
        source=name,
    )
    if name == "-":
        data = sys.stdin.buffer.read(limits.max_bytes + 1)
        if len(data) > limits.max_bytes:
            raise too_big
        return data
    target = Path(path)
    try:
        if target.is_dir():
            raise IcsError(
                "c'est un dossier, pas un fichier", "this is a folder, not a file", source=name
            )
        if target.is_file() and target.stat().st_size > limits.max_bytes:
            size = target.stat().st_size
            raise IcsError(
                f"fichier trop gros ({size} octets, au plus {limits.max_bytes}) : refusé sans "
                "être lu (pour le lire quand même : option --max-size MO)",
                f"file too large ({size} bytes, at most {limits.max_bytes}): refused without "
                "reading it (to read it anyway: option --max-size MIB)",
                source=name,
            )
        with target.open("rb") as handle:
            data = handle.read(limits.max_bytes + 1)
    except FileNotFoundError:
        raise IcsError(
            "fichier introuvable : vérifiez le chemin",
            "file not found: check the path",
            source=name,
        ) from None
    except OSError as exc:
        fr, en = _os_reason(exc)
        raise IcsError(
            f"fichier illisible ({fr})", f"unreadable file ({en})", source=name
        ) from None
    if len(data) > limits.max_bytes:
        raise too_big
    return data


def _load(data: bytes | str | Path, limits: IcsLimits) -> tuple[bytes | str, str | None]:
    if isinstance(data, Path) or (
        isinstance(data, str) and "\n" not in data and not data.lstrip().upper().startswith("BEGIN")
    ):
        return read_limited(data, limits), str(data)
    return data, None


def _line_endings(raw: bytes | str) -> tuple[bytes | str, bool]:
    """Lone CRs (old Mac line endings) made into LFs; line numbers stay the same."""
    if isinstance(raw, str):
        if "\r" in raw and re.search(r"\r(?!\n)", raw):
            return raw.replace("\r\n", "\n").replace("\r", "\n"), True
        return raw, False
    if b"\r" in raw and _LONE_CR.search(raw):
        return raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n"), True
    return raw, False


def _refused(source: str | None, line: int, fr: str, en: str) -> IcsError:
    return IcsError(
        "fichier ICS refusé",
        "ICS file refused",
        details=[ErrorDetail("", fr, en, line=line)],
        source=source,
    )


def _precheck(root: ScannedComponent, limits: IcsLimits, source: str | None) -> None:
    """Refuse, before any parser sees them, VEVENTs listing more dates than a season may hold,
    and recurring series with more RECURRENCE-ID overrides than a series (or a file) may have
    occurrences: each override is one occurrence of its series, so such a series would be
    refused after parsing anyway (see ``_bound`` and ``_file_budget``), and parsing it is the
    costly part. The counts come from the scan alone, in one pass."""
    overrides: dict[str, int] = {}
    first_override: dict[str, int] = {}
    masters: set[str] = set()
    for comp in root.walk("VEVENT"):
        count = 0
        uid = ""
        is_override = False
        for prop in comp.properties:
            name = prop.name
            if name == "RDATE" or name == "EXDATE":
                count += prop.value.count(",") + 1
            elif name == "UID":
                if not uid:
                    uid = prop.value.strip()
            elif name == "RECURRENCE-ID":
                is_override = True
        if count > limits.max_occurrences:
            raise _refused(
                source,
                comp.line,
                f"plus de {limits.max_occurrences} dates RDATE/EXDATE dans un événement "
                f"({count}) : fichier refusé sans être développé",
                f"more than {limits.max_occurrences} RDATE/EXDATE dates in one event "
                f"({count}): file refused without expanding it",
            )
        if not uid:
            continue
        if is_override:
            overrides[uid] = overrides.get(uid, 0) + 1
            first_override.setdefault(uid, comp.line)
        else:
            masters.add(uid)
    # overrides of a series that has its master (orphan overrides are plain events)
    series = {uid: n for uid, n in overrides.items() if uid in masters}
    if not series:
        return
    biggest = max(series, key=lambda uid: series[uid])
    if series[biggest] > limits.max_occurrences:
        n = series[biggest]
        raise _refused(
            source,
            first_override[biggest],
            f"série {short(biggest, 60)} modifiée par {n} occurrences RECURRENCE-ID, plus "
            f"que la limite de {limits.max_occurrences} occurrences d'une série : fichier refusé "
            "sans être lu",
            f"series {short(biggest, 60)} changed by {n} RECURRENCE-ID occurrences, above the "
            f"limit of {limits.max_occurrences} occurrences of one series: file refused "
            "without reading it",
        )
    total = sum(series.values())
    if total > limits.max_file_occurrences:
        raise _refused(
            source,
            first_override[biggest],
            f"les {len(series)} séries du fichier sont modifiées par {total} occurrences "
            f"RECURRENCE-ID, plus que la limite de {limits.max_file_occurrences} occurrences "
            "de toutes les récurrences d'un fichier : fichier refusé sans être lu (la plus "
            f"modifiée, {short(biggest, 60)}, commence ligne {first_override[biggest]})",
            f"the file's {len(series)} series are changed by {total} RECURRENCE-ID "
            f"occurrences, above the limit of {limits.max_file_occurrences} occurrences of all "
            "the recurrences of a file: file refused without reading it (the most changed, "
            f"{short(biggest, 60)}, starts on line {first_override[biggest]})",
        )


# --- parsing -------------------------------------------------------------------------------------


def _line_text(name: str, params: str, value: str) -> str:
    return f"{name};{params}:{value}" if params else f"{name}:{value}"


def _component_text(comp: ScannedComponent) -> list[str]:
    out = [f"BEGIN:{comp.name}"]
    out.extend(_line_text(p.name, p.params, p.value) for p in comp.properties)
    for child in comp.children:
        out.extend(_component_text(child))
    out.append(f"END:{comp.name}")
    return out


def _calendar_of(lines: list[str]) -> Any:
    from icalendar import Calendar

    return Calendar.from_ical("\r\n".join(lines) + "\r\n")


def _whole_file_reason(exc: Exception, root: ScannedComponent) -> tuple[int | None, str, str]:
    """Where and why icalendar refused a file, from the value its message names."""
    message = str(exc)
    for comp in root.walk():
        for prop in comp.properties:
            value = prop.value.strip()
            if len(value) >= 3 and value in message:
                fr, en = library_reason(message, prop.name, prop.value)
                return prop.line, fr, en
    fr, en = library_reason(message)
    return None, fr, en


def _parse(reader: Reader, raw: bytes | str) -> tuple[Any, list[tuple[Any, ScannedComponent]]]:
    """The calendar and its (VEVENT, scanned VEVENT) pairs. When icalendar refuses the whole file,
    each time zone and each event is read on its own, so that one broken value costs one event."""
    from icalendar import Calendar

    root = reader.root
    scanned = list(root.walk("VEVENT"))
    try:
        cal = Calendar.from_ical(raw)
    except Exception as exc:  # icalendar raises ValueError, KeyError, IndexError… on broken input
        line, fr, en = _whole_file_reason(exc, root)
        if reader.strict:
            raise reader.error(line, fr, en) from None
    else:
        vevents = list(cal.walk("VEVENT"))
        if len(vevents) == len(scanned):
            return cal, list(zip(vevents, scanned, strict=True))
    # one component at a time
    head = ["BEGIN:VCALENDAR"]
    head += [_line_text(p.name, p.params, p.value) for p in root.properties]
    try:
        cal = _calendar_of([*head, "END:VCALENDAR"])
    except Exception as exc:
        line, fr, en = _whole_file_reason(exc, root)
        raise reader.error(line, fr, en) from None
    zones: list[str] = []
    for comp in root.children:
        if comp.name != "VTIMEZONE":
            continue
        lines = _component_text(comp)
        try:
            _calendar_of(["BEGIN:VCALENDAR", *lines, "END:VCALENDAR"])
        except Exception as exc:
            line, fr, en = _whole_file_reason(exc, comp)
            tzid = comp.first("TZID")
            if tzid is not None:
                reader.bad_zones[tzid.value.strip()] = (line or comp.line, fr, en)
            reader.warn(
                "bad_vtimezone",
                line or comp.line,
                None,
                tzid=tzid.value if tzid is not None else "?",
                reason=fr,
            )
            continue
        zones.extend(lines)
    pairs: list[tuple[Any, ScannedComponent]] = []
    for sc in scanned:
        try:
            one = _calendar_of(["BEGIN:VCALENDAR", *zones, *_component_text(sc), "END:VCALENDAR"])
            found = list(one.walk("VEVENT"))
            if len(found) != 1:
                raise ValueError("nested VEVENT")
        except Exception as exc:
            line, fr, en = _whole_file_reason(exc, sc)
            reader.skip(reader.error(line or sc.line, fr, en), sc)
            continue
        pairs.append((found[0], sc))
    return cal, pairs


# --- entry points --------------------------------------------------------------------------------


def import_ics(
    data: bytes | str | Path,
    *,
    season: int | None = None,
    tz: str = "Europe/Paris",
    limits: IcsLimits = DEFAULT_LIMITS,
    source: str | None = None,
    strict: bool = False,
) -> IcsImport:
    """Read an ICS file (path, bytes or text) into events, placeholders and warnings.

    - Times with a TZID are read in that zone (IANA names, Windows names such as
      "Romance Standard Time", Outlook/OWA display names, or the file's VTIMEZONE as a last
      resort); UTC times stay UTC; floating times are read in the file's ``X-WR-TIMEZONE``
      (Google) or else in ``tz``, with a warning.
    - All-day events (DATE values, exclusive DTEND) become all-day occurrences; an event of zero
      length is kept as one minute (one day for dates), with a warning.
    - The season is ``season``, or the year holding most of the events; events outside it are
      left out with a warning that says which ``season`` would import them. Recurrences
      (RRULE/RDATE/EXDATE, RECURRENCE-ID overrides, ``RANGE=THISANDFUTURE``) are expanded over
      the season; all occurrences of one series become one event.
    - Events exported by nqe_events come back whole (``X-NQE-*`` properties); for other feeds,
      placeholders are created and named « à préciser ».

    An event that cannot be used is left out with a ``skipped`` warning (line, UID, reason);
    ``strict=True`` refuses the whole file instead. A file that is malformed as a whole, above
    ``limits``, or with nothing usable left raises :class:`IcsError` with the line numbers.
    """
    raw, path_source = _load(data, limits)
    with paused_gc():  # a large file builds many objects that all live to the end
        return _import(raw, source or path_source, season, tz, limits, strict)


def _import(
    raw: bytes | str,
    source: str | None,
    season: int | None,
    tz: str,
    limits: IcsLimits,
    strict: bool,
) -> IcsImport:
    raw, lone_cr = _line_endings(raw)
    root = scan_ics(raw, limits=limits, source=source)
    _precheck(root, limits, source)
    if season is not None and not MIN_SEASON <= season <= MAX_SEASON:
        raise IcsError(
            f"saison {season} impossible : attendu une année de {MIN_SEASON} à {MAX_SEASON}",
            f"season {season} impossible: expected a year from {MIN_SEASON} to {MAX_SEASON}",
            source=source,
        )
    try:
        ZoneInfo(tz)
    except Exception:
        raise IcsError(
            f"fuseau horaire inconnu « {tz} » (attendu un nom IANA comme Europe/Paris)",
            f"unknown time zone '{tz}' (expected an IANA name such as Europe/Paris)",
            source=source,
        ) from None
    reader = Reader(root, tz, season, limits, source, strict=strict)
    if lone_cr:
        reader.warn("lone_cr", None, None)
    if root.trailing:
        reader.warn("trailing", root.end_line, None, n=root.trailing)
    cal, pairs = _parse(reader, raw)
    return _read_calendar(reader, cal, pairs)


def import_file(
    path: str | Path,
    *,
    season: int | None = None,
    tz: str = "Europe/Paris",
    strict: bool = False,
    limits: IcsLimits = DEFAULT_LIMITS,
) -> IcsImport:
    """Import the ICS file at ``path`` (``"-"``: standard input): :attr:`IcsImport.programme` is the
    programme built from it, :attr:`IcsImport.warnings` what was assumed or left out (see
    :func:`import_ics`)."""
    return import_ics(
        read_limited(path, limits),
        season=season,
        tz=tz,
        limits=limits,
        source=str(path),
        strict=strict,
    )


def read_ics(
    data: bytes | str | Path,
    *,
    season: int | None = None,
    tz: str = "Europe/Paris",
    limits: IcsLimits = DEFAULT_LIMITS,
    strict: bool = False,
) -> list[Event]:
    """The events of an ICS file (see :func:`import_ics`, which also returns the warnings and the
    venues, organisers and quartiers the events refer to)."""
    return list(import_ics(data, season=season, tz=tz, limits=limits, strict=strict).events)


# --- reading one calendar ------------------------------------------------------------------------


@lru_cache(maxsize=512)
def _resolve_zone(tzid: str) -> ZoneInfo | None:
    """The zone of a TZID (cached: a file names few zones, on most of its lines)."""
    from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

    name = resolve_tzid(tzid)
    if name is None:
        key = tzid.strip().strip('"')
        mapped = WINDOWS_TO_OLSON.get(key) or WINDOWS_TO_OLSON.get(re.sub(r"\s+\d+$", "", key))
        name = resolve_tzid(mapped) if mapped else None
    return ZoneInfo(name) if name else None


def _to_instant(
    reader: Reader,
    value: Any,
    params: Mapping[str, Any],
    line: int | None,
    event: str | None,
) -> date | datetime:
    """A DATE stays a date; a DATE-TIME becomes aware (TZID, UTC, X-WR-TIMEZONE or floating)."""
    if isinstance(value, datetime):
        tzid = params.get("TZID")
        if tzid:
            zone = _resolve_zone(str(tzid))
            wall = value.replace(tzinfo=None)
            if zone is not None:
                return wall.replace(tzinfo=zone)
            if value.tzinfo is not None and value.utcoffset() is not None:
                reader.warn_once("vtimezone_only", line, event, tzid=str(tzid))
                return value
            bad = reader.bad_zones.get(str(tzid))
            if bad is not None:
                raise reader.error(
                    line,
                    f"fuseau horaire « {tzid} » : son VTIMEZONE (ligne {bad[0]}) est illisible : "
                    f"{bad[1]}",
                    f"time zone '{tzid}': its VTIMEZONE (line {bad[0]}) is unreadable: {bad[2]}",
                )
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


def _read_calendar(
    reader: Reader, cal: Any, pairs: list[tuple[Any, ScannedComponent]]
) -> IcsImport:
    x_wr = cal.get("X-WR-TIMEZONE")
    if x_wr is not None:
        zone = _resolve_zone(text_of(x_wr))
        reader.x_wr = zone.key if zone is not None else None
    name = cal.get("X-WR-CALNAME") or cal.get("NAME")
    cal_name = text_of(name).strip()[:200] or None if name is not None else None
    others: dict[str, int] = {}
    for comp in reader.root.children:
        if comp.name not in ("VEVENT", "VTIMEZONE"):
            others[comp.name] = others.get(comp.name, 0) + 1
    for comp_name, n in sorted(others.items()):
        reader.warn("other_component", None, None, n=n, name=comp_name)

    # 1. normalise the times of every VEVENT and check what must be there
    items: list[_Item] = []
    for ve, sc in pairs:
        try:
            items.append(_normalise(reader, ve, sc))
        except IcsError as exc:
            reader.skip(exc, sc)
    own = programme_data(reader, cal)
    season = reader.season
    if season is None and isinstance(own[0].get("season"), int):
        season = own[0]["season"]  # a feed of ours: the programme's own season
    if season is None or not MIN_SEASON <= season <= MAX_SEASON:
        season = _infer_season(reader, items)
    # 2. group series (same UID) and expand recurrences
    drafts = _build(reader, items, season)
    return assemble(reader, cal, drafts, season, cal_name, own)


def _infer_season(reader: Reader, items: list[_Item]) -> int | None:
    """The year holding most event starts (the earliest of equals), in the calendar's zone."""
    if not items:
        return None
    tz = ZoneInfo(reader.x_wr or reader.tz_name)
    years: Counter[int] = Counter()
    for item in items:
        start = item.start
        try:
            year = start.astimezone(tz).year if isinstance(start, datetime) else start.year
        except (OverflowError, ValueError):
            year = start.year
        years[min(max(year, MIN_SEASON), MAX_SEASON)] += 1
    best = max(years.values())
    return min(y for y, n in years.items() if n == best)


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


def _check_errors(reader: Reader, ve: Any, sc: ScannedComponent) -> None:
    errors = list(getattr(ve, "errors", ()) or ())
    if not errors:
        return
    prop, message = errors[0]
    scanned = sc.first(str(prop).upper()) if prop else None
    line = scanned.line if scanned is not None else sc.line
    fr, en = library_reason(str(message), prop, scanned.value if scanned is not None else None)
    if prop:
        fr, en = f"{prop} : {fr}", f"{prop}: {en}"
    raise reader.error(line, fr, en)


def _in_range(value: date | datetime, tz: ZoneInfo) -> bool:
    """True when ``value`` can be held as an aware datetime in ``tz`` and in UTC."""
    try:
        if isinstance(value, datetime):
            value.astimezone(UTC)
            value.astimezone(tz)
        else:
            datetime.combine(value, time(0), tzinfo=tz).astimezone(UTC)
            _ = value + timedelta(days=2)
    except (OverflowError, ValueError):
        return False
    return True


def _normalise(reader: Reader, ve: Any, sc: ScannedComponent) -> _Item:
    try:
        return _normalise_times(reader, ve, sc)
    except (OverflowError, ValueError) as exc:
        if isinstance(exc, IcsError):
            raise
        raise reader.error(prop_line(sc, "DTSTART"), *OUT_OF_RANGE) from None


def _normalise_times(reader: Reader, ve: Any, sc: ScannedComponent) -> _Item:
    from icalendar import vDDDLists, vDDDTypes

    broken = next((c.broken for c in sc.walk() if c.broken is not None), None)
    if broken is not None:
        raise reader.error(broken.line, broken.message_fr, broken.message_en, found=broken.found)
    _check_errors(reader, ve, sc)
    rules = [p for p in sc.properties if p.name == "RRULE"]
    if rules and not any(p.value.strip() for p in rules) and "RRULE" in ve:
        reader.warn("empty_rrule", rules[0].line, None)  # « RRULE: » (calendarlabs): no rule
        del ve["RRULE"]
    nqe_id = ve.get("X-NQE-ID")
    label = str(nqe_id) if nqe_id is not None else None
    start_prop = ve.get("DTSTART")
    if start_prop is None:
        raise reader.error(
            sc.line,
            "VEVENT sans DTSTART : un événement doit avoir une date de début",
            "VEVENT without DTSTART: an event needs a start date",
        )
    if isinstance(start_prop, list):  # the first one counts, as for recurring_ical_events
        reader.warn("duplicate_property", _second_line(sc, "DTSTART"), label, name="DTSTART")
        start_prop = start_prop[0]
    start_line = prop_line(sc, "DTSTART")
    start = _to_instant(reader, start_prop.dt, start_prop.params, start_line, label)
    tz = ZoneInfo(reader.x_wr or reader.tz_name)
    if not _in_range(start, tz):
        scanned_start = sc.first("DTSTART")
        found = scanned_start.value if scanned_start is not None else str(start)
        raise reader.error(start_line, *OUT_OF_RANGE, found=short(found, 40))
    end_prop = ve.get("DTEND")
    duration = ve.get("DURATION")
    if isinstance(end_prop, list):
        reader.warn("duplicate_property", _second_line(sc, "DTEND"), label, name="DTEND")
        end_prop = end_prop[0]
    if isinstance(duration, list):
        reader.warn("duplicate_property", _second_line(sc, "DURATION"), label, name="DURATION")
        duration = duration[0]
    if end_prop is not None:
        end = _to_instant(reader, end_prop.dt, end_prop.params, prop_line(sc, "DTEND"), label)
        if duration is not None:
            delta = duration.dt
            if (isinstance(delta, timedelta) and delta == timedelta(0)) or (
                isinstance(delta, timedelta) and _same(start + delta, end)
            ):
                reader.warn("duration_ignored", prop_line(sc, "DURATION"), label)
            else:
                raise reader.error(
                    prop_line(sc, "DURATION"),
                    "DTEND et DURATION à la fois, qui ne disent pas la même fin : un seul des "
                    "deux est permis",
                    "both DTEND and DURATION, which do not give the same end: only one is allowed",
                )
    elif duration is not None:
        delta = duration.dt
        if not isinstance(delta, timedelta):
            raise reader.error(
                prop_line(sc, "DURATION"), "DURATION illisible", "unreadable DURATION"
            )
        if delta < timedelta(0):
            raise reader.error(
                prop_line(sc, "DURATION"),
                "DURATION négative : la durée d'un événement est positive",
                "negative DURATION: an event's duration is positive",
            )
        try:
            end = start + delta
        except OverflowError:
            written = sc.first("DURATION")
            raise reader.error(
                prop_line(sc, "DURATION"),
                *OUT_OF_RANGE,
                found=short(written.value, 40) if written is not None else None,
            ) from None
    elif isinstance(start, datetime):
        end = start + timedelta(hours=1)
        reader.warn("no_end", sc.line, label)
    else:
        end = start + timedelta(days=1)
    if isinstance(start, datetime) != isinstance(end, datetime):
        # a date beside a date-time: read, as recurring_ical_events does, as midnight in the
        # date-time's zone (the event is then a timed one)
        day = _shown(start if isinstance(end, datetime) else end)
        if isinstance(start, datetime):
            end = datetime.combine(end, time(0), tzinfo=start.tzinfo)
        elif isinstance(end, datetime):
            start = datetime.combine(start, time(0), tzinfo=end.tzinfo)
        reader.warn("mixed_date_kinds", prop_line(sc, "DTEND"), label, day=day)
    if not _in_range(end, tz) or not _in_range(start, tz):
        raise reader.error(prop_line(sc, "DTEND"), *OUT_OF_RANGE)
    if _same(start, end):
        end = _point_end(start)
        reader.warn(
            "zero_length" if isinstance(start, datetime) else "zero_length_day",
            prop_line(sc, "DTEND"),
            label,
        )
    elif _before(end, start):
        # swapped, as recurring_ical_events does: a series then starts at the earlier time
        reader.warn(
            "end_before_start", prop_line(sc, "DTEND"), label, start=_shown(start), end=_shown(end)
        )
        start, end = end, start
    uid_prop = ve.get("UID")
    if uid_prop is None or not str(uid_prop).strip():
        reader.warn("no_uid", sc.line, label)
        title = str(ve.get("SUMMARY", ""))
        uid = f"{slug(title, 'evenement')}-{start.isoformat()[:10]}"
    else:
        uid = str(uid_prop).strip()
    try:
        seq = int(ve.get("SEQUENCE", 0))
    except (TypeError, ValueError):
        raise reader.error(
            prop_line(sc, "SEQUENCE"),
            "SEQUENCE doit être un entier",
            "SEQUENCE must be an integer",
        ) from None
    if seq < 0:
        raise reader.error(prop_line(sc, "SEQUENCE"), "SEQUENCE négative", "negative SEQUENCE")
    rid_prop = ve.get("RECURRENCE-ID")
    rid: date | datetime | None = None
    if rid_prop is not None:
        if isinstance(rid_prop, list):
            rid_prop = rid_prop[0]
        rid = _to_instant(
            reader, rid_prop.dt, rid_prop.params, prop_line(sc, "RECURRENCE-ID"), label
        )
    recurring = "RRULE" in ve or "RDATE" in ve
    if not (recurring or rid is not None):
        return _Item(ve, sc, uid, start, end, rid, seq, False)
    # part of a series: rewrite the times in normalised form so that the expansion sees real zones
    for name, value in (("DTSTART", start), ("DTEND", end)):
        if name in ve:
            del ve[name]
        ve.add(name, value)
    if "DURATION" in ve:
        del ve["DURATION"]
    if rid_prop is not None:
        rng = rid_prop.params.get("RANGE")
        del ve["RECURRENCE-ID"]
        ve.add("RECURRENCE-ID", rid, parameters={"RANGE": str(rng)} if rng else None)
    for name in ("EXDATE", "RDATE"):
        prop = ve.get(name)
        if prop is None:
            continue
        props = prop if isinstance(prop, list) else [prop]
        values: list[Any] = []
        line = prop_line(sc, name)
        for p in props:
            if not isinstance(p, vDDDLists):
                raise reader.error(line, f"{name} illisible", f"unreadable {name}")
            for v in p.dts:
                if not isinstance(v, vDDDTypes) or isinstance(v.dt, timedelta):
                    raise reader.error(line, f"{name} illisible", f"unreadable {name}")
                if isinstance(v.dt, tuple):  # RDATE;VALUE=PERIOD: start/end or start/duration
                    if name == "EXDATE":
                        raise reader.error(
                            line, "EXDATE ne peut pas être une période", "EXDATE cannot be a period"
                        )
                    p_start = _to_instant(reader, v.dt[0], p.params, line, label)
                    other = v.dt[1]
                    p_end = (
                        p_start + other
                        if isinstance(other, timedelta)
                        else _to_instant(reader, other, p.params, line, label)
                    )
                    if not _in_range(p_end, tz) or not _before(p_start, p_end):
                        raise reader.error(
                            line,
                            "RDATE : période dont la fin n'est pas après le début",
                            "RDATE: period whose end is not after its start",
                        )
                    values.append((p_start, p_end))
                    continue
                values.append(_to_instant(reader, v.dt, p.params, line, label))
        del ve[name]
        for value in values:
            ve.add(name, [value])
    return _Item(ve, sc, uid, start, end, rid, seq, recurring)


def _shown(value: date | datetime) -> str:
    """A date or time as the file wrote it, in French (« 04/03/2019 à 08:30 »)."""
    day = value.strftime("%d/%m/") + f"{value.year:04d}"
    return f"{day} à {value:%H:%M}" if isinstance(value, datetime) else day


def _second_line(sc: ScannedComponent, name: str) -> int | None:
    lines = [p.line for p in sc.properties if p.name == name]
    return lines[1] if len(lines) > 1 else sc.line


def _utc_key(value: date | datetime) -> datetime:
    if isinstance(value, datetime):
        return value.astimezone(UTC)
    return datetime.combine(value, time(0), tzinfo=UTC)


def _same(a: date | datetime, b: date | datetime) -> bool:
    return type(a) is type(b) and _utc_key(a) == _utc_key(b)


def _before(a: date | datetime, b: date | datetime) -> bool:
    return _utc_key(a) < _utc_key(b)


def season_window(season: int, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """The season's half-open window: 1 January of ``season`` to 1 January of the next year."""
    return datetime(season, 1, 1, tzinfo=tz), datetime(season + 1, 1, 1, tzinfo=tz)


def _overlaps(start: date | datetime, end: date | datetime, lo: datetime, hi: datetime) -> bool:
    """True when ``[start, end)`` touches the window (a zero-length event at ``lo`` does)."""
    s, e = _utc_key(start), _utc_key(end)
    return s < hi and (e > lo or s >= lo)


def _bound(reader: Reader, series: list[_Item], lo: datetime, hi: datetime) -> int:
    """An upper bound on the occurrences of a recurring series within the window, from its rules
    and dates alone; a rule that cannot be expanded safely, or a bound above the per-series limit,
    is an error (the series is left out)."""
    master = next((i for i in series if i.recurrence_id is None), series[0])
    bound = 1 + len(series)
    for prop in master.scanned.properties:
        if prop.name == "RRULE" and prop.value.strip():
            problem = rrule_problem(prop.value, master.start, hi.date())
            if problem is not None:
                raise reader.error(
                    prop.line,
                    f"RRULE refusée : {problem[0]}",
                    f"RRULE refused: {problem[1]}",
                    found=short(prop.value, 60),
                )
            bound += occurrence_bound(prop.value, master.start, lo, hi)
        elif prop.name == "RDATE":
            bound += prop.value.count(",") + 1
    if bound > reader.limits.max_occurrences:
        raise reader.error(
            prop_line(master.scanned, "RRULE"),
            f"jusqu'à {bound} occurrences dans la saison, plus que la limite de "
            f"{reader.limits.max_occurrences} : récurrence refusée sans être développée",
            f"up to {bound} occurrences in the season, above the limit of "
            f"{reader.limits.max_occurrences}: recurrence refused without expanding it",
        )
    return bound


def _expand(
    reader: Reader, series: list[_Item], lo: datetime, hi: datetime
) -> list[tuple[Any, Any]]:
    """(start, end) of every occurrence of a recurring series within the window
    (``recurring_ical_events``' ``between``, which walks dateutil's ``between``: the work is
    bounded by the window, never by how long ago the series started)."""
    import recurring_ical_events  # type: ignore[import-untyped]
    from icalendar import Calendar

    master = next((i for i in series if i.recurrence_id is None), series[0])
    sub = Calendar()
    for item in series:
        sub.add_component(item.component)
    out: list[tuple[Any, Any]] = []
    try:
        query = recurring_ical_events.of(sub)
        # the occurrences' own start and end: ``query.between`` would also copy the whole
        # component once per occurrence, most of the time of a long series
        for found in query.series:
            for occ in found.between(lo, hi):
                out.append((occ.start, occ.end))
    except Exception:  # recurring_ical_events raises its own types on bad rules
        raise reader.error(
            prop_line(master.scanned, "RRULE"),
            "récurrence illisible : la règle, ses dates ou ses exceptions ne peuvent pas être "
            "développées",
            "unreadable recurrence: its rule, dates or exceptions cannot be expanded",
        ) from None
    return out


def _file_budget(reader: Reader, bounds: dict[str, int], lines: dict[str, int]) -> None:
    """Refuse the file when its recurrences together could exceed the per-file limit (checked
    before any of them is expanded)."""
    total = sum(bounds.values())
    if total <= reader.limits.max_file_occurrences:
        return
    biggest = max(bounds, key=lambda uid: bounds[uid])
    raise IcsError(
        "fichier ICS refusé",
        "ICS file refused",
        details=[
            ErrorDetail(
                "",
                f"les {len(bounds)} récurrences du fichier donneraient jusqu'à {total} "
                f"occurrences dans la saison, plus que la limite de "
                f"{reader.limits.max_file_occurrences} : fichier refusé sans être développé "
                f"(la plus grande commence ligne {lines[biggest]})",
                f"the file's {len(bounds)} recurrences would give up to {total} occurrences in "
                f"the season, above the limit of {reader.limits.max_file_occurrences}: file "
                f"refused without expanding it (the largest starts on line {lines[biggest]})",
                line=lines[biggest],
            )
        ],
        source=reader.source,
    )


def _build(reader: Reader, items: list[_Item], season: int | None) -> dict[str, Draft]:
    tz = ZoneInfo(reader.x_wr or reader.tz_name)
    # series by UID (a master with RRULE and its RECURRENCE-ID overrides share a UID)
    by_uid: dict[str, list[_Item]] = {}
    for item in items:
        by_uid.setdefault(item.uid, []).append(item)
    drafts: dict[str, Draft] = {}
    used_ids: set[str] = set()

    def draft_for(item: _Item) -> Draft:
        nqe_id = text_of(item.component.get("X-NQE-ID")).strip()
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
            drafts[key] = Draft(ident, item.scanned.line, item.component, item.scanned)
        return drafts[key]

    if season is None:
        return drafts
    lo, hi = season_window(season, tz)
    # sizes first: every series is bounded, and the file's total checked, before any expansion
    groups: list[tuple[str, list[_Item], list[_Item], list[_Item], bool]] = []
    bounds: dict[str, int] = {}
    lines: dict[str, int] = {}
    for uid, series in by_uid.items():
        masters = [i for i in series if i.recurrence_id is None]
        overrides = [i for i in series if i.recurrence_id is not None]
        recurring = any(i.recurring for i in series) or bool(overrides and masters)
        if len(masters) > 1 and not recurring:
            # the same UID twice: later versions (higher SEQUENCE) replace earlier ones
            reader.warn("duplicate_uid", masters[1].scanned.line, None, uid=short(uid, 60))
            masters = [max(masters, key=lambda i: i.sequence)]
            series = masters
        if recurring:
            ordered = masters + overrides if masters else overrides
            try:
                bounds[uid] = _bound(reader, ordered, lo, hi)
            except IcsError as exc:
                reader.skip(exc, ordered[0].scanned, uid)
                continue
            lines[uid] = ordered[0].scanned.line
        groups.append((uid, series, masters, overrides, recurring))
    _file_budget(reader, bounds, lines)
    for uid, series, masters, overrides, recurring in groups:
        if recurring:
            head = masters[0] if masters else overrides[0]
            try:
                occs = _expand(reader, masters + overrides if masters else overrides, lo, hi)
            except IcsError as exc:
                reader.skip(exc, head.scanned, uid)
                continue
            draft = draft_for(head)
            draft.sequence = max(draft.sequence, max(i.sequence for i in series))
            if not occs:
                year = _year(head.start, tz)
                reader.warn(
                    "no_occurrence",
                    head.scanned.line,
                    draft.id,
                    id=draft.id,
                    season=season,
                    year=year,
                )
                continue
            for start, end in occs:
                if _same(start, end):
                    reader.warn_once("zero_length", head.scanned.line, draft.id)
                    end = _point_end(start)
                draft.occurrences.append((start, end, None))
            continue
        for item in masters or overrides:
            draft = draft_for(item)
            if not _overlaps(item.start, item.end, lo, hi):
                year = _year(item.start, tz)
                reader.warn(
                    "outside_season",
                    item.scanned.line,
                    draft.id,
                    id=draft.id,
                    season=season,
                    year=year,
                    day=_day(item.start, tz),
                )
                continue
            occ_label = item.component.get("X-NQE-LABEL")
            label = text_of(occ_label).strip()[:200] or None if occ_label is not None else None
            draft.occurrences.append((item.start, item.end, label))
            draft.sequence = max(draft.sequence, item.sequence)
    return drafts


def _point_end(start: date | datetime) -> date | datetime:
    """The end given to a zero-length event: one minute after a time, the next day after a date."""
    return start + (timedelta(minutes=1) if isinstance(start, datetime) else timedelta(days=1))


def _year(value: date | datetime, tz: ZoneInfo) -> int:
    try:
        return value.astimezone(tz).year if isinstance(value, datetime) else value.year
    except (OverflowError, ValueError):
        return value.year


def _day(value: date | datetime, tz: ZoneInfo) -> str:
    try:
        day = value.astimezone(tz).date() if isinstance(value, datetime) else value
    except (OverflowError, ValueError):
        day = value if not isinstance(value, datetime) else value.date()
    return day.strftime("%d/%m/") + f"{day.year:04d}"
