"""The optional exact backend (OR-Tools CP-SAT): same hard rules, at least as many events placed
as the greedy planner, deterministic."""

from __future__ import annotations

import random
from typing import Any

import pytest
from calendar_helpers import base, build, event
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_calendar_planner import plannable

from nqe_events import find_clashes, plan
from nqe_events.errors import InputError


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plannable(), st.randoms(use_true_random=False))
def test_exact_keeps_hard_rules_places_at_least_as_many_and_is_order_independent(
    d: dict[str, Any], rnd: random.Random
) -> None:
    programme = build(d)
    exact = plan(programme, backend="exact", keep=None)
    greedy = plan(programme)
    planned = {p.event for p in exact.placed}
    for c in find_clashes(exact.programme).clashes:
        assert not planned & set(c.events), c.message("fr")
    assert len(exact.placed) >= len(greedy.placed)
    shuffled = dict(d)
    shuffled["events"] = list(d["events"])
    rnd.shuffle(shuffled["events"])
    again = plan(build(shuffled), backend="exact", keep=None)
    assert {p.event: p.start for p in again.placed} == {p.event: p.start for p in exact.placed}


def test_exact_finds_the_packing_the_greedy_order_misses() -> None:
    """Venue v0, 9–13 July 2024, busy 10:00–12:00 on the 10th and the 12th. « court » (1 h,
    window 9–11, prefers the 11th) is the most constrained, so greedy places it first, on its
    preferred day; the two all-day events (window 10–13) then only find the 13th between them:
    one stays unplaced. CP-SAT puts « court » on the 9th and the two journées on the 11th and
    13th."""
    d = base(season_start="2024-07-09", season_end="2024-07-13", quartier_max_per_day=None)
    d["events"] = [
        event("f1", ("2024-07-10T10:00", "2024-07-10T12:00"), organiser="o1", pinned=True),
        event("f2", ("2024-07-12T10:00", "2024-07-12T12:00"), organiser="o1", pinned=True),
        event(
            "court",
            to_plan={
                "duration": "1 h",
                "preferred": ["2024-07-11"],
                "window": {"start": "2024-07-09", "end": "2024-07-11"},
            },
        ),
        event(
            "journee-a",
            to_plan={"duration": "1 day", "window": {"start": "2024-07-10", "end": "2024-07-13"}},
        ),
        event(
            "journee-b",
            to_plan={"duration": "1 day", "window": {"start": "2024-07-10", "end": "2024-07-13"}},
        ),
    ]
    greedy = plan(build(d))
    assert [u.event for u in greedy.unplaced] == ["journee-b"]
    exact = plan(build(d), backend="exact", keep=None)
    assert exact.ok
    days = {p.event: p.start.day for p in exact.placed}
    assert days["court"] in (9, 10) and {days["journee-a"], days["journee-b"]} == {11, 13}
    assert find_clashes(exact.programme).ok


def test_unknown_backend_is_an_input_error() -> None:
    d = base()
    d["events"] = [event("a", to_plan={"duration": "1 h"})]
    with pytest.raises(InputError):
        plan(build(d), backend="magique")
