"""``plan``: give dates to the events that have none, without breaking any hard rule.

The planner uses the very rules :func:`find_clashes` checks (:mod:`.constraints`): a candidate
slot is turned into occurrence rows by the same functions, and refused when a hard rule would be
broken. Among allowed slots it picks the one with the lowest soft penalty (preferred dates, spread
over the weeks and quartiers, week-end/evening wishes, staying where the published plan put it).

Method: greedy placement in a deterministic order (most constrained first, then by id), then one
pass of local improvement; numpy only. Events already dated and either pinned or without
``to_plan`` never move. Events that cannot be placed are listed with, for each, the rules that
block every candidate slot, in a sentence that names the resource or venue and the blocking events.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from .._render import decimal
from ..errors import get_language
from ..model.calendar_terms import RuleCode, Wish
from . import messages as M
from .constraints import (
    DAY,
    RULES,
    Context,
    GroupIndex,
    OccurrenceTable,
    active,
    no_gc_pauses,
    occupancy_rows,
    occurrence_table,
    unary_findings,
    weight,
)

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from ..model import Event, Programme

__all__ = ["Placement", "Plan", "Slot", "SlotProposals", "Unplaced", "plan", "propose_slots"]

_EPOCH = date(1970, 1, 1)
Progress = Callable[[int, int], None]


# --- results -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Placement:
    """Where the planner put one event (local datetimes)."""

    event: str
    start: datetime
    end: datetime
    all_day: bool
    moved: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "event": self.event,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "all_day": self.all_day,
            "moved": self.moved,
        }


@dataclass(frozen=True, slots=True)
class Unplaced:
    """An event the planner could not place, with the reasons that block every slot."""

    event: str
    reasons: tuple[str, ...]
    rules: tuple[RuleCode, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "event": self.event,
            "reasons": list(self.reasons),
            "rules": [r.value for r in self.rules],
        }


@dataclass(frozen=True)
class Plan:
    """The result of :func:`plan`: the planned programme, what moved and what could not be placed."""

    programme: Programme
    placed: tuple[Placement, ...]
    unplaced: tuple[Unplaced, ...]
    moved: tuple[str, ...]
    added: tuple[str, ...]
    removed: tuple[str, ...]
    soft_score: float
    score_by_rule: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when every event to plan found a slot."""
        return not self.unplaced

    def __repr__(self) -> str:
        return (
            f"<Plan placed={len(self.placed)} unplaced={len(self.unplaced)} "
            f"moved={len(self.moved)} soft_score={self.soft_score:.1f}>"
        )

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "placed": [p.to_dict() for p in self.placed],
            "unplaced": [u.to_dict() for u in self.unplaced],
            "moved": list(self.moved),
            "added": list(self.added),
            "removed": list(self.removed),
            "soft_score": round(self.soft_score, 3),
            "score_by_rule": {k: round(v, 3) for k, v in self.score_by_rule.items()},
        }

    def to_json(self, lang: str | None = None, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(lang), ensure_ascii=False, indent=indent)

    def to_text(self, lang: str | None = None) -> str:
        lang = lang or get_language()
        lines = [
            M.text(
                "plan.summary",
                lang,
                placed=len(self.placed),
                unplaced=len(self.unplaced),
                moved=len(self.moved),
                score=decimal(self.soft_score, get_language(lang)),
            )
        ]
        if self.unplaced:
            lines.append(M.text("plan.unplaced", lang))
            for u in self.unplaced:
                sep = " ; " if lang == "fr" else "; "
                lines.append(f"  - {u.event}{M.colon(lang)}" + sep.join(u.reasons))
        for key, ids in (
            ("plan.moved", self.moved),
            ("plan.added", self.added),
            ("plan.removed", self.removed),
        ):
            if ids:
                lines.append(M.text(key, lang) + " " + ", ".join(ids))
        if self.placed:
            lines.append(M.text("plan.placed", lang))
            for p in self.placed[:200]:
                when = (
                    M.fmt_period(p.start.date(), (p.end - timedelta(days=1)).date(), lang)
                    if p.all_day
                    else f"{M.day_fr(p.start.date(), lang)} {M.fmt_time(p.start)}–"
                    f"{M.fmt_time(p.end)}"
                )
                lines.append(f"  - {p.event}{M.colon(lang)}{when}" + (" *" if p.moved else ""))
            if len(self.placed) > 200:
                lines.append(f"  … (+{len(self.placed) - 200})")
        return "\n".join(lines)

    def to_dataframe(self, *, labels: str | None = None) -> Any:
        from .._render import dataframe

        recs = [
            {
                "event": p.event,
                "start": p.start,
                "end": p.end,
                "all_day": p.all_day,
                "moved": p.moved,
                "placed": True,
                "reasons": "",
            }
            for p in self.placed
        ]
        recs += [
            {
                "event": u.event,
                "start": None,
                "end": None,
                "all_day": None,
                "moved": False,
                "placed": False,
                "reasons": " ; ".join(u.reasons),
            }
            for u in self.unplaced
        ]
        return dataframe(
            recs,
            columns=["event", "start", "end", "all_day", "moved", "placed", "reasons"],
            labels=labels,
        )

    def _repr_html_(self) -> str:
        from .._render import html_table

        lang = get_language()
        rows: list[tuple[Any, ...]] = [
            (u.event, "", "", " ; ".join(u.reasons)) for u in self.unplaced
        ]
        rows += [
            (
                p.event,
                p.start.strftime("%d/%m/%Y %H:%M"),
                p.end.strftime("%d/%m/%Y %H:%M"),
                "déplacé" if p.moved else "",
            )
            for p in self.placed[:500]
        ]
        classes = ["nqe-bad"] * len(self.unplaced) + [
            "nqe-warn" if p.moved else "nqe-ok" for p in self.placed[:500]
        ]
        caption = M.text(
            "plan.summary",
            lang,
            placed=len(self.placed),
            unplaced=len(self.unplaced),
            moved=len(self.moved),
            score=decimal(self.soft_score, get_language(lang)),
        )
        heads = (
            ["événement", "début", "fin", "remarque"]
            if lang == "fr"
            else ["event", "start", "end", "note"]
        )
        return html_table(heads, rows, caption=caption, classes=classes)


@dataclass(frozen=True, slots=True)
class Slot:
    """A candidate slot for one event: allowed (with its soft penalty) or rejected (with reasons)."""

    start: datetime
    end: datetime
    score: float
    reasons: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.reasons

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "score": round(self.score, 3),
            "reasons": list(self.reasons),
        }


@dataclass(frozen=True)
class SlotProposals:
    """The best slots for one event, and why the other candidates were rejected."""

    event: str
    slots: tuple[Slot, ...]
    rejected: tuple[Slot, ...]

    @property
    def ok(self) -> bool:
        return bool(self.slots)

    def __repr__(self) -> str:
        return f"<SlotProposals {self.event}: {len(self.slots)} slot(s), {len(self.rejected)} rejected>"

    def __iter__(self) -> Iterator[Slot]:
        return iter(self.slots)

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        return {
            "event": self.event,
            "ok": self.ok,
            "slots": [s.to_dict() for s in self.slots],
            "rejected": [s.to_dict() for s in self.rejected],
        }

    def to_json(self, lang: str | None = None, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(lang), ensure_ascii=False, indent=indent)

    def to_text(self, lang: str | None = None) -> str:
        lang = lang or get_language()
        fr = lang == "fr"
        lines = [
            (
                f"Créneaux proposés pour « {self.event} » :"
                if fr
                else f"Proposed slots for '{self.event}':"
            )
        ]
        for s in self.slots:
            lines.append(
                f"  - {M.day_fr(s.start.date(), lang)} {M.fmt_time(s.start)}–"
                f"{M.fmt_time(s.end)} ({'pénalité' if fr else 'penalty'} "
                f"{decimal(s.score, lang)})"
            )
        if not self.slots:
            lines.append("  (aucun)" if fr else "  (none)")
        counts: dict[str, int] = {}
        for s in self.rejected:
            for r in s.reasons:
                counts[r] = counts.get(r, 0) + 1
        if counts:
            lines.append("Créneaux refusés :" if fr else "Rejected slots:")
            for r, n in sorted(counts.items(), key=lambda x: (-x[1], x[0]))[:10]:
                lines.append(f"  - {n} × {r}")
        return "\n".join(lines)

    def to_dataframe(self, *, labels: str | None = None) -> Any:
        from .._render import dataframe

        recs = [
            {
                "start": s.start,
                "end": s.end,
                "score": s.score,
                "ok": s.ok,
                "reasons": " ; ".join(s.reasons),
            }
            for s in (*self.slots, *self.rejected)
        ]
        return dataframe(recs, columns=["start", "end", "score", "ok", "reasons"], labels=labels)

    def _repr_html_(self) -> str:
        from .._render import html_table

        lang = get_language()
        rows = [
            (
                s.start.strftime("%d/%m/%Y %H:%M"),
                s.end.strftime("%H:%M"),
                decimal(s.score, lang),
                " ; ".join(s.reasons),
            )
            for s in (*self.slots, *self.rejected[:200])
        ]
        classes = ["nqe-ok"] * len(self.slots) + ["nqe-bad"] * min(200, len(self.rejected))
        heads = ["début", "fin", "pénalité", "refusé parce que"]
        if lang != "fr":
            heads = ["start", "end", "penalty", "rejected because"]
        return html_table(
            heads,
            rows,
            caption=self.event,
            classes=classes,
        )


# --- occupancy state -----------------------------------------------------------------------------


class _State:
    """What is already booked, per group, as small arrays (rebuilt lazily after changes)."""

    def __init__(self, ctx: Context, groups: GroupIndex) -> None:
        self.ctx = ctx
        self.groups = groups
        # group -> {event index: list of (start, end, transfer, venue)}
        self.items: dict[int, dict[int, list[tuple[int, int, int, int]]]] = {}
        self.days: dict[int, dict[int, set[int]]] = {}  # day group -> day -> events
        self._arrays: dict[int, tuple[Any, ...]] = {}
        self.touched: dict[int, set[tuple[int, int]]] = {}
        self.loads_week: dict[int, int] = {}
        self.loads_qweek: dict[tuple[str, int], int] = {}

    def add(self, rows: Any, ev: int) -> None:
        """Book the occupancy rows of one event (index ``ev``)."""
        touched = self.touched.setdefault(ev, set())
        for g, s, e, t, v, day in zip(
            rows.group.tolist(),
            rows.start.tolist(),
            rows.end.tolist(),
            rows.transfer.tolist(),
            rows.venue.tolist(),
            rows.day.tolist(),
            strict=True,
        ):
            if day >= 0:
                self.days.setdefault(g, {}).setdefault(day, set()).add(ev)
                touched.add((g, day))
            else:
                self.items.setdefault(g, {}).setdefault(ev, []).append((s, e, t, v))
                self._arrays.pop(g, None)
                touched.add((g, -1))

    def remove(self, ev: int) -> None:
        for g, day in self.touched.pop(ev, set()):
            if day >= 0:
                self.days[g][day].discard(ev)
            else:
                self.items[g].pop(ev, None)
                self._arrays.pop(g, None)

    def arrays(self, g: int) -> tuple[Any, ...]:
        import numpy as np

        a = self._arrays.get(g)
        if a is None:
            per = self.items.get(g, {})
            flat = [(s, e, t, v, ev) for ev, lst in per.items() for (s, e, t, v) in lst]
            if flat:
                arr = np.array(flat, dtype=np.int64)
                a = (arr[:, 0], arr[:, 1], arr[:, 2], arr[:, 3], arr[:, 4])
            else:
                z = np.zeros(0, dtype=np.int64)
                a = (z, z, z, z, z)
            self._arrays[g] = a
        return a


def _conflicts(
    ctx: Context,
    state: _State,
    rows: Any,
    n_cand: int,
    explain: bool,
) -> tuple[NDArray[np.bool_], list[list[tuple[int, tuple[int, ...]]]]]:
    """Which candidates break a group rule, and (when ``explain``) by which group and events.

    The same predicate as :func:`find_clashes`: same-group rows overlap (transfer added, the
    same-venue exemption for resources), pools above capacity, more than N per quartier per day.
    """
    import numpy as np

    blocked = np.zeros(n_cand, dtype=bool)
    why: list[list[tuple[int, tuple[int, ...]]]] = [[] for _ in range(n_cand)] if explain else []
    if len(rows.group) == 0:
        return blocked, why
    order = np.argsort(rows.group, kind="stable")
    gs = rows.group[order]
    cuts = np.flatnonzero(np.diff(gs)) + 1
    for part in np.split(order, cuts):
        g = int(rows.group[part[0]])
        rule, _item, kind = rows.keys[g]
        cap = int(rows.capacity[g])
        cand = rows.occ[part]
        if kind == "day":
            per_day = state.days.get(g, {})
            for day, c in zip(rows.day[part].tolist(), cand.tolist(), strict=True):
                evs = per_day.get(day)
                if evs and len(evs) >= cap:
                    blocked[c] = True
                    if explain:
                        why[c].append((g, tuple(sorted(evs))))
            continue
        xs, xe, _xt, xv, xev = state.arrays(g)
        if len(xs) == 0:
            continue
        cs = rows.start[part][:, None]
        ce = rows.end[part][:, None]
        t = int(rows.transfer[part[0]])
        hit = (cs < xe[None, :] + t) & (xs[None, :] < ce + t)
        if rule == RuleCode.RESOURCE and t > 0 and cap == 1:
            raw = (cs < xe[None, :]) & (xs[None, :] < ce)
            same = xv[None, :] == rows.venue[part][:, None]
            hit &= raw | ~same
        counts = hit.sum(axis=1)
        if cap == 1:
            bad = counts > 0
        else:
            bad = np.zeros(len(part), dtype=bool)
            for k in np.flatnonzero(counts >= cap).tolist():
                sel = np.flatnonzero(hit[k])
                lo, hi = int(cs[k, 0]), int(ce[k, 0]) + t
                pts = sorted(
                    [(max(int(xs[i]), lo), 1) for i in sel.tolist()]
                    + [(min(int(xe[i]) + t, hi), -1) for i in sel.tolist()],
                    key=lambda p: (p[0], p[1]),
                )
                level = peak = 0
                for _, dlt in pts:
                    level += dlt
                    peak = max(peak, level)
                bad[k] = peak + 1 > cap
        for k in np.flatnonzero(bad).tolist():
            c = int(cand[k])
            blocked[c] = True
            if explain:
                why[c].append((g, tuple(sorted(set(xev[hit[k]].tolist())))))
    return blocked, why


def _subset(rows: Any, part: Any) -> Any:
    """The rows at positions ``part`` (same keys and capacities)."""
    from .constraints import Rows

    return Rows(
        group=rows.group[part],
        occ=rows.occ[part],
        event=rows.event[part],
        start=rows.start[part],
        end=rows.end[part],
        transfer=rows.transfer[part],
        venue=rows.venue[part],
        day=rows.day[part],
        keys=rows.keys,
        capacity=rows.capacity,
    )


# --- candidates ----------------------------------------------------------------------------------


def _candidates(ctx: Context, event: Event, minutes: int) -> tuple[OccurrenceTable, str | None]:
    """Candidate slots of an event as an occurrence table (same structure as dated events)."""
    import numpy as np

    cfg = ctx.config
    days = ctx.allowed_days(event)
    ei = ctx.index[event.id]
    starts: list[int] = []
    ends: list[int] = []
    ls: list[int] = []
    le: list[int] = []
    all_day = minutes >= DAY and minutes % DAY == 0
    problem = None
    if all_day:
        n = minutes // DAY
        allowed = {(d - _EPOCH).days for d in days}
        for d0 in sorted(allowed):
            if all(d0 + k in allowed for k in range(n)):
                a, b = ctx.midnight(d0), ctx.midnight(d0 + n)
                starts.append(a)
                ends.append(b)
                ls.append(d0 * DAY)
                le.append((d0 + n) * DAY)
    else:
        ds, de, step = cfg.day_start_minutes, cfg.day_end_minutes, ctx.config.step_minutes
        if minutes > de - ds:
            problem = "too_long"
        walls = np.arange(ds, de - minutes + 1, step, dtype=np.int64)
        regular_days: list[int] = []
        for d in days:
            di = (d - _EPOCH).days
            mid = ctx.midnight(di)
            if ctx.midnight(di + 1) - mid == DAY:
                regular_days.append(di)
                continue
            # a 23- or 25-hour day: ask the timezone, skip wall times that do not exist
            for w in walls.tolist():
                wall = datetime(d.year, d.month, d.day, w // 60, w % 60, tzinfo=ctx.tz)
                a = int(wall.timestamp()) // 60
                back = ctx.local(a)
                if (back.hour * 60 + back.minute, back.date()) != (w, d):
                    continue
                end_local = ctx.local(a + minutes)
                starts.append(a)
                ends.append(a + minutes)
                ls.append(di * DAY + w)
                le.append(
                    (end_local.date() - _EPOCH).days * DAY + end_local.hour * 60 + end_local.minute
                )
        if regular_days and len(walls):
            di_arr = np.array(regular_days, dtype=np.int64)
            mids = np.array([ctx.midnight(d) for d in regular_days], dtype=np.int64)
            reg_s = (mids[:, None] + walls[None, :]).ravel()
            reg_ls = (di_arr[:, None] * DAY + walls[None, :]).ravel()
            starts.extend(reg_s.tolist())
            ends.extend((reg_s + minutes).tolist())
            ls.extend(reg_ls.tolist())
            le.extend((reg_ls + minutes).tolist())
    m = len(starts)
    i64 = np.int64
    st = np.array(starts, dtype=i64)
    order = np.argsort(st, kind="stable")
    table = OccurrenceTable(
        np.full(m, ei, dtype=i64),
        st[order],
        np.array(ends, dtype=i64)[order],
        np.array(ls, dtype=i64)[order],
        np.array(le, dtype=i64)[order],
        np.full(m, all_day, dtype=bool),
    )
    return table, problem


def _duration(event: Event) -> int:
    if event.to_plan is not None:
        return event.to_plan.minutes
    return int(sum((o.end - o.start).total_seconds() for o in event.occurrences[:1]) // 60)


# --- the planner ---------------------------------------------------------------------------------


class _Planner:
    def __init__(self, programme: Programme, previous: Programme | None) -> None:
        self.programme = programme
        self.ctx = Context.build(programme)
        self.groups = GroupIndex(self.ctx)
        self.state = _State(self.ctx, self.groups)
        cfg = self.ctx.config
        self.w = {code: weight(cfg, code) for code in RULES}
        self.soft_on = {code: active(cfg, code) for code in RULES}
        ref = previous if previous is not None else programme
        self.previous: dict[str, int] = {}
        for e in ref.events:
            if e.occurrences:
                self.previous[e.id] = int(e.occurrences[0].start.timestamp()) // 60
        self.movable = [e for e in self.ctx.events if e.to_plan is not None and not e.pinned]
        movable_ids = {e.id for e in self.movable}
        self.fixed = [e for e in self.ctx.events if e.dated and e.id not in movable_ids]
        n_weeks = max(1, ((self.ctx.last_day - self.ctx.first_day).days + 1) / 7)
        self.expected_week = max(1.0, (len(self.fixed) + len(self.movable)) / n_weeks)
        self.placed: dict[str, tuple[int, int, int, int, int]] = {}  # id -> (s, e, ls, le, ad)
        self.cands: dict[str, tuple[OccurrenceTable, str | None, Any, list[Any]]] = {}

    # -- state --------------------------------------------------------------------------------

    def _add_table(self, table: OccurrenceTable, ev: int) -> None:
        self.state.add(occupancy_rows(self.ctx, table, self.groups), ev)

    def _load_add(self, event: Event, lstart: int, sign: int) -> None:
        week = (lstart // DAY + 3) // 7
        st = self.state
        st.loads_week[week] = st.loads_week.get(week, 0) + sign
        for q in event.quartiers:
            st.loads_qweek[(q, week)] = st.loads_qweek.get((q, week), 0) + sign

    def load_fixed(self) -> None:
        import numpy as np

        table = occurrence_table(self.ctx)
        fixed_idx = np.array([self.ctx.index[e.id] for e in self.fixed], dtype=np.int64)
        keep = np.isin(table.event, fixed_idx)
        sub = OccurrenceTable(
            table.event[keep],
            table.start[keep],
            table.end[keep],
            table.lstart[keep],
            table.lend[keep],
            table.all_day[keep],
        )
        rows = occupancy_rows(self.ctx, sub, self.groups)
        order = np.argsort(rows.event, kind="stable")
        evs = rows.event[order]
        cuts = [0, *(np.flatnonzero(np.diff(evs)) + 1).tolist(), len(evs)]
        for a, b in itertools.pairwise(cuts):
            if b > a:
                part = order[a:b]
                self.state.add(_subset(rows, part), int(evs[a]))
        for e in self.fixed:
            if e.occurrences:
                o = e.occurrences[0]
                off = o.start.utcoffset()
                ls = int(o.start.timestamp()) // 60 + (int(off.total_seconds()) // 60 if off else 0)
                self._load_add(e, ls, +1)

    # -- scoring ------------------------------------------------------------------------------

    def _soft(self, event: Event, table: OccurrenceTable) -> NDArray[np.float64]:
        import numpy as np

        m = len(table.start)
        score = np.zeros(m, dtype=np.float64)
        tp = event.to_plan
        day = table.lstart // DAY
        if tp is not None and tp.preferred and self.soft_on[RuleCode.PREFERRED]:
            pref = np.array([(d - _EPOCH).days for d in tp.preferred], dtype=np.int64)
            dist = np.abs(day[:, None] - pref[None, :]).min(axis=1)
            score += self.w[RuleCode.PREFERRED] * np.minimum(dist, 7)
        if tp is not None and tp.wishes and self.soft_on[RuleCode.WEEKEND_EVENING]:
            w = self.w[RuleCode.WEEKEND_EVENING]
            if Wish.WEEKEND in tp.wishes:
                score += w * (((day + 3) % 7) < 5)
            if Wish.EVENING in tp.wishes:
                ev_from = self.ctx.config.evening_from
                score += w * ((table.lstart - day * DAY) < ev_from.hour * 60 + ev_from.minute)
        if self.soft_on[RuleCode.SPREAD]:
            week = (day + 3) // 7
            weeks, inverse = np.unique(week, return_inverse=True)
            per_week = np.array(
                [self.state.loads_week.get(k, 0) / self.expected_week for k in weeks.tolist()],
                dtype=np.float64,
            )
            for q in event.quartiers:
                per_week += np.array(
                    [self.state.loads_qweek.get((q, k), 0) for k in weeks.tolist()],
                    dtype=np.float64,
                )
            spread = per_week[inverse]
            score += self.w[RuleCode.SPREAD] * spread
        prev = self.previous.get(event.id)
        if prev is not None and self.soft_on[RuleCode.STABILITY]:
            score += self.w[RuleCode.STABILITY] * (table.start != prev)
        return score

    # -- one event ----------------------------------------------------------------------------

    def evaluate(
        self, event: Event, explain: bool = False
    ) -> tuple[
        OccurrenceTable, NDArray[np.bool_], NDArray[np.float64], list[list[str]], str | None
    ]:
        import numpy as np

        cached = self.cands.get(event.id)
        if cached is None:
            # a candidate's occupancy rows and its WINDOW/BLACKOUT problems never change
            cand, why_not = _candidates(self.ctx, event, _duration(event))
            cached = (
                cand,
                why_not,
                occupancy_rows(self.ctx, cand, self.groups, alternatives=True),
                unary_findings(self.ctx, cand) if len(cand.start) else [],
            )
            self.cands[event.id] = cached
        table, problem, rows, unary = cached
        m = len(table.start)
        reasons: list[list[str]] = [[] for _ in range(m)] if explain else []
        blocked = np.zeros(m, dtype=bool)
        if m == 0:
            return table, blocked, np.zeros(0), reasons, problem
        for f in unary:
            blocked[f.occ] = True
            if explain:
                reasons[f.occ].append(
                    f"U|{f.rule.value}|{f.kind}|{f.item or ''}|{f.label}|{f.start}|{f.end}"
                )
        hit, why = _conflicts(self.ctx, self.state, rows, m, explain)
        blocked |= hit
        if explain:
            for c, lst in enumerate(why):
                for g, evs in lst:
                    reasons[c].append(f"G|{g}|" + ",".join(str(x) for x in evs))
        score = self._soft(event, table)
        return table, blocked, score, reasons, problem

    def place(self, event: Event, table: OccurrenceTable, k: int) -> None:
        ei = self.ctx.index[event.id]
        sub = OccurrenceTable(
            table.event[k : k + 1],
            table.start[k : k + 1],
            table.end[k : k + 1],
            table.lstart[k : k + 1],
            table.lend[k : k + 1],
            table.all_day[k : k + 1],
        )
        self._add_table(sub, ei)
        self._load_add(event, int(table.lstart[k]), +1)
        self.placed[event.id] = (
            int(table.start[k]),
            int(table.end[k]),
            int(table.lstart[k]),
            int(table.lend[k]),
            int(bool(table.all_day[k])),
        )

    def unplace(self, event: Event) -> None:
        self.state.remove(self.ctx.index[event.id])
        s = self.placed.pop(event.id)
        self._load_add(event, s[2], -1)

    def best(self, event: Event) -> tuple[OccurrenceTable, int | None, float]:
        import numpy as np

        table, blocked, score, _, _ = self.evaluate(event)
        if len(score) == 0 or blocked.all():
            return table, None, 0.0
        masked = np.where(blocked, np.inf, score)
        k = int(np.argmin(masked))  # first minimum: the earliest slot among equals
        return table, k, float(masked[k])

    # -- explanations -------------------------------------------------------------------------

    def explain(self, event: Event, lang: str) -> Unplaced:
        table, _blocked, _score, reasons, problem = self.evaluate(event, explain=True)
        cfg = self.ctx.config
        hours = f"{cfg.day_start.strftime('%H:%M')}–{cfg.day_end.strftime('%H:%M')}"
        if len(table.start) == 0:
            if problem == "too_long":
                text = M.text("why.too_long", lang, minutes=_duration(event), hours=hours)
            else:
                lo, hi = self.ctx.first_day, self.ctx.last_day
                w = event.to_plan.window if event.to_plan is not None else None
                detail = M.fmt_period(
                    max(lo, w.start) if w else lo, min(hi, w.end) if w else hi, lang
                )
                text = M.text("why.none", lang, detail=detail)
            return Unplaced(event.id, (text,), (RuleCode.WINDOW,))
        m = len(table.start)
        agg: dict[str, dict[str, Any]] = {}
        for c in range(m):
            for r in reasons[c]:
                parts = r.split("|")
                if parts[0] == "U":
                    key = "|".join(parts[:5])
                    a = agg.setdefault(
                        key,
                        {
                            "n": 0,
                            "rule": RuleCode(parts[1]),
                            "kind": parts[2],
                            "item": parts[3],
                            "label": parts[4],
                            "lo": int(parts[5]),
                            "hi": int(parts[6]),
                            "events": set(),
                        },
                    )
                    a["lo"] = min(a["lo"], int(parts[5]))
                    a["hi"] = max(a["hi"], int(parts[6]))
                else:
                    key = "G|" + parts[1]
                    g = int(parts[1])
                    a = agg.setdefault(
                        key,
                        {
                            "n": 0,
                            "rule": self.groups.keys[g][0],
                            "kind": self.groups.keys[g][2],
                            "item": self.groups.keys[g][1],
                            "events": set(),
                        },
                    )
                    a["events"].update(int(x) for x in parts[2].split(",") if x)
                a["n"] += 1
        texts: list[tuple[int, float, str, RuleCode]] = []
        for a in agg.values():
            rule: RuleCode = a["rule"]
            blocked_txt = M.text("why.blocked", lang, k=a["n"], n=m)
            if "lo" in a:
                lo_d = self.ctx.local(a["lo"]).date()
                hi_d = (self.ctx.local(a["hi"]) - timedelta(minutes=1)).date()
                period = M.fmt_period(lo_d, hi_d, lang)
                label = f" ({a['label']})" if a["label"] else ""
                if a["kind"] == "closure":
                    t = M.text("why.closure", lang, item=a["item"], period=period, label=label)
                elif a["kind"] == "holiday":
                    t = M.text("why.holiday", lang, label=a["label"], period=period)
                elif rule == RuleCode.BLACKOUT:
                    t = M.text(
                        "why.blackout",
                        lang,
                        label=a["label"] or M.text("blackout.default", lang),
                        period=period,
                    )
                else:
                    t = f"{RULES[rule].label(lang)} {period}"
            else:
                ids = sorted(self.ctx.events[i].id for i in a["events"])
                days: list[date] = []
                for i in a["events"]:
                    ev = self.ctx.events[i]
                    if ev.id in self.placed:
                        ps = self.placed[ev.id]
                        days.append(self.ctx.local(ps[0]).date())
                        days.append((self.ctx.local(ps[1]) - timedelta(minutes=1)).date())
                    else:
                        days.extend(ev.days)
                period = M.fmt_period(min(days), max(days), lang) if days else ""
                t = M.text(
                    "why.group",
                    lang,
                    what=M.text(f"what.{rule.value}", lang),
                    item=a["item"],
                    period=period,
                    count=len(ids),
                    events=M.names(ids, lang=lang),
                )
            texts.append((-a["n"], -RULES[rule].weight, f"{t} ({blocked_txt})", rule))
        texts.sort(key=lambda x: (x[0], x[1], x[2]))
        return Unplaced(
            event.id, tuple(t for *_, t, _ in texts), tuple(dict.fromkeys(r for *_, r in texts))
        )

    # -- the whole plan -----------------------------------------------------------------------

    def order(self) -> list[Event]:
        def key(e: Event) -> tuple[int, int, str]:
            return (len(self.ctx.allowed_days(e)), -_duration(e), e.id)

        return sorted(self.movable, key=key)

    def run_exact(
        self, progress: Progress | None, time_limit: float, keep: int | None
    ) -> tuple[list[Event], list[Unplaced]] | None:
        """CP-SAT over the candidate slots (see :mod:`.exact`); ``None`` to fall back."""
        from .exact import assign

        self.load_fixed()
        events = self.order()
        chosen = assign(self, events, time_limit=time_limit, keep=keep)
        if chosen is None:
            return None
        for i, e in enumerate(sorted(events, key=lambda ev: ev.id)):
            k = chosen.get(e.id)
            if k is not None:
                table, blocked, _, _, _ = self.evaluate(e)
                if blocked[k]:  # never trust a model blindly: the shared rules decide
                    table, best, _ = self.best(e)
                    if best is None:
                        continue
                    k = best
                self.place(e, table, k)
            if progress:
                progress(i + 1, len(events))
        for e in events:  # events the solver left out: one more greedy try each
            if e.id not in self.placed:
                table, best, _ = self.best(e)
                if best is not None:
                    self.place(e, table, best)
        lang = get_language()
        unplaced = [self.explain(e, lang) for e in events if e.id not in self.placed]
        unplaced.sort(key=lambda u: u.event)
        return events, unplaced

    def run(self, progress: Progress | None) -> tuple[list[Event], list[Unplaced]]:
        import numpy as np

        self.load_fixed()
        events = self.order()
        total = len(events) * 2
        done = 0
        pending: list[Event] = []
        # 1. keep previously published slots where still allowed (fewest moves)
        for e in events:
            prev = self.previous.get(e.id)
            if prev is not None:
                table, blocked, _, _, _ = self.evaluate(e)
                hits = np.flatnonzero((table.start == prev) & ~blocked)
                if len(hits):
                    self.place(e, table, int(hits[0]))
                    continue
            pending.append(e)
        # 2. greedy: most constrained first
        for e in pending:
            table, k, _ = self.best(e)
            if k is not None:
                self.place(e, table, k)
            done += 1
            if progress:
                progress(done, total)
        # 3. one pass of local improvement
        for e in events:
            if e.id in self.placed:
                cur = self.placed[e.id]
                self.unplace(e)
                table, k, sc = self.best(e)
                cur_k = np.flatnonzero(table.start == cur[0])
                cur_score = float(self._soft(e, table)[cur_k[0]]) if len(cur_k) else np.inf
                if k is not None and sc < cur_score - 1e-9:
                    self.place(e, table, k)
                else:
                    self.place(e, table, int(cur_k[0]))
            done += 1
            if progress:
                progress(min(done, total), total)
        lang = get_language()
        unplaced = [self.explain(e, lang) for e in events if e.id not in self.placed]
        unplaced.sort(key=lambda u: u.event)
        return events, unplaced


def _occurrence_for(ctx: Context, s: int, e: int, all_day: bool) -> dict[str, Any]:
    a, b = ctx.local(s), ctx.local(e)
    if all_day:
        return {"start": a.date(), "end": (b - timedelta(days=1)).date()}
    return {"start": a, "end": b}


def plan(
    programme: Programme,
    *,
    previous: Programme | None = None,
    progress: Progress | None = None,
    backend: str = "greedy",
    time_limit: float = 10.0,
    keep: int | None = 64,
) -> Plan:
    """Plan the events that have no dates (and re-plan those the planner placed before).

    - ``previous``: the published plan to stay close to (by default the programme itself: events
      that already carry planned occurrences keep them when still allowed); the diff is against it.
    - ``progress(done, total)`` is called as events are placed.
    - ``backend``: ``"greedy"`` (default, numpy only) or ``"exact"`` (OR-Tools CP-SAT, extra
      ``exact``; ``time_limit`` seconds, at most ``keep`` candidate slots per event, all with
      ``None``). The exact backend places as many events as possible, then minimises the soft
      penalties; it falls back to the greedy planner when the solver finds nothing in time.

    Pinned events and dated events without ``to_plan`` never move. The result is the same
    whatever the order of the events in the file.
    """
    from ..model.base import timezone_context

    if backend not in ("greedy", "exact"):
        from ..errors import InputError

        raise InputError(
            f"méthode de planification inconnue « {backend} » : attendu greedy ou exact",
            f"unknown planning backend '{backend}': expected greedy or exact",
        )
    import math

    from ..errors import InputError

    if (
        isinstance(time_limit, bool)
        or not isinstance(time_limit, int | float)
        or not math.isfinite(time_limit)
        or not 0 < time_limit <= 3600
    ):
        raise InputError(
            f"durée limite de planification invalide « {str(time_limit)[:40]} » : attendu un "
            "nombre de secondes entre 0 (exclu) et 3 600",
            f"invalid planning time limit '{str(time_limit)[:40]}': expected seconds in (0, 3600]",
        )
    if keep is not None and (isinstance(keep, bool) or not isinstance(keep, int) or keep < 1):
        raise InputError(
            f"nombre de créneaux candidats invalide « {str(keep)[:40]} » : attendu un entier ≥ 1",
            f"invalid number of candidate slots '{str(keep)[:40]}': expected an integer ≥ 1",
        )
    with no_gc_pauses():
        planner = _Planner(programme, previous)
        done = None
        if backend == "exact":
            done = planner.run_exact(progress, time_limit, keep)
            if done is None:
                planner = _Planner(programme, previous)
        _events, unplaced = done if done is not None else planner.run(progress)
    ctx = planner.ctx
    unplaced_ids = {u.event for u in unplaced}
    ref = previous if previous is not None else programme
    prev_occ = {
        e.id: e.occurrences for e in ref.events if e.occurrences and e.status.value != "annule"
    }
    new_events: list[Event] = []
    placements: list[Placement] = []
    with timezone_context(programme.timezone):
        from ..model import Occurrence

        for e in programme.events:
            p = planner.placed.get(e.id)
            if p is None:
                if e.id in unplaced_ids and e.to_plan is not None and not e.pinned:
                    new_events.append(e.model_copy(update={"occurrences": ()}))
                else:
                    new_events.append(e)
                continue
            occ = Occurrence.model_validate(_occurrence_for(ctx, p[0], p[1], bool(p[4])))
            moved = e.id in prev_occ and prev_occ[e.id] != (occ,)
            changed = e.occurrences != (occ,)
            update: dict[str, Any] = {"occurrences": (occ,)}
            if changed and e.occurrences:
                update["sequence"] = e.sequence + 1
            new_events.append(e.model_copy(update=update))
            placements.append(Placement(e.id, occ.start, occ.end, occ.all_day, moved))
    planned = programme.with_events(new_events)
    now = {e.id: e for e in planned.events}
    moved_ids = tuple(sorted(p.event for p in placements if p.moved))
    added = tuple(
        sorted(
            i
            for i, e in now.items()
            if e.occurrences and e.status.value != "annule" and i not in prev_occ
        )
    )
    removed = tuple(
        sorted(
            i
            for i in prev_occ
            if i not in now or not now[i].occurrences or now[i].status.value == "annule"
        )
    )
    placements.sort(key=lambda p: (p.start, p.event))
    by_rule = _soft_breakdown(planner, planned)
    return Plan(
        programme=planned,
        placed=tuple(placements),
        unplaced=tuple(unplaced),
        moved=moved_ids,
        added=added,
        removed=removed,
        soft_score=sum(by_rule.values()),
        score_by_rule=by_rule,
    )


def _soft_breakdown(planner: _Planner, planned: Programme) -> dict[str, float]:
    """Soft score of the final plan per rule (lower is better)."""
    import math

    w = planner.w
    pref = wish = 0.0
    moves = 0
    for eid, (s, _e, ls, _le, _ad) in planner.placed.items():
        event = planned.event(eid)
        tp = event.to_plan
        day = ls // DAY
        if tp is not None and tp.preferred:
            pref += min(7, min(abs(day - (d - _EPOCH).days) for d in tp.preferred))
        if tp is not None and Wish.WEEKEND in tp.wishes and (day + 3) % 7 < 5:
            wish += 1
        ef = planner.ctx.config.evening_from
        if (
            tp is not None
            and Wish.EVENING in tp.wishes
            and (ls - day * DAY) < ef.hour * 60 + ef.minute
        ):
            wish += 1
        prev = planner.previous.get(eid)
        if prev is not None and prev != s:
            moves += 1
    # load balance (Timefold's "unfairness"): sqrt of summed squared deviations from the mean,
    # over the season's weeks, then over each quartier's weeks
    ctx = planner.ctx
    first_week = ((ctx.first_day - _EPOCH).days + 3) // 7
    last_week = ((ctx.last_day - _EPOCH).days + 3) // 7
    weeks = range(first_week, last_week + 1)
    loads = [planner.state.loads_week.get(k, 0) for k in weeks]
    mean = sum(loads) / len(loads)
    unfair = math.sqrt(sum((x - mean) ** 2 for x in loads)) / max(1.0, planner.expected_week)
    per_q: dict[str, list[int]] = {}
    for (q, k), n in planner.state.loads_qweek.items():
        if first_week <= k <= last_week and n:
            per_q.setdefault(q, [0] * len(loads))[k - first_week] = n
    q_dev = sum((x - sum(v) / len(v)) ** 2 for v in per_q.values() for x in v)
    unfair += math.sqrt(q_dev) / max(1, len(per_q)) ** 0.5
    out = {
        RuleCode.PREFERRED.value: w[RuleCode.PREFERRED] * pref,
        RuleCode.SPREAD.value: w[RuleCode.SPREAD] * unfair,
        RuleCode.WEEKEND_EVENING.value: w[RuleCode.WEEKEND_EVENING] * wish,
        RuleCode.STABILITY.value: w[RuleCode.STABILITY] * moves,
    }
    return out


def propose_slots(programme: Programme, event_id: str, k: int = 5) -> SlotProposals:
    """The ``k`` best slots for one event, the other events staying where they are.

    Every rejected candidate comes with the reasons it fails (named resource or venue and the
    events that hold it, blackout, closure…).
    """
    import numpy as np

    event = programme.event(event_id)
    planner = _Planner(programme, None)
    planner.fixed = [e for e in planner.ctx.events if e.dated and e.id != event_id]
    if event.id not in planner.ctx.index:
        return SlotProposals(event_id, (), ())
    planner.load_fixed()
    planner.previous.pop(event_id, None)
    table, blocked, score, reasons, _problem = planner.evaluate(event, explain=True)
    lang = get_language()
    ctx = planner.ctx
    order = np.lexsort((table.start, score))
    slots: list[Slot] = []
    rejected: list[Slot] = []
    for c in order.tolist():
        a, b = ctx.local(int(table.start[c])), ctx.local(int(table.end[c]))
        if not blocked[c]:
            if len(slots) < k:
                slots.append(Slot(a, b, float(score[c])))
            continue
        texts = []
        for r in reasons[c]:
            parts = r.split("|")
            if parts[0] == "U":
                label = parts[4] or parts[2]
                texts.append(
                    f"{RuleCode(parts[1]).value} : {label}" + (f" ({parts[3]})" if parts[3] else "")
                )
            else:
                rule, item, _kind = planner.groups.keys[int(parts[1])]
                ids = [ctx.events[int(x)].id for x in parts[2].split(",") if x]
                texts.append(
                    f"{M.text(f'what.{rule.value}', lang)} « {item} » : " + M.names(ids, lang=lang)
                )
        rejected.append(Slot(a, b, float(score[c]), tuple(texts)))
    rejected.sort(key=lambda s: s.start)
    return SlotProposals(event_id, tuple(slots), tuple(rejected))
