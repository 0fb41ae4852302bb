"""Numbers read by people use the reader's decimal mark."""

from __future__ import annotations

import re

import nqe_events as nqe
from nqe_events._render import decimal


def test_decimal_mark_by_language() -> None:
    assert decimal(51.44, "fr") == "51,4"
    assert decimal(51.44, "en") == "51.4"
    assert decimal(2.0, "fr", digits=2) == "2,00"


def test_french_reports_use_decimal_commas() -> None:
    """Regression: the alignment summary and the plan summary printed "51.4/100" and "score
    souple 2.7" in French."""
    programme = nqe.load_example()
    text = nqe.check_programme(programme).to_text("fr") + nqe.plan(programme).to_text("fr")
    assert re.search(r"score moyen : \d+,\d/100", text)
    assert re.search(r"score souple \d+,\d", text)
    assert not re.search(r"score moyen : \d+\.\d", text)
    english = nqe.check_programme(programme).to_text("en")
    assert re.search(r"mean score: \d+\.\d/100", english)
