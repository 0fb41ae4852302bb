"""Reading French event texts (issue 10): false friends are not matched, the Games' synonyms are,
French inflection and elision are understood, and evidence quotes the words as written."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nqe_events.rules import load_rules
from nqe_events.rules.text import Matcher, forms, tokens


def _found(text: str, group: str, season: int = 2024) -> list[tuple[str, str]]:
    matcher = load_rules(season).matcher
    return [(m.target, m.found) for m in matcher.find_all(text).get(group, [])]


@pytest.mark.parametrize(
    ("text", "group", "not_target"),
    [
        ("Tournoi de mini-golf au parc", "sport", "golf"),
        ("Parcours de mini golf", "sport", "golf"),
        ("Initiation à la boxe thaï", "sport", "boxing"),
        ("Démonstration de boxe thaï et de kick-boxing", "sport", "boxing"),
        ("Goûter sur le terrain de foot du quartier", "sport", "football"),
        ("Rendez-vous au city stade de foot", "sport", "football"),
        ("Venez à vélo ou à pied !", "sport", "cycling"),
        ("Lutte contre le gaspillage alimentaire", "sport", "wrestling"),
        ("Nos quartiers préparent les Jeux", "kw:festive", "jeux"),
        ("Loto de la Terre de Jeux", "kw:festive", "jeux"),
        ("Rangement tard dans la soirée", "kw:festive", "soirée"),
        ("Rangement tard dans la soirée", "kw:celebration", "soirée"),
        ("Nos quartiers préparent les Jeux", "link:games", "les-jeux"),
        ("Initiation aux arts martiaux", "kw:culture", "art"),
    ],
)
def test_false_friends_are_not_matched(text: str, group: str, not_target: str) -> None:
    assert not_target not in [t for t, _ in _found(text, group)]


def test_the_real_thing_next_to_a_false_friend_is_still_found() -> None:
    text = "Tournoi de foot sur le terrain de foot, puis boxe anglaise et boxe thaï."
    assert _found(text, "sport") == [("football", "foot"), ("boxing", "boxe anglaise")]
    # "festive" is read by the pattern "festif" (its feminine)
    assert _found("Grande soirée festive", "kw:festive") == [
        ("soirée", "soirée"),
        ("festif", "festive"),
    ]


@pytest.mark.parametrize(
    ("text", "group", "target"),
    [
        ("Les enfants prêtent le serment olympique", "link:celebration", "serment-olympique"),
        ("Un village olympique au cœur du quartier", "link:celebration", "village-olympique"),
        ("Les Olympiades du quartier", "link:celebration", "olympiades"),
        ("une olympiade des familles", "link:celebration", "olympiades"),
        ("Les jeunes ont fabriqué une flamme", "link:celebration", "flamme"),
        ("Fresque sur les anneaux olympiques", "link:celebration", "anneaux-olympiques"),
        ("Photo avec la Phryge", "link:celebration", "phryge"),
        ("Défilé des Phryges", "link:celebration", "phryge"),
        ("Fête du relais de la flamme", "celebration-format", "relais-de-la-flamme"),
        ("Avec le CDOS du Nord", "link:network", "cdos"),
        ("avec le Comité départemental olympique et sportif", "link:network", "cdos"),
        ("en partenariat avec le CROS Hauts-de-France", "link:network", "cros"),
        ("Commune labellisée Terre de Jeux 2024", "label", "terre-de-jeux"),
        ("collège Génération 2024", "label", "generation-2024"),
        ("une après-midi aux couleurs des JO", "link:games", "les-jeux"),
    ],
)
def test_the_games_synonyms_are_matched(text: str, group: str, target: str) -> None:
    assert target in [t for t, _ in _found(text, group)]


def test_synonyms_are_data_of_every_shipped_season() -> None:
    for season in (2022, 2023, 2024):
        ids = {s.id for s in load_rules(season).games.synonyms}
        assert {"serment-olympique", "village-olympique", "olympiades", "flamme", "cdos"} <= ids


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        ("sportif", "Une journée sportive"),
        ("sportif", "des défis sportifs"),
        ("olympien", "une olympienne"),
        ("champion", "une championne"),
        ("médaillé olympique", "des médaillées olympiques"),
        ("jeux", "un grand jeu"),
        ("olympiades", "une olympiade"),
        ("fête", "Fêtes"),
        ("tir à l'arc", "TIR A L’ARC"),
        ("atelier d'écriture", "ateliers d’écriture"),
        ("basket-ball", "basket ball"),
        ("co-construit", "programme co-construit"),
        ("co-construit", "journée co-construite"),
    ],
)
def test_french_inflection_elision_hyphens_accents_and_case(pattern: str, text: str) -> None:
    m = Matcher([("g", "x", pattern)])
    assert [x.target for x in m.find_all(text).get("g", [])] == ["x"], (pattern, text)


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        ("danse", "dans la cour"),  # a stemmer would merge them
        ("soirée", "ce soir"),
        ("tir", "il tire"),  # short words take no feminine
        ("art", "Arte"),
        ("tir", "tirelire"),
    ],
)
def test_inflection_does_not_invent_matches(pattern: str, text: str) -> None:
    assert Matcher([("g", "x", pattern)]).find_all(text) == {}


def test_forms_are_documented_examples() -> None:
    assert forms("sportif") == {"sportif", "sportifs", "sportive", "sportives"}
    assert forms("jeux") == {"jeu", "jeux"}
    assert forms("de") == {"de"}
    assert tokens("l’arc d'or") == ["arc", "or"]


def test_multi_word_terms_win_over_single_words() -> None:
    assert _found("Initiation au tennis de table", "sport") == [("table-tennis", "tennis de table")]
    assert _found("tir à l'arc et tir sportif", "sport") == [
        ("archery", "tir à l'arc"),
        ("shooting", "tir sportif"),
    ]


def test_evidence_quotes_the_words_as_written() -> None:
    text = "Initiation au BASKET 3X3 et aux Olympiades du quartier"
    assert _found(text, "sport") == [("basketball", "BASKET 3X3")]
    assert _found(text, "link:celebration") == [("olympiades", "Olympiades du quartier")]


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["mini-golf", "boxe thaï", "terrain de foot", "baby-foot"]), st.text())
def test_a_false_friend_anywhere_in_a_text_is_never_its_sport(friend: str, noise: str) -> None:
    sport = {"mini-golf": "golf", "boxe thaï": "boxing", "terrain de foot": "football"}.get(
        friend, "football"
    )
    text = f"{noise} {friend} ."
    found = _found(text, "sport")
    # only the noise may name the sport, never the false friend itself
    assert all(f != friend and not friend.startswith(f) for t, f in found if t == sport)
