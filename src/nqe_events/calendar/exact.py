"""Optional exact backend of :func:`nqe_events.calendar.planner.plan`: OR-Tools CP-SAT.

Install with ``pip install 'nqe-events[exact]'`` and call ``plan(programme, backend="exact")``.

The model is built from the very rows the greedy planner checks (:mod:`.constraints`): one boolean
per (event, candidate slot) and one "unplaced" boolean per event, exactly one of them true.

- capacity-1 groups (venue, resource, organiser, quartier gap): two candidates of different events
  whose rows clash (same predicate as ``find_clashes``: overlap, transfer time, same-venue
  exemption for resources) are never both chosen;
- pools (capacity k): at every start instant of a row of the group, chosen candidates active then
  plus the fixed events active then stay within k;
- quartier days: at most N per quartier and day, fixed events included.

The objective is lexicographic in practice: each unplaced event costs more than any soft penalty,
then the soft penalties of the chosen slots (preferred dates, wishes, stability, and the weekly
spread measured against the fixed events). ``keep`` limits the candidates per event to the best
ones by soft penalty (all when ``None``), which keeps the model small on large programmes. The
solve is single-threaded with a fixed seed: the same programme gives the same plan. Whatever the
solver returns is re-checked slot by slot with the shared rules before it is accepted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..model.calendar_terms import RuleCode
from .clashes import overlapping_pairs

if TYPE_CHECKING:
    from ..model import Event

__all__ = ["assign"]

UNPLACED_COST = 10_000_000


def _require() -> Any:
    from .._render import require_extra

    return require_extra("ortools.sat.python.cp_model", "exact")


def assign(
    planner: Any, events: list[Event], *, time_limit: float = 10.0, keep: int | None = 64
) -> dict[str, int] | None:
    """Candidate index chosen for each event id (events left out are unplaced).

    ``None`` when the solver found no solution within ``time_limit`` (the caller falls back to
    the greedy planner).
    """
    import numpy as np

    cp_model = _require()
    model = cp_model.CpModel()
    order = sorted(events, key=lambda e: e.id)
    # candidates allowed against the fixed events, best first
    kept: dict[str, Any] = {}
    x: dict[tuple[str, int], Any] = {}
    cost: list[tuple[Any, int]] = []
    for e in order:
        table, blocked, score, _, _ = planner.evaluate(e)
        ok = np.flatnonzero(~blocked)
        if keep is not None and len(ok) > keep:
            best = np.lexsort((table.start[ok], score[ok]))[:keep]
            ok = np.sort(ok[best])
        kept[e.id] = ok
        u = model.new_bool_var(f"u[{e.id}]")
        lits = [u]
        for k in ok.tolist():
            var = model.new_bool_var(f"x[{e.id},{k}]")
            x[(e.id, k)] = var
            lits.append(var)
            cost.append((var, round(float(score[k]) * 100)))
        model.add_exactly_one(lits)
        cost.append((u, UNPLACED_COST))

    # rows of the kept candidates, all events together
    parts: dict[str, list[Any]] = {k: [] for k in ("g", "s", "e", "t", "v", "d", "var")}
    var_list: list[Any] = []
    owner: list[str] = []
    for e in order:
        _table, _problem, rows, _unary = planner.cands[e.id]
        ok = kept[e.id]
        if len(ok) == 0 or len(rows.group) == 0:
            continue
        mask = np.isin(rows.occ, ok)
        for key, col in (
            ("g", rows.group),
            ("s", rows.start),
            ("e", rows.end),
            ("t", rows.transfer),
            ("v", rows.venue),
            ("d", rows.day),
        ):
            parts[key].append(col[mask])
        for k in rows.occ[mask].tolist():
            parts["var"].append(len(var_list))
            var_list.append(x[(e.id, int(k))])
            owner.append(e.id)
    if var_list:
        g = np.concatenate(parts["g"])
        s = np.concatenate(parts["s"])
        en = np.concatenate(parts["e"])
        t = np.concatenate(parts["t"])
        v = np.concatenate(parts["v"])
        d = np.concatenate(parts["d"])
        keys = planner.groups.keys
        caps = planner.groups.capacity
        cap = caps[g]
        is_day = d >= 0
        # capacity-1 interval groups: pairwise exclusions
        single = np.flatnonzero((cap == 1) & ~is_day)
        if len(single) > 1:
            i, j = overlapping_pairs(g[single], s[single], en[single] + t[single])
            a, b = single[i], single[j]
            raw = (s[a] < en[b]) & (s[b] < en[a])
            resource = np.array([k[0] == RuleCode.RESOURCE for k in keys], dtype=bool)[g[a]]
            exempt = resource & (v[a] == v[b]) & ~raw
            seen: set[tuple[int, int]] = set()
            for p, q in zip(a[~exempt].tolist(), b[~exempt].tolist(), strict=True):
                if owner[p] == owner[q]:
                    continue  # alternatives of one event: already exclusive
                pair = (min(p, q), max(p, q))
                if pair not in seen:
                    seen.add(pair)
                    model.add_bool_or([var_list[p].Not(), var_list[q].Not()])
        # pools: at every start instant of the group's rows (candidates and fixed)
        for grp in np.unique(g[(cap > 1) & ~is_day]).tolist():
            rows_g = np.flatnonzero((g == grp) & ~is_day)
            xs, xe, xt, _xv, _xev = planner.state.arrays(grp)
            points = np.unique(np.concatenate((s[rows_g], xs)))
            for p in points.tolist():
                active = rows_g[(s[rows_g] <= p) & (p < en[rows_g] + t[rows_g])]
                if len(active) == 0:
                    continue
                fixed = int(np.sum((xs <= p) & (p < xe + xt))) if len(xs) else 0
                model.add(sum(var_list[r] for r in active.tolist()) <= int(caps[grp]) - fixed)
        # quartier days
        day_rows = np.flatnonzero(is_day)
        if len(day_rows):
            combo = g[day_rows] * 1_000_000 + (d[day_rows] - int(d[day_rows].min()))
            _, inverse = np.unique(combo, return_inverse=True)
            for grp_idx in range(int(inverse.max()) + 1):
                rows_q = day_rows[inverse == grp_idx]
                grp, day = int(g[rows_q[0]]), int(d[rows_q[0]])
                fixed = len(planner.state.days.get(grp, {}).get(day, ()))
                model.add(sum(var_list[r] for r in rows_q.tolist()) <= int(caps[grp]) - fixed)

    model.minimize(sum(c * var for var, c in cost))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = float(time_limit)
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    chosen: dict[str, int] = {}
    for (eid, k), var in x.items():
        if solver.boolean_value(var):
            chosen[eid] = k
    return chosen
