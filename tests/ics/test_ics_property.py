"""Property: programme → ICS → read_ics gives back the same ids, titles, times, places and
categories (and a second export of the result gives the same bytes)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nqe_events.calendar.ics import import_ics, to_ics
from nqe_events.model import Programme

PARIS = ZoneInfo("Europe/Paris")
HARD = ",;\\\n:\"'é€🎉«»—\t"
TEXT = (
    st.text(
        alphabet=st.one_of(
            st.sampled_from(HARD),
            st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")),
        ),
        min_size=1,
        max_size=60,
    )
    .map(str.strip)
    .filter(bool)
)
# instants around the two DST changes of 2024 and in summer
INSTANTS = st.one_of(
    st.datetimes(datetime(2024, 3, 30), datetime(2024, 4, 1)),
    st.datetimes(datetime(2024, 10, 26), datetime(2024, 10, 28)),
    st.datetimes(datetime(2024, 6, 1), datetime(2024, 9, 30)),
).map(lambda d: d.replace(second=0, microsecond=0, tzinfo=UTC).astimezone(PARIS))
DAYS = st.dates(date(2024, 3, 25), date(2024, 10, 31))
TAGS = st.from_regex(r"[a-z][a-z0-9-]{0,12}", fullmatch=True).filter(
    lambda t: t not in ("sport", "culture", "developpement-durable")
)


@st.composite
def occurrence(draw: st.DrawFn) -> dict[str, Any]:
    if draw(st.booleans()):
        start = draw(DAYS)
        return {"start": start, "end": start + timedelta(days=draw(st.integers(0, 6)))}
    start = draw(INSTANTS)
    return {"start": start, "end": start + timedelta(minutes=draw(st.integers(15, 3 * 24 * 60)))}


@st.composite
def events(draw: st.DrawFn, n: int) -> list[dict[str, Any]]:
    out = []
    for i in range(n):
        occs = draw(st.lists(occurrence(), min_size=1, max_size=3))
        # keep occurrences disjoint: shift each after the previous one
        fixed: list[dict[str, Any]] = []
        for occ in occs:
            if fixed:
                prev_end = fixed[-1]["end"]
                if isinstance(prev_end, date) and not isinstance(prev_end, datetime):
                    prev_end = datetime.combine(
                        prev_end + timedelta(days=1), datetime.min.time(), PARIS
                    )
                if isinstance(occ["start"], datetime):
                    gap = prev_end + timedelta(days=1) - occ["start"]
                    if gap > timedelta(0):
                        occ = {"start": occ["start"] + gap, "end": occ["end"] + gap}
                else:
                    first = (prev_end + timedelta(days=1)).date()
                    if occ["start"] < first:
                        delta = first - occ["start"]
                        occ = {"start": occ["start"] + delta, "end": occ["end"] + delta}
            fixed.append(occ)
        out.append(
            {
                "id": f"e{i}{draw(st.from_regex(r'(-[a-z0-9]{1,6})?', fullmatch=True))}",
                "title": draw(TEXT),
                "description": draw(st.one_of(st.just(""), TEXT)),
                "organiser": draw(st.sampled_from(["cs-lille-sud", "asso-alma", "ville-amiens"])),
                "venue": draw(
                    st.sampled_from(["parc-lille-sud", "city-stade-alma", "salle-etouvie"])
                ),
                "quartiers": draw(
                    st.lists(
                        st.sampled_from(["lille-sud", "alma", "etouvie"]),
                        min_size=1,
                        max_size=3,
                        unique=True,
                    )
                ),
                "themes": draw(
                    st.lists(
                        st.sampled_from(["sport", "culture", "developpement-durable"]),
                        max_size=3,
                        unique=True,
                    )
                ),
                "labels": draw(st.lists(TAGS, max_size=2, unique=True)),
                "status": draw(st.sampled_from(["confirme", "provisoire", "annule"])),
                "sequence": draw(st.integers(0, 5)),
                "occurrences": fixed,
            }
        )
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_programme_ics_programme_round_trip(fixture_programme: Programme, data: Any) -> None:
    base = fixture_programme.model_dump()
    base["events"] = data.draw(events(data.draw(st.integers(1, 4))))
    programme = Programme.model_validate(base)
    ics = to_ics(programme)
    result = import_ics(ics)
    back = {e.id: e for e in result.events}
    assert list(back) == [e.id for e in programme.events]
    for e in programme.events:
        b = back[e.id]
        assert b.title == e.title
        assert b.description == e.description
        assert (b.venue, b.organiser, b.quartiers) == (e.venue, e.organiser, e.quartiers)
        assert (b.themes, b.labels) == (e.themes, e.labels)
        assert (b.status, b.sequence) == (e.status, e.sequence)
        assert [(o.start, o.end, o.all_day) for o in b.occurrences] == [
            (o.start, o.end, o.all_day) for o in sorted(e.occurrences, key=lambda o: o.start)
        ]
    # exporting what was read gives the same events again, byte for byte
    again = to_ics(
        result.to_programme().model_copy(
            update={
                "name": programme.name,
                "venues": programme.venues,
                "organisers": programme.organisers,
                "quartiers": programme.quartiers,
            }
        )
    )
    assert again.split(b"BEGIN:VEVENT", 1)[1] == ics.split(b"BEGIN:VEVENT", 1)[1]
