"""Shared pieces of the models: the base configuration, ids, codes and small value types."""

from __future__ import annotations

import contextvars
import functools
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    PlainSerializer,
    StringConstraints,
)
from pydantic_core import PydanticCustomError

from ..units import Duration
from .values import (
    normalise_token,
    parse_amount,
    parse_count,
    parse_date,
    parse_date_or_datetime,
)

__all__ = [
    "DEFAULT_TIMEZONE",
    "Buffer",
    "Day",
    "Departement",
    "Euros",
    "Float",
    "Int",
    "LocalDateTime",
    "NqeModel",
    "Slug",
    "check_span",
    "current_timezone",
    "luhn_ok",
    "normalise_token",
    "text_problems",
    "timezone_context",
]

DEFAULT_TIMEZONE = "Europe/Paris"


class NqeModel(BaseModel):
    """Base of every model: frozen (hashable, safe to share) and strict about unknown fields."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        str_strip_whitespace=True,
        validate_default=True,
        use_enum_values=False,
        # NaN and infinities are refused wherever a number is read (a NaN weight, a 1e400 float);
        # one text value is bounded, as in io/limits.py.
        allow_inf_nan=False,
        str_max_length=100_000,
    )


def _no_bool(value: Any) -> Any:
    if isinstance(value, bool):
        raise PydanticCustomError(
            "bool_as_number",
            "attendu un nombre, pas « {value} » (oui ou non n'est pas un nombre)",
            {"value": "true" if value else "false"},
        )
    return value


#: An integer field: ``true``/``false`` are refused (pydantic would read them as 1 and 0); « 1 200 »
#: and ``1200.0`` are read (:func:`~nqe_events.model.values.parse_count`).
Int = Annotated[int, BeforeValidator(_no_bool), BeforeValidator(parse_count)]
#: A float field: ``true``/``false`` are refused; NaN and infinities too (``allow_inf_nan``).
Float = Annotated[float, BeforeValidator(_no_bool)]


SLUG_PATTERN = r"^[a-z0-9](?:[a-z0-9_.-]{0,78}[a-z0-9])?$"

#: A stable identifier chosen by the user: lower-case letters, digits, ``-``, ``_`` and ``.``.
Slug = Annotated[
    str,
    BeforeValidator(lambda v: str(v) if isinstance(v, int) and not isinstance(v, bool) else v),
    StringConstraints(pattern=SLUG_PATTERN, min_length=1, max_length=80),
]

_DEPT_RE = re.compile(r"^(0[1-9]|[1-8][0-9]|9[0-5]|2A|2B|97[1-6])$")


def _departement(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        value = f"{value:02d}"
    if isinstance(value, str):
        value = value.strip().upper()
        if not _DEPT_RE.match(value):
            raise PydanticCustomError(
                "departement",
                "code de département inconnu « {value} » : attendu deux chiffres (« 59 », « 02 »), "
                "« 2A »/« 2B » ou « 971 » à « 976 »",
                {"value": value},
            )
    return value


#: A French département code: ``"59"``, ``"02"``, ``"2A"``, ``"974"``.
Departement = Annotated[str, BeforeValidator(_departement)]


def _euros(value: Decimal) -> Decimal:
    if value < 0:
        raise PydanticCustomError("euros", "un montant en euros doit être positif ou nul", {})
    return value


#: An amount's bounds: at most 14 digits, 2 of them decimals (pydantic's ``max_digits`` and
#: ``decimal_places``).
EURO_DIGITS, EURO_PLACES = 14, 2


def _euro_digits(value: Decimal) -> Decimal:
    """pydantic's ``max_digits`` and ``decimal_places`` checks, with their errors, after a quick
    look at the digits that settles the usual amounts (« 1500 », « 12.50 ») at once."""
    _, digits, exponent = value.as_tuple()
    if (
        type(exponent) is int
        and exponent >= -EURO_PLACES
        and len(digits) + max(exponent, 0) <= EURO_DIGITS - EURO_PLACES
    ):
        return value  # at most 2 decimals and 12 whole digits: both checks pass
    from pydantic._internal._validators import decimal_places_validator, max_digits_validator

    value = max_digits_validator(value, EURO_DIGITS)
    return decimal_places_validator(value, EURO_PLACES, EURO_DIGITS)  # type: ignore[no-any-return]


def _dump_euros(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


#: An amount in euros, at most two decimals, serialised as a JSON number.
Euros = Annotated[
    Decimal,
    BeforeValidator(parse_amount),
    AfterValidator(_euro_digits),
    AfterValidator(_euros),
    PlainSerializer(_dump_euros, return_type=float | int, when_used="always"),
]


def luhn_ok(digits: str) -> bool:
    """The Luhn key check used by SIREN and SIRET numbers."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


# --- timezone-aware datetimes -------------------------------------------------------------------

_TZ: contextvars.ContextVar[str] = contextvars.ContextVar("nqe_timezone", default=DEFAULT_TIMEZONE)


def current_timezone() -> ZoneInfo:
    """The timezone naive datetimes are read in (the programme's, Europe/Paris by default)."""
    return ZoneInfo(_TZ.get())


@contextmanager
def timezone_context(name: str) -> Iterator[None]:
    """Read naive datetimes as wall time in ``name`` while validating inside this block."""
    token = _TZ.set(name)
    try:
        yield
    finally:
        _TZ.reset(token)


_TZ_NAME = re.compile(r"[A-Za-z0-9_+\-]+(?:/[A-Za-z0-9_+\-]+){0,3}\Z")


def check_timezone(name: str) -> str:
    # An IANA name is short ASCII (« America/Argentina/Buenos_Aires »): anything else is refused
    # before it reaches the tz database (a 5,000-character name made ZoneInfo say « File name
    # too long » about a tzdata path).
    shown = name if len(name) <= 60 else name[:57] + "…"
    try:
        if len(name) > 64 or not _TZ_NAME.match(name):
            raise ValueError(name)
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise PydanticCustomError(
            "timezone",
            "fuseau horaire inconnu « {value} » : attendu un nom IANA comme « Europe/Paris »",
            {"value": shown},
        ) from None
    return name


def localize(naive: datetime, tz: ZoneInfo) -> datetime:
    """Attach ``tz`` to a naive wall time, refusing times that do not exist or are ambiguous."""
    if type(naive) is datetime and naive.tzinfo is None:
        # the same wall times (14:00 on a Saturday of July) come back in many events: each is
        # looked up once per zone (the result does not depend on ``fold``, set to 0 below;
        # refusals raise and are not kept)
        return _localized(naive, tz)
    return _localize(naive, tz)


def _localize(naive: datetime, tz: ZoneInfo) -> datetime:
    first = naive.replace(tzinfo=tz, fold=0)
    second = naive.replace(tzinfo=tz, fold=1)
    if first.utcoffset() != second.utcoffset():
        # fold=0 and fold=1 disagree: the wall time is in a DST gap or overlap.
        roundtrip = first.astimezone(ZoneInfo("UTC")).astimezone(tz).replace(tzinfo=None)
        if roundtrip != naive:
            raise PydanticCustomError(
                "nonexistent_time",
                "l'heure {value} n'existe pas à {tz} (passage à l'heure d'été) : "
                "choisissez une autre heure ou précisez le décalage (ex. +02:00)",
                {"value": naive.isoformat(timespec="minutes"), "tz": str(tz.key)},
            )
        raise PydanticCustomError(
            "ambiguous_time",
            "l'heure {value} existe deux fois à {tz} (retour à l'heure d'hiver) : "
            "précisez le décalage, +02:00 ou +01:00",
            {"value": naive.isoformat(timespec="minutes"), "tz": str(tz.key)},
        )
    return first


_localized = functools.lru_cache(maxsize=16_384)(_localize)


def _aware(value: Any) -> Any:
    tz = current_timezone()
    if isinstance(value, date) and not isinstance(value, datetime):
        value = datetime.combine(value, time(0))
    if isinstance(value, str):
        text = value.strip()
        try:
            value = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            if _ISO_SHAPE.match(text):
                raise PydanticCustomError(
                    "impossible_datetime",
                    "date ou heure impossible « {value} » : ce jour ou cette heure n'existe pas "
                    "(vérifiez le jour, le mois et l'heure)",
                    {"value": text[:40]},
                ) from None
            # French writing (« 20/07/2024 14h », « 20 juillet 2024 »), or a located refusal
            value = parse_date_or_datetime(text)
            if isinstance(value, date) and not isinstance(value, datetime):
                value = datetime.combine(value, time(0))
    if isinstance(value, datetime):
        check_year(value)
        if value.tzinfo is None or value.utcoffset() is None:
            return localize(value, tz)
        # through UTC: ``astimezone`` returns a value already in ``tz`` unchanged, even a wall time
        # that does not exist there (02:15 on the day clocks go forward); via UTC it becomes the
        # real instant's wall time (03:15), and a repeated hour keeps its fold
        return value.astimezone(UTC).astimezone(tz)
    return value


_ISO_SHAPE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")


#: Dates of a programme fall within these years (so that no day arithmetic overflows, and no range
#: typed in a file spans millennia).
MIN_YEAR, MAX_YEAR = 1900, 2200


def check_year(value: date) -> date:
    """Refuse a date outside :data:`MIN_YEAR`–:data:`MAX_YEAR` with a French message."""
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise PydanticCustomError(
            "year_range",
            "date hors des années {low} à {high} : vérifiez l'année",
            {"low": MIN_YEAR, "high": MAX_YEAR},
        )
    return value


#: A calendar date between :data:`MIN_YEAR` and :data:`MAX_YEAR`, ISO or French (« 20/07/2024 »,
#: « 20 juillet 2024 »: :func:`~nqe_events.model.values.parse_date`).
Day = Annotated[date, BeforeValidator(parse_date), AfterValidator(check_year)]


def _dump_datetime(value: datetime) -> str:
    return value.isoformat(timespec="seconds") if value.microsecond == 0 else value.isoformat()


#: A timezone-aware datetime; a naive one is read as wall time in the programme's timezone and every
#: value is converted to that timezone, so that DST arithmetic stays right.
LocalDateTime = Annotated[
    datetime,
    BeforeValidator(_aware),
    PlainSerializer(_dump_datetime, return_type=str, when_used="json"),
]


#: The longest season, availability window or range of dates a file may give.
MAX_SPAN_DAYS = 366


def check_span(start: date, end: date) -> None:
    """Refuse a range of dates longer than :data:`MAX_SPAN_DAYS` (a season, a window): no command's
    work may grow with a number typed in a file beyond that."""
    days = (end - start).days + 1
    if days > MAX_SPAN_DAYS:
        raise PydanticCustomError(
            "window_too_long",
            "une fenêtre ou une saison dure au plus 366 jours (trouvé : {days} jours)",
            {"days": days},
        )


def _buffer(value: Any) -> Any:
    if value is None:
        return value
    minutes = float(value.to("minute").magnitude)
    if not 0 <= minutes <= 7 * 24 * 60:
        raise PydanticCustomError(
            "buffer_range",
            "une durée de battement ou d'écart va de 0 à 7 jours (trouvé : {value})",
            {"value": f"{value:~}"[:40]},
        )
    return value


#: A set-up, tear-down, transfer or gap duration: 0 to 7 days (``"1e308 h"`` is refused).
Buffer = Annotated[Duration, AfterValidator(_buffer)]


# --- text that may reach a terminal ------------------------------------------------------------

#: Characters refused in every text value: C0 controls but tab and newline, DEL, C1 controls but NEL
#: (a line break), lone surrogates and the bidirectional overrides (a title could otherwise clear the
#: screen, rewrite a verdict line or reorder what is shown).
_BAD_TEXT = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]"
)
#: The same, for the readers that search their data in the walk for their bounds.
REFUSED_TEXT = _BAD_TEXT


#: Validation context key set by a reader that has already found every key and text of the data
#: printable (JSON's walk for its bounds): the model's search for refused characters is skipped.
TEXTS_CHECKED = "_nqe_texts_checked"


def text_problems(data: Any, limit: int = 20) -> list[dict[str, Any]]:
    """The text values of ``data`` (plain dicts and lists) holding a refused character, each as a
    located problem (``path``, ``fr``, ``en``); one walk, no recursion."""
    problems: list[dict[str, Any]] = []
    stack: list[tuple[Any, str]] = [(data, "")]
    bad = _BAD_TEXT.search
    while stack and len(problems) < limit:
        node, path = stack.pop()
        if type(node) is dict:
            items: Any = node.items()
        elif type(node) is list or type(node) is tuple:
            items = enumerate(node)
        else:
            continue
        for key, value in items:
            if type(key) is str and not key.isprintable() and bad(key):
                problems.append(
                    {
                        "path": path,
                        "fr": "nom de champ contenant un caractère de contrôle ou invisible : "
                        "retirez-le",
                        "en": "field name holding a control or invisible character: remove it",
                    }
                )
                continue
            kind = type(value)
            if kind is str:
                if value.isprintable() or not (found := bad(value)):
                    continue
                sub = f"{path}[{key}]" if isinstance(key, int) else f"{path}.{key}".lstrip(".")
                code = f"U+{ord(found.group()):04X}"
                problems.append(
                    {
                        "path": sub,
                        "fr": f"caractère de contrôle ou invisible {code} interdit dans un texte : "
                        "retirez-le",
                        "en": f"control or invisible character {code} not allowed in text: "
                        "remove it",
                    }
                )
            elif kind is dict or kind is list or kind is tuple:
                sub = f"{path}[{key}]" if isinstance(key, int) else f"{path}.{key}".lstrip(".")
                stack.append((value, sub))
    problems.sort(key=lambda p: str(p["path"]))
    return problems
