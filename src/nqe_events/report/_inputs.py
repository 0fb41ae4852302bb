"""Checking the plain numbers that plots and the season summary receive from other packages.

The report functions take plain mappings and sequences (so that they do not depend on the classes of
``rules``, ``calendar`` or ``footprint``); this module turns them into floats, or raises an
``InputError`` that says which key is wrong and what would be accepted.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from ..errors import ErrorDetail, InputError, short
from ._texts import both

__all__ = ["Estimate", "as_estimate", "as_kg", "as_share", "check_mapping"]

#: A central value with an optional interval: ``(central, low, high)``; low/high may be ``None``.
Estimate = tuple[float, float | None, float | None]


def _fail(
    what: str, key: str, message: tuple[str, str], hint: tuple[str, str] | None = None
) -> InputError:
    head_fr, head_en = both("err.bad_input", what=what)
    return InputError(
        head_fr,
        head_en,
        details=[
            ErrorDetail(
                path=f"{what}[{key!r}]" if key else what,
                message_fr=message[0],
                message_en=message[1],
                hint_fr=hint[0] if hint else None,
                hint_en=hint[1] if hint else None,
            )
        ],
    )


def check_mapping(value: Any, what: str) -> Mapping[Any, Any]:
    """``value`` itself when it is a mapping, else an ``InputError``."""
    if not isinstance(value, Mapping):
        raise _fail(
            what,
            "",
            (
                f"attendu un dictionnaire (nom → valeur), trouvé {short(value)}",
                f"expected a mapping (name → value), found {short(value)}",
            ),
        )
    return value


def as_kg(value: Any, key: str, what: str) -> float:
    """A non-negative number of kg CO₂e: a plain number, or a pint quantity of emission/mass."""
    number: Any = value
    if hasattr(value, "to") and hasattr(value, "magnitude"):  # a pint quantity
        try:
            number = value.to("kgCO2e").magnitude
        except Exception:  # wrong dimension: mass is accepted as kg of CO2e
            try:
                number = value.to("kg").magnitude
            except Exception:
                raise _fail(what, key, both("err.number", key=key, value=short(value))) from None
    if isinstance(number, bool) or not isinstance(number, int | float | Decimal):
        raise _fail(what, key, both("err.number", key=key, value=short(value)))
    result = float(number)
    if not math.isfinite(result) or result < 0:
        raise _fail(what, key, both("err.number", key=key, value=short(value)))
    return result


def as_estimate(value: Any, key: str, what: str, *, signed: bool = False) -> Estimate:
    """A central value, or a ``(central, low, high)`` sequence with ``low <= high``.

    The central value need not lie inside the interval: a Monte Carlo interval around a
    deterministic estimate can exclude it in skewed cases. With ``signed`` the values may be
    negative (a lever that increases emissions).
    """
    if isinstance(value, Sequence) and not isinstance(value, str):
        if len(value) != 3:
            raise _fail(what, key, both("err.interval", key=key, value=short(value)))
        central = _number(value[0], key, what, signed)
        low = None if value[1] is None else _number(value[1], key, what, signed)
        high = None if value[2] is None else _number(value[2], key, what, signed)
        if low is not None and high is not None and low > high:
            raise _fail(what, key, both("err.interval", key=key, value=short(tuple(value))))
        return central, low, high
    return _number(value, key, what, signed), None, None


def _number(value: Any, key: str, what: str, signed: bool) -> float:
    if not signed:
        return as_kg(value, key, what)
    if hasattr(value, "to") and hasattr(value, "magnitude"):
        sign = -1.0 if float(value.magnitude) < 0 else 1.0
        return sign * as_kg(abs(value), key, what)
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise _fail(what, key, both("err.number", key=key, value=short(value)))
    result = float(value)
    if not math.isfinite(result):
        raise _fail(what, key, both("err.number", key=key, value=short(value)))
    return result


def as_share(value: Any, key: str, what: str) -> float:
    """A share between 0 and 1 (73 % is ``0.73``)."""
    ok = not isinstance(value, bool) and isinstance(value, int | float | Decimal)
    share = float(value) if ok else math.nan
    if not (0.0 <= share <= 1.0):
        hint = both("err.share_hint") if ok and 1 < share <= 100 else None
        raise _fail(what, key, both("err.share", key=key, value=short(value)), hint)
    return share
