"""The package's one pint registry, built lazily, and pydantic-ready quantity types.

pint is imported the first time a quantity is parsed, never by ``import nqe_events``. Custom units
(``kgCO2e``, …) are defined in ``data/units.txt``. This is the only module that imports pint.

In files, quantities are strings with a unit (``"3 h"``, ``"8 km"``, ``"200 kWh"``); a bare number is
refused for a field that needs a unit, so that no unit is ever guessed.
"""

from __future__ import annotations

import functools
import math
import re
from importlib import resources
from typing import TYPE_CHECKING, Annotated, Any, TypeAlias

from pydantic import PlainSerializer, PlainValidator, WithJsonSchema

from .errors import UnitError

if TYPE_CHECKING:
    import pint

    #: A pint quantity of the package registry (typing only).
    PQuantity: TypeAlias = pint.Quantity[Any]

__all__ = [
    "Q_",
    "Distance",
    "Duration",
    "Emission",
    "Energy",
    "Mass",
    "Power",
    "Volume",
    "format_quantity",
    "get_registry",
    "parse_quantity",
]


@functools.cache
def get_registry() -> pint.UnitRegistry[Any]:
    """The one ``pint.UnitRegistry`` of the package, with the custom units loaded."""
    import pint

    ureg: pint.UnitRegistry[Any] = pint.UnitRegistry(cache_folder=None)
    with resources.as_file(resources.files("nqe_events") / "data" / "units.txt") as path:
        ureg.load_definitions(str(path))
    ureg.formatter.default_format = "~"
    return ureg


def Q_(value: Any, unit: str | None = None) -> PQuantity:
    """Build a quantity in the package registry: ``Q_(3, "h")`` or ``Q_("3 h")``."""
    ureg = get_registry()
    if unit is None:
        return parse_quantity(value)
    return ureg.Quantity(value, unit)


_DIMENSION_FR = {
    "[time]": "une durée (ex. « 3 h », « 90 min »)",
    "[length]": "une distance (ex. « 8 km », « 500 m »)",
    "[mass]": "une masse (ex. « 12 kg », « 1.5 t »)",
    "[length] ** 3": "un volume (ex. « 3.5 L », « 2 m³ »)",
    "[energy]": "une énergie (ex. « 200 kWh »)",
    "[power]": "une puissance (ex. « 20 kW »)",
    "[emission]": "des émissions (ex. « 12 kgCO2e »)",
    "dimensionless": "un nombre sans unité",
}
_DIMENSION_EN = {
    "[time]": "a duration (e.g. '3 h', '90 min')",
    "[length]": "a distance (e.g. '8 km', '500 m')",
    "[mass]": "a mass (e.g. '12 kg', '1.5 t')",
    "[length] ** 3": "a volume (e.g. '3.5 L', '2 m³')",
    "[energy]": "an energy (e.g. '200 kWh')",
    "[power]": "a power (e.g. '20 kW')",
    "[emission]": "emissions (e.g. '12 kgCO2e')",
    "dimensionless": "a plain number",
}


def describe_dimension(dimension: str, lang: str = "fr") -> str:
    table = _DIMENSION_FR if lang == "fr" else _DIMENSION_EN
    return table.get(dimension, dimension)


def parse_quantity(value: Any, dimension: str | None = None) -> PQuantity:
    """Parse ``"8 km"`` (or a pint quantity) into the package registry, checking its dimension.

    Raises :class:`~nqe_events.errors.UnitError` for an unknown unit, a bare number, a negative or
    non-finite magnitude, or the wrong dimension (``"8 kg"`` as a distance).
    """
    import pint

    ureg = get_registry()
    expected_fr = describe_dimension(dimension, "fr") if dimension else "une quantité avec unité"
    expected_en = describe_dimension(dimension, "en") if dimension else "a quantity with a unit"
    if isinstance(value, pint.Quantity):
        q = ureg.Quantity(value.magnitude, str(value.units))
    elif isinstance(value, str):
        text = _compound(
            value.strip().replace(",", ".") if value.count(",") == 1 else value.strip()
        )
        try:
            q = ureg.Quantity(text)
        except (pint.errors.PintError, ValueError, TypeError, AttributeError, SyntaxError) as exc:
            raise UnitError(
                f"unité inconnue ou illisible dans « {value} » : attendu {expected_fr}",
                f"unknown or unreadable unit in '{value}': expected {expected_en}",
            ) from exc
        except Exception as exc:  # pint's parser can raise odd errors on hostile text
            raise UnitError(
                f"quantité illisible « {value} » : attendu {expected_fr}",
                f"unreadable quantity '{value}': expected {expected_en}",
            ) from exc
        if not isinstance(q, pint.Quantity) or (q.dimensionless and dimension != "dimensionless"):
            raise UnitError(
                f"« {value} » n'a pas d'unité : attendu {expected_fr}",
                f"'{value}' has no unit: expected {expected_en}",
            )
    else:
        raise UnitError(
            f"{value!r} n'est pas une quantité : écrivez une valeur avec son unité, {expected_fr}",
            f"{value!r} is not a quantity: write a value with its unit, {expected_en}",
        )
    magnitude = q.magnitude
    if not isinstance(magnitude, int | float) or isinstance(magnitude, bool):
        raise UnitError(
            f"« {value} » : la valeur doit être un nombre",
            f"'{value}': the value must be a number",
        )
    if not math.isfinite(magnitude) or magnitude < 0:
        raise UnitError(
            f"« {value} » : la valeur doit être un nombre positif ou nul",
            f"'{value}': the value must be a non-negative finite number",
        )
    if dimension is not None and dimension != "dimensionless" and not q.check(dimension):
        raise UnitError(
            f"« {value} » est {_dim_name(q, 'fr')} : attendu {expected_fr}",
            f"'{value}' is {_dim_name(q, 'en')}: expected {expected_en}",
        )
    return q


_HHMM = re.compile(r"(\d+)\s*h\s*(\d{1,2})")
_PAIR_GAP = re.compile(r"(\d(?:\.\d+)?\s*[^\W\d]+)\s+(?=\d)")


def _compound(text: str) -> str:
    """French and compound notations as sums: "3h30" → "3 h + 30 min", "3 h 30 min" → "3 h + 30 min"."""
    match = _HHMM.fullmatch(text)
    if match:
        return f"{match[1]} h + {match[2]} min"
    return _PAIR_GAP.sub(r"\1 + ", text)


def _dim_name(q: PQuantity, lang: str) -> str:
    dim = str(q.dimensionality)
    table = _DIMENSION_FR if lang == "fr" else _DIMENSION_EN
    if dim in table:
        return table[dim].split(" (")[0]
    return f"de dimension {dim}" if lang == "fr" else f"of dimension {dim}"


def format_quantity(q: PQuantity) -> str:
    """The file form of a quantity: ``"3 h"``, ``"8.5 km"`` (round-trips through parse_quantity)."""
    magnitude = q.magnitude
    if isinstance(magnitude, float) and magnitude.is_integer() and abs(magnitude) < 1e15:
        magnitude = int(magnitude)
    return f"{magnitude!r} {q.units:~}"


def _validator(dimension: str) -> PlainValidator:
    def validate(value: Any) -> Any:
        try:
            return parse_quantity(value, dimension)
        except UnitError as exc:
            # pydantic turns ValueError into a located validation error; keep both languages.
            raise ValueError(f"{exc.message_fr}\x1f{exc.message_en}") from None

    return PlainValidator(validate)


def _schema(dimension: str, example: str) -> WithJsonSchema:
    return WithJsonSchema(
        {
            "type": "string",
            "description": f"A quantity with its unit: {describe_dimension(dimension, 'en')}",
            "examples": [example],
        }
    )


_SERIALIZER = PlainSerializer(format_quantity, return_type=str, when_used="always")

if TYPE_CHECKING:
    _Quantity: TypeAlias = PQuantity
else:
    _Quantity = Any

#: A duration such as ``"3 h"`` or ``"90 min"``.
Duration = Annotated[_Quantity, _validator("[time]"), _SERIALIZER, _schema("[time]", "3 h")]
#: A distance such as ``"8 km"``.
Distance = Annotated[_Quantity, _validator("[length]"), _SERIALIZER, _schema("[length]", "8 km")]
#: A mass such as ``"12 kg"``.
Mass = Annotated[_Quantity, _validator("[mass]"), _SERIALIZER, _schema("[mass]", "12 kg")]
#: A volume such as ``"3.5 L"``.
Volume = Annotated[
    _Quantity, _validator("[length] ** 3"), _SERIALIZER, _schema("[length] ** 3", "3.5 L")
]
#: An energy such as ``"200 kWh"``.
Energy = Annotated[_Quantity, _validator("[energy]"), _SERIALIZER, _schema("[energy]", "200 kWh")]
#: A power such as ``"20 kW"``.
Power = Annotated[_Quantity, _validator("[power]"), _SERIALIZER, _schema("[power]", "20 kW")]
#: Emissions such as ``"12 kgCO2e"``.
Emission = Annotated[
    _Quantity, _validator("[emission]"), _SERIALIZER, _schema("[emission]", "12 kgCO2e")
]
