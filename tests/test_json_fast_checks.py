"""The JSON reader's check of texts from the raw text agrees with its walk of the data."""

from __future__ import annotations

import json

import pytest

from nqe_events.io.json_reader import _check_strings, _raw_clean, load_json_checked
from nqe_events.io.limits import DEFAULT_LIMITS, LimitError, Limits

SMALL = Limits(max_string=40)

TEXTS = [
    {"a": "plain", "b": ["é", "line\nnext", "tab\there"]},
    {"a": "bell \x07"},
    {"a": "del \x7f"},
    {"a": "c1 \x9b[2J"},
    {"a": "nel \x85 is a line break"},
    {"a": "bidi \u202e"},
    {"a": "isolate \u2066"},
    {"key \x1b": 1},
    {"k": 'quote " and backslash \\ and slash /'},
    {"k": "x" * 39},
    {"k": "x" * 41},
    {"k": ["y" * 30, "z" * 30]},
    {"k" * 50: 1},
    {"k": "cr \r"},
]


@pytest.mark.parametrize("data", TEXTS)
@pytest.mark.parametrize("ascii_only", [False, True])
@pytest.mark.parametrize("indent", [None, 1])
def test_raw_check_agrees_with_the_walk(data: object, ascii_only: bool, indent: int | None) -> None:
    text = json.dumps(data, ensure_ascii=ascii_only, indent=indent)
    for limits in (DEFAULT_LIMITS, SMALL):
        parsed = json.loads(text)
        try:
            walked: bool | str = _check_strings(parsed, limits)
        except LimitError:
            walked = "refused"
        raw = _raw_clean(text, limits)
        if raw is not None:
            # when the text alone tells, it tells what the walk finds, and no text is too long
            assert walked != "refused"
            assert raw == walked
        try:
            checked: bool | str = load_json_checked(text, limits)[1]
        except LimitError:
            checked = "refused"
        assert checked == walked


def test_a_long_text_behind_escaped_quotes_is_still_refused() -> None:
    text = json.dumps({"k": 'a"' * 30})
    with pytest.raises(LimitError):
        load_json_checked(text, SMALL)


def test_nesting_past_the_bound_is_refused_on_the_fast_path() -> None:
    limits = Limits(max_depth=5)
    text = json.dumps({"a": [[[[["deep"]]]]]})
    assert _raw_clean(text, limits) is True
    with pytest.raises(LimitError):
        load_json_checked(text, limits)
    assert load_json_checked(json.dumps({"a": [[["ok"]]]}), limits) == ({"a": [[["ok"]]]}, True)
