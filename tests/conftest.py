"""Shared fixtures: a small valid programme as plain data, and helpers to run the CLI."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from nqe_events.errors import set_language

MINIMAL: dict[str, Any] = {
    "season": 2024,
    "name": "Programme de test",
    "quartiers": [
        {"id": "lens-cite-12", "name": "Cité 12", "communes": ["Lens"], "departement": "62"},
        {"id": "amiens-nord", "name": "Amiens Nord", "communes": ["Amiens"], "departement": "80"},
    ],
    "organisers": [
        {
            "id": "sport-ensemble",
            "name": "Sport Ensemble",
            "kind": "association",
            "siret": "73282932000074",
            "email": "contact@example.org",
        },
        {"id": "csc-nord", "name": "Centre social Nord", "kind": "centre-social"},
    ],
    "venues": [
        {
            "id": "city-stade-12",
            "name": "City stade de la Cité 12",
            "commune": "Lens",
            "quartier": "lens-cite-12",
            "capacity": 800,
            "outdoor": True,
            "coordinates": {"lat": 50.43, "lon": 2.83},
        },
        {"id": "salle-nord", "name": "Salle Nord", "commune": "Amiens", "quartier": "amiens-nord"},
    ],
    "resources": [{"id": "podium-mobile", "name": "Podium mobile", "capacity": 1}],
    "events": [
        {
            "id": "jeux-cite-12",
            "title": "Les Jeux de la Cité 12",
            "organiser": "sport-ensemble",
            "venue": "city-stade-12",
            "quartiers": ["lens-cite-12"],
            "themes": ["sport", "culture"],
            "activities": ["athlétisme", "basket 3x3"],
            "occurrences": [{"start": "2024-07-20T14:00", "end": "2024-07-20T19:00"}],
            "expected_attendance": 600,
            "audiences": ["enfants", "jeunes", "familles"],
            "participation": {
                "conception": True,
                "realisation": True,
                "evaluation": False,
                "volunteer_inhabitants": 12,
            },
            "rev3": ["tri-selectif", "gobelets-reutilisables"],
            "resources": ["podium-mobile"],
            "budget": {"total_eur": 12000, "region_eur": 6000},
        },
        {
            "id": "cinema-plein-air",
            "title": "Cinéma en plein air",
            "organiser": "csc-nord",
            "venue": "salle-nord",
            "quartiers": ["amiens-nord"],
            "to_plan": {
                "duration": "3 h",
                "window": {"start": "2024-07-08", "end": "2024-08-30"},
                "preferred": ["2024-07-26"],
            },
        },
    ],
}


@pytest.fixture(autouse=True)
def _french() -> Any:
    set_language("fr")
    yield
    set_language("fr")


@pytest.fixture
def minimal() -> dict[str, Any]:
    """A fresh deep copy of a small valid programme (plain data)."""
    return copy.deepcopy(MINIMAL)


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str], Path]:
    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return _write
