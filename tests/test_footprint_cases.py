"""Hand-computed "published factor × quantity" cases (footprint.md §2), each within 1 %.

The expected numbers are written by hand from footprint.md's factor table, not read from the TOML
factor file, so that a transcription error in the file or a wrong unit conversion fails a test.
"""

from __future__ import annotations

from typing import Any

import pytest

from footprint_helpers import isolated, make_event
from nqe_events.footprint import estimate_footprint


def _audience(mode: str, km: str, occupancy: float | None = None) -> dict[str, Any]:
    row: dict[str, Any] = {"mode": mode, "share": 1, "distance": km}
    if occupancy is not None:
        row["occupancy"] = occupancy
    return {"audience": {"modes": [row]}}


# 100 attendees × 10 km round trip = 1000 passenger-km
TRANSPORT = [
    ("bike", 1000 * 0.00017),
    ("e-bike", 1000 * 0.01095),
    ("e-scooter", 1000 * 0.0249),
    ("scooter", 1000 * 0.0763),
    ("motorbike", 1000 * 0.2167),
    ("tram", 1000 * 0.00428),
    ("metro", 1000 * 0.00444),
    ("rer", 1000 * 0.00978),
    ("bus-thermal", 1000 * 0.12242),
    ("bus-electric", 1000 * 0.0217),
    ("bus-cng", 1000 * 0.1217),
    ("scheduled-coach", 1000 * 0.03756),
    ("autocar-de-ligne", 1000 * 0.03756),
    ("coach", 1000 * 0.03756),
    ("ter", 1000 * 0.02769),
    ("intercites", 1000 * 0.00898),
    ("tgv", 1000 * 0.00293),
    ("plane-short", 1000 * 0.22457),
    ("plane-medium", 1000 * 0.18466),
]

CASES: list[tuple[str, dict[str, Any], str, float]] = [
    *[(f"transport-{m}", _audience(m, "10 km"), "mobilite-publics", v) for m, v in TRANSPORT],
    # car factors are per vehicle-km: 1000 pkm / 2 occupants × 0.2176
    ("car-thermal-2", _audience("car-thermal", "10 km", 2), "mobilite-publics", 500 * 0.2176),
    ("car-electric-1", _audience("car-electric", "10 km", 1), "mobilite-publics", 1000 * 0.1034),
    ("voiture-alias", _audience("voiture", "10 km", 4), "mobilite-publics", 250 * 0.2176),
    # crew: one person flying 1500 km each way is medium haul (3000 pkm)
    (
        "plane-band-medium",
        {"crew": {"travel": [{"mode": "plane", "people": 1, "distance": "3000 km"}]}},
        "intervenants",
        3000 * 0.18466,
    ),
    (
        "plane-band-short",
        {"crew": {"travel": [{"mode": "plane", "people": 2, "distance": "1200 km"}]}},
        "intervenants",
        2400 * 0.22457,
    ),
    ("hotel-nights", {"crew": {"hotel_nights": 10}}, "intervenants", 10 * 4.3),
    # meals, NGC 2025 (kgCO2e/meal)
    *[
        (f"meal-{k}", {"catering": {"meals": {k: 100}}}, "restauration", 100 * v)
        for k, v in [
            ("vegetarian", 0.85),
            ("vegan", 0.54),
            ("chicken", 1.65),
            ("beef", 5.01),
            ("pork", 1.65),
            ("fish-white", 2.22),
            ("fish-oily", 1.45),
            ("unknown", 2.04),
        ]
    ],
    # drinks per litre (Agribalyse 3.2 via Impact CO2)
    *[
        (f"drink-{k}", {"catering": {"drinks": {k: "100 L"}}}, "restauration", 100 * v)
        for k, v in [
            ("bottled-water", 0.3207),
            ("tap-water", 0.000132),
            ("soda", 0.4933),
            ("beer", 1.347),
            ("wine", 1.269),
            ("coffee", 0.635),
            ("tea", 0.0436),
            ("milk", 1.15),
        ]
    ],
    ("drink-cl", {"catering": {"drinks": {"beer": "2500 cL"}}}, "restauration", 25 * 1.347),
    *[
        (f"snack-{k}", {"catering": {"snacks": {k: "10 kg"}}}, "restauration", 10 * v)
        for k, v in [
            ("cheeseburger", 18.8),
            ("kebab", 12.8),
            ("pizza", 3.6),
            ("fries", 1.46),
            ("veggie-burger", 2.71),
            ("baguette", 0.78),
        ]
    ],
    # energy
    ("grid", {"energy": {"grid": "1000 kWh"}}, "energie", 1000 * 0.052),
    ("grid-MWh", {"energy": {"grid": "2 MWh"}}, "energie", 2000 * 0.052),
    ("gas", {"energy": {"gas": "1000 kWh"}}, "energie", 1000 * 0.215),
    ("propane", {"energy": {"propane": "10 kg"}}, "energie", 10 * 3.46),
    ("butane", {"energy": {"butane": "10 kg"}}, "energie", 10 * 3.43),
    (
        "generator-diesel-litres",
        {"energy": {"generators": [{"fuel": "diesel", "fuel_volume": "100 L"}]}},
        "energie",
        100 * 3.16,
    ),
    (
        "generator-petrol-litres",
        {"energy": {"generators": [{"fuel": "essence", "fuel_volume": "100 L"}]}},
        "energie",
        100 * 2.79,
    ),
    # 100 kVA × 0.8 × 50 % load × 10 h = 400 kWh; × 0.3 L/kWh = 120 L; × 3.16
    (
        "generator-kva-half-load",
        {"energy": {"generators": [{"power": "100 kVA", "hours": "10 h", "load": 0.5}]}},
        "energie",
        120 * 3.16,
    ),
    # 100 kVA × 0.8 × 25 % × 10 h = 200 kWh; × 0.45 L/kWh = 90 L
    (
        "generator-kva-low-load",
        {"energy": {"generators": [{"power": "100 kVA", "hours": "600 min", "load": 0.25}]}},
        "energie",
        90 * 3.16,
    ),
    # organised transport: fuel bought, or vehicle-km × 30 L/100 km × 3.16
    (
        "organised-fuel-oil",
        {"organised": [{"vehicle": "coach", "fuel": "fuel-oil", "fuel_volume": "100 L"}]},
        "mobilite-organisee",
        100 * 3.25,
    ),
    (
        "organised-lpg",
        {"organised": [{"vehicle": "van", "fuel": "lpg", "fuel_volume": "100 L"}]},
        "mobilite-organisee",
        100 * 1.86,
    ),
    (
        "organised-coach-km",
        {"organised": [{"vehicle": "coach", "vehicles": 2, "distance": "200 km"}]},
        "mobilite-organisee",
        400 * 0.30 * 3.16,
    ),
    # goods
    ("tshirt-cotton", {"goods": {"items": {"tshirt-cotton": 100}}}, "achats-materiel", 100 * 5.2),
    (
        "tshirt-polyester",
        {"goods": {"items": {"tshirt-polyester": 100}}},
        "achats-materiel",
        100 * 5.5,
    ),
    ("sweat", {"goods": {"items": {"sweat-cotton": 10}}}, "achats-materiel", 10 * 27.4),
    ("cups", {"goods": {"items": {"cup-disposable": 1000}}}, "achats-materiel", 1000 * 0.02),
    # A4 80 g/m²: 0.210 × 0.297 m² × 80 g = 4.99 g → 0.0046 kgCO2e per sheet (footprint.md §2)
    (
        "paper-a4",
        {"goods": {"printed": [{"format": "A4", "copies": 1000, "gsm": 80}]}},
        "achats-materiel",
        1000 * 0.0046,
    ),
    # A5 135 g/m²: 4.21 g × 0.919 kgCO2e/kg
    (
        "paper-a5",
        {"goods": {"printed": [{"format": "a5", "copies": 1000, "gsm": 135}]}},
        "achats-materiel",
        1000 * 0.00421 * 0.919,
    ),
    # water
    ("water", {"water": "10 m**3"}, "eau", 10 * 0.132),
    # bins: 2 × 1000 L at 50 % = 1 m³ × 0.1 t/m³ = 100 kg of residual waste, treatment unknown
    (
        "bins-residual",
        {"waste": [{"stream": "residual", "bins": {"volume": "1000 L", "count": 2, "fill": 0.5}}]},
        "dechets",
        100 * 0.386,
    ),
    # survey: 10 of 50 people came by car, 20 km, 2 per car; 500 attendees → 100 people
    (
        "survey",
        {
            "audience": {
                "survey": [
                    {"mode": "walk", "people": 40, "distance": "2 km"},
                    {"mode": "car", "people": 10, "distance": "20 km", "occupancy": 2},
                ]
            },
            "attendance": 500,
        },
        "mobilite-publics",
        100 * 20 / 2 * 0.2176,
    ),
]

# waste, Base Carbone "Impacts" (kgCO2e/kg), 100 kg each
WASTE = [
    ("residual", "incineration", 0.374),
    ("residual", "landfill", 0.412),
    ("residual", "unknown", 0.386),
    ("biowaste", "composting", 0.140),
    ("biowaste", "anaerobic-digestion", 0.173),
    ("biowaste", "incineration", 0.045),
    ("biowaste", "landfill", 0.692),
    ("cardboard", "recycling", 0.992),
    ("cardboard", "incineration", 0.120),
    ("cardboard", "landfill", 0.950),
    ("cardboard", "unknown", 0.737),
    ("plastic", "recycling", 0.662),
    ("plastic", "incineration", 2.139),
    ("plastic", "landfill", 0.041),
    ("glass", "recycling", 0.639),
    ("glass", "incineration", 0.130),
    ("glass", "landfill", 0.041),
    ("metal", "recycling", 0.873),
    ("metal", "incineration", 0.110),
    ("paper", "unknown", 0.300),
    ("mixed", "unknown", 0.087),
]
CASES += [
    (
        f"waste-{s}-{t}",
        {"waste": [{"stream": s, "treatment": t, "mass": "100 kg"}]},
        "dechets",
        100 * v,
    )
    for s, t, v in WASTE
]


def test_at_least_forty_cases() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize(
    ("name", "parts", "category", "expected"), CASES, ids=[c[0] for c in CASES]
)
def test_factor_times_quantity(
    name: str, parts: dict[str, Any], category: str, expected: float
) -> None:
    report = estimate_footprint(make_event(isolated(**parts)), draws=200)
    assert report.by_category[category] == pytest.approx(expected, rel=0.01)
    assert report.total_kgco2e == pytest.approx(expected, rel=0.01)
    assert report.defaults_share == 0.0


def test_walking_is_zero_but_counted() -> None:
    report = estimate_footprint(make_event(isolated(**_audience("walk", "10 km"))), draws=200)
    (line,) = [ln for ln in report.lines if ln.category == "mobilite-publics"]
    assert line.factor == "transport.walk"
    assert line.quantity == pytest.approx(1000)
    assert line.kgco2e == 0.0


def test_documented_defaults_when_no_section() -> None:
    """An event without a footprint section gets footprint.md §4.4 defaults, all flagged."""
    report = estimate_footprint(make_event(None, expected_attendance=1000), draws=500)
    # the car row of the default profile takes the one default occupancy, 1.6 (NGC)
    audience = 100 * 4 * 0.00017 + 150 * 8 * 0.12242 + 50 * 10 / 1.6 * 0.2176
    assert report.by_category["mobilite-publics"] == pytest.approx(audience, rel=0.01)
    assert report.by_category["energie"] == pytest.approx(1000 * 0.2 * 0.052, rel=0.01)
    assert report.by_category["achats-materiel"] == pytest.approx(100 * 0.919, rel=0.01)
    assert report.by_category["dechets"] == pytest.approx(500 * 0.386, rel=0.01)
    assert report.by_category["eau"] == pytest.approx(30 * 0.132, rel=0.01)
    assert report.defaults_share == pytest.approx(1.0)
    assert not report.ok
    codes = {n.code for n in report.notes}
    assert {"no_section", "default_audience", "default_energy", "default_waste"} <= codes
    assert {"default_water", "default_paper"} <= codes
    assert all(line.default and line.tier == "default" for line in report.lines)


def test_undeclared_parts_are_noted_not_silent() -> None:
    fp = isolated()
    del fp["organised"], fp["crew"], fp["catering"]
    report = estimate_footprint(make_event(fp), draws=200)
    paths = {n.path for n in report.notes if n.code == "not_declared"}
    assert paths == {"footprint.organised", "footprint.crew", "footprint.catering"}
    assert all("non déclaré" in n.render("fr") for n in report.notes)


def test_attendance_falls_back_to_expected_attendance_then_default() -> None:
    fp = isolated(**_audience("bus", "10 km"))
    del fp["attendance"]
    report = estimate_footprint(make_event(fp, expected_attendance=40), draws=200)
    assert report.total_kgco2e == pytest.approx(400 * 0.12242, rel=0.01)
    report = estimate_footprint(make_event(fp, expected_attendance=None), draws=200)
    assert report.attendance == 100
    assert "attendance_default" in {n.code for n in report.notes}


def test_per_attendee_and_per_attendee_hour() -> None:
    report = estimate_footprint(make_event(isolated(**_audience("bus", "10 km"))), draws=200)
    total = 1000 * 0.12242
    assert report.per_attendee_kgco2e == pytest.approx(total / 100)
    assert report.per_attendee_hour_kgco2e == pytest.approx(total / 100 / 4)


def test_car_without_occupancy_uses_ngc_default_and_says_so() -> None:
    report = estimate_footprint(make_event(isolated(**_audience("car", "16 km"))), draws=200)
    assert report.total_kgco2e == pytest.approx(1600 / 1.6 * 0.2176, rel=0.01)
    assert "occupancy_default" in {n.code for n in report.notes}


def test_result_records_the_factor_set() -> None:
    report = estimate_footprint(make_event(isolated()), draws=200)
    assert report.factors == {"id": "ademe-2025", "version": "2025.1"}
