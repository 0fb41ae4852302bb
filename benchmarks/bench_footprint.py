"""Season footprint of 5,000 events with 10,000 Monte Carlo draws, against a per-event pint loop.

Target (issue 6): ``estimate_programme`` on 5,000 events × 10,000 draws in under 3 s, including
the 90 % interval of each poste for every event and for the season. The baseline,
measured in the same run, is the straightforward implementation: for each event, for each activity
line, multiply pint quantities holding the draws (factor × quantity → kgCO2e), add them up, take the
event's quantiles, add the event to the season. It is timed on a slice of the events and scaled
linearly (it is linear in the number of events).
"""

from __future__ import annotations

import statistics
import time
from typing import Any

N_EVENTS = 5_000
DRAWS = 10_000
BASELINE_EVENTS = 100
RUNS = 3


def _events() -> list[Any]:
    from nqe_events.io import load_example

    sample = load_example().events
    return [
        sample[i % len(sample)].model_copy(update={"id": f"{sample[i % len(sample)].id}-{i}"})
        for i in range(N_EVENTS)
    ]


def _baseline(events: list[Any], draws: int, seed: int) -> float:
    """Per-event loop over pint quantities; returns the season's median (to use the result)."""
    import numpy as np

    from nqe_events.footprint import load_factors
    from nqe_events.footprint.factors import expected_unit
    from nqe_events.footprint.inputs import compile_event
    from nqe_events.footprint.uncertainty import factor_multipliers, sigma_of
    from nqe_events.units import Q_

    fs = load_factors()
    g = factor_multipliers(fs.sigmas, draws, seed)
    tiers = {t: sigma_of(u) for t, u in fs.tier_uncertainty.items()}
    rng = np.random.default_rng(seed)
    season = Q_(np.zeros(draws), "kgCO2e")
    for event in events:
        total = Q_(np.zeros(draws), "kgCO2e")
        for line in compile_event(event, fs).lines:
            unit = expected_unit(line.factor)
            factor = Q_(fs[line.factor].value * g[fs.index(line.factor)], unit)
            noise = np.exp(tiers[line.tier] * rng.standard_normal(draws))
            quantity = Q_(line.quantity * noise, unit.split("/", 1)[1])
            total = total + (factor * quantity).to("kgCO2e")
        np.quantile(total.magnitude, (0.05, 0.5, 0.95))
        season = season + total
    return float(np.median(season.magnitude))


def main() -> None:
    from nqe_events.footprint import estimate_programme

    t0 = time.perf_counter()
    events = _events()
    build = time.perf_counter() - t0
    estimate_programme(events[:50], draws=DRAWS)  # warm caches (factor set, unit conversions)

    ours = []
    cpu = []
    season = None
    for _ in range(RUNS):
        t, c = time.perf_counter(), time.process_time()
        season = estimate_programme(events, draws=DRAWS)
        ours.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    assert season is not None
    best = min(ours)

    t, c = time.perf_counter(), time.process_time()
    _baseline(events[:BASELINE_EVENTS], DRAWS, 2024)
    base = (time.perf_counter() - t) * N_EVENTS / BASELINE_EVENTS
    base_cpu = (time.process_time() - c) * N_EVENTS / BASELINE_EVENTS

    lo, hi = season.interval_90
    print(f"events {N_EVENTS}, draws {DRAWS} (programme built in {build:.1f} s, not timed)")
    print(
        f"estimate_programme        {best:8.2f} s  (median of {RUNS}: "
        f"{statistics.median(ours):.2f} s; target < 3 s)"
    )
    print(
        f"  CPU time                {min(cpu):8.2f} s  (all threads; wall time above is inflated "
        "when other processes share the cores)"
    )
    print(
        f"per-event pint loop       {base:8.2f} s  (measured on {BASELINE_EVENTS} events, scaled)"
        f"  ratio {base / best:6.1f}x (CPU {base_cpu:.1f} s, ratio {base_cpu / min(cpu):.1f}x)"
    )
    print(
        f"season: {season.total_kgco2e / 1000:,.1f} tCO2e, 90 % [{lo / 1000:,.1f}, {hi / 1000:,.1f}], "
        f"{sum(len(r.levers) for r in season.events)} levers priced"
    )
    print(
        "postes (90 %): "
        + "; ".join(
            f"{c} [{lo / 1000:,.1f}, {hi / 1000:,.1f}]"
            for c, (lo, hi) in season.by_category_interval_90.items()
        )
    )


if __name__ == "__main__":
    main()
