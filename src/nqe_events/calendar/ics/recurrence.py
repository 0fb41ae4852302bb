"""Checks on an RRULE before it is expanded, and a bound on its size (stdlib only).

A recurrence rule that can never match (``FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30``), or one that makes the
expander step through millions of instants before the season (``FREQ=HOURLY`` from 1900), keeps
dateutil busy for seconds or minutes while yielding nothing. The rules that calendar clients write
for events (Google, Outlook, Apple, Thunderbird) use FREQ, INTERVAL, COUNT, UNTIL, BYDAY,
BYMONTHDAY, BYMONTH, BYSETPOS and WKST; those are accepted, checked for range, and checked to match
at least one day in a 29-year span (the calendar's weekday/month pattern repeats every 28 years).
"""

from __future__ import annotations

import calendar as _cal
import math
from datetime import date, datetime, timedelta

__all__ = ["MAX_STEPS", "occurrence_bound", "rrule_problem"]

_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_FREQS = ("HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY")
_ALLOWED = {
    "FREQ",
    "INTERVAL",
    "COUNT",
    "UNTIL",
    "BYDAY",
    "BYMONTHDAY",
    "BYMONTH",
    "BYSETPOS",
    "WKST",
}
_PERIOD = {
    "HOURLY": timedelta(hours=1),
    "DAILY": timedelta(days=1),
    "WEEKLY": timedelta(weeks=1),
    "MONTHLY": timedelta(days=28),
    "YEARLY": timedelta(days=365),
}
MAX_STEPS = 100_000

#: why a rule is refused, in French and in English
Problem = tuple[str, str]


def _ints(values: list[str], low: int, high: int, name: str) -> tuple[list[int], Problem | None]:
    out: list[int] = []
    for v in values:
        try:
            n = int(v)
        except ValueError:
            return [], (f"{name}={v} n'est pas un nombre", f"{name}={v} is not a number")
        if n == 0 or not low <= abs(n) <= high:
            return [], (f"{name}={v} hors de ±{low}…{high}", f"{name}={v} outside ±{low}…{high}")
        out.append(n)
    return out, None


def rrule_problem(text: str, dtstart: date | datetime, season_end: date) -> Problem | None:
    """Why this RRULE (its text, e.g. ``FREQ=WEEKLY;BYDAY=MO``) cannot be expanded safely, in
    French, or ``None`` when it can."""
    parts: dict[str, list[str]] = {}
    for item in text.split(";"):
        if not item:
            continue
        name, sep, value = item.partition("=")
        if not sep:
            return f"élément « {item} » sans « = »", f"part “{item}” without “=”"
        name = name.strip().upper()
        if name in parts:
            return f"{name} répété", f"{name} repeated"
        parts[name] = [v.strip().upper() for v in value.split(",") if v.strip()]
    unknown = sorted(set(parts) - _ALLOWED)
    if unknown:
        names = ", ".join(unknown)
        accepted = "FREQ, INTERVAL, COUNT, UNTIL, BYDAY, BYMONTHDAY, BYMONTH, BYSETPOS, WKST"
        many = len(unknown) > 1
        return (
            f"élément{'s' * many} non pris en charge : {names} (acceptés : {accepted})",
            f"unsupported part{'s' * many}: {names} (accepted: {accepted})",
        )
    freq = (parts.get("FREQ") or [""])[0]
    if freq not in _FREQS:
        return (
            f"FREQ={freq or '?'} : attendu HOURLY, DAILY, WEEKLY, MONTHLY ou YEARLY",
            f"FREQ={freq or '?'}: expected HOURLY, DAILY, WEEKLY, MONTHLY or YEARLY",
        )
    interval, err = _ints(parts.get("INTERVAL", ["1"]), 1, 1000, "INTERVAL")
    if err or interval[0] < 0:
        return err or ("INTERVAL négatif", "negative INTERVAL")
    if "COUNT" in parts:
        count, err = _ints(parts["COUNT"], 1, 10_000_000, "COUNT")
        if err or count[0] < 0:
            return err or ("COUNT négatif", "negative COUNT")
    months, err = _ints(parts.get("BYMONTH", []), 1, 12, "BYMONTH")
    if err or any(m < 0 for m in months):
        return err or ("BYMONTH négatif", "negative BYMONTH")
    monthdays, err = _ints(parts.get("BYMONTHDAY", []), 1, 31, "BYMONTHDAY")
    if err:
        return err
    setpos, err = _ints(parts.get("BYSETPOS", []), 1, 366, "BYSETPOS")
    if err:
        return err
    if setpos and freq not in ("MONTHLY", "YEARLY"):
        return (
            "BYSETPOS n'est accepté qu'avec FREQ=MONTHLY ou YEARLY",
            "BYSETPOS is accepted only with FREQ=MONTHLY or YEARLY",
        )
    weekdays: set[int] = set()
    for v in parts.get("BYDAY", []):
        code, ordinal = v[-2:], v[:-2]
        if code not in _DAYS:
            return f"BYDAY={v} : jour inconnu", f"BYDAY={v}: unknown day"
        if ordinal not in ("", "+", "-"):
            if freq not in ("MONTHLY", "YEARLY"):
                return (
                    f"BYDAY={v} : un rang n'est permis qu'avec FREQ=MONTHLY ou YEARLY",
                    f"BYDAY={v}: a rank is allowed only with FREQ=MONTHLY or YEARLY",
                )
            _, err = _ints([ordinal.lstrip("+")], 1, 5 if freq == "MONTHLY" else 53, "BYDAY")
            if err:
                return err
        weekdays.add(_DAYS.index(code))
    for w in parts.get("WKST", []):
        if w not in _DAYS:
            return f"WKST={w} : jour inconnu", f"WKST={w}: unknown day"
    # far too many steps before the season?
    start_day = dtstart.date() if isinstance(dtstart, datetime) else dtstart
    span = (season_end - start_day).days
    steps = span * timedelta(days=1) / (_PERIOD[freq] * interval[0])
    if steps > MAX_STEPS:
        return (
            f"début {start_day.isoformat()} trop ancien pour FREQ={freq} : plus de "
            f"{MAX_STEPS} pas avant la fin de la saison",
            f"start {start_day.isoformat()} too early for FREQ={freq}: more than "
            f"{MAX_STEPS} steps before the end of the season",
        )
    # can the day filters ever match?
    if not (months or monthdays or weekdays or setpos):
        return None
    first = date(max(start_day.year, season_end.year - 1), 1, 1)
    day = first
    last = date(first.year + 29, 1, 1)
    per_period: dict[tuple[int, int], int] = {}
    while day < last:
        dim = _cal.monthrange(day.year, day.month)[1]
        ok = (not months or day.month in months) and (
            not monthdays or day.day in monthdays or day.day - dim - 1 in monthdays
        )
        if ok and (not weekdays or day.weekday() in weekdays):
            period = (day.year, day.month if freq == "MONTHLY" else 0)
            per_period[period] = per_period.get(period, 0) + 1
        day += timedelta(days=1)
    if not per_period:
        return (
            "la règle ne tombe sur aucun jour (mois, jour du mois et jour de semaine incompatibles)",
            "the rule falls on no day (month, day of month and weekday incompatible)",
        )
    if setpos and all(abs(p) > max(per_period.values()) for p in setpos):
        return (
            "BYSETPOS plus grand que le nombre de jours possibles dans une période",
            "BYSETPOS larger than the number of possible days in a period",
        )
    return None


def occurrence_bound(text: str, dtstart: date | datetime, lo: datetime, hi: datetime) -> int:
    """An upper bound on the occurrences of the RRULE ``text`` that start within ``[lo, hi)``,
    computed from the rule alone, before anything is expanded (the rule must have passed
    :func:`rrule_problem`). It never undercounts: the expansion may stay below it."""
    parts: dict[str, list[str]] = {}
    for item in text.split(";"):
        name, _, value = item.partition("=")
        if name.strip():
            parts[name.strip().upper()] = [v.strip().upper() for v in value.split(",") if v.strip()]
    freq = (parts.get("FREQ") or ["DAILY"])[0]
    interval = int((parts.get("INTERVAL") or ["1"])[0])
    start = (
        dtstart if isinstance(dtstart, datetime) else datetime.combine(dtstart, datetime.min.time())
    )
    first = max(lo.replace(tzinfo=None), start.replace(tzinfo=None))
    span = hi.replace(tzinfo=None) - first
    if span <= timedelta(0):
        span = timedelta(0)
    period = _PERIOD.get(freq, timedelta(days=1)) * interval
    periods = math.floor(span / period) + 2
    byday = parts.get("BYDAY", [])
    plain_days = sum(1 for v in byday if v[:-2] in ("", "+", "-"))
    ranked_days = len(byday) - plain_days
    months = len(parts.get("BYMONTH", [])) or 12
    monthdays = len(parts.get("BYMONTHDAY", []))
    per = 1
    if freq == "WEEKLY":
        per = max(1, len(byday))
    elif freq == "MONTHLY":
        per = monthdays or (5 * plain_days + ranked_days) or 1
    elif freq == "YEARLY":
        if monthdays:
            per = months * monthdays
        elif byday:
            per = (5 * months if "BYMONTH" in parts else 53) * plain_days + ranked_days * months
        elif "BYMONTH" in parts:
            per = months
    setpos = parts.get("BYSETPOS", [])
    if setpos:
        per = min(per, len(setpos))
    bound = periods * per
    if "COUNT" in parts:
        bound = min(bound, int(parts["COUNT"][0]))
    return bound
