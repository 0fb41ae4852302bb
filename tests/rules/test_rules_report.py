"""Alignment reports: verdict and score by the rule written in the pack (hand-computed here),
programme summary, renderings (text, JSON validated against the published schema, HTML,
DataFrame)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import jsonschema
import pytest

import nqe_events as nqe
from nqe_events.model import Event, Programme
from nqe_events.rules import STATUSES, VERDICTS, alignment_report_schema
from rules_fixtures import RICH, build_programme

Make = Callable[..., tuple[Event, Programme]]


def _validate(payload: dict[str, Any]) -> None:
    schema = alignment_report_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(payload)


def test_rich_event_is_aligned_with_score_100(make: Make, qpv: Any) -> None:
    event, programme = make()
    report = nqe.check_alignment(event, programme=programme, qpv=qpv)
    assert (report.verdict, report.score, report.ok) == ("aligned", 100, True)
    assert all(c.status == "met" for c in report.criteria)
    assert repr(report) == "<AlignmentReport riche: aligned, score 100>"


def test_score_follows_the_weights_of_the_pack(make: Make) -> None:
    """Attendance 80 is 'partly met' (0.5 point, weight 1) in temps fort, whose other criteria
    weigh 2 + 2 + 1 and are met: share = 5.5 / 6. Four principles of weight 1:
    score = 100 × (1 + 5.5/6 + 1 + 1) / 4 = 97.9 → 98."""
    event, programme = make(expected_attendance=80)
    report = nqe.check_alignment(event, programme=programme)
    temps_fort = next(p for p in report.principles if p.id == "temps-fort")
    assert temps_fort.share == pytest.approx(5.5 / 6)
    assert temps_fort.status == "met"  # 0.9167 >= 0.75
    assert report.score == 98


def test_cannot_tell_is_left_out_of_the_share_and_counted_apart(make: Make) -> None:
    """No participation data: both participation criteria cannot tell (weights 2 and 1), the
    inter-quartier criterion (weight 1) is met: unknown share 3/4 >= 0.5 -> principle cannot
    tell; its share is that of the criterion it could judge (1.0), shown apart from the unknown
    share; a principle that cannot be judged is left out of the score."""
    event, programme = make(participation=None)
    report = nqe.check_alignment(event, programme=programme)
    p = next(p for p in report.principles if p.id == "participation")
    assert p.status == "cannot-tell"
    assert p.unknown_share == pytest.approx(0.75)
    assert p.share == pytest.approx(1.0)
    assert report.score == round(100 * (1 + 1 + 1) / 3)


def test_gate_not_met_makes_the_event_not_aligned(make: Make) -> None:
    """The 2022 period (21 June – 20 September, Familles de France) is confirmed with its source:
    an event before it is not aligned."""
    event, programme = make(occurrences=[{"start": "2022-06-15T14:00", "end": "2022-06-15T18:00"}])
    report = nqe.check_alignment(event, 2022, programme=programme)
    assert report.status("periode") == "not-met"
    assert report.criterion("periode").gate
    assert report.score >= 65  # the score alone would say aligned
    assert report.verdict == "not-aligned"
    assert not report.ok


def test_an_unconfirmed_period_advises_and_never_refuses(make: Make) -> None:
    """The 2024 July–August window is a default (2017 rule): an event of 28 June or 7 September
    gets a warning that says its date and the window in words, never « non aligné »."""
    for day, where in (("2024-06-28", "avant"), ("2024-09-07", "après")):
        event, programme = make(occurrences=[{"start": f"{day}T14:00", "end": f"{day}T18:00"}])
        report = nqe.check_alignment(event, programme=programme)
        result = report.criterion("periode")
        assert result.status == "not-met" and not result.gate
        assert report.verdict != "not-aligned"
        advice = result.advice_fr or ""
        assert f"{where} la période éligible du 1er juillet au 31 août 2024" in advice
        assert "non confirmée" in advice and "déplacez" not in advice
    event, programme = make(occurrences=[{"start": "2024-06-28T14:00", "end": "2024-06-28T18:00"}])
    advice = nqe.check_alignment(event, programme=programme).criterion("periode").advice_fr
    assert advice is not None and "vendredi 28 juin 2024" in advice


def test_weekly_routine_is_not_aligned(make: Make) -> None:
    occ = [
        {"start": f"2024-07-{d:02d}T14:00", "end": f"2024-07-{d:02d}T16:00"} for d in (3, 10, 17)
    ]
    event, programme = make(occurrences=occ)
    assert nqe.check_alignment(event, programme=programme).verdict == "not-aligned"


def test_sparse_event_cannot_tell(make: Make) -> None:
    event, programme = make(
        title="Après-midi",
        description=None,
        activities=None,
        themes=None,
        participation=None,
        rev3=None,
        labels=None,
        audiences=None,
        expected_attendance=None,
        occurrences=None,
        to_plan={"duration": "2 h"},
    )
    report = nqe.check_alignment(event, programme=programme)
    assert report.verdict == "cannot-tell"
    assert report.ok


def test_warnings_never_change_the_score(make: Make) -> None:
    clean, programme = make()
    flagged, programme2 = make(title="Olympiades du basket 3x3 et du cécifoot : la fête")
    a = nqe.check_alignment(clean, programme=programme)
    b = nqe.check_alignment(flagged, programme=programme2)
    assert b.status("termes-proteges") == "not-met"
    assert a.score == b.score
    assert [w.id for w in b.warnings] == ["termes-proteges"]


def test_texts_in_french_and_english(make: Make) -> None:
    event, programme = make(expected_attendance=80)
    report = nqe.check_alignment(event, programme=programme)
    fr = report.to_text()
    en = report.to_text("en")
    assert "verdict : aligné" in fr and "score 98/100" in fr
    assert "verdict: aligned" in en
    assert "Public attendu — en partie" in fr
    assert "Expected attendance — partly met" in en
    assert "Conseil : Public attendu : 80 personnes" in fr


def test_single_event_json_validates(make: Make) -> None:
    event, programme = make()
    report = nqe.check_alignment(event, programme=programme)
    payload = json.loads(report.to_json())
    _validate(payload)
    assert payload["report_version"] == 2 and payload["detail"] is False
    assert payload["events"][0]["criteria"]["discipline-des-jeux"] == "met"
    full = json.loads(report.to_json(detail=True))
    _validate(full)
    assert full["events"][0]["criteria"][0]["evidence"][0]["field"] == "title"


def test_programme_report_summary_is_counted_by_hand(make: Make) -> None:
    rich = dict(RICH)
    weekly = {
        **RICH,
        "id": "hebdo",
        "quartiers": ["faubourg"],
        "occurrences": [
            {"start": f"2024-07-{d:02d}T14:00", "end": f"2024-07-{d:02d}T16:00"}
            for d in (3, 10, 17)
        ],
    }
    late = {**RICH, "id": "tard", "occurrences": [{"start": "2024-09-07", "end": "2024-09-07"}]}
    programme = build_programme(rich, weekly, late)
    report = nqe.check_programme(programme)
    s = report.summary
    assert s["events"] == 3
    # 7 September is outside the default (unconfirmed) 2024 window: a warning, not a refusal
    assert s["verdicts"] == {"aligned": 2, "partly-aligned": 0, "not-aligned": 1, "cannot-tell": 0}
    assert s["criteria"]["pas-une-routine"] == {
        "met": 2,
        "partly-met": 0,
        "not-met": 1,
        "cannot-tell": 0,
    }
    assert s["criteria"]["periode"]["not-met"] == 1
    assert {f["id"] for f in s["most_failed"]} >= {"pas-une-routine", "periode"}
    assert s["by_departement"]["59"]["events"] == 2
    assert s["by_departement"]["80"] == {
        "events": 1,
        "aligned": 0,
        "partly-aligned": 0,
        "not-aligned": 1,
        "cannot-tell": 0,
        "mean_score": report.event("hebdo").score,
    }
    assert s["by_quartier"]["bourgogne"]["events"] == 2
    assert s["principles"]["fil-rouge"]["met"] == 3
    assert sum(s["statuses"].values()) == 3 * len(report.events[0].criteria)
    assert not report.ok
    # counts agree with their noun and labels (2 alignés, 1 non aligné)
    assert "3 événements : 2 alignés, 1 non aligné" in report.summary_text()
    assert "3 events: 2 aligned, 1 not aligned" in report.summary_text("en")
    _validate(report.to_dict())
    _validate(json.loads(report.to_json("en")))


def test_sample_programme_shows_every_status_and_validates() -> None:
    programme = nqe.load_example()
    report = nqe.check_programme(programme)
    statuses = report.summary["statuses"]
    assert all(statuses[s] > 0 for s in STATUSES), statuses
    verdicts = report.summary["verdicts"]
    # the sample reads like a real season: most projects fit, a few do not; none is left
    # without a description, so « données insuffisantes » need not appear
    assert all(verdicts[v] > 0 for v in VERDICTS if v != "cannot-tell"), verdicts
    assert verdicts["aligned"] > verdicts["partly-aligned"] > verdicts["not-aligned"], verdicts
    _validate(report.to_dict())
    # the sample's deliberate problems are found
    assert report.event("zumba-mercredi-sous-le-bois").status("pas-une-routine") == "not-met"
    assert report.event("olympiades-europe").status("termes-proteges") == "not-met"
    assert report.event("jardin-carrieres").status("discipline-des-jeux") == "not-met"
    assert report.event("bal-14-juillet-europe").status("jour-ferie") == "not-met"
    assert report.event("para-athletisme-laon").status("periode") == "not-met"


def test_html_and_dataframe(make: Make) -> None:
    event, programme = make(expected_attendance=10, title="Fête <b>du</b> basket 3x3")
    report = nqe.check_alignment(event, programme=programme)
    html = report._repr_html_()
    assert "&lt;b&gt;du&lt;/b&gt;" in html and "<b>du</b>" not in html
    assert 'class="nqe-bad"' in html
    df = report.to_dataframe(labels="keys")
    assert len(df) == len(report.criteria)
    assert set(df["status"]) <= set(STATUSES)
    preport = nqe.check_programme(programme)
    assert "<table" in preport._repr_html_()
    assert list(preport.to_dataframe(labels="keys")["event"]) == ["riche"]
    assert len(preport.to_dataframe(per="criterion")) == len(report.criteria)
    assert list(preport.to_dataframe()["temps fort"]) == ["riche"]  # French labels by default
    with pytest.raises(ValueError):
        preport.to_dataframe(per="quartier")


def test_check_programme_selected_events_and_unknown_id(make: Make) -> None:
    _, programme = make()
    assert len(nqe.check_programme(programme, events=["riche"])) == 1
    with pytest.raises(nqe.NqeError) as info:
        nqe.check_programme(programme, events=["rich"])
    assert "riche" in str(info.value)


def test_rules_default_to_the_programmes_rules_field(make: Make) -> None:
    _, programme = make()
    assert nqe.check_programme(programme).rules == "nqe-2024"
    other = programme.model_copy(update={"rules": "nqe-2022"})
    assert nqe.check_programme(other).rules == "nqe-2022"
