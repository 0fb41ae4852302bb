"""The bundled sample programme ``nqe-2024``: its stated properties, computed from the data.

Every expectation below is recomputed by brute force from the loaded programme (or checked against
independent reference facts written here), never read back from a hard-coded list of event ids, so
that the tests keep guarding the sample's purpose if events are added, renamed or moved.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from datetime import date, time, timedelta
from typing import Literal

import pytest

from nqe_events.errors import ProgrammeValidationError
from nqe_events.io import dumps_programme, list_examples, load_example, loads_programme
from nqe_events.io.examples import example_text
from nqe_events.model import Event, Programme

# Real communes of Hauts-de-France the sample may use (INSEE names, with their hyphens and accents).
REAL_COMMUNES = {
    "Lens",
    "Liévin",
    "Calais",
    "Boulogne-sur-Mer",
    "Arras",
    "Roubaix",
    "Tourcoing",
    "Lille",
    "Denain",
    "Maubeuge",
    "Amiens",
    "Abbeville",
    "Saint-Quentin",
    "Laon",
    "Creil",
    "Beauvais",
}
HDF_DEPARTEMENTS = {"02", "59", "60", "62", "80"}

# Olympic torch relay in Hauts-de-France, 2024 (shared/reference/hdf_torch_relay_2024.csv).
TORCH_RELAY_DAYS = {
    date(2024, 7, 2): "59",
    date(2024, 7, 3): "62",
    date(2024, 7, 4): "80",
    date(2024, 7, 17): "02",
    date(2024, 7, 18): "60",
}
OLYMPICS = (date(2024, 7, 26), date(2024, 8, 11))
PARALYMPICS = (date(2024, 8, 28), date(2024, 9, 8))

REV3_IDS = {
    "tri-selectif",
    "gobelets-reutilisables",
    "circuits-courts",
    "anti-gaspillage",
    "mobilite-douce",
    "covoiturage",
    "eau-du-robinet",
    "energie-renouvelable",
    "eco-communication",
    "reemploi-materiel",
    "accessibilite",
    "vaisselle-reutilisable",
    "sensibilisation-environnement",
    "zero-plastique",
    "compostage",
}

# Words that tie an event to the Games: disciplines (French variants) and Games vocabulary.
GAMES_WORDS = (
    "jeux",
    "olymp",
    "paralymp",
    "flamme",
    "jo ",
    "athlétisme",
    "basket",
    "cécifoot",
    "boxe",
    "tir à l'arc",
    "breaking",
    "breakdance",
    "escalade",
    "natation",
    "judo",
    "bmx",
    "skateboard",
    "foot",
    "volley",
    "handibasket",
    "retransmission",
    "champion",
)


@pytest.fixture(scope="module")
def programme() -> Programme:
    return load_example("nqe-2024")


def luhn_valid(number: str) -> bool:
    """Independent Luhn check: double every second digit from the right, add the digits."""
    digits = [int(c) for c in number]
    checksum = sum(digits[-1::-2])
    for d in digits[-2::-2]:
        checksum += sum(divmod(2 * d, 10))
    return checksum % 10 == 0


def overlaps(a: Event, b: Event) -> bool:
    return any(x.start < y.end and y.start < x.end for x in a.occurrences for y in b.occurrences)


def live(p: Programme) -> list[Event]:
    return [e for e in p.events if e.status.value != "annule"]


def games_linked(e: Event) -> bool:
    text = " ".join([e.title, e.description, *e.activities]).lower() + " "
    return bool(e.labels) or any(word in text for word in GAMES_WORDS)


# --- the Luhn oracle itself -----------------------------------------------------------------------


def test_luhn_oracle_on_known_values() -> None:
    # 79927398713 is the textbook Luhn example; changing one digit must break it.
    assert luhn_valid("79927398713")
    assert not luhn_valid("79927398714")
    assert luhn_valid("0")
    assert not luhn_valid("1")


# --- identity and size ----------------------------------------------------------------------------


def test_example_is_listed_and_marked_fictitious(programme: Programme) -> None:
    assert "nqe-2024" in list_examples()
    assert "exemple fictif" in programme.name
    header = example_text("nqe-2024").split("\n\n", 1)[0]
    assert header.startswith("#")
    assert "FICTIFS" in header
    assert programme.season == 2024
    assert programme.fil_rouge == "jeux-2024"
    assert programme.rules == "nqe-2024"


def test_sizes(programme: Programme) -> None:
    assert 40 <= len(programme.events) <= 80
    assert len(programme.quartiers) >= 10
    assert 8 <= len(programme.organisers) <= 12
    assert 16 <= len(programme.venues) <= 25
    assert 4 <= len(programme.resources) <= 6


def test_geography_is_real_and_spread(programme: Programme) -> None:
    departements = {q.departement for q in programme.quartiers}
    assert departements <= HDF_DEPARTEMENTS
    assert len(departements) >= 4
    communes = {c for q in programme.quartiers for c in q.communes}
    communes |= {v.commune for v in programme.venues}
    assert communes <= REAL_COMMUNES, communes - REAL_COMMUNES
    assert all(q.epci for q in programme.quartiers)


def test_no_invented_qpv_code(programme: Programme) -> None:
    assert [q.id for q in programme.quartiers if q.qpv_code is not None] == []


def test_venues_are_plausibly_placed(programme: Programme) -> None:
    for v in programme.venues:
        assert v.coordinates is not None, v.id
        assert 49.0 <= v.coordinates.lat <= 51.1, v.id
        assert 1.5 <= v.coordinates.lon <= 4.3, v.id
        assert v.capacity is not None and v.outdoor is not None and v.accessible_pmr is not None
    assert {v.outdoor for v in programme.venues} == {True, False}


def test_venue_postcode_matches_quartier_departement(programme: Programme) -> None:
    dept = {q.id: q.departement for q in programme.quartiers}
    for v in programme.venues:
        assert v.postcode is not None and v.quartier is not None
        assert v.postcode[:2] == dept[v.quartier], v.id


def test_organisers_are_fictitious_but_valid(programme: Programme) -> None:
    kinds = {o.kind.value for o in programme.organisers}
    assert {"association", "centre-social", "commune", "epci"} <= kinds
    assert {"bailleur-social", "collectif-habitants"} <= kinds
    for o in programme.organisers:
        assert o.siret is not None and len(o.siret) == 14 and o.siret.isdigit()
        assert luhn_valid(o.siret), o.id
        assert luhn_valid(o.siret[:9]), o.id  # the SIREN part has its own key
        assert o.email is not None and str(o.email).endswith("example.org"), o.id


def test_resources_have_a_single_podium(programme: Programme) -> None:
    capacities = {r.id: r.capacity for r in programme.resources}
    assert capacities["podium-mobile"] == 1
    assert {r.kind.value for r in programme.resources} == {"materiel", "equipe"}


# --- events: dates and contents -------------------------------------------------------------------


def test_most_events_dated_some_to_plan(programme: Programme) -> None:
    to_plan = [e for e in programme.events if e.to_plan is not None]
    dated = [e for e in programme.events if e.occurrences]
    assert 8 <= len(to_plan) <= 12
    assert len(dated) > len(programme.events) / 2
    for e in to_plan:
        assert not e.occurrences, e.id
        assert e.to_plan is not None and e.to_plan.window is not None
        assert all(d in e.to_plan.window for d in e.to_plan.preferred), e.id


def test_most_dated_events_in_july_august(programme: Programme) -> None:
    dated = [e for e in programme.events if e.occurrences]
    summer = [e for e in dated if all(d.month in (7, 8) for d in e.days)]
    assert len(summer) >= 0.9 * len(dated)


def test_has_all_day_multi_day_event(programme: Programme) -> None:
    multi = [
        e
        for e in programme.events
        for o in e.occurrences
        if o.all_day and len(o.days) >= 2 and o.start.time() == time(0)
    ]
    assert multi


def test_has_events_with_several_occurrences(programme: Programme) -> None:
    counts = Counter(len(e.occurrences) for e in programme.events)
    assert counts[2] >= 1 and counts[3] >= 1


def test_timed_events_have_realistic_hours(programme: Programme) -> None:
    for e in programme.events:
        for o in e.occurrences:
            if o.all_day:
                continue
            assert time(9) <= o.start.time() <= time(21), e.id
            assert o.end.date() == o.start.date(), e.id
            assert o.end.time() <= time(23, 30), e.id
            assert timedelta(hours=1) <= o.duration <= timedelta(hours=8), e.id


def test_torch_relay_days_are_celebrated(programme: Programme) -> None:
    dept = {q.id: q.departement for q in programme.quartiers}
    for day, departement in TORCH_RELAY_DAYS.items():
        found = [
            e.id
            for e in live(programme)
            if day in e.days and any(dept[q] == departement for q in e.quartiers)
        ]
        assert found, (day, departement)


@pytest.mark.parametrize("period", [OLYMPICS, PARALYMPICS], ids=["jeux", "paralympiques"])
def test_screenings_during_the_games(programme: Programme, period: tuple[date, date]) -> None:
    screenings = [
        e
        for e in live(programme)
        if "retransmission" in e.activities
        and any(period[0] <= d <= period[1] for d in e.days)
        and any(o.start.time() >= time(19) for o in e.occurrences)
    ]
    assert screenings


@pytest.mark.parametrize("day", [date(2024, 7, 14), date(2024, 8, 15)])
def test_public_holidays_have_an_event(programme: Programme, day: date) -> None:
    assert any(day in e.days for e in live(programme))


def test_variety(programme: Programme) -> None:
    themes = {t.value for e in programme.events for t in e.themes}
    assert themes == {"sport", "culture", "developpement-durable"}
    activities = {a for e in programme.events for a in e.activities}
    assert {"basket 3x3", "cécifoot", "boxe", "tir à l'arc", "breaking", "escalade"} <= activities
    assert {"para-athlétisme", "handibasket", "natation", "judo", "BMX", "skateboard"} <= activities
    assert {"fresque participative", "concert", "atelier cuisine", "jardinage", "théâtre"} <= (
        activities
    )
    attendance = [e.expected_attendance for e in programme.events]
    assert all(a is not None and 30 <= a <= 3000 for a in attendance)
    assert {a.value for e in programme.events for a in e.audiences} >= {
        "enfants",
        "jeunes",
        "familles",
        "seniors",
        "femmes-filles",
        "handicap",
    }
    rev3 = {m for e in programme.events for m in e.rev3}
    assert rev3 <= REV3_IDS
    assert len(rev3) >= 12
    labels = {lab for e in programme.events for lab in e.labels}
    assert {"terre-de-jeux", "generation-2024"} <= labels
    assert any(e.url for e in programme.events)
    assert all(e.budget is not None for e in programme.events)


def test_participation_records_are_mixed(programme: Programme) -> None:
    def complete(e: Event) -> bool:
        p = e.participation
        return p is not None and None not in (p.conception, p.realisation, p.evaluation)

    missing = [e for e in programme.events if e.participation is None]
    full = [e for e in programme.events if complete(e)]
    partial = [e for e in programme.events if e.participation is not None and not complete(e)]
    assert missing and full and partial


def test_texts_exercise_escaping(programme: Programme) -> None:
    texts = [t for e in programme.events for t in (e.title, e.description)]
    assert any("," in t for t in texts)
    assert any(";" in t for t in texts)
    assert any("'" in t for t in texts)
    assert any("\n" in e.description.strip() for e in programme.events)
    emoji = re.compile("[\U0001f300-\U0001faff]")
    assert sum(1 for e in programme.events if emoji.search(e.title)) == 1
    assert any(re.search("[éèêàçôÉ]", t) for t in texts)


def test_one_cancelled_event(programme: Programme) -> None:
    assert [e.status.value for e in programme.events].count("annule") == 1


# --- the deliberate problems (each marked « problème volontaire » in the file) -------------------


def test_problems_are_marked_in_the_file() -> None:
    assert example_text("nqe-2024").count("# problème volontaire :") >= 8


def test_problem_venue_clash(programme: Programme) -> None:
    clashes = [
        (a.id, b.id)
        for a, b in itertools.combinations(live(programme), 2)
        if a.venue == b.venue and overlaps(a, b)
    ]
    assert clashes


def test_problem_single_capacity_resource_double_booked(programme: Programme) -> None:
    capacity = {r.id: r.capacity for r in programme.resources}
    double = [
        (r, a.id, b.id)
        for a, b in itertools.combinations(live(programme), 2)
        for r in set(a.resources) & set(b.resources)
        if capacity[r] == 1 and a.venue != b.venue and overlaps(a, b)
    ]
    assert any(r == "podium-mobile" for r, _, _ in double)


def test_problem_event_outside_july_august(programme: Programme) -> None:
    outside = [e for e in programme.events if any(d.month not in (7, 8) for d in e.days)]
    assert outside
    assert any(d < date(2024, 7, 1) for e in outside for d in e.days)
    assert any(d > date(2024, 8, 31) for e in outside for d in e.days)


def test_problem_event_without_participation(programme: Programme) -> None:
    assert any(e.participation is None and e.occurrences for e in programme.events)


def test_problem_weekly_routine(programme: Programme) -> None:
    def weekly_runs(e: Event) -> int:
        slots: dict[tuple[int, time, time], list[date]] = defaultdict(list)
        for o in e.occurrences:
            slots[(o.start.weekday(), o.start.time(), o.end.time())].append(o.start.date())
        best = 0
        for days in slots.values():
            days.sort()
            run = 1
            for d0, d1 in itertools.pairwise(days):
                run = run + 1 if (d1 - d0).days == 7 else 1
                best = max(best, run)
        return best

    assert max(weekly_runs(e) for e in programme.events) >= 6


def test_problem_protected_olympic_terms(programme: Programme) -> None:
    protected = re.compile(r"\bJO\b|olympiade", re.IGNORECASE)
    assert sum(1 for e in programme.events if protected.search(e.title)) >= 2


def test_problem_event_without_games_link(programme: Programme) -> None:
    unlinked = {e.id for e in programme.events if not games_linked(e)}
    # exactly the few the file's header names (issue 10, item 9: most projects fit the fil rouge,
    # a few do not, for a clear reason)...
    assert unlinked == {
        "jardin-carrieres",
        "zumba-mercredi-sous-le-bois",
        "concert-etouvie",
        "compost-champagne",
    }
    # ...while nearly every other event is linked to the Games.
    assert len(unlinked) <= len(programme.events) // 10


def test_descriptions_read_like_applications(programme: Programme) -> None:
    # every event says what happens, in sentences (issue 10, item 9)...
    for e in programme.events:
        words = e.description.split()
        assert len(words) >= 8, e.id
        assert e.description.rstrip().endswith("."), e.id
    # ...and the few that do not fit the fil rouge are named, with their reason, in the file
    header = example_text("nqe-2024").split("\nseason:")[0]
    for title_words in ("jardin partagé", "zumba du mercredi", "concert d'Étouvie", "compost"):
        assert title_words in " ".join(header.replace("#", " ").split()), title_words
    said_with_inhabitants = [
        e
        for e in programme.events
        if re.search(r"habitant|jeunes|bénévole|famille", e.description, re.I)
    ]
    assert len(said_with_inhabitants) >= len(programme.events) // 2


def test_problem_two_events_same_day_same_quartier(programme: Programme) -> None:
    seen: dict[tuple[str, date], set[str]] = defaultdict(set)
    for e in live(programme):
        for q in e.quartiers:
            for d in e.days:
                seen[(q, d)].add(e.venue)
    # at least one quartier-day with two events on two different venues (not just a venue clash)
    assert any(len(venues) >= 2 for venues in seen.values())


# --- round trips ----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_round_trip(programme: Programme, fmt: Literal["yaml", "json"]) -> None:
    text = dumps_programme(programme, fmt)
    again = loads_programme(text, fmt)
    assert again == programme
    assert dumps_programme(again, fmt) == text


# --- the sample stays a strict file: spoiling it is caught ----------------------------------------


def test_spoiled_siret_in_sample_is_rejected(programme: Programme) -> None:
    siret = programme.organisers[0].siret
    assert siret is not None
    spoiled = siret[:-1] + str((int(siret[-1]) + 1) % 10)
    assert not luhn_valid(spoiled)
    text = example_text("nqe-2024").replace(siret, spoiled, 1)
    with pytest.raises(ProgrammeValidationError, match="organisers"):
        loads_programme(text, "yaml")


def test_dangling_venue_in_sample_is_rejected(programme: Programme) -> None:
    venue = programme.venues[0].id
    text = example_text("nqe-2024").replace(f"venue: {venue}\n", "venue: lieu-inexistant\n", 1)
    assert text != example_text("nqe-2024")
    with pytest.raises(ProgrammeValidationError, match="lieu-inexistant"):
        loads_programme(text, "yaml")
