"""French and English texts for validation errors: the one place to translate the model's messages.

pydantic reports each problem with a ``type`` and a context; this module turns it into a located
:class:`~nqe_events.errors.ErrorDetail` in both languages.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from pydantic import ValidationError

from .._render import plural, plural_format
from ..errors import ErrorDetail, ProgrammeValidationError, closest, short
from .base import SLUG_PATTERN
from .places import QPV_CODE_PATTERN

__all__ = ["format_loc", "validation_error"]

# type -> (french, english); {placeholders} come from pydantic's ctx.
_TEXTS: dict[str, tuple[str, str]] = {
    "missing": ("champ obligatoire absent", "required field missing"),
    "extra_forbidden": ("champ inconnu", "unknown field"),
    "string_type": ("attendu du texte", "expected text"),
    "string_too_short": (
        "texte trop court (au moins {min_length:~caractère})",
        "text too short (at least {min_length:~character})",
    ),
    "string_too_long": (
        "texte trop long (au plus {max_length} caractères)",
        "text too long (at most {max_length} characters)",
    ),
    "string_pattern_mismatch": (
        "forme invalide : attendu le motif {pattern}",
        "invalid form: expected the pattern {pattern}",
    ),
    "int_type": ("attendu un nombre entier", "expected a whole number"),
    "int_parsing": ("attendu un nombre entier", "expected a whole number"),
    "int_parsing_size": (
        "nombre entier trop long",
        "integer too long",
    ),
    "time_type": ("attendu une heure HH:MM", "expected a time HH:MM"),
    "time_parsing": ("heure illisible : attendu HH:MM", "unreadable time: expected HH:MM"),
    "int_from_float": ("attendu un nombre entier, sans décimales", "expected a whole number"),
    "float_type": ("attendu un nombre", "expected a number"),
    "float_parsing": ("attendu un nombre", "expected a number"),
    "bool_type": ("attendu oui ou non", "expected yes or no (true or false)"),
    "bool_parsing": ("attendu oui ou non", "expected yes or no (true or false)"),
    "decimal_type": ("attendu un montant (nombre)", "expected an amount (number)"),
    "decimal_parsing": ("attendu un montant (nombre)", "expected an amount (number)"),
    "decimal_max_places": (
        "au plus {decimal_places} décimales",
        "at most {decimal_places} decimal places",
    ),
    "decimal_max_digits": ("montant trop grand", "amount too large"),
    "greater_than": ("doit être supérieur à {gt}", "must be greater than {gt}"),
    "greater_than_equal": ("doit être au moins {ge}", "must be at least {ge}"),
    "subsecond_time": (
        "les heures s'écrivent à la seconde près (trouvé : {value}) : retirez la fraction de "
        "seconde",
        "times are written to the second (found: {value}): remove the fraction of a second",
    ),
    "season_range": (
        "la saison doit être au moins {low} et au plus {high} (trouvé : {value})",
        "the season must be at least {low} and at most {high} (found: {value})",
    ),
    "less_than": ("doit être inférieur à {lt}", "must be less than {lt}"),
    "less_than_equal": ("doit être au plus {le}", "must be at most {le}"),
    "too_short": (
        "liste trop courte : au moins {min_length:~élément}",
        "list too short: at least {min_length:~item}",
    ),
    "too_long": (
        "liste trop longue : au plus {max_length:~élément}",
        "list too long: at most {max_length:~item}",
    ),
    "tuple_type": ("attendu une liste", "expected a list"),
    "list_type": ("attendu une liste", "expected a list"),
    "dict_type": ("attendu un objet (clé: valeur)", "expected a mapping (key: value)"),
    "model_type": ("attendu un objet (clé: valeur)", "expected a mapping (key: value)"),
    "model_attributes_type": ("attendu un objet (clé: valeur)", "expected a mapping (key: value)"),
    "date_type": ("attendu une date AAAA-MM-JJ", "expected a date YYYY-MM-DD"),
    "date_parsing": ("date illisible : attendu AAAA-MM-JJ", "unreadable date: expected YYYY-MM-DD"),
    "date_from_datetime_parsing": (
        "date illisible : attendu AAAA-MM-JJ",
        "unreadable date: expected YYYY-MM-DD",
    ),
    "date_from_datetime_inexact": (
        "attendu une date sans heure (AAAA-MM-JJ)",
        "expected a date without a time (YYYY-MM-DD)",
    ),
    "datetime_type": (
        "attendu une date et heure ISO 8601 (2024-07-20T14:00)",
        "expected an ISO 8601 date and time (2024-07-20T14:00)",
    ),
    "datetime_parsing": (
        "date et heure illisibles : attendu ISO 8601 (2024-07-20T14:00)",
        "unreadable date and time: expected ISO 8601 (2024-07-20T14:00)",
    ),
    "datetime_from_date_parsing": (
        "date et heure illisibles : attendu ISO 8601 (2024-07-20T14:00)",
        "unreadable date and time: expected ISO 8601 (2024-07-20T14:00)",
    ),
    "value_error": ("{error}", "{error}"),
    "value_error_email": ("adresse e-mail invalide", "invalid e-mail address"),
    "literal_error": ("valeur refusée : attendu {expected}", "value refused: expected {expected}"),
    "enum": ("valeur inconnue : attendu {expected}", "unknown value: expected {expected}"),
    "union_tag_invalid": (
        "type inconnu : attendu {expected_tags}",
        "unknown kind: {expected_tags}",
    ),
    "json_invalid": ("JSON invalide : {error}", "invalid JSON: {error}"),
    # values refused by the normaliser (model/values.py) carry both languages in their context
    "nqe_value": ("{fr}", "{en}"),
    # custom errors raised by the model's own validators carry French text; English below.
    "departement": (
        "code de département inconnu « {value} » : attendu deux chiffres (« 59 », « 02 »), "
        "« 2A »/« 2B » ou « 971 » à « 976 »",
        "unknown département code '{value}': expected two digits ('59', '02'), '2A'/'2B' or "
        "'971' to '976'",
    ),
    "euros": ("un montant en euros doit être positif ou nul", "an amount must be non-negative"),
    "timezone": (
        "fuseau horaire inconnu « {value} » : attendu un nom IANA comme « Europe/Paris »",
        "unknown timezone '{value}': expected an IANA name such as 'Europe/Paris'",
    ),
    "nonexistent_time": (
        "l'heure {value} n'existe pas à {tz} (passage à l'heure d'été) : choisissez une autre "
        "heure ou précisez le décalage (ex. +02:00)",
        "{value} does not exist in {tz} (clocks go forward): pick another time or give the "
        "offset (e.g. +02:00)",
    ),
    "ambiguous_time": (
        "l'heure {value} existe deux fois à {tz} (retour à l'heure d'hiver) : précisez le "
        "décalage, +02:00 ou +01:00",
        "{value} happens twice in {tz} (clocks go back): give the offset, +02:00 or +01:00",
    ),
    "datetime_format": (
        "date et heure illisibles « {value} » : attendu le format ISO 8601, ex. "
        "« 2024-07-20T14:00 » ou « 2024-07-20T14:00+02:00 »",
        "unreadable date and time '{value}': expected ISO 8601, e.g. '2024-07-20T14:00'",
    ),
    "siret_type": ("le {name} doit être une chaîne de chiffres", "the {name} must be digits"),
    "siret_length": (
        "le {name} doit compter {length} chiffres, « {value} » en a {found}",
        "the {name} must have {length} digits, '{value}' has {found}",
    ),
    "siren_key": (
        "la clé du SIREN « {value} » est fausse (contrôle de Luhn) : vérifiez les chiffres",
        "the SIREN '{value}' fails its Luhn check: check the digits",
    ),
    "siret_key": (
        "la clé du SIRET « {value} » est fausse (contrôle de Luhn) : vérifiez les chiffres",
        "the SIRET '{value}' fails its Luhn check: check the digits",
    ),
    "end_before_start": (
        "la fin ({end}) doit être après le début ({start})",
        "the end ({end}) must come after the start ({start})",
    ),
    "occurrence_too_long": (
        "une occurrence de plus de 62 jours n'est pas un temps fort : découpez-la",
        "an occurrence over 62 days is not a temps fort: split it",
    ),
    "window_too_long": (
        "une fenêtre ou une saison dure au plus 366 jours (trouvé : {days} jours)",
        "a window or a season lasts at most 366 days (found: {days} days)",
    ),
    "buffer_range": (
        "une durée de battement ou d'écart va de 0 à 7 jours (trouvé : {value})",
        "a buffer or gap lasts from 0 to 7 days (found: {value})",
    ),
    "bool_as_number": (
        "attendu un nombre, pas « {value} » (oui ou non n'est pas un nombre)",
        "expected a number, not '{value}' (true and false are not numbers)",
    ),
    "finite_number": (
        "attendu un nombre fini (ni NaN, ni infini)",
        "expected a finite number (not NaN nor infinity)",
    ),
    "year_range": (
        "date hors des années {low} à {high} : vérifiez l'année",
        "date outside the years {low} to {high}: check the year",
    ),
    "impossible_datetime": (
        "date ou heure impossible « {value} » : ce jour ou cette heure n'existe pas "
        "(vérifiez le jour, le mois et l'heure)",
        "impossible date or time '{value}': this day or time does not exist",
    ),
    "control_character": ("{fr}", "{en}"),
    "all_day_mixed": (
        "une occurrence « toute la journée » s'écrit avec deux dates (sans heure)",
        "an all-day occurrence is written with two dates (no time)",
    ),
    "all_day_dates": (
        "début et fin sans heure : une occurrence sans heure dure toute la journée "
        "(retirez « all_day: false » ou ajoutez les heures)",
        "start and end without a time make an all-day occurrence (remove 'all_day: false' or "
        "add times)",
    ),
    "all_day_midnight": (
        "une occurrence « toute la journée » commence à minuit",
        "an all-day occurrence starts at midnight",
    ),
    "duration_range": (
        "la durée à planifier doit aller de 15 min à 14 jours (trouvé : {value})",
        "the duration to plan must be between 15 min and 14 days (found: {value})",
    ),
    "region_above_total": (
        "la subvention régionale demandée ({region} €) dépasse le budget total ({total} €)",
        "the regional subsidy requested ({region} €) exceeds the total budget ({total} €)",
    ),
    "no_dates": (
        "l'événement n'a ni occurrences (dates) ni to_plan (durée à planifier) : ajoutez l'un "
        "ou l'autre",
        "the event has neither occurrences (dates) nor to_plan (a duration to plan): add one",
    ),
    "occurrences_overlap": (
        "deux occurrences se chevauchent ({a} et {b}) : fusionnez-les",
        "two occurrences overlap ({a} and {b}): merge them",
    ),
    "duplicate_item": ("{field} : un élément est répété", "{field}: an item is repeated"),
    # planning section (model/planning.py)
    "negative_duration": ("une durée ne peut pas être négative", "a duration cannot be negative"),
    "no_weekday": (
        "au moins un jour de la semaine doit être autorisé",
        "at least one weekday must be allowed",
    ),
    "slot_step": (
        "le pas des créneaux doit aller de 5 min à 24 h",
        "the slot step must be between 5 min and 24 h",
    ),
    "negative_weight": (
        "le poids de la règle {code} doit être positif ou nul",
        "the weight of rule {code} must be zero or more",
    ),
    # footprint section (model/footprint.py)
    "fp_choice": (
        "{kind_fr} inconnu « {value} » : valeurs acceptées {accepted}{guess}",
        "unknown {kind_en} '{value}': accepted values {accepted}{guess_en}",
    ),
    "fp_duplicate": ("« {value} » est donné deux fois", "'{value}' is given twice"),
    "fp_occupancy": (
        "occupancy (personnes par voiture) ne vaut que pour car-thermal et car-electric, pas pour "
        "« {mode} »",
        "occupancy (people per car) only applies to car-thermal and car-electric, not '{mode}'",
    ),
    "fp_travel_source": (
        "donnez soit modes (parts modales), soit survey (enquête), et un seul des deux (ou "
        "« audience: none » s'il n'y a aucune venue du public)",
        "give either modes (mode shares) or survey (survey rows), and only one (or "
        "'audience: none' when there is no audience travel)",
    ),
    "fp_travel_none": (
        "« none » (aucune venue du public) exclut modes et survey",
        "'none' (no audience travel) excludes modes and survey",
    ),
    "fp_waste_treatment": (
        "pas de facteur pour le flux « {stream} » traité par « {treatment} » : traitements "
        "possibles {accepted}",
        "no factor for stream '{stream}' with treatment '{treatment}': possible treatments "
        "{accepted}",
    ),
    "fp_printed_source": (
        "donnez soit mass (ex. « 20 kg »), soit format et copies (et gsm), pas les deux",
        "give either mass (e.g. '20 kg') or format and copies (and gsm), not both",
    ),
    "fp_shares_sum": (
        "les parts modales doivent faire 100 % (somme trouvée : {total} %)",
        "mode shares must add up to 100 % (found: {total} %)",
    ),
    "fp_trip_source": (
        "donnez soit distance (km par véhicule, aller-retour), soit fuel_volume (litres), et un "
        "seul des deux",
        "give either distance (km per vehicle, round trip) or fuel_volume (litres), and only one",
    ),
    "fp_generator_source": (
        "donnez soit « fuel_volume » (litres), soit « power » (kVA) et « hours », pas les deux",
        "give either fuel_volume (litres) or power (kVA) and hours, not both",
    ),
    "fp_generator_fuel": (
        "carburant de groupe électrogène « {value} » : valeurs acceptées diesel, petrol",
        "generator fuel '{value}': accepted values diesel, petrol",
    ),
    "fp_waste_source": (
        "donnez soit mass (ex. « 120 kg »), soit bins, pas les deux",
        "give either mass (e.g. '120 kg') or bins, not both",
    ),
}

# A regex is no message: each pattern of the model, said in words.
_PATTERNS: dict[str, tuple[str, str]] = {
    SLUG_PATTERN: (
        "identifiant invalide : lettres minuscules sans accent, chiffres, « - », « _ » ou « . », "
        "sans espace (ex. « fete-du-quartier ») — ou le nom exact d'un élément du programme",
        "invalid id: lower-case letters without accents, digits, '-', '_' or '.', no spaces "
        "(e.g. 'fete-du-quartier') — or the exact name of an item of the programme",
    ),
    r"^https?://\S+$": (
        "adresse web invalide : elle commence par http:// ou https:// et n'a pas d'espace",
        "invalid web address: it starts with http:// or https:// and has no spaces",
    ),
    r"^[a-z0-9][a-z0-9-]{0,60}$": (
        "mot-clé invalide : lettres sans accent, chiffres et « - » (ex. « zero-plastique »)",
        "invalid keyword: letters without accents, digits and '-' (e.g. 'zero-plastique')",
    ),
    r"^[0-9][0-9AB][0-9]{3}$": (
        "code postal invalide : cinq caractères, ex. « 59100 » ou « 20A00 »",
        "invalid postcode: five characters, e.g. '59100'",
    ),
    QPV_CODE_PATTERN: (
        "code QPV invalide : « QP » ou « QN » suivi de six caractères, ex. « QN05901M »",
        "invalid QPV code: 'QP' or 'QN' followed by six characters, e.g. 'QN05901M'",
    ),
}
_PATTERN_OTHER = ("forme invalide", "invalid form")

_HINTS: dict[str, tuple[str, str]] = {
    "missing": ("ajoutez ce champ", "add this field"),
    "datetime_parsing": (
        "écrivez par exemple 2024-07-20T14:00 (heure de Paris) ou 2024-07-20T14:00+02:00",
        "write for example 2024-07-20T14:00 (Paris time) or 2024-07-20T14:00+02:00",
    ),
}


def format_loc(loc: tuple[int | str, ...]) -> str:
    """``("events", 3, "venue")`` → ``"events[3].venue"``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _clean_loc(loc: tuple[int | str, ...]) -> tuple[int | str, ...]:
    # pydantic inserts validator names ("function-before[...]", enum names) in some locations.
    return tuple(
        p
        for p in loc
        if not (isinstance(p, str) and ("[" in p or p.startswith("function-") or p == "str"))
    )


def _fmt(template: str, ctx: Mapping[str, Any], fallback: str = "", lang: str = "fr") -> str:
    """``template`` filled from ``ctx`` (``{n:~one|many}`` agreeing with its count); a
    placeholder that ``ctx`` lacks never shows raw (the message pydantic rendered, or the
    template without its placeholders, is used instead)."""
    try:
        if "~" in template:
            return plural_format(template, lang, **dict(ctx))
        return template.format(**dict(ctx))
    except (KeyError, IndexError, ValueError):
        return fallback or re.sub(r"\s*\{[^{}]*\}", "", template)


def _known_fields(model: Any, loc: tuple[int | str, ...]) -> list[str]:
    """The field names accepted at ``loc`` (to suggest a fix for a misspelt field)."""
    from pydantic import BaseModel

    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        info = current.model_fields.get(part)
        if info is None:
            return []
        current = _model_in(info.annotation)
        if current is None:
            return []
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _model_in(annotation: Any) -> Any:
    from typing import get_args

    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def validation_error(
    exc: ValidationError,
    *,
    model: Any,
    source: str | None = None,
    line_of: Callable[[tuple[int | str, ...]], int | None] | None = None,
    prefix: tuple[int | str, ...] = (),
) -> ProgrammeValidationError:
    """Turn a pydantic ``ValidationError`` into a ``ProgrammeValidationError`` with located details."""
    details: list[ErrorDetail] = []
    for err in exc.errors(include_url=False):
        kind = err["type"]
        ctx: dict[str, Any] = dict(err.get("ctx") or {})
        loc = prefix + _clean_loc(tuple(err["loc"]))
        if kind == "references":
            for problem in ctx.get("problems", []):
                ploc = _parse_path(problem["path"])
                details.append(
                    ErrorDetail(
                        path=format_loc(prefix + ploc),
                        message_fr=problem["fr"],
                        message_en=problem["en"],
                        line=line_of(prefix + ploc) if line_of else None,
                    )
                )
            continue
        if kind == "value_error" and "email address" in err["msg"]:
            # email-validator explains in English: keep its reason for English only.
            reason = str(ctx.get("reason", ""))
            fr = "adresse e-mail invalide : attendu la forme nom@domaine.fr"
            en = f"invalid e-mail address: expected name@domain.org ({reason})"
        elif kind in ("value_error", "assertion_error"):
            message = str(ctx.get("error", err["msg"]))
            fr, _, en = message.partition("\x1f")
            en = en or fr
        elif kind == "string_pattern_mismatch":
            fr, en = _PATTERNS.get(str(ctx.get("pattern")), _PATTERN_OTHER)
        elif kind in ("enum", "literal_error", "union_tag_invalid"):
            # pydantic lists the choices in English (« 'a', 'b' or 'c' »): list them again
            listed = re.findall(r"'([^']*)'", str(ctx.get("expected") or ctx.get("expected_tags")))
            fr = "valeur inconnue : valeurs acceptées " + ", ".join(f"« {v} »" for v in listed)
            en = "unknown value: accepted values " + ", ".join(f"'{v}'" for v in listed)
        elif kind in _TEXTS:
            if "expected" in ctx:  # pydantic lists choices as « 'a', 'b' or 'c' »
                fr_ctx = {**ctx, "expected": str(ctx["expected"]).replace("' or '", "' ou '")}
            else:
                fr_ctx = ctx
            fr = _fmt(_TEXTS[kind][0], fr_ctx, err["msg"] if "{" not in err["msg"] else "")
            en = _fmt(_TEXTS[kind][1], ctx, lang="en")
        else:
            # a pydantic check without a French text here: never show its English in French
            fr = "valeur refusée : vérifiez ce champ"
            en = err["msg"]
        hint_fr = hint_en = None
        if kind in _HINTS:
            hint_fr, hint_en = _HINTS[kind]
        if kind == "extra_forbidden":
            known = _known_fields(model, _clean_loc(tuple(err["loc"])))
            guess = closest(str(loc[-1]), known) if loc else []
            if guess:
                hint_fr = f"vouliez-vous dire « {guess[0]} » ?"
                hint_en = f"did you mean '{guess[0]}'?"
            elif known:
                hint_fr = "champs acceptés : " + ", ".join(known)
                hint_en = "accepted fields: " + ", ".join(known)
        found = None if kind == "missing" else short(err.get("input"))
        details.append(
            ErrorDetail(
                path=format_loc(loc),
                message_fr=fr,
                message_en=en,
                found=found,
                line=line_of(loc) if line_of else None,
                hint_fr=hint_fr,
                hint_en=hint_en,
            )
        )
    n = len(details)
    return ProgrammeValidationError(
        f"programme invalide : {plural(n, 'problème', lang='fr')} à corriger",
        f"invalid programme: {plural(n, 'problem', lang='en')} to fix",
        details=details,
        source=source,
    )


def _parse_path(path: str) -> tuple[int | str, ...]:
    out: list[int | str] = []
    for part in path.replace("]", "").split("."):
        name, *indices = part.split("[")
        if name:
            out.append(name)
        out.extend(int(i) for i in indices)
    return tuple(out)
