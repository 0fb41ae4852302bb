"""Shared data for the rules tests: a small programme, a rich event and a QPV list."""

from __future__ import annotations

from typing import Any

from nqe_events.model import Programme

BASE: dict[str, Any] = {
    "season": 2024,
    "name": "Programme de test",
    "rules": "nqe-2024",
    "quartiers": [
        {
            "id": "bourgogne",
            "name": "Bourgogne",
            "communes": ["Tourcoing"],
            "departement": "59",
            "epci": "Métropole Européenne de Lille",
            "qpv_code": "QN05901M",
        },
        {
            "id": "pont-rouge",
            "name": "Pont Rouge",
            "communes": ["Lys-lez-Lannoy"],
            "departement": "59",
            "epci": "Métropole Européenne de Lille",
            "qpv_code": "QN05902M",
        },
        {
            "id": "faubourg",
            "name": "Faubourg",
            "communes": ["Amiens"],
            "departement": "80",
            "epci": "Amiens Métropole",
            "qpv_code": "QP080001",
        },
        {
            "id": "sans-code",
            "name": "Sans code",
            "communes": ["Laon"],
            "departement": "02",
        },
    ],
    "organisers": [
        {"id": "asso", "name": "Association du quartier", "kind": "association"},
        {"id": "collectif", "name": "Collectif d'habitants", "kind": "collectif-habitants"},
        {"id": "autre", "name": "Autre porteur", "kind": "autre"},
        {"id": "bailleur", "name": "Bailleur", "kind": "bailleur-social"},
    ],
    "venues": [
        {"id": "city-stade", "name": "City stade", "commune": "Tourcoing", "quartier": "bourgogne"},
        {
            "id": "salle",
            "name": "Salle accessible",
            "commune": "Amiens",
            "accessible_pmr": True,
        },
    ],
    "events": [],
}

#: A rich event that meets every criterion of the 2024 rules (with the QPV list below).
RICH: dict[str, Any] = {
    "id": "riche",
    "title": "Grande fête du basket 3x3 et du cécifoot",
    "description": (
        "Tournoi de basket 3x3 et initiation au cécifoot pendant les Jeux, retransmission sur "
        "écran géant, rencontre avec une championne, atelier sur les valeurs olympiques : "
        "respect, amitié, courage. Spectacle de danse hip hop."
    ),
    "organiser": "asso",
    "partners": ["collectif"],
    "venue": "city-stade",
    "quartiers": ["bourgogne", "pont-rouge"],
    "themes": ["sport", "culture"],
    "activities": ["basket 3x3", "cécifoot", "danse"],
    "occurrences": [{"start": "2024-07-27T14:00", "end": "2024-07-27T22:00"}],
    "expected_attendance": 400,
    "audiences": ["familles", "handicap"],
    "participation": {
        "conception": True,
        "realisation": True,
        "evaluation": True,
        "volunteer_inhabitants": 12,
    },
    "rev3": [
        "tri-selectif",
        "gobelets-reutilisables",
        "circuits-courts",
        "mobilite-douce",
        "accessibilite",
    ],
    "labels": ["terre-de-jeux"],
}

QPV_CSV = "code_qp;lib_qp;commune_qp\nQN05901M;Bourgogne;Tourcoing\nQN05902M;Pont Rouge;Lys\n"


def build_programme(*events: dict[str, Any]) -> Programme:
    return Programme.model_validate({**BASE, "events": list(events)})
