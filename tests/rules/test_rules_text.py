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


#: pieces of French texts as written: accents, ligatures, elisions, typographic quotes and
#: spaces, a decomposed accent, glued para/handi prefixes, sentence punctuation
TRICKY = [
    *WORDS,
    "L’Arc",
    "d'écriture",
    "qu’il",
    "jusqu'au",
    "aujourd'hui",
    "Œuvre",
    "cœur",
    "«",
    "»",
    "…",
    "—",
    "\u00a0",
    "\u202f",
    "e\u0301te\u0301",
    "HANDIBASKET",
    "paranatation",
    "mini-golf",
    "boxe thaï",
    "terrain de foot",
    "bénévoles",
    "habitants",
    "co-construit",
    "avec",
    "les",
    ".",
    "!",
    ";",
    "?",
    "\n",
]


def _reference_tokens(text: str) -> list[str]:
    """Tokens by the module docstring's rules, character by character (independent of the
    fast paths): plain lower-case letters and digits, elided words before an apostrophe
    dropped, a glued prefix left alone (no split words given)."""
    import re
    import unicodedata

    plain = []
    for c in text:
        if c in "'’ʼ`´":
            plain.append("'")
            continue
        base = "".join(
            ch for ch in unicodedata.normalize("NFKD", c.lower()) if not unicodedata.combining(ch)
        )
        plain.append(base.replace("œ", "oe").replace("æ", "ae").replace("ß", "ss"))
    flat = "".join(plain)
    elided = {"l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu"}
    out = []
    for m in re.finditer(r"[0-9a-z]+", flat):
        if m.group() in elided and flat[m.end() : m.end() + 1] == "'":
            continue
        out.append("para" if m.group() == "handi" else m.group())
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TRICKY), max_size=40), st.sampled_from([" ", "", "-", "  "]))
def test_tokens_follow_the_documented_rules(pieces: list[str], joiner: str) -> None:
    text = joiner.join(pieces)
    assert tokens(text) == _reference_tokens(text)
    for _tok, a, b in token_spans(text):
        assert a < b and text[a:b].strip()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TRICKY), min_size=1, max_size=60), st.sampled_from([" ", "-"]))
def test_find_all_and_sentence_parts_agree_with_find(pieces: list[str], joiner: str) -> None:
    """The one-pass search of a whole text, and of its sentences over the text's tokens (for
    some groups only, or all), give what the reference search gives on each piece."""
    import re

    matcher = load_rules(2024).matcher
    text = joiner.join(pieces)
    everything = matcher.find_all(text)
    for group in matcher.groups:
        assert everything.get(group, []) == matcher.find(text, group)
    sentences = [m.span() for m in re.finditer(r"[^.!?;]+", text)]
    groups = ("kw:participation-actors", "kw:participation-realisation", "sport")
    for found, some, (a, b) in zip(
        matcher.find_all_parts(text, sentences),
        matcher.find_all_parts(text, sentences, groups),
        sentences,
        strict=True,
    ):
        for group in matcher.groups:
            expected = matcher.find(text[a:b], group)
            assert found.get(group, []) == expected
            assert some.get(group, []) == (expected if group in groups else [])
