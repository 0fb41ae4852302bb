"""At least 30 distinct bad inputs through the CLI: exit status 2, a short French message naming the
place and the fix, and never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from nqe_events.cli import main


def _yaml(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _mutate(minimal: dict[str, Any], change: Any) -> str:
    change(minimal)
    return _yaml(minimal)


def _set(path: str, value: Any) -> Any:
    def change(data: dict[str, Any]) -> None:
        node: Any = data
        parts = path.split("/")
        for part in parts[:-1]:
            node = node[int(part)] if part.isdigit() else node[part]
        last = parts[-1]
        if last.isdigit():
            node[int(last)] = value
        else:
            node[last] = value

    return change


def _delete(path: str) -> Any:
    def change(data: dict[str, Any]) -> None:
        node: Any = data
        parts = path.split("/")
        for part in parts[:-1]:
            node = node[int(part)] if part.isdigit() else node[part]
        del node[parts[-1]]

    return change


# (case id, change to the minimal programme, text expected in the message: place, then fix)
MUTATIONS: list[tuple[str, Any, tuple[str, ...]]] = [
    ("season-text", _set("season", "deux-mille"), ("season", "nombre entier")),
    ("season-too-old", _set("season", 1990), ("season", "au moins 2014")),
    ("unknown-top-field", _set("colour", "rouge"), ("colour", "champ inconnu")),
    ("misspelt-field", _set("events/0/titel", "x"), ("events[0].titel", "title")),
    ("missing-name", _delete("name"), ("name", "champ obligatoire absent")),
    ("bad-timezone", _set("timezone", "Europe/Lile"), ("timezone", "Europe/Paris")),
    ("bad-slug", _set("quartiers/0/id", "Cité 12!"), ("quartiers[0].id", "motif")),
    ("bad-departement", _set("quartiers/0/departement", "99"), ("departement", "deux chiffres")),
    ("empty-communes", _set("quartiers/0/communes", []), ("communes", "au moins 1")),
    ("bad-qpv-code", _set("quartiers/0/qpv_code", "QP12"), ("qpv_code", "motif")),
    ("bad-siret-key", _set("organisers/0/siret", "73282932000075"), ("siret", "Luhn")),
    ("bad-siret-length", _set("organisers/0/siret", "7328293200"), ("siret", "14 chiffres")),
    ("bad-email", _set("organisers/0/email", "contact@"), ("email", "e-mail")),
    ("bad-kind", _set("organisers/0/kind", "club"), ("kind", "association")),
    ("bad-latitude", _set("venues/0/coordinates", {"lat": 150, "lon": 2}), ("lat", "au plus 90")),
    ("negative-capacity", _set("venues/0/capacity", -5), ("capacity", "supérieur à 0")),
    ("capacity-text", _set("venues/0/capacity", "beaucoup"), ("capacity", "nombre entier")),
    (
        "dangling-venue",
        _set("events/0/venue", "city-stade-21"),
        ("events[0].venue", "city-stade-12"),
    ),
    (
        "dangling-organiser",
        _set("events/0/organiser", "inconnu"),
        ("events[0].organiser", "inconnu"),
    ),
    (
        "dangling-quartier",
        _set("events/0/quartiers", ["lens-cite12"]),
        ("quartiers[0]", "lens-cite-12"),
    ),
    (
        "dangling-resource",
        _set("events/0/resources", ["podium"]),
        ("resources[0]", "podium-mobile"),
    ),
    ("duplicate-id", _set("venues/1/id", "city-stade-12"), ("venues[1].id", "unique")),
    (
        "end-before-start",
        _set("events/0/occurrences", [{"start": "2024-07-20T19:00", "end": "2024-07-20T14:00"}]),
        ("occurrences[0]", "après le début"),
    ),
    (
        "unreadable-datetime",
        _set("events/0/occurrences", [{"start": "20/07/2024 14h", "end": "2024-07-20T19:00"}]),
        ("occurrences[0].start", "ISO 8601"),
    ),
    (
        "dst-gap",
        _set("events/0/occurrences", [{"start": "2024-03-31T02:30", "end": "2024-03-31T05:00"}]),
        ("start", "heure d'été"),
    ),
    ("no-dates", _delete("events/1/to_plan"), ("events[1]", "to_plan")),
    ("duration-no-unit", _set("events/1/to_plan/duration", "3"), ("duration", "unité")),
    ("duration-wrong-dimension", _set("events/1/to_plan/duration", "3 km"), ("duration", "durée")),
    ("duration-unknown-unit", _set("events/1/to_plan/duration", "3 heurs"), ("duration", "unité")),
    ("bad-theme", _set("events/0/themes", ["danse"]), ("themes[0]", "sport")),
    (
        "duration-arithmetic",
        _set("events/1/to_plan/duration", "9**9**8 h"),
        ("duration", "les calculs et les expressions ne sont pas lus"),
    ),
    (
        "duration-huge-power",
        _set("events/1/to_plan/duration", "10**400 h"),
        ("duration", "écrivez un nombre suivi d'une unité"),
    ),
    (
        "setup-too-large",
        _set("events/0/setup", "1e308 h"),
        ("setup", "valeur trop grande pour une durée (au plus 100\u202f000 h)"),
    ),
    (
        "grid-too-large",
        _set("events/0/footprint", {"energy": {"grid": "1e308 kWh"}}),
        ("grid", "valeur trop grande pour une énergie"),
    ),
    ("duration-nan", _set("events/1/to_plan/duration", "nan h"), ("duration", "un nombre suivi")),
    (
        "drink-us-cups",
        _set("events/0/footprint", {"catering": {"drinks": {"coffee": "200 cups"}}}),
        ("drinks", "unité américaine ou impériale"),
    ),
    ("bad-audience", _set("events/0/audiences", ["ados"]), ("audiences[0]", "jeunes")),
    (
        "negative-attendance",
        _set("events/0/expected_attendance", -1),
        ("expected_attendance", "au moins 0"),
    ),
    (
        "region-above-total",
        _set("events/0/budget", {"total_eur": 100, "region_eur": 200}),
        ("budget", "dépasse"),
    ),
    ("budget-cents", _set("events/0/budget", {"total_eur": 10.555}), ("total_eur", "2 décimales")),
    ("bad-status", _set("events/0/status", "reporte"), ("status", "confirme")),
    ("bad-url", _set("events/0/url", "www.example.org"), ("url", "motif")),
    (
        "window-reversed",
        _set("events/1/to_plan/window", {"start": "2024-08-30", "end": "2024-07-08"}),
        ("window", "après le début"),
    ),
]


@pytest.mark.parametrize(("case", "change", "expected"), MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_bad_programme_content(
    case: str,
    change: Any,
    expected: tuple[str, ...],
    minimal: dict[str, Any],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / f"{case}.yaml"
    path.write_text(_mutate(minimal, change), encoding="utf-8")
    assert main(["validate", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "Traceback" not in err
    assert str(path) in err
    for text in expected:
        assert text in err, (text, err)
    assert len(err.splitlines()) <= 8


FILE_CASES: list[tuple[str, str, bytes, str]] = [
    ("missing-file", "absent.yaml", b"", "introuvable"),
    ("bad-extension", "programme.txt", b"season: 2024", ".yaml, .yml ou .json"),
    ("not-utf8", "p.yaml", "name: Été".encode("latin-1"), "UTF-8"),
    ("broken-yaml", "p.yaml", b"season: 2024\nname: [unclosed\n", "YAML illisible"),
    ("tab-indent", "p.yaml", b"season: 2024\nquartiers:\n\t- id: a\n", "YAML illisible"),
    ("yaml-list", "p.yaml", b"- 1\n- 2\n", "objet"),
    ("empty-yaml", "p.yaml", b"", "rien"),
    ("broken-json", "p.json", b'{"season": 2024,, }', "JSON illisible"),
    ("duplicate-key", "p.yaml", b"season: 2024\nname: A\nname: B\n", "répétée"),
    ("csv-without-base", "events.csv", b"id,titre\n", "--base"),
]


@pytest.mark.parametrize(
    ("case", "name", "content", "expected"), FILE_CASES, ids=[c[0] for c in FILE_CASES]
)
def test_bad_files(
    case: str,
    name: str,
    content: bytes,
    expected: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / name
    if case != "missing-file":
        path.write_bytes(content)
    assert main(["validate", str(path)]) == 2
    _, err = capsys.readouterr()
    assert "Traceback" not in err
    assert expected in err, err
    assert name in err


def test_folder_instead_of_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "dossier.yaml"
    folder.mkdir()
    assert main(["validate", str(folder)]) == 2
    assert "dossier" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [[], ["validate"], ["inconnue"], ["validate", "a.yaml", "--format", "xml"], ["--lang", "de"]],
)
def test_usage_errors_exit_2_in_french(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "erreur" in err and "Traceback" not in err


def test_english_messages_on_request(
    minimal: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    minimal["events"][0]["venue"] = "city-stade-21"
    path = tmp_path / "p.yaml"
    path.write_text(_yaml(minimal), encoding="utf-8")
    assert main(["--lang", "en", "validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert "unknown venue 'city-stade-21' — did you mean 'city-stade-12'?" in err


def test_valid_file_exit_0_and_json(
    minimal: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(_yaml(minimal), encoding="utf-8")
    assert main(["validate", str(path), "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["summary"]["events"] == 2
    assert payload["summary"]["dated"] == 1
    assert payload["summary"]["departements"] == ["62", "80"]


def test_installed_command_never_shows_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("season: [\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "nqe_events.cli", "validate", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and "YAML illisible" in proc.stderr


def test_schema_command_prints_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$schema"].endswith("2020-12/schema")
    assert "events" in schema["properties"]
