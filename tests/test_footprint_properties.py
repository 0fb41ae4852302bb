"""Invariants of the footprint: additive, monotone, never negative, unit-independent; Monte Carlo
behaviour (median near the central value, wider with worse tiers, season factors shared)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from footprint_helpers import isolated, make_event
from nqe_events.footprint import estimate_footprint, estimate_programme

MEALS = ["vegetarian", "vegan", "chicken", "beef", "pork", "fish-white", "fish-oily", "unknown"]
DRINKS = ["bottled-water", "soda", "beer", "wine", "coffee", "tea", "milk", "tap-water"]
MODES = [
    "walk",
    "bike",
    "e-bike",
    "tram",
    "metro",
    "bus-thermal",
    "bus-electric",
    "scheduled-coach",
    "ter",
]
STREAMS = [("residual", "unknown"), ("cardboard", "recycling"), ("biowaste", "composting")]
TIERS = ["measured", "invoice", "estimate", "default"]

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

meals = st.dictionaries(st.sampled_from(MEALS), st.integers(0, 500), max_size=4)
drinks = st.dictionaries(st.sampled_from(DRINKS), st.integers(0, 300), max_size=4)
waste = st.lists(st.tuples(st.sampled_from(STREAMS), st.integers(0, 400)), max_size=3)


def _total(fp: dict[str, Any]) -> float:
    return estimate_footprint(make_event(fp), draws=100, levers=0).total_kgco2e


def _parts(m: dict[str, int], d: dict[str, int], w: list[Any]) -> dict[str, Any]:
    return isolated(
        catering={"meals": m, "drinks": {k: f"{v} L" for k, v in d.items()}},
        waste=[{"stream": s, "treatment": t, "mass": f"{kg} kg"} for (s, t), kg in w],
    )


@FAST
@given(meals, drinks, waste, waste)
def test_additive_over_inputs(
    m: dict[str, int], d: dict[str, int], w1: list[Any], w2: list[Any]
) -> None:
    whole = _total(_parts(m, d, w1 + w2))
    pieces = _total(_parts(m, {}, [])) + _total(_parts({}, d, [])) + _total(_parts({}, {}, w1))
    pieces += _total(_parts({}, {}, w2))
    assert whole == pytest.approx(pieces, rel=1e-9, abs=1e-9)


@FAST
@given(meals, st.sampled_from(MEALS), st.integers(1, 200))
def test_monotone_in_quantities(m: dict[str, int], meal: str, extra: int) -> None:
    more = dict(m)
    more[meal] = more.get(meal, 0) + extra
    assert _total(_parts(more, {}, [])) > _total(_parts(m, {}, []))


@FAST
@given(
    meals,
    drinks,
    waste,
    st.sampled_from(MODES),
    st.floats(0, 200, allow_nan=False),
    st.integers(0, 5000),
    st.sampled_from(TIERS),
)
def test_never_negative(
    m: dict[str, int], d: dict[str, int], w: list[Any], mode: str, km: float, n: int, tier: str
) -> None:
    fp = _parts(m, d, w)
    fp["attendance"] = n
    fp["audience"] = {"modes": [{"mode": mode, "share": 1, "distance": f"{km} km", "tier": tier}]}
    report = estimate_footprint(make_event(fp), draws=200)
    assert report.total_kgco2e >= 0
    assert report.interval_90[0] >= 0
    assert all(v >= 0 for v in report.by_category.values())
    assert all(line.kgco2e >= 0 for line in report.lines)
    assert all(lv.delta_kgco2e < 0 for lv in report.levers)


@FAST
@given(st.integers(1, 50_000), st.sampled_from(MODES[1:]))
def test_equivalent_units_give_the_same_result(metres: int, mode: str) -> None:
    def with_distance(text: str) -> float:
        return _total(isolated(audience={"modes": [{"mode": mode, "share": 1, "distance": text}]}))

    assert with_distance(f"{metres} m") == pytest.approx(with_distance(f"{metres / 1000} km"))


def test_8000_m_is_8_km() -> None:
    fp = isolated(audience={"modes": [{"mode": "bus", "share": 1, "distance": "8000 m"}]})
    fp_km = isolated(audience={"modes": [{"mode": "bus", "share": 1, "distance": "8 km"}]})
    assert _total(fp) == pytest.approx(_total(fp_km))
    litres = isolated(water="2000 L", catering={"drinks": {"beer": "1 m**3"}})
    cubic = isolated(water="2 m**3", catering={"drinks": {"beer": "1000 L"}})
    assert _total(litres) == pytest.approx(_total(cubic))


def _rich(tier: str) -> dict[str, Any]:
    return isolated(
        attendance=800,
        audience={
            "modes": [
                {"mode": "walk", "share": 0.5, "distance": "3 km", "tier": tier},
                {"mode": "bus", "share": 0.3, "distance": "8 km", "tier": tier},
                {"mode": "car", "share": 0.2, "distance": "12 km", "occupancy": 2, "tier": tier},
            ]
        },
        energy={"grid": {"amount": "300 kWh", "tier": tier}},
        catering={"meals": {"chicken": {"amount": 200, "tier": tier}}},
        waste=[{"stream": "residual", "mass": "150 kg", "tier": tier}],
    )


@pytest.mark.parametrize("tier", TIERS)
def test_monte_carlo_median_near_central_value(tier: str) -> None:
    """Factors are lognormal with median = published value (symmetric in log space), so the
    Monte Carlo median stays within 5 % of the central value."""
    report = estimate_footprint(make_event(_rich(tier)), draws=20_000)
    assert report.median_kgco2e == pytest.approx(report.total_kgco2e, rel=0.05)
    lo, hi = report.interval_90
    assert lo < report.total_kgco2e < hi


def test_single_line_median_is_the_central_value() -> None:
    fp = isolated(energy={"grid": "1000 kWh"})
    report = estimate_footprint(make_event(fp), draws=50_000)
    assert report.median_kgco2e == pytest.approx(52.0, rel=0.01)
    # grid ±10 % (published) and estimate tier ±25 %: combined 95 % half-width in log space
    import math

    s = math.hypot(math.log(1.10), math.log(1.25)) / 1.96
    assert report.interval_90[1] == pytest.approx(52.0 * math.exp(1.6449 * s), rel=0.02)
    assert report.interval_90[0] == pytest.approx(52.0 * math.exp(-1.6449 * s), rel=0.02)


def test_interval_widens_when_tiers_get_worse() -> None:
    widths = []
    for tier in TIERS:
        report = estimate_footprint(make_event(_rich(tier)), draws=20_000)
        lo, hi = report.interval_90
        widths.append((hi - lo) / report.total_kgco2e)
    assert widths == sorted(widths)
    assert widths[-1] > widths[0] * 1.2


def test_seeded_and_reproducible() -> None:
    event = make_event(_rich("estimate"))
    a = estimate_footprint(event, draws=2000, seed=7)
    b = estimate_footprint(event, draws=2000, seed=7)
    c = estimate_footprint(event, draws=2000, seed=8)
    assert a.interval_90 == b.interval_90
    assert a.levers == b.levers
    assert a.interval_90 != c.interval_90
    assert a.total_kgco2e == c.total_kgco2e


def test_event_alone_equals_event_inside_programme() -> None:
    events = [make_event(_rich(t), event_id=f"ev-{t}") for t in TIERS]
    season = estimate_programme(events, draws=3000, event_draws=None)
    for event in events:
        alone = estimate_footprint(event, draws=3000)
        inside = season.event(event.id)
        assert inside.total_kgco2e == alone.total_kgco2e
        assert inside.interval_90 == pytest.approx(alone.interval_90, rel=1e-5)
        assert [lv.lever for lv in inside.levers] == [lv.lever for lv in alone.levers]
        for a, b in zip(inside.levers, alone.levers, strict=True):
            assert a.delta_kgco2e == b.delta_kgco2e
            assert a.interval_90 == pytest.approx(b.interval_90, rel=1e-4)


def test_season_interval_shares_factor_errors() -> None:
    """Factor errors are shared by all events: the season's relative band stays close to one
    event's, instead of shrinking as 1/√N as it would with independent errors."""
    n = 64
    events = [make_event(_rich("measured"), event_id=f"ev-{i}") for i in range(n)]
    season = estimate_programme(events, draws=5000, levers=0)
    one = season.events[0]
    rel_event = (one.interval_90[1] - one.interval_90[0]) / one.total_kgco2e
    rel_season = (season.interval_90[1] - season.interval_90[0]) / season.total_kgco2e
    assert season.total_kgco2e == pytest.approx(n * one.total_kgco2e)
    assert rel_season > 0.8 * rel_event  # independent errors would give about rel_event / 8
    assert season.interval_90[0] < season.total_kgco2e < season.interval_90[1]
