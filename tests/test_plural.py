"""Plural agreement: « 1 daté », « 13 datés », « 0 conflit » / "0 clashes", "1 clash"."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nqe_events._render import plural, plural_format
from nqe_events.calendar import messages as M
from nqe_events.cli.validate import summary_text


@pytest.mark.parametrize(
    ("count", "lang", "expected"),
    [
        (0, "fr", "0 daté"),
        (1, "fr", "1 daté"),
        (2, "fr", "2 datés"),
        (13, "fr", "13 datés"),
        (12345, "fr", "12\u202f345 datés"),
        (0, "en", "0 dated"),  # the English word does not change; the rule is checked below
    ],
)
def test_plural_fr(count: int, lang: str, expected: str) -> None:
    word = "daté" if lang == "fr" else "dated"
    many = "datés" if lang == "fr" else "dated"
    assert plural(count, word, many, lang) == expected


@pytest.mark.parametrize(
    ("count", "expected"),
    [(0, "0 clashes"), (1, "1 clash"), (2, "2 clashes"), (1000, "1,000 clashes")],
)
def test_plural_en(count: int, expected: str) -> None:
    assert plural(count, "clash", "clashes", "en") == expected


@given(st.integers(min_value=0, max_value=10**6))
def test_french_singular_below_two_english_singular_at_one(n: int) -> None:
    assert plural_format("{n:~lieu|lieux}", "fr", n=n).endswith("lieu" if n < 2 else "lieux")
    assert plural_format("{n:~venue}", "en", n=n).endswith("venue" if n == 1 else "venues")


def test_catalogue_texts_agree() -> None:
    assert M.text("clashes.some", "fr", k=1, n=2) == "1 conflit parmi 2 événements :"
    assert M.text("clashes.some", "fr", k=3, n=1) == "3 conflits parmi 1 événement :"
    assert M.text("clashes.some", "en", k=1, n=12) == "1 clash among 12 events:"
    assert M.text("why.blocked", "fr", k=1, n=4) == "1 créneau bloqué sur 4"


def test_validate_summary_agrees() -> None:
    summary = {
        "name": "Saison", "season": 2024, "events": 1, "dated": 1, "to_plan": 0, "quartiers": 1,
        "communes": 13, "departements": ["59"], "organisers": 1, "venues": 2, "resources": 0,
        "expected_attendance": 1,
    }  # fmt: skip
    text = summary_text(summary, "fr")
    assert "1 temps fort : 1 daté, 0 à planifier" in text
    assert "1 quartier, 13 communes, département 59" in text
    assert "1 porteur, 2 lieux, 0 ressource partagée" in text
    assert "public attendu : 1 personne" in text
    english = summary_text(summary, "en")
    assert "1 organiser, 2 venues, 0 shared resources" in english and "1 person" in english


def test_alignment_texts_agree() -> None:
    from nqe_events.rules import messages as R

    assert R.text("events_n", "fr", n=1) == "1 événement"
    assert R.text("events_n", "fr", n=55) == "55 événements"
    assert R.text("events_n", "en", n=1) == "1 event"
    assert R.text("aligned_n", "fr", n=3) == "3 alignés"
    assert R.counted(1, "partiellement aligné", "fr") == "1 partiellement aligné"
    assert R.counted(6, "partiellement aligné", "fr") == "6 partiellement alignés"
    assert R.counted(6, "en partie", "fr") == "6 en partie"
    assert R.counted(6, "partly aligned", "en") == "6 partly aligned"
    rev3 = R.advice("rev3-measures.partly-met", "fr", {"found": 1, "suggest": "x"})
    assert rev3 is not None and rev3.startswith("1 mesure écoresponsable ;")
    rev3 = R.advice("rev3-measures.partly-met", "fr", {"found": 2, "suggest": "x"})
    assert rev3 is not None and rev3.startswith("2 mesures écoresponsables ;")
    terms = R.advice("protected-terms.partly-met", "fr", {"found": "« JO »", "n": 1})
    assert terms is not None and terms.startswith("Dans la description, 1 terme protégé : « JO »")
    terms = R.advice("protected-terms.partly-met", "en", {"found": "'JO', 'JOP'", "n": 2})
    assert terms is not None and terms.startswith("In the description, 2 protected terms:")
    assert R.days_text([date(2024, 7, d) for d in (1, 3, 5, 7, 9)], "fr").endswith(
        "et 1 autre jour"
    )
    assert R.days_text([date(2024, 7, d) for d in (1, 3, 5, 7, 9, 11)], "en").endswith(
        "and 2 more days"
    )


def test_ics_texts_agree() -> None:
    import nqe_events as nqe
    from nqe_events.calendar.ics import export_ics, import_ics

    programme = nqe.load_example()
    kept = [e for e in programme.events if e.occurrences][:1]
    one = export_ics(programme.with_events(kept))
    n = len(kept[0].occurrences)
    entries = "1 entrée VEVENT" if n == 1 else f"{n} entrées VEVENT"
    assert one.to_text("fr") == f"1 événement, {entries}"
    assert one.to_text("en").startswith("1 event, ")
    feed = one.data.replace(
        b"END:VCALENDAR", b"BEGIN:VTODO\r\nUID:t1\r\nSUMMARY:x\r\nEND:VTODO\r\nEND:VCALENDAR"
    )
    report = import_ics(feed)
    message = next(w for w in report.warnings if w.code == "other_component")
    assert message.render("fr") == "VTODO : 1 composant ignoré (seuls les VEVENT sont lus)"
    assert message.render("en") == "VTODO: 1 component ignored (only VEVENT is read)"
    page = report._repr_html_()
    assert "Import ICS : 1 événement lu, 1 avertissement" in page


def test_validation_messages_agree() -> None:
    import json

    import nqe_events as nqe
    from nqe_events.errors import ProgrammeValidationError

    data = nqe.load_example().model_dump(mode="json")
    data["events"][0]["quartiers"] = []
    with pytest.raises(ProgrammeValidationError) as caught:
        nqe.loads_programme(json.dumps(data), format="json")
    fr, en = caught.value.render("fr"), caught.value.render("en")
    assert fr.startswith("programme invalide : 1 problème à corriger")
    assert "liste trop courte : au moins 1 élément" in fr and "élément(s)" not in fr
    assert en.startswith("invalid programme: 1 problem to fix")
    assert "list too short: at least 1 item" in en and "item(s)" not in en
