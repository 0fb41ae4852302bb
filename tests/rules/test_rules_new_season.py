"""A 2025 season written only from docs/rules.md loads and changes verdicts with no code change."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from nqe_events.rules import check_alignment, check_programme, load_rules
from nqe_events.testing import check_rule_pack
from rules_fixtures import BASE

SEASON_2025 = Path(__file__).resolve().parents[1] / "data" / "rules" / "nqe-2025.toml"

EVENT: dict[str, Any] = {
    "id": "fete-juin",
    "title": "Fête du basket 3x3",
    "description": "Tournoi de basket 3x3 dans le respect, l'héritage des Jeux.",
    "organiser": "collectif",
    "venue": "city-stade",
    "quartiers": ["bourgogne"],
    "occurrences": [{"start": "2025-06-20T14:00", "end": "2025-06-20T20:00"}],
    "expected_attendance": 300,
}


def _programme(**changes: Any) -> Any:
    from nqe_events.model import Programme

    return Programme.model_validate(
        {**BASE, "season": 2025, "rules": None, "events": [{**EVENT, **changes}]}
    )


def test_the_2025_file_passes_check_rule_pack() -> None:
    result = check_rule_pack(SEASON_2025)
    assert result.ok, result.to_text()
    pack = load_rules(SEASON_2025)
    assert (pack.id, pack.season, pack.fil_rouge.id) == ("nqe-2025", 2025, "heritage-des-jeux")
    assert [p.id for p in pack.principles] == [
        "heritage",
        "temps-fort",
        "eligibilite",
        "avertissements",
    ]


def test_the_2025_file_changes_verdicts() -> None:
    programme = _programme()
    event = programme.events[0]
    # 2024 rules: June 2025 is outside the period and a residents' collective alone is only
    # conditionally eligible; both rules are unconfirmed defaults -> advice, not a refusal
    old = check_alignment(event, 2024, programme=programme)
    assert old.status("periode") == "not-met"
    assert old.status("porteur-eligible") == "partly-met"
    assert not old.criterion("periode").gate
    assert old.verdict != "not-aligned"
    # 2025 rules: wider period, collectives eligible, its own criteria and thresholds
    new = check_alignment(event, SEASON_2025, programme=programme)
    assert new.rules == "nqe-2025"
    assert [c.id for c in new.criteria] == [
        "sport-des-jeux",
        "valeurs",
        "public",
        "periode",
        "porteur",
        "ferie",
    ]
    assert new.status("periode") == "met"
    assert new.status("porteur") == "met"
    assert new.status("valeurs") == "met"  # one value is enough with met_at = 1
    assert new.status("public") == "partly-met"  # 300 < 500
    assert new.criterion("public").advice_fr == "En 2025, un temps fort vise 500 personnes."
    # score by the 2025 rule: heritage share 1.0 (weight 2), temps-fort share 0.6 (weight 1)
    assert new.score == round(100 * (2 * 1.0 + 1 * 0.6) / 3)
    assert new.verdict == "aligned"


def test_the_2025_file_excludes_a_kind_and_uses_its_holidays() -> None:
    from nqe_events.model import Programme

    data = {**BASE, "season": 2025, "rules": None}
    data["organisers"] = [
        *BASE["organisers"],
        {"id": "lycee", "name": "Lycée", "kind": "etablissement-public"},
    ]
    data["events"] = [
        {
            **EVENT,
            "organiser": "lycee",
            "occurrences": [{"start": "2025-07-14", "end": "2025-07-14"}],
        }
    ]
    programme = Programme.model_validate(data)
    report = check_programme(programme, SEASON_2025)
    r = report.events[0]
    assert r.status("porteur") == "not-met"
    assert r.status("ferie") == "not-met"
    assert r.verdict == "not-aligned"
    assert not report.ok


def test_extending_a_shipped_season(tmp_path: Path) -> None:
    child = tmp_path / "nqe-2025-light.toml"
    child.write_text(
        'extends = "nqe-2024"\nid = "nqe-2025-light"\nseason = 2025\n'
        "[period]\nstart = 2025-07-01\nend = 2025-08-31\nconfirmed = true\n",
        encoding="utf-8",
    )
    assert check_rule_pack(child).ok
    pack = load_rules(child)
    assert pack.period.confirmed and pack.period.start.year == 2025
    assert pack.period.sources == ("nqe-2017", "region-nqe-2024")  # merged key by key
    assert len(pack.games.sports) == 54  # inherited
