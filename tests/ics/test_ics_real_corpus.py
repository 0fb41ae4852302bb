"""Done-when (issue 12): the real-world corpus is imported like icalendar + recurring_ical_events
read it.

Each file of tests/data/ics-real/PROVENANCE.toml (extracted by ``make ics-corpus`` into
.cache/ics-corpus/) goes through the public importer with its season; the reference
(tests/ics_reference.py) reads the same bytes over the same window. Imported files must give the
same count and the same UTC starts; skipped events and refused files must carry the French reason
written in tests/ics_corpus_expected.py from reading the file.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml

from ics_corpus import (
    MAKE_TARGET,
    corpus_dir,
    imported_starts,
    load_provenance,
    problems,
    skip_warnings,
)
from ics_corpus_expected import EXPECTED, Expect
from ics_french import assert_french
from ics_reference import ReferenceReading, reference_read
from nqe_events.calendar.ics import import_file
from nqe_events.errors import IcsError

PROVENANCE = load_provenance()
NAMES = [f.name for f in PROVENANCE.files]
ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture(scope="module")
def corpus() -> Path:
    """The extracted corpus; its absence is a failure (never a skip): CI runs the make target."""
    found = problems()
    if found:
        pytest.fail(
            f"corpus ICS réel absent ou incomplet dans {corpus_dir()} : lancez `{MAKE_TARGET}`\n"
            + "\n".join(found[:10]),
            pytrace=False,
        )
    return corpus_dir()


def _expected_starts(reading: ReferenceReading, expect: Expect) -> Counter[str]:
    return reading.starts(without=frozenset(expect.skipped))


def test_corpus_size_and_producers() -> None:
    """At least 40 files, from many producers, each with an expectation and vice versa."""
    assert len(NAMES) >= 40
    assert set(NAMES) == set(EXPECTED)
    families = {
        key
        for f in PROVENANCE.files
        for key in (
            "google",
            "outlook",
            "exchange",
            "mozilla",
            "sabredav",
            "ical4j",
            "cyrus",
            "evolution",
            "khal",
            "confluence",
            "plone",
            "calendar labs",
            "etar",
            "icalcreator",
        )
        if key in f.producer.lower() or (key == "etar" and "offline calendar" in f.producer.lower())
    }
    assert len(families) >= 12, families
    outcomes = Counter(e.outcome for e in EXPECTED.values())
    assert outcomes["imported"] >= 40, outcomes


@pytest.mark.parametrize("name", NAMES)
def test_real_file_matches_reference(corpus: Path, name: str) -> None:
    expect = EXPECTED[name]
    path = corpus / PROVENANCE.file(name).filename
    reading = reference_read(path.read_bytes(), expect.season)
    assert reading.ok, f"the reference cannot parse {name}: {reading.error}"
    if expect.outcome == "refused":
        with pytest.raises(IcsError) as caught:
            import_file(path, season=expect.season)
        message = caught.value.render("fr")
        assert_french(message)
        assert expect.reason is not None
        assert re.search(expect.reason, message), (
            f"{name}: refused, but not for « {expect.reason} » : {message}"
        )
        return
    # groups the reference itself could not expand must be expected skips, not silent gaps
    assert set(reading.refused) <= set(expect.skipped), (name, reading.refused)
    try:
        result = import_file(path, season=expect.season)
    except IcsError as exc:
        pytest.fail(
            f"{name} refused, expected {expect.outcome} ({expect.why}); "
            f"the reference reads {reading.count} occurrence(s):\n{exc.render('fr')[:1500]}",
            pytrace=False,
        )
    for w in result.warnings:
        assert_french(w.render("fr"))
    ours = imported_starts(result)
    wanted = _expected_starts(reading, expect)
    assert sum(ours.values()) == sum(wanted.values()), (
        f"{name}: {sum(ours.values())} occurrence(s) imported, the reference reads "
        f"{sum(wanted.values())}; missing {sorted((wanted - ours).elements())[:5]}, "
        f"extra {sorted((ours - wanted).elements())[:5]}"
    )
    assert ours == wanted, (
        f"{name}: other starts than the reference: missing {sorted((wanted - ours).elements())[:5]}, "
        f"extra {sorted((ours - wanted).elements())[:5]}"
    )
    # what was imported makes a valid programme of that season (any year the model holds)
    programme = result.to_programme(season=expect.season)
    assert programme.season == expect.season
    assert sum(len(e.occurrences) for e in programme.events) == sum(ours.values())
    skips = skip_warnings(result)
    if expect.outcome == "imported":
        assert not skips, [w.render("fr") for w in skips]
    else:
        texts = [w.render("fr") for w in skips]
        for group, pattern in expect.skipped.items():
            uid = None if group.startswith("#") else group
            assert any(
                re.search(pattern, t) and (uid is None or uid in t or w.event == uid)
                for w, t in zip(skips, texts, strict=True)
            ), f"{name}: no French warning for the skipped event {group} (« {pattern} »): {texts}"
        # strict mode keeps the all-or-nothing behaviour: the same reason refuses the whole file
        with pytest.raises(IcsError) as caught:
            import_file(path, season=expect.season, strict=True)
        message = caught.value.render("fr")
        assert_french(message)
        assert all(re.search(p, message) for p in expect.skipped.values()), message


CLI_CASES = [
    ("rie--Germany", 0),  # season 2010, before the model's former minimum of 2014
    ("rie--rdate_hackerpublicradio", 0),
    ("rie--issue_75_range_parameter", 0),
    ("icalendar--rfc_7529", 2),
    ("rie--issue_61_time_zone_error", 2),
]


@pytest.mark.parametrize(("name", "refused"), CLI_CASES)
def test_cli_on_real_files(corpus: Path, tmp_path: Path, name: str, refused: int) -> None:
    """Through ``nqe-events import-ics``: the programme written has the reference's occurrences;
    a refused file exits 2 with a French message and no traceback."""
    expect = EXPECTED[name]
    path = corpus / PROVENANCE.file(name).filename
    out = tmp_path / "programme.yaml"
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    proc = subprocess.run(
        [
            *(sys.executable, "-m", "nqe_events.cli", "import-ics", str(path)),
            *("-o", str(out), "--season", str(expect.season)),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=ROOT,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    if refused:
        assert proc.returncode == 2, (proc.returncode, proc.stdout, proc.stderr)
        assert_french(proc.stderr)
        assert not out.exists()
        return
    assert proc.returncode in (0, 1), proc.stderr
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["season"] == expect.season
    count = sum(len(e.get("occurrences") or []) for e in data["events"])
    reading = reference_read(path.read_bytes(), expect.season)
    assert count == reading.count
