"""Time zones for ICS feeds (stdlib only): the RRULE form of a VTIMEZONE, Windows zone names.

Outlook wants a VTIMEZONE in its RRULE form (one DAYLIGHT and one STANDARD sub-component starting in
1970, each with a yearly rule), and Mozilla's ical.js reads only the first value of a multi-valued
RDATE (../shared/calendar.md §3–§4). :func:`yearly_rules` derives that form from the zoneinfo data
of the season's year and checks that it also holds for the years around it.
"""

from __future__ import annotations

import calendar as _cal
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

__all__ = ["WINDOWS_ZONES", "TzRule", "resolve_tzid", "yearly_rules"]

_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class TzRule:
    """One sub-component of a VTIMEZONE in RRULE form."""

    kind: str  # "DAYLIGHT" or "STANDARD"
    start: datetime  # naive local wall time of the first onset (in 1970)
    offset_from: timedelta
    offset_to: timedelta
    name: str
    month: int | None  # None: no yearly rule (a zone without DST)
    byday: str | None  # "-1SU", "2SU"…


def _transitions(tz: ZoneInfo, year: int) -> list[tuple[datetime, timedelta, timedelta, str]]:
    """(UTC instant, offset before, offset after, name after) for each change in ``year``."""
    found: list[tuple[datetime, timedelta, timedelta, str]] = []
    t = datetime(year, 1, 1, tzinfo=UTC)
    end = datetime(year + 1, 1, 1, tzinfo=UTC)
    step = timedelta(hours=6)
    prev = t.astimezone(tz).utcoffset()
    while t < end:
        nxt = t + step
        off = nxt.astimezone(tz).utcoffset()
        if off != prev:
            lo, hi = t, nxt
            while hi - lo > timedelta(minutes=1):
                mid = lo + (hi - lo) / 2
                mid = mid.replace(second=0, microsecond=0)
                if mid <= lo:
                    break
                if mid.astimezone(tz).utcoffset() == prev:
                    lo = mid
                else:
                    hi = mid
            local_after = hi.astimezone(tz)
            assert prev is not None and off is not None
            found.append((hi, prev, off, local_after.tzname() or ""))
        prev = off
        t = nxt
    return found


def _byday(day: date) -> str:
    last_day = _cal.monthrange(day.year, day.month)[1]
    wd = _DAYS[day.weekday()]
    if day.day + 7 > last_day:
        return f"-1{wd}"
    return f"{(day.day - 1) // 7 + 1}{wd}"


def _nth_weekday(year: int, month: int, byday: str) -> date:
    n, wd = int(byday[:-2]), _DAYS.index(byday[-2:])
    last_day = _cal.monthrange(year, month)[1]
    days = [d for d in range(1, last_day + 1) if date(year, month, d).weekday() == wd]
    return date(year, month, days[n - 1] if n > 0 else days[n])


@lru_cache(maxsize=32)
def yearly_rules(tzid: str, year: int) -> tuple[TzRule, ...] | None:
    """The RRULE form of ``tzid`` valid around ``year``, or ``None`` when the zone's changes do not
    follow a yearly nth-weekday rule over ``year - 2 … year + 2`` (then use an explicit form)."""
    tz = ZoneInfo(tzid)
    changes = _transitions(tz, year)
    if not changes:
        offset = datetime(year, 7, 1, tzinfo=tz).utcoffset()
        assert offset is not None
        name = datetime(year, 7, 1, tzinfo=tz).tzname() or tzid
        others = [_transitions(tz, y) for y in (year - 2, year - 1, year + 1, year + 2)]
        if any(others):
            return None
        return (TzRule("STANDARD", datetime(1970, 1, 1), offset, offset, name, None, None),)
    if len(changes) != 2:
        return None
    rules: list[TzRule] = []
    for instant, before, after, name in changes:
        wall = (instant + before).replace(tzinfo=None)  # onset in the offset in force before
        byday = _byday(wall.date())
        for y in (year - 2, year - 1, year + 1, year + 2):
            other = [c for c in _transitions(tz, y) if c[1] == before and c[2] == after]
            if len(other) != 1:
                return None
            o_wall = (other[0][0] + before).replace(tzinfo=None)
            if o_wall.date() != _nth_weekday(y, wall.month, byday) or o_wall.time() != wall.time():
                return None
        first = datetime.combine(_nth_weekday(1970, wall.month, byday), wall.time())
        kind = "DAYLIGHT" if after > before else "STANDARD"
        rules.append(TzRule(kind, first, before, after, name, wall.month, byday))
    rules.sort(key=lambda r: (r.kind != "DAYLIGHT", r.start))
    return tuple(rules)


#: Windows time-zone names (as Outlook and Exchange write them in TZID) → IANA names, for the zones
#: a French programme meets. Source: Unicode CLDR ``windowsZones.xml`` (territory "001" mappings).
WINDOWS_ZONES: dict[str, str] = {
    "Romance Standard Time": "Europe/Paris",
    "W. Europe Standard Time": "Europe/Berlin",
    "Central Europe Standard Time": "Europe/Budapest",
    "Central European Standard Time": "Europe/Warsaw",
    "GMT Standard Time": "Europe/London",
    "Greenwich Standard Time": "Atlantic/Reykjavik",
    "UTC": "UTC",
    "Coordinated Universal Time": "UTC",
    "E. Europe Standard Time": "Europe/Chisinau",
    "FLE Standard Time": "Europe/Kiev",
    "GTB Standard Time": "Europe/Bucharest",
    "Morocco Standard Time": "Africa/Casablanca",
    "W. Central Africa Standard Time": "Africa/Lagos",
    "Eastern Standard Time": "America/New_York",
    "Pacific Standard Time": "America/Los_Angeles",
    "SA Eastern Standard Time": "America/Cayenne",
    "SA Western Standard Time": "America/La_Paz",
    "Arabian Standard Time": "Asia/Dubai",
    "Mauritius Standard Time": "Indian/Mauritius",
    "West Pacific Standard Time": "Pacific/Port_Moresby",
    "New Caledonia Standard Time": "Pacific/Noumea",
}

# Outlook sometimes writes the display name of the zone instead of its key.
_DISPLAY_NAMES: dict[str, str] = {
    "(UTC+01:00) Brussels, Copenhagen, Madrid, Paris": "Europe/Paris",
    "(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna": "Europe/Berlin",
    "(UTC) Dublin, Edinburgh, Lisbon, London": "Europe/London",
    "(UTC+00:00) Dublin, Edinburgh, Lisbon, London": "Europe/London",
    "(UTC) Coordinated Universal Time": "UTC",
    "(UTC) Coordinated Universal Time-00": "UTC",
    "(UTC-05:00) Eastern Time (US & Canada)": "America/New_York",
    "(UTC-06:00) Central Time (US & Canada)": "America/Chicago",
    "(UTC-07:00) Mountain Time (US & Canada)": "America/Denver",
    "(UTC-08:00) Pacific Time (US & Canada)": "America/Los_Angeles",
}


#: Names Exchange and Outlook on the web (OWA) write that are not Windows zone keys.
_OWA_NAMES: dict[str, str] = {
    "tzone://Microsoft/Utc": "UTC",
    "Greenwich Mean Time": "Europe/London",
    "Central European Time": "Europe/Paris",
    "W. Europe Time": "Europe/Berlin",
}

_DISPLAY = re.compile(r"\(\s*(?:UTC|GMT)\s*(?:[+-]\d{1,2}(?::?\d{2})?)?\s*\)\s*(.+)")


@lru_cache(maxsize=1)
def _cities() -> dict[str, str]:
    """City name (as written in English in a display name) → IANA zone, from the zone database."""
    out: dict[str, str] = {}
    for zone in sorted(available_timezones()):
        if "/" in zone and not zone.startswith(("Etc/", "SystemV/", "US/")):
            out.setdefault(zone.rsplit("/", 1)[1].replace("_", " ").lower(), zone)
    return out


def _from_display_name(name: str) -> str | None:
    """The zone of an Outlook/OWA display name such as « (UTC+01:00) Brussels, Copenhagen,
    Madrid, Paris »: the first of its cities that names an IANA zone (all the cities of one
    display name share one Windows zone, hence one set of rules)."""
    m = _DISPLAY.fullmatch(name)
    if m is None:
        return None
    cities = [c.strip().lower() for c in re.split(r"[,;/]", m.group(1)) if c.strip()]
    if not cities and name.upper().startswith(("(UTC)", "(GMT)")):
        return "UTC"
    known = _cities()
    for city in cities:
        if city in known:
            return known[city]
    return None


def resolve_tzid(tzid: str) -> str | None:
    """The IANA name for a TZID met in a file: an IANA name itself, a Windows zone name (also
    with the numbered suffix Exchange adds, « W. Europe Standard Time 1 »), an Outlook or OWA
    display name (« (UTC+01:00) Brussels, Copenhagen, Madrid, Paris »), or a
    "/mozilla.org/…/Europe/Paris"-style prefixed name. ``None`` if unknown."""
    name = tzid.strip().strip('"')
    if not name or len(name) > 200:
        return None
    bare = re.sub(r"\s+\d+$", "", name)
    for candidate in (
        name,
        WINDOWS_ZONES.get(name),
        WINDOWS_ZONES.get(bare),
        _DISPLAY_NAMES.get(name),
        _OWA_NAMES.get(name),
        _from_display_name(name),
    ):
        if candidate and _is_iana(candidate):
            return candidate
    parts = [p for p in name.split("/") if p]
    for i in range(len(parts) - 1):
        candidate = "/".join(parts[i:])
        if _is_iana(candidate):
            return candidate
    return None


@lru_cache(maxsize=256)
def _is_iana(name: str) -> bool:
    if name.startswith("/") or ".." in name or "\\" in name or len(name) > 64:
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True
