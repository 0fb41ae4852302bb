"""``nqe-events check``: exit 0 when every event is aligned (or partly), 1 when one is not,
2 for unusable input (programme or rule file); JSON output valid against the schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from nqe_events.cli import main
from nqe_events.io import dump_programme
from nqe_events.rules import alignment_report_schema
from rules_fixtures import QPV_CSV, RICH, build_programme

SEASON_2025 = Path(__file__).resolve().parents[1] / "data" / "rules" / "nqe-2025.toml"


def _write(tmp_path: Path, *events: dict[str, object]) -> Path:
    path = tmp_path / "programme.yaml"
    dump_programme(build_programme(*events), path)
    return path


def test_aligned_programme_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, RICH)
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Événement riche" in out and "aligné" in out and "Synthèse" in out


def test_not_aligned_exits_1_and_json_validates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    weekly = [
        {"start": f"2024-07-{d:02d}T14:00", "end": f"2024-07-{d:02d}T16:00"} for d in (3, 10, 17)
    ]
    late = {**RICH, "id": "tard", "occurrences": weekly}
    path = _write(tmp_path, RICH, late)
    assert main(["check", str(path), "--format", "json"]) == 1
    payload = json.loads(capsys.readouterr().out)
    jsonschema.Draft202012Validator(alignment_report_schema()).validate(payload)
    assert [e["verdict"] for e in payload["events"]] == ["aligned", "not-aligned"]
    assert payload["season"] == 2024 and payload["rules"] == "nqe-2024"
    # one event only
    assert main(["check", str(path), "--event", "riche", "--format", "json"]) == 0
    assert [e["id"] for e in json.loads(capsys.readouterr().out)["events"]] == ["riche"]


def test_rules_option_season_and_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, RICH)
    # the 2022 rules: an event of July 2024 is outside the 2022 period -> not aligned
    assert main(["check", str(path), "--rules", "2022", "--format", "json"]) == 1
    assert json.loads(capsys.readouterr().out)["rules"] == "nqe-2022"
    assert main(["check", str(path), "--rules", "nqe-2024"]) == 0
    capsys.readouterr()
    # the 2025 file: July 2024 is outside its period, an unconfirmed rule -> a warning only
    assert main(["check", str(path), "--rules", str(SEASON_2025), "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["rules"] == "nqe-2025"
    assert payload["events"][0]["criteria"]["periode"] == "not-met"


def test_qpv_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, RICH)
    qpv = tmp_path / "qpv.csv"
    qpv.write_text(QPV_CSV, encoding="utf-8")
    assert main(["check", str(path), "--qpv", str(qpv), "--format", "json"]) == 0
    criteria = json.loads(capsys.readouterr().out)["events"][0]["criteria"]
    assert criteria["quartier-qpv"] == "met"
    # --details: every criterion with its evidence, valid against the same schema
    assert main(["check", str(path), "--qpv", str(qpv), "--format", "json", "--details"]) == 0
    payload = json.loads(capsys.readouterr().out)
    jsonschema.Draft202012Validator(alignment_report_schema()).validate(payload)
    qpv_result = next(c for c in payload["events"][0]["criteria"] if c["id"] == "quartier-qpv")
    assert qpv_result["status"] == "met" and qpv_result["evidence"][0]["text"].startswith("« ")


@pytest.mark.parametrize(
    ("rules", "expected"),
    [
        ("2031", "aucune règle livrée"),
        ("absent.toml", "introuvable"),
        ("broken.toml", "ligne 2"),
    ],
)
def test_bad_rules_exit_2_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], rules: str, expected: str
) -> None:
    path = _write(tmp_path, RICH)
    (tmp_path / "broken.toml").write_text('schema_version = 1\nid = "x\n', encoding="utf-8")
    target = rules if rules == "2031" else str(tmp_path / rules)
    assert main(["check", str(path), "--rules", target]) == 2
    err = capsys.readouterr().err
    assert expected in err or expected.replace("ligne 2", ":2") in err
    assert "Traceback" not in err


def test_unknown_event_and_bad_programme_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, RICH)
    assert main(["check", str(path), "--event", "rich"]) == 2
    assert "riche" in capsys.readouterr().err
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump({"season": 2024}), encoding="utf-8")
    assert main(["check", str(bad)]) == 2


def test_english_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, {**RICH, "expected_attendance": 10})
    assert main(["--lang", "en", "check", str(path), "--all"]) == 0
    out = capsys.readouterr().out
    assert "Expected attendance — not met" in out
    assert "Summary" in out


def test_demo_writes_alignment_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_dir = tmp_path / "demo"
    assert main(["demo", "-o", str(out_dir)]) == 0
    payload = json.loads((out_dir / "alignment.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(alignment_report_schema()).validate(payload)
    assert payload["summary"]["events"] == len(payload["events"]) > 0
    assert "alignment.json" in capsys.readouterr().out


def test_rules_named_in_the_programme_are_found_beside_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """docs/how-to/season-rules.md: a programme saying ``rules: nqe-2025`` uses nqe-2025.toml
    from the programme's folder when that season is not shipped."""
    programme = build_programme(
        {**RICH, "occurrences": [{"start": "2025-06-20T14:00", "end": "2025-06-20T20:00"}]}
    ).model_copy(update={"season": 2025, "rules": "nqe-2025"})
    path = tmp_path / "programme.yaml"
    dump_programme(programme, path)
    (tmp_path / "nqe-2025.toml").write_text(SEASON_2025.read_text(encoding="utf-8"), "utf-8")
    assert main(["check", str(path), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["rules"] == "nqe-2025"
    (tmp_path / "nqe-2025.toml").unlink()
    assert main(["check", str(path)]) == 2  # no such season shipped, no file beside it
    assert "nqe-2025" in capsys.readouterr().err
