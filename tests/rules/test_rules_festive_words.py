"""Festive words of the 2024 rule pack (data, not code)."""

from __future__ import annotations

import pytest

import nqe_events as nqe


def _status(title: str) -> str:
    programme = nqe.load_example()
    event = programme.event("jeux-cite-12").model_copy(update={"title": title, "description": ""})
    report = nqe.check_alignment(event, programme=programme)
    (criterion,) = [c for c in report.criteria if c.id == "marquant-et-festif"]
    return str(criterion.status)


@pytest.mark.parametrize(
    "title",
    [
        "Les Jeux de la Cité 12",
        "Battle de breaking",
        "Gala de boxe",
        "Retransmission sur écran géant",
    ],
)
def test_games_days_battles_galas_and_screenings_are_festive(title: str) -> None:
    """Regression: « Les Jeux de la Cité 12 », a day of sport for 600 people, was judged "not
    festive" because "jeux" alone was not a festive word."""
    assert _status(title) == "met"


def test_a_plain_workshop_title_is_not_festive_by_itself() -> None:
    assert _status("Atelier de réparation de vélos") != "met"
