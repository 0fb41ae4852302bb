"""The planning rules, each defined once, used by both :func:`find_clashes` and :func:`plan`.

A rule has a stable code, a severity (``hard`` rules must hold, ``soft`` ones are optimised), a
weight and a French/English label. Its *meaning* is also defined here, once, in column form:

- :func:`occurrence_table` turns dated occurrences (or a planner's candidate slots: the same
  structure) into integer UTC minutes, DST-safe;
- :func:`occupancy_rows` says which groups each occurrence occupies and for how long: the venue
  widened by set-up and tear-down buffers (``VENUE``), each shared resource with its capacity and
  transfer time (``RESOURCE``), the organiser's teams (``ORGANISER``), each quartier's days or
  its minimum gap (``QUARTIER``);
- :func:`unary_findings` checks what concerns one occurrence alone: the season, the event's own
  window, daily hours and allowed weekdays (``WINDOW``), blackouts and venue closures
  (``BLACKOUT``).

Intervals are half-open ``[start, end)`` in whole UTC minutes: 18:00–20:00 and 20:00–22:00 do not
clash, and 23- or 25-hour days (31 March, 27 October) are counted right. Two occupancy rows of
the same group with capacity 1 clash when they overlap; a resource that moves between two venues
also needs its transfer time between them. A group with capacity k > 1 clashes where more than k
rows are active at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from ..model.calendar_terms import RuleCode, Weekday
from ..model.planning import PlanningConfig, minutes_of

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from ..model import Event, Programme

    IntArray = NDArray[np.int64]

__all__ = [
    "HARD",
    "RULES",
    "SOFT",
    "Context",
    "OccurrenceTable",
    "Rows",
    "Rule",
    "UnaryFinding",
    "minute_of",
    "occupancy_rows",
    "occurrence_table",
    "unary_findings",
]

HARD = "hard"
SOFT = "soft"


@dataclass(frozen=True, slots=True)
class Rule:
    """One planning rule: stable code, severity, default weight and labels."""

    code: RuleCode
    severity: str
    weight: float
    label_fr: str
    label_en: str

    def label(self, lang: str = "fr") -> str:
        return self.label_fr if lang == "fr" else self.label_en


#: Every rule, once. Hard rules' weights order them in explanations; soft weights are penalties
#: per unit (day away from a preferred date, load imbalance, missed wish, moved event).
RULES: dict[RuleCode, Rule] = {
    r.code: r
    for r in (
        Rule(
            RuleCode.VENUE,
            HARD,
            100.0,
            "un seul événement à la fois par lieu (montage et démontage compris)",
            "one event at a time per venue (set-up and tear-down included)",
        ),
        Rule(
            RuleCode.RESOURCE,
            HARD,
            90.0,
            "ressource partagée dans la limite de sa capacité, temps de transfert compris",
            "shared resource within its capacity, transfer time included",
        ),
        Rule(
            RuleCode.ORGANISER,
            HARD,
            80.0,
            "une équipe du porteur par événement à la fois",
            "one organiser team per event at a time",
        ),
        Rule(
            RuleCode.QUARTIER,
            HARD,
            70.0,
            "temps forts d'un même quartier espacés",
            "temps forts of one quartier kept apart",
        ),
        Rule(
            RuleCode.WINDOW,
            HARD,
            60.0,
            "dans la saison, la fenêtre de l'événement, les heures et les jours autorisés",
            "inside the season, the event's window, daily hours and allowed weekdays",
        ),
        Rule(
            RuleCode.BLACKOUT,
            HARD,
            50.0,
            "pas d'événement pendant une date interdite ou une fermeture de lieu",
            "nothing on blackout dates or while a venue is closed",
        ),
        Rule(RuleCode.PREFERRED, SOFT, 10.0, "aux dates préférées", "on preferred dates"),
        Rule(
            RuleCode.SPREAD,
            SOFT,
            1.0,
            "réparti sur les semaines et les quartiers",
            "spread over the weeks and the quartiers",
        ),
        Rule(
            RuleCode.WEEKEND_EVENING,
            SOFT,
            5.0,
            "le week-end ou en soirée quand c'est demandé",
            "at weekends or in the evening when asked",
        ),
        Rule(
            RuleCode.STABILITY,
            SOFT,
            50.0,
            "le moins de déplacements possible par rapport au plan publié",
            "as few moves as possible from the published plan",
        ),
    )
}

HARD_GROUP_RULES = (RuleCode.VENUE, RuleCode.RESOURCE, RuleCode.ORGANISER, RuleCode.QUARTIER)

DAY = 24 * 60
_EPOCH = date(1970, 1, 1)


def minute_of(dt: datetime) -> int:
    """Whole UTC minutes since 1970 of an aware datetime."""
    return int(dt.timestamp()) // 60


def active(config: PlanningConfig, code: RuleCode) -> bool:
    return code not in config.disabled


def weight(config: PlanningConfig, code: RuleCode) -> float:
    return config.weights.get(code, RULES[code].weight)


# --- context: the programme's settings resolved per event ---------------------------------------


@dataclass
class Context:
    """The programme's calendar settings, resolved once (indices, buffers, capacities, days)."""

    programme: Programme
    config: PlanningConfig
    tz: ZoneInfo
    events: list[Event]
    index: dict[str, int]
    venues: list[str]
    venue_index: dict[str, int]
    first_day: date
    last_day: date
    venue_by: dict[str, Any]
    resource_by: dict[str, Any]
    organiser_by: dict[str, Any]
    _midnights: dict[int, int] = field(default_factory=dict)

    @classmethod
    def build(cls, programme: Programme, events: Sequence[Event] | None = None) -> Context:
        from ..model import EventStatus

        evs = [
            e
            for e in (programme.events if events is None else events)
            if e.status != EventStatus.CANCELLED
        ]
        venues = sorted(v.id for v in programme.venues)
        first, last = programme.planning.period(programme.season)
        return cls(
            programme=programme,
            config=programme.planning,
            tz=ZoneInfo(programme.timezone),
            events=evs,
            index={e.id: i for i, e in enumerate(evs)},
            venues=venues,
            venue_index={v: i for i, v in enumerate(venues)},
            first_day=first,
            last_day=last,
            venue_by={v.id: v for v in programme.venues},
            resource_by={r.id: r for r in programme.resources},
            organiser_by={o.id: o for o in programme.organisers},
        )

    # per-event settings -----------------------------------------------------------------------

    def buffers(self, event: Event) -> tuple[int, int]:
        """Set-up and tear-down minutes: the event's, else its venue's, else the programme's."""
        venue = self.venue_by.get(event.venue)
        pre = event.setup if event.setup is not None else (venue.setup if venue else None)
        post = event.teardown if event.teardown is not None else (venue.teardown if venue else None)
        pre = pre if pre is not None else self.config.setup
        post = post if post is not None else self.config.teardown
        return minutes_of(pre), minutes_of(post)

    def transfer(self, resource_id: str) -> int:
        r = self.resource_by.get(resource_id)
        t = r.transfer if r is not None and r.transfer is not None else self.config.transfer
        return minutes_of(t)

    def capacity(self, rule: RuleCode, item: str) -> int:
        if rule == RuleCode.RESOURCE:
            r = self.resource_by.get(item)
            return r.capacity if r is not None else 1
        if rule == RuleCode.ORGANISER:
            o = self.organiser_by.get(item)
            return o.teams if o is not None else 1
        return 1

    def weekdays(self, event: Event) -> frozenset[int]:
        days: Sequence[Weekday] = self.config.weekdays
        if event.to_plan is not None and event.to_plan.weekdays is not None:
            days = event.to_plan.weekdays
        return frozenset(d.number for d in days)

    def allowed_days(self, event: Event) -> list[date]:
        """Days the event may happen on: season ∩ its window, on allowed weekdays."""
        lo, hi = self.first_day, self.last_day
        if event.to_plan is not None and event.to_plan.window is not None:
            lo = max(lo, event.to_plan.window.start)
            hi = min(hi, event.to_plan.window.end)
        ok = self.weekdays(event)
        out: list[date] = []
        d = lo
        while d <= hi:
            if d.weekday() in ok:
                out.append(d)
            d += timedelta(days=1)
        return out

    def midnight(self, day_index: int) -> int:
        """UTC minute of local midnight starting day ``day_index`` (days since 1970-01-01)."""
        m = self._midnights.get(day_index)
        if m is None:
            d = _EPOCH + timedelta(days=day_index)
            m = minute_of(datetime(d.year, d.month, d.day, tzinfo=self.tz))
            self._midnights[day_index] = m
        return m

    def local(self, minute: int) -> datetime:
        return datetime.fromtimestamp(minute * 60, self.tz)

    def blackouts(self) -> list[tuple[int, int, str | None, str, str]]:
        """``(start, end, venue or None, label, kind)`` of every blackout in UTC minutes."""
        out: list[tuple[int, int, str | None, str, str]] = []
        if not active(self.config, RuleCode.BLACKOUT):
            return out
        for b in self.config.blackouts:
            out.append((minute_of(b.start), minute_of(b.end), None, b.label or "", "blackout"))
        for v in self.programme.venues:
            for b in v.closures:
                out.append((minute_of(b.start), minute_of(b.end), v.id, b.label or "", "closure"))
        if self.config.public_holidays_blackout:
            from .dates import public_holidays

            for year in range(self.first_day.year, self.last_day.year + 1):
                for d, name in public_holidays(year).items():
                    s = minute_of(datetime(d.year, d.month, d.day, tzinfo=self.tz))
                    n = d + timedelta(days=1)
                    e = minute_of(datetime(n.year, n.month, n.day, tzinfo=self.tz))
                    out.append((s, e, None, name, "holiday"))
        out.sort()
        return out


# --- occurrences as columns ----------------------------------------------------------------------


@dataclass
class OccurrenceTable:
    """Occurrences (or candidate slots) as columns of integer minutes.

    ``start``/``end`` are UTC minutes; ``lstart``/``lend`` the same instants as local wall-clock
    minutes (UTC + offset), whose ``// 1440`` is the local day.
    """

    event: IntArray
    start: IntArray
    end: IntArray
    lstart: IntArray
    lend: IntArray
    all_day: NDArray[np.bool_]


def occurrence_table(ctx: Context) -> OccurrenceTable:
    """Every occurrence of the context's (non-cancelled) dated events."""
    import numpy as np

    ev: list[int] = []
    s: list[int] = []
    e: list[int] = []
    ls: list[int] = []
    le: list[int] = []
    ad: list[bool] = []
    for i, event in enumerate(ctx.events):
        for o in event.occurrences:
            a = int(o.start.timestamp()) // 60
            b = int(o.end.timestamp()) // 60
            oa = o.start.utcoffset()
            ob = o.end.utcoffset()
            ev.append(i)
            s.append(a)
            e.append(b)
            ls.append(a + (int(oa.total_seconds()) // 60 if oa else 0))
            le.append(b + (int(ob.total_seconds()) // 60 if ob else 0))
            ad.append(o.all_day)
    i64 = np.int64
    return OccurrenceTable(
        np.array(ev, dtype=i64),
        np.array(s, dtype=i64),
        np.array(e, dtype=i64),
        np.array(ls, dtype=i64),
        np.array(le, dtype=i64),
        np.array(ad, dtype=bool),
    )


# --- occupancy rows ------------------------------------------------------------------------------


@dataclass
class Rows:
    """One row per (group, occurrence): the occupancy that the hard group rules compare.

    ``group`` indexes :attr:`keys` (``(rule, item id)``) and :attr:`capacity`; ``transfer`` is
    the extra gap two rows at different venues need (resources; quartier minimum gap);
    ``occ`` indexes the occurrence table.
    """

    group: IntArray
    occ: IntArray
    event: IntArray
    start: IntArray
    end: IntArray
    transfer: IntArray
    venue: IntArray
    keys: list[tuple[RuleCode, str, str]]  # (rule, item, kind: "interval" | "day" | "gap")
    capacity: IntArray


class GroupIndex:
    """Stable numbering of the groups ``(rule, item, kind)`` with their capacities."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.keys: list[tuple[RuleCode, str, str]] = []
        self.caps: list[int] = []
        self.ids: dict[tuple[RuleCode, str, str], int] = {}

    def id(self, rule: RuleCode, item: str, kind: str = "interval") -> int:
        key = (rule, item, kind)
        g = self.ids.get(key)
        if g is None:
            g = len(self.keys)
            self.ids[key] = g
            self.keys.append(key)
            if rule == RuleCode.QUARTIER and kind == "day":
                cap = self.ctx.config.quartier_max_per_day or 1
            else:
                cap = self.ctx.capacity(rule, item)
            self.caps.append(cap)
        return g


def event_uses(
    ctx: Context, event: Event, groups: GroupIndex
) -> list[tuple[int, int, int, int, str]]:
    """What one event occupies: ``(group, before, after, transfer, kind)`` per group.

    The one definition of VENUE, RESOURCE, ORGANISER and QUARTIER occupancy.
    """
    cfg = ctx.config
    pre, post = ctx.buffers(event)
    uses: list[tuple[int, int, int, int, str]] = []
    if active(cfg, RuleCode.VENUE):
        uses.append((groups.id(RuleCode.VENUE, event.venue), pre, post, 0, "interval"))
    if active(cfg, RuleCode.RESOURCE):
        for r in event.resources:
            uses.append((groups.id(RuleCode.RESOURCE, r), pre, post, ctx.transfer(r), "interval"))
    if active(cfg, RuleCode.ORGANISER):
        uses.append((groups.id(RuleCode.ORGANISER, event.organiser), 0, 0, 0, "interval"))
    if active(cfg, RuleCode.QUARTIER):
        gap = minutes_of(cfg.quartier_min_gap)
        for q in event.quartiers:
            if cfg.quartier_max_per_day is not None:
                uses.append((groups.id(RuleCode.QUARTIER, q, "day"), 0, 0, 0, "day"))
            if gap > 0:
                uses.append((groups.id(RuleCode.QUARTIER, q, "gap"), 0, 0, gap, "interval"))
    return uses


def occupancy_rows(
    ctx: Context,
    table: OccurrenceTable,
    groups: GroupIndex | None = None,
    *,
    alternatives: bool = False,
) -> Rows:
    """Occupancy rows of every occurrence in ``table`` for the group rules.

    ``alternatives``: the table's rows are candidate slots of one event (the planner), not
    occurrences that all happen, so day rows are not merged across them.
    """
    import numpy as np

    groups = groups or GroupIndex(ctx)
    g_l: list[Any] = []
    o_l: list[Any] = []
    s_l: list[Any] = []
    e_l: list[Any] = []
    t_l: list[Any] = []
    if len(table.event):
        # events present in the table, each with its uses, vectorised over its occurrences
        order = np.argsort(table.event, kind="stable")
        evs = table.event[order]
        cuts = np.flatnonzero(np.diff(evs)) + 1
        starts = np.concatenate(([0], cuts))
        ends = np.concatenate((cuts, [len(evs)]))
        # group events with identical uses to vectorise: here simply per event
        per_use: dict[tuple[int, int, int, int, str], list[Any]] = {}
        for a, b in zip(starts.tolist(), ends.tolist(), strict=True):
            ei = int(evs[a])
            idx = order[a:b]
            for use in event_uses(ctx, ctx.events[ei], groups):
                per_use.setdefault(use, []).append(idx)
        for (g, pre, post, tr, kind), parts in per_use.items():
            idx = np.concatenate(parts) if len(parts) > 1 else parts[0]
            if kind == "day":
                d0 = table.lstart[idx] // DAY
                d1 = (table.lend[idx] - 1) // DAY
                span = d1 - d0 + 1
                if np.all(span == 1):
                    days = d0
                    rep = idx
                else:
                    rep = np.repeat(idx, span)
                    off = np.arange(len(rep)) - np.repeat(np.cumsum(span) - span, span)
                    days = np.repeat(d0, span) + off
                # one row per (event, day): drop a second occurrence of one event on one day
                owner = rep if alternatives else table.event[rep]
                key = owner * 1_000_000 + days
                _, first = np.unique(key, return_index=True)
                first.sort()
                rep, days = rep[first], days[first]
                mids = np.array([ctx.midnight(int(d)) for d in days.tolist()], dtype=np.int64)
                nxt = np.array([ctx.midnight(int(d) + 1) for d in days.tolist()], dtype=np.int64)
                g_l.append(np.full(len(rep), g, dtype=np.int64))
                o_l.append(rep)
                s_l.append(mids)
                e_l.append(nxt)
                t_l.append(np.zeros(len(rep), dtype=np.int64))
            else:
                g_l.append(np.full(len(idx), g, dtype=np.int64))
                o_l.append(idx)
                s_l.append(table.start[idx] - pre)
                e_l.append(table.end[idx] + post)
                t_l.append(np.full(len(idx), tr, dtype=np.int64))

    def cat(parts: list[Any]) -> Any:
        return np.concatenate(parts).astype(np.int64) if parts else np.zeros(0, dtype=np.int64)

    occ = cat(o_l)
    venue_of = np.array(
        [ctx.venue_index.get(e.venue, -1) for e in ctx.events] or [0], dtype=np.int64
    )
    ev = table.event[occ] if len(occ) else np.zeros(0, dtype=np.int64)
    return Rows(
        group=cat(g_l),
        occ=occ,
        event=ev,
        start=cat(s_l),
        end=cat(e_l),
        transfer=cat(t_l),
        venue=venue_of[ev] if len(ev) else np.zeros(0, dtype=np.int64),
        keys=groups.keys,
        capacity=np.array(groups.caps or [1], dtype=np.int64),
    )


# --- rules about one occurrence alone -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class UnaryFinding:
    """A WINDOW or BLACKOUT problem of one occurrence (index in the table)."""

    rule: RuleCode
    occ: int
    kind: str  # season, window, weekday, hours / blackout, closure, holiday
    start: int
    end: int
    minutes: int
    item: str | None = None  # venue of a closure
    label: str = ""


def unary_findings(ctx: Context, table: OccurrenceTable) -> list[UnaryFinding]:
    """WINDOW and BLACKOUT findings of every occurrence in ``table``."""
    import numpy as np

    out: list[UnaryFinding] = []
    n = len(table.event)
    if n == 0:
        return out
    cfg = ctx.config
    if active(cfg, RuleCode.WINDOW):
        d0 = table.lstart // DAY
        d1 = (table.lend - 1) // DAY
        first = (ctx.first_day - _EPOCH).days
        last = (ctx.last_day - _EPOCH).days
        lo = np.full(n, first, dtype=np.int64)
        hi = np.full(n, last, dtype=np.int64)
        wd_bad = np.zeros(n, dtype=bool)
        own_lo = lo.copy()
        own_hi = hi.copy()
        allowed = np.ones((len(ctx.events), 7), dtype=bool)
        for i, e in enumerate(ctx.events):
            w = e.to_plan.window if e.to_plan is not None else None
            if w is not None:
                own_lo_i = (w.start - _EPOCH).days
                own_hi_i = (w.end - _EPOCH).days
                mask = table.event == i
                own_lo[mask] = own_lo_i
                own_hi[mask] = own_hi_i
            ok = ctx.weekdays(e)
            if len(ok) < 7:
                allowed[i] = [k in ok for k in range(7)]
        single = d0 == d1
        # weekday of a day index: 1970-01-01 was a Thursday (3)
        wd_bad = ~allowed[table.event, (d0 + 3) % 7] | (~single)
        cand = (d0 < lo) | (d1 > hi) | (d0 < own_lo) | (d1 > own_hi) | wd_bad
        ds, de = cfg.day_start_minutes, cfg.day_end_minutes
        ms = table.lstart - d0 * DAY
        me = table.lend - d0 * DAY
        hours_bad = ~table.all_day & ((ms < ds) | (me > de) | ~single)
        for k in np.flatnonzero(cand | hours_bad).tolist():
            out.extend(
                _window_details(ctx, table, int(k), first, last, int(own_lo[k]), int(own_hi[k]))
            )
    if active(cfg, RuleCode.BLACKOUT):
        venue_of = np.array([ctx.venue_index.get(e.venue, -1) for e in ctx.events], dtype=np.int64)
        occ_venue = venue_of[table.event]
        for bs, be, venue, label, kind in ctx.blackouts():
            mask = (table.start < be) & (table.end > bs)
            if venue is not None:
                mask &= occ_venue == ctx.venue_index.get(venue, -2)
            for k in np.flatnonzero(mask).tolist():
                s = max(int(table.start[k]), bs)
                fe = min(int(table.end[k]), be)
                out.append(
                    UnaryFinding(RuleCode.BLACKOUT, int(k), kind, s, fe, fe - s, venue, label)
                )
    return out


def _window_details(
    ctx: Context, table: OccurrenceTable, k: int, first: int, last: int, own_lo: int, own_hi: int
) -> list[UnaryFinding]:
    """The WINDOW problems of one occurrence, day by day (minutes outside what is allowed)."""
    cfg = ctx.config
    ev = ctx.events[int(table.event[k])]
    ok_days = ctx.weekdays(ev)
    s, e = int(table.start[k]), int(table.end[k])
    ls, le = int(table.lstart[k]), int(table.lend[k])
    out: list[UnaryFinding] = []
    bad: dict[str, list[int]] = {}
    d0, d1 = ls // DAY, (le - 1) // DAY
    ds, de = cfg.day_start_minutes, cfg.day_end_minutes
    for d in range(d0, d1 + 1):
        a = max(s, ctx.midnight(d))
        b = min(e, ctx.midnight(d + 1))
        if b <= a:
            continue
        kind = None
        if d < first or d > last:
            kind = "season"
        elif d < own_lo or d > own_hi:
            kind = "window"
        elif (d + 3) % 7 not in ok_days:
            kind = "weekday"
        if kind is not None:
            span = bad.setdefault(kind, [a, b, 0])
            span[0], span[1], span[2] = min(span[0], a), max(span[1], b), span[2] + (b - a)
            continue
        if not bool(table.all_day[k]):
            lo = ctx.midnight(d) + ds
            hi = ctx.midnight(d) + de if de < DAY else ctx.midnight(d + 1)
            outside = max(0, min(b, lo) - a) + max(0, b - max(a, hi))
            if outside:
                span = bad.setdefault("hours", [a, b, 0])
                span[0], span[1], span[2] = min(span[0], a), max(span[1], b), span[2] + outside
    for kind, (a, b, minutes) in bad.items():
        out.append(UnaryFinding(RuleCode.WINDOW, k, kind, a, b, minutes))
    return out
