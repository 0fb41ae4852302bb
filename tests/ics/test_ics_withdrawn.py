"""Events removed from the programme stay in the next export as cancelled, once."""

from __future__ import annotations

import icalendar

import nqe_events as nqe
from nqe_events.calendar.ics import export_ics


def _by_uid(data: bytes) -> dict[str, icalendar.Event]:
    cal = icalendar.Calendar.from_ical(data)
    return {str(ev["UID"]): ev for ev in cal.walk("VEVENT")}


def test_removed_event_is_reemitted_cancelled_with_a_higher_sequence() -> None:
    programme = nqe.load_example()
    first = export_ics(programme)
    gone = programme.event("jeux-cite-12")
    before = {uid: ev for uid, ev in _by_uid(first.data).items() if str(ev["X-NQE-ID"]) == gone.id}
    assert before
    second = export_ics(
        programme.with_events([e for e in programme.events if e.id != gone.id]), previous=first.data
    )
    after = _by_uid(second.data)
    assert set(second.withdrawn) == set(before)
    for uid, old in before.items():
        new = after[uid]
        assert str(new["STATUS"]) == "CANCELLED"
        assert int(new["SEQUENCE"]) == int(old.get("SEQUENCE", 0)) + 1
        # the time and the title are those people imported, the title said « Annulé — » for the
        # apps that ignore STATUS
        assert new.decoded("DTSTART") == old.decoded("DTSTART")
        assert str(new["SUMMARY"]) == "Annulé — " + str(old["SUMMARY"])
    n = len(before)
    word = "retirée du programme, marquée annulée" if n == 1 else "retirées du programme, marquées"
    assert f"dont {n} {word}" in second.to_text("fr")
    assert f"{n} of them withdrawn from the programme" in second.to_text("en")
    # the other events are untouched
    others = {u: e for u, e in _by_uid(first.data).items() if u not in before}
    assert all(
        int(after[u].get("SEQUENCE", 0)) == int(e.get("SEQUENCE", 0)) for u, e in others.items()
    )


def test_withdrawn_events_are_not_bumped_again() -> None:
    programme = nqe.load_example()
    first = export_ics(programme)
    smaller = programme.with_events([e for e in programme.events if e.id != "jeux-cite-12"])
    second = export_ics(smaller, previous=first.data)
    third = export_ics(smaller, previous=second.data)
    assert third.data == second.data
    assert third.withdrawn == second.withdrawn


def test_removed_occurrence_is_cancelled_alone() -> None:
    programme = nqe.load_example()
    multi = next(e for e in programme.events if len(e.occurrences) >= 3)
    first = export_ics(programme)
    shorter = multi.model_copy(update={"occurrences": multi.occurrences[:-1]})
    second = export_ics(
        programme.with_events([shorter if e.id == multi.id else e for e in programme.events]),
        previous=first.data,
    )
    assert len(second.withdrawn) == 1
    cancelled = _by_uid(second.data)[second.withdrawn[0]]
    assert str(cancelled["X-NQE-ID"]) == multi.id
    assert str(cancelled["STATUS"]) == "CANCELLED"


def test_no_previous_means_nothing_withdrawn() -> None:
    assert export_ics(nqe.load_example()).withdrawn == ()
