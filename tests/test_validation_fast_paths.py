"""The quick paths of validation give what pydantic's own constraints give."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

import pytest
from pydantic import AfterValidator, BeforeValidator, Field, TypeAdapter, ValidationError

from nqe_events.model.base import Euros, _euros, parse_amount

#: Euros as written with pydantic's constraints (the reference the quick check must agree with)
_REFERENCE = TypeAdapter(
    Annotated[
        Decimal,
        BeforeValidator(parse_amount),
        Field(max_digits=14, decimal_places=2),
        AfterValidator(_euros),
    ]
)
_EUROS: TypeAdapter[Any] = TypeAdapter(Euros)

AMOUNTS: list[Any] = [
    "1500", "12.50", "12,5", "1.230", "0.001", "0.000", "100.000", "123456789012.34",
    "1234567890123.4", "12345678901234", "123456789012345", "99999999999999.99",
    "9999999999999.9", "9 000 €", "2 500,50 €", "-1", "nan", "1e-2", 0, 3, 12.5, 1e20, 0.125,
    Decimal("1.234"), Decimal("1.2300"), Decimal("1E+20"), Decimal("1E+11"), Decimal("1E+12"),
    Decimal("123456789012"), Decimal("1234567890123"), Decimal("0E-7"), Decimal("12.000000"),
    Decimal("-0.001"), Decimal("NaN"), Decimal("Infinity"), Decimal("999999999999.99"),
]  # fmt: skip


def _outcome(adapter: TypeAdapter[Any], value: Any) -> Any:
    try:
        return ("ok", adapter.validate_python(value))
    except ValidationError as exc:
        return ("error", [(e["type"], e.get("ctx"), e["msg"]) for e in exc.errors()])


@pytest.mark.parametrize("value", AMOUNTS, ids=repr)
def test_euros_digits_agree_with_pydantic_constraints(value: Any) -> None:
    assert _outcome(_EUROS, value) == _outcome(_REFERENCE, value)
