"""Bad footprint inputs and bad factor sets: NqeErrors naming the field and the accepted values."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from footprint_helpers import isolated, make_event
from nqe_events.errors import (
    FactorSetError,
    NqeError,
    ProgrammeValidationError,
    UnknownItemError,
)
from nqe_events.footprint import estimate_footprint, load_factors, what_if
from nqe_events.io import loads_programme


def _load(minimal: dict[str, Any], footprint: Any) -> Any:
    minimal["events"][0]["footprint"] = footprint
    return loads_programme(yaml.safe_dump(minimal, allow_unicode=True), "yaml")


def _error(minimal: dict[str, Any], footprint: Any) -> ProgrammeValidationError:
    with pytest.raises(ProgrammeValidationError) as info:
        _load(minimal, footprint)
    assert isinstance(info.value, NqeError)
    return info.value


def test_unknown_mode_names_field_and_accepted_values(minimal: dict[str, Any]) -> None:
    err = _error(
        minimal, {"audience": {"modes": [{"mode": "teleport", "share": 1, "distance": "3 km"}]}}
    )
    assert err.paths == ("events[0].footprint.audience.modes[0].mode",)
    text = err.render("fr")
    assert "mode de transport inconnu « teleport »" in text
    assert "walk" in text and "tgv" in text and "plane-short" in text
    assert "unknown transport mode 'teleport'" in err.render("en")


def test_misspelt_mode_gets_a_suggestion(minimal: dict[str, Any]) -> None:
    err = _error(
        minimal, {"audience": {"modes": [{"mode": "trma", "share": 1, "distance": "3 km"}]}}
    )
    assert "vouliez-vous dire « tram »" in err.render("fr")


def test_unknown_meal_type(minimal: dict[str, Any]) -> None:
    err = _error(minimal, {"catering": {"meals": {"lasagne": 40}}})
    assert err.paths[0].startswith("events[0].footprint.catering.meals")
    assert "type de repas inconnu « lasagne »" in err.render("fr")
    assert "vegetarian" in err.render("fr") and "fish-oily" in err.render("fr")


def test_unknown_fuel(minimal: dict[str, Any]) -> None:
    err = _error(minimal, {"energy": {"generators": [{"fuel": "hydrogen", "fuel_volume": "10 L"}]}})
    assert err.paths == ("events[0].footprint.energy.generators[0].fuel",)
    assert "carburant inconnu « hydrogen »" in err.render("fr")
    assert "diesel" in err.render("fr")


def test_generator_fuel_must_be_diesel_or_petrol(minimal: dict[str, Any]) -> None:
    err = _error(minimal, {"energy": {"generators": [{"fuel": "lpg", "fuel_volume": "10 L"}]}})
    assert "diesel, petrol" in err.render("fr")


def test_wrong_unit_for_a_distance(minimal: dict[str, Any]) -> None:
    err = _error(
        minimal, {"audience": {"modes": [{"mode": "bus", "share": 1, "distance": "8 kg"}]}}
    )
    assert err.paths == ("events[0].footprint.audience.modes[0].distance",)
    assert "une masse" in err.render("fr") and "une distance" in err.render("fr")
    assert "a distance" in err.render("en")


@pytest.mark.parametrize(
    ("footprint", "path"),
    [
        ({"energy": {"grid": "300 km"}}, "events[0].footprint.energy.grid.amount"),
        ({"water": "12 kWh"}, "events[0].footprint.water.amount"),
        (
            {"catering": {"drinks": {"beer": "12 kg"}}},
            "events[0].footprint.catering.drinks.beer.amount",
        ),
        ({"waste": [{"stream": "glass", "mass": "3 L"}]}, "events[0].footprint.waste[0].mass"),
        ({"energy": {"gas": "-5 kWh"}}, "events[0].footprint.energy.gas.amount"),
        ({"energy": {"grid": 300}}, "events[0].footprint.energy.grid.amount"),
    ],
)
def test_wrong_units_are_located(minimal: dict[str, Any], footprint: Any, path: str) -> None:
    err = _error(minimal, footprint)
    assert path in err.paths


@pytest.mark.parametrize(
    ("footprint", "needle"),
    [
        ({"audience": {"modes": [{"mode": "bus", "share": 0.5, "distance": "3 km"}]}}, "100 %"),
        ({"audience": {}}, "modes"),
        ({"organised": [{"vehicle": "hired-coach"}]}, "fuel_volume"),
        ({"waste": [{"stream": "glass"}]}, "bins"),
        ({"energy": {"generators": [{"power": "20 kVA"}]}}, "hours"),
        (
            {
                "audience": {
                    "modes": [{"mode": "bus", "share": 1, "distance": "3 km", "occupancy": 2}]
                }
            },
            "car-thermal",
        ),
        ({"waste": [{"stream": "verre", "treatment": "burning", "mass": "3 kg"}]}, "incineration"),
        ({"catering": {"meals": {"beef": 10, "boeuf": 3}}}, "deux fois"),
        ({"goods": {"printed": [{"format": "B5", "copies": 10}]}}, "A4"),
        (
            {
                "audience": {
                    "modes": [{"mode": "bus", "share": 1, "distance": "3 km", "tier": "guess"}]
                }
            },
            "measured",
        ),
        ({"colour": "green"}, "champ inconnu"),
    ],
)
def test_inconsistent_sections_are_refused(
    minimal: dict[str, Any], footprint: Any, needle: str
) -> None:
    err = _error(minimal, footprint)
    assert needle in err.render("fr")


def test_french_aliases_are_accepted(minimal: dict[str, Any]) -> None:
    programme = _load(
        minimal,
        {
            "audience": {
                "modes": [
                    {"mode": "Vélo", "share": 0.5, "distance": "4 km"},
                    {"mode": "voiture", "share": 0.5, "distance": "10 km"},
                ]
            },
            "catering": {"meals": {"Végétarien": 10, "poisson_gras": 2}},
            "waste": [{"stream": "carton", "treatment": "recyclage", "mass": "5 kg"}],
        },
    )
    fp = programme.events[0].footprint
    assert [m.mode.value for m in fp.audience.modes] == ["bike", "car-thermal"]
    assert sorted(k.value for k in fp.catering.meals) == ["fish-oily", "vegetarian"]


def test_footprint_section_round_trips(minimal: dict[str, Any]) -> None:
    from nqe_events.io import dumps_programme

    programme = _load(minimal, isolated(energy={"grid": {"amount": "300 kWh", "tier": "invoice"}}))
    again = loads_programme(dumps_programme(programme, "yaml"), "yaml")
    assert again == programme
    energy = json.loads(dumps_programme(programme, "json"))["events"][0]["footprint"]["energy"]
    assert energy["grid"] == {"amount": "300 kWh", "tier": "invoice"}


def test_waste_treatment_without_factor_is_refused_when_the_event_is_read() -> None:
    # refused at validation (not only when the estimate runs), at the treatment field
    from pydantic import ValidationError

    with pytest.raises(ValidationError) as info:
        make_event(isolated(waste=[{"stream": "metal", "treatment": "landfill", "mass": "3 kg"}]))
    (error,) = info.value.errors()
    assert error["loc"] == ("footprint", "waste", 0, "treatment")
    assert error["type"] == "fp_waste_treatment"
    assert error["msg"] == (
        "pas de facteur pour le flux « metal » traité par « landfill » : traitements possibles "
        "recycling, incineration, unknown"
    )


def test_unknown_lever() -> None:
    with pytest.raises(UnknownItemError, match="vegetarian-menu"):
        what_if(make_event(isolated()), "vegetarien-menu")


# --- factor sets ---------------------------------------------------------------------------------


def _write_set(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "set.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_bundled_set_has_every_factor_with_provenance() -> None:
    fs = load_factors()
    assert fs.id == "ademe-2025" and fs.version == "2025.1"
    assert len(fs) >= 80
    for factor in fs.factors.values():
        assert factor.source in fs.sources, factor.id
        assert factor.element, factor.id
        assert factor.uncertainty_basis in ("published", "assumed", "derived"), factor.id
        assert 0 <= factor.uncertainty <= 1, factor.id
    assert fs["transport.car-thermal"].unit == "kgCO2e/vehicle_km"
    assert fs["water.tap"].value == pytest.approx(0.132)


def test_extending_set_overrides_and_is_recorded(tmp_path: Path) -> None:
    path = _write_set(
        tmp_path,
        'extends = "ademe-2025"\nid = "ico2-2026-car"\nversion = "2026.1"\n'
        '[factors.transport.car-thermal]\nvalue = 142\nunit = "gCO2e/vehicle_km"\n'
        'source = "ICO2-26"\nuncertainty = 0.6\n',
    )
    fs = load_factors(path)
    assert fs["transport.car-thermal"].value == pytest.approx(0.142)
    assert fs["transport.tram"].value == pytest.approx(0.00428)
    fp = isolated(
        audience={"modes": [{"mode": "car", "share": 1, "distance": "10 km", "occupancy": 1}]}
    )
    report = estimate_footprint(make_event(fp), factors=path, draws=200)
    assert report.total_kgco2e == pytest.approx(1000 * 0.142)
    assert report.factors == {"id": "ico2-2026-car", "version": "2026.1"}


@pytest.mark.parametrize(
    ("body", "path", "needle"),
    [
        (
            '[factors.transport.tram]\nvalue = 0.004\nunit = "kgCO2e/kWh"\nsource = "x"\nuncertainty = 0.6\n',
            "factors.transport.tram.unit",
            "kgCO2e/passenger_km",
        ),
        (
            '[factors.transport.tram]\nvalue = -1\nunit = "kgCO2e/pkm"\nsource = "x"\nuncertainty = 0.6\n',
            "factors.transport.tram.value",
            "positif",
        ),
        (
            '[factors.transport.tram]\nvalue = 0.1\nunit = "kgCO2e/pkm"\nsource = "x"\n',
            "factors.transport.tram.uncertainty",
            "absent",
        ),
        (
            '[factors.transport.tramway]\nvalue = 0.1\nunit = "kgCO2e/pkm"\nsource = "x"\nuncertainty = 0.6\n',
            "factors.transport.tramway",
            "transport.tram",
        ),
    ],
)
def test_bad_factor_sets_are_located(tmp_path: Path, body: str, path: str, needle: str) -> None:
    text = 'extends = "ademe-2025"\nid = "bad"\nversion = "1"\n' + body
    with pytest.raises(FactorSetError) as info:
        load_factors(_write_set(tmp_path, text))
    assert path in info.value.paths
    assert needle in info.value.render("fr")


@pytest.mark.parametrize("unit", ["kgCO2e/(9**9**8 * passenger_km)", "10**400 * kgCO2e/pkm", "1e9"])
def test_a_factor_unit_is_never_evaluated(tmp_path: Path, unit: str) -> None:
    body = (
        f'[factors.transport.tram]\nvalue = 0.1\nunit = "{unit}"\nsource = "x"\nuncertainty = 0.6\n'
    )
    text = 'extends = "ademe-2025"\nid = "bad"\nversion = "1"\n' + body
    with pytest.raises(FactorSetError) as info:
        load_factors(_write_set(tmp_path, text))
    assert info.value.paths == ("factors.transport.tram.unit",)
    assert "unité incompatible : attendu kgCO2e/passenger_km" in info.value.render("fr")


def test_incomplete_set_lists_missing_factors(tmp_path: Path) -> None:
    with pytest.raises(FactorSetError) as info:
        load_factors(_write_set(tmp_path, 'id = "x"\nversion = "1"\n'))
    (missing,) = [d for d in info.value.details if d.path == "factors"]
    assert missing.message_fr.startswith("88 facteurs manquants : drink.beer")


def test_unreadable_or_unknown_sets(tmp_path: Path) -> None:
    with pytest.raises(FactorSetError, match="TOML"):
        load_factors(_write_set(tmp_path, "id = [unclosed"))
    with pytest.raises(FactorSetError):
        load_factors(tmp_path / "missing.toml")
    with pytest.raises(FactorSetError, match="ademe-2025"):
        load_factors("ademe-2024")
