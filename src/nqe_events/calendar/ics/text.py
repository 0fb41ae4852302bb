"""French text of the ICS feeds (event descriptions, categories) and the labels they use.

Feeds are read by inhabitants in their calendar apps, so their text is French; the labels live here
so that a translation is one file.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

__all__ = [
    "ACCESSIBILITY",
    "AUDIENCE_LABELS",
    "BLOCK_MARK",
    "CANCELLED_PREFIX",
    "LINES",
    "THEME_LABELS",
    "UNKNOWN",
    "WARNINGS",
    "slug",
    "unescape",
]

#: What the SUMMARY of a cancelled occurrence starts with, for the calendar apps that ignore STATUS
#: (khal, calcurse): a subscriber must not turn up to a cancelled event.
CANCELLED_PREFIX = "Annulé — "

#: The line that separates the organiser's own description from the generated block.
BLOCK_MARK = "———"

THEME_LABELS: dict[str, str] = {
    "sport": "Sport",
    "culture": "Culture",
    "developpement-durable": "Développement durable",
}

AUDIENCE_LABELS: dict[str, str] = {
    "enfants": "Enfants",
    "jeunes": "Jeunes (12–25 ans)",
    "familles": "Familles",
    "seniors": "Seniors",
    "femmes-filles": "Femmes et filles",
    "handicap": "Personnes en situation de handicap",
    "tout-public": "Tout public",
}

ACCESSIBILITY: dict[bool | None, str] = {
    True: "lieu accessible aux personnes à mobilité réduite",
    False: "lieu non accessible aux personnes à mobilité réduite",
    None: "accessibilité du lieu non renseignée",
}

LINES = {
    "cancelled": "Événement annulé.",
    "themes": "Thèmes : {}",
    "audiences": "Publics : {}",
    "accessibility": "Accessibilité : {}",
    "organiser": "Porteur : {}",
    "partners": "Partenaires : {}",
    "games": "Lien avec les Jeux (activités) : {}",
    "quartiers": "Quartiers : {}",
    "occurrence": "Séance : {}",
    "more": "Plus d'informations : {}",
}

UNKNOWN = {
    "venue_name": "Lieu à préciser",
    "commune": "Commune à préciser",
    "organiser_name": "Porteur à préciser",
    "quartier_name": "Quartier à préciser ({})",
    "title": "(sans titre)",
    "programme_name": "Programme importé d'un fichier ICS",
}

#: Texts of the import warnings (French, English).
WARNINGS: dict[str, tuple[str, str]] = {
    "floating": (
        "heure flottante (sans fuseau) lue comme heure de {tz}",
        "floating time (no time zone) read as {tz} time",
    ),
    "vtimezone_only": (
        "fuseau « {tzid} » inconnu : lu d'après le VTIMEZONE du fichier",
        "unknown time zone '{tzid}': read from the file's VTIMEZONE",
    ),
    "no_end": (
        "ni DTEND ni DURATION : durée d'une heure supposée",
        "neither DTEND nor DURATION: one hour assumed",
    ),
    "no_uid": (
        "événement sans UID : identifiant tiré du titre et de la date",
        "event without UID: id made from the title and the date",
    ),
    "duplicate_uid": (
        "UID « {uid} » en double : la version de plus haute SEQUENCE est gardée",
        "duplicate UID '{uid}': the version with the highest SEQUENCE is kept",
    ),
    "outside_season": (
        "événement « {id} » du {day}, hors de la saison {season} : ignoré — pour l'importer, "
        "donnez la saison {year} (--season {year}, ou season={year} en Python)",
        "event '{id}' of {day}, outside the {season} season: skipped — to import it, give the "
        "season {year} (--season {year}, or season={year} in Python)",
    ),
    "no_occurrence": (
        "événement récurrent « {id} » sans occurrence dans la saison {season} : ignoré — pour "
        "l'importer, donnez une saison où il a lieu (il commence en {year} : --season {year}, "
        "ou season={year} en Python)",
        "recurring event '{id}' with no occurrence in the {season} season: skipped — to import "
        "it, give a season when it takes place (it starts in {year}: --season {year}, or "
        "season={year} in Python)",
    ),
    "duplicate_property": (
        "{name} en double : le premier est gardé",
        "duplicate {name}: the first one is kept",
    ),
    "empty_rrule": (
        "RRULE vide : l'événement est lu comme non récurrent",
        "empty RRULE: the event is read as not recurring",
    ),
    "overlap_split": (
        "occurrences de « {id} » qui se chevauchent : réparties en {n} événements ({ids})",
        "overlapping occurrences of '{id}': spread over {n} events ({ids})",
    ),
    "trailing": (
        "lignes après END:VCALENDAR ignorées : {n}",
        "lines after END:VCALENDAR ignored: {n}",
    ),
    "lone_cr": (
        "fins de ligne en CR seul (anciens Mac) : lues comme des fins de ligne",
        "lone CR line endings (old Macs): read as line endings",
    ),
    "bad_vtimezone": (
        "fuseau VTIMEZONE « {tzid} » illisible, ignoré : {reason}",
        "unreadable VTIMEZONE '{tzid}', ignored: {reason}",
    ),
    "duration_ignored": (
        "DTEND et DURATION à la fois : DTEND gardé, DURATION ignorée (nulle ou égale)",
        "both DTEND and DURATION: DTEND kept, DURATION ignored (zero or equal)",
    ),
    "zero_length": (
        "événement de durée nulle (fin = début) : gardé comme un instant d'une minute",
        "zero-length event (end = start): kept as a one-minute point in time",
    ),
    "zero_length_day": (
        "événement d'une journée écrit avec DTEND = DTSTART : gardé comme une journée entière",
        "one-day event written with DTEND = DTSTART: kept as one whole day",
    ),
    "nqe_data": (
        "données nqe-events ({what}) illisibles : ignorées, lues depuis les propriétés ordinaires",
        "unreadable nqe-events data ({what}): ignored, read from the ordinary properties",
    ),
    "resource_dropped": (
        "{n:~ressource inconnue du flux retirée|ressources inconnues du flux retirées} de "
        "l'événement : {ids}",
        "{n:~resource unknown to the feed|resources unknown to the feed} removed from the "
        "event: {ids}",
    ),
    "truncated": (
        "{field} tronqué à {n} caractères",
        "{field} cut to {n} characters",
    ),
    "category": (
        "catégorie « {value} » ignorée (ni thème ni étiquette possible)",
        "category '{value}' ignored (neither a theme nor a possible label)",
    ),
    "too_many_themes": (
        "plus de 3 thèmes : seuls les 3 premiers sont gardés",
        "more than 3 themes: only the first 3 are kept",
    ),
    "url": (
        "URL « {value} » ignorée (attendu http:// ou https://)",
        "URL '{value}' ignored (expected http:// or https://)",
    ),
    "placeholder_departement": (
        "quartier « {id} » créé avec le département 59 par défaut : à corriger",
        "quartier '{id}' created with département 59 by default: to be corrected",
    ),
    "placeholders": (
        "éléments créés pour compléter le programme (à préciser) : {items}",
        "items created to complete the programme (to be completed): {items}",
    ),
    "no_events": (
        "aucun événement daté dans le fichier",
        "no dated event in the file",
    ),
    "other_component": (
        "{name} : {n:~composant ignoré|composants ignorés} (seuls les VEVENT sont lus)",
        "{name}: {n:~component ignored|components ignored} (only VEVENT is read)",
    ),
}


@lru_cache(maxsize=8192)
def slug(text: str | None, fallback: str = "item") -> str:
    if not text:
        return fallback
    norm = unicodedata.normalize("NFKD", text.lower())
    norm = "".join(c for c in norm if not unicodedata.combining(c))
    slug = re.sub(r"[^a-z0-9._]+", "-", norm).strip("-._")
    slug = re.sub(r"-{2,}", "-", slug)
    if len(slug) > 80:
        digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
        slug = slug[:70].rstrip("-._") + "-" + digest
    return slug or fallback


_ESCAPE = re.compile(r"\\([\\;,nN])")


def unescape(text: str) -> str:
    """RFC 5545 §3.3.11 TEXT unescaping: ``\\\\`` ``\\;`` ``\\,`` ``\\n``."""
    return _ESCAPE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), text)


#: Events read as other readers (recurring_ical_events) read them, and said so.
WARNINGS.update(
    {
        "end_before_start": (
            "fin ({end}) avant le début ({start}) : les deux sont échangés, comme le font les "
            "autres agendas",
            "end ({end}) before the start ({start}): the two are swapped, as other calendar "
            "readers do",
        ),
        "mixed_date_kinds": (
            "DTSTART et DTEND mêlent une date et une date-heure : le {day} est lu comme minuit, "
            "à l'heure de l'autre valeur (événement horaire)",
            "DTSTART and DTEND mix a date and a date-time: {day} is read as midnight, in the "
            "other value's time zone (a timed event)",
        ),
    }
)
