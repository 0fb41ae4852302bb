"""Fixtures for the rules tests: an event factory and a loaded QPV list."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from nqe_events.io import parse_qpv_list
from nqe_events.model import Event, Programme
from rules_fixtures import QPV_CSV, RICH, build_programme


@pytest.fixture
def qpv() -> Any:
    return parse_qpv_list(QPV_CSV, source="qpv.csv")


@pytest.fixture
def make() -> Callable[..., tuple[Event, Programme]]:
    """``make(**changes)``: the rich event with some fields changed (``None`` removes one)."""

    def factory(**changes: Any) -> tuple[Event, Programme]:
        data = dict(RICH)
        for key, value in changes.items():
            if value is None:
                data.pop(key, None)
            else:
                data[key] = value
        programme = build_programme(data)
        return programme.events[0], programme

    return factory
