"""Calendar benchmarks (issue 4), each against a baseline measured in the same run.

1. ``find_clashes`` on 100,000 dated events over 2,000 venues and 200 shared resources (plus 1,000
   organisers and 2,000 quartiers, events between 09:00 and 23:45), against a brute-force pairwise check in pure Python. The brute
   force is run on a random subsample and extrapolated by (n / n_sub)², which is how an O(n²)
   algorithm grows; both are also timed on the same subsample for a like-for-like ratio.
   Targets: ≥ 50× faster than brute force, under 1 s.
2. ``plan`` places 2,000 undated events into a summer of 62 days (200 quartiers, 400 venues,
   30 shared resources): target under 10 s with zero hard clashes (checked by find_clashes),
   printing how many it placed and its soft score.

The programmes are built with ``model_construct`` (no validation): building 100,000 validated
events is not what is measured. Run: ``python benchmarks/bench_calendar.py`` or ``make bench``.
"""

from __future__ import annotations

import random
import time
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from nqe_events.calendar.clashes import find_clashes
from nqe_events.calendar.planner import plan
from nqe_events.model import (
    Event,
    Occurrence,
    Organiser,
    OrganiserKind,
    Programme,
    Quartier,
    Resource,
    ToPlan,
    Venue,
)
from nqe_events.model.event import DateWindow
from nqe_events.model.planning import PlanningConfig
from nqe_events.units import parse_quantity

PARIS = ZoneInfo("Europe/Paris")
SEASON = date(2024, 7, 1)


def _programme(
    rng: random.Random,
    *,
    n_venues: int,
    n_resources: int,
    n_organisers: int,
    n_quartiers: int,
    planning: PlanningConfig,
) -> dict[str, Any]:
    quartiers = [
        Quartier.model_construct(id=f"q{i}", name=f"Q{i}", communes=("Lille",), departement="59")
        for i in range(n_quartiers)
    ]
    venues = [
        Venue.model_construct(
            id=f"v{i}", name=f"V{i}", commune="Lille", quartier=f"q{i % n_quartiers}"
        )
        for i in range(n_venues)
    ]
    resources = [
        Resource.model_construct(id=f"r{i}", name=f"R{i}", capacity=rng.choice([1, 1, 1, 2, 3]))
        for i in range(n_resources)
    ]
    organisers = [
        Organiser.model_construct(
            id=f"o{i}", name=f"O{i}", kind=OrganiserKind.ASSOCIATION, teams=rng.choice([1, 1, 2, 3])
        )
        for i in range(n_organisers)
    ]
    return {
        "season": 2024,
        "name": "bench",
        "quartiers": tuple(quartiers),
        "venues": tuple(venues),
        "resources": tuple(resources),
        "organisers": tuple(organisers),
        "planning": planning,
    }


def dated_programme(n: int, seed: int = 1) -> Programme:
    rng = random.Random(seed)
    parts = _programme(
        rng,
        n_venues=2000,
        n_resources=200,
        n_organisers=1000,
        n_quartiers=2000,
        planning=PlanningConfig(),
    )
    events = []
    for i in range(n):
        day = SEASON + timedelta(days=rng.randrange(62))
        start = datetime(
            day.year,
            day.month,
            day.day,
            rng.randrange(9, 20),
            rng.choice([0, 15, 30, 45]),
            tzinfo=PARIS,
        )
        end = start + timedelta(minutes=rng.choice([60, 90, 120, 180, 240]))
        v = rng.randrange(2000)
        res = (f"r{rng.randrange(200)}",) if rng.random() < 0.3 else ()
        events.append(
            Event.model_construct(
                id=f"e{i}",
                title=f"E{i}",
                organiser=f"o{rng.randrange(1000)}",
                venue=f"v{v}",
                quartiers=(f"q{v % 2000}",),
                resources=res,
                occurrences=(Occurrence.model_construct(start=start, end=end, all_day=False),),
            )
        )
    return Programme.model_construct(events=tuple(events), **parts)


def brute_force(programme: Programme) -> int:
    """Every pair of events, every hard group rule (capacity-1 semantics): O(n²) in Python."""
    rows = []
    for e in programme.events:
        o = e.occurrences[0]
        rows.append(
            (
                int(o.start.timestamp()) // 60,
                int(o.end.timestamp()) // 60,
                e.venue,
                set(e.resources),
                e.organiser,
                set(e.quartiers),
                o.start.date(),
            )
        )
    found = 0
    for i in range(len(rows)):
        si, ei, vi, ri, oi, qi, di = rows[i]
        for j in range(i + 1, len(rows)):
            sj, ej, vj, rj, oj, qj, dj = rows[j]
            overlap = si < ej and sj < ei
            if overlap and (vi == vj or oi == oj or ri & rj):
                found += 1
            if di == dj and qi & qj:
                found += 1
    return found


def bench_clashes() -> None:
    n = 100_000
    t0 = time.perf_counter()
    programme = dated_programme(n)
    print(f"built {n:,} events in {time.perf_counter() - t0:.1f} s (not measured)")
    best = best_cpu = float("inf")
    for _ in range(5):
        t0, c0 = time.perf_counter(), time.process_time()
        report = find_clashes(programme)
        best = min(best, time.perf_counter() - t0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    print(
        f"find_clashes, {n:,} events / 2,000 venues / 200 resources: {best:.3f} s wall, "
        f"{best_cpu:.3f} s CPU (best of 5), {len(report):,} clashes"
    )
    sub_n = 4_000
    rng = random.Random(7)
    sub = programme.model_copy(update={"events": tuple(rng.sample(programme.events, sub_n))})
    t0 = time.perf_counter()
    brute_count = brute_force(sub)
    brute = time.perf_counter() - t0
    t0 = time.perf_counter()
    find_clashes(sub)
    ours_sub = time.perf_counter() - t0
    extrapolated = brute * (n / sub_n) ** 2
    print(
        f"brute force on a {sub_n:,}-event subsample: {brute:.2f} s ({brute_count:,} pairs); "
        f"find_clashes on the same subsample: {ours_sub:.4f} s → {brute / ours_sub:.0f}×"
    )
    print(
        f"brute force extrapolated to {n:,} events (× (n/n_sub)²): {extrapolated:,.0f} s "
        f"→ find_clashes is {extrapolated / best:,.0f}× faster (target ≥ 50×, < 1 s: "
        f"{'OK' if extrapolated / best >= 50 and best < 1 else 'MISSED'}; on a loaded "
        f"machine compare the CPU time)"
    )


def summer_to_plan(n: int = 2000, seed: int = 3) -> Programme:
    rng = random.Random(seed)
    planning = PlanningConfig.model_validate(
        {
            "season_start": "2024-07-01",
            "season_end": "2024-08-31",
            "day_start": "10:00",
            "day_end": "22:00",
        }
    )
    parts = _programme(
        rng, n_venues=400, n_resources=30, n_organisers=300, n_quartiers=200, planning=planning
    )
    hours = [parse_quantity(f"{h} h", "[time]") for h in (1, 2, 3, 4)]
    events = []
    for i in range(n):
        v = rng.randrange(400)
        lo = rng.randrange(0, 48)
        hi = min(61, lo + rng.randrange(14, 40))
        window = DateWindow.model_construct(
            start=SEASON + timedelta(days=lo), end=SEASON + timedelta(days=hi)
        )
        preferred = (
            (SEASON + timedelta(days=rng.randrange(lo, hi + 1)),) if rng.random() < 0.5 else ()
        )
        tp = ToPlan.model_construct(
            duration=rng.choice(hours), window=window, preferred=preferred, weekdays=None, wishes=()
        )
        res = (f"r{rng.randrange(30)}",) if rng.random() < 0.25 else ()
        events.append(
            Event.model_construct(
                id=f"p{i:04d}",
                title=f"P{i}",
                organiser=f"o{rng.randrange(300)}",
                venue=f"v{v}",
                quartiers=(f"q{v % 200}",),
                resources=res,
                occurrences=(),
                to_plan=tp,
            )
        )
    return Programme.model_construct(events=tuple(events), **parts)


def preferred_penalty(result: Any) -> int:
    """Days away from a preferred date (capped at 7), summed: the PREFERRED term, unweighted."""
    total = 0
    for p in result.placed:
        event = result.programme.event(p.event)
        if event.to_plan is not None and event.to_plan.preferred:
            day = p.start.date()
            total += min(7, min(abs((day - d).days) for d in event.to_plan.preferred))
    return total


def bench_plan() -> None:
    programme = summer_to_plan()
    t0, c0 = time.perf_counter(), time.process_time()
    result = plan(programme)
    took, cpu = time.perf_counter() - t0, time.process_time() - c0
    clashes = find_clashes(result.programme)
    print(
        f"plan, 2,000 undated events / 200 quartiers / 400 venues / 30 resources / 62 days: "
        f"{took:.2f} s (CPU {cpu:.2f} s); placed {len(result.placed):,}, unplaced "
        f"{len(result.unplaced)}, hard clashes after planning (find_clashes): {len(clashes)}"
    )
    print(
        f"  soft score {result.soft_score:.1f} (lower is better): "
        + ", ".join(f"{k} {v:.1f}" for k, v in result.score_by_rule.items())
    )
    # baseline in the same run: the same planner with the soft rules switched off, i.e. the
    # earliest allowed slot for each event
    off = PlanningConfig.model_validate(
        {
            **programme.planning.model_dump(mode="json", exclude_defaults=True),
            "disabled": ["PREFERRED", "SPREAD", "WEEKEND_EVENING", "STABILITY"],
        }
    )
    t0 = time.perf_counter()
    base = plan(programme.model_copy(update={"planning": off}))
    base_took = time.perf_counter() - t0
    ours, theirs = preferred_penalty(result), preferred_penalty(base)
    print(
        f"  baseline (soft rules off, earliest allowed slot): {base_took:.2f} s, placed "
        f"{len(base.placed):,}; days away from preferred dates: {theirs:,} vs {ours:,} with "
        f"the soft rules ({theirs / max(ours, 1):.1f}× fewer)"
    )
    print(
        f"  target < 10 s with zero hard clashes: "
        f"{'OK' if took < 10 and not len(clashes) else 'MISSED'}"
    )
    try:
        t0 = time.perf_counter()
        exact = plan(programme, backend="exact", time_limit=10.0)
        exact_took = time.perf_counter() - t0
        print(
            f"  exact backend (OR-Tools CP-SAT, 10 s solver limit, 64 slots per event): "
            f"{exact_took:.2f} s, placed {len(exact.placed):,}, soft score "
            f"{exact.soft_score:.1f} vs {result.soft_score:.1f} greedy, hard clashes "
            f"{len(find_clashes(exact.programme))}"
        )
    except ImportError:
        print("  exact backend: OR-Tools not installed (pip install 'nqe-events[exact]')")


def main() -> None:
    bench_clashes()
    bench_plan()


if __name__ == "__main__":
    main()
