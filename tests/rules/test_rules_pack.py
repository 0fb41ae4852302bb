"""Rule packs: the shipped seasons load; broken packs are refused with the line, the field and
what would be accepted (load_rules raises RulePackError, check_rule_pack reports)."""

from __future__ import annotations

from pathlib import Path

import pytest

from nqe_events.errors import RulePackError, UnknownItemError
from nqe_events.model import OrganiserKind
from nqe_events.rules import SCHEMA_VERSION, list_rule_packs, load_rules
from nqe_events.rules.loader import resolve_text
from nqe_events.testing import check_rule_pack

SHIPPED = ["nqe-2022", "nqe-2023", "nqe-2024"]


def test_shipped_packs() -> None:
    assert list_rule_packs() == SHIPPED


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_pack_passes_check_rule_pack(name: str) -> None:
    result = check_rule_pack(name)
    assert result.ok, result.to_text()
    assert "utilisable" in result.to_text("fr")
    pack = load_rules(name)
    assert pack.schema_version == SCHEMA_VERSION
    assert pack.sources and all(s.url.startswith("http") for s in pack.sources)
    assert pack.fil_rouge.id == "nos-quartiers-preparent-les-jeux"


def test_2024_marks_unconfirmed_rules_as_defaults() -> None:
    """domain.md: the 2024 technical rules were not found; period and eligibility are defaults."""
    pack = load_rules(2024)
    assert pack.confirmed is False
    assert pack.period.confirmed is False
    assert (pack.period.start.isoformat(), pack.period.end.isoformat()) == (
        "2024-07-01",
        "2024-08-31",
    )
    assert pack.eligibility.confirmed is False
    # 2022's period is documented (21 June - 20 September)
    p2022 = load_rules(2022).period
    assert p2022.confirmed is True
    assert (p2022.start.isoformat(), p2022.end.isoformat()) == ("2022-06-21", "2022-09-20")


def test_2024_pack_content_matches_the_reference_tables() -> None:
    pack = load_rules("nqe-2024")
    torch = {(d.date.isoformat(), d.departement, d.relay) for d in pack.games.torch_relay}
    assert torch == {
        ("2024-07-02", "59", "olympic"),
        ("2024-07-03", "62", "olympic"),
        ("2024-07-04", "80", "olympic"),
        ("2024-07-17", "02", "olympic"),
        ("2024-07-18", "60", "olympic"),
        ("2024-08-26", "80", "paralympic"),
    }
    kinds = {d.id: (d.kind, d.start.isoformat(), d.end.isoformat()) for d in pack.key_dates}
    assert kinds["jeux-olympiques-2024"] == ("olympic-games", "2024-07-26", "2024-08-11")
    assert kinds["jeux-paralympiques-2024"] == ("paralympic-games", "2024-08-28", "2024-09-08")
    holidays = sorted(d.start.isoformat() for d in pack.key_dates if d.kind == "public-holiday")
    assert holidays == ["2024-07-14", "2024-08-15"]
    values = {v.id for v in pack.games.values if v.games}
    assert values == {
        "excellence",
        "amitie",
        "respect",
        "courage",
        "determination",
        "inspiration",
        "egalite",
    }
    kinds_all = {k.value for k in OrganiserKind}
    elig = pack.eligibility
    assert {k.value for k in (*elig.eligible_kinds, *elig.conditional_kinds)} <= kinds_all
    # the Rev3 items used by programmes
    expected = {
        "tri-selectif",
        "gobelets-reutilisables",
        "circuits-courts",
        "anti-gaspillage",
        "mobilite-douce",
        "covoiturage",
        "eau-du-robinet",
        "energie-renouvelable",
        "eco-communication",
        "reemploi-materiel",
        "accessibilite",
        "vaisselle-reutilisable",
        "sensibilisation-environnement",
        "zero-plastique",
        "compostage",
    }
    assert set(pack.rev3_items) == expected
    thresholds = {c.id: c.threshold for c in pack.rev3.categories}
    assert thresholds["alimentation"] == ">= 50 %"
    assert thresholds["mobilite"] == ">= 80 %"
    terms = {t.term for t in pack.protected_terms.terms}
    assert {"JO", "Paris 2024", "olympiade", "jeux olympiques"} <= terms


def test_load_rules_accepts_season_id_path_and_pack(tmp_path: Path) -> None:
    pack = load_rules(2024)
    assert load_rules("2024") is pack
    assert load_rules("nqe-2024") is pack
    assert load_rules(pack) is pack
    assert load_rules(None) is pack
    text, _, _ = resolve_text("nqe-2024")
    path = tmp_path / "copy.toml"
    path.write_text(text, encoding="utf-8")
    assert load_rules(path).id == "nqe-2024"
    assert load_rules(str(path)).season == 2024


def test_unknown_season_suggests_the_shipped_ones() -> None:
    with pytest.raises(UnknownItemError) as info:
        load_rules(2031)
    assert "nqe-2024" in str(info.value)


# --- broken packs -------------------------------------------------------------------------------


def _pack(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "season.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _shipped_with(old: str, new: str) -> str:
    text, _, _ = resolve_text("nqe-2024")
    assert old in text, old
    return text.replace(old, new, 1)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(RulePackError) as info:
        load_rules(tmp_path / "absent.toml")
    assert "introuvable" in str(info.value)
    result = check_rule_pack(tmp_path / "absent.toml")
    assert not result.ok


def test_toml_syntax_error_gives_the_line(tmp_path: Path) -> None:
    path = _pack(tmp_path, 'schema_version = 1\nid = "x"\nseason = 2025\nname_fr = "oops\n')
    with pytest.raises(RulePackError) as info:
        load_rules(path)
    assert info.value.details[0].line == 4
    assert f"{path}:4" in str(info.value)
    result = check_rule_pack(path)
    assert not result.ok and result.problems[0].line == 4


def test_misspelt_field_gets_a_suggestion_and_its_line(tmp_path: Path) -> None:
    text = _shipped_with("principle_met_at = 0.75", "principle_mett_at = 0.75")
    path = _pack(tmp_path, text)
    result = check_rule_pack(path)
    assert not result.ok
    (problem,) = result.problems
    assert problem.path == "verdict.principle_mett_at"
    assert problem.hint_fr == "vouliez-vous dire « principle_met_at » ?"
    assert problem.line == text.splitlines().index("principle_mett_at = 0.75") + 1
    with pytest.raises(RulePackError):
        load_rules(path)


def test_unknown_check_id_is_reported_with_a_suggestion(tmp_path: Path) -> None:
    text = _shipped_with('check = "attendance"', 'check = "atendance"')
    result = check_rule_pack(_pack(tmp_path, text))
    (problem,) = result.problems
    assert problem.path.endswith(".check")
    assert "atendance" in problem.message_fr
    assert problem.hint_en == "did you mean 'attendance'?"
    assert problem.line == text.splitlines().index('check = "atendance"') + 1


def test_unknown_parameter_and_wrong_type(tmp_path: Path) -> None:
    text = _shipped_with(
        "params = { met_at = 150, partly_at = 50 }", 'params = { met_att = 150, partly_at = "50" }'
    )
    result = check_rule_pack(_pack(tmp_path, text))
    messages = {p.path.rsplit(".", 1)[-1]: p for p in result.problems}
    assert set(messages) == {"met_att", "partly_at"}
    assert messages["met_att"].hint_fr == "vouliez-vous dire « met_at » ?"
    assert "entier" in messages["partly_at"].message_fr


def test_thresholds_in_the_wrong_order(tmp_path: Path) -> None:
    text = _shipped_with(
        "params = { met_at = 150, partly_at = 50 }", "params = { met_at = 50, partly_at = 150 }"
    )
    result = check_rule_pack(_pack(tmp_path, text))
    (problem,) = result.problems
    assert "partly_at (150)" in problem.message_fr


def test_unknown_keyword_group_label_and_source(tmp_path: Path) -> None:
    text = _shipped_with("params = { met_at = 2 }", 'params = { met_at = 2, keywords = "valeurs" }')
    text = text.replace('sources = ["proprietes-olympiques"', 'sources = ["inconnue"', 1)
    result = check_rule_pack(_pack(tmp_path, text))
    found = " | ".join(p.message_fr for p in result.problems)
    assert "groupe de mots-clés « valeurs »" in found
    assert "source « inconnue »" in found


def test_ambiguous_variant_is_refused(tmp_path: Path) -> None:
    text = _shipped_with('variants = ["judoka"]', 'variants = ["judoka", "basket"]')
    result = check_rule_pack(_pack(tmp_path, text))
    assert any("basketball" in p.message_fr for p in result.problems)


def test_wrong_schema_version_and_organiser_kind(tmp_path: Path) -> None:
    text = _shipped_with("schema_version = 1", "schema_version = 7")
    text = text.replace("excluded_kinds = []", 'excluded_kinds = ["club"]', 1)
    result = check_rule_pack(_pack(tmp_path, text))
    paths = {p.path for p in result.problems}
    assert {"schema_version", "eligibility.excluded_kinds[0]"} <= paths
    schema = next(p for p in result.problems if p.path == "schema_version")
    assert schema.line == 9


def test_dates_must_be_toml_dates(tmp_path: Path) -> None:
    text = _shipped_with("start = 2024-07-01", 'start = "1er juillet"')
    result = check_rule_pack(_pack(tmp_path, text))
    (problem,) = result.problems
    assert problem.path == "period.start"


def test_verdict_rule_naming_an_unknown_principle(tmp_path: Path) -> None:
    text = _shipped_with('"participation", "rev3"]', '"participation", "rev-3"]')
    result = check_rule_pack(_pack(tmp_path, text))
    (problem,) = result.problems
    assert problem.path == "verdict.rules[5].principles_at_least_partly"


def test_extends_a_missing_parent(tmp_path: Path) -> None:
    path = _pack(tmp_path, 'extends = "parent.toml"\n')
    with pytest.raises(RulePackError) as info:
        load_rules(path)
    assert "parent.toml" in str(info.value)


def test_extends_itself_is_refused(tmp_path: Path) -> None:
    path = _pack(tmp_path, 'extends = "season.toml"\n')
    with pytest.raises(RulePackError):
        load_rules(path)


def test_raise_for_problems(tmp_path: Path) -> None:
    result = check_rule_pack(_pack(tmp_path, "nothing = true\n"))
    assert not result.ok
    assert "schema_version" in result.to_text("en")
    with pytest.raises(RulePackError):
        result.raise_for_problems()
    check_rule_pack("nqe-2024").raise_for_problems()  # no error


def test_extends_loop_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text('extends = "b.toml"\n', encoding="utf-8")
    (tmp_path / "b.toml").write_text('extends = "a.toml"\n', encoding="utf-8")
    with pytest.raises(RulePackError) as info:
        load_rules(tmp_path / "a.toml")
    assert "boucle" in str(info.value)
