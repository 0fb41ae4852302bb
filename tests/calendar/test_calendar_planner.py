"""plan and propose_slots: hard rules hold (checked by find_clashes), determinism, pinned events,
re-planning diff, explanations of infeasible cases."""

from __future__ import annotations

import random
from datetime import UTC
from typing import Any

from calendar_helpers import base, build, event
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nqe_events import find_clashes, load_example, plan, propose_slots


def summer(**planning: Any) -> dict[str, Any]:
    return base(
        season_start="2024-07-01",
        season_end="2024-07-14",
        day_start="10:00",
        day_end="22:00",
        **planning,
    )


def new_clashes(before: Any, after: Any) -> set[Any]:
    key = lambda c: (c.rule, c.events, c.resource, c.start_minute, c.end_minute)  # noqa: E731
    return {key(c) for c in find_clashes(after).clashes} - {
        key(c) for c in find_clashes(before).clashes
    }


def test_sample_plan_places_everything_without_new_clashes() -> None:
    sample = load_example()
    result = plan(sample)
    assert result.ok, result.to_text()
    assert len(result.placed) == sum(1 for e in sample.events if not e.dated)
    assert not new_clashes(sample, result.programme)
    # the planned programme has dates for every event
    assert all(e.dated for e in result.programme.events if e.status.value != "annule")


@st.composite
def plannable(draw: Any) -> dict[str, Any]:
    d = summer(
        quartier_max_per_day=draw(st.sampled_from([None, 1])),
        quartier_min_gap=draw(st.sampled_from([None, "2 h"])),
    )
    d["resources"][1]["transfer"] = draw(st.sampled_from(["0 min", "45 min"]))
    for i in range(draw(st.integers(0, 4))):
        day = draw(st.integers(1, 14))
        h = draw(st.integers(10, 19))
        d["events"].append(
            event(
                f"fixe{i}",
                (f"2024-07-{day:02d}T{h:02d}:00", f"2024-07-{day:02d}T{h + 2:02d}:00"),
                venue=draw(st.sampled_from(["v0", "v1"])),
                organiser="o1",
                quartiers=(draw(st.sampled_from(["q0", "q1", "q2"])),),
                resources=tuple(draw(st.lists(st.sampled_from(["podium", "sono"]), max_size=1))),
                pinned=True,
            )
        )
    for i in range(draw(st.integers(1, 10))):
        lo = draw(st.integers(1, 14))
        hi = draw(st.integers(lo, 14))
        d["events"].append(
            event(
                f"p{i}",
                venue=draw(st.sampled_from(["v0", "v1", "v2"])),
                organiser=draw(st.sampled_from(["o0", "o1"])),
                quartiers=(draw(st.sampled_from(["q0", "q1", "q2"])),),
                resources=tuple(
                    draw(st.lists(st.sampled_from(["podium", "sono"]), max_size=2, unique=True))
                ),
                to_plan={
                    "duration": draw(st.sampled_from(["1 h", "2 h", "3 h", "1 day"])),
                    "window": {"start": f"2024-07-{lo:02d}", "end": f"2024-07-{hi:02d}"},
                    "preferred": [f"2024-07-{draw(st.integers(lo, hi)):02d}"],
                    "wishes": draw(
                        st.lists(st.sampled_from(["week-end", "soiree"]), unique=True, max_size=2)
                    ),
                },
            )
        )
    return d


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plannable(), st.randoms(use_true_random=False))
def test_plan_has_no_clash_is_order_independent_and_keeps_pinned(
    d: dict[str, Any], rnd: random.Random
) -> None:
    programme = build(d)
    result = plan(programme)
    # every hard rule holds for the events it placed
    planned_ids = {p.event for p in result.placed}
    for c in find_clashes(result.programme).clashes:
        assert not planned_ids & set(c.events), c.message("fr")
    # pinned events never move
    before = {e.id: e.occurrences for e in programme.events if e.pinned}
    after = {e.id: e.occurrences for e in result.programme.events if e.pinned}
    assert before == after
    # the same events in another order give the same plan
    shuffled = dict(d)
    shuffled["events"] = list(d["events"])
    rnd.shuffle(shuffled["events"])
    again = plan(build(shuffled))
    assert {p.event: (p.start, p.end) for p in again.placed} == {
        p.event: (p.start, p.end) for p in result.placed
    }
    assert [u.event for u in again.unplaced] == [u.event for u in result.unplaced]


def test_infeasible_resource_names_the_resource_and_the_events() -> None:
    """The podium is booked every day of a 3-day window by pinned events: the new event cannot
    be placed, and the reason names the podium and the events holding it."""
    d = base(
        season_start="2024-07-06",
        season_end="2024-07-08",
        day_start="10:00",
        day_end="22:00",
        quartier_max_per_day=None,
    )
    for i, day in enumerate((6, 7, 8)):
        d["events"].append(
            event(
                f"tenue-{i}",
                (f"2024-07-0{day}T10:00", f"2024-07-0{day}T22:00"),
                venue="v2",
                organiser="o1",
                resources=("podium",),
                pinned=True,
            )
        )
    d["events"].append(event("concert", resources=("podium",), to_plan={"duration": "2 h"}))
    result = plan(build(d))
    assert not result.ok
    (u,) = result.unplaced
    assert u.event == "concert"
    assert u.rules[0].value == "RESOURCE"
    text = u.reasons[0]
    assert "podium" in text
    for i in range(3):
        assert f"tenue-{i}" in text
    assert "du 6 au 8 juillet 2024" in text


def test_infeasible_closure_is_explained_with_its_dates() -> None:
    d = base(season_start="2024-08-01", season_end="2024-08-15")
    d["venues"][0]["closures"] = [{"start": "2024-08-01", "end": "2024-08-15", "label": "travaux"}]
    d["events"].append(event("fete", to_plan={"duration": "2 h"}))
    (u,) = plan(build(d)).unplaced
    assert u.reasons == (
        "lieu « v0 » fermé du 1er au 15 août 2024 (travaux) (405 créneaux bloqués sur 405)",
        # 15 days × 27 starts (09:00 to 22:00 every 30 min for 2 h before midnight)
    )


def test_empty_window_and_too_long_events_get_a_reason() -> None:
    d = summer(weekdays=["samedi"])
    d["events"].append(
        event(
            "a", to_plan={"duration": "2 h", "window": {"start": "2024-07-01", "end": "2024-07-05"}}
        )
    )
    d["events"].append(event("b", organiser="o1", quartiers=("q1",), to_plan={"duration": "13 h"}))
    result = plan(build(d))
    reasons = {u.event: u.reasons[0] for u in result.unplaced}
    assert "aucun créneau possible" in reasons["a"]
    assert "780 min" in reasons["b"] and "10:00–22:00" in reasons["b"]


def test_replanning_moves_as_little_as_possible_and_reports_the_diff() -> None:
    d = summer()
    for i in range(4):
        d["events"].append(
            event(f"p{i}", venue="v0", quartiers=(f"q{i % 3}",), to_plan={"duration": "2 h"})
        )
    first = plan(build(d))
    assert first.ok and set(first.added) == {"p0", "p1", "p2", "p3"} and not first.moved
    published = first.programme
    # an edit: a new pinned event takes p0's slot; p3 is removed
    p0 = next(p for p in first.placed if p.event == "p0")
    data = published.model_dump(mode="json")
    data["events"] = [e for e in data["events"] if e["id"] != "p3"]
    data["events"].append(
        event(
            "nouveau",
            (p0.start.isoformat(), p0.end.isoformat()),
            venue="v0",
            organiser="o1",
            quartiers=("q0",),
            pinned=True,
        )
    )
    edited = build(data)
    second = plan(edited, previous=published)
    assert second.moved == ("p0",)
    assert second.removed == ("p3",)
    assert second.added == ("nouveau",)
    kept = {p.event: p.start for p in second.placed}
    for p in first.placed:
        if p.event in ("p1", "p2"):
            assert kept[p.event] == p.start
    # the moved event's sequence went up (ICS clients see the change)
    assert next(e for e in second.programme.events if e.id == "p0").sequence == 1


def test_preferences_and_wishes_are_followed_when_free() -> None:
    d = summer()
    d["events"].append(event("a", to_plan={"duration": "2 h", "preferred": ["2024-07-10"]}))
    d["events"].append(
        event(
            "b",
            venue="v2",
            organiser="o1",
            quartiers=("q1",),
            to_plan={"duration": "2 h", "wishes": ["week-end", "soiree"]},
        )
    )
    result = plan(build(d))
    where = {p.event: p.start for p in result.placed}
    assert where["a"].date().isoformat() == "2024-07-10"
    assert where["b"].weekday() >= 5 and where["b"].hour >= 18
    assert result.score_by_rule["PREFERRED"] == 0


def test_propose_slots_ranks_and_explains_rejections() -> None:
    d = summer(quartier_max_per_day=None)
    d["events"].append(
        event(
            "tenue",
            ("2024-07-01T10:00", "2024-07-01T22:00"),
            venue="v2",
            organiser="o1",
            resources=("podium",),
            pinned=True,
        )
    )
    d["events"].append(
        event("a", resources=("podium",), to_plan={"duration": "2 h", "preferred": ["2024-07-01"]})
    )
    proposals = propose_slots(build(d), "a", k=3)
    assert proposals.ok and len(proposals.slots) == 3
    assert all(s.start.date().isoformat() == "2024-07-02" for s in proposals.slots)
    rejected_first_day = [s for s in proposals.rejected if s.start.day == 1]
    assert rejected_first_day and all(
        any("podium" in r and "tenue" in r for r in s.reasons) for s in rejected_first_day
    )
    assert "Créneaux proposés" in proposals.to_text("fr")


def test_plan_renderings() -> None:
    d = summer()
    d["events"].append(event("a", to_plan={"duration": "2 h"}))
    result = plan(build(d))
    assert result.ok and "placed=1" in repr(result)
    data = result.to_dict()
    assert set(data) >= {"placed", "unplaced", "moved"}
    assert "<table" in result._repr_html_()
    assert list(result.to_dataframe(labels="keys")["event"]) == ["a"]


def test_explanations_in_english() -> None:
    from nqe_events.errors import set_language

    d = base(season_start="2024-08-01", season_end="2024-08-02")
    d["venues"][0]["closures"] = [{"start": "2024-08-01", "end": "2024-08-02", "label": "works"}]
    d["events"].append(event("fete", to_plan={"duration": "2 h"}))
    set_language("en")
    try:
        result = plan(build(d))
    finally:
        set_language("fr")
    (u,) = result.unplaced
    assert u.reasons[0].startswith("venue 'v0' closed from 1 August 2024 to 2 August 2024 (works)")
    assert "placed" in result.to_text("en")


def test_slot_proposals_renderings() -> None:
    d = summer()
    d["events"].append(event("a", to_plan={"duration": "2 h"}))
    proposals = propose_slots(build(d), "a", k=2)
    frame = proposals.to_dataframe(labels="keys")
    assert list(frame["ok"][:2]) == [True, True]
    assert proposals.to_dict()["slots"][0]["reasons"] == []
    assert "<table" in proposals._repr_html_()
    assert "2 slot(s)" in repr(proposals)


def test_planning_on_the_day_clocks_go_back_uses_real_minutes() -> None:
    """27 October 2024, hours 00:00–06:00 wall time = 7 real hours. Starts are tried every 30 min
    of wall time (the repeated 02:00–03:00 hour is offered once): 1-hour events at one venue fit
    at 22:00, 23:00, 00:00, 02:00, 03:00 and 04:00 UTC — six, the seventh cannot be placed."""
    d = base(
        season_start="2024-10-27",
        season_end="2024-10-27",
        day_start="00:00",
        day_end="06:00",
        quartier_max_per_day=None,
    )
    for i in range(7):
        d["events"].append(event(f"e{i}", to_plan={"duration": "1 h"}))
    result = plan(build(d))
    assert len(result.placed) == 6 and len(result.unplaced) == 1
    utc_hours = sorted(p.start.astimezone(UTC).strftime("%d %H:%M") for p in result.placed)
    assert utc_hours == ["26 22:00", "26 23:00", "27 00:00", "27 02:00", "27 03:00", "27 04:00"]
    assert find_clashes(result.programme).ok


def test_regression_candidate_slots_of_one_event_are_not_merged_per_day() -> None:
    """Regression: the day rows of a planner's candidate slots were de-duplicated per (event,
    day), so only one candidate per day was checked against QUARTIER and the others slipped
    through. With one temps fort already on 6 July for q0, nothing else may go on that day."""
    d = base(season_start="2024-07-06", season_end="2024-07-07")
    d["events"].append(
        event(
            "fixe",
            ("2024-07-06T10:00", "2024-07-06T12:00"),
            venue="v2",
            organiser="o1",
            pinned=True,
        )
    )
    d["events"].append(event("nouveau", to_plan={"duration": "2 h", "preferred": ["2024-07-06"]}))
    (placed,) = plan(build(d)).placed
    assert placed.start.date().isoformat() == "2024-07-07"


def test_spread_puts_free_events_in_different_weeks() -> None:
    """1–14 July 2024 is two ISO weeks (1 July is a Monday); two events free of any constraint
    go to different weeks, the first at the earliest slot (Monday 1 July 10:00)."""
    d = summer()
    d["events"].append(event("a", to_plan={"duration": "2 h"}))
    d["events"].append(
        event("b", venue="v2", organiser="o1", quartiers=("q1",), to_plan={"duration": "2 h"})
    )
    starts = sorted(p.start for p in plan(build(d)).placed)
    assert starts[0].isoformat() == "2024-07-01T10:00:00+02:00"
    assert starts[1].isocalendar().week == starts[0].isocalendar().week + 1
