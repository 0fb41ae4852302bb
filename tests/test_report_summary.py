"""The season summary: every figure against a hand count on a small programme built here."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest

import nqe_events
from nqe_events.errors import InputError, MissingExtraError
from nqe_events.model import Programme
from nqe_events.report import SeasonSummary, season_summary


def plain(text: str) -> str:
    """The text with no-break spaces (French number formatting) made ordinary spaces."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def small_programme(**changes: Any) -> Programme:
    """Four events: two dated, one still to plan, one cancelled (which must count for nothing)."""
    data: dict[str, Any] = {
        "season": 2024,
        "name": "Petit programme d'essai",
        "quartiers": [
            {"id": "q1", "name": "Alma", "communes": ["Roubaix"], "departement": "59"},
            {
                "id": "q2",
                "name": "Bourgogne",
                "communes": ["Tourcoing", "Wattrelos"],
                "departement": "59",
            },
            {"id": "q3", "name": "Faubourg de Béthune", "communes": ["Lille"], "departement": "59"},
            {"id": "q4", "name": "Chemin Vert", "communes": ["Douai"], "departement": "59"},
        ],
        "organisers": [
            {"id": "asso-a", "name": "Association A", "kind": "association"},
            {"id": "asso-b", "name": "Association B", "kind": "association"},
            {"id": "cs-c", "name": "Centre social C", "kind": "centre-social"},
            {"id": "asso-d", "name": "Association D", "kind": "association"},
        ],
        "venues": [
            {"id": "v-roubaix", "name": "City stade", "commune": "Roubaix", "quartier": "q1"},
            {"id": "v-tourcoing", "name": "Parc", "commune": "Tourcoing", "quartier": "q2"},
            {"id": "v-lille", "name": "Salle", "commune": "lille", "quartier": "q3"},
            {"id": "v-douai", "name": "Place", "commune": "Douai", "quartier": "q4"},
        ],
        "events": [
            {
                "id": "tournoi-foot",
                "title": "Tournoi de foot",
                "organiser": "asso-a",
                "partners": ["asso-b"],
                "venue": "v-roubaix",
                "quartiers": ["q1", "q2"],
                "themes": ["sport"],
                "occurrences": [
                    {"start": "2024-07-10T14:00", "end": "2024-07-10T18:00"},
                    {"start": "2024-07-11T14:00", "end": "2024-07-11T18:00"},
                ],
                "expected_attendance": 200,
                "participation": {"volunteer_inhabitants": 12},
                "budget": {"total_eur": 5000, "region_eur": 2000},
            },
            {
                "id": "fete-quartier",
                "title": "Fête du quartier",
                "organiser": "asso-b",
                "venue": "v-tourcoing",
                "quartiers": ["q2"],
                "themes": ["culture"],
                "occurrences": [{"start": "2024-07-20", "end": "2024-07-21"}],
                "expected_attendance": 500,
                "participation": {"volunteer_inhabitants": 30},
                "budget": {"total_eur": "8000.50", "region_eur": 3000},
                "status": "provisoire",
            },
            {
                "id": "atelier-recup",
                "title": "Atelier récup'",
                "organiser": "cs-c",
                "partners": ["asso-a", "asso-d"],
                "venue": "v-lille",
                "quartiers": ["q3"],
                "to_plan": {"duration": "3 h"},
            },
            {
                "id": "concert-annule",
                "title": "Concert annulé",
                "organiser": "asso-d",
                "venue": "v-douai",
                "quartiers": ["q4"],
                "occurrences": [{"start": "2024-08-01T20:00", "end": "2024-08-01T23:00"}],
                "expected_attendance": 1000,
                "participation": {"volunteer_inhabitants": 99},
                "budget": {"total_eur": 9999, "region_eur": 999},
                "status": "annule",
            },
        ],
    }
    data.update(changes)
    return Programme.model_validate(data)


@pytest.fixture
def summary() -> SeasonSummary:
    return season_summary(small_programme())


def test_counts_match_a_hand_count(summary: SeasonSummary) -> None:
    assert summary.season == 2024
    assert summary.temps_forts == 3  # the cancelled concert is not a temps fort of the season
    assert summary.provisional == 1
    assert summary.undated == 1
    assert summary.cancelled == 1
    # two afternoons, 20–21 July, nothing yet for the atelier
    assert summary.event_days == 2 + 2 + 0
    # venues: Roubaix, Tourcoing, lille; quartiers' communes add Wattrelos; Douai only for the
    # cancelled concert. "lille" and "Lille" are one town.
    assert summary.towns == 4
    towns = [t.casefold() for t in summary.town_names]
    assert towns == ["lille", "roubaix", "tourcoing", "wattrelos"]
    assert summary.quartiers == 3
    assert summary.organisers == 3  # asso-a, asso-b, cs-c
    assert summary.partners == 1  # asso-d: asso-a and asso-b also lead events
    assert summary.volunteer_inhabitants == 12 + 30
    assert summary.expected_attendance == 200 + 500
    assert summary.budget_eur == Decimal("13000.50")
    assert summary.region_eur == Decimal(5000)
    assert summary.region_share == pytest.approx(5000 / 13000.5)


def test_gaps_are_findings_not_zeros(summary: SeasonSummary) -> None:
    assert not summary.ok
    codes = {f.code: f.event_ids for f in summary.findings}
    assert codes == {
        "undated": ("atelier-recup",),
        "attendance_unknown": ("atelier-recup",),
        "budget_unknown": ("atelier-recup",),
        "volunteers_unknown": ("atelier-recup",),
    }
    assert "atelier-recup" in summary.findings[0].message("fr")


def test_complete_programme_is_ok() -> None:
    programme = small_programme()
    complete = programme.with_events(
        e for e in programme.events if e.id not in ("atelier-recup", "concert-annule")
    )
    result = season_summary(complete)
    assert result.ok
    assert result.findings == ()
    assert result.temps_forts == 2


def test_empty_programme_gives_zeros_and_no_division_by_zero() -> None:
    result = season_summary(small_programme(events=[]), footprint={"total_kgco2e": 10})
    assert result.temps_forts == 0
    assert result.towns == 0
    assert result.region_share is None
    assert result.per_attendee_kgco2e is None  # no attendance to divide by
    assert result.ok


def test_alignment_and_footprint_from_plain_mappings() -> None:
    result = season_summary(
        small_programme(),
        alignment={"fil rouge": 2 / 3, "participation": 1.0},
        footprint={"total_kgco2e": 1400.0, "low_kgco2e": 1000, "high_kgco2e": 2100},
    )
    assert [(a.principle, a.share) for a in result.alignment] == [
        ("fil rouge", pytest.approx(2 / 3)),
        ("participation", 1.0),
    ]
    assert result.footprint_kgco2e == 1400.0
    assert result.per_attendee_kgco2e == pytest.approx(1400 / 700)
    text = result.to_text()
    assert "67 %" in plain(text)
    assert "1 400 kg CO₂e" in plain(text)
    assert "2,0 kg CO₂e" in plain(text)


def test_footprint_as_an_estimate_reports_it() -> None:
    """Regression: a Monte Carlo interval need not contain the deterministic total, and a
    per-attendee figure is None when the estimate knows no attendance."""
    result = season_summary(
        small_programme(),
        footprint={
            "total_kgco2e": 1000,
            "low_kgco2e": 1050,
            "high_kgco2e": 1900,
            "per_attendee_kgco2e": None,
        },
    )
    assert (result.footprint_low_kgco2e, result.footprint_high_kgco2e) == (1050, 1900)
    assert result.per_attendee_kgco2e == pytest.approx(1000 / 700)  # computed from attendance


def test_footprint_per_attendee_given_by_the_caller_wins() -> None:
    result = season_summary(
        small_programme(), footprint={"total_kgco2e": 1400, "per_attendee_kgco2e": 1.5}
    )
    assert result.per_attendee_kgco2e == 1.5


def test_footprint_accepts_pint_quantities() -> None:
    from nqe_events.units import Q_

    result = season_summary(small_programme(), footprint={"total_kgco2e": Q_(1.4, "t")})
    assert result.footprint_kgco2e == pytest.approx(1400)


@pytest.mark.parametrize(
    ("alignment", "fragment"),
    [
        ({"fil rouge": 73}, "divisez par 100"),
        ({"fil rouge": -0.1}, "entre 0 et 1"),
        ({"fil rouge": "beaucoup"}, "entre 0 et 1"),
        ({"fil rouge": True}, "entre 0 et 1"),
        ([0.5, 0.2], "dictionnaire"),
    ],
)
def test_bad_alignment_is_refused_with_a_located_message(alignment: Any, fragment: str) -> None:
    with pytest.raises(InputError) as info:
        season_summary(small_programme(), alignment=alignment)
    assert fragment in info.value.render("fr")


@pytest.mark.parametrize(
    ("footprint", "fragment"),
    [
        ({"total_kg": 10}, "total_kgco2e"),  # did-you-mean
        ({"low_kgco2e": 10}, "total_kgco2e"),
        ({"total_kgco2e": -5}, "positif"),
        ({"total_kgco2e": float("nan")}, "positif"),
        ({"total_kgco2e": 10, "low_kgco2e": 20, "high_kgco2e": 5}, "bas ≤ haut"),
        ({"total_kgco2e": 10, "per_attendee_kgco2e": "beaucoup"}, "positif"),
    ],
)
def test_bad_footprint_is_refused(footprint: dict[str, Any], fragment: str) -> None:
    with pytest.raises(InputError) as info:
        season_summary(small_programme(), footprint=footprint)
    assert fragment in info.value.render("fr")


def test_renderings(summary: SeasonSummary) -> None:
    text_fr = summary.to_text("fr")
    assert text_fr.startswith("Bilan de la saison 2024")
    assert "Points d'attention :" in text_fr
    assert summary.to_text("en").startswith("Season 2024 summary")
    html = summary._repr_html_()
    assert html.count("<tr") == len(summary.indicators()) + len(summary.findings) + 1  # + header
    assert "Temps forts" in html and "nqe-warn" in html
    data = json.loads(summary.to_json())
    assert data["temps_forts"] == 3
    assert data["budget_eur"] == 13000.5
    assert data["ok"] is False
    assert data["findings"][0]["code"] == "undated"
    r = repr(summary)
    assert r.startswith("SeasonSummary(season=2024") and len(r) < 120


def test_to_dataframe_has_one_row_per_indicator(summary: SeasonSummary) -> None:
    assert list(summary.to_dataframe().columns) == ["clé", "indicateur", "valeur", "unité"]
    assert list(summary.to_dataframe(labels="en").columns) == ["key", "indicator", "value", "unit"]
    frame = summary.to_dataframe(labels="keys")
    assert list(frame.columns) == ["indicator", "label", "value", "unit"]
    assert len(frame) == len(summary.indicators())
    values = dict(zip(frame["indicator"], frame["value"], strict=True))
    assert values["expected_attendance"] == 700
    assert values["quartiers"] == 3


def test_to_dataframe_without_pandas_names_the_extra(
    summary: SeasonSummary, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "pandas", None)  # makes "import pandas" fail
    with pytest.raises(MissingExtraError, match="notebook"):
        summary.to_dataframe()


def test_summary_is_frozen(summary: SeasonSummary) -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        summary.temps_forts = 0  # type: ignore[misc]


def test_lazy_exports() -> None:
    assert nqe_events.season_summary is season_summary
    assert nqe_events.SeasonSummary is SeasonSummary
