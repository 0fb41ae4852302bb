"""The one normaliser of values: each natural spelling read the same through YAML, CSV and Python.

Expected values are written by hand from the issue's list (« centre social », « oui », « 1 jour »,
« 20/07/2024 14:00 », « 9 000 € »…), not computed with the code under test.
"""

from __future__ import annotations

import copy
import re
from datetime import UTC, date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from nqe_events.errors import ProgrammeValidationError
from nqe_events.io import loads_programme, merge_events_csv, programme_from_data
from nqe_events.model import Organiser
from nqe_events.model.values import (
    ENUMERATIONS,
    key,
    parse_amount,
    parse_date_or_datetime,
    vocabulary,
    vocabulary_markdown,
)

ROOT = Path(__file__).resolve().parents[1]

# (CSV header, YAML key path inside an event, spelling, reader of the event, expected value)
EVENT_SPELLINGS: list[tuple[str, tuple[str, ...], str, Any, Any]] = [
    ("Statut", ("status",), "confirmé", lambda e: e.status.value, "confirme"),
    ("Statut", ("status",), "Provisoire", lambda e: e.status.value, "provisoire"),
    ("Statut", ("status",), "ANNULÉ", lambda e: e.status.value, "annule"),
    ("Statut", ("status",), "annulée", lambda e: e.status.value, "annule"),
    ("Statut", ("status",), "à confirmer", lambda e: e.status.value, "provisoire"),
    (
        "Thèmes",
        ("themes",),
        "Développement durable",
        lambda e: e.themes[0].value,
        "developpement-durable",
    ),
    ("Thèmes", ("themes",), "environnement", lambda e: e.themes[0].value, "developpement-durable"),
    ("Thèmes", ("themes",), "SPORT", lambda e: e.themes[0].value, "sport"),
    ("Publics", ("audiences",), "Tout public", lambda e: e.audiences[0].value, "tout-public"),
    (
        "Publics",
        ("audiences",),
        "Femmes et filles",
        lambda e: e.audiences[0].value,
        "femmes-filles",
    ),
    ("Publics", ("audiences",), "ados", lambda e: e.audiences[0].value, "jeunes"),
    ("Publics", ("audiences",), "Seniors", lambda e: e.audiences[0].value, "seniors"),
    (
        "Conception",
        ("participation", "conception"),
        "oui",
        lambda e: e.participation.conception,
        True,
    ),
    (
        "Conception",
        ("participation", "conception"),
        "x",
        lambda e: e.participation.conception,
        True,
    ),
    (
        "Conception",
        ("participation", "conception"),
        "Vrai",
        lambda e: e.participation.conception,
        True,
    ),
    (
        "Conception",
        ("participation", "conception"),
        "non",
        lambda e: e.participation.conception,
        False,
    ),
    (
        "Conception",
        ("participation", "conception"),
        "FAUX",
        lambda e: e.participation.conception,
        False,
    ),
    (
        "Budget total",
        ("budget", "total_eur"),
        "9 000 €",
        lambda e: e.budget.total_eur,
        Decimal(9000),
    ),
    (
        "Budget total",
        ("budget", "total_eur"),
        "9\u202f000 €",
        lambda e: e.budget.total_eur,
        Decimal(9000),
    ),
    (
        "Budget total",
        ("budget", "total_eur"),
        "9\u00a0000\u00a0€",
        lambda e: e.budget.total_eur,
        Decimal(9000),
    ),
    (
        "Budget total",
        ("budget", "total_eur"),
        "2 500,50 €",
        lambda e: e.budget.total_eur,
        Decimal("2500.50"),
    ),
    ("Public attendu", ("expected_attendance",), "1 200", lambda e: e.expected_attendance, 1200),
    ("Épinglé", ("pinned",), "oui", lambda e: e.pinned, True),
]

DURATIONS = [
    ("1 jour", 1440),
    ("2 jours", 2880),
    ("3 heures", 180),
    ("1 h 30", 90),
    ("90 mn", 90),
    ("1h30", 90),
    ("3 h", 180),
]

DATETIMES = [
    # (start text, end text, expected start and end in UTC; Paris is UTC+2 in July)
    (
        "20/07/2024 14:00",
        "20/07/2024 19:00",
        datetime(2024, 7, 20, 12, 0, tzinfo=UTC),
        datetime(2024, 7, 20, 17, 0, tzinfo=UTC),
    ),
    (
        "20/07/2024 14h",
        "20/07/2024 19h30",
        datetime(2024, 7, 20, 12, 0, tzinfo=UTC),
        datetime(2024, 7, 20, 17, 30, tzinfo=UTC),
    ),
    (
        "20 juillet 2024 à 10h00",
        "20/07/2024 12h",
        datetime(2024, 7, 20, 8, 0, tzinfo=UTC),
        datetime(2024, 7, 20, 10, 0, tzinfo=UTC),
    ),
]


def _base(minimal: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(minimal)


def _yaml_event(minimal: dict[str, Any], path: tuple[str, ...], value: Any) -> Any:
    data = _base(minimal)
    target = data["events"][0]
    for part in path[:-1]:
        target = target.setdefault(part, {})
    target[path[-1]] = [value] if path[-1] in ("themes", "audiences") else value
    if path[0] == "budget":
        target["region_eur"] = 1000  # below every total tried
    return loads_programme(yaml.safe_dump(data, allow_unicode=True), "yaml").events[0]


def _csv_event(minimal: dict[str, Any], header: str, value: str) -> Any:
    text = (
        f"Titre;Porteur;Lieu;Date;Horaires;{header}\n"
        f"Essai;Centre social Nord;Salle Nord;20/07/2024;14h-19h;{value}\n"
    )
    programme = merge_events_csv(programme_from_data(_base(minimal)), text, source="t.csv")
    return programme.events[-1]


@pytest.mark.parametrize(
    ("header", "path", "spelling", "read", "expected"),
    EVENT_SPELLINGS,
    ids=[f"{c[0]}={c[2]}" for c in EVENT_SPELLINGS],
)
def test_spelling_through_yaml_and_csv(
    minimal: dict[str, Any],
    header: str,
    path: tuple[str, ...],
    spelling: str,
    read: Any,
    expected: Any,
) -> None:
    assert read(_yaml_event(minimal, path, spelling)) == expected
    assert read(_csv_event(minimal, header, spelling)) == expected


@pytest.mark.parametrize(("text", "minutes"), DURATIONS)
def test_durations_through_yaml_and_csv(minimal: dict[str, Any], text: str, minutes: int) -> None:
    data = _base(minimal)
    data["events"][1]["to_plan"]["duration"] = text
    event = loads_programme(yaml.safe_dump(data, allow_unicode=True), "yaml").events[1]
    assert event.to_plan is not None and event.to_plan.minutes == minutes
    csv_text = f"Titre;Porteur;Lieu;Durée;Fenêtre du;Fenêtre au\nÀ placer;csc-nord;salle-nord;{text};01/07/2024;31/08/2024\n"
    planned = merge_events_csv(programme_from_data(_base(minimal)), csv_text).events[-1]
    assert planned.to_plan is not None and planned.to_plan.minutes == minutes
    assert planned.to_plan.window is not None
    assert planned.to_plan.window.start == date(2024, 7, 1)


@pytest.mark.parametrize(("start", "end", "utc_start", "utc_end"), DATETIMES)
def test_datetimes_through_yaml_and_csv(
    minimal: dict[str, Any], start: str, end: str, utc_start: datetime, utc_end: datetime
) -> None:
    data = _base(minimal)
    data["events"][0]["occurrences"] = [{"start": start, "end": end}]
    (occ,) = loads_programme(yaml.safe_dump(data, allow_unicode=True), "yaml").events[0].occurrences
    assert (occ.start_utc, occ.end_utc) == (utc_start, utc_end)
    text = f"Titre;Porteur;Lieu;Début;Fin\nEssai;csc-nord;salle-nord;{start};{end}\n"
    (occ,) = merge_events_csv(programme_from_data(_base(minimal)), text).events[-1].occurrences
    assert (occ.start_utc, occ.end_utc) == (utc_start, utc_end)


def test_french_dates_mean_whole_days(minimal: dict[str, Any]) -> None:
    data = _base(minimal)
    data["events"][0]["occurrences"] = [{"start": "03/08/2024", "end": "05/08/2024"}]
    event = loads_programme(yaml.safe_dump(data), "yaml").events[0]
    assert event.occurrences[0].all_day
    assert event.days == (date(2024, 8, 3), date(2024, 8, 4), date(2024, 8, 5))
    text = "Titre;Porteur;Lieu;Date de début;Date de fin\nEssai;csc-nord;salle-nord;03/08/2024;05/08/2024\n"
    event = merge_events_csv(programme_from_data(_base(minimal)), text).events[-1]
    assert event.days == (date(2024, 8, 3), date(2024, 8, 4), date(2024, 8, 5))


def test_times_and_planning_section(minimal: dict[str, Any]) -> None:
    data = _base(minimal)
    data["planning"] = {
        "day_start": "10h00",
        "day_end": "22h30",
        "evening_from": "18h",
        "season_start": "01/07/2024",
        "weekdays": ["Lundi", "mer", "Samedi"],
        "public_holidays_blackout": "oui",
    }
    planning = loads_programme(yaml.safe_dump(data), "yaml").planning
    assert (planning.day_start, planning.day_end, planning.evening_from) == (
        time(10),
        time(22, 30),
        time(18),
    )
    assert planning.season_start == date(2024, 7, 1)
    assert [w.value for w in planning.weekdays] == ["lundi", "mercredi", "samedi"]
    assert planning.public_holidays_blackout is True
    # a time column in a sheet: « 14h30 »
    text = "Titre;Porteur;Lieu;Date;Heure de début;Heure de fin\nEssai;csc-nord;salle-nord;20/07/2024;14h30;16h\n"
    (occ,) = merge_events_csv(programme_from_data(_base(minimal)), text).events[-1].occurrences
    assert occ.start_utc == datetime(2024, 7, 20, 12, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("spelling", "kind"),
    [
        ("centre social", "centre-social"),
        ("Association", "association"),
        ("mairie", "commune"),
        ("Ville", "commune"),
        ("Centre-Social", "centre-social"),
        ("Bailleur social", "bailleur-social"),
        ("collectif d'habitants", "collectif-habitants"),
        ("Établissement public", "etablissement-public"),
        ("intercommunalité", "epci"),
    ],
)
def test_organiser_kinds_through_yaml_and_python(
    minimal: dict[str, Any], spelling: str, kind: str
) -> None:
    data = _base(minimal)
    data["organisers"][1]["kind"] = spelling
    assert (
        loads_programme(yaml.safe_dump(data, allow_unicode=True), "yaml").organisers[1].kind.value
        == kind
    )
    assert Organiser(id="x", name="X", kind=spelling).kind.value == kind  # type: ignore[arg-type]


def test_refused_enumeration_gets_closest_values(minimal: dict[str, Any]) -> None:
    data = _base(minimal)
    data["organisers"][1]["kind"] = "centre sociall"
    data["events"][0]["status"] = "confirmmé"
    with pytest.raises(ProgrammeValidationError) as info:
        loads_programme(yaml.safe_dump(data, allow_unicode=True), "yaml")
    by_path = {d.path: d for d in info.value.details}
    kind = by_path["organisers[1].kind"]
    assert "vouliez-vous dire « centre-social »" in kind.message_fr
    assert "did you mean 'centre-social'" in kind.message_en
    assert "vouliez-vous dire « confirme »" in by_path["events[0].status"].message_fr
    text = info.value.render("fr")
    assert "'" not in text.split("(trouvé")[0] or "d'" in text  # no Python repr quotes
    assert not re.search(r"\^|\$|\(\?:|\[a-z", text)  # no regex


def test_refused_values_are_french_and_located(minimal: dict[str, Any]) -> None:
    data = _base(minimal)
    data["events"][0]["participation"]["conception"] = "peut-être"
    data["events"][0]["budget"]["total_eur"] = "neuf mille"
    data["events"][1]["to_plan"]["duration"] = "trois heures"
    data["events"][0]["quartiers"] = ["Cité 12!"]
    with pytest.raises(ProgrammeValidationError) as info:
        loads_programme(yaml.safe_dump(data, allow_unicode=True), "yaml")
    text = info.value.render("fr")
    assert "events[0].participation.conception" in text and "oui ou non" in text
    assert "montant illisible « neuf mille »" in text
    assert "events[1].to_plan.duration" in text
    assert "identifiant invalide" in text and "motif" not in text and "^" not in text
    for english in ("Input should", "expected", "valid", "string", "field"):
        assert not re.search(rf"\b{english}\b", text), english


def test_display_names_in_yaml_resolve_to_ids(minimal: dict[str, Any]) -> None:
    data = _base(minimal)
    data["events"][0]["organiser"] = "Sport Ensemble"
    data["events"][0]["venue"] = "City stade de la Cité 12"
    data["events"][0]["quartiers"] = ["Cité 12"]
    data["events"][0]["resources"] = ["Podium mobile"]
    event = loads_programme(yaml.safe_dump(data, allow_unicode=True), "yaml").events[0]
    assert (event.organiser, event.venue, event.quartiers, event.resources) == (
        "sport-ensemble",
        "city-stade-12",
        ("lens-cite-12",),
        ("podium-mobile",),
    )


def test_id_shaped_typo_is_not_silently_fixed(minimal: dict[str, Any]) -> None:
    data = _base(minimal)
    data["events"][0]["quartiers"] = ["lens-cite12"]
    with pytest.raises(ProgrammeValidationError, match="lens-cite-12"):
        loads_programme(yaml.safe_dump(data), "yaml")


def test_vocabulary_tables_are_consistent() -> None:
    from nqe_events.model import Audience, EventStatus, OrganiserKind, ResourceKind, Theme
    from nqe_events.model.calendar_terms import Weekday, Wish

    enums = {
        "organiser_kind": OrganiserKind,
        "resource_kind": ResourceKind,
        "event_status": EventStatus,
        "theme": Theme,
        "audience": Audience,
        "weekday": Weekday,
        "wish": Wish,
    }
    assert set(enums) == set(ENUMERATIONS)
    for name, enum in enums.items():
        table = vocabulary(name)
        assert set(table.values) == {m.value for m in enum}, name
        for value in table.values:  # every label and synonym reads back as its value
            for spelling in (value, table.labels[value], *table.synonyms[value]):
                assert table.read(spelling) == value


def test_file_format_page_lists_the_tables() -> None:
    page = (ROOT / "docs" / "file-format.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- vocabulary:start -->\n(.*?)<!-- vocabulary:end -->", page, re.S)
    assert block is not None, "docs/file-format.md lacks the vocabulary block"
    assert block[1] == vocabulary_markdown(), "regenerate it: python -m nqe_events.model.values"


@given(
    st.integers(min_value=0, max_value=10**9),
    st.sampled_from([" ", "\u202f", "\u00a0", ""]),
    st.integers(min_value=0, max_value=99),
)
def test_amount_in_french_writing_round_trips(euros: int, sep: str, cents: int) -> None:
    grouped = f"{euros:,}".replace(",", sep)
    assert parse_amount(f"{grouped},{cents:02d} €") == Decimal(euros) + Decimal(cents) / 100
    assert parse_amount(f"{grouped} €") == Decimal(euros)


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
    st.times().map(lambda t: t.replace(second=0, microsecond=0)),
)
def test_french_datetime_matches_iso(day: date, moment: time) -> None:
    french = f"{day:%d/%m/%Y} {moment.hour}h{moment.minute:02d}"
    assert parse_date_or_datetime(french) == datetime.combine(day, moment)
    assert parse_date_or_datetime(f"{day:%d/%m/%Y}") == day


def test_key_ignores_case_accents_spaces_and_hyphens() -> None:
    assert key("Centre-Social") == key("centre social") == key("CENTRE_SOCIAL") == "centresocial"


def test_file_format_page_lists_the_columns() -> None:
    from nqe_events.io.csv_events import columns_markdown

    page = (ROOT / "docs" / "file-format.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- columns:start -->\n(.*?)<!-- columns:end -->", page, re.S)
    assert block is not None and block[1] == columns_markdown()


def test_yaml_sexagesimal_time_is_refused_not_misread(minimal: dict[str, Any]) -> None:
    data = _base(minimal)
    data["planning"] = {"day_start": 600}  # what PyYAML makes of an unquoted 10:00
    with pytest.raises(ProgrammeValidationError, match="entre guillemets"):
        programme_from_data(data)


def test_pydantic_english_never_reaches_french_messages(minimal: dict[str, Any]) -> None:
    data = _base(minimal)
    data["events"][0]["themes"] = [3]  # not text: pydantic's own enum error
    data["events"][0]["expected_attendance"] = [1]
    data["organisers"][0]["email"] = "pas une adresse"
    with pytest.raises(ProgrammeValidationError) as info:
        programme_from_data(data)
    text = info.value.render("fr")
    assert "« sport », « culture », « developpement-durable »" in text
    assert "adresse e-mail invalide" in text
    for english in ("Input", "should", " or ", "valid integer", "must", "email address"):
        assert english not in text, english


def _strip_accents(text: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@given(
    st.sampled_from([(name, value) for name in ENUMERATIONS for value in vocabulary(name).values]),
    st.sampled_from([str.lower, str.upper, str.title, _strip_accents]),
    st.sampled_from([" ", "-", "_", "  "]),
)
def test_any_casing_accents_and_spacing_of_a_label_read_alike(
    entry: tuple[str, str], case: Any, space: str
) -> None:
    name, value = entry
    table = vocabulary(name)
    written = case(table.labels[value]).replace(" ", space)
    assert table.read(written) == value
