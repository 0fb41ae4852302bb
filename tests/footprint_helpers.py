"""Helpers for the footprint tests: events whose footprint holds only the inputs under test."""

from __future__ import annotations

import copy
from typing import Any

from nqe_events.model import Event

#: Every part declared and empty, so that no default applies and only the tested input counts.
EMPTY: dict[str, Any] = {
    "attendance": 100,
    "audience": "none",
    "organised": [],
    "crew": {},
    "energy": {},
    "catering": {},
    "goods": {},
    "waste": [],
    "water": "0 L",
}


def event_data(
    footprint: dict[str, Any] | None, event_id: str = "ev", **extra: Any
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": event_id,
        "title": "Évènement de test",
        "organiser": "org",
        "venue": "lieu",
        "quartiers": ["quartier-a"],
        "occurrences": [{"start": "2024-07-20T14:00", "end": "2024-07-20T18:00"}],
        "expected_attendance": 100,
    }
    if footprint is not None:
        data["footprint"] = footprint
    data.update(extra)
    return data


def isolated(**parts: Any) -> dict[str, Any]:
    """A footprint section with every part empty except ``parts``."""
    fp = copy.deepcopy(EMPTY)
    fp.update(parts)
    return fp


def make_event(footprint: dict[str, Any] | None, event_id: str = "ev", **extra: Any) -> Event:
    return Event.model_validate(event_data(footprint, event_id, **extra))
