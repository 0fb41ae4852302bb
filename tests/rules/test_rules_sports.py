"""The Games taxonomy: every sport of the Paris 2024 programme is recognised from its French name,
its English name and at least one common variant, read from the reference table itself."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from nqe_events.rules import load_rules

REFERENCE = Path(__file__).resolve().parents[1] / "data" / "rules" / "paris2024_sports.csv"


def _rows() -> list[dict[str, str]]:
    with REFERENCE.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


ROWS = _rows()


def _sports(text: str) -> list[str]:
    matcher = load_rules(2024).matcher
    return [m.target for m in matcher.find(text, "sport")]


def _sport_of(row: dict[str, str]) -> str:
    pack = load_rules(2024)
    found = [s.id for s in pack.games.sports if s.fr == row["sport_fr"]]
    assert len(found) == 1, row
    return found[0]


def test_reference_table_has_32_olympic_and_22_paralympic_sports() -> None:
    games = [r["games"] for r in ROWS]
    assert games.count("olympic") == 32
    assert games.count("paralympic") == 22
    pack = load_rules(2024)
    assert len(pack.games.sports) == 54
    assert {(s.fr, s.en, s.games) for s in pack.games.sports} == {
        (r["sport_fr"], r["sport_en"], r["games"]) for r in ROWS
    }


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r["sport_en"])
def test_sport_recognised_from_french_english_and_variants(row: dict[str, str]) -> None:
    sport = _sport_of(row)
    assert _sports(f"Initiation : {row['sport_fr']} pour tous") == [sport]
    assert _sports(f"Taster: {row['sport_en']} for all") == [sport]
    assert _sports(row["sport_fr"].upper()) == [sport]
    variants = load_rules(2024).sports_by_id[sport].variants
    assert variants, f"{sport} has no common variant"
    for variant in variants:
        assert _sports(f"Après-midi {variant} au city stade") == [sport], variant


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tournoi de basket 3x3", ["basketball"]),
        ("BASKET-BALL 3X3", ["basketball"]),
        ("foot à 5 et cécifoot", ["football", "blind-football"]),
        ("Cecifoot", ["blind-football"]),
        ("démonstration de handibasket", ["wheelchair-basketball"]),
        ("handi-basket", ["wheelchair-basketball"]),
        ("para-athlétisme et para athletisme", ["para-athletics", "para-athletics"]),
        ("initiation handinatation", ["para-swimming"]),
        ("Breakdance et breaking", ["breaking", "breaking"]),
        ("tennis de table puis tennis", ["table-tennis", "tennis"]),
        ("para tennis de table", ["para-table-tennis"]),
        ("ateliers d'escalade", ["sport-climbing"]),
        ("Sports équestres : poneys", ["equestrian", "equestrian"]),
        ("tir à l'arc", ["archery"]),
        ("Volley-ball assis", ["sitting-volleyball"]),
        ("les judokas", ["judo"]),
    ],
)
def test_variants_accents_case_plurals_prefixes(text: str, expected: list[str]) -> None:
    assert _sports(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "atelier tirelire et épargne",  # "tir" must not match inside "tirelire"
        "goûter partagé, tirage au sort",
        "handicap et accessibilité",  # "handi" prefix without a sport
        "parapluie, parade et paralympique",  # "para" prefix without a sport
        "cours de cuisine",
        "basketteur",  # not a whole word
        "chandail",
    ],
)
def test_unrelated_words_are_not_sports(text: str) -> None:
    assert _sports(text) == []


def test_variants_name_one_sport_only() -> None:
    """A variant that names two sports would make the evidence ambiguous (check_rule_pack
    reports it); the shipped pack has none."""
    pack = load_rules(2024)
    matcher = pack.matcher
    owner: dict[tuple[str, ...], str] = {}
    for sport in pack.games.sports:
        for pattern in sport.patterns():
            key = tuple(matcher.tokens(pattern))
            assert owner.setdefault(key, sport.id) == sport.id, pattern
