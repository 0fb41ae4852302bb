"""French mode speaks French (issue 10, item 6): the text, HTML and JSON labels of the check on the
sample programme (and on the labelled evaluation set when present) hold no English word, no
internal token and no field path; « (valeur par défaut, non confirmée) » is said once per report."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import nqe_events as nqe
from nqe_events.rules import load_rules

#: words and tokens that must not reach a French reader
FORBIDDEN = [
    "default",
    "not confirmed",
    "category",
    "true",
    "false",
    "none",
    "null",
    "partly",
    "cannot tell",
    "not met",
    "evidence",
    "advice",
    "matched",
    "→",
    "=",
]
FIELD_PATH = re.compile(
    r"\b[a-z_]+\[\d+\]|\b[a-z]+_[a-z_]+\b|\b(?:participation|venue|quartiers|organisers)\.[a-z]"
)
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")

ALIGNMENT_SET = Path(__file__).resolve().parents[1] / "data" / "alignment"


def _internal_ids() -> set[str]:
    """Ids of the packs that must be said in words (criteria, checks, Rev3 items, labels…)."""
    ids: set[str] = set()
    for season in (2022, 2023, 2024):
        pack = load_rules(season)
        ids |= {c.id for _, c in pack.criteria} | {c.check for _, c in pack.criteria}
        ids |= {i.id for i in pack.rev3.items} | {c.id for c in pack.rev3.categories}
        ids |= {t.id for t in pack.games.labels} | {s.id for s in pack.games.synonyms}
        ids |= {p.id for p in pack.principles}
    return {i for i in ids if "-" in i}


def _strip_user_words(text: str, programme: Any) -> str:
    """The programme's own words (ids, titles, names, descriptions) are the organiser's, not
    ours: leave them out of the scan."""
    own: list[str] = []
    for e in programme.events:
        own += [e.id, e.title, e.description, *e.activities, *e.labels, *e.rev3]
    for q in programme.quartiers:
        own += [q.id, q.name]
    for o in programme.organisers:
        own += [o.id, o.name]
    for v in programme.venues:
        own += [v.id, v.name]
    for word in sorted({w for w in own if w}, key=len, reverse=True):
        text = text.replace(word, " ")
    return text


def _json_texts(payload: Any) -> Iterator[str]:
    """Every string value of the JSON meant for readers (ids and statuses are for programs)."""
    machine = {
        "id",
        "status",
        "verdict",
        "rules",
        "field",
        "found",
        "matched",
        "role",
        "strength",
        "principle",
    }
    if isinstance(payload, dict):
        for key, value in payload.items():
            if key in ("principles", "criteria") and isinstance(value, dict):
                continue  # {id: status}
            if key in ("quartiers", "departements", "summary"):
                continue
            if key in machine and isinstance(value, str):
                continue
            yield from _json_texts(value)
    elif isinstance(payload, list):
        for item in payload:
            yield from _json_texts(item)
    elif isinstance(payload, str):
        yield payload


def _problems(text: str, ids: set[str]) -> list[str]:
    low = text.lower()
    found = [w for w in FORBIDDEN if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", low)]
    found += FIELD_PATH.findall(text)
    found += ISO_DATE.findall(text)
    found += [i for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text)]
    return found


def _programmes() -> Iterator[tuple[str, Any]]:
    yield "sample", nqe.load_example()
    if ALIGNMENT_SET.is_dir():
        for path in sorted(ALIGNMENT_SET.glob("*.yaml")):
            try:
                yield path.name, nqe.load_programme(path)
            except nqe.NqeError:
                continue  # label files, not programmes


@pytest.mark.parametrize(("name", "programme"), list(_programmes()))
def test_french_renderings_hold_no_english_or_internal_token(name: str, programme: Any) -> None:
    ids = _internal_ids()
    report = nqe.check_programme(programme, lang="fr")
    renderings = {
        "text": report.to_text("fr", all_criteria=True),
        "html": html.unescape(re.sub(r"<[^>]+>", " ", report._repr_html_())),
        "event html": " ".join(
            html.unescape(re.sub(r"<[^>]+>", " ", r._repr_html_())) for r in report.events
        ),
        "json": "\n".join(_json_texts(json.loads(report.to_json("fr")))),
        "json details": "\n".join(_json_texts(json.loads(report.to_json("fr", detail=True)))),
    }
    for kind, text in renderings.items():
        cleaned = _strip_user_words(text, programme)
        # the CSS of the HTML table is not text for readers
        cleaned = re.sub(r"\.nqe-[\w-]+\s*\{[^}]*\}", " ", cleaned)
        assert _problems(cleaned, ids) == [], (name, kind)


def test_the_default_note_is_said_once_per_report() -> None:
    report = nqe.check_programme(nqe.load_example(), lang="fr")
    text = report.to_text("fr", all_criteria=True)
    assert text.count("valeur par défaut, non confirmée") == 1
    assert "Dates dans la période éligible" in text.split("valeur par défaut, non confirmée")[1]
    payload = json.loads(report.to_json("fr"))
    assert "Dates dans la période éligible" in payload["defaults"]
    # (an event outside the default window is told so in its own advice, once)
    assert "valeur par défaut" not in json.dumps(payload["events"], ensure_ascii=False)


def test_english_mode_speaks_english() -> None:
    report = nqe.check_programme(nqe.load_example(), lang="en")
    text = report.to_text("en", all_criteria=True)
    for word in ("respecté", "impossible à dire", "valeur par défaut", "Conseil", "aucun"):
        assert word not in text
    assert "default value, not confirmed" in text


def test_without_a_qpv_list_the_summary_says_what_would_decide() -> None:
    report = nqe.check_programme(nqe.load_example(), lang="fr")
    summary = report.summary_text("fr")
    assert "Liste officielle des QPV non chargée : éligibilité des quartiers non vérifiée" in (
        summary
    )
    assert "Éligibilité : 0" not in summary
