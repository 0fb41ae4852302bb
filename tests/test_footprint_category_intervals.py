"""The 90 % interval of each poste (``by_category_interval_90``), for an event and for a season.

What must hold (a Monte Carlo interval of a skewed lognormal need not contain the central value, so
that is NOT tested): bounds ordered and non-negative; reproducible from the seed; ``(0, 0)`` for a
poste without emissions; a poste that holds all of an event's emissions has exactly the total's
interval; in a season each factor's error is shared by every event, and the activity errors of an
event are drawn from its id (so two copies of one event with the same id move together, while
copies with different ids only share the factor errors).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import matplotlib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

matplotlib.use("Agg")

import nqe_events as nqe
from footprint_helpers import isolated, make_event
from nqe_events.footprint import CATEGORIES, estimate_footprint, estimate_programme
from nqe_events.footprint.messages import category_label
from nqe_events.report import plot_footprint
from nqe_events.report.adapters import footprint_estimates_by_category

FAST = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MEALS = ["vegetarian", "vegan", "chicken", "beef", "pork", "fish-white", "unknown"]
STREAMS = [("residual", "unknown"), ("cardboard", "recycling"), ("biowaste", "composting")]
MODES = ["walk", "bike", "tram", "bus-thermal", "scheduled-coach", "ter"]

meals = st.dictionaries(st.sampled_from(MEALS), st.integers(0, 500), max_size=4)
waste = st.lists(st.tuples(st.sampled_from(STREAMS), st.integers(0, 400)), max_size=3)


def _mixed(m: dict[str, int], w: list[Any], mode: str, km: float) -> dict[str, Any]:
    return isolated(
        catering={"meals": m},
        waste=[{"stream": s, "treatment": t, "mass": f"{kg} kg"} for (s, t), kg in w],
        audience={"modes": [{"mode": mode, "share": 1, "distance": f"{km} km"}]},
    )


def _flat(value: Any) -> list[float]:
    """A mapping or a sequence of pairs/triples as one flat list (pytest.approx is not nested)."""
    if isinstance(value, dict):
        return [x for k in sorted(value) for x in _flat(value[k])]
    if isinstance(value, tuple | list):
        return [x for v in value for x in _flat(v)]
    return [float(value)]


def _meals_event(event_id: str = "ev", **m: int) -> Any:
    return make_event(isolated(catering={"meals": m}), event_id)


@pytest.fixture(scope="module")
def season() -> Any:
    return estimate_programme(nqe.load_example(), draws=2_000)


# --- invariants -----------------------------------------------------------------------------


@FAST
@given(meals, waste, st.sampled_from(MODES), st.floats(0, 100, allow_nan=False))
def test_event_poste_bounds_ordered_non_negative_and_zero_without_emissions(
    m: dict[str, int], w: list[Any], mode: str, km: float
) -> None:
    report = estimate_footprint(make_event(_mixed(m, w, mode, km)), draws=300, levers=0)
    assert set(report.by_category_interval_90) == set(CATEGORIES)
    for category, (lo, hi) in report.by_category_interval_90.items():
        assert 0.0 <= lo <= hi
        if report.by_category[category] == 0.0:
            assert (lo, hi) == (0.0, 0.0)
        elif report.by_category[category] > 1e-30:  # the draws are float32 (tinier ones vanish)
            assert hi > 0.0


@FAST
@given(meals.filter(lambda m: sum(m.values()) > 0))
def test_a_poste_holding_all_emissions_has_the_total_interval(m: dict[str, int]) -> None:
    # every line outside catering is zero (walking 0 km, 0 L of water): the restauration row
    # uses the same factor draws, the same activity moments and the same normals as the total
    report = estimate_footprint(_meals_event(**m), draws=500, levers=0)
    assert report.by_category["restauration"] == pytest.approx(report.total_kgco2e)
    assert report.by_category_interval_90["restauration"] == pytest.approx(
        report.interval_90, rel=1e-6
    )


def test_single_line_event_poste_interval_equals_total_interval() -> None:
    report = estimate_footprint(_meals_event(beef=100))
    assert [ln.factor for ln in report.lines if ln.kgco2e > 0] == ["meal.beef"]
    assert report.by_category_interval_90["restauration"] == pytest.approx(
        report.interval_90, rel=1e-6
    )


def test_poste_with_only_zero_lines_is_zero_zero() -> None:
    # walking and tap water (0 L) give lines whose emissions are zero
    walking = {"modes": [{"mode": "walk", "share": 1, "distance": "2 km"}]}
    report = estimate_footprint(
        make_event(isolated(catering={"meals": {"beef": 10}}, audience=walking))
    )
    assert any(ln.category == "mobilite-publics" for ln in report.lines)
    assert report.by_category["mobilite-publics"] == 0.0
    assert report.by_category_interval_90["mobilite-publics"] == (0.0, 0.0)
    assert report.by_category_interval_90["eau"] == (0.0, 0.0)
    assert report.by_category_interval_90["energie"] == (0.0, 0.0)  # no line at all


def test_subnormal_activity_gives_finite_intervals_regression() -> None:
    # guards lognormal_from_moments: mean² underflowed to 0 and var / mean² warned (nan)
    fp = isolated(
        audience={"modes": [{"mode": "bus-thermal", "share": 1, "distance": "5e-324 km"}]}
    )
    report = estimate_footprint(make_event(fp), draws=300)
    assert report.interval_90 == (0.0, 0.0)
    assert report.by_category_interval_90["mobilite-publics"] == (0.0, 0.0)


def test_same_seed_same_poste_intervals_other_seed_other_ones() -> None:
    event = make_event(
        _mixed({"beef": 80, "vegan": 40}, [(("residual", "unknown"), 50)], "ter", 30)
    )
    a = estimate_footprint(event, draws=1_000, seed=7)
    b = estimate_footprint(event, draws=1_000, seed=7)
    c = estimate_footprint(event, draws=1_000, seed=8)
    assert a.by_category_interval_90 == b.by_category_interval_90
    assert a.by_category_interval_90["restauration"] != c.by_category_interval_90["restauration"]
    s1 = estimate_programme([event, _meals_event("other", pork=30)], draws=1_000, seed=7)
    s2 = estimate_programme([event, _meals_event("other", pork=30)], draws=1_000, seed=7)
    assert s1.by_category_interval_90 == s2.by_category_interval_90


def test_event_poste_intervals_are_the_same_alone_or_inside_a_season() -> None:
    # the factor draws depend only on the seed and the activity normals on the event id
    event = make_event(
        _mixed({"beef": 80, "vegan": 40}, [(("residual", "unknown"), 50)], "ter", 30)
    )
    other = _meals_event("other", chicken=300)
    alone = estimate_footprint(event, draws=1_000)
    season = estimate_programme([other, event], draws=1_000, event_draws=None)
    assert _flat(season.event("ev").by_category_interval_90) == pytest.approx(
        _flat(alone.by_category_interval_90), rel=1e-6
    )


def test_poste_interval_uses_the_poste_own_activity_spread() -> None:
    # same central restauration in both events; the second adds a much bigger waste line: the
    # restauration interval must not change (it is the poste's own draws, not a share of the
    # event's total band)
    lone = estimate_footprint(_meals_event("ev", beef=50), draws=2_000)
    mixed = estimate_footprint(
        make_event(
            isolated(
                catering={"meals": {"beef": 50}},
                waste=[{"stream": "residual", "treatment": "unknown", "mass": "5000 kg"}],
            )
        ),
        draws=2_000,
    )
    assert mixed.by_category["restauration"] == pytest.approx(lone.by_category["restauration"])
    assert mixed.by_category_interval_90["restauration"] == pytest.approx(
        lone.by_category_interval_90["restauration"], rel=1e-6
    )


# --- the season -----------------------------------------------------------------------------


def test_two_copies_with_the_same_id_give_exactly_twice_the_poste_interval() -> None:
    # same id: same activity normals; factor errors are shared by all events: every draw of the
    # season is exactly twice the single event's draw
    event = make_event(
        _mixed({"beef": 80, "vegan": 40}, [(("residual", "unknown"), 50)], "ter", 30)
    )
    one = estimate_programme([event], draws=2_000)
    two = estimate_programme([event, event], draws=2_000)
    for category in CATEGORIES:
        lo1, hi1 = one.by_category_interval_90[category]
        lo2, hi2 = two.by_category_interval_90[category]
        assert (lo2, hi2) == pytest.approx((2 * lo1, 2 * hi1), rel=1e-9)


def test_season_poste_interval_keeps_the_shared_factor_error() -> None:
    # 20 copies with different ids: the activity errors are independent and average out, the
    # factor error is shared and does not. With independent factor errors the relative width
    # would shrink by about 1/sqrt(20) (0.22); shared, it stays above the factor's own share.
    events = [_meals_event(f"ev{i}", beef=100) for i in range(20)]
    one = estimate_programme(events[:1], draws=4_000)
    many = estimate_programme(events, draws=4_000)
    lo1, hi1 = one.by_category_interval_90["restauration"]
    lo, hi = many.by_category_interval_90["restauration"]
    rel_one = (hi1 - lo1) / one.by_category["restauration"]
    rel_many = (hi - lo) / many.by_category["restauration"]
    assert rel_many < rel_one  # the activity part does average out
    assert rel_many > 0.5 * rel_one  # the factor part does not


def test_season_poste_holding_all_emissions_has_the_season_interval() -> None:
    events = [_meals_event(f"ev{i}", beef=10 * i + 5, pork=7 * i) for i in range(12)]
    # with every draw (event_draws=None) the poste's band is exactly the season's band
    full = estimate_programme(events, draws=3_000, event_draws=None)
    assert full.by_category_interval_90["restauration"] == pytest.approx(full.interval_90, rel=1e-5)
    # by default a poste's season band uses the first SEASON_CATEGORY_DRAWS draws of the same
    # series: the same band within Monte Carlo precision
    season = estimate_programme(events, draws=3_000)
    assert season.interval_90 == full.interval_90
    assert _flat(season.by_category_interval_90["restauration"]) == pytest.approx(
        _flat(season.interval_90), rel=0.05
    )
    assert season.by_category_interval_90["dechets"] == (0.0, 0.0)


def test_empty_season_has_zero_poste_intervals() -> None:
    season = estimate_programme([], draws=500)
    assert season.by_category_interval_90 == dict.fromkeys(CATEGORIES, (0.0, 0.0))


def test_sample_season_poste_intervals_ordered(season: Any) -> None:
    for category, (lo, hi) in season.by_category_interval_90.items():
        assert 0.0 <= lo <= hi
        assert (hi > 0) == (season.by_category[category] > 0)
    for report in season.events:
        for category, (lo, hi) in report.by_category_interval_90.items():
            assert 0.0 <= lo <= hi
            assert (hi > 0) == (report.by_category[category] > 0)


# --- renderings -----------------------------------------------------------------------------


def test_json_carries_the_poste_intervals(season: Any) -> None:
    data = json.loads(season.to_json())
    lo, hi = season.by_category_interval_90["restauration"]
    # one rounding rule for JSON figures: 4 significant figures
    assert data["season"]["by_category_interval_90"]["restauration"] == [
        float(f"{lo:.4g}"),
        float(f"{hi:.4g}"),
    ]
    assert set(data["season"]["by_category"]) == set(CATEGORIES)  # unchanged
    event = season.events[0]
    entry = data["events"][0]
    elo, ehi = event.by_category_interval_90["restauration"]
    assert entry["by_category_interval_90"]["restauration"] == [
        float(f"{elo:.4g}"),
        float(f"{ehi:.4g}"),
    ]


def test_text_shows_each_poste_interval() -> None:
    report = estimate_footprint(_meals_event(beef=100), draws=1_000)
    lo, hi = report.by_category_interval_90["restauration"]
    line = next(ln for ln in report.to_text().splitlines() if "restauration" in ln)
    # French: decimal comma, narrow no-break space between thousands
    expected = f"({lo:,.1f} – {hi:,.1f})".replace(",", "\u202f").replace(".", ",")
    assert line.strip().endswith(expected)
    en = next(ln for ln in report.to_text(lang="en").splitlines() if "catering" in ln.lower())
    assert en.strip().endswith(f"({lo:,.1f} – {hi:,.1f})")


def test_season_text_shows_each_poste_interval(season: Any) -> None:
    text = season.to_text(lang="en", events=False)
    lo, hi = season.by_category_interval_90["restauration"]
    line = next(ln for ln in text.splitlines() if "catering" in ln.lower())
    assert line.strip().endswith(f"({lo:,.0f} – {hi:,.0f})")


def test_html_shows_each_poste_interval(season: Any) -> None:
    event = max(season.events, key=lambda r: r.total_kgco2e)
    lo, hi = event.by_category_interval_90["restauration"]
    fr = {ord(","): "\u202f", ord("."): ","}  # 1,267.5 → 1 267,5 (French HTML)
    assert f"{lo:,.1f} – {hi:,.1f}".translate(fr) in event._repr_html_()
    slo, shi = season.by_category_interval_90["restauration"]
    assert f"{slo:,.1f} – {shi:,.1f}".translate(fr) in season._repr_html_()


def test_dataframes_carry_the_poste_intervals(season: Any) -> None:
    frame = season.to_dataframe(labels="keys")
    first = season.events[0]
    row = frame.iloc[0]
    for category in CATEGORIES:
        lo, hi = first.by_category_interval_90[category]
        assert row[f"{category}_p5"] == pytest.approx(lo)
        assert row[f"{category}_p95"] == pytest.approx(hi)
        assert row[category] == pytest.approx(first.by_category[category])
    lines = first.to_dataframe(labels="keys")
    for _, line in lines.iterrows():
        lo, hi = first.by_category_interval_90[line["category"]]
        assert (line["category_p5"], line["category_p95"]) == pytest.approx((lo, hi))


# --- the plot -------------------------------------------------------------------------------


def _interval_segments(fig: Any) -> list[tuple[float, float]]:
    (lines,) = [c for c in fig.axes[0].collections if c.get_gid() == "intervals"]
    return [(float(seg[0, 0]), float(seg[1, 0])) for seg in lines.get_segments()]


def test_plot_draws_the_event_poste_intervals(season: Any, tmp_path: Path) -> None:
    event = max(season.events, key=lambda r: r.total_kgco2e)
    fig = plot_footprint(event)
    fig.savefig(tmp_path / "event.png")
    assert (tmp_path / "event.png").stat().st_size > 1000
    shown = sorted(
        ((v, k) for k, v in event.by_category.items() if v > 0), reverse=True
    )  # bars largest first, one error bar each
    expected = [event.by_category_interval_90[k] for _, k in shown]
    assert _flat(_interval_segments(fig)) == pytest.approx(_flat(expected))


def test_plot_draws_the_season_poste_intervals_in_tonnes(season: Any, tmp_path: Path) -> None:
    fig = plot_footprint(season)
    fig.savefig(tmp_path / "season.png")
    assert (tmp_path / "season.png").stat().st_size > 1000
    shown = sorted(((v, k) for k, v in season.by_category.items() if v > 0), reverse=True)
    expected = [
        (lo / 1000, hi / 1000) for lo, hi in (season.by_category_interval_90[k] for _, k in shown)
    ]
    assert _flat(_interval_segments(fig)) == pytest.approx(_flat(expected))


def test_adapter_gives_central_and_interval_by_label(season: Any) -> None:
    got = footprint_estimates_by_category(season, lang="en")
    expected = {
        category_label(k, "en"): (v, *season.by_category_interval_90[k])
        for k, v in season.by_category.items()
        if v > 0
    }
    assert sorted(got) == sorted(expected)
    assert _flat(got) == pytest.approx(_flat(expected))


def test_season_event_poste_band_uses_category_draws_close_to_the_full_band() -> None:
    # inside a season (default event_draws) a poste's band per event uses the first
    # CATEGORY_DRAWS draws: not bit-identical to the band on all draws, but the same band
    # within Monte Carlo precision; with event_draws=None it is exactly the total's band
    events = [_meals_event(f"ev{i}", beef=40 + i) for i in range(3)]
    default = estimate_programme(events, draws=4_000)
    full = estimate_programme(events, draws=4_000, event_draws=None)
    for d, f in zip(default.events, full.events, strict=True):
        assert (
            d.by_category_interval_90["restauration"] != f.by_category_interval_90["restauration"]
        )
        assert _flat(d.by_category_interval_90["restauration"]) == pytest.approx(
            _flat(f.by_category_interval_90["restauration"]), rel=0.1
        )
        assert _flat(f.by_category_interval_90["restauration"]) == pytest.approx(
            _flat(f.interval_90), rel=1e-6
        )
    # the season's own poste bands: all the draws with event_draws=None (then exactly the
    # season's band, restauration holding everything), the first SEASON_CATEGORY_DRAWS by default
    assert _flat(full.by_category_interval_90["restauration"]) == pytest.approx(
        _flat(full.interval_90), rel=1e-5
    )
    assert _flat(default.by_category_interval_90["restauration"]) == pytest.approx(
        _flat(full.by_category_interval_90["restauration"]), rel=0.05
    )
