"""The columns of a spreadsheet of events: the headers read for each field, the French header the
project writes, and which fields hold lists, references, dates or the plan of an event to plan."""

from __future__ import annotations

import re

from ..model.values import key

__all__ = [
    "BUDGET_FIELDS",
    "COLUMNS",
    "DATE_FIELDS",
    "EVENT_FIELDS",
    "HEADERS",
    "LABELS",
    "LIST_FIELDS",
    "PARTICIPATION_FIELDS",
    "PLAN_FIELDS",
    "REFERENCE_FIELDS",
    "columns_markdown",
    "header_field",
]

#: Field → accepted headers (compared without accents, case, spaces, hyphens or apostrophes).
COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "identifiant", "code", "référence"),
    "title": (
        "title",
        "titre",
        "intitulé",
        "nom",
        "nom de l'action",
        "nom de l'événement",
        "événement",
        "action",
        "temps fort",
    ),
    "description": ("description", "descriptif", "présentation"),
    "organiser": (
        "organiser",
        "porteur",
        "porteur de projet",
        "porteur du projet",
        "organisateur",
        "structure",
        "structure porteuse",
    ),
    "partners": ("partners", "partenaires", "partenaire"),
    "venue": ("venue", "lieu", "lieu de l'événement", "équipement"),
    "quartiers": ("quartiers", "quartier", "qpv", "quartiers concernés", "quartier prioritaire"),
    "themes": ("themes", "thèmes", "thème", "thématiques", "thématique"),
    "activities": ("activities", "activités", "activité", "disciplines"),
    "start": ("start", "début", "date de début", "date et heure de début"),
    "end": ("end", "fin", "date de fin", "date et heure de fin"),
    "date": ("date", "jour", "date de l'événement"),
    "start_time": ("heure de début", "heure début", "heure", "start time"),
    "end_time": ("heure de fin", "heure fin", "end time"),
    "hours": ("horaires", "horaire", "créneau", "hours"),
    "duration": ("durée", "duration", "durée à planifier"),
    "window_start": (
        "fenêtre du",
        "fenêtre début",
        "à planifier du",
        "au plus tôt",
        "window start",
    ),
    "window_end": ("fenêtre au", "fenêtre fin", "à planifier au", "au plus tard", "window end"),
    "preferred": ("dates souhaitées", "date souhaitée", "dates préférées", "preferred"),
    "weekdays": ("jours possibles", "jours autorisés", "jours de la semaine", "weekdays"),
    "wishes": ("souhaits", "souhait", "wishes"),
    "expected_attendance": (
        "expected_attendance",
        "public attendu",
        "participants attendus",
        "nombre de participants",
        "fréquentation attendue",
        "nb participants",
    ),
    "audiences": ("audiences", "publics", "public cible", "public visé", "publics visés"),
    "conception": ("conception", "habitants à la conception"),
    "realisation": ("réalisation", "habitants à la réalisation"),
    "evaluation": ("évaluation", "habitants à l'évaluation"),
    "volunteer_inhabitants": ("volunteer_inhabitants", "bénévoles", "habitants bénévoles"),
    "rev3": ("rev3", "mesures rev3", "éco-mesures", "mesures éco-responsables"),
    "labels": ("labels", "label"),
    "resources": ("resources", "ressources", "matériel", "matériel partagé"),
    "total_eur": ("total_eur", "budget total", "budget", "coût total"),
    "region_eur": (
        "region_eur",
        "subvention région",
        "subvention régionale",
        "aide région",
        "montant demandé",
    ),
    "status": ("status", "statut", "état"),
    "pinned": ("pinned", "épinglé", "date fixe"),
    "url": ("url", "lien", "site", "site web"),
    "notes": ("notes",),
}

#: Field → the French header the project writes (template, exports).
LABELS: dict[str, str] = {
    "id": "Identifiant",
    "title": "Titre",
    "description": "Description",
    "organiser": "Porteur",
    "partners": "Partenaires",
    "venue": "Lieu",
    "quartiers": "Quartiers",
    "themes": "Thèmes",
    "activities": "Activités",
    "start": "Début",
    "end": "Fin",
    "date": "Date",
    "start_time": "Heure de début",
    "end_time": "Heure de fin",
    "hours": "Horaires",
    "duration": "Durée",
    "window_start": "Fenêtre du",
    "window_end": "Fenêtre au",
    "preferred": "Dates souhaitées",
    "weekdays": "Jours possibles",
    "wishes": "Souhaits",
    "expected_attendance": "Public attendu",
    "audiences": "Publics",
    "conception": "Conception",
    "realisation": "Réalisation",
    "evaluation": "Évaluation",
    "volunteer_inhabitants": "Bénévoles",
    "rev3": "Mesures Rev3",
    "labels": "Labels",
    "resources": "Ressources",
    "total_eur": "Budget total",
    "region_eur": "Subvention Région",
    "status": "Statut",
    "pinned": "Épinglé",
    "url": "Lien",
    "notes": "Notes",
}

LIST_FIELDS = {
    "partners",
    "quartiers",
    "themes",
    "activities",
    "audiences",
    "rev3",
    "labels",
    "resources",
    "preferred",
    "weekdays",
    "wishes",
}
#: reference field → (list of the base it names, French and English word for one item)
REFERENCE_FIELDS = {
    "organiser": ("organisers", "porteur", "organiser"),
    "partners": ("organisers", "partenaire", "partner"),
    "venue": ("venues", "lieu", "venue"),
    "quartiers": ("quartiers", "quartier", "quartier"),
    "resources": ("resources", "ressource", "resource"),
}
DATE_FIELDS = {"start", "end", "date", "start_time", "end_time", "hours", "duration"}
PLAN_FIELDS = {"window_start", "window_end", "preferred", "weekdays", "wishes"}
PARTICIPATION_FIELDS = ("conception", "realisation", "evaluation", "volunteer_inhabitants")
BUDGET_FIELDS = ("total_eur", "region_eur")
EVENT_FIELDS = [f for f in COLUMNS if f not in DATE_FIELDS | PLAN_FIELDS | {"notes"}]


def _lookup() -> dict[str, str]:
    out: dict[str, str] = {}
    for name, aliases in COLUMNS.items():
        for alias in (name, *aliases):
            k = key(alias)
            if out.get(k, name) != name:  # pragma: no cover - guarded by a test
                raise ValueError(f"header '{alias}' means two columns")
            out[k] = name
    return out


HEADERS = _lookup()


def header_field(label: str) -> str | None:
    text = re.sub(r"\(.*?\)|[*:]", " ", label)
    return HEADERS.get(key(label)) or HEADERS.get(key(text))


def columns_markdown() -> str:
    """The recognised headers as a Markdown table, for docs/file-format.md (kept in step by a
    test)."""
    lines = ["| colonne | en-têtes acceptés |", "|---|---|"]
    for name, aliases in COLUMNS.items():
        shown = ", ".join(f"`{a}`" for a in dict.fromkeys((LABELS[name], *aliases)))
        lines.append(f"| {LABELS[name]} | {shown} |")
    return "\n".join(lines) + "\n"
