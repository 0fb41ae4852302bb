"""Judging a large programme pauses the cyclic garbage collector and leaves it as it was:
enabled again, nothing left frozen, and objects someone else froze still frozen."""

from __future__ import annotations

import gc
from typing import Any

import pytest

from nqe_events.io import load_example
from nqe_events.model import Programme
from nqe_events.rules import check_programme


def _large(n: int = 600) -> Programme:
    sample = load_example()
    data: dict[str, Any] = sample.model_dump(mode="json")
    events = data["events"]
    data["events"] = [
        {**events[i % len(events)], "id": f"{events[i % len(events)]['id']}-{i}"} for i in range(n)
    ]
    return Programme.model_validate(data)


@pytest.fixture(scope="module")
def large() -> Programme:
    return _large()


def _verdicts(report: Any) -> list[tuple[str, str, int]]:
    return [(r.event_id, r.verdict, r.score) for r in report.events]


def test_collector_enabled_and_nothing_frozen_after(large: Programme) -> None:
    assert gc.isenabled()
    before = gc.get_freeze_count()
    report = check_programme(large)
    assert gc.isenabled()
    assert gc.get_freeze_count() == before
    assert len(report) == len(large.events)


def test_objects_frozen_by_the_caller_stay_frozen(large: Programme) -> None:
    sentinel: list[object] = [object()]

    def tracked() -> bool:
        # the permanent (frozen) generation is not among the generations listed
        return any(o is sentinel for o in gc.get_objects())

    assert tracked()
    gc.freeze()
    try:
        assert gc.get_freeze_count() > 0
        assert not tracked()
        report = check_programme(large)
        assert not tracked()  # still frozen: the check did not unfreeze it
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    assert tracked()
    assert _verdicts(report) == _verdicts(check_programme(large))


def test_a_disabled_collector_stays_disabled(large: Programme) -> None:
    gc.disable()
    try:
        report = check_programme(large)
        assert not gc.isenabled()
    finally:
        gc.enable()
    assert _verdicts(report) == _verdicts(check_programme(large))
