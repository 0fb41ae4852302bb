"""Spreadsheet CSV of events and the official QPV list."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from nqe_events.cli import main
from nqe_events.errors import ProgrammeFileError, ProgrammeValidationError, ReferenceListError
from nqe_events.io import (
    check_qpv_codes,
    dump_programme,
    load_qpv_list,
    merge_events_csv,
    parse_qpv_list,
    programme_from_data,
)

FRENCH_CSV = (
    "Identifiant;Titre;Porteur;Lieu;Quartiers;Thèmes;Activités;Début;Fin;Public attendu;"
    "Conception;Réalisation;Évaluation;Bénévoles;Budget total;Subvention Région\n"
    "fete-nord;Fête du quartier, édition 2;csc-nord;salle-nord;amiens-nord;culture, sport;"
    "boxe, concert;2024-07-12T18:00;2024-07-12T23:00;350;oui;oui;non;8;4 500,50;2000\n"
    "fete-nord;Fête du quartier, édition 2;csc-nord;salle-nord;amiens-nord;culture, sport;"
    "boxe, concert;2024-07-13T18:00;2024-07-13T23:00;350;oui;oui;non;8;4 500,50;2000\n"
    "tournoi;Tournoi de basket 3x3;sport-ensemble;city-stade-12;lens-cite-12|amiens-nord;sport;"
    "basket 3x3;2024-08-03;2024-08-04;;;;;;;\n"
)


def test_french_spreadsheet_csv(minimal: dict[str, Any]) -> None:
    base = programme_from_data(minimal)
    p = merge_events_csv(base, FRENCH_CSV, source="evenements.csv")
    fete = p.event("fete-nord")
    assert fete.title == "Fête du quartier, édition 2"
    assert [str(t) for t in fete.themes] == ["culture", "sport"]
    assert fete.activities == ("boxe", "concert")
    assert len(fete.occurrences) == 2
    assert fete.occurrences[1].start.astimezone(UTC) == datetime(2024, 7, 13, 16, 0, tzinfo=UTC)
    assert fete.participation is not None and fete.participation.evaluation is False
    assert fete.participation.volunteer_inhabitants == 8
    assert fete.budget is not None and str(fete.budget.total_eur) == "4500.50"
    tournoi = p.event("tournoi")
    assert tournoi.quartiers == ("lens-cite-12", "amiens-nord")
    assert tournoi.occurrences[0].all_day and len(tournoi.days) == 2
    assert len(p.events) == len(base.events) + 2


def test_csv_comma_separated_english_headers(minimal: dict[str, Any]) -> None:
    text = (
        "id,title,organiser,venue,quartiers,start,end\n"
        'x,"Concert; plein air",csc-nord,salle-nord,amiens-nord,2024-07-01T20:00,2024-07-01T22:00\n'
    )
    p = merge_events_csv(programme_from_data(minimal), text)
    assert p.event("x").title == "Concert; plein air"


def test_csv_unknown_header_suggests(minimal: dict[str, Any]) -> None:
    with pytest.raises(ProgrammeFileError) as info:
        merge_events_csv(programme_from_data(minimal), "id;titre;porteur;lieu;quartiers;debutt\n")
    assert "« debutt »" in str(info.value) and "vouliez-vous dire « Début »" in str(info.value)


def test_csv_missing_required_column(minimal: dict[str, Any]) -> None:
    with pytest.raises(ProgrammeFileError, match="« Lieu »"):
        merge_events_csv(programme_from_data(minimal), "id;titre;porteur;quartiers\n")


def test_csv_conflicting_rows_of_one_event(minimal: dict[str, Any]) -> None:
    text = (
        "id;titre;porteur;lieu;quartiers;debut;fin\n"
        "x;A;csc-nord;salle-nord;amiens-nord;2024-07-01T20:00;2024-07-01T22:00\n"
        "x;B;csc-nord;salle-nord;amiens-nord;2024-07-02T20:00;2024-07-02T22:00\n"
    )
    with pytest.raises(ProgrammeValidationError) as info:
        merge_events_csv(programme_from_data(minimal), text)
    assert (info.value.details[0].line, info.value.details[0].column) == (3, "titre")


def test_csv_bad_value_gives_line_and_path(minimal: dict[str, Any]) -> None:
    text = (
        "id;titre;porteur;lieu;quartiers;debut;fin\n"
        "x;A;csc-nord;salle-nord;amiens-nord;2024-07-01T20:00;2024-07-01T22:00\n"
        "y;B;csc-nrd;salle-nord;amiens-nord;2024-07-02T20:00;2024-07-02T22:00\n"
    )
    with pytest.raises(ProgrammeValidationError) as info:
        merge_events_csv(programme_from_data(minimal), text, source="e.csv")
    (detail,) = info.value.details
    assert (detail.line, detail.column) == (3, "porteur")
    assert "csc-nord" in detail.message_fr
    assert detail.render("fr", "e.csv").startswith("e.csv, ligne 3, colonne « porteur » : ")


def test_cli_validate_csv_with_base(
    minimal: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = dump_programme(programme_from_data(minimal), tmp_path / "base.yaml")
    csv_path = tmp_path / "e.csv"
    csv_path.write_text(FRENCH_CSV, encoding="utf-8")
    assert main(["validate", str(csv_path), "--base", str(base), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["summary"]["events"] == 4


QPV_CSV = "code_qp;lib_qp;commune_qp\nQN06201A;Quartier A;Lens\nQN08002B;Quartier B;Amiens, Camon\n"


def test_qpv_csv_and_membership(minimal: dict[str, Any]) -> None:
    qpv = parse_qpv_list(QPV_CSV, source="qpv.csv")
    assert len(qpv) == 2 and "QN06201A" in qpv and "qn06201a" in qpv
    rec = qpv.get("QN08002B")
    assert rec is not None and rec.communes == ("Amiens", "Camon") and rec.generation == 2024
    minimal["quartiers"][0]["qpv_code"] = "QN06201A"
    minimal["quartiers"][1]["qpv_code"] = "QN08099Z"
    findings = check_qpv_codes(programme_from_data(minimal), qpv)
    assert [f.path for f in findings] == ["quartiers[1].qpv_code"]


def test_qpv_2015_code_in_2024_season_is_flagged(minimal: dict[str, Any]) -> None:
    qpv = parse_qpv_list("code_qp,lib_qp\nQP062001,Ancien\n")
    minimal["quartiers"][0]["qpv_code"] = "QP062001"
    (finding,) = check_qpv_codes(programme_from_data(minimal), qpv)
    assert "géographie 2015" in finding.message_fr


def test_qpv_geojson(tmp_path: Path) -> None:
    data = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"Code_QP": "QN05901C", "Lib_QP": "C"},
                "geometry": None,
            }
        ],
    }
    path = tmp_path / "qpv.geojson"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert "QN05901C" in load_qpv_list(path)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("nom;commune\nA;Lens\n", "code_qp"),
        ("code_qp\nXX\n", "aucun code QPV valide"),
        ('{"type": "FeatureCollection"}', "features"),
        ("{broken", "GeoJSON illisible"),
        ("", "vide"),
    ],
)
def test_bad_qpv_files(text: str, expected: str) -> None:
    with pytest.raises(ReferenceListError, match=expected):
        parse_qpv_list(text, source="qpv.csv")


def test_cli_validate_with_qpv_reports_unknown_codes(
    minimal: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    minimal["quartiers"][0]["qpv_code"] = "QN06299Z"
    path = dump_programme(programme_from_data(minimal), tmp_path / "p.yaml")
    qpv = tmp_path / "qpv.csv"
    qpv.write_text(QPV_CSV, encoding="utf-8")
    assert main(["validate", str(path), "--qpv", str(qpv)]) == 1
    assert "QN06299Z n'est pas dans la liste officielle" in capsys.readouterr().out
