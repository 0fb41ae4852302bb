"""French and English texts of the calendar package: the one place to translate them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

__all__ = [
    "MONTHS_FR",
    "T",
    "colon",
    "day_fr",
    "fmt_day",
    "fmt_period",
    "fmt_time",
    "names",
    "text",
]

MONTHS_FR = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip
WEEKDAYS_FR = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def fmt_day(d: date, lang: str = "fr") -> str:
    """``6 juillet 2024`` / ``6 July 2024``; ``1er`` for the first of the month in French."""
    if lang == "fr":
        n = "1er" if d.day == 1 else str(d.day)
        return f"{n} {MONTHS_FR[d.month - 1]} {d.year}"
    return d.strftime("%-d %B %Y")


def day_fr(d: date, lang: str = "fr") -> str:
    wd = (WEEKDAYS_FR if lang == "fr" else WEEKDAYS_EN)[d.weekday()]
    return f"{wd} {fmt_day(d, lang)}"


def colon(lang: str = "fr") -> str:
    """``" : "`` in French typography, ``": "`` in English."""
    return " : " if lang == "fr" else ": "


def fmt_time(dt: datetime) -> str:
    return dt.strftime("%H:%M")


def fmt_period(a: date, b: date, lang: str = "fr") -> str:
    """``du 6 au 28 juillet 2024`` / ``from 6 to 28 July 2024`` (inclusive days)."""
    if a == b:
        return ("le " if lang == "fr" else "on ") + fmt_day(a, lang)
    if lang == "fr":
        if a.year == b.year and a.month == b.month:
            first = "1er" if a.day == 1 else str(a.day)
            return f"du {first} au {fmt_day(b, lang)}"
        if a.year == b.year:
            first = ("1er" if a.day == 1 else str(a.day)) + f" {MONTHS_FR[a.month - 1]}"
            return f"du {first} au {fmt_day(b, lang)}"
        return f"du {fmt_day(a, lang)} au {fmt_day(b, lang)}"
    return f"from {fmt_day(a, lang)} to {fmt_day(b, lang)}"


def names(ids: Sequence[str], limit: int = 6, lang: str = "fr") -> str:
    """``« a » et « b »``, ``« a », « b » et « c »``, ``« a », … (+4)``."""
    quoted = [f"« {i} »" if lang == "fr" else f"'{i}'" for i in ids[:limit]]
    if len(ids) > limit:
        return ", ".join(quoted) + f" (+{len(ids) - limit})"
    if len(quoted) <= 1:
        return "".join(quoted)
    word = " et " if lang == "fr" else " and "
    return ", ".join(quoted[:-1]) + word + quoted[-1]


# key -> (french, english)
T: dict[str, tuple[str, str]] = {
    "VENUE.interval": (
        "Lieu « {item} » : {events} se chevauchent {when} ({minutes} min, montage et démontage "
        "compris)",
        "Venue '{item}': {events} overlap {when} ({minutes} min, set-up and tear-down included)",
    ),
    "VENUE.group": (
        "Lieu « {item} » : {count} événements en même temps {when} : {events}",
        "Venue '{item}': {count} events at once {when}: {events}",
    ),
    "RESOURCE.group": (
        "Ressource « {item} » : demandée par {count} événements en même temps {when} : {events}",
        "Resource '{item}': needed by {count} events at once {when}: {events}",
    ),
    "ORGANISER.group": (
        "Porteur « {item} » (une équipe) : {count} événements en même temps {when} : {events}",
        "Organiser '{item}' (one team): {count} events at once {when}: {events}",
    ),
    "QUARTIER.group": (
        "Quartier « {item} » : {count} temps forts en même temps {when} : {events}",
        "Quartier '{item}': {count} temps forts at once {when}: {events}",
    ),
    "VENUE.hint": (
        "déplacez l'un des événements, changez de lieu ou réduisez les temps de montage",
        "move one of the events, change venue or shorten the set-up times",
    ),
    "RESOURCE.interval": (
        "Ressource « {item} » : demandée par {events} en même temps {when} ({minutes} min)",
        "Resource '{item}': needed by {events} at the same time {when} ({minutes} min)",
    ),
    "RESOURCE.transfer": (
        "Ressource « {item} » : {gap} min seulement entre {events} dans deux lieux différents "
        "{when}, il en faut {transfer} pour le transfert",
        "Resource '{item}': only {gap} min between {events} at two venues {when}, "
        "{transfer} needed to move it",
    ),
    "RESOURCE.pool": (
        "Ressource « {item} » (capacité {capacity}) : {count} utilisations en même temps {when} "
        "par {events}",
        "Resource '{item}' (capacity {capacity}): {count} uses at once {when} by {events}",
    ),
    "RESOURCE.hint": (
        "décalez l'un des événements ou prévoyez une ressource de plus",
        "move one of the events or provide another unit of the resource",
    ),
    "ORGANISER.interval": (
        "Porteur « {item} » (une équipe) : {events} ont lieu en même temps {when} ({minutes} min)",
        "Organiser '{item}' (one team): {events} happen at the same time {when} ({minutes} min)",
    ),
    "ORGANISER.pool": (
        "Porteur « {item} » ({capacity} équipes) : {count} événements en même temps {when} : "
        "{events}",
        "Organiser '{item}' ({capacity} teams): {count} events at once {when}: {events}",
    ),
    "ORGANISER.hint": (
        "décalez l'un des événements ou déclarez une équipe de plus (teams)",
        "move one of the events or declare another team (teams)",
    ),
    "QUARTIER.day": (
        "Quartier « {item} » : {events} le même jour ({day}) ; au plus "
        "{capacity:~temps fort|temps forts} par jour et par quartier",
        "Quartier '{item}': {events} on the same day ({day}); at most "
        "{capacity:~temps fort|temps forts} per quartier per day",
    ),
    "QUARTIER.pool": (
        "Quartier « {item} » : {count} temps forts le même jour ({day}) : {events} ; au plus "
        "{capacity} par jour",
        "Quartier '{item}': {count} temps forts on the same day ({day}): {events}; at most "
        "{capacity} per day",
    ),
    "QUARTIER.gap": (
        "Quartier « {item} » : {events} trop rapprochés {when} ({gap} min d'écart, il en faut "
        "{transfer})",
        "Quartier '{item}': {events} too close {when} ({gap} min apart, {transfer} needed)",
    ),
    "QUARTIER.interval": (
        "Quartier « {item} » : {events} se chevauchent {when} ({minutes} min)",
        "Quartier '{item}': {events} overlap {when} ({minutes} min)",
    ),
    "QUARTIER.hint": (
        "placez ces temps forts sur des jours différents pour ne pas se disputer le même public",
        "put these temps forts on different days so they do not compete for the same audience",
    ),
    "WINDOW.season": (
        "{events} a lieu hors de la saison ({period}) : {minutes} min en dehors",
        "{events} takes place outside the season ({period}): {minutes} min outside",
    ),
    "WINDOW.window": (
        "{events} a lieu hors de sa propre fenêtre ({period})",
        "{events} takes place outside its own window ({period})",
    ),
    "WINDOW.weekday": (
        "{events} a lieu un jour non autorisé ({when}) ; jours autorisés : {weekdays}",
        "{events} takes place on a day that is not allowed ({when}); allowed: {weekdays}",
    ),
    "WINDOW.hours": (
        "{events} déborde des heures autorisées ({hours}) de {minutes} min {when}",
        "{events} runs {minutes} min outside the allowed hours ({hours}) {when}",
    ),
    "WINDOW.hint": (
        "changez la date ou les heures, ou élargissez la saison, la fenêtre ou les jours "
        "autorisés dans la section planning",
        "change the date or times, or widen the season, window or weekdays in the planning section",
    ),
    "BLACKOUT.blackout": (
        "{events} tombe sur une date interdite ({label}) {when}",
        "{events} falls on a blackout date ({label}) {when}",
    ),
    "BLACKOUT.holiday": (
        "{events} tombe un jour férié ({label}) {when}",
        "{events} falls on a public holiday ({label}) {when}",
    ),
    "BLACKOUT.closure": (
        "{events} a lieu alors que le lieu « {item} » est fermé ({label}) {when}",
        "{events} takes place while venue '{item}' is closed ({label}) {when}",
    ),
    "BLACKOUT.hint": (
        "choisissez une autre date ou un autre lieu",
        "pick another date or another venue",
    ),
    "when": ("le {day} de {start} à {end}", "on {day} from {start} to {end}"),
    "when_days": ("{period}", "{period}"),
    # reports
    "clashes.none": ("Aucun conflit : {n} événements vérifiés.", "No clash: {n} events checked."),
    "clashes.some": (
        "{k:~conflit} parmi {n:~événement} :",
        "{k:~clash|clashes} among {n:~event}:",
    ),
    "hint": ("conseil", "hint"),
    "plan.summary": (
        "{placed:~événement placé|événements placés}, {unplaced:~non placé|non placés}, "
        "{moved:~déplacé} ; score souple {score}",
        "{placed:~event placed|events placed}, {unplaced} unplaced, {moved} moved; "
        "soft score {score}",
    ),
    "plan.unplaced": ("Non placés :", "Unplaced:"),
    "plan.moved": ("Déplacés :", "Moved:"),
    "plan.added": ("Ajoutés au plan :", "Added to the plan:"),
    "plan.removed": ("Retirés du plan :", "Removed from the plan:"),
    "plan.placed": ("Placés :", "Placed:"),
    # planner explanations (one reason per blocking rule and group)
    "why.none": (
        "aucun créneau possible : la saison, la fenêtre de l'événement et les jours autorisés "
        "ne laissent aucun jour ({detail})",
        "no possible slot: the season, the event's window and the allowed weekdays leave no day "
        "({detail})",
    ),
    "why.too_long": (
        "la durée ({minutes} min) dépasse les heures autorisées ({hours})",
        "the duration ({minutes} min) exceeds the allowed hours ({hours})",
    ),
    "why.group": (
        "{what} « {item} » : réservé {period} par {count:~événement} ({events})",
        "{what} '{item}': booked {period} by {count:~event} ({events})",
    ),
    "why.blackout": (
        "{label} {period}",
        "{label} {period}",
    ),
    "why.closure": (
        "lieu « {item} » fermé {period}{label}",
        "venue '{item}' closed {period}{label}",
    ),
    "why.holiday": ("jour férié ({label}) {period}", "public holiday ({label}) {period}"),
    "why.blocked": (
        "{k:~créneau bloqué|créneaux bloqués} sur {n}",
        "{k} of {n:~slot} blocked",
    ),
    # rule tags shown before each clash: [LIEU], [RESSOURCE], [HORS SAISON]…
    "tag.VENUE": ("LIEU", "VENUE"),
    "tag.RESOURCE": ("RESSOURCE", "RESOURCE"),
    "tag.ORGANISER": ("PORTEUR", "ORGANISER"),
    "tag.QUARTIER": ("QUARTIER", "QUARTIER"),
    "tag.WINDOW": ("HORS CRÉNEAU", "OUTSIDE THE SLOT"),
    "tag.WINDOW.season": ("HORS SAISON", "OUT OF SEASON"),
    "tag.WINDOW.window": ("HORS FENÊTRE", "OUTSIDE THE WINDOW"),
    "tag.WINDOW.weekday": ("JOUR EXCLU", "DAY EXCLUDED"),
    "tag.WINDOW.hours": ("HORS HORAIRES", "OUTSIDE THE HOURS"),
    "tag.BLACKOUT": ("DATE INTERDITE", "BLACKOUT DATE"),
    "tag.PREFERRED": ("DATE PRÉFÉRÉE", "PREFERRED DATE"),
    "tag.SPREAD": ("ÉTALEMENT", "SPREAD"),
    "tag.WEEKEND_EVENING": ("WEEK-END OU SOIRÉE", "WEEKEND OR EVENING"),
    "tag.STABILITY": ("STABILITÉ", "STABILITY"),
    "what.VENUE": ("lieu", "venue"),
    "what.RESOURCE": ("ressource", "resource"),
    "what.ORGANISER": ("porteur", "organiser"),
    "what.QUARTIER": ("quartier", "quartier"),
    "blackout.default": ("date interdite", "blackout date"),
}


def text(key: str, lang: str = "fr", **values: object) -> str:
    """The text ``key`` in ``lang``; ``{n:~one|many}`` agrees with the number (« 1 conflit »)."""
    from .._render import plural_format

    fr, en = T[key]
    return plural_format(fr if lang == "fr" else en, lang, **values)
