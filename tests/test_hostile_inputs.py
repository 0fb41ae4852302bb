"""Hostile and broken programme files (issue 14): one input per fuzz finding, each refused with exit
status 2 and a French message naming the place, or read as the author meant — never a traceback,
never a status 1 that a script would take for findings, never unbounded time or memory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from datetime import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from nqe_events.cli import main
from nqe_events.errors import InputError, NqeError, ProgrammeFileError, ProgrammeValidationError
from nqe_events.io import dump_programme, load_programme, loads_programme, programme_from_data
from nqe_events.io.limits import Limits

SENTINEL = "@VALUE@"


def _yaml(data: dict[str, Any], raw: str | None = None) -> str:
    """The YAML text of ``data`` with the sentinel string replaced by ``raw``, unquoted."""
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    if raw is not None:
        assert SENTINEL in text
        text = text.replace(f"'{SENTINEL}'", raw).replace(SENTINEL, raw)
    return text


def _run(argv: list[str], capsys: pytest.CaptureFixture[str], status: int = 2) -> tuple[str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    assert code == status, (code, out, err)
    assert "Traceback" not in err and "Traceback" not in out
    return out, err


def _validate(
    path: Path, capsys: pytest.CaptureFixture[str], *expected: str, command: str = "validate"
) -> str:
    extra = ["-o", str(path.parent / "plan-out")] if command == "plan" else []
    _, err = _run([command, str(path), *extra], capsys)
    assert str(path) in err, err
    for text in expected:
        assert text in err, (text, err)
    return err


# --- impossible dates and times, read as text and validated by the model ------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2024-06-31", "date ou heure impossible « 2024-06-31 »"),
        ("2024-13-01", "date ou heure impossible « 2024-13-01 »"),
        ("2024-07-20 25:00:00", "date ou heure impossible « 2024-07-20 25:00:00 »"),
        ("9999-12-31T23:00:00-05:00", "date hors des années 1900 à 2200"),
    ],
)
def test_impossible_dates_unquoted_get_a_french_message(
    raw: str, expected: str, minimal: dict[str, Any], tmp_path: Path, capsys: Any
) -> None:
    minimal["events"][0]["occurrences"] = [{"start": SENTINEL, "end": "2024-07-20T19:00"}]
    path = tmp_path / "dates.yaml"
    path.write_text(_yaml(minimal, raw), encoding="utf-8")
    err = _validate(path, capsys, "events[0].occurrences[0].start", expected)
    assert f"{path}:" in err  # with its line


def test_impossible_window_date_is_french(
    minimal: dict[str, Any], tmp_path: Path, capsys: Any
) -> None:
    minimal["events"][1]["to_plan"]["window"]["start"] = SENTINEL
    path = tmp_path / "w.yaml"
    path.write_text(_yaml(minimal, "2024-02-30"), encoding="utf-8")
    _validate(path, capsys, "to_plan.window.start", "date illisible")


# --- numbers -----------------------------------------------------------------------------------


def test_integer_of_thousands_of_digits(
    minimal: dict[str, Any], tmp_path: Path, capsys: Any
) -> None:
    minimal["events"][0]["expected_attendance"] = SENTINEL
    path = tmp_path / "big.yaml"
    path.write_text(_yaml(minimal, "9" * 5000), encoding="utf-8")
    _validate(path, capsys, "nombre entier trop long (5\u202f000 chiffres, au plus 20)")
    path = tmp_path / "big.json"
    text = json.dumps(minimal).replace(json.dumps(SENTINEL), "9" * 5000)
    path.write_text(text, encoding="utf-8")
    _validate(path, capsys, "nombre entier trop long")


def test_bool_is_not_a_number(minimal: dict[str, Any], tmp_path: Path, capsys: Any) -> None:
    minimal["events"][0]["expected_attendance"] = True
    path = tmp_path / "b.yaml"
    path.write_text(_yaml(minimal), encoding="utf-8")
    err = _validate(path, capsys, "events[0].expected_attendance", "pas « true »")
    assert "True" not in err  # the value as written in YAML, not as Python shows it


@pytest.mark.parametrize("raw", [".nan", ".inf", "-.inf", "1e400"])
def test_nan_and_infinite_weights_refused(
    raw: str, minimal: dict[str, Any], tmp_path: Path, capsys: Any
) -> None:
    minimal["planning"] = {"weights": {"SPREAD": SENTINEL}}
    path = tmp_path / "nan.yaml"
    path.write_text(_yaml(minimal, raw), encoding="utf-8")
    _validate(path, capsys, "planning.weights.SPREAD", "nombre fini")


def test_json_nan_is_not_json(minimal: dict[str, Any], tmp_path: Path, capsys: Any) -> None:
    minimal["planning"] = {"weights": {"SPREAD": SENTINEL}}
    path = tmp_path / "nan.json"
    path.write_text(json.dumps(minimal).replace(json.dumps(SENTINEL), "NaN"), encoding="utf-8")
    _validate(path, capsys, "JSON illisible", "« NaN » n'est pas une valeur JSON")


# --- YAML 1.1 traps: the file means what it says ---------------------------------------------------


def test_leading_zero_stays_text(minimal: dict[str, Any], tmp_path: Path, capsys: Any) -> None:
    """``062`` was octal 50 under YAML 1.1; it is the text « 062 » (and not a département)."""
    minimal["quartiers"][0]["departement"] = SENTINEL
    path = tmp_path / "oct.yaml"
    path.write_text(_yaml(minimal, "062"), encoding="utf-8")
    _validate(path, capsys, "quartiers[0].departement", "« 062 »")
    path.write_text(_yaml(minimal, "02"), encoding="utf-8")
    assert load_programme(path).quartiers[0].departement == "02"


def test_sexagesimal_stays_a_time(minimal: dict[str, Any], tmp_path: Path) -> None:
    """``10:00`` was 600 (base 60) under YAML 1.1; it is ten o'clock."""
    minimal["planning"] = {"day_start": SENTINEL, "day_end": "23:30"}
    path = tmp_path / "t.yaml"
    path.write_text(_yaml(minimal, "10:00"), encoding="utf-8")
    assert load_programme(path).planning.day_start == time(10, 0)


@pytest.mark.parametrize("raw", ["yes", "on", "y", "No", "off"])
def test_yaml11_booleans_stay_text(raw: str, minimal: dict[str, Any], tmp_path: Path) -> None:
    minimal["name"] = SENTINEL
    minimal["events"][0]["title"] = SENTINEL
    path = tmp_path / "y.yaml"
    path.write_text(_yaml(minimal, raw), encoding="utf-8")
    p = load_programme(path)
    assert p.name == raw and p.events[0].title == raw


def test_duplicate_key_refused_in_json(
    minimal: dict[str, Any], tmp_path: Path, capsys: Any
) -> None:
    text = json.dumps(minimal, indent=1)
    text = text.replace('"name": "Programme de test"', '"name": "A",\n "name": "B"')
    path = tmp_path / "dup.json"
    path.write_text(text, encoding="utf-8")
    err = _validate(path, capsys, "clé « name » répétée")
    assert f"{path}:4" in err  # the line of the second "name"


def test_complex_yaml_key_refused(tmp_path: Path, capsys: Any) -> None:
    path = tmp_path / "k.yaml"
    path.write_text("season: 2024\n? [a, b]\n: 1\n", encoding="utf-8")
    _validate(path, capsys, "clé complexe")


def test_unknown_yaml_tag_refused(tmp_path: Path, capsys: Any) -> None:
    path = tmp_path / "tag.yaml"
    path.write_text("season: !!python/object:os.system 2024\nname: x\n", encoding="utf-8")
    _validate(path, capsys, "étiquette YAML")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "season: 2024\nname: \x1b[2J\n",
            "ligne 2 : caractère U+001B interdit dans un fichier YAML",
        ),
        ("season: 2024\nname: a\x00\n", "ligne 2 : caractère U+0000 interdit"),
        ("season: 2024\nname: [a\n", "YAML illisible"),
        ("season: 2024\nname: &\n", "YAML illisible"),
    ],
)
def test_yaml_syntax_messages_are_french(text: str, expected: str) -> None:
    with pytest.raises(ProgrammeFileError) as caught:
        loads_programme(text)
    message = caught.value.render("fr")
    assert expected in message
    for english in ("found", "expected", "while", "character", "not allowed"):
        assert english not in message, message


def test_api_text_with_a_raw_lone_surrogate() -> None:
    for fmt in ("yaml", "json"):
        with pytest.raises(ProgrammeFileError, match="U\\+D800 \\(demi-paire UTF-16 isolée\\)"):
            loads_programme('{"season": 2024,\n "name": "\ud800"}', fmt)  # type: ignore[arg-type]


# --- JSON decoder messages in French -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"season": 2024 "name": "x"}', "virgule « , » attendue"),
        ('{"season": 2024,}', "nom de clé entre guillemets doubles attendu"),
        ("{'season': 2024}", "nom de clé entre guillemets doubles attendu"),
        ('{"season": }', "valeur attendue"),
        ('{"season": 2024} x', "texte en trop"),
    ],
)
def test_json_decoder_speaks_french(text: str, expected: str, tmp_path: Path, capsys: Any) -> None:
    path = tmp_path / "p.json"
    path.write_text(text, encoding="utf-8")
    err = _validate(path, capsys, "JSON illisible", expected, "colonne")
    assert "Expecting" not in err and "delimiter" not in err


# --- bounded work: ranges typed in the file ------------------------------------------------------


def test_season_of_millennia_refused(minimal: dict[str, Any], tmp_path: Path, capsys: Any) -> None:
    minimal["planning"] = {"season_start": "0001-01-01", "season_end": "9999-12-31"}
    path = tmp_path / "s.yaml"
    path.write_text(_yaml(minimal), encoding="utf-8")
    _validate(path, capsys, "planning.season_start", "années 1900 à 2200", command="plan")


def test_season_over_a_year_refused(minimal: dict[str, Any], tmp_path: Path, capsys: Any) -> None:
    minimal["planning"] = {"season_start": "2024-01-01", "season_end": "2025-06-30"}
    path = tmp_path / "s.yaml"
    path.write_text(_yaml(minimal), encoding="utf-8")
    _validate(path, capsys, "planning", "au plus 366 jours (trouvé : 547 jours)", command="plan")


def test_window_over_a_year_refused(minimal: dict[str, Any], tmp_path: Path, capsys: Any) -> None:
    minimal["events"][1]["to_plan"]["window"] = {"start": "2024-01-01", "end": "2026-01-01"}
    path = tmp_path / "w.yaml"
    path.write_text(_yaml(minimal), encoding="utf-8")
    _validate(path, capsys, "events[1].to_plan.window", "au plus 366 jours")


@pytest.mark.parametrize("where", ["planning", "venue", "event"])
def test_huge_setup_refused(
    where: str, minimal: dict[str, Any], tmp_path: Path, capsys: Any
) -> None:
    if where == "planning":
        minimal["planning"] = {"setup": "1e308 h"}
    elif where == "venue":
        minimal["venues"][0]["setup"] = "1e308 h"
    else:
        minimal["events"][0]["setup"] = "1e308 h"
    path = tmp_path / "setup.yaml"
    path.write_text(_yaml(minimal), encoding="utf-8")
    for command in ("validate", "clashes", "plan"):
        _validate(path, capsys, "setup", command=command)


def test_occurrence_over_62_days_message_has_no_placeholder(
    minimal: dict[str, Any], tmp_path: Path, capsys: Any
) -> None:
    minimal["events"][0]["occurrences"] = [{"start": "2024-06-01", "end": "2024-08-31"}]
    path = tmp_path / "long.yaml"
    path.write_text(_yaml(minimal), encoding="utf-8")
    err = _validate(path, capsys, "events[0].occurrences[0]", "plus de 62 jours")
    assert "{max_length}" not in err and "élément(s)" not in err


def test_thousand_copies_at_one_slot_make_one_group(
    minimal: dict[str, Any], tmp_path: Path, capsys: Any
) -> None:
    event = minimal["events"][0]
    minimal["events"] = [{**event, "id": f"copie-{i}"} for i in range(1000)]
    path = tmp_path / "copies.json"
    path.write_text(json.dumps(minimal), encoding="utf-8")
    out, _ = _run(["clashes", str(path), "--format", "json"], capsys, status=1)
    clashes = json.loads(out)["clashes"]
    # one venue, one organiser, one quartier-day and one podium (capacity 1): four groups
    assert sorted(c["rule"] for c in clashes) == ["ORGANISER", "QUARTIER", "RESOURCE", "VENUE"]
    for c in clashes:
        assert len(c["events"]) == 1000
    venue = next(c for c in clashes if c["rule"] == "VENUE")
    assert "1000 événements en même temps" in venue["message"]
    text, _ = _run(["clashes", str(path)], capsys, status=1)
    assert len(text.splitlines()) <= 1 + 2 * 4


def test_text_reports_are_bounded_and_say_what_they_left_out(
    minimal: dict[str, Any], tmp_path: Path, capsys: Any
) -> None:
    event = minimal["events"][0]
    events = []
    for i in range(60):  # 60 pairs at 60 venues: 60 venue clashes
        minimal["venues"].append({**minimal["venues"][1], "id": f"v{i}"})
        for k in range(2):
            organiser = minimal["organisers"][k]["id"]
            events.append(
                {
                    **event,
                    "id": f"e{i}-{k}",
                    "venue": f"v{i}",
                    "resources": [],
                    "organiser": organiser,
                }
            )
    minimal["events"] = events
    minimal["planning"] = {"quartier_max_per_day": None}
    for organiser in minimal["organisers"]:
        organiser["teams"] = 100
    path = tmp_path / "many.yaml"
    path.write_text(_yaml(minimal), encoding="utf-8")
    out, _ = _run(["clashes", str(path), "--max", "5"], capsys, status=1)
    lines = out.splitlines()
    assert lines[0].startswith("60 conflit")
    assert len(lines) == 1 + 2 * 5 + 1
    assert lines[-1] == "  … et 55 autres (--max 0 pour tout afficher)"
    out, _ = _run(["clashes", str(path), "--max", "0"], capsys, status=1)
    assert len(out.splitlines()) == 1 + 2 * 60
    out, _ = _run(["clashes", str(path)], capsys, status=1)
    assert out.splitlines()[-1] == "  … et 10 autres (--max 0 pour tout afficher)"


# --- messages and text ---------------------------------------------------------------------------


def test_very_long_timezone_names_the_input_file(
    minimal: dict[str, Any], tmp_path: Path, capsys: Any
) -> None:
    minimal["timezone"] = "Europe/" + "x" * 5000
    path = tmp_path / "tz.yaml"
    path.write_text(_yaml(minimal), encoding="utf-8")
    err = _validate(path, capsys, "timezone", "fuseau horaire inconnu")
    assert "File name too long" not in err and "tzdata" not in err
    assert len(err) < 1000


@pytest.mark.parametrize("field", ["title", "description", "activities"])
def test_control_characters_refused_and_never_printed(
    field: str, minimal: dict[str, Any], tmp_path: Path, capsys: Any
) -> None:
    evil = "E1 \x1b[2J\x1b[31mALIGNÉ\x1b[0m\r"
    minimal["events"][0][field] = [evil] if field == "activities" else evil
    path = tmp_path / "evil.yaml"
    path.write_text(_yaml(minimal), encoding="utf-8")
    for command in ("validate", "check", "footprint"):
        code = main([command, str(path)])
        out, err = capsys.readouterr()
        assert code == 2
        assert "\x1b" not in out + err and "\r" not in out + err
        assert "U+001B" in err and "events[0]." + field in err


def test_bidi_override_and_lone_surrogate_refused(
    minimal: dict[str, Any], tmp_path: Path, capsys: Any
) -> None:
    minimal["events"][0]["title"] = "abc\u202edcba"
    path = tmp_path / "bidi.json"
    path.write_text(json.dumps(minimal), encoding="utf-8")
    _validate(path, capsys, "events[0].title", "U+202E")
    minimal["events"][0]["title"] = SENTINEL
    path.write_text(json.dumps(minimal).replace(SENTINEL, "x\\ud800y"), encoding="utf-8")
    _validate(path, capsys, "events[0].title", "U+D800")


def test_footprint_json_is_always_valid_json(
    minimal: dict[str, Any], tmp_path: Path, capsys: Any
) -> None:
    minimal["events"][0]["footprint"] = {"energy": {"grid": "1e308 kWh"}}
    path = tmp_path / "fp.yaml"
    path.write_text(_yaml(minimal), encoding="utf-8")
    code = main(["footprint", str(path), "--format", "json", "--draws", "200"])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    if code == 0:

        def refuse(name: str) -> Any:
            raise AssertionError(f"{name} in the JSON output")

        json.loads(out, parse_constant=refuse)
    else:
        assert code == 2 and "grid" in err, err


# --- sizes, depth, aliases -------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["yaml", "json"])
def test_deep_nesting_refused(suffix: str, tmp_path: Path, capsys: Any) -> None:
    path = tmp_path / f"deep.{suffix}"
    body = "[" * 900 + "]" * 900
    path.write_text('{"season": 2024, "name": "x", "quartiers": ' + body + "}", encoding="utf-8")
    _validate(path, capsys, "imbrication trop profonde (au plus 64 niveaux")


@pytest.mark.parametrize("suffix", ["yaml", "json"])
def test_oversized_string_refused(suffix: str, tmp_path: Path, capsys: Any) -> None:
    path = tmp_path / f"long.{suffix}"
    path.write_text('{"season": 2024, "name": "' + "x" * 200_000 + '"}', encoding="utf-8")
    _validate(path, capsys, "texte trop long (200\u202f000 caractères, au plus 100\u202f000)")


def test_too_many_events_refused(minimal: dict[str, Any]) -> None:
    event = minimal["events"][0]
    minimal["events"] = [{**event, "id": f"e{i}"} for i in range(6)]
    with pytest.raises(ProgrammeFileError, match="trop d'événements \\(6, au plus 5"):
        loads_programme(json.dumps(minimal), "json", limits=Limits(max_events=5))


def test_file_size_bound(minimal: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text(json.dumps(minimal), encoding="utf-8")
    with pytest.raises(ProgrammeFileError, match="fichier trop gros"):
        load_programme(path, limits=Limits(max_bytes=100))


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero on this system")
def test_dev_zero_refused_fast(tmp_path: Path, capsys: Any) -> None:
    link = tmp_path / "zero.yaml"
    link.symlink_to("/dev/zero")
    _validate(link, capsys, "fichier trop gros (plus de 52428800 octets)")
    with Path("/dev/zero").open("rb") as zero:
        proc = subprocess.run(
            [sys.executable, "-m", "nqe_events.cli", "validate", "-"],
            stdin=zero,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert proc.returncode == 2, proc.stderr
    assert "fichier trop gros" in proc.stderr and "Traceback" not in proc.stderr


def test_programme_on_standard_input(minimal: dict[str, Any]) -> None:
    for text in (_yaml(minimal), json.dumps(minimal)):
        proc = subprocess.run(
            [sys.executable, "-m", "nqe_events.cli", "validate", "-"],
            input=text,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert proc.returncode == 0, proc.stderr
        assert "Fichier valide : -" in proc.stdout and "2 temps forts" in proc.stdout


BOMB = textwrap.dedent(
    """\
    season: 2024
    name: bombe
    a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
    b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
    c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
    d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
    e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
    f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
    g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
    h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
    i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
    j: &j [*i, *i, *i, *i, *i, *i, *i, *i, *i]
    """
)

LIMITED = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
from nqe_events.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS is enforced on Linux")
@pytest.mark.parametrize("command", ["validate", "clashes"])
def test_alias_bomb_refused_under_one_gib(command: str, tmp_path: Path) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(BOMB, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-c", LIMITED, command, str(path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "NQE_LANG": "fr"},
    )
    assert proc.returncode == 2, proc.stderr
    assert "alias" in proc.stderr and "trop grand" in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr and "MemoryError" not in proc.stderr


def test_small_aliases_still_work(minimal: dict[str, Any]) -> None:
    """Aliases within the bound are followed (a footprint block shared by two events)."""
    text = _yaml(minimal)
    text = text.replace("  rev3:\n", "  rev3: &rev3\n", 1)
    text += "x-unused: *rev3\n"
    with pytest.raises(ProgrammeValidationError, match="x-unused"):
        loads_programme(text)


# --- the Python API raises only the library's exceptions --------------------------------------------


def test_api_path_with_null_byte() -> None:
    with pytest.raises(ProgrammeFileError, match="chemin de fichier invalide"):
        load_programme("a\0.yaml")


def test_api_dump_to_unwritable_path(minimal: dict[str, Any], tmp_path: Path) -> None:
    p = programme_from_data(minimal)
    blocker = tmp_path / "fichier"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(ProgrammeFileError, match="écriture impossible"):
        dump_programme(p, blocker / "sous-dossier" / "p.yaml")
    with pytest.raises(ProgrammeFileError):
        dump_programme(p, tmp_path / "p\0.yaml")


def test_api_unknown_format_refused(minimal: dict[str, Any]) -> None:
    with pytest.raises(ProgrammeFileError, match="format « toml » inconnu"):
        loads_programme(_yaml(minimal), format="toml")  # type: ignore[arg-type]


@pytest.mark.parametrize("limit", [-1, 0, float("nan"), float("inf"), 10**9])
def test_api_plan_time_limit_checked(limit: float, minimal: dict[str, Any]) -> None:
    from nqe_events.calendar.planner import plan

    with pytest.raises(InputError, match="durée limite de planification invalide"):
        plan(programme_from_data(minimal), time_limit=limit)


@pytest.mark.parametrize(
    "text",
    [
        "season: [" * 3000,
        '{"a": ' * 5000,
        "- " * 5000 + "x",
        "&a [*a]",
        "a: *nowhere",
        "--- 1\n--- 2\n",
        "\ufeffseason: 2024",
        "season: 2024\x00",
    ],
)
def test_api_raises_only_library_exceptions(text: str) -> None:
    for fmt in ("yaml", "json"):
        with pytest.raises(NqeError):
            loads_programme(text, fmt)  # type: ignore[arg-type]
