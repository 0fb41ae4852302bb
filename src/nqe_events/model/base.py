"""Shared pieces of the models: the base configuration, ids, codes and small value types."""

from __future__ import annotations

import contextvars
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time
from decimal import Decimal
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
)
from pydantic_core import PydanticCustomError

from .values import parse_amount, parse_date_or_datetime

__all__ = [
    "DEFAULT_TIMEZONE",
    "Departement",
    "Euros",
    "LocalDateTime",
    "NqeModel",
    "Slug",
    "current_timezone",
    "luhn_ok",
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
    )


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


def _dump_euros(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


#: An amount in euros, at most two decimals, serialised as a JSON number.
Euros = Annotated[
    Decimal,
    BeforeValidator(parse_amount),
    Field(max_digits=14, decimal_places=2),
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


def check_timezone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise PydanticCustomError(
            "timezone",
            "fuseau horaire inconnu « {value} » : attendu un nom IANA comme « Europe/Paris »",
            {"value": name},
        ) from None
    return name


def localize(naive: datetime, tz: ZoneInfo) -> datetime:
    """Attach ``tz`` to a naive wall time, refusing times that do not exist or are ambiguous."""
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


def _aware(value: Any) -> Any:
    tz = current_timezone()
    if isinstance(value, date) and not isinstance(value, datetime):
        value = datetime.combine(value, time(0))
    if isinstance(value, str):
        value = parse_date_or_datetime(value)
        if isinstance(value, date) and not isinstance(value, datetime):
            value = datetime.combine(value, time(0))
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            return localize(value, tz)
        return value.astimezone(tz)
    return value


def _dump_datetime(value: datetime) -> str:
    return value.isoformat(timespec="seconds") if value.microsecond == 0 else value.isoformat()


#: A timezone-aware datetime; a naive one is read as wall time in the programme's timezone and every
#: value is converted to that timezone, so that DST arithmetic stays right.
LocalDateTime = Annotated[
    datetime,
    BeforeValidator(_aware),
    PlainSerializer(_dump_datetime, return_type=str, when_used="json"),
]
