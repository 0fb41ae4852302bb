"""Footprint inputs as organisers know them (issue 11): servings and masses, French units only, an
explicit "none", every default counted, coach named apart, checked at validate, one rounding rule,
everyday equivalents.

Expected values are computed here from the published factors (footprint.md §2), not read from the
code: coffee 8.4 kgCO2e/kg × 0.012 kg per cup (Nos Gestes Climat), paper 0.919 kgCO2e/kg (Base
Carbone id 24309), car 0.2176 kgCO2e/km (Impact CO2), beef meal 5.01 kgCO2e (Nos Gestes Climat).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from footprint_helpers import isolated, make_event
from nqe_events.cli import main
from nqe_events.footprint import estimate_footprint, estimate_programme

COFFEE_PER_CUP = 8.4 * 0.012  # NGC-25: 8.4 kgCO2e per kg of coffee, 12 g per cup
PAPER_PER_KG = 0.919  # Base Carbone id 24309
CAR_PER_KM = 0.2176  # Impact CO2 voiture thermique, per vehicle-km
BEEF_MEAL = 5.01  # NGC-25 plats . viande rouge
CAR_OCCUPANCY = 1.6  # NGC default, the one default occupancy


def _drinks(**drinks: Any) -> dict[str, Any]:
    return isolated(catering={"drinks": drinks})


def _restauration(fp: dict[str, Any]) -> float:
    return estimate_footprint(make_event(fp), draws=200).by_category["restauration"]


# --- servings and masses ---------------------------------------------------------------------


def test_200_cups_of_coffee_equal_the_published_per_cup_value() -> None:
    report = estimate_footprint(make_event(_drinks(coffee="200 tasses")), draws=200)
    assert report.by_category["restauration"] == pytest.approx(200 * COFFEE_PER_CUP, rel=0.01)
    assert report.defaults_share == 0.0
    (line,) = [ln for ln in report.lines if ln.category == "restauration"]
    assert line.factor == "serving.coffee-tasse"
    assert "serving_factor" in {n.code for n in report.notes}


def test_coffee_by_volume_still_uses_the_per_litre_factor() -> None:
    assert _restauration(_drinks(coffee="10 L")) == pytest.approx(10 * 0.635, rel=0.01)


@pytest.mark.parametrize(
    ("drinks", "expected"),
    [
        ({"beer": "3 litres"}, 3 * 1.347),
        ({"soda": "50 cL"}, 0.5 * 0.4933),
        ({"tea": "2 tasses"}, 2 * 0.15 * 0.0436),  # a cup of tea: 15 cL (assumed)
        ({"wine": "8 verres"}, 8 * 0.10 * 1.269),  # Santé publique France standard glass: 10 cL
        ({"beer": "4 verres"}, 4 * 0.25 * 1.347),  # standard glass of beer: 25 cL
        ({"soda": "12 canettes"}, 12 * 0.33 * 0.4933),  # a 33 cL can
        ({"wine": "6 bouteilles"}, 6 * 0.75 * 1.269),  # a 75 cL wine bottle
        ({"bottled-water": "10 bouteilles"}, 10 * 0.5 * 0.3207),  # 50 cL water bottle
    ],
)
def test_french_volumes_and_servings_are_accepted(drinks: dict[str, str], expected: float) -> None:
    assert _restauration(_drinks(**drinks)) == pytest.approx(expected, rel=0.01)


def test_a_serving_converted_by_volume_says_which_volume() -> None:
    report = estimate_footprint(make_event(_drinks(tea="2 tasses")), draws=200)
    (note,) = [n for n in report.notes if n.code == "serving_volume"]
    assert note.path == "footprint.catering.drinks.tea"
    assert note.render("fr") == (
        "Thé : portion « tasse » comptée 15 cL (volumes des portions : "
        "docs/footprint-methodology.md)"
    )


def test_20_kg_of_printed_paper_equal_the_published_factor_times_mass() -> None:
    fp = isolated(goods={"printed": [{"mass": "20 kg", "tier": "invoice"}]})
    report = estimate_footprint(make_event(fp), draws=200)
    assert report.by_category["achats-materiel"] == pytest.approx(20 * PAPER_PER_KG, rel=0.01)
    assert report.defaults_share == 0.0


def test_printed_by_mass_or_by_format_not_both() -> None:
    with pytest.raises(ValidationError) as info:
        make_event(isolated(goods={"printed": [{"mass": "2 kg", "format": "A4", "copies": 10}]}))
    assert info.value.errors()[0]["msg"] == (
        "donnez soit mass (ex. « 20 kg »), soit format et copies (et gsm), pas les deux"
    )
    with pytest.raises(ValidationError):
        make_event(isolated(goods={"printed": [{"format": "A4"}]}))


@pytest.mark.parametrize("amount", ["200 cups", "3 gallons", "2 pints", "12 fl oz"])
def test_us_and_imperial_units_are_refused_naming_the_accepted_ones(amount: str) -> None:
    with pytest.raises(ValidationError) as info:
        make_event(_drinks(coffee=amount))
    (error,) = info.value.errors()
    assert error["loc"][:4] == ("footprint", "catering", "drinks", "coffee")
    fr = error["msg"].split("\x1f")[0]
    assert "unité américaine ou impériale, non acceptée" in fr
    assert "un volume : L, cL, mL, dL, hL, m³" in fr
    assert "un nombre de portions : tasse, verre, gobelet, canette, bouteille" in fr


# --- "none" versus "unknown" -----------------------------------------------------------------


@pytest.mark.parametrize("word", ["none", "aucune", "rien", "Néant", False])
def test_explicit_no_audience_travel_is_zero_without_a_default_note(word: Any) -> None:
    fp = isolated(audience=word)
    report = estimate_footprint(make_event(fp), draws=200)
    assert report.by_category["mobilite-publics"] == 0.0
    assert not [ln for ln in report.lines if ln.category == "mobilite-publics"]
    assert "default_audience" not in {n.code for n in report.notes}
    # against the same event with the part left out: the default profile and its note
    del fp["audience"]
    omitted = estimate_footprint(make_event(fp), draws=200)
    assert omitted.by_category["mobilite-publics"] > 0
    assert "default_audience" in {n.code for n in omitted.notes}


def test_every_part_can_say_none() -> None:
    parts = ["audience", "organised", "crew", "energy", "catering", "goods", "waste", "water"]
    fp: dict[str, Any] = {"attendance": 100, **dict.fromkeys(parts, "aucun")}
    report = estimate_footprint(make_event(fp), draws=200)
    assert report.total_kgco2e == 0.0
    assert report.defaults_share == 0.0
    assert report.notes == ()


def test_audience_none_with_modes_is_refused() -> None:
    with pytest.raises(ValidationError, match="exclut modes et survey"):
        make_event(
            isolated(
                audience={"none": True, "modes": [{"mode": "walk", "share": 1, "distance": "1 km"}]}
            )
        )


def test_empty_audience_suggests_none() -> None:
    with pytest.raises(ValidationError) as info:
        make_event(isolated(audience={}))
    assert "« audience: none »" in info.value.errors()[0]["msg"]


def test_audience_none_round_trips_through_a_file(minimal: dict[str, Any]) -> None:
    from nqe_events.io import dumps_programme, loads_programme

    minimal["events"][0]["footprint"] = isolated()
    programme = loads_programme(yaml.safe_dump(minimal, allow_unicode=True), "yaml")
    again = loads_programme(dumps_programme(programme, "yaml"), "yaml")
    assert again == programme
    assert again.events[0].footprint is not None
    assert again.events[0].footprint.audience is not None
    assert again.events[0].footprint.audience.none


def test_not_declared_notes_are_grammatical() -> None:
    fp = isolated()
    del fp["organised"], fp["crew"], fp["catering"]
    report = estimate_footprint(make_event(fp), draws=200)
    texts = sorted(n.render("fr") for n in report.notes if n.code == "not_declared")
    assert texts == [
        "déplacements des intervenants non déclarés : 0 kgCO2e compté, faute de valeur par "
        "défaut documentée (écrivez « crew: none » si c'est bien zéro)",
        "restauration non déclarée : 0 kgCO2e compté, faute de valeur par défaut documentée "
        "(écrivez « catering: none » si c'est bien zéro)",
        "transport organisé non déclaré : 0 kgCO2e compté, faute de valeur par défaut "
        "documentée (écrivez « organised: none » si c'est bien zéro)",
    ]


# --- every default counted -------------------------------------------------------------------


def _car(occupancy: float | None) -> dict[str, Any]:
    row: dict[str, Any] = {"mode": "car", "share": 0.5, "distance": "10 km"}
    if occupancy is not None:
        row["occupancy"] = occupancy
    walk = {"mode": "bus", "share": 0.5, "distance": "10 km"}
    return isolated(audience={"modes": [row, walk]})


def test_defaults_share_rises_when_occupancy_is_left_out() -> None:
    given = estimate_footprint(make_event(_car(2)), draws=200)
    left_out = estimate_footprint(make_event(_car(None)), draws=200)
    assert given.defaults_share == 0.0
    car = 500 / CAR_OCCUPANCY * CAR_PER_KM  # 50 people × 10 km / 1.6 per car
    bus = 500 * 0.12242
    assert left_out.total_kgco2e == pytest.approx(car + bus, rel=0.01)
    assert left_out.defaults_share == pytest.approx(car / (car + bus), rel=0.01)
    (note,) = [n for n in left_out.notes if n.code == "occupancy_default"]
    assert note.render("fr").startswith(
        "nombre de personnes par voiture non renseigné : 1,6 par défaut (Nos Gestes Climat)"
    )


def test_one_default_occupancy_for_rows_and_the_default_profile() -> None:
    # the default audience's car row (5 % × 10 km) takes the same 1.6 as a car row without one
    report = estimate_footprint(make_event(None, expected_attendance=1000), draws=200)
    car_lines = [ln for ln in report.lines if ln.factor == "transport.car-thermal"]
    (line,) = car_lines
    assert line.quantity == pytest.approx(50 * 10 / CAR_OCCUPANCY)
    (note,) = [n for n in report.notes if n.code == "default_audience"]
    assert "5 % en voiture 10 km (1,6 par voiture)" in note.render("fr")
    assert "walk" not in note.render("fr")


def test_default_grammage_and_bin_fill_are_counted() -> None:
    printed = isolated(goods={"printed": [{"format": "A4", "copies": 1000}]})
    report = estimate_footprint(make_event(printed), draws=200)
    assert report.defaults_share == pytest.approx(1.0)
    assert "gsm_default" in {n.code for n in report.notes}
    bins = isolated(waste=[{"stream": "residual", "bins": {"volume": "1000 L", "count": 2}}])
    report = estimate_footprint(make_event(bins), draws=200)
    # 2 × 1 m³ × 75 % × 0.1 t/m³ = 150 kg × 0.386
    assert report.by_category["dechets"] == pytest.approx(150 * 0.386, rel=0.01)
    assert report.defaults_share == pytest.approx(1.0)
    assert "bin_fill_default" in {n.code for n in report.notes}
    (density,) = [n for n in report.notes if n.code == "bins_density"]
    assert density.render("fr") == (
        "masse estimée depuis les bacs (densité 0,1 t/m³ pour les ordures résiduelles)"
    )


def test_a_default_attendance_makes_audience_lines_defaults() -> None:
    fp = isolated(audience={"modes": [{"mode": "bus", "share": 1, "distance": "10 km"}]})
    del fp["attendance"]
    report = estimate_footprint(make_event(fp, expected_attendance=None), draws=200)
    assert report.defaults_share == pytest.approx(1.0)


# --- coach named apart -----------------------------------------------------------------------


def test_scheduled_and_hired_coach_are_named_apart_and_old_spelling_is_noted() -> None:
    new = isolated(
        audience={"modes": [{"mode": "scheduled-coach", "share": 1, "distance": "10 km"}]},
        organised=[{"vehicle": "hired-coach", "distance": "100 km"}],
    )
    old = isolated(
        audience={"modes": [{"mode": "coach", "share": 1, "distance": "10 km"}]},
        organised=[{"vehicle": "coach", "distance": "100 km"}],
    )
    a = estimate_footprint(make_event(new), draws=200)
    b = estimate_footprint(make_event(old), draws=200)
    assert a.by_category["mobilite-publics"] == pytest.approx(1000 * 0.03756, rel=0.01)
    assert a.by_category["mobilite-organisee"] == pytest.approx(100 * 0.948, rel=0.01)
    assert b.by_category == a.by_category
    assert not {"legacy_coach_mode", "legacy_coach_vehicle"} & {n.code for n in a.notes}
    codes = {n.code: n for n in b.notes}
    assert codes["legacy_coach_mode"].path == "footprint.audience.modes[0].mode"
    assert "scheduled-coach" in codes["legacy_coach_mode"].render("fr")
    assert codes["legacy_coach_vehicle"].path == "footprint.organised[0].vehicle"
    assert "hired-coach" in codes["legacy_coach_vehicle"].render("fr")


def test_the_bundled_sample_uses_the_unambiguous_names() -> None:
    import nqe_events as nqe

    season = estimate_programme(nqe.load_example(), draws=200, levers=0)
    codes = {n.code for r in season.events for n in r.notes}
    assert not {"legacy_coach_mode", "legacy_coach_vehicle"} & codes


# --- checked at validate ---------------------------------------------------------------------


def test_validate_reports_a_paper_waste_with_an_impossible_treatment(
    minimal: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    minimal["events"][0]["footprint"] = {
        "waste": [{"stream": "paper", "treatment": "recycling", "mass": "20 kg"}]
    }
    text = yaml.safe_dump(minimal, allow_unicode=True, sort_keys=False)
    path = tmp_path / "programme.yaml"
    path.write_text(text, encoding="utf-8")
    line = 1 + next(
        i for i, row in enumerate(text.splitlines()) if row.strip() == "treatment: recycling"
    )
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert f"{path}:{line} — events[0].footprint.waste[0].treatment" in err
    assert "pas de facteur pour le flux « paper » traité par « recycling »" in err
    assert "traitements possibles unknown" in err


# --- rounding and equivalents ----------------------------------------------------------------


def _significant(value: float) -> int:
    digits = f"{abs(value):.15g}".replace(".", "").lstrip("0").rstrip("0")
    return len(digits)


def test_json_figures_keep_four_significant_figures() -> None:
    fp = isolated(catering={"meals": {"beef": 123, "vegan": 7}}, energy={"grid": "1234.5678 kWh"})
    report = estimate_footprint(make_event(fp), draws=500)
    data = json.loads(report.to_json())
    total = report.total_kgco2e
    assert data["total_kgco2e"] == float(f"{total:.4g}")
    assert data["per_attendee_kgco2e"] == float(f"{total / 100:.4g}")
    numbers = [
        data["total_kgco2e"],
        data["per_attendee_kgco2e"],
        data["per_attendee_hour_kgco2e"],
        *data["by_category"].values(),
        *data["equivalents"].values(),
    ]
    assert all(_significant(v) <= 4 for v in numbers)


def test_equivalents_per_event_and_season() -> None:
    fp = isolated(catering={"meals": {"beef": 100}})
    report = estimate_footprint(make_event(fp), draws=200)
    total = 100 * BEEF_MEAL
    assert report.equivalents["beef-meal"] == pytest.approx(100, rel=0.01)
    assert report.equivalents["car-km"] == pytest.approx(total / CAR_PER_KM, rel=0.01)
    text = report.to_text("fr")
    km = f"{total / CAR_PER_KM:,.0f}".replace(",", "\u202f")
    assert f"soit autant que {km} km en voiture, ou 100 repas avec du bœuf" in text
    season = estimate_programme([make_event(fp, "a"), make_event(fp, "b")], draws=200, levers=0)
    assert season.equivalents["beef-meal"] == pytest.approx(200, rel=0.01)
    assert json.loads(season.to_json())["season"]["equivalents"]["beef-meal"] == pytest.approx(200)
    assert "repas avec du bœuf" in season.to_text("fr")
    assert "meals with beef" in season.to_text("en")


def test_the_json_schema_accepts_the_new_input_forms(minimal: dict[str, Any]) -> None:
    import jsonschema

    from nqe_events.io import programme_json_schema

    minimal["events"][0]["footprint"] = {
        "audience": "none",
        "waste": "aucun",
        "water": False,
        "organised": [{"vehicle": "hired-coach", "distance": "40 km"}],
        "catering": {"drinks": {"coffee": "200 tasses", "beer": "3 litres"}},
        "goods": {"printed": [{"mass": "20 kg"}, {"format": "A5", "copies": 100}]},
    }
    validator = jsonschema.Draft202012Validator(programme_json_schema())
    data = json.loads(json.dumps(minimal, default=str))
    assert [e.message for e in validator.iter_errors(data)] == []
    make_event(minimal["events"][0]["footprint"])  # and the model reads the same
    minimal["events"][0]["footprint"] = {"audience": "peut-être"}
    assert list(validator.iter_errors(json.loads(json.dumps(minimal, default=str))))


def test_the_bilan_gives_the_season_footprint_in_everyday_terms() -> None:
    import nqe_events as nqe

    bilan = nqe.season_summary(nqe.load_example(), footprint={"total_kgco2e": 30000})
    km = f"{round(30000 / CAR_PER_KM):,}".replace(",", "\u202f")
    meals = f"{round(30000 / BEEF_MEAL):,}".replace(",", "\u202f")
    text = bilan.to_text("fr")
    assert f"autant que {km} km en voiture" in text
    assert f"{meals} repas avec du bœuf" in text
    assert bilan.to_dict()["footprint_equivalents"]["beef-meal"] == pytest.approx(30000 / BEEF_MEAL)
