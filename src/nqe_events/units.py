"""The package's one pint registry, built lazily, and pydantic-ready quantity types.

pint is imported the first time a quantity is parsed, never by ``import nqe_events``. Custom units
(``kgCO2e``, …) are defined in ``data/units.txt``. This is the only module that imports pint.

In files, quantities are strings with a unit (``"3 h"``, ``"8 km"``, ``"200 kWh"``); a bare number is
refused for a field that needs a unit, so that no unit is ever guessed. A quantity is read as
« number + unit » only, with the units of ``data/unit_names.toml`` (metric symbols and French names),
never by pint's expression parser: ``"9**9**8 h"`` is refused at once, US and imperial units are
refused, and each kind's magnitude is bounded.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
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
    "VolumeOrServings",
    "format_quantity",
    "get_registry",
    "parse_quantity",
    "serving_of",
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
    "[mass]": "une masse (ex. « 12 kg », « 1,5 t »)",
    "[length] ** 3": "un volume (ex. « 3,5 L », « 50 cL »)",
    "[energy]": "une énergie (ex. « 200 kWh »)",
    "[power]": "une puissance (ex. « 20 kW »)",
    "[emission]": "des émissions (ex. « 12 kgCO2e »)",
    "serving": "un nombre de portions (ex. « 200 tasses »)",
    "dimensionless": "un nombre sans unité",
}
_DIMENSION_EN = {
    "[time]": "a duration (e.g. '3 h', '90 min')",
    "[length]": "a distance (e.g. '8 km', '500 m')",
    "[mass]": "a mass (e.g. '12 kg', '1.5 t')",
    "[length] ** 3": "a volume (e.g. '3.5 L', '50 cL')",
    "[energy]": "an energy (e.g. '200 kWh')",
    "[power]": "a power (e.g. '20 kW')",
    "[emission]": "emissions (e.g. '12 kgCO2e')",
    "serving": "a number of servings (e.g. '200 tasses')",
    "dimensionless": "a plain number",
}


def describe_dimension(dimension: str, lang: str = "fr") -> str:
    table = _DIMENSION_FR if lang == "fr" else _DIMENSION_EN
    return table.get(dimension, dimension)


#: The longest quantity text read (a quantity is « number + unit », a few words at most).
MAX_TEXT = 120


@dataclass(frozen=True, slots=True)
class UnitKind:
    """One kind of quantity of ``data/unit_names.toml``: its units, spellings and bound."""

    name: str
    dimension: str
    label_fr: str
    label_en: str
    example: str
    base: str
    max: float
    #: pint unit → accepted spellings (the first is the one written back)
    units: dict[str, tuple[str, ...]]

    def symbols(self) -> list[str]:
        """The first spelling of each unit (« h, min, s, j »), for messages."""
        return [names[0] for names in self.units.values()]


@dataclass(frozen=True, slots=True)
class UnitTable:
    kinds: dict[str, UnitKind]
    #: exact spelling → (kind, pint unit)
    exact: dict[str, tuple[str, str]]
    #: folded spelling (no case, accents, ``**``/``^``, superscripts) → (kind, pint unit)
    folded: dict[str, tuple[str, str]]
    refused: frozenset[str]
    #: pint unit → the spelling written back
    symbol: dict[str, str]
    #: pint unit → the name of its kind
    kind_of_unit: dict[str, str]


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.strip().lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("³", "3").replace("²", "2").replace("**", "").replace("^", "")
    return " ".join(text.replace("-", " ").split())


@functools.cache
def unit_table() -> UnitTable:
    """The accepted units of ``data/unit_names.toml`` (read once)."""
    import tomllib

    text = (resources.files("nqe_events") / "data" / "unit_names.toml").read_text("utf-8")
    doc = tomllib.loads(text)
    kinds: dict[str, UnitKind] = {}
    exact: dict[str, tuple[str, str]] = {}
    folded: dict[str, tuple[str, str]] = {}
    symbol: dict[str, str] = {}
    for name, raw in doc["kinds"].items():
        units = {str(u): tuple(str(s) for s in names) for u, names in raw["units"].items()}
        kinds[name] = UnitKind(
            name=name,
            dimension=str(raw["dimension"]),
            label_fr=str(raw["label_fr"]),
            label_en=str(raw["label_en"]),
            example=str(raw["example"]),
            base=str(raw["base"]),
            max=float(raw["max"]),
            units=units,
        )
        for unit, names in units.items():
            symbol[unit] = names[0]
            for spelling in names:
                if spelling in exact:
                    raise RuntimeError(f"unit_names.toml: '{spelling}' given twice")
                exact[spelling] = (name, unit)
    for spelling, target in exact.items():
        key = _fold(spelling)
        if key in folded and folded[key] != target:
            continue  # case tells them apart (mW / MW): only the exact spelling is read
        folded.setdefault(key, target)
    refused = frozenset(_fold(n) for n in doc["refused"]["names"])
    kind_of_unit = {unit: k.name for k in kinds.values() for unit in k.units}
    return UnitTable(kinds, exact, folded, refused, symbol, kind_of_unit)


@functools.cache
def _by_container() -> dict[Any, tuple[str, str, str, str]]:
    """pint's unit container → (kind, the spelling written back, its plural for servings, the
    unit's name in the table)."""
    ureg = get_registry()
    out: dict[Any, tuple[str, str, str, str]] = {}
    for kind in unit_table().kinds.values():
        for unit, names in kind.units.items():
            plural = names[1] if kind.dimension == "serving" and len(names) > 1 else names[0]
            out[ureg.Unit(unit)._units] = (kind.name, names[0], plural, unit)
    return out


def serving_of(q: PQuantity) -> str | None:
    """The serving (``"tasse"``, ``"verre"``…) a quantity counts, ``None`` for any other unit."""
    found = _by_container().get(q._units)
    if found is None or unit_table().kinds[found[0]].dimension != "serving":
        return None
    return found[3]


def kind_of_dimension(dimension: str) -> UnitKind | None:
    for kind in unit_table().kinds.values():
        if kind.dimension == dimension:
            return kind
    return None


_NUMBER = re.compile(
    r"(?P<num>[+-]?(?:\d{1,18}(?:[.,]\d{0,20})?|[.,]\d{1,20})(?:[eE][+-]?\d{1,3})?)(?P<rest>.*)",
    re.DOTALL | re.ASCII,
)
_THOUSANDS = re.compile(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d{1,15})?", re.ASCII)
_HHMM = re.compile(r"(\d{1,6})\s*h\s*(\d{1,2})", re.ASCII)
_OPERATORS = re.compile(r"[*/^()+=<>%!&|~]")


def _accepted(kinds: list[UnitKind], lang: str) -> str:
    parts = []
    for kind in kinds:
        label = kind.label_fr if lang == "fr" else kind.label_en
        parts.append(
            f"{label} : {', '.join(kind.symbols())}"
            if lang == "fr"
            else f"{label}: {', '.join(kind.symbols())}"
        )
    return " ; ".join(parts) if lang == "fr" else "; ".join(parts)


def _terms(text: str) -> list[tuple[str, str]] | None:
    """``"3 h 30 min"`` → ``[("3", "h"), ("30", "min")]``; ``None`` when it is not number + unit."""
    match = _HHMM.fullmatch(text)
    if match:
        return [(match[1], "h"), (match[2], "min")]
    text = _THOUSANDS.sub(lambda m: re.sub(r"[ \u00a0\u202f]", "", m[0]), text)
    text = re.sub(r"\s*(\*\*|\^)\s*", r"\1", text)
    terms: list[tuple[str, list[str]]] = []
    for token in text.split():
        number = _NUMBER.fullmatch(token)
        if number and (number["rest"] == "" or not number["rest"][0].isdigit()):
            terms.append((number["num"], [number["rest"]] if number["rest"] else []))
        elif terms:
            terms[-1][1].append(token)
        else:
            return None
    if not terms:
        return None
    return [(num, " ".join(words)) for num, words in terms]


def _number(text: str) -> int | float:
    text = text.replace(",", ".")
    if any(c in text for c in ".eE"):
        return float(text)
    return int(text)


def parse_quantity(value: Any, dimension: str | tuple[str, ...] | None = None) -> PQuantity:
    """Parse ``"8 km"`` (or a pint quantity) into the package registry, checking its kind.

    Only « number + unit » is read (``"3 h"``, ``"1,5 L"``, ``"1 h 30"``, ``"3h30"``), with the units of
    ``data/unit_names.toml``; an expression (``"9**9**8 h"``), a bare number, NaN or infinity, a negative
    value, a value past the kind's bound, a US or imperial unit (``"2 gallons"``) and the wrong kind
    (``"8 kg"`` as a distance) raise :class:`~nqe_events.errors.UnitError`, in French and English.
    ``dimension`` may name several kinds (``("[length] ** 3", "serving")``: a volume or servings).
    """
    if type(value) is str and len(value) <= MAX_TEXT:
        # the same few spellings (« 2 h », « 30 min ») come back in every event of a season: the
        # reading of a text is cached, and only the quantity object is built per call
        magnitude, unit = _read_text(value, dimension)
        return _quantity(magnitude, unit)
    return _parse(value, dimension)


@functools.lru_cache(maxsize=8192)
def _read_text(text: str, dimension: str | tuple[str, ...] | None) -> tuple[int | float, Any]:
    """The magnitude and pint unit container of a quantity text (a refused text raises, and is
    not cached)."""
    q = _parse(text, dimension)
    return q._magnitude, q._units


@functools.cache
def _fast_quantity() -> Callable[[int | float, Any], PQuantity]:
    """A constructor of quantities from a magnitude and a unit container that skips pint's
    argument checks, or pint's own constructor when this pint's quantities hold more than
    ``_magnitude`` and ``_units``."""
    cls = get_registry().Quantity
    if set(vars(cls(1, _unit("hour")._units))) != {"_magnitude", "_units"}:
        return cls
    new = object.__new__

    def make(magnitude: int | float, units: Any) -> PQuantity:
        q: PQuantity = new(cls)
        q._magnitude = magnitude
        q._units = units
        return q

    return make


def _quantity(magnitude: int | float, units: Any) -> PQuantity:
    return _fast_quantity()(magnitude, units)


def _parse(value: Any, dimension: str | tuple[str, ...] | None) -> PQuantity:
    import pint

    ureg = get_registry()
    table = unit_table()
    dims: tuple[str, ...] = (dimension,) if isinstance(dimension, str) else (dimension or ())
    if dims:
        expected_fr = " ou ".join(describe_dimension(d, "fr") for d in dims)
        expected_en = " or ".join(describe_dimension(d, "en") for d in dims)
    else:
        expected_fr, expected_en = "une quantité avec unité", "a quantity with a unit"
    wanted = [k for k in (kind_of_dimension(d) for d in dims) if k is not None]
    listed = wanted or list(table.kinds.values())
    if isinstance(value, pint.Quantity):
        magnitude = value.magnitude
        if not isinstance(magnitude, int | float) or isinstance(magnitude, bool):
            raise UnitError(
                f"« {value} » : la valeur doit être un nombre",
                f"'{value}': the value must be a number",
            )
        q = ureg.Quantity(magnitude, str(value.units))
        shown = f"{value:~}"
        _check_sign(magnitude, shown)
        kind = _kind_of(q)
        if dims and "dimensionless" not in dims:
            ok = any(
                (kind is not None and kind.dimension == d)
                if d == "serving"
                else (not q.dimensionless and q.check(d))
                for d in dims
            )
            if not ok:
                raise UnitError(
                    f"« {shown} » est {_dim_name(q, 'fr')} : attendu {expected_fr}",
                    f"'{shown}' is {_dim_name(q, 'en')}: expected {expected_en}",
                )
        if kind is not None:
            in_base = float(magnitude) if not kind.base else float(q.m_as(kind.base))
            _check_bound(kind, in_base, shown)
        return q
    if not isinstance(value, str):
        plain = isinstance(value, int | float) and not isinstance(value, bool)
        shown_fr = f"« {value} »" if plain else "cette valeur"
        shown_en = f"'{value}'" if plain else "this value"
        raise UnitError(
            f"{shown_fr} n'est pas une quantité : écrivez une valeur avec son unité, {expected_fr}",
            f"{shown_en} is not a quantity: write a value with its unit, {expected_en}",
        )
    shown = value.strip()
    if len(shown) > MAX_TEXT:
        raise UnitError(
            f"quantité trop longue ({len(shown)} caractères, au plus {MAX_TEXT}) : "
            f"écrivez un nombre suivi d'une unité, {expected_fr}",
            f"quantity too long ({len(shown)} characters, at most {MAX_TEXT}): "
            f"write a number followed by a unit, {expected_en}",
        )
    magnitude, unit, kind = _read(shown, listed, expected_fr, expected_en)
    _check_sign(magnitude, shown)
    if dims and "dimensionless" not in dims and kind.dimension not in dims:
        raise UnitError(
            f"« {shown} » est {kind.label_fr} : attendu {expected_fr}",
            f"'{shown}' is {kind.label_en}: expected {expected_en}",
        )
    _check_bound(kind, magnitude * _to_base(unit), shown)
    return ureg.Quantity(magnitude, _unit(unit))


@functools.cache
def _unit(name: str) -> Any:
    """The registry's unit object for ``name`` (built once)."""
    return get_registry().Unit(name)


@functools.cache
def _to_base(name: str) -> float:
    """How many of its kind's base unit one ``name`` is (``minute`` → 1/60 of an hour)."""
    table = unit_table()
    kind = table.kinds[table.kind_of_unit[name]]
    if not kind.base:
        return 1.0
    return float(get_registry().Quantity(1.0, _unit(name)).m_as(kind.base))


def _check_sign(magnitude: float, shown: str) -> None:
    if not math.isfinite(magnitude):
        raise UnitError(
            f"« {shown} » : la valeur doit être un nombre fini",
            f"'{shown}': the value must be a finite number",
        )
    if magnitude < 0:
        raise UnitError(
            f"« {shown} » : la valeur doit être un nombre positif ou nul",
            f"'{shown}': the value must be a non-negative finite number",
        )


def _check_bound(kind: UnitKind, in_base: float, shown: str) -> None:
    if in_base > kind.max:
        bound = f"{kind.max:,.0f}".replace(",", "\u202f")
        unit = f" {kind.symbols()[0]}" if kind.base else ""
        raise UnitError(
            f"« {shown} » : valeur trop grande pour {kind.label_fr} (au plus {bound}{unit})",
            f"'{shown}': value too large for {kind.label_en} (at most {kind.max:,.0f}{unit})",
        )


def _kind_of(q: PQuantity) -> UnitKind | None:
    for kind in unit_table().kinds.values():
        if kind.dimension == "serving":
            found = _by_container().get(q._units)
            if found is not None and found[0] == kind.name:
                return kind
        elif not q.dimensionless and q.check(kind.dimension):
            return kind
    return None


def _read(
    text: str,
    listed: list[UnitKind],
    expected_fr: str,
    expected_en: str,
) -> tuple[float, str, UnitKind]:
    """« number + unit » (or a sum of them: « 1 h 30 min ») with the accepted units only: the
    magnitude in the first term's unit, that unit and its kind."""
    table = unit_table()
    terms = _terms(text)
    if terms is None or _OPERATORS.search(text.replace("**3", "").replace("^3", "")):
        raise UnitError(
            f"« {text} » : écrivez un nombre suivi d'une unité, {expected_fr} "
            "(les calculs et les expressions ne sont pas lus)",
            f"'{text}': write a number followed by a unit, {expected_en} "
            "(arithmetic and expressions are not read)",
        )
    total = 0.0
    first: tuple[str, str] | None = None
    magnitude: float = 0.0
    for num, unit_text in terms:
        if not unit_text:
            raise UnitError(
                f"« {text} » n'a pas d'unité : attendu {expected_fr}",
                f"'{text}' has no unit: expected {expected_en}",
            )
        found = table.exact.get(unit_text) or table.folded.get(_fold(unit_text))
        if found is None:
            foreign = _fold(unit_text) in table.refused
            why_fr = "unité américaine ou impériale, non acceptée" if foreign else "unité inconnue"
            why_en = "US customary or imperial unit, not accepted" if foreign else "unknown unit"
            raise UnitError(
                f"« {text} » : « {unit_text} » : {why_fr} ; unités acceptées pour "
                f"{_accepted(listed, 'fr')}",
                f"'{text}': '{unit_text}': {why_en}; accepted units for {_accepted(listed, 'en')}",
            )
        if first is not None and found[0] != first[0]:
            raise UnitError(
                f"« {text} » mélange des unités de natures différentes : attendu {expected_fr}",
                f"'{text}' mixes units of different kinds: expected {expected_en}",
            )
        value = _number(num)
        if isinstance(value, float) and not math.isfinite(value):
            raise UnitError(
                f"« {text} » : la valeur doit être un nombre fini",
                f"'{text}': the value must be a finite number",
            )
        if first is None:
            first = found
            magnitude = value
            total = float(value)
        else:
            total += value * _to_base(found[1]) / _to_base(first[1])
    assert first is not None
    if len(terms) > 1:
        magnitude = total
    return magnitude, first[1], table.kinds[first[0]]


def _dim_name(q: PQuantity, lang: str) -> str:
    kind = _kind_of(q)
    if kind is not None:
        return kind.label_fr if lang == "fr" else kind.label_en
    return "un nombre sans unité" if lang == "fr" else "a plain number"


def format_quantity(q: PQuantity) -> str:
    """The file form of a quantity: ``"3 h"``, ``"8.5 km"`` (round-trips through parse_quantity)."""
    magnitude = q.magnitude
    if isinstance(magnitude, float) and magnitude.is_integer() and abs(magnitude) < 1e15:
        magnitude = int(magnitude)
    found = _by_container().get(q._units)
    if found is None:
        return f"{magnitude!r} {q.units:~}"
    return f"{magnitude!r} {found[2] if magnitude >= 2 else found[1]}"


def _validator(dimension: str | tuple[str, ...]) -> PlainValidator:
    def validate(value: Any) -> Any:
        try:
            return parse_quantity(value, dimension)
        except UnitError as exc:
            # pydantic turns ValueError into a located validation error; keep both languages.
            raise ValueError(f"{exc.message_fr}\x1f{exc.message_en}") from None

    return PlainValidator(validate)


def _schema(dimension: str | tuple[str, ...], example: str) -> WithJsonSchema:
    dims = (dimension,) if isinstance(dimension, str) else dimension
    described = " or ".join(describe_dimension(d, "en") for d in dims)
    return WithJsonSchema(
        {
            "type": "string",
            "description": f"A quantity with its unit: {described}",
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
#: A drink's amount: a volume (``"3 L"``, ``"50 cL"``) or a number of servings (``"200 tasses"``).
VolumeOrServings = Annotated[
    _Quantity,
    _validator(("[length] ** 3", "serving")),
    _SERIALIZER,
    _schema(("[length] ** 3", "serving"), "200 tasses"),
]
#: Emissions such as ``"12 kgCO2e"``.
Emission = Annotated[
    _Quantity, _validator("[emission]"), _SERIALIZER, _schema("[emission]", "12 kgCO2e")
]
