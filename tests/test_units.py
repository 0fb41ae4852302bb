"""Quantities are read as « number + unit » only, with the units of data/unit_names.toml."""

from __future__ import annotations

import math
import tomllib
from importlib import resources
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nqe_events.errors import UnitError
from nqe_events.units import format_quantity, parse_quantity, unit_table

VOLUME = "[length] ** 3"


@pytest.mark.parametrize(
    ("text", "dimension", "unit", "value"),
    [
        ("3 litres", VOLUME, "L", 3.0),
        ("50 cL", VOLUME, "L", 0.5),
        ("50 cl", VOLUME, "L", 0.5),
        ("250 mL", VOLUME, "L", 0.25),
        ("1,5 L", VOLUME, "L", 1.5),
        ("2 m³", VOLUME, "L", 2000.0),
        ("2 m**3", VOLUME, "L", 2000.0),
        ("12 Kilomètres", "[length]", "km", 12.0),
        ("1 000 km", "[length]", "km", 1000.0),
        ("500 m", "[length]", "km", 0.5),
        ("3 heures", "[time]", "h", 3.0),
        ("3h30", "[time]", "h", 3.5),
        ("1 h 30", "[time]", "h", 1.5),
        ("1 h 30 min", "[time]", "h", 1.5),
        ("90 min", "[time]", "h", 1.5),
        ("1 jour", "[time]", "h", 24.0),
        ("350 kWh", "[energy]", "kWh", 350.0),
        ("1e3 kWh", "[energy]", "kWh", 1000.0),
        ("1,2 MWh", "[energy]", "kWh", 1200.0),
        ("60 kVA", "[power]", "kW", 60.0),
        ("1.5 t", "[mass]", "kg", 1500.0),
        ("12 kilos", "[mass]", "kg", 12.0),
        ("12 kg CO2e", "[emission]", "kgCO2e", 12.0),
    ],
)
def test_french_and_metric_units_are_read(
    text: str, dimension: str, unit: str, value: float
) -> None:
    q = parse_quantity(text, dimension)
    assert q.m_as(unit) == pytest.approx(value)
    # the written form reads back to the same quantity
    assert parse_quantity(format_quantity(q), dimension).m_as(unit) == pytest.approx(value)


def test_servings_are_counted() -> None:
    q = parse_quantity("2 tasses", "serving")
    assert format_quantity(q) == "2 tasses"
    assert format_quantity(parse_quantity("1 tasse", "serving")) == "1 tasse"
    assert parse_quantity("2 tasses", (VOLUME, "serving")).magnitude == 2
    assert parse_quantity("50 cL", (VOLUME, "serving")).m_as("L") == pytest.approx(0.5)


@pytest.mark.parametrize("text", ["200 cups", "2 gallons", "1 pint", "8 fl oz", "3 quarts"])
def test_us_and_imperial_units_are_refused_naming_the_accepted_ones(text: str) -> None:
    with pytest.raises(UnitError) as info:
        parse_quantity(text, VOLUME)
    fr = info.value.message_fr
    assert "unité américaine ou impériale, non acceptée" in fr
    assert "unités acceptées pour un volume : L, cL, mL, dL, hL, m³" in fr
    assert "US customary or imperial" in info.value.message_en


def test_us_cups_for_a_drink_name_the_servings_too() -> None:
    with pytest.raises(UnitError) as info:
        parse_quantity("200 cups", (VOLUME, "serving"))
    fr = info.value.message_fr
    assert "un volume : L, cL" in fr
    assert "un nombre de portions : tasse, verre, gobelet, canette, bouteille" in fr


@pytest.mark.parametrize(
    "text", ["9**9**8 h", "10**400 h", "3 h + 2 h", "2*3 h", "(3) h", "3/2 h", "2^8 h"]
)
def test_arithmetic_is_never_evaluated(text: str) -> None:
    with pytest.raises(UnitError) as info:
        parse_quantity(text, "[time]")
    assert info.value.message_fr == (
        f"« {text} » : écrivez un nombre suivi d'une unité, une durée (ex. « 3 h », « 90 min ») "
        "(les calculs et les expressions ne sont pas lus)"
    )


@pytest.mark.parametrize("text", ["nan h", "NaN h", "inf h", "infinity h", "-inf h"])
def test_nan_and_infinity_words_are_refused(text: str) -> None:
    with pytest.raises(UnitError) as info:
        parse_quantity(text, "[time]")
    assert "écrivez un nombre suivi d'une unité" in info.value.message_fr


def test_overflowing_numbers_are_refused_as_not_finite() -> None:
    with pytest.raises(UnitError) as info:
        parse_quantity("1e400 h", "[time]")
    assert info.value.message_fr == "« 1e400 h » : la valeur doit être un nombre fini"


def test_a_pint_quantity_with_nan_is_refused() -> None:
    from nqe_events.units import Q_

    with pytest.raises(UnitError, match="nombre fini"):
        parse_quantity(Q_(math.nan, "hour"), "[time]")


@pytest.mark.parametrize(
    ("text", "dimension", "message"),
    [
        (
            "1e308 h",
            "[time]",
            "« 1e308 h » : valeur trop grande pour une durée (au plus 100 000 h)",
        ),
        (
            "1e308 kWh",
            "[energy]",
            "« 1e308 kWh » : valeur trop grande pour une énergie (au plus 1 000 000 000 kWh)",
        ),
        (
            "2000000 km",
            "[length]",
            "« 2000000 km » : valeur trop grande pour une distance (au plus 1 000 000 km)",
        ),
    ],
)
def test_magnitudes_are_bounded(text: str, dimension: str, message: str) -> None:
    with pytest.raises(UnitError) as info:
        parse_quantity(text, dimension)
    assert info.value.message_fr == message.replace(" 000", "\u202f000")


def test_the_bound_itself_is_accepted() -> None:
    assert parse_quantity("100000 h", "[time]").m_as("h") == 100_000
    assert parse_quantity("6000000 min", "[time]").m_as("h") == 100_000


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("3 heurs", "« 3 heurs » : « heurs » : unité inconnue ; unités acceptées pour une durée"),
        ("3", "« 3 » n'a pas d'unité : attendu une durée"),
        ("8 kg", "« 8 kg » est une masse : attendu une durée"),
        ("-2 h", "« -2 h » : la valeur doit être un nombre positif ou nul"),
        ("3 h 2 km", "« 3 h 2 km » mélange des unités de natures différentes"),
    ],
)
def test_other_bad_quantities_say_what_to_fix(text: str, message: str) -> None:
    with pytest.raises(UnitError) as info:
        parse_quantity(text, "[time]")
    assert info.value.message_fr.startswith(message)


def test_long_text_is_refused_before_reading() -> None:
    with pytest.raises(UnitError, match="quantité trop longue"):
        parse_quantity("1" * 10_000 + " h", "[time]")


def test_non_strings_are_refused_without_python_repr() -> None:
    with pytest.raises(UnitError) as info:
        parse_quantity({"a": 1}, "[time]")
    assert info.value.message_fr.startswith("cette valeur n'est pas une quantité")
    with pytest.raises(UnitError) as info:
        parse_quantity(3, "[time]")
    assert info.value.message_fr.startswith("« 3 » n'est pas une quantité")


def test_the_unit_table_is_consistent_with_pint() -> None:
    # every listed unit exists in the registry with its kind's dimension; no spelling twice
    from nqe_events.units import Q_

    doc = tomllib.loads(
        (resources.files("nqe_events") / "data" / "unit_names.toml").read_text("utf-8")
    )
    spellings = [s for k in doc["kinds"].values() for names in k["units"].values() for s in names]
    assert len(spellings) == len(set(spellings))
    for kind in unit_table().kinds.values():
        for unit in kind.units:
            q = Q_(1, unit)
            if kind.dimension != "serving":
                assert q.check(kind.dimension), unit
    # no refused name is also accepted
    accepted = {s.lower() for s in spellings}
    assert not accepted & {n.lower() for n in doc["refused"]["names"]}


@given(
    st.floats(min_value=0, max_value=100_000, allow_nan=False),
    st.sampled_from(["h", "min", "heures", "s"]),
)
def test_any_written_duration_round_trips(value: float, unit: str) -> None:
    q = parse_quantity(f"{value!r} {unit}", "[time]") if value * _to_h(unit) <= 100_000 else None
    if q is not None:
        assert q.magnitude == pytest.approx(value)
        assert parse_quantity(format_quantity(q), "[time]") == q


def _to_h(unit: str) -> float:
    return {"h": 1.0, "heures": 1.0, "min": 1 / 60, "s": 1 / 3600}[unit]


@given(st.text(max_size=40))
def test_any_text_is_answered_with_a_unit_error_or_a_quantity(text: str) -> None:
    try:
        q = parse_quantity(text, "[time]")
    except UnitError as exc:
        assert exc.message_fr and exc.message_en
    else:
        assert math.isfinite(q.magnitude) and 0 <= q.m_as("h") <= 100_000


# pint's own parser as an independent oracle for the spellings both understand
_PINT_SPELLINGS = {
    "[time]": ("hour", ["h", "min", "s"]),
    "[length]": ("kilometer", ["km", "m", "cm"]),
    "[mass]": ("kilogram", ["kg", "g", "t"]),
    "[length] ** 3": ("liter", ["L", "cL", "mL", "m**3"]),
    "[energy]": ("kilowatt_hour", ["kWh", "Wh", "MWh"]),
}


@given(
    st.sampled_from(sorted(_PINT_SPELLINGS)),
    st.data(),
    st.decimals(min_value=0, max_value=1000, places=3, allow_nan=False, allow_infinity=False),
)
def test_readings_agree_with_pints_own_parser(
    dimension: str, data: st.DataObject, value: Any
) -> None:
    from nqe_events.units import get_registry

    base, symbols = _PINT_SPELLINGS[dimension]
    symbol = data.draw(st.sampled_from(symbols))
    text = f"{value} {symbol}"
    ours = parse_quantity(text, dimension)
    theirs = get_registry().Quantity(float(value), symbol)  # a number and a unit: no expression
    assert ours.m_as(base) == pytest.approx(theirs.m_as(base), rel=1e-12, abs=1e-12)
