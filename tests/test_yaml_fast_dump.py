"""The programme writer uses libyaml's emitter only where it writes exactly what PyYAML's own
emitter writes: for any JSON-like data that ``_same_in_both`` accepts, both give the same bytes,
and the data it refuses (where the two differ) are written by PyYAML's emitter."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nqe_events.io import dumps_programme, load_example, programme_files

pytestmark = pytest.mark.skipif(
    programme_files._CDumper is None, reason="PyYAML built without libyaml"
)

# characters that matter to a YAML emitter: quotes, indicators, spaces and breaks, accents…
COMMON = [*"aé Z0:#-,?[]{}&*!|>%@`'\"=.\n", "\xa0", "\u3000", "Œ"]
# … and those the two emitters treat differently (controls, NEL, LS, BOM, outside the BMP)
ODD = ["\t", "\x85", "\u2028", "\ufeff", "🎬", "\x7f", "\r"]
ONE_LINE = [c for c in COMMON if c != "\n"]
KEYS = st.text(st.sampled_from(ONE_LINE), min_size=1, max_size=140)  # 128+: an explicit key
TEXT = st.one_of(
    st.text(st.sampled_from(ONE_LINE), max_size=160),
    st.text(st.sampled_from(ONE_LINE), max_size=160),
    st.text(st.sampled_from(COMMON), max_size=160),
    st.text(st.sampled_from(COMMON + ODD), max_size=160),
    st.text(max_size=30),
)
SCALARS = TEXT | st.integers() | st.booleans() | st.none() | st.floats(allow_nan=False)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS | TEXT, inner, max_size=4),
    max_leaves=12,
)
DATA = st.dictionaries(KEYS | TEXT, VALUES, min_size=1, max_size=4)  # a programme is a mapping


def _dump(data: Any, dumper: Any) -> str:
    return yaml.dump(data, Dumper=dumper, **programme_files.YAML_OPTIONS)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DATA)
def test_libyaml_is_used_only_where_it_writes_the_same_bytes(data: Any) -> None:
    if programme_files._same_in_both(data):
        assert _dump(data, programme_files._CDumper) == _dump(data, programme_files._Dumper)


@pytest.mark.parametrize(
    "text",
    ["a\tb", "🎬", "x" * 95 + "\n" + " y" * 5, "a\x85b", "\ufeffa", "fin \n suite"],
)
def test_texts_the_emitters_write_differently_are_refused(text: str) -> None:
    assert not programme_files._same_in_both({"k": text})
    assert not programme_files._same_in_both({"k": [text]})


def test_empty_or_multiline_keys_are_refused() -> None:
    assert not programme_files._same_in_both({"": 1})
    assert not programme_files._same_in_both({"a\nb": 1})
    assert programme_files._same_in_both({"a b": "a\nb"})


def test_the_example_is_written_as_by_pyyaml() -> None:
    programme = load_example()
    data = programme_files._plain(programme)
    assert dumps_programme(programme) == _dump(data, programme_files._Dumper)
