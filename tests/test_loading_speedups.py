"""What the loading speed-ups of issue 14 must not change: a quantity read from a cached text is a
new object each time (changing one never changes another), a refused text is refused every time,
enumeration spellings read alike, and the garbage collector paused while a programme is read is
running again afterwards, whether the file was valid or not."""

from __future__ import annotations

import gc
import json
from typing import Any

import pytest

from nqe_events.errors import ProgrammeFileError, ProgrammeValidationError, UnitError
from nqe_events.io import loads_programme, programme_from_data
from nqe_events.model.footprint import Mode, choice
from nqe_events.model.values import key
from nqe_events.units import parse_quantity


def test_cached_quantity_texts_give_independent_quantities() -> None:
    first = parse_quantity("2 h", "[time]")
    first.ito("minute")  # pint changes a quantity in place
    second = parse_quantity("2 h", "[time]")
    assert first is not second
    assert (second.magnitude, second.u) == (2, parse_quantity("1 h").u)
    assert (first.magnitude, first.u) == (120, parse_quantity("1 min").u)
    assert parse_quantity(" 2 h ", "[time]") == second


def test_a_text_read_for_one_kind_is_still_refused_for_another() -> None:
    assert parse_quantity("8 km", "[length]").magnitude == 8
    for _ in range(2):  # refusals are not cached: the same message every time
        with pytest.raises(UnitError, match="attendu une durée"):
            parse_quantity("8 km", "[time]")
        with pytest.raises(UnitError, match="les calculs et les expressions ne sont pas lus"):
            parse_quantity("9**9**8 h", "[time]")


def test_cached_spellings_read_alike() -> None:
    assert choice(Mode, "Vélo") is choice(Mode, "velo") is Mode.BIKE
    assert key("Centre-Social") == key("centre social") == "centresocial"
    long = "x" * 500  # past the cache's length: read directly, same result
    assert key(long) == long


@pytest.mark.parametrize("valid", [True, False])
def test_collector_running_again_after_a_load(minimal: dict[str, Any], valid: bool) -> None:
    if not valid:
        minimal["season"] = "deux mille"
    assert gc.isenabled()
    if valid:
        loads_programme(json.dumps(minimal), "json")
        programme_from_data(minimal)
    else:
        with pytest.raises(ProgrammeValidationError):
            loads_programme(json.dumps(minimal), "json")
    with pytest.raises(ProgrammeFileError):
        loads_programme("{", "json")
    assert gc.isenabled()


def test_collector_left_paused_if_the_caller_paused_it(minimal: dict[str, Any]) -> None:
    gc.disable()
    try:
        loads_programme(json.dumps(minimal), "json")
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ("value", "caractère de contrôle ou invisible U+001B interdit dans un texte"),
        ("key", "nom de champ contenant un caractère de contrôle ou invisible"),
        ("bidi", "caractère de contrôle ou invisible U+202E interdit dans un texte"),
    ],
)
def test_json_walk_still_finds_refused_characters(
    minimal: dict[str, Any], where: str, expected: str
) -> None:
    # the JSON reader searches its walk for the bounds, and the model then skips its own search
    minimal["events"][0]["description"] = "ligne 1\nligne 2\u202fet espace fine"  # allowed
    if where == "value":
        minimal["name"] = "E1 \x1b[2J"
    elif where == "key":
        minimal["events"][0]["x\x07"] = "y"
    else:
        minimal["events"][0]["title"] = "abc\u202edef"
    for text, fmt in ((json.dumps(minimal), "json"), (json.dumps(minimal), "yaml")):
        with pytest.raises(ProgrammeValidationError) as info:
            loads_programme(text, fmt)  # type: ignore[arg-type]
        assert any(expected in d.message_fr for d in info.value.details), info.value.details
    minimal_ok = {k: v for k, v in minimal.items() if k != "name"} | {"name": "ok"}
    if where == "value":
        assert loads_programme(json.dumps(minimal_ok), "json").name == "ok"
