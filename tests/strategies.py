"""Hypothesis strategies for valid programmes (as plain data and as models)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from hypothesis import strategies as st

from nqe_events.io import programme_from_data
from nqe_events.model import Programme

#: refused in every text value by the model (terminal injection), with C0/C1 controls but tab and
#: newline and lone surrogates
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
#: free text (descriptions): any character the model accepts, tab and newline included
FREE_TEXT = st.text(
    alphabet=st.characters(
        codec="utf-8",
        exclude_categories=("Cs", "Cc"),
        include_characters="\n\t",
        exclude_characters=BIDI_CONTROLS,
    ),
    max_size=40,
)
SLUG = st.from_regex(r"[a-z][a-z0-9-]{0,10}[a-z0-9]", fullmatch=True)
TEXT = (
    st.text(
        alphabet=st.characters(
            codec="utf-8",
            exclude_categories=("Cs", "Cc"),
            exclude_characters="\u2028\u2029\x85" + BIDI_CONTROLS,
        ),
        min_size=1,
        max_size=30,
    )
    .map(str.strip)
    .filter(bool)
)
DEPTS = st.sampled_from(["02", "59", "60", "62", "80", "2A", "974"])
COMMUNES = st.sampled_from(
    ["Lens", "Liévin", "Roubaix", "Amiens", "Laon", "Creil", "Saint-Quentin"]
)


def _luhn_complete(body: str) -> str:
    for last in "0123456789":
        number = body + last
        total = 0
        for i, ch in enumerate(reversed(number)):
            d = int(ch) * (2 if i % 2 else 1)
            total += d - 9 if d > 9 else d
        if total % 10 == 0:
            return number
    raise AssertionError("unreachable")


@st.composite
def sirets(draw: st.DrawFn) -> str:
    siren = _luhn_complete(draw(st.from_regex(r"[1-9][0-9]{7}", fullmatch=True)))
    if siren.startswith("356000000"):
        siren = "732829320"
    return _luhn_complete(siren + draw(st.from_regex(r"[0-9]{4}", fullmatch=True)))


@st.composite
def occurrences(draw: st.DrawFn) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    day = draw(st.dates(date(2024, 6, 1), date(2024, 9, 30)))
    for _ in range(draw(st.integers(1, 3))):
        if draw(st.booleans()):
            length = draw(st.integers(0, 3))
            out.append(
                {"start": day.isoformat(), "end": (day + timedelta(days=length)).isoformat()}
            )
            day = day + timedelta(days=length + draw(st.integers(1, 10)))
        else:
            start = datetime.combine(day, datetime.min.time()) + timedelta(
                minutes=15 * draw(st.integers(32, 80))
            )
            end = start + timedelta(minutes=15 * draw(st.integers(1, 24)))
            fmt = draw(st.sampled_from(["naive", "offset"]))
            if fmt == "naive":
                out.append({"start": start.isoformat(), "end": end.isoformat()})
            else:
                out.append(
                    {"start": start.isoformat() + "+02:00", "end": end.isoformat() + "+02:00"}
                )
            day = end.date() + timedelta(days=draw(st.integers(1, 10)))
    return out


@st.composite
def programme_data(draw: st.DrawFn) -> dict[str, Any]:
    q_ids = draw(st.lists(SLUG, min_size=1, max_size=4, unique=True))
    o_ids = draw(st.lists(SLUG, min_size=1, max_size=3, unique=True))
    v_ids = draw(st.lists(SLUG, min_size=1, max_size=3, unique=True))
    r_ids = draw(st.lists(SLUG, min_size=0, max_size=2, unique=True))
    e_ids = draw(st.lists(SLUG, min_size=0, max_size=5, unique=True))
    quartiers = [
        {
            "id": q,
            "name": draw(TEXT),
            "communes": draw(st.lists(COMMUNES, min_size=1, max_size=2, unique=True)),
            "departement": draw(DEPTS),
            **(
                {"qpv_code": draw(st.from_regex(r"Q[PN][0-9]{6}", fullmatch=True))}
                if draw(st.booleans())
                else {}
            ),
        }
        for q in q_ids
    ]
    organisers = [
        {
            "id": o,
            "name": draw(TEXT),
            "kind": draw(
                st.sampled_from(["association", "centre-social", "commune", "collectif-habitants"])
            ),
            **({"siret": draw(sirets())} if draw(st.booleans()) else {}),
            **({"email": f"{o}@example.org"} if draw(st.booleans()) else {}),
            "teams": draw(st.integers(1, 3)),
        }
        for o in o_ids
    ]
    venues = [
        {
            "id": v,
            "name": draw(TEXT),
            "commune": draw(COMMUNES),
            "quartier": draw(st.sampled_from(q_ids)),
            **({"capacity": draw(st.integers(1, 5000))} if draw(st.booleans()) else {}),
            "outdoor": draw(st.booleans()),
            **(
                {
                    "coordinates": {
                        "lat": draw(st.floats(49.0, 51.1, allow_nan=False)),
                        "lon": draw(st.floats(1.5, 4.3, allow_nan=False)),
                    }
                }
                if draw(st.booleans())
                else {}
            ),
        }
        for v in v_ids
    ]
    resources = [{"id": r, "name": draw(TEXT), "capacity": draw(st.integers(1, 4))} for r in r_ids]
    events = []
    for e in e_ids:
        event: dict[str, Any] = {
            "id": e,
            "title": draw(TEXT),
            "description": draw(FREE_TEXT).strip(),
            "organiser": draw(st.sampled_from(o_ids)),
            "venue": draw(st.sampled_from(v_ids)),
            "quartiers": draw(
                st.lists(st.sampled_from(q_ids), min_size=1, max_size=2, unique=True)
            ),
            "themes": draw(
                st.lists(
                    st.sampled_from(["sport", "culture", "developpement-durable"]), unique=True
                )
            ),
            "activities": draw(st.lists(TEXT, max_size=3)),
            "audiences": draw(
                st.lists(st.sampled_from(["enfants", "jeunes", "familles", "seniors"]), unique=True)
            ),
            "rev3": draw(
                st.lists(
                    st.sampled_from(["tri-selectif", "circuits-courts", "mobilite-douce"]),
                    unique=True,
                )
            ),
            "resources": draw(st.lists(st.sampled_from(r_ids), unique=True)) if r_ids else [],
        }
        if draw(st.booleans()):
            event["occurrences"] = draw(occurrences())
        else:
            event["to_plan"] = {
                "duration": f"{draw(st.integers(1, 10))} h",
                "window": {"start": "2024-07-01", "end": "2024-08-31"},
                "preferred": [
                    d.isoformat()
                    for d in draw(
                        st.lists(
                            st.dates(date(2024, 7, 1), date(2024, 8, 31)), max_size=2, unique=True
                        )
                    )
                ],
            }
        if draw(st.booleans()):
            event["expected_attendance"] = draw(st.integers(0, 5000))
        if draw(st.booleans()):
            event["participation"] = {
                "conception": draw(st.sampled_from([True, False, None])),
                "volunteer_inhabitants": draw(st.integers(0, 100)),
            }
        if draw(st.booleans()):
            total = draw(st.integers(0, 10**6))
            event["budget"] = {"total_eur": total, "region_eur": draw(st.integers(0, total))}
        if draw(st.booleans()):
            event["status"] = draw(st.sampled_from(["confirme", "provisoire", "annule"]))
            event["sequence"] = draw(st.integers(0, 20))
        events.append(event)
    return {
        "season": 2024,
        "name": draw(TEXT),
        "quartiers": quartiers,
        "organisers": organisers,
        "venues": venues,
        "resources": resources,
        "events": events,
    }


def programmes() -> st.SearchStrategy[Programme]:
    return programme_data().map(programme_from_data)
