"""Every public report type speaks the notebook protocol: ``_repr_html_`` (an HTML table showing
real values), ``to_dataframe()`` (rows and columns checked against figures computed independently
of the report) and a short one-line ``__repr__``. Each is built from the bundled sample."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

import pytest

import nqe_events as nqe
from nqe_events.calendar.ics import import_ics
from nqe_events.model import EventStatus, Programme
from nqe_events.rules.messages import VERDICT_LABELS


@cache
def sample() -> Programme:
    return nqe.load_example()


@cache
def planned() -> Any:
    return nqe.plan(sample())


@cache
def alignment() -> Any:
    return nqe.check_programme(sample())


@cache
def season() -> Any:
    return nqe.estimate_programme(sample())


def kept_events() -> list[Any]:
    return [e for e in sample().events if e.status is not EventStatus.CANCELLED]


@dataclass(frozen=True)
class Case:
    """A report, the values its HTML must show, and what its DataFrame must hold."""

    build: Callable[[], Any]
    shows: Callable[[Any], list[str]]  # strings that the HTML must contain (already escaped)
    rows: Callable[[Any], int]  # expected number of rows, computed without the report's frame
    columns: set[str]
    check: Callable[[Any, Any], None] = lambda report, frame: None


def _fr(value: float) -> str:
    """A number as a French reader writes it: 12 345,6 (narrow no-break space, decimal comma)."""
    return f"{value:,.1f}".replace(",", "\u202f").replace(".", ",")


def _escape(text: str) -> str:
    import html

    return html.escape(text)


# --- expectations computed independently -------------------------------------------------------


def _alignment_event_check(report: Any, frame: Any) -> None:
    pack = nqe.load_rules(2024)
    assert list(frame["criterion"]) == [c.id for _p, c in pack.criteria]
    assert set(frame["event"]) == {report.event_id}


def _programme_report_check(report: Any, frame: Any) -> None:
    assert list(frame["event"]) == [e.id for e in sample().events]
    pack = nqe.load_rules(2024)
    assert {p.id for p in pack.principles} <= set(frame.columns)
    # French labels by default (the codes with labels="keys", as below)
    assert set(frame["verdict"]) <= {fr for fr, _ in VERDICT_LABELS.values()}
    codes = report.to_dataframe(labels="keys")
    assert set(codes["verdict"]) <= set(VERDICT_LABELS)
    assert list(codes["verdict"]) == [r.verdict for r in report.events]


def _clash_check(report: Any, frame: Any) -> None:
    # the JSON rendering is a second path to the same clashes
    data = report.to_dict()["clashes"]
    assert list(frame["events"]) == [", ".join(c["events"]) for c in data]
    # the DataFrame shows the rule's French tag, the JSON its code
    tags = {
        "VENUE": "LIEU",
        "RESOURCE": "RESSOURCE",
        "ORGANISER": "PORTEUR",
        "QUARTIER": "QUARTIER",
    }
    tags |= {"BLACKOUT": "DATE INTERDITE"}
    windows = {"season": "HORS SAISON", "window": "HORS FENÊTRE", "hours": "HORS HORAIRES"}
    windows |= {"weekday": "JOUR EXCLU"}
    expected = [windows[c["kind"]] if c["rule"] == "WINDOW" else tags[c["rule"]] for c in data]
    assert list(frame["rule"]) == expected
    assert {"LIEU", "HORS SAISON"} <= set(expected)  # the sample has both


def _to_plan() -> set[str]:
    return {e.id for e in sample().events if e.to_plan is not None and not e.occurrences}


def _plan_check(report: Any, frame: Any) -> None:
    assert set(frame["event"]) == _to_plan()
    assert bool(frame["placed"].all())
    # each placement lasts the duration the event asked for
    durations = {
        e.id: e.to_plan.duration.to("minute").magnitude
        for e in sample().events
        if e.id in _to_plan() and e.to_plan is not None
    }
    for row in frame.itertuples():
        if not row.all_day:
            assert (row.end - row.start).total_seconds() / 60 == pytest.approx(durations[row.event])


def _slots_check(report: Any, frame: Any) -> None:
    assert int(frame["ok"].sum()) == len(report.slots) == 5
    assert frame[frame["ok"]]["reasons"].eq("").all()
    assert frame[~frame["ok"]]["reasons"].ne("").all()


def _footprint_event_check(report: Any, frame: Any) -> None:
    assert frame["kgco2e"].sum() == pytest.approx(report.total_kgco2e)


def _season_check(report: Any, frame: Any) -> None:
    assert list(frame["id"]) == [e.id for e in kept_events()]
    assert frame["total_kgco2e"].sum() == pytest.approx(report.total_kgco2e)
    assert frame["attendance"].sum() == report.attendance


def _summary_check(report: Any, frame: Any) -> None:
    values = dict(zip(frame["indicator"], frame["value"], strict=True))
    assert values["temps_forts"] == len(kept_events())
    assert values["expected_attendance"] == sum(e.expected_attendance or 0 for e in kept_events())
    assert values["footprint_kgco2e"] == pytest.approx(season().total_kgco2e)
    rev3 = [
        next(p for p in alignment().event(e.id).principles if p.id == "rev3").status
        for e in kept_events()
    ]
    assert values["alignment.rev3"] == pytest.approx(rev3.count("met") / len(rev3))


def _ics_vevents(data: bytes) -> list[Any]:
    import icalendar

    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


def _ics_check(report: Any, frame: Any) -> None:
    vevents = _ics_vevents(report.data)
    assert list(frame["uid"]) == [str(v["UID"]) for v in vevents]
    assert list(frame["summary"]) == [str(v["SUMMARY"]) for v in vevents]
    assert list(frame["status"]) == [str(v["STATUS"]) for v in vevents]


def _ics_import_check(report: Any, frame: Any) -> None:
    assert len(report.events) == len({e.id for e in kept_events() if e.occurrences}) + sum(
        1 for e in sample().events if e.status is EventStatus.CANCELLED and e.occurrences
    )


CASES: dict[str, Case] = {
    "AlignmentReport": Case(
        build=lambda: alignment().events[0],
        shows=lambda r: [_escape(r.title), _escape(r.criteria[0].label("fr"))],
        rows=lambda r: len(nqe.load_rules(2024).criteria),
        columns={"event", "criterion", "status", "evidence", "advice"},
        check=_alignment_event_check,
    ),
    "ProgrammeReport": Case(
        build=alignment,
        shows=lambda r: [_escape(sample().events[0].title), "Fil rouge"],
        rows=lambda r: len(sample().events),
        columns={"event", "title", "verdict", "score", "fil-rouge", "rev3"},
        check=_programme_report_check,
    ),
    "ClashReport": Case(
        build=lambda: nqe.find_clashes(sample()),
        shows=lambda r: [_escape(r.clashes[0].events[0])],
        rows=lambda r: len(r.to_dict()["clashes"]),
        columns={"rule", "events", "resource", "start", "end", "overlap_minutes", "message"},
        check=_clash_check,
    ),
    "Plan": Case(
        build=planned,
        shows=lambda r: sorted(_to_plan())[:2],
        rows=lambda r: len(_to_plan()),
        columns={"event", "start", "end", "all_day", "moved", "placed", "reasons"},
        check=_plan_check,
    ),
    "SlotProposals": Case(
        build=lambda: nqe.propose_slots(sample(), sorted(_to_plan())[0], k=5),
        shows=lambda r: [sorted(_to_plan())[0], r.slots[0].start.strftime("%d/%m/%Y %H:%M")],
        rows=lambda r: len(r.slots) + len(r.rejected),
        columns={"start", "end", "score", "ok", "reasons"},
        check=_slots_check,
    ),
    "FootprintReport": Case(
        build=lambda: season().events[0],
        shows=lambda r: [_escape(r.title), _fr(r.total_kgco2e)],
        rows=lambda r: len(r.lines),
        columns={"category", "factor", "quantity", "unit", "kgco2e", "tier", "default"},
        check=_footprint_event_check,
    ),
    "SeasonFootprint": Case(
        build=season,
        shows=lambda r: [kept_events()[0].id, _fr(r.total_kgco2e)],
        rows=lambda r: len(kept_events()),
        columns={"id", "total_kgco2e", "p5", "p95", "attendance", "per_attendee_kgco2e"},
        check=_season_check,
    ),
    "SeasonSummary": Case(
        build=lambda: nqe.season_summary(sample(), alignment=alignment(), footprint=season()),
        shows=lambda r: ["Temps forts", str(len(kept_events()))],
        rows=lambda r: len(r.indicators()),
        columns={"indicator", "label", "value", "unit"},
        check=_summary_check,
    ),
    "IcsExport": Case(
        build=lambda: nqe.write_ics("nqe-2024.ics", sample()),
        shows=lambda r: [_escape(str(_ics_vevents(r.data)[0]["SUMMARY"]))],
        rows=lambda r: len(_ics_vevents(r.data)),
        columns={"uid", "summary", "start", "end", "tzid", "status", "sequence"},
        check=_ics_check,
    ),
    "IcsImport": Case(
        build=lambda: import_ics(nqe.to_ics(sample())),
        shows=lambda r: [f"{len(r.events)} événements lus"],
        rows=lambda r: len(r.warnings),
        columns={"line", "event", "code", "message"},
        check=_ics_import_check,
    ),
}


@pytest.fixture(params=sorted(CASES), ids=str)
def case(
    request: pytest.FixtureRequest, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> tuple[str, Case, Any]:
    monkeypatch.chdir(tmp_path)  # write_ics writes into the current folder
    name: str = request.param
    spec = CASES[name]
    return name, spec, spec.build()


def test_report_type_is_the_one_named(case: tuple[str, Case, Any]) -> None:
    name, _spec, report = case
    assert type(report).__name__ == name


def test_repr_html_is_a_table_with_real_values(case: tuple[str, Case, Any]) -> None:
    _name, spec, report = case
    page = report._repr_html_()
    assert page.count("<table") == 1 and "</table>" in page and "<th>" in page
    for value in spec.shows(report):
        assert value in page, value


def test_to_dataframe_rows_and_columns(case: tuple[str, Case, Any]) -> None:
    import pandas as pd

    from nqe_events._render import COLUMN_LABELS

    _name, spec, report = case
    shown = report.to_dataframe()
    assert isinstance(shown, pd.DataFrame)
    # French column labels by default; the machine keys are kept beside them
    keys = shown.attrs["nqe_keys"]
    assert list(keys) == list(shown.columns)
    for label, key in keys.items():
        assert label == COLUMN_LABELS.get(key, (key, key))[0], (label, key)
    assert any(label != key for label, key in keys.items())  # some label is really French
    frame = shown.rename(columns=keys)
    assert len(frame) == spec.rows(report)
    assert spec.columns <= set(frame.columns), set(frame.columns)
    spec.check(report, frame)


def test_repr_is_short_and_names_the_type(case: tuple[str, Case, Any]) -> None:
    name, _spec, report = case
    text = repr(report)
    assert "\n" not in text and len(text) <= 200, text
    assert name in text


def test_every_public_report_type_is_covered() -> None:
    """A new report class in the public API must be added to CASES."""
    public = {
        n
        for n in nqe.__all__
        if n.endswith(("Report", "Footprint", "Summary")) or n in {"Plan", "SlotProposals"}
    }
    assert public <= set(CASES), public - set(CASES)


def test_to_dataframe_without_pandas_names_the_extra(
    case: tuple[str, Case, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    from nqe_events.errors import MissingExtraError

    _name, _spec, report = case
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingExtraError, match="notebook"):
        report.to_dataframe()
