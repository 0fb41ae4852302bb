"""find_clashes: hand-computed cases, the sample's deliberate clashes, and a brute-force oracle."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from calendar_helpers import base, build, event
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nqe_events import find_clashes, load_example
from nqe_events.model import Programme

PARIS = ZoneInfo("Europe/Paris")


def rules_of(report: Any) -> list[tuple[str, tuple[str, ...], str | None]]:
    return [(c.rule.value, c.events, c.resource) for c in report.clashes]


def test_touching_intervals_do_not_clash() -> None:
    """Half-open intervals: 14:00–18:00 then 18:00–20:00 at one venue is fine."""
    d = base(quartier_max_per_day=None)
    d["events"] = [
        event("a", ("2024-07-06T14:00", "2024-07-06T18:00")),
        event("b", ("2024-07-06T18:00", "2024-07-06T20:00"), organiser="o1", quartiers=("q1",)),
    ]
    assert find_clashes(build(d)).ok


def test_partial_overlap_is_a_venue_clash_with_minutes() -> None:
    """10:00–11:00 and 10:30–11:30 overlap by 30 min (ConferenceScheduler missed this case)."""
    d = base()
    d["events"] = [
        event("a", ("2024-07-06T10:00", "2024-07-06T11:00")),
        event("b", ("2024-07-06T10:30", "2024-07-06T11:30"), organiser="o1", quartiers=("q1",)),
    ]
    report = find_clashes(build(d))
    assert rules_of(report) == [("VENUE", ("a", "b"), "v0")]
    clash = report.clashes[0]
    assert clash.overlap_minutes == 30
    assert clash.start == datetime(2024, 7, 6, 10, 30, tzinfo=PARIS)
    assert "v0" in clash.message("fr") and "30 min" in clash.message("fr")


def test_identical_intervals_clash() -> None:
    """pretalx #1266: two events with identical start and end must be found."""
    d = base(quartier_max_per_day=None)
    d["events"] = [
        event("a", ("2024-07-06T10:00", "2024-07-06T11:00"), organiser="o1"),
        event("b", ("2024-07-06T10:00", "2024-07-06T11:00"), organiser="o1"),
    ]
    assert rules_of(find_clashes(build(d))) == [("VENUE", ("a", "b"), "v0")]


def test_venue_buffers_widen_occupancy() -> None:
    """v1 needs 30 min set-up and 15 min tear-down: 14:00–16:00 then 16:10 clashes by 5+30 min."""
    d = base(quartier_max_per_day=None)
    d["events"] = [
        event("a", ("2024-07-06T14:00", "2024-07-06T16:00"), venue="v1"),
        event("b", ("2024-07-06T16:10", "2024-07-06T17:00"), venue="v1", organiser="o1"),
    ]
    (clash,) = find_clashes(build(d)).clashes
    assert clash.rule.value == "VENUE"
    # occupancy a: 13:30–16:15, b: 15:40–17:15 → overlap 15:40–16:15 = 35 min
    assert clash.overlap_minutes == 35


def test_resource_transfer_between_venues() -> None:
    """The podium needs 1 h to move: 18:00 end at v0, 18:30 start at v2 is a clash; same venue
    is not."""
    d = base(quartier_max_per_day=None)
    d["events"] = [
        event("a", ("2024-07-06T14:00", "2024-07-06T18:00"), resources=("podium",)),
        event(
            "b",
            ("2024-07-06T18:30", "2024-07-06T20:00"),
            venue="v2",
            organiser="o1",
            resources=("podium",),
        ),
        event("c", ("2024-07-07T14:00", "2024-07-07T18:00"), resources=("podium",)),
        event("d", ("2024-07-07T18:00", "2024-07-07T20:00"), organiser="o1", resources=("podium",)),
    ]
    report = find_clashes(build(d))
    assert rules_of(report) == [("RESOURCE", ("a", "b"), "podium")]
    clash = report.clashes[0]
    assert (clash.kind, clash.overlap_minutes) == ("transfer", 30)


def test_capacity_two_pool_reports_the_window_above_capacity() -> None:
    d = base(quartier_max_per_day=None)
    d["events"] = [
        event("a", ("2024-07-06T10:00", "2024-07-06T13:00"), venue="v0", resources=("sono",)),
        event(
            "b",
            ("2024-07-06T11:00", "2024-07-06T14:00"),
            venue="v1",
            organiser="o1",
            quartiers=("q1",),
            resources=("sono",),
        ),
        event(
            "c",
            ("2024-07-06T12:00", "2024-07-06T15:00"),
            venue="v2",
            organiser="o1",
            quartiers=("q2",),
            resources=("sono",),
        ),
    ]
    report = find_clashes(build(d))
    pools = report.by_rule("RESOURCE")
    assert [(c.events, c.start.hour, c.end.hour, c.count) for c in pools] == [
        (("a", "b", "c"), 12, 13, 3)
    ]
    # b at v1 has a 30 min set-up and 15 min tear-down: the organiser o1 has 2 teams, fine.
    assert not report.by_rule("ORGANISER")


def test_quartier_two_temps_forts_same_day_and_gap() -> None:
    d = base(quartier_min_gap="3 h")
    d["events"] = [
        event("a", ("2024-07-06T10:00", "2024-07-06T11:00")),
        event("b", ("2024-07-06T13:00", "2024-07-06T14:00"), venue="v2", organiser="o1"),
    ]
    report = find_clashes(build(d))
    kinds = sorted((c.rule.value, c.kind) for c in report.clashes)
    assert kinds == [("QUARTIER", "day"), ("QUARTIER", "gap")]
    gap = next(c for c in report.clashes if c.kind == "gap")
    assert (gap.gap, gap.overlap_minutes) == (120, 60)


def test_window_and_blackout_findings() -> None:
    d = base(
        season_start="2024-07-01",
        season_end="2024-08-31",
        day_start="10:00",
        day_end="22:00",
        weekdays=["samedi", "dimanche"],
        blackouts=[{"start": "2024-07-14", "end": "2024-07-14", "label": "Fête nationale"}],
    )
    d["venues"][2]["closures"] = [{"start": "2024-08-01", "end": "2024-08-15", "label": "travaux"}]
    d["events"] = [
        event("early", ("2024-06-29T14:00", "2024-06-29T16:00")),
        event("late", ("2024-07-06T21:00", "2024-07-06T23:30"), quartiers=("q1",)),
        event("monday", ("2024-07-08T14:00", "2024-07-08T15:00"), quartiers=("q2",)),
        event("bal", ("2024-07-14T20:00", "2024-07-14T21:30"), organiser="o1"),
        event("closed", ("2024-08-03", "2024-08-03"), venue="v2", organiser="o1"),
    ]
    report = find_clashes(build(d))
    got = sorted((c.rule.value, c.kind, c.events[0], c.overlap_minutes) for c in report.clashes)
    assert got == [
        ("BLACKOUT", "blackout", "bal", 90),
        ("BLACKOUT", "closure", "closed", 24 * 60),
        ("WINDOW", "hours", "late", 90),
        ("WINDOW", "season", "early", 120),
        ("WINDOW", "weekday", "monday", 60),
    ]
    closure = next(c for c in report.clashes if c.kind == "closure")
    assert "travaux" in closure.message("fr") and "v2" in closure.message("fr")


def test_public_holiday_blackout_uses_the_holidays_package() -> None:
    d = base(public_holidays_blackout=True)
    d["events"] = [event("assomption", ("2024-08-15T15:00", "2024-08-15T17:00"))]
    (clash,) = find_clashes(build(d)).clashes
    assert (clash.kind, clash.label) == ("holiday", "Assomption")


def test_cancelled_and_undated_events_are_ignored() -> None:
    d = base()
    d["events"] = [
        event("a", ("2024-07-06T10:00", "2024-07-06T11:00")),
        event("b", ("2024-07-06T10:00", "2024-07-06T11:00"), status="annule"),
        event("c", to_plan={"duration": "1 h"}),
    ]
    assert find_clashes(build(d)).ok


def test_sample_programme_deliberate_venue_and_podium_clashes_are_found() -> None:
    report = find_clashes(load_example())
    found = {(c.rule.value, c.resource) for c in report.clashes}
    assert ("VENUE", "city-stade-cite-12") in found
    assert ("RESOURCE", "podium-mobile") in found
    podium = report.by_rule("RESOURCE")[0]
    assert set(podium.events) == {"fete-alma", "concert-etouvie"}


def test_report_renderings() -> None:
    d = base()
    d["events"] = [
        event("a", ("2024-07-06T10:00", "2024-07-06T11:00")),
        event("b", ("2024-07-06T10:30", "2024-07-06T11:30"), organiser="o1", quartiers=("q1",)),
    ]
    report = find_clashes(build(d))
    assert not report.ok and len(report) == 1
    assert "1 clash" in repr(report)
    data = report.to_dict("en")
    assert data["clashes"][0]["overlap_minutes"] == 30
    assert "overlap" in data["clashes"][0]["message"]
    assert "<table" in report._repr_html_()
    assert "conflit" in report.to_text("fr")
    frame = report.to_dataframe(labels="keys")
    assert list(frame["overlap_minutes"]) == [30]
    assert list(report.to_dataframe()["chevauchement (min)"]) == [30]
    assert list(report.to_dataframe(labels="en")["overlap (min)"]) == [30]


# --- brute-force oracle ---------------------------------------------------------------------------

DAYS = [date(2024, 3, 30), date(2024, 3, 31), date(2024, 7, 6), date(2024, 10, 27)]


@st.composite
def programmes(draw: Any) -> Programme:
    gap = draw(st.sampled_from([None, "90 min"]))
    per_day = draw(st.sampled_from([None, 1, 2]))
    d = base(
        season_start="2024-01-01",
        season_end="2024-12-31",
        quartier_max_per_day=per_day,
        quartier_min_gap=gap,
        disabled=["WINDOW", "BLACKOUT"],
    )
    d["resources"][0]["transfer"] = draw(st.sampled_from(["0 min", "45 min"]))
    d["resources"][1]["capacity"] = draw(st.sampled_from([2, 3]))
    d["resources"][1]["transfer"] = draw(st.sampled_from(["0 min", "30 min"]))
    d["organisers"][1]["teams"] = draw(st.sampled_from([1, 2]))
    n = draw(st.integers(0, 9))
    for i in range(n):
        day = draw(st.sampled_from(DAYS))
        occs = []
        for _ in range(draw(st.integers(1, 2))):
            # UTC start on 15-min steps around the day (crosses the DST changes at 01:00 UTC)
            start = datetime.combine(day, time(0), UTC) + timedelta(
                minutes=15 * draw(st.integers(0, 96))
            )
            length = timedelta(minutes=15 * draw(st.integers(1, 16)))
            if occs and start < occs[-1][1]:
                start = occs[-1][1] + timedelta(minutes=15 * draw(st.integers(0, 4)))
            occs.append((start, start + length))
        written = [(a.isoformat(), b.isoformat()) for a, b in occs]
        if draw(st.integers(0, 5)) == 0:  # sometimes an all-day occurrence over 1-2 days
            written = [
                (day.isoformat(), (day + timedelta(days=draw(st.integers(0, 1)))).isoformat())
            ]
        d["events"].append(
            event(
                f"e{i}",
                *written,
                venue=draw(st.sampled_from(["v0", "v1", "v2"])),
                organiser=draw(st.sampled_from(["o0", "o1"])),
                quartiers=tuple(
                    draw(
                        st.lists(
                            st.sampled_from(["q0", "q1", "q2"]), min_size=1, max_size=2, unique=True
                        )
                    )
                ),
                resources=tuple(
                    draw(st.lists(st.sampled_from(["podium", "sono"]), max_size=2, unique=True))
                ),
            )
        )
    return build(d)


def _minutes(q: Any) -> timedelta:
    return timedelta(minutes=0 if q is None else float(q.to("minute").magnitude))


def oracle(p: Programme) -> set[tuple[Any, ...]]:
    """All clashes by brute force on aware datetimes (O(n²) pairs, point sampling for pools)."""
    venues = {v.id: v for v in p.venues}
    res = {r.id: r for r in p.resources}
    orgs = {o.id: o for o in p.organisers}
    cfg = p.planning
    tz = ZoneInfo(p.timezone)
    # rows: (group, capacity, event, venue, start, end, transfer)
    rows: list[tuple[Any, ...]] = []
    for e in p.events:
        v = venues[e.venue]
        pre, post = _minutes(v.setup), _minutes(v.teardown)
        for o in e.occurrences:
            a, b = o.start.astimezone(UTC), o.end.astimezone(UTC)
            rows.append(
                (("VENUE", e.venue, "interval"), 1, e.id, e.venue, a - pre, b + post, timedelta(0))
            )
            for r in e.resources:
                rows.append(
                    (
                        ("RESOURCE", r, "interval"),
                        res[r].capacity,
                        e.id,
                        e.venue,
                        a - pre,
                        b + post,
                        _minutes(res[r].transfer),
                    )
                )
            rows.append(
                (
                    ("ORGANISER", e.organiser, "interval"),
                    orgs[e.organiser].teams,
                    e.id,
                    e.venue,
                    a,
                    b,
                    timedelta(0),
                )
            )
            for q in e.quartiers:
                if cfg.quartier_min_gap is not None:
                    rows.append(
                        (
                            ("QUARTIER", q, "gap"),
                            1,
                            e.id,
                            e.venue,
                            a,
                            b,
                            _minutes(cfg.quartier_min_gap),
                        )
                    )
                if cfg.quartier_max_per_day is not None:
                    for day in o.days:
                        m0 = datetime.combine(day, time(0), tz).astimezone(UTC)
                        m1 = datetime.combine(day + timedelta(days=1), time(0), tz).astimezone(UTC)
                        row = (
                            ("QUARTIER", q, "day"),
                            cfg.quartier_max_per_day,
                            e.id,
                            e.venue,
                            m0,
                            m1,
                            timedelta(0),
                        )
                        if row not in rows:
                            rows.append(row)
    out: set[tuple[Any, ...]] = set()
    mins = lambda td: int(td.total_seconds() // 60)  # noqa: E731
    groups = {r[0] for r in rows}
    for g in groups:
        mine = [r for r in rows if r[0] == g]
        cap = mine[0][1]
        if cap == 1:
            for x, y in itertools.combinations(mine, 2):
                if x[2] == y[2]:
                    continue
                t = x[6]
                if not (x[4] < y[5] + t and y[4] < x[5] + t):
                    continue
                raw = x[4] < y[5] and y[4] < x[5]
                if g[0] == "RESOURCE" and x[3] == y[3] and not raw:
                    continue
                if raw:
                    lo, hi = max(x[4], y[4]), min(x[5], y[5])
                    out.add((g[0], frozenset((x[2], y[2])), g[1], lo, hi, mins(hi - lo)))
                else:
                    lo, hi = min(x[5], y[5]), max(x[4], y[4])
                    out.add((g[0], frozenset((x[2], y[2])), g[1], lo, hi, mins(t - (hi - lo))))
        else:
            points = sorted({r[4] for r in mine} | {r[5] + r[6] for r in mine})
            for lo, hi in itertools.pairwise(points):
                act = [r for r in mine if r[4] <= lo and r[5] + r[6] >= hi]
                if len(act) > cap:
                    out.add((g[0], frozenset(r[2] for r in act), g[1], lo, hi, mins(hi - lo)))
    return out


def as_set(p: Programme) -> set[tuple[Any, ...]]:
    report = find_clashes(p)
    return {
        (
            c.rule.value,
            frozenset(c.events),
            c.resource,
            c.start.astimezone(UTC),
            c.end.astimezone(UTC),
            c.overlap_minutes,
        )
        for c in report.clashes
    }


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programmes())
def test_find_clashes_equals_brute_force_oracle(p: Programme) -> None:
    assert as_set(p) == oracle(p)


@pytest.mark.parametrize("day", ["2024-03-31", "2024-10-27"])
def test_dst_day_overlaps_are_counted_in_real_minutes(day: str) -> None:
    """01:30–03:30 wall time lasts 1 h on 31 March and 3 h on 27 October in Paris."""
    d = base(
        season_start="2024-01-01",
        season_end="2024-12-31",
        disabled=["WINDOW"],
        quartier_max_per_day=None,
    )
    d["events"] = [
        event("a", (f"{day}T00:30", f"{day}T04:00")),
        event(
            "b",
            (f"{day}T01:30", f"{day}T03:30+02:00" if day.endswith("31") else f"{day}T03:30"),
            organiser="o1",
        ),
    ]
    (clash,) = find_clashes(build(d)).clashes
    assert clash.overlap_minutes == (60 if day.endswith("31") else 180)


def test_daily_hours_are_wall_clock_on_the_day_clocks_go_back() -> None:
    """Regression: on 27 October 2024 (25 hours in Paris) 05:30–06:30 with day_end 06:00 is 30 min
    outside the hours, not 90 (06:00 wall time is 7 real hours after midnight that day)."""
    d = base(
        season_start="2024-10-01",
        season_end="2024-10-31",
        day_start="00:00",
        day_end="06:00",
        weekdays=["jeudi"],
    )
    d["events"] = [event("a", ("2024-10-27T05:30", "2024-10-27T06:30"))]
    got = sorted((c.kind, c.overlap_minutes) for c in find_clashes(build(d)).clashes)
    assert got == [("weekday", 60)]
    d["planning"]["weekdays"] = ["dimanche"]
    got = sorted((c.kind, c.overlap_minutes) for c in find_clashes(build(d)).clashes)
    assert got == [("hours", 30)]


def test_the_two_repeated_hours_of_the_october_change_do_not_clash() -> None:
    """Regression (found by the oracle test): 02:15–02:45 in summer time and 02:15–02:45 in winter
    time on 27 October 2024 are an hour apart, though their wall times are equal."""
    d = base(
        season_start="2024-01-01",
        season_end="2024-12-31",
        disabled=["WINDOW"],
        quartier_max_per_day=None,
    )
    d["events"] = [
        event("a", ("2024-10-27T02:15+02:00", "2024-10-27T02:45+02:00")),
        event("b", ("2024-10-27T02:15+01:00", "2024-10-27T02:45+01:00")),
    ]
    assert find_clashes(build(d)).clashes == ()
    d["events"][1] = event("b", ("2024-10-27T02:30+02:00", "2024-10-27T02:15+01:00"))
    (venue, organiser) = sorted(find_clashes(build(d)).clashes, key=lambda c: c.rule)
    assert venue.overlap_minutes == organiser.overlap_minutes == 15
