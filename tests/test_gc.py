"""``paused_gc``: the collector paused inside the block and restored after it; with ``promote``,
the objects that survive are found in the oldest generation, and objects someone else froze stay
frozen."""

from __future__ import annotations

import gc

import pytest

from nqe_events._gc import paused_gc


def _in_generation(obj: object, generation: int) -> bool:
    return any(o is obj for o in gc.get_objects(generation=generation))


def test_paused_inside_and_enabled_after() -> None:
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_restored_after_an_exception() -> None:
    with pytest.raises(ValueError), paused_gc(promote=True):
        raise ValueError("boom")
    assert gc.isenabled()


def test_a_disabled_collector_stays_disabled() -> None:
    gc.disable()
    try:
        with paused_gc(promote=True):
            assert not gc.isenabled()
            kept: list[object] = [object()]
        assert not gc.isenabled()
        assert not _in_generation(kept, 2)  # nothing promoted behind the caller's back
    finally:
        gc.enable()


def test_when_false_leaves_the_collector_alone() -> None:
    with paused_gc(promote=True, when=False):
        assert gc.isenabled()
        kept: list[object] = [object()]
    assert not _in_generation(kept, 2)


def test_promote_moves_survivors_to_the_oldest_generation() -> None:
    with paused_gc(promote=True):
        kept: list[object] = [object()]
        assert _in_generation(kept, 0)
    assert _in_generation(kept, 2)
    assert gc.get_freeze_count() == 0


def test_objects_frozen_by_someone_else_stay_frozen() -> None:
    theirs: list[object] = [object()]
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with paused_gc(promote=True):
            kept: list[object] = [object()]
        assert gc.get_freeze_count() == frozen
        assert not any(o is theirs for o in gc.get_objects())  # still frozen
        assert not _in_generation(kept, 2)  # promotion skipped
    finally:
        gc.unfreeze()


def test_the_command_line_leaves_nothing_frozen(tmp_path: object) -> None:
    """``main()`` in a process that goes on (a notebook, a test run) promotes the programme it
    read instead of freezing it: nothing stays out of the collector after the command."""
    from importlib import resources

    from nqe_events.cli import main

    example = resources.files("nqe_events") / "data" / "examples" / "nqe-2024.yaml"
    assert gc.get_freeze_count() == 0
    assert main(["validate", str(example)]) == 0
    assert gc.get_freeze_count() == 0
    assert gc.isenabled()
