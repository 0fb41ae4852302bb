"""Programme files: lossless YAML/JSON round trips and located errors for every mutation."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nqe_events.errors import NqeError, ProgrammeFileError, ProgrammeValidationError
from nqe_events.io import (
    dump_programme,
    dumps_programme,
    load_programme,
    loads_programme,
    programme_files,
    programme_from_data,
    programme_json_schema,
)
from nqe_events.model import Programme
from strategies import programme_data, programmes

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(programmes())
def test_yaml_roundtrip_is_lossless(p: Programme) -> None:
    again = loads_programme(dumps_programme(p, "yaml"), "yaml")
    assert again == p
    assert dumps_programme(again, "yaml") == dumps_programme(p, "yaml")


@SETTINGS
@given(programmes())
def test_json_roundtrip_is_lossless(p: Programme) -> None:
    again = loads_programme(dumps_programme(p, "json"), "json")
    assert again == p


@SETTINGS
@given(programmes())
def test_json_output_validates_against_published_schema(p: Programme) -> None:
    import jsonschema

    jsonschema.validate(json.loads(dumps_programme(p, "json")), programme_json_schema())


def _paths(data: dict[str, Any]) -> list[tuple[Any, ...]]:
    out = []

    def walk(node: Any, path: tuple[Any, ...]) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                out.append((*path, k))
                walk(v, (*path, k))
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, (*path, i))

    walk(data, ())
    return out


def _set(data: dict[str, Any], path: tuple[Any, ...], value: Any) -> None:
    node: Any = data
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value


MUTATIONS = [
    "wrong_type",
    "unknown_field",
    "dangling_reference",
    "end_before_start",
    "bad_qpv",
    "bad_siret",
    "nonexistent_time",
    "missing_field",
]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programme_data(), st.sampled_from(MUTATIONS), st.randoms(use_true_random=False))
def test_mutations_give_located_nqe_errors(data: dict[str, Any], mutation: str, rnd: Any) -> None:
    data = copy.deepcopy(data)
    expect_prefix = ""
    if mutation == "wrong_type":
        paths = [
            p
            for p in _paths(data)
            if p[-1] in ("season", "capacity", "expected_attendance", "teams", "outdoor")
        ]
        if not paths:
            paths = [("season",)]
        path = rnd.choice(paths)
        _set(data, path, {"oops": [1, 2]})
        expect_prefix = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)[1:]
    elif mutation == "unknown_field":
        target = rnd.choice(["quartiers", "organisers", "venues"])
        i = rnd.randrange(len(data[target]))
        data[target][i]["colour"] = "rouge"
        expect_prefix = f"{target}[{i}].colour"
    elif mutation == "dangling_reference":
        if data["events"]:
            i = rnd.randrange(len(data["events"]))
            data["events"][i]["venue"] = "zz-nowhere"
            expect_prefix = f"events[{i}].venue"
        else:
            data["venues"][0]["quartier"] = "zz-nowhere"
            expect_prefix = "venues[0].quartier"
    elif mutation == "end_before_start":
        data["events"].append(
            {
                "id": "zz-event",
                "title": "X",
                "organiser": data["organisers"][0]["id"],
                "venue": data["venues"][0]["id"],
                "quartiers": [data["quartiers"][0]["id"]],
                "occurrences": [{"start": "2024-07-02T18:00", "end": "2024-07-02T10:00"}],
            }
        )
        expect_prefix = f"events[{len(data['events']) - 1}].occurrences[0]"
    elif mutation == "bad_qpv":
        data["quartiers"][0]["qpv_code"] = "QX12345"
        expect_prefix = "quartiers[0].qpv_code"
    elif mutation == "bad_siret":
        data["organisers"][0]["siret"] = "73282932000075"
        expect_prefix = "organisers[0].siret"
    elif mutation == "nonexistent_time":
        data["events"].append(
            {
                "id": "zz-event",
                "title": "X",
                "organiser": data["organisers"][0]["id"],
                "venue": data["venues"][0]["id"],
                "quartiers": [data["quartiers"][0]["id"]],
                "occurrences": [{"start": "2024-03-31T02:15", "end": "2024-03-31T04:00"}],
            }
        )
        expect_prefix = f"events[{len(data['events']) - 1}].occurrences[0].start"
    elif mutation == "missing_field":
        target = rnd.choice(["quartiers", "organisers", "venues"])
        del data[target][0]["name"]
        expect_prefix = f"{target}[0].name"
    for fmt in ("yaml", "json"):
        # written as the project writes YAML: PyYAML's own dumper leaves ``0E0`` unquoted, which
        # the core-schema reader (rightly) reads as a number
        text = (
            yaml.dump(data, Dumper=programme_files._Dumper, allow_unicode=True)
            if fmt == "yaml"
            else json.dumps(data)
        )
        with pytest.raises(NqeError) as info:
            loads_programme(text, fmt)  # type: ignore[arg-type]
        assert isinstance(info.value, ProgrammeValidationError)
        assert any(p.startswith(expect_prefix) for p in info.value.paths), (
            expect_prefix,
            info.value.paths,
        )
        if fmt == "yaml":
            assert all(d.line is not None for d in info.value.details)


def test_error_line_numbers_point_at_the_field(write: Any) -> None:
    path = write(
        "p.yaml",
        "season: 2024\nname: X\nquartiers:\n  - id: q\n    name: Q\n    communes: [Lens]\n"
        "    departement: '62'\n    qpv_code: QZ000000\n",
    )
    with pytest.raises(ProgrammeValidationError) as info:
        load_programme(path)
    (detail,) = info.value.details
    assert detail.line == 8 and detail.path == "quartiers[0].qpv_code"
    assert f"{path}:8" in str(info.value)


def test_yaml_norway_problem_is_avoided(minimal: dict[str, Any]) -> None:
    minimal["quartiers"][0]["name"] = "no"
    text = yaml.safe_dump(minimal).replace("name: 'no'", "name: no")
    assert "name: no\n" in text
    p = loads_programme(text)
    assert p.quartiers[0].name == "no"


def test_duplicate_yaml_keys_are_refused() -> None:
    with pytest.raises(ProgrammeFileError) as info:
        loads_programme("season: 2024\nname: A\nname: B\n")
    assert info.value.details[0].line == 3


def test_dump_and_load_files(tmp_path: Path, minimal: dict[str, Any]) -> None:
    p = programme_from_data(minimal)
    for name in ("p.yaml", "p.yml", "p.json"):
        assert load_programme(dump_programme(p, tmp_path / name)) == p


def test_schema_is_draft_2020_12_and_rejects_unknown_fields() -> None:
    import jsonschema

    schema = programme_json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"season": 2024, "name": "x", "colour": 1}, schema)


def test_unicode_line_breaks_survive_yaml(minimal: dict[str, Any]) -> None:
    """Regression: U+0085 (NEL), U+2028 and U+2029 were folded into spaces by PyYAML's single
    quotes, so a description came back changed."""
    minimal["events"][0]["description"] = "0\x850 a\u2028b c\u2029d"
    p = programme_from_data(minimal)
    assert loads_programme(dumps_programme(p, "yaml")) == p


@pytest.mark.parametrize("text", ["0E0", "1e3", "-2", ".5", "true", "null", "~", ""])
def test_strings_that_look_like_numbers_survive_a_yaml_round_trip(
    minimal: dict[str, Any], text: str
) -> None:
    """The writer quotes what the core-schema reader would type (``0E0`` is a float in YAML 1.2)."""
    data = copy.deepcopy(minimal)
    data["name"] = text or "x"
    data["quartiers"][0]["name"] = text or "y"
    p = Programme.model_validate(data)
    again = loads_programme(dumps_programme(p, "yaml"), "yaml")
    assert again == p
