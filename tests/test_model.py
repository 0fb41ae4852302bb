"""The domain model: validation of each field family, with independent expectations."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from nqe_events.errors import ProgrammeValidationError
from nqe_events.io import programme_from_data
from nqe_events.model import Event, Occurrence, Organiser, Programme, Quartier

PARIS = ZoneInfo("Europe/Paris")


def _luhn(number: str) -> bool:
    # independent Luhn: double every second digit from the right
    digits = [int(c) for c in number][::-1]
    total = sum(
        d if i % 2 == 0 else (d * 2 - 9 if d * 2 > 9 else d * 2) for i, d in enumerate(digits)
    )
    return total % 10 == 0


def test_naive_datetimes_are_paris_wall_time(minimal: dict[str, Any]) -> None:
    p = programme_from_data(minimal)
    occ = p.events[0].occurrences[0]
    assert occ.start == datetime(2024, 7, 20, 12, 0, tzinfo=UTC)  # 14:00 CEST = 12:00 UTC
    assert occ.start.tzinfo is not None and occ.start.utcoffset() == timedelta(hours=2)


def test_programme_timezone_is_used_for_naive_times(minimal: dict[str, Any]) -> None:
    minimal["timezone"] = "America/Cayenne"
    p = programme_from_data(minimal)
    assert p.events[0].occurrences[0].start == datetime(2024, 7, 20, 17, 0, tzinfo=UTC)


def test_aware_times_are_converted_to_programme_timezone(minimal: dict[str, Any]) -> None:
    minimal["events"][0]["occurrences"] = [
        {"start": "2024-07-20T12:00Z", "end": "2024-07-20T17:00+00:00"}
    ]
    occ = programme_from_data(minimal).events[0].occurrences[0]
    assert occ.start.hour == 14 and occ.end.hour == 19
    assert occ.start.tzinfo == PARIS


def test_all_day_dates_are_inclusive_in_files_exclusive_inside(minimal: dict[str, Any]) -> None:
    minimal["events"][0]["occurrences"] = [{"start": "2024-08-03", "end": "2024-08-07"}]
    occ = programme_from_data(minimal).events[0].occurrences[0]
    assert occ.all_day
    assert occ.start == datetime(2024, 8, 3, tzinfo=PARIS)
    assert occ.end == datetime(2024, 8, 8, tzinfo=PARIS)
    assert occ.days == tuple(date(2024, 8, d) for d in range(3, 8))
    dumped = occ.model_dump(mode="json")
    assert dumped["start"] == "2024-08-03" and dumped["end"] == "2024-08-07"


def test_dst_gap_time_is_refused(minimal: dict[str, Any]) -> None:
    minimal["events"][0]["occurrences"] = [{"start": "2024-03-31T02:30", "end": "2024-03-31T05:00"}]
    with pytest.raises(ProgrammeValidationError) as info:
        programme_from_data(minimal)
    assert info.value.paths == ("events[0].occurrences[0].start",)
    assert "n'existe pas" in str(info.value)


def test_dst_ambiguous_time_is_refused_but_offset_accepted(minimal: dict[str, Any]) -> None:
    minimal["events"][0]["occurrences"] = [{"start": "2024-10-27T02:30", "end": "2024-10-27T05:00"}]
    with pytest.raises(ProgrammeValidationError, match="existe deux fois"):
        programme_from_data(minimal)
    minimal["events"][0]["occurrences"] = [
        {"start": "2024-10-27T02:30+01:00", "end": "2024-10-27T05:00"}
    ]
    occ = programme_from_data(minimal).events[0].occurrences[0]
    assert occ.start_utc == datetime(2024, 10, 27, 1, 30, tzinfo=UTC)
    # 02:30 CET to 05:00 CET is 2 h 30 of real time
    assert occ.duration == timedelta(hours=2, minutes=30)


def test_dst_day_duration_is_real_elapsed_time(minimal: dict[str, Any]) -> None:
    minimal["events"][0]["occurrences"] = [{"start": "2024-03-30T22:00", "end": "2024-03-31T06:00"}]
    occ = programme_from_data(minimal).events[0].occurrences[0]
    assert occ.duration == timedelta(hours=7)  # one hour lost in the night


@pytest.mark.parametrize(
    ("siret", "ok"),
    [
        ("73282932000074", True),
        ("732 829 320 00074", True),
        ("73282932000075", False),
        ("35600000000051", True),  # La Poste: sum of digits divisible by 5
        ("7328293200007", False),
    ],
)
def test_siret(siret: str, ok: bool) -> None:
    data = {"id": "o", "name": "O", "kind": "association", "siret": siret}
    if ok:
        assert Organiser.model_validate(data).siret == siret.replace(" ", "")
    else:
        with pytest.raises(ValueError, match="SIRET"):
            Organiser.model_validate(data)


def test_siren_key() -> None:
    assert _luhn("732829320")
    assert (
        Organiser.model_validate(
            {"id": "o", "name": "O", "kind": "commune", "siren": "732829320"}
        ).siren
        == "732829320"
    )
    with pytest.raises(ValueError, match="SIREN"):
        Organiser.model_validate({"id": "o", "name": "O", "kind": "commune", "siren": "732829321"})


@pytest.mark.parametrize("code", ["QP093028", "QN05912M", "qp062001", "QP02A001"])
def test_qpv_code_form_ok(code: str) -> None:
    q = Quartier.model_validate(
        {"id": "q", "name": "Q", "communes": ["Lens"], "departement": "62", "qpv_code": code}
    )
    assert q.qpv_code == code.upper()


@pytest.mark.parametrize("code", ["QX093028", "QP09302", "QP0930288", "093028", "QP-93028"])
def test_qpv_code_form_refused(code: str) -> None:
    with pytest.raises(ValueError, match="qpv_code"):
        Quartier.model_validate(
            {"id": "q", "name": "Q", "communes": ["Lens"], "departement": "62", "qpv_code": code}
        )


def test_departement_numbers_are_padded() -> None:
    q = Quartier.model_validate({"id": "q", "name": "Q", "communes": ["Laon"], "departement": 2})
    assert q.departement == "02"


def test_models_are_frozen_and_hashable(minimal: dict[str, Any]) -> None:
    p = programme_from_data(minimal)
    with pytest.raises(ValueError, match="frozen"):
        p.events[0].title = "x"  # type: ignore[misc]
    assert hash(p.events[0]) == hash(programme_from_data(minimal).events[0])


def test_budget_region_above_total(minimal: dict[str, Any]) -> None:
    minimal["events"][0]["budget"] = {"total_eur": 100, "region_eur": 150.5}
    with pytest.raises(ProgrammeValidationError) as info:
        programme_from_data(minimal)
    assert info.value.paths == ("events[0].budget",)


def test_budget_keeps_cents(minimal: dict[str, Any]) -> None:
    minimal["events"][0]["budget"] = {"total_eur": "1234.56", "region_eur": 0.1}
    b = programme_from_data(minimal).events[0].budget
    assert b is not None and b.total_eur == Decimal("1234.56") and b.region_eur == Decimal("0.1")


def test_event_needs_dates_or_to_plan(minimal: dict[str, Any]) -> None:
    del minimal["events"][1]["to_plan"]
    with pytest.raises(ProgrammeValidationError) as info:
        programme_from_data(minimal)
    assert info.value.paths == ("events[1]",)


def test_overlapping_occurrences_refused() -> None:
    with pytest.raises(ValueError, match="chevauchent"):
        Event.model_validate(
            {
                "id": "e",
                "title": "T",
                "organiser": "o",
                "venue": "v",
                "quartiers": ["q"],
                "occurrences": [
                    {"start": "2024-07-01T10:00", "end": "2024-07-01T12:00"},
                    {"start": "2024-07-01T11:00", "end": "2024-07-01T13:00"},
                ],
            }
        )


def test_touching_occurrences_allowed() -> None:
    e = Event.model_validate(
        {
            "id": "e",
            "title": "T",
            "organiser": "o",
            "venue": "v",
            "quartiers": ["q"],
            "occurrences": [
                {"start": "2024-07-01T10:00", "end": "2024-07-01T12:00"},
                {"start": "2024-07-01T12:00", "end": "2024-07-01T13:00"},
            ],
        }
    )
    assert e.start is not None and e.end is not None
    assert e.end.astimezone(UTC) - e.start.astimezone(UTC) == timedelta(hours=3)


def test_themes_and_audiences_are_normalised(minimal: dict[str, Any]) -> None:
    minimal["events"][0]["themes"] = ["Développement durable", "SPORT"]
    minimal["events"][0]["audiences"] = ["Femmes filles", "tout public"]
    e = programme_from_data(minimal).events[0]
    assert [str(t) for t in e.themes] == ["developpement-durable", "sport"]
    assert [str(a) for a in e.audiences] == ["femmes-filles", "tout-public"]


def test_reference_errors_name_path_and_suggest(minimal: dict[str, Any]) -> None:
    minimal["events"][0]["venue"] = "city-stade-21"
    minimal["events"][1]["quartiers"] = ["amiens-nord", "nulle-part"]
    minimal["venues"].append(dict(minimal["venues"][1]))
    with pytest.raises(ProgrammeValidationError) as info:
        programme_from_data(minimal)
    err = info.value
    assert set(err.paths) == {"events[0].venue", "events[1].quartiers[1]", "venues[2].id"}
    text = str(err)
    assert "vouliez-vous dire « city-stade-12 »" in text
    assert "déjà utilisé par venues[1]" in text


def test_occurrence_python_roundtrip() -> None:
    occ = Occurrence(
        start=datetime(2024, 7, 1, 10, tzinfo=PARIS), end=datetime(2024, 7, 1, 12, tzinfo=PARIS)
    )
    assert Occurrence.model_validate(occ.model_dump()) == occ


def test_programme_event_lookup(minimal: dict[str, Any]) -> None:
    p = programme_from_data(minimal)
    assert p.event("cinema-plein-air").title == "Cinéma en plein air"
    with pytest.raises(KeyError, match="cinema-plein-air"):
        p.event("cinema-plein-aire")


def test_with_events_revalidates(minimal: dict[str, Any]) -> None:
    p = programme_from_data(minimal)
    q = p.with_events(p.events[:1])
    assert [e.id for e in q.events] == ["jeux-cite-12"]
    assert isinstance(q, Programme)
