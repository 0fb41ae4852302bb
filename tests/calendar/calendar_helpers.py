"""Helpers for the calendar tests: build small programmes as plain data."""

from __future__ import annotations

from typing import Any

from nqe_events.io import programme_from_data
from nqe_events.model import Programme


def base(**planning: Any) -> dict[str, Any]:
    return {
        "season": 2024,
        "name": "Calendrier de test",
        "planning": planning,
        "quartiers": [
            {"id": f"q{i}", "name": f"Q{i}", "communes": ["Lille"], "departement": "59"}
            for i in range(3)
        ],
        "organisers": [
            {"id": "o0", "name": "O0", "kind": "association"},
            {"id": "o1", "name": "O1", "kind": "association", "teams": 2},
        ],
        "venues": [
            {"id": "v0", "name": "V0", "commune": "Lille"},
            {"id": "v1", "name": "V1", "commune": "Lille", "setup": "30 min", "teardown": "15 min"},
            {"id": "v2", "name": "V2", "commune": "Lille"},
        ],
        "resources": [
            {"id": "podium", "name": "Podium mobile", "transfer": "1 h"},
            {"id": "sono", "name": "Sono", "capacity": 2},
        ],
        "events": [],
    }


def event(
    eid: str,
    *occ: tuple[str, str],
    venue: str = "v0",
    organiser: str = "o0",
    quartiers: tuple[str, ...] = ("q0",),
    resources: tuple[str, ...] = (),
    **extra: Any,
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": eid,
        "title": eid.upper(),
        "organiser": organiser,
        "venue": venue,
        "quartiers": list(quartiers),
        "resources": list(resources),
    }
    if occ:
        data["occurrences"] = [{"start": a, "end": b} for a, b in occ]
    data.update(extra)
    return data


def build(data: dict[str, Any]) -> Programme:
    return programme_from_data(data)
