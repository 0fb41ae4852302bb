"""Token matching: whole words only, accents/case/plural-insensitive, longest match first; the
one-pass ``find_all`` agrees with the per-group ``find`` (an independent second implementation)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from nqe_events.rules import load_rules, normalise
from nqe_events.rules.text import Match, Matcher, token_spans, tokens

WORDS = [
    "tir",
    "à",
    "l'arc",
    "tirelire",
    "basket",
    "3x3",
    "handibasket",
    "fête",
    "Olympiades",
    "JO",
    "respect",
    "amitié",
    "cécifoot",
    "foot",
    "5",
    "tennis",
    "de",
    "table",
    "para",
    "natation",
    "retransmission",
    "écran",
    "géant",
    "Breakdance",
    "valeurs",
    "olympiques",
    "concert",
    "jeux",
]


def test_normalise_and_tokens() -> None:
    assert normalise("Tir à l'Arc — ÉCRAN géant !") == "tir a l arc ecran geant"
    # text words are kept as written (patterns accept the inflected forms); elisions are dropped
    assert tokens("Les Olympiades des jeux") == ["les", "olympiades", "des", "jeux"]
    assert tokens("l'arc d'or qu'on aime, jusqu'au bout") == [
        "arc",
        "or",
        "on",
        "aime",
        "au",
        "bout",
    ]
    assert tokens("Œuvre") == ["oeuvre"]


def test_token_spans_point_into_the_original_text() -> None:
    text = "Œuvre : Tir à l’Arc, handibasket"
    spans = token_spans(text, frozenset({"basket"}))
    assert [(t, text[a:b]) for t, a, b in spans] == [
        ("oeuvre", "Œuvre"),
        ("tir", "Tir"),
        ("a", "à"),
        ("arc", "Arc"),
        ("para", "handibasket"),
        ("basket", "handibasket"),
    ]


def test_whole_words_only() -> None:
    m = Matcher([("g", "tir", "tir"), ("g", "arc", "tir à l'arc")])
    assert [x.target for x in m.find("tirelire, tir à l’arc, tir", "g")] == ["arc", "tir"]
    assert m.find("tirelires", "g") == []


def test_longest_match_wins_and_groups_are_independent() -> None:
    m = Matcher([("a", "tennis", "tennis"), ("a", "tt", "tennis de table"), ("b", "t", "table")])
    assert [x.target for x in m.find("tennis de table", "a")] == ["tt"]
    assert [x.target for x in m.find("tennis de table", "b")] == ["t"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=25), st.sampled_from(["lower", "upper", "title"]))
def test_find_all_agrees_with_find_and_ignores_case(words: list[str], case: str) -> None:
    matcher = load_rules(2024).matcher
    text = " ".join(words)
    changed = getattr(text, case)()
    everything = matcher.find_all(text)
    for group in matcher.groups:
        assert everything.get(group, []) == matcher.find(text, group)

    def strip(found: dict[str, list[Match]]) -> dict[str, list[tuple[str, str, str]]]:
        return {g: [(m.group, m.target, m.pattern) for m in ms] for g, ms in found.items()}

    assert strip(matcher.find_all(changed)) == strip(everything)
    for matches in everything.values():
        for m in matches:
            assert m.found in text  # the words as written
