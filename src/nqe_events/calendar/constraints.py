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

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
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


@contextmanager
def no_gc_pauses() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small objects.

    Building the columns of a large programme creates hundreds of thousands of tuples; each
    automatic collection would then walk every model of the programme. Nothing created here is
    cyclic garbage, so collection can safely wait until the end.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


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
    venues: list[str]
    venue_index: dict[str, int]
    first_day: date
    last_day: date
    venue_by: dict[str, Any]
    resource_by: dict[str, Any]
    organiser_by: dict[str, Any]
    _midnights: dict[int, int] = field(default_factory=dict)
    _cache: dict[str, Any] = field(default_factory=dict)

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
            venues=venues,
            venue_index={v: i for i, v in enumerate(venues)},
            first_day=first,
            last_day=last,
            venue_by={v.id: v for v in programme.venues},
            resource_by={r.id: r for r in programme.resources},
            organiser_by={o.id: o for o in programme.organisers},
        )

    @property
    def index(self) -> dict[str, int]:
        """Position of each event by id (built on first use)."""
        idx = self._cache.get("index")
        if idx is None:
            idx = {e.id: i for i, e in enumerate(self.events)}
            self._cache["index"] = idx
        return idx

    def planned(self) -> Any:
        """Positions of the events that carry ``to_plan`` (numpy array, cached)."""
        import numpy as np

        arr = self._cache.get("planned")
        if arr is None:
            arr = np.array(
                [i for i, e in enumerate(self.events) if e.to_plan is not None], dtype=np.int64
            )
            self._cache["planned"] = arr
        return arr

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

    def wall(self, day_index: int, minutes: int) -> int:
        """UTC minute of the wall-clock time ``minutes`` after midnight on a local day.

        Equal to ``midnight + minutes`` except on the days the clocks change, where wall time
        and elapsed time differ by an hour after 02:00/03:00.
        """
        mid = self.midnight(day_index)
        if self.midnight(day_index + 1) - mid == DAY:
            return mid + minutes
        d = _EPOCH + timedelta(days=day_index)
        wall = datetime(d.year, d.month, d.day, minutes // 60, minutes % 60, tzinfo=self.tz)
        return minute_of(wall)

    def local(self, minute: int) -> datetime:
        return datetime.fromtimestamp(minute * 60, self.tz)

    def venue_of(self) -> Any:
        """Venue index of every event (numpy array, cached)."""
        import numpy as np

        v = self._cache.get("venue_of")
        if v is None:
            v = np.array(
                [self.venue_index.get(e.venue, -1) for e in self.events] or [0], dtype=np.int64
            )
            self._cache["venue_of"] = v
        return v

    def blackouts(self) -> list[tuple[int, int, str | None, str, str]]:
        """``(start, end, venue or None, label, kind)`` of every blackout in UTC minutes."""
        cached = self._cache.get("blackouts")
        if cached is None:
            cached = self._blackouts()
            self._cache["blackouts"] = cached
        return list(cached)

    def _blackouts(self) -> list[tuple[int, int, str | None, str, str]]:
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

    seen: dict[tuple[datetime, int], tuple[int, int]] = {}

    def minutes(dt: datetime) -> tuple[int, int]:
        # the same start and end times repeat across a programme: convert each once. The key holds
        # the fold: two datetimes of one zone compare (and hash) equal on their wall time alone, so
        # the first and the second 02:15 of the October change would share one entry
        key = (dt, dt.fold)
        v = seen.get(key)
        if v is None:
            utc = int(dt.timestamp()) // 60
            off = dt.utcoffset()
            v = (utc, utc + (int(off.total_seconds()) // 60 if off else 0))
            seen[key] = v
        return v

    pairs = [(i, o) for i, event in enumerate(ctx.events) for o in event.occurrences]
    ev = [i for i, _ in pairs]
    a_conv = [minutes(o.start) for _, o in pairs]
    b_conv = [minutes(o.end) for _, o in pairs]
    ad = [o.all_day for _, o in pairs]
    s = [x[0] for x in a_conv]
    ls = [x[1] for x in a_conv]
    e = [x[0] for x in b_conv]
    le = [x[1] for x in b_conv]
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
    day: IntArray  # local day index (days since 1970-01-01) of "day" rows, -1 otherwise
    keys: list[tuple[RuleCode, str, str]]  # (rule, item, kind: "interval" | "day" | "gap")
    capacity: IntArray


class GroupIndex:
    """Stable numbering of the groups ``(rule, item, kind)`` with their capacities.

    Groups are numbered by rule (VENUE, RESOURCE, ORGANISER, QUARTIER per day, QUARTIER gap),
    then by item id, so the numbering does not depend on the order of the programme's lists.
    """

    def __init__(self, ctx: Context) -> None:
        import numpy as np

        self.ctx = ctx
        p = ctx.programme
        cfg = ctx.config
        self.venues = sorted(v.id for v in p.venues)
        self.resources = sorted(r.id for r in p.resources)
        self.organisers = sorted(o.id for o in p.organisers)
        self.quartiers = sorted(q.id for q in p.quartiers)
        self.keys: list[tuple[RuleCode, str, str]] = []
        caps: list[int] = []
        self.base: dict[str, int] = {}
        per_day = cfg.quartier_max_per_day or 1
        for name, rule, items, kind in (
            ("venue", RuleCode.VENUE, self.venues, "interval"),
            ("resource", RuleCode.RESOURCE, self.resources, "interval"),
            ("organiser", RuleCode.ORGANISER, self.organisers, "interval"),
            ("qday", RuleCode.QUARTIER, self.quartiers, "day"),
            ("qgap", RuleCode.QUARTIER, self.quartiers, "gap"),
        ):
            self.base[name] = len(self.keys)
            for item in items:
                self.keys.append((rule, item, kind))
                if kind == "day":
                    caps.append(per_day)
                elif kind == "gap":
                    caps.append(1)
                else:
                    caps.append(ctx.capacity(rule, item))
        self.ids = {k: g for g, k in enumerate(self.keys)}
        self.caps = caps
        self.capacity = np.array(caps or [1], dtype=np.int64)
        self.transfer = np.array([ctx.transfer(r) for r in self.resources] or [0], dtype=np.int64)

    def id(self, rule: RuleCode, item: str, kind: str = "interval") -> int:
        return self.ids[(rule, item, kind)]


@dataclass
class EventColumns:
    """Per-event settings as arrays (index = position in ``Context.events``)."""

    venue: IntArray  # index into GroupIndex.venues, -1 if unknown
    organiser: IntArray
    pre: IntArray
    post: IntArray
    res_offset: IntArray  # resources of event i: res_id[res_offset[i]:res_offset[i + 1]]
    res_id: IntArray
    q_offset: IntArray
    q_id: IntArray


def event_columns(ctx: Context, groups: GroupIndex) -> EventColumns:
    """The settings of every event that the group rules need, once per context."""
    import numpy as np

    cached = ctx._cache.get("columns")
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    vi = {v: i for i, v in enumerate(groups.venues)}
    ri = {r: i for i, r in enumerate(groups.resources)}
    oi = {o: i for i, o in enumerate(groups.organisers)}
    qi = {q: i for i, q in enumerate(groups.quartiers)}
    default_pre, default_post = minutes_of(ctx.config.setup), minutes_of(ctx.config.teardown)
    venue_buffers = {
        v.id: (
            minutes_of(v.setup) if v.setup is not None else default_pre,
            minutes_of(v.teardown) if v.teardown is not None else default_post,
        )
        for v in ctx.programme.venues
    }
    evs = ctx.events
    i64 = np.int64
    venue_arr = np.array([vi.get(e.venue, -1) for e in evs], dtype=i64)
    org = np.array([oi.get(e.organiser, -1) for e in evs], dtype=i64)
    vpre = np.array(
        [venue_buffers.get(v, (default_pre, default_post))[0] for v in groups.venues]
        + [default_pre],
        dtype=i64,
    )
    vpost = np.array(
        [venue_buffers.get(v, (default_pre, default_post))[1] for v in groups.venues]
        + [default_post],
        dtype=i64,
    )
    pre = vpre[venue_arr]  # index -1 picks the programme default appended last
    post = vpost[venue_arr]
    for k in [k for k, e in enumerate(evs) if e.setup is not None or e.teardown is not None]:
        e = evs[k]
        if e.setup is not None:
            pre[k] = minutes_of(e.setup)
        if e.teardown is not None:
            post[k] = minutes_of(e.teardown)

    def ragged(pairs: list[tuple[int, int]]) -> tuple[Any, Any]:
        arr = np.array(pairs, dtype=i64).reshape(-1, 2)
        counts = np.bincount(arr[:, 0], minlength=len(evs))
        return np.concatenate(([0], np.cumsum(counts))).astype(i64), arr[:, 1].copy()

    # (event, item) pairs; unknown ids (only in unvalidated programmes) become -1, dropped later
    r_off, r_id = ragged([(k, ri.get(r, -1)) for k, e in enumerate(evs) for r in e.resources])
    q_off, q_id = ragged([(k, qi.get(q, -1)) for k, e in enumerate(evs) for q in e.quartiers])
    cols = EventColumns(venue_arr, org, pre, post, r_off, r_id, q_off, q_id)
    ctx._cache["columns"] = cols
    return cols


def _expand(rows: IntArray, offset: IntArray, ids: IntArray, ev: IntArray) -> tuple[Any, Any]:
    """Ragged expansion: each row k repeated once per item of its event; returns (row, item)."""
    import numpy as np

    count = offset[ev + 1] - offset[ev]
    rep = np.repeat(rows, count)
    within = np.arange(len(rep)) - np.repeat(np.cumsum(count) - count, count)
    items = ids[np.repeat(offset[ev], count) + within]
    return rep, items


def occupancy_rows(
    ctx: Context,
    table: OccurrenceTable,
    groups: GroupIndex | None = None,
    *,
    alternatives: bool = False,
) -> Rows:
    """Occupancy rows of every occurrence in ``table`` for the group rules.

    The one definition of VENUE (venue, widened by set-up and tear-down), RESOURCE (each
    resource, same widening, plus its transfer time to another venue), ORGANISER (the public
    interval, within the organiser's teams) and QUARTIER (each local day touched, within
    ``quartier_max_per_day``; and the public interval plus ``quartier_min_gap``).

    ``alternatives``: the table's rows are candidate slots of one event (the planner), not
    occurrences that all happen, so day rows are not merged across them.
    """
    import numpy as np

    groups = groups or GroupIndex(ctx)
    cols = event_columns(ctx, groups)
    cfg = ctx.config
    i64 = np.int64
    n = len(table.event)
    all_rows = np.arange(n, dtype=i64)
    ev = table.event
    g_l: list[Any] = []
    o_l: list[Any] = []
    s_l: list[Any] = []
    e_l: list[Any] = []
    t_l: list[Any] = []
    d_l: list[Any] = []

    def emit(rows: Any, g: Any, s: Any, e: Any, t: Any, day: Any = None) -> None:
        d_l.append(np.full(len(rows), -1, dtype=i64) if day is None else day)
        g_l.append(g)
        o_l.append(rows)
        s_l.append(s)
        e_l.append(e)
        t_l.append(t)

    if n and active(cfg, RuleCode.VENUE):
        ok = cols.venue[ev] >= 0
        r = all_rows[ok]
        emit(
            r,
            groups.base["venue"] + cols.venue[ev[r]],
            table.start[r] - cols.pre[ev[r]],
            table.end[r] + cols.post[ev[r]],
            np.zeros(len(r), dtype=i64),
        )
    if n and active(cfg, RuleCode.RESOURCE) and len(cols.res_id):
        r, item = _expand(all_rows, cols.res_offset, cols.res_id, ev)
        r, item = r[item >= 0], item[item >= 0]
        emit(
            r,
            groups.base["resource"] + item,
            table.start[r] - cols.pre[ev[r]],
            table.end[r] + cols.post[ev[r]],
            groups.transfer[item],
        )
    if n and active(cfg, RuleCode.ORGANISER):
        ok = cols.organiser[ev] >= 0
        r = all_rows[ok]
        emit(
            r,
            groups.base["organiser"] + cols.organiser[ev[r]],
            table.start[r],
            table.end[r],
            np.zeros(len(r), dtype=i64),
        )
    if n and active(cfg, RuleCode.QUARTIER) and len(cols.q_id):
        r, item = _expand(all_rows, cols.q_offset, cols.q_id, ev)
        r, item = r[item >= 0], item[item >= 0]
        gap = minutes_of(cfg.quartier_min_gap)
        if gap > 0:
            emit(
                r,
                groups.base["qgap"] + item,
                table.start[r],
                table.end[r],
                np.full(len(r), gap, dtype=i64),
            )
        if cfg.quartier_max_per_day is not None:
            d0 = table.lstart[r] // DAY
            d1 = (table.lend[r] - 1) // DAY
            span = d1 - d0 + 1
            if not np.all(span == 1):
                within = np.arange(int(span.sum())) - np.repeat(np.cumsum(span) - span, span)
                r = np.repeat(r, span)
                item = np.repeat(item, span)
                d0 = np.repeat(d0, span) + within
            owner = r if alternatives else ev[r]
            # one row per (quartier, event, day): a second occurrence on one day is one temps fort
            span_owner = int(owner.max()) + 1 if len(owner) else 1
            dmin = int(d0.min()) if len(d0) else 0
            key = (item * span_owner + owner) * 1_000_000 + (d0 - dmin)
            _, first = np.unique(key, return_index=True)
            first.sort()
            r, item, d0 = r[first], item[first], d0[first]
            days, inverse = np.unique(d0, return_inverse=True)
            mids = np.array([ctx.midnight(int(d)) for d in days.tolist()], dtype=i64)
            nxt = np.array([ctx.midnight(int(d) + 1) for d in days.tolist()], dtype=i64)
            emit(
                r,
                groups.base["qday"] + item,
                mids[inverse],
                nxt[inverse],
                np.zeros(len(r), dtype=i64),
                d0,
            )

    def cat(parts: list[Any]) -> Any:
        return np.concatenate(parts).astype(i64) if parts else np.zeros(0, dtype=i64)

    occ = cat(o_l)
    evs = ev[occ] if len(occ) else np.zeros(0, dtype=i64)
    return Rows(
        group=cat(g_l),
        occ=occ,
        event=evs,
        start=cat(s_l),
        end=cat(e_l),
        transfer=cat(t_l),
        venue=cols.venue[evs] if len(evs) else np.zeros(0, dtype=i64),
        day=cat(d_l),
        keys=groups.keys,
        capacity=groups.capacity,
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
        base_days = frozenset(d.number for d in cfg.weekdays)
        allowed = np.tile(
            np.array([k in base_days for k in range(7)], dtype=bool), (len(ctx.events), 1)
        )
        present = np.unique(table.event)
        for i in np.intersect1d(present, ctx.planned(), assume_unique=True).tolist():
            e = ctx.events[i]
            if e.to_plan is None:
                continue
            w = e.to_plan.window
            if w is not None:
                mask = table.event == i
                own_lo[mask] = (w.start - _EPOCH).days
                own_hi[mask] = (w.end - _EPOCH).days
            ok = ctx.weekdays(e)
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
        occ_venue = ctx.venue_of()[table.event]
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
            lo = ctx.wall(d, ds)
            hi = ctx.wall(d, de) if de < DAY else ctx.midnight(d + 1)
            outside = max(0, min(b, lo) - a) + max(0, b - max(a, hi))
            if outside:
                span = bad.setdefault("hours", [a, b, 0])
                span[0], span[1], span[2] = min(span[0], a), max(span[1], b), span[2] + outside
    for kind, (a, b, minutes) in bad.items():
        out.append(UnaryFinding(RuleCode.WINDOW, k, kind, a, b, minutes))
    return out
