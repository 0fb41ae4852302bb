"""``find_clashes``: every broken hard rule among the dated events of a programme.

Sort and sweep with numpy in integer UTC minutes: for each group (a venue, a resource, an
organiser, a quartier), rows sorted by start; the rows overlapping a row and starting after it
form a contiguous run whose end one ``searchsorted`` finds, so all k overlapping pairs come out
in O(n log n + k). Capacity pools (k > 1) are a ±1 sweep. Rules and their meaning come from
:mod:`nqe_events.calendar.constraints`, shared with the planner.

>>> import nqe_events as nqe
>>> report = nqe.find_clashes(nqe.load_example())
>>> report.ok
False
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from ..errors import get_language
from ..model.calendar_terms import RuleCode
from . import messages as M
from .constraints import (
    RULES,
    Context,
    GroupIndex,
    OccurrenceTable,
    Rows,
    no_gc_pauses,
    occupancy_rows,
    occurrence_table,
    unary_findings,
)

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from ..model import Programme

__all__ = ["Clash", "ClashReport", "find_clashes", "overlapping_pairs"]

_RULE_ORDER = {code: i for i, code in enumerate(RULES)}


@dataclass(frozen=True, slots=True)
class Clash:
    """One broken hard rule: which rule, which events, which resource, when and how much.

    ``start``/``end`` are UTC minutes (see the ``start``/``end`` datetime properties of the
    report's rows); ``kind`` says how the rule is broken (``interval``, ``transfer``, ``pool``,
    ``day``, ``gap``, ``season``, ``window``, ``weekday``, ``hours``, ``blackout``,
    ``closure``, ``holiday``).
    """

    rule: RuleCode
    kind: str
    events: tuple[str, ...]
    resource: str | None
    start_minute: int
    end_minute: int
    overlap_minutes: int
    tz: str = "Europe/Paris"
    capacity: int = 1
    count: int = 2
    gap: int = 0
    transfer: int = 0
    label: str = ""
    extra: tuple[tuple[str, str], ...] = ()

    @property
    def start(self) -> datetime:
        return datetime.fromtimestamp(self.start_minute * 60, ZoneInfo(self.tz))

    @property
    def end(self) -> datetime:
        return datetime.fromtimestamp(self.end_minute * 60, ZoneInfo(self.tz))

    @property
    def severity(self) -> str:
        return RULES[self.rule].severity

    def message(self, lang: str | None = None) -> str:
        lang = lang or get_language()
        a, b = self.start, self.end
        last = (b - timedelta(minutes=1)).date() if b > a else a.date()
        if a.date() == last and not (
            a.hour == 0 and a.minute == 0 and b - a >= timedelta(hours=23)
        ):
            when = M.text(
                "when", lang, day=M.day_fr(a.date(), lang), start=M.fmt_time(a), end=M.fmt_time(b)
            )
        else:
            when = M.fmt_period(a.date(), last, lang)
        values: dict[str, Any] = {
            "item": self.resource or "",
            "events": M.names(self.events, lang=lang),
            "when": when,
            "minutes": self.overlap_minutes,
            "capacity": self.capacity,
            "count": self.count,
            "gap": self.gap,
            "transfer": self.transfer,
            "day": M.day_fr(a.date(), lang),
            "label": self.label or M.text("blackout.default", lang),
            "period": "",
            "weekdays": "",
            "hours": "",
        }
        extra = dict(self.extra)
        if "period_iso" in extra:  # kept as dates, written in the reader's language
            first, last = (date.fromisoformat(d) for d in extra.pop("period_iso").split("/"))
            extra["period"] = M.fmt_period(first, last, lang)
        values.update(extra)
        key = f"{self.rule.value}.{self.kind}"
        if key not in M.T:
            key = f"{self.rule.value}.interval"
        return M.text(key, lang, **values)

    def hint(self, lang: str | None = None) -> str:
        return M.text(f"{self.rule.value}.hint", lang or get_language())

    def tag(self, lang: str | None = None) -> str:
        """The rule's tag for a reader: « LIEU », « RESSOURCE », « HORS SAISON »… (VENUE,
        RESOURCE, OUT OF SEASON… in English)."""
        lang = lang or get_language()
        key = f"tag.{self.rule.value}.{self.kind}"
        return M.text(key if key in M.T else f"tag.{self.rule.value}", lang)

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        return {
            "rule": self.rule.value,
            "severity": self.severity,
            "kind": self.kind,
            "events": list(self.events),
            "resource": self.resource,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "overlap_minutes": self.overlap_minutes,
            "message": self.message(lang),
            "hint": self.hint(lang),
        }


class ClashReport:
    """The clashes of a programme: ``.ok`` when there is none.

    Read-only. Pairwise clashes are kept as numpy columns and turned into :class:`Clash` rows on
    first access to :attr:`clashes`, so checking a large programme stays fast.
    """

    __slots__ = ("_clashes", "_lazy", "checked_events", "name")
    _clashes: tuple[Clash, ...] | None
    _lazy: _LazyPairs | None
    checked_events: int
    name: str

    def __init__(
        self,
        clashes: tuple[Clash, ...] | None = None,
        checked_events: int = 0,
        name: str = "",
        *,
        lazy: _LazyPairs | None = None,
    ) -> None:
        object.__setattr__(self, "_clashes", clashes if lazy is None else None)
        object.__setattr__(self, "_lazy", lazy)
        object.__setattr__(self, "checked_events", checked_events)
        object.__setattr__(self, "name", name)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("ClashReport is read-only")

    @property
    def clashes(self) -> tuple[Clash, ...]:
        """Every clash, sorted by start, rule, resource and events."""
        if self._clashes is None:
            assert self._lazy is not None
            object.__setattr__(self, "_clashes", self._lazy.materialise())
        assert self._clashes is not None
        return self._clashes

    @property
    def ok(self) -> bool:
        return len(self) == 0

    def __len__(self) -> int:
        if self._clashes is None and self._lazy is not None:
            return self._lazy.count
        return len(self.clashes)

    def __iter__(self) -> Iterator[Clash]:
        return iter(self.clashes)

    def __repr__(self) -> str:
        return f"<ClashReport {len(self)} clash(es) among {self.checked_events} events>"

    def by_rule(self, rule: RuleCode | str) -> tuple[Clash, ...]:
        code = RuleCode(rule)
        return tuple(c for c in self.clashes if c.rule == code)

    def involving(self, event_id: str) -> tuple[Clash, ...]:
        return tuple(c for c in self.clashes if event_id in c.events)

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        return {"ok": self.ok, "clashes": [c.to_dict(lang) for c in self.clashes]}

    def to_json(self, lang: str | None = None, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(lang), ensure_ascii=False, indent=indent)

    def to_text(self, lang: str | None = None, max_items: int | None = None) -> str:
        """The summary line, then each clash with its hint; at most ``max_items`` clashes
        (``None`` or 0: all), then how many were left out."""
        lang = lang or get_language()
        if self.ok:
            return M.text("clashes.none", lang, n=self.checked_events)
        lines = [M.text("clashes.some", lang, k=len(self.clashes), n=self.checked_events)]
        clashes = self.clashes
        shown = clashes[:max_items] if max_items else clashes
        for c in shown:
            lines.append(f"  [{c.tag(lang)}] {c.message(lang)}")
            lines.append(f"      {M.text('hint', lang)}{M.colon(lang)}{c.hint(lang)}")
        if len(shown) < len(clashes):
            from .._render import more_line

            lines.append(more_line(len(clashes) - len(shown), lang))
        return "\n".join(lines)

    def _records(self, lang: str | None = None) -> list[dict[str, Any]]:
        return [
            {
                "rule": c.tag(lang),
                "events": ", ".join(c.events),
                "resource": c.resource,
                "start": c.start,
                "end": c.end,
                "overlap_minutes": c.overlap_minutes,
                "message": c.message(lang),
            }
            for c in self.clashes
        ]

    def to_dataframe(self, lang: str | None = None, *, labels: str | None = None) -> Any:
        """One row per clash; French column labels by default, ``labels="keys"`` for the keys."""
        from .._render import dataframe

        cols = ["rule", "events", "resource", "start", "end", "overlap_minutes", "message"]
        return dataframe(self._records(lang), columns=cols, labels=labels or lang)

    def _repr_html_(self) -> str:
        from .._render import html_table

        lang = get_language()
        rows = [
            (
                r["rule"],
                r["events"],
                r["resource"] or "",
                r["start"].strftime("%d/%m %H:%M"),
                r["end"].strftime("%d/%m %H:%M"),
                r["overlap_minutes"],
                r["message"],
            )
            for r in self._records(lang)[:500]
        ]
        caption = (
            M.text("clashes.none", lang, n=self.checked_events)
            if self.ok
            else M.text("clashes.some", lang, k=len(self.clashes), n=self.checked_events)
        )
        heads = ["règle", "événements", "ressource", "début", "fin", "min", "message"]
        if lang != "fr":
            heads = ["rule", "events", "resource", "start", "end", "min", "message"]
        return html_table(heads, rows, caption=caption, classes=["nqe-bad"] * len(rows))


# --- the sweep -----------------------------------------------------------------------------------


def overlapping_pairs(
    group: NDArray[np.int64], start: NDArray[np.int64], end: NDArray[np.int64]
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """All pairs ``(i, j)`` of rows in the same group whose half-open intervals overlap.

    Sort by (group, start); the rows that overlap row i and come after it in that order are the
    contiguous run up to the first row whose (group, start) key reaches (group_i, end_i):
    one ``searchsorted`` gives every run, ``repeat`` expands them. O(n log n + k).
    """
    import numpy as np

    n = len(start)
    if n < 2:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    order = np.lexsort((start, group))
    g = group[order]
    s = start[order]
    e = end[order]
    base = int(s.min())
    width = int(max(int(e.max()), int(s.max())) - base) + 1
    key = g * width + (s - base)
    stop = np.searchsorted(key, g * width + (e - base), side="left")
    count = stop - np.arange(n) - 1
    count = np.maximum(count, 0)
    total = int(count.sum())
    if total == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    first = np.repeat(np.arange(n), count)
    offsets = np.arange(total) - np.repeat(np.cumsum(count) - count, count)
    second = first + 1 + offsets
    return order[first].astype(np.int64), order[second].astype(np.int64)


class _LazyPairs:
    """Capacity-1 clashes as columns, plus the other findings, turned into rows on demand."""

    def __init__(self, ctx: Context, cols: dict[str, Any], others: list[Clash]) -> None:
        self.ids = [e.id for e in ctx.events]
        self.keys = ctx._cache["groups"].keys
        self.tz = ctx.programme.timezone
        self.cols = cols
        self.others = others
        self.count = len(cols["group"]) + len(others)

    def materialise(self) -> tuple[Clash, ...]:
        c = self.cols
        ids, keys, tz = self.ids, self.keys, self.tz
        out = list(self.others)
        for g, a, b, tie, lo, hi, m, gap, tr in zip(
            c["group"].tolist(),
            c["first"].tolist(),
            c["second"].tolist(),
            c["tie"].tolist(),
            c["lo"].tolist(),
            c["hi"].tolist(),
            c["minutes"].tolist(),
            c["gap"].tolist(),
            c["transfer"].tolist(),
            strict=True,
        ):
            rule, item, kind = keys[g]
            if tr:
                kind = "transfer" if rule == RuleCode.RESOURCE else "gap"
            pair = (ids[b], ids[a]) if tie and ids[b] < ids[a] else (ids[a], ids[b])
            out.append(Clash(rule, kind, pair, item, lo, hi, m, tz, gap=gap, transfer=tr))
        out.sort(key=_sort_key)
        return tuple(out)


def _sort_key(c: Clash) -> tuple[Any, ...]:
    return (c.start_minute, _RULE_ORDER[c.rule], c.resource or "", c.events, c.end_minute, c.kind)


#: A capacity-1 slot shared by at least this many events at one instant (and by no other event
#: chained to them) is reported once, as a group, instead of as every pair of them: 1,000 copies of
#: one event at one venue and slot make one finding, not 499,500.
GROUP_MIN_EVENTS = 10


def _clique_groups(
    ctx: Context, rows: Rows, idx: NDArray[np.int64]
) -> tuple[NDArray[np.bool_], list[Clash]]:
    """Capacity-1 rows forming large groups that all overlap one instant: the rows to leave out of
    the pairs, and one clash per group."""
    import numpy as np

    n = len(idx)
    grouped = np.zeros(n, dtype=bool)
    if n < GROUP_MIN_EVENTS:
        return grouped, []
    g, s, e = rows.group[idx], rows.start[idx], rows.end[idx]
    reach = e + rows.transfer[idx]
    order = np.lexsort((s, g))
    gs, ss, es, rs = g[order], s[order], e[order], reach[order]
    base = int(min(int(ss.min()), int(es.min())))
    width = int(max(int(rs.max()), int(ss.max())) - base) + 1
    run = np.maximum.accumulate(gs * width + (rs - base))
    key = gs * width + (ss - base)
    new = np.ones(n, dtype=bool)
    new[1:] = (gs[1:] != gs[:-1]) | (key[1:] >= run[:-1])
    starts = np.flatnonzero(new)
    sizes = np.diff(np.append(starts, n))
    big = np.flatnonzero(sizes >= GROUP_MIN_EVENTS)
    if len(big) == 0:
        return grouped, []
    latest = np.maximum.reduceat(ss, starts)
    earliest_end = np.minimum.reduceat(es, starts)
    ids = [ev.id for ev in ctx.events]
    tz = ctx.programme.timezone
    out: list[Clash] = []
    for c in big.tolist():
        lo, hi = int(latest[c]), int(earliest_end[c])
        if lo >= hi:
            continue  # a chain, not one shared instant: reported pair by pair
        members = order[starts[c] : starts[c] + sizes[c]]
        events = rows.event[idx[members]]
        if len(np.unique(events)) != len(events):
            continue
        grouped[members] = True
        rule, item, kind = rows.keys[int(gs[starts[c]])]
        out.append(
            Clash(
                rule,
                "day" if kind == "day" else "group",
                tuple(sorted(ids[x] for x in events.tolist())),
                item,
                lo,
                hi,
                hi - lo,
                tz,
                count=len(events),
            )
        )
    return grouped, out


def _pair_clashes(
    ctx: Context, rows: Rows, single: NDArray[np.bool_]
) -> tuple[dict[str, Any], list[Clash]]:
    """Capacity-1 clashes as columns (group, events in time order, window, minutes), and the
    large groups sharing one instant, each as one clash."""
    import numpy as np

    idx = np.flatnonzero(single)
    grouped, groups = _clique_groups(ctx, rows, idx)
    idx = idx[~grouped]
    g, s, e, t = rows.group[idx], rows.start[idx], rows.end[idx], rows.transfer[idx]
    i, j = overlapping_pairs(g, s, e + t)
    keep = rows.event[idx[i]] != rows.event[idx[j]]
    i, j = i[keep], j[keep]
    raw = (s[i] < e[j]) & (s[j] < e[i])
    resource_rule = np.array([k[0] == RuleCode.RESOURCE for k in rows.keys], dtype=bool)
    same_venue = rows.venue[idx[i]] == rows.venue[idx[j]]
    exempt = resource_rule[g[i]] & same_venue & ~raw
    i, j, raw = i[~exempt], j[~exempt], raw[~exempt]
    ea, eb = rows.event[idx[i]], rows.event[idx[j]]
    # events in time order; equal starts are put in id order when rows are materialised
    a_first = s[i] <= s[j]
    lo = np.where(raw, np.maximum(s[i], s[j]), np.minimum(e[i], e[j]))
    hi = np.where(raw, np.minimum(e[i], e[j]), np.maximum(s[i], s[j]))
    tr = t[i]
    return {
        "group": g[i],
        "first": np.where(a_first, ea, eb),
        "second": np.where(a_first, eb, ea),
        "tie": s[i] == s[j],
        "lo": lo,
        "hi": hi,
        "minutes": np.where(raw, hi - lo, tr - (hi - lo)),
        "gap": np.where(raw, 0, hi - lo),
        "transfer": np.where(raw, 0, tr),
    }, groups


def pool_windows(
    group: NDArray[np.int64],
    start: NDArray[np.int64],
    end: NDArray[np.int64],
    capacity: NDArray[np.int64],
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]:
    """Windows ``(group, start, end)`` where more rows are active than the group's capacity.

    ±1 sweep: starts +1, ends −1, ends first at equal times; the running sum (per group, since
    each group's sum returns to zero) is the number of active rows until the next point.
    """
    import numpy as np

    n = len(start)
    if n == 0:
        z = np.zeros(0, dtype=np.int64)
        return z, z, z
    pg = np.concatenate((group, group))
    pt = np.concatenate((start, end))
    pd = np.concatenate((np.ones(n, dtype=np.int64), -np.ones(n, dtype=np.int64)))
    order = np.lexsort((pd, pt, pg))
    pg, pt, pd = pg[order], pt[order], pd[order]
    active_after = np.cumsum(pd)
    nxt_t = np.append(pt[1:], pt[-1])
    nxt_g = np.append(pg[1:], -1)
    over = (active_after > capacity[pg]) & (nxt_g == pg) & (nxt_t > pt)
    k = np.flatnonzero(over)
    return pg[k], pt[k], nxt_t[k]


def _pool_clashes(ctx: Context, rows: Rows, pool: NDArray[np.bool_]) -> list[Clash]:
    import numpy as np

    idx = np.flatnonzero(pool)
    if len(idx) < 2:
        return []
    g, s, e = rows.group[idx], rows.start[idx], rows.end[idx] + rows.transfer[idx]
    wg, ws, we = pool_windows(g, s, e, rows.capacity)
    if len(wg) == 0:
        return []
    # rows active in each window: the windows of one group are disjoint and sorted, so each row
    # meets a contiguous run of them (two searchsorted), never every other row (no k² pairs)
    worder = np.lexsort((ws, wg))
    wg, ws, we = wg[worder], ws[worder], we[worder]
    base = int(min(int(s.min()), int(ws.min())))
    width = int(max(int(e.max()), int(we.max())) - base) + 1
    first = np.searchsorted(wg * width + (we - base), g * width + (s - base), side="right")
    stop = np.searchsorted(wg * width + (ws - base), g * width + (e - base), side="left")
    count = np.maximum(stop - first, 0)
    rows_in = np.repeat(np.arange(len(idx)), count)
    offsets = np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count)
    win = np.repeat(first, count) + offsets
    order = np.lexsort((rows_in, win))
    rows_in, win = rows_in[order], win[order]
    out: list[Clash] = []
    tz = ctx.programme.timezone
    ids = [e.id for e in ctx.events]
    ev_of = rows.event[idx[rows_in]].tolist()
    cuts = [0, *(np.flatnonzero(np.diff(win)) + 1).tolist(), len(win)]
    win_l = win.tolist()
    for lo_i, hi_i in itertools.pairwise(cuts):
        w = win_l[lo_i]
        gi = int(wg[w])
        rule, item, _kind = rows.keys[gi]
        evs = sorted({ids[x] for x in ev_of[lo_i:hi_i]})
        w_start, w_end = int(ws[w]), int(we[w])
        out.append(
            Clash(
                rule,
                "pool",
                tuple(evs),
                item,
                w_start,
                w_end,
                w_end - w_start,
                tz,
                capacity=int(rows.capacity[gi]),
                count=hi_i - lo_i,
            )
        )
    return out


def _unary_clashes(ctx: Context, table: OccurrenceTable) -> list[Clash]:
    cfg = ctx.config
    tz = ctx.programme.timezone
    out: list[Clash] = []
    for f in unary_findings(ctx, table):
        ev = ctx.events[int(table.event[f.occ])]
        extra: list[tuple[str, str]] = []
        if f.rule == RuleCode.WINDOW:
            if f.kind == "season":
                extra.append(("period_iso", f"{ctx.first_day}/{ctx.last_day}"))
            elif f.kind == "window" and ev.to_plan is not None and ev.to_plan.window is not None:
                w = ev.to_plan.window
                extra.append(("period_iso", f"{w.start}/{w.end}"))
            elif f.kind == "weekday":
                extra.append(
                    (
                        "weekdays",
                        ", ".join(
                            d.value
                            for d in (
                                ev.to_plan.weekdays
                                if ev.to_plan is not None and ev.to_plan.weekdays is not None
                                else cfg.weekdays
                            )
                        ),
                    )
                )
            elif f.kind == "hours":
                extra.append(
                    ("hours", f"{cfg.day_start.strftime('%H:%M')}–{cfg.day_end.strftime('%H:%M')}")
                )
        out.append(
            Clash(
                f.rule,
                f.kind,
                (ev.id,),
                f.item,
                f.start,
                f.end,
                f.minutes,
                tz,
                count=1,
                label=f.label,
                extra=tuple(extra),
            )
        )
    return out


def find_clashes(programme: Programme) -> ClashReport:
    """Every broken hard rule among the programme's dated, non-cancelled events.

    Events still to plan (no occurrences) are ignored; cancelled events too. The result is
    deterministic and sorted by start, rule and resource.
    """
    import numpy as np

    with no_gc_pauses():
        ctx = Context.build(programme)
        table = occurrence_table(ctx)
        groups = GroupIndex(ctx)
        ctx._cache["groups"] = groups
        rows = occupancy_rows(ctx, table, groups)
        caps = rows.capacity[rows.group] if len(rows.group) else np.zeros(0, dtype=np.int64)
        pairs, others = _pair_clashes(ctx, rows, caps == 1)
        others += _pool_clashes(ctx, rows, caps > 1)
        others += _unary_clashes(ctx, table)
        checked = len(np.unique(table.event))
    return ClashReport(None, checked, programme.name, lazy=_LazyPairs(ctx, pairs, others))
