"""Every criterion of the 2024 rules, judged on events that meet it, partly meet it, fail it and
lack the data to judge it. The rich event of conftest meets everything; each case changes only
what the criterion reads."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from nqe_events.model import Event, Programme
from nqe_events.rules import STATUSES, check_alignment, load_rules

Make = Callable[..., tuple[Event, Programme]]

NO_SPORT: dict[str, Any] = {
    "title": "Grande fête",
    "description": "Goûter partagé et jeux de société.",
    "activities": ["goûter"],
    "themes": ["culture"],
}

ALL_DAY = [{"start": "2024-07-01", "end": "2024-07-10"}]
WEEKLY = [
    {"start": f"2024-07-{d:02d}T18:00", "end": f"2024-07-{d:02d}T20:00"} for d in (3, 10, 17, 24)
]
UNDATED: dict[str, Any] = {"occurrences": None, "to_plan": {"duration": "3 h"}}

#: criterion id -> {status: changes to the rich event}
CASES: dict[str, dict[str, dict[str, Any]]] = {
    "discipline-des-jeux": {
        "met": {},
        "partly-met": {
            "title": "Grande fête sportive",
            "description": "Tournoi multisport pour tous.",
            "activities": ["jeux"],
            "themes": None,
        },
        "not-met": NO_SPORT,
        "cannot-tell": {
            "title": "Grande fête",
            "description": None,
            "activities": None,
            "themes": None,
        },
    },
    "para-sport-inclusion": {
        "met": {},
        "partly-met": {
            "title": "Fête du basket",
            "description": "Tournoi de basket 3x3.",
            "activities": ["basket 3x3"],
            "audiences": ["familles", "handicap"],
        },
        "not-met": {
            "title": "Fête du basket",
            "description": "Tournoi de basket 3x3.",
            "activities": ["basket 3x3"],
            "audiences": ["familles"],
        },
        "cannot-tell": {
            "title": "Fête",
            "description": None,
            "activities": None,
            "audiences": None,
        },
    },
    "education-aux-valeurs": {
        "met": {},
        "partly-met": {"description": "Tournoi de basket 3x3 dans le respect de chacun."},
        "not-met": {"description": "Tournoi de basket 3x3."},
        "cannot-tell": {"description": None, "activities": None},
    },
    "celebration": {
        "met": {},
        # the Games mentioned, no celebration of them
        "partly-met": {
            "title": "Tournoi de basket 3x3",
            "description": "Initiation au basket 3x3 aux couleurs des Jeux.",
            "occurrences": [{"start": "2024-07-10T14:00", "end": "2024-07-10T18:00"}],
        },
        "not-met": {
            "title": "Tournoi de basket 3x3",
            "description": "Initiation au basket 3x3 et au cécifoot.",
            "occurrences": [{"start": "2024-07-10T14:00", "end": "2024-07-10T18:00"}],
        },
        "cannot-tell": UNDATED
        | {"title": "Après-midi", "description": None, "activities": None, "themes": None},
    },
    "culture-sport": {
        "met": {},
        "partly-met": {
            "title": "Grande fête",
            "description": "Spectacle de conte et exposition photo.",
            "activities": ["conte"],
            "themes": ["culture", "sport"],  # sport declared, not shown in the text
            "venue": "salle",
        },
        "not-met": {
            "title": "Tournoi de basket 3x3",
            "description": "Initiation au basket 3x3.",
            "activities": ["basket 3x3"],
            "themes": ["sport"],
        },
        "cannot-tell": {
            "title": "Après-midi",
            "description": None,
            "activities": None,
            "themes": None,
        },
    },
    "reseau-des-jeux": {
        "met": {},
        # met_at = 1 in the shipped packs: one partner of the Games network is a clear link
        "not-met": {"labels": None, "description": "Tournoi de basket 3x3."},
        "cannot-tell": {"labels": None, "description": None, "activities": None},
    },
    "jours-dates": {
        "met": {},
        "partly-met": {"occurrences": ALL_DAY},
        "not-met": {"occurrences": [{"start": "2024-07-01", "end": "2024-07-31"}]},
        "cannot-tell": UNDATED,
    },
    "pas-une-routine": {
        "met": {},
        "partly-met": {"occurrences": WEEKLY[:2]},
        "not-met": {"occurrences": WEEKLY},
        "cannot-tell": UNDATED,
    },
    "marquant-et-festif": {
        "met": {},
        "partly-met": {
            "title": "Basket 3x3 et cécifoot",
            "description": "Initiation au basket 3x3 et au cécifoot, puis concert.",
        },
        "not-met": {
            "title": "Basket 3x3",
            "description": "Initiation au basket 3x3 et au cécifoot.",
        },
        "cannot-tell": {"title": "Basket 3x3", "description": None, "activities": None},
    },
    "public-attendu": {
        "met": {},
        "partly-met": {"expected_attendance": 80},
        "not-met": {"expected_attendance": 10},
        "cannot-tell": {"expected_attendance": None},
    },
    "habitants-associes": {
        "met": {},
        "partly-met": {"participation": {"conception": True, "realisation": False}},
        "not-met": {
            "participation": {"conception": False, "realisation": False, "evaluation": False}
        },
        "cannot-tell": {"participation": None},
    },
    "habitants-benevoles": {
        "met": {},
        "partly-met": {"participation": {"volunteer_inhabitants": 2}},
        "not-met": {"participation": {"volunteer_inhabitants": 0}},
        "cannot-tell": {"participation": {"conception": True}},
    },
    "mesures-rev3": {
        "met": {},
        "partly-met": {"rev3": ["tri-selectif", "covoiturage"]},
        "not-met": {"rev3": ["tri-selectf"]},
        "cannot-tell": {"rev3": None},
    },
    "domaines-rev3": {
        "met": {},
        "partly-met": {"rev3": ["tri-selectif", "compostage"]},  # one area: waste
        "not-met": {"rev3": ["tri-selectf"]},
        "cannot-tell": {"rev3": None},
    },
    "periode": {
        "met": {},
        "partly-met": {"occurrences": [{"start": "2024-06-29", "end": "2024-07-02"}]},
        "not-met": {"occurrences": [{"start": "2024-06-15T14:00", "end": "2024-06-15T18:00"}]},
        "cannot-tell": UNDATED,
    },
    "quartier-qpv": {
        "met": {},
        "partly-met": {"quartiers": ["bourgogne", "sans-code"]},
        "not-met": {"quartiers": ["faubourg", "pont-rouge"], "partners": None}
        | {"quartiers": ["faubourg"]},
        "cannot-tell": {"quartiers": ["sans-code", "faubourg"]} | {"quartiers": ["sans-code"]},
    },
    "porteur-eligible": {
        "met": {},
        "partly-met": {"organiser": "collectif", "partners": ["bailleur"]},
        "cannot-tell": {"organiser": "autre"},
    },
    "inter-quartiers": {
        "met": {},
        "partly-met": {"quartiers": ["bourgogne"]},
        "not-met": {"quartiers": ["bourgogne"], "partners": None},
        "cannot-tell": {"quartiers": ["sans-code"], "partners": None},
    },
    "termes-proteges": {
        "met": {},
        "partly-met": {"description": "Venez fêter Paris 2024 avec nous !"},
        "not-met": {"title": "Olympiades du quartier"},
        "cannot-tell": {"description": None},
    },
    "jour-ferie": {
        "met": {},
        "partly-met": {"occurrences": [{"start": "2024-07-13", "end": "2024-07-14"}]},
        "not-met": {"occurrences": [{"start": "2024-08-15T14:00", "end": "2024-08-15T18:00"}]},
        "cannot-tell": UNDATED,
    },
}

PARAMS = [(cid, status) for cid, by_status in CASES.items() for status in by_status]


def test_cases_cover_every_criterion_of_the_2024_rules() -> None:
    pack = load_rules(2024)
    assert {c.id for _, c in pack.criteria} == set(CASES)


@pytest.mark.parametrize(("criterion", "status"), PARAMS)
def test_criterion_status(make: Make, qpv: Any, criterion: str, status: str) -> None:
    event, programme = make(**CASES[criterion][status])
    report = check_alignment(event, programme=programme, qpv=qpv)
    result = report.criterion(criterion)
    assert result.status == status, result
    if status == "met":
        assert result.advice_fr is None
    else:
        # advice says what would satisfy the criterion, in French and in English
        assert result.advice_fr and result.advice_en
        assert result.advice_fr != result.advice_en
        assert "{" not in result.advice_fr and "{" not in result.advice_en
    if status == "partly-met" or (status == "met" and result.role != "warning"):
        # (a warning is met when nothing is found: no evidence to show)
        assert result.evidence, "a positive judgement shows what it relied on"


def test_every_status_is_reached_by_each_criterion_or_by_a_pack_variant(tmp_path: Path) -> None:
    """porteur-eligible cannot be 'not-met' with the shipped 2024 rules (no excluded kind):
    a pack that excludes a kind makes it so, with no code change."""
    missing = [(c, s) for c in CASES for s in STATUSES if s not in CASES[c]]
    assert missing == [("reseau-des-jeux", "partly-met"), ("porteur-eligible", "not-met")]


def test_organiser_kind_not_met_with_an_excluded_kind(make: Make, tmp_path: Path) -> None:
    rules = tmp_path / "strict.toml"
    rules.write_text(
        'extends = "nqe-2024"\nid = "strict-2024"\n'
        "[eligibility]\n"
        'conditional_kinds = ["collectif-habitants", "etablissement-public"]\n'
        'excluded_kinds = ["bailleur-social"]\n'
        "confirmed = true\n",
        encoding="utf-8",
    )
    event, programme = make(organiser="bailleur")
    report = check_alignment(event, rules, programme=programme)
    assert report.status("porteur-eligible") == "not-met"
    assert report.criterion("porteur-eligible").gate  # confirmed, with its sources
    assert report.verdict == "not-aligned"  # a gate criterion not met
    assert "bailleur social" in (report.criterion("porteur-eligible").advice_fr or "")
    # the same rule left unconfirmed advises, never refuses
    rules.write_text(rules.read_text("utf-8").replace("confirmed = true", "confirmed = false"))
    report = check_alignment(event, rules, programme=programme)
    assert report.status("porteur-eligible") == "not-met"
    assert not report.criterion("porteur-eligible").gate
    assert report.verdict != "not-aligned"


def test_conditional_organiser_with_an_eligible_partner_is_met(make: Make) -> None:
    event, programme = make(organiser="collectif", partners=["asso"])
    result = check_alignment(event, programme=programme).criterion("porteur-eligible")
    assert result.status == "met"
    assert any(
        e.field == "partners" and e.found == "Association du quartier" for e in result.evidence
    )


def test_without_programme_context_programme_criteria_cannot_tell(make: Make) -> None:
    event, _ = make()
    report = check_alignment(event)
    for cid in ("quartier-qpv", "porteur-eligible"):
        assert report.status(cid) == "cannot-tell"
    assert report.status("discipline-des-jeux") == "met"


def test_qpv_without_list_cannot_tell_never_not_met(make: Make) -> None:
    """Regression: without a loaded QPV list the quartier criterion must say 'cannot tell'."""
    event, programme = make()
    result = check_alignment(event, programme=programme).criterion("quartier-qpv")
    assert result.status == "cannot-tell"
    assert "QPV" in (result.advice_fr or "")


def test_qpv_code_of_another_generation_is_never_absent_from_the_list(make: Make) -> None:
    """A listed code of the other generation (a 2015 QP code under the 2024 rules, a 2024 QN code
    under the 2022 rules) is a priority quartier whose code for the season remains to check: « impossible
    à dire », never « absent de la liste »."""
    from nqe_events.io import parse_qpv_list

    listed = parse_qpv_list("code_qp\nQP080001\n", source="old.csv")
    event, programme = make(quartiers=["faubourg"])
    result = check_alignment(event, programme=programme, qpv=listed).criterion("quartier-qpv")
    assert result.status == "cannot-tell"
    assert "absent" not in (result.advice_fr or "") and "QP080001" in (result.advice_fr or "")
    # the 2023 rules accept 2015 codes
    report = check_alignment(event, 2023, programme=programme, qpv=listed)
    assert report.status("quartier-qpv") == "met"
    new = parse_qpv_list("code_qp\nQN05901M\n", source="new.csv")
    event, programme = make(quartiers=["bourgogne"])
    result = check_alignment(event, 2022, programme=programme, qpv=new).criterion("quartier-qpv")
    assert result.status == "cannot-tell"
    assert "absent" not in (result.advice_fr or "") and "2015" in (result.advice_fr or "")


def test_torch_relay_day_of_the_events_departement(make: Make) -> None:
    """Amiens (Somme, 80) had the flame on 4 July 2024; Tourcoing (Nord, 59) on 2 July."""
    text = {"description": "Fête du quartier et initiation au basket 3x3."}
    event, programme = make(
        quartiers=["faubourg"],
        occurrences=[{"start": "2024-07-04T18:00", "end": "2024-07-04T23:00"}],
        **text,
    )
    result = check_alignment(event, programme=programme).criterion("celebration")
    assert result.status == "met"
    assert any(e.matched == "torch-relay" and "Somme" in e.text("fr") for e in result.evidence)
    # the same day in the Nord is not a torch day (and not in the Games): a fête is not yet a
    # celebration of the Games
    event, programme = make(
        occurrences=[{"start": "2024-07-04T18:00", "end": "2024-07-04T23:00"}], **text
    )
    assert check_alignment(event, programme=programme).status("celebration") == "not-met"


def test_paralympic_period_counts_as_during_the_games(make: Make) -> None:
    event, programme = make(occurrences=[{"start": "2024-08-30T18:00", "end": "2024-08-30T22:00"}])
    result = check_alignment(event, programme=programme).criterion("celebration")
    assert result.status == "met"
    assert any(e.matched == "jeux-paralympiques-2024" for e in result.evidence)


def test_unknown_rev3_slug_is_shown_with_a_suggestion(make: Make) -> None:
    event, programme = make(rev3=["tri-selectf"])
    result = check_alignment(event, programme=programme).criterion("mesures-rev3")
    assert result.status == "not-met"
    (note,) = result.notes
    assert "« tri-selectf » inconnue" in note[0] and "vouliez-vous dire « tri-selectif »" in note[0]
    assert "did you mean 'tri-selectif'" in note[1]


def test_protected_adjective_in_description_is_ordinary_language(make: Make) -> None:
    """'valeurs olympiques' in a description is ordinary language (L141-5 exception): only the
    title is checked for 'olympique'."""
    event, programme = make(description="Atelier sur les valeurs olympiques, respect et amitié.")
    assert check_alignment(event, programme=programme).status("termes-proteges") == "met"
    event, programme = make(title="Fête olympique du quartier")
    assert check_alignment(event, programme=programme).status("termes-proteges") == "not-met"


def test_flame_emoji_is_flagged(make: Make) -> None:
    event, programme = make(title="Fête du basket 🔥")
    result = check_alignment(event, programme=programme).criterion("termes-proteges")
    assert result.status == "not-met"
    assert any(e.matched == "symbol" for e in result.evidence)


def test_english_advice(make: Make) -> None:
    event, programme = make(expected_attendance=10)
    report = check_alignment(event, programme=programme, lang="en")
    result = report.criterion("public-attendu")
    assert result.advice("en") is not None and "Expected attendance: 10" in result.advice("en")
    assert "Public attendu : 10" in (result.advice("fr") or "")
    assert "not met" in report.to_text()


def test_culture_in_a_sports_venue_is_culture_sport(make: Make) -> None:
    """Olympiade culturelle: a cultural project held in a sports venue qualifies."""
    event, programme = make(
        title="Grande fête",
        description="Spectacle de conte et exposition photo.",
        activities=["conte"],
        themes=["culture"],
    )
    result = check_alignment(event, programme=programme).criterion("culture-sport")
    assert result.status == "met"
    assert any(e.field == "venue" and e.matched == "city stade" for e in result.evidence)
