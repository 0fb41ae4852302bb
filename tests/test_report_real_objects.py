"""The bilan and the plots fed with the real report objects of ``rules``, ``footprint`` and
``calendar``: the numbers drawn are checked against hand counts (a hand-built alignment report) and
against independent computations on the bundled sample."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import matplotlib
import pytest

matplotlib.use("Agg")

import nqe_events as nqe
from nqe_events.errors import InputError
from nqe_events.model import EventStatus, Programme
from nqe_events.report import (
    plot_alignment,
    plot_footprint,
    plot_levers,
    plot_timeline,
    season_summary,
    season_summary_full,
)
from nqe_events.report.adapters import (
    alignment_by_principle,
    alignment_by_quartier,
    footprint_by_category,
    footprint_figures,
    lever_savings,
    principle_ids,
)
from nqe_events.rules import AlignmentReport, ProgrammeReport
from nqe_events.rules.report import PrincipleResult
from test_report_plots import bars, plain, save_png, tick_texts

LABELS = {
    "fil-rouge": ("Fil rouge", "Common thread"),
    "rev3": ("Démarche Rev3", "Rev3 approach"),
    "eligibilite": ("Éligibilité", "Eligibility"),
    "avertissements": ("Avertissements", "Warnings"),
}
ROLES = {"fil-rouge": "principle", "rev3": "principle", "eligibilite": "gate"}


def event_report(event_id: str, quartiers: tuple[str, ...], **statuses: str) -> AlignmentReport:
    principles = tuple(
        PrincipleResult(pid, ROLES.get(pid, "warning"), status, 1.0, 0.0, *LABELS[pid])
        for pid, status in (
            ("fil-rouge", statuses["fil"]),
            ("rev3", statuses["rev3"]),
            ("eligibilite", "met"),  # a gate: never a principle of the bilan
            ("avertissements", "met"),
        )
    )
    return AlignmentReport(
        event_id=event_id,
        title=event_id.upper(),
        season=2024,
        rules="test",
        fil_rouge="Jeux",
        verdict="aligned",
        score=100,
        principles=principles,
        criteria=(),
        quartiers=quartiers,
    )


def hand_report() -> ProgrammeReport:
    """Four events: a (q1) meets both, b (q1, q2) meets the fil rouge only, c (q2) meets none,
    d (q2) meets both but is cancelled in the programme below."""
    return ProgrammeReport(
        season=2024,
        rules="test",
        fil_rouge="Jeux",
        events=(
            event_report("a", ("q1",), fil="met", rev3="met"),
            event_report("b", ("q1", "q2"), fil="met", rev3="partly-met"),
            event_report("c", ("q2",), fil="not-met", rev3="cannot-tell"),
            event_report("d", ("q2",), fil="met", rev3="met"),
        ),
        principle_labels=LABELS,
    )


def hand_programme() -> Programme:
    def event(eid: str, quartiers: list[str], status: str = "confirme") -> dict[str, Any]:
        return {
            "id": eid,
            "title": eid.upper(),
            "organiser": "asso",
            "venue": "v1",
            "quartiers": quartiers,
            "status": status,
            "occurrences": [{"start": "2024-07-10T14:00", "end": "2024-07-10T18:00"}],
            "expected_attendance": 100,
        }

    return Programme.model_validate(
        {
            "season": 2024,
            "name": "Essai",
            "quartiers": [
                {"id": "q1", "name": "Alma", "communes": ["Roubaix"], "departement": "59"},
                {"id": "q2", "name": "Bourgogne", "communes": ["Tourcoing"], "departement": "59"},
            ],
            "organisers": [{"id": "asso", "name": "Asso", "kind": "association"}],
            "venues": [{"id": "v1", "name": "City stade", "commune": "Roubaix"}],
            "events": [
                event("a", ["q1"]),
                event("b", ["q1", "q2"]),
                event("c", ["q2"]),
                event("d", ["q2"], "annule"),
            ],
        }
    )


# --- adapters on a hand-built report ---------------------------------------------------------


def test_only_real_principles_are_counted() -> None:
    assert principle_ids(hand_report()) == ["fil-rouge", "rev3"]


def test_alignment_shares_by_hand() -> None:
    report = hand_report()
    # all four events: fil rouge met by a, b, d; Rev3 met by a, d
    assert alignment_by_principle(report) == {"Fil rouge": 3 / 4, "Démarche Rev3": 2 / 4}
    # with the programme, the cancelled d is left out: fil rouge a, b of 3; Rev3 a of 3
    assert alignment_by_principle(report, programme=hand_programme(), keys="id") == {
        "fil-rouge": 2 / 3,
        "rev3": 1 / 3,
    }
    assert alignment_by_principle(report, lang="en") == {
        "Common thread": 3 / 4,
        "Rev3 approach": 2 / 4,
    }


def test_alignment_by_quartier_by_hand() -> None:
    report = hand_report()
    named = alignment_by_quartier(report, programme=hand_programme())
    # Alma: a, b → fil 2/2, Rev3 1/2; Bourgogne: b, c (d cancelled) → fil 1/2, Rev3 0/2
    assert named == {
        "Alma": {"Fil rouge": 1.0, "Démarche Rev3": 0.5},
        "Bourgogne": {"Fil rouge": 0.5, "Démarche Rev3": 0.0},
    }
    # without the programme: ids, and d counts in q2 (b, c, d → fil 2/3, Rev3 1/3)
    assert alignment_by_quartier(report, keys="id")["q2"] == {"fil-rouge": 2 / 3, "rev3": 1 / 3}


def test_empty_report_gives_no_share() -> None:
    empty = ProgrammeReport(season=2024, rules="t", fil_rouge="f", events=())
    assert alignment_by_principle(empty) == {}
    assert alignment_by_quartier(empty) == {}


def test_summary_takes_the_programme_report() -> None:
    summary = season_summary(hand_programme(), alignment=hand_report())
    assert [(a.principle, a.share) for a in summary.alignment] == [
        ("fil-rouge", pytest.approx(2 / 3)),
        ("rev3", pytest.approx(1 / 3)),
    ]
    text = plain(summary.to_text())
    assert "Temps forts alignés — Fil rouge  " in text and "67 %" in text
    assert "Events aligned — Rev3 approach" in summary.to_text("en")
    assert "Éligibilité" not in text


def test_plot_alignment_from_the_report(tmp_path: Path) -> None:
    fig = plot_alignment(hand_report(), programme=hand_programme())
    save_png(fig, tmp_path / "alignement.png")
    assert [b.get_width() for b in bars(fig)] == pytest.approx([200 / 3, 100 / 3])
    assert tick_texts(fig.axes[0].get_yticklabels()) == ["Fil rouge", "Démarche Rev3"]
    grid = fig.axes[1]
    assert tick_texts(grid.get_yticklabels()) == ["Alma", "Bourgogne"]
    assert grid.images[0].get_array().tolist() == [[1.0, 0.5], [0.5, 0.0]]


def test_plot_alignment_by_principle_only_and_by_quartier_only(tmp_path: Path) -> None:
    report, programme = hand_report(), hand_programme()
    only_bars = plot_alignment(report, programme=programme, by="principle")
    save_png(only_bars, tmp_path / "principes.png")
    assert len(only_bars.axes) == 1 and len(bars(only_bars)) == 2
    only_grid = plot_alignment(report, programme=programme, by="quartier")
    save_png(only_grid, tmp_path / "quartiers.png")
    assert len(only_grid.axes) == 2  # the grid and its colour bar, no bars
    assert only_grid.axes[0].images[0].get_array().tolist() == [[1.0, 0.5], [0.5, 0.0]]
    assert "par quartier" in only_grid.get_suptitle()
    with pytest.raises(InputError, match="by_quartier"):
        plot_alignment({"fil rouge": 0.5}, by="quartier")
    with pytest.raises(InputError, match="principle"):
        plot_alignment(report, by="commune")  # type: ignore[arg-type]


# --- the bundled sample: reports from the real packages ---------------------------------------


@pytest.fixture(scope="module")
def sample() -> Programme:
    return nqe.load_example()


@pytest.fixture(scope="module")
def season(sample: Programme) -> Any:
    return nqe.estimate_programme(sample)


@pytest.fixture(scope="module")
def alignment(sample: Programme) -> ProgrammeReport:
    return nqe.check_programme(sample)


def test_sample_shares_against_the_report_dataframe(
    sample: Programme, alignment: ProgrammeReport
) -> None:
    """Oracle: the per-event DataFrame (one status column per principle) and the rule pack's
    roles, counted with pandas."""
    pack = nqe.load_rules(2024)
    real = [p.id for p in pack.principles if p.role == "principle"]
    frame = alignment.to_dataframe(labels="keys")
    cancelled = {e.id for e in sample.events if e.status is EventStatus.CANCELLED}
    kept = frame[~frame["event"].isin(cancelled)]
    expected = {pid: float((kept[pid] == "met").mean()) for pid in real}
    assert alignment_by_principle(alignment, programme=sample, keys="id") == pytest.approx(expected)
    assert set(expected) == {"fil-rouge", "temps-fort", "participation", "rev3"}


def test_sample_quartier_shares_against_a_direct_count(
    sample: Programme, alignment: ProgrammeReport
) -> None:
    names = {q.id: q.name for q in sample.quartiers}
    status = {r.event_id: {p.id: p.status for p in r.principles} for r in alignment}
    met: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for event in sample.events:
        if event.status is EventStatus.CANCELLED:
            continue
        for q in event.quartiers:
            met[names[q]][0] += status[event.id]["rev3"] == "met"
            met[names[q]][1] += 1
    shares = alignment_by_quartier(alignment, programme=sample, keys="label")
    label = alignment.principle_labels["rev3"][0]
    assert {q: s[label] for q, s in shares.items()} == pytest.approx(
        {q: a / b for q, (a, b) in met.items()}
    )


def test_summary_takes_the_season_footprint(sample: Programme, season: Any) -> None:
    from_object = season_summary(sample, footprint=season)
    assert from_object.footprint_kgco2e == season.total_kgco2e
    assert (from_object.footprint_low_kgco2e, from_object.footprint_high_kgco2e) == tuple(
        season.interval_90
    )
    assert from_object.per_attendee_kgco2e == season.per_attendee_kgco2e
    from_mapping = season_summary(
        sample,
        footprint={
            "total_kgco2e": season.total_kgco2e,
            "low_kgco2e": season.interval_90[0],
            "high_kgco2e": season.interval_90[1],
            "per_attendee_kgco2e": season.per_attendee_kgco2e,
        },
    )
    assert from_object == from_mapping
    assert footprint_figures(season)["total_kgco2e"] == season.total_kgco2e


def test_summary_refuses_one_event_footprint(season: Any, sample: Programme) -> None:
    with pytest.raises(InputError, match="estimate_programme"):
        season_summary(sample, footprint=season.events[0])


def test_season_summary_full_equals_the_explicit_call(
    sample: Programme, season: Any, alignment: ProgrammeReport
) -> None:
    full = season_summary_full(sample)
    assert full == season_summary(sample, alignment=alignment, footprint=season)
    assert [a.principle for a in full.alignment] == [
        "fil-rouge",
        "temps-fort",
        "participation",
        "rev3",
    ]
    assert nqe.season_summary_full is season_summary_full


def test_plot_footprint_from_the_season_and_an_event(season: Any, tmp_path: Path) -> None:
    from nqe_events.footprint.messages import category_label

    fig = plot_footprint(season)
    save_png(fig, tmp_path / "saison.png")
    expected = sorted(((v, k) for k, v in season.by_category.items() if v > 0), reverse=True)
    # above 10 t the axis is in tonnes
    assert [b.get_width() for b in bars(fig)] == pytest.approx([v / 1000 for v, _ in expected])
    assert fig.axes[0].get_xlabel() == "Émissions (t CO₂e)"
    shown = [t.replace("\n", " ") for t in tick_texts(fig.axes[0].get_yticklabels())]
    assert shown == [category_label(k, "fr") for _, k in expected]
    assert fig.axes[0].get_title() == "Empreinte carbone de la saison par poste"
    notes = plain(" ".join(t.get_text() for t in fig.axes[0].texts))
    assert "intervalle" in notes
    event = max(season.events, key=lambda r: r.total_kgco2e)
    one = plot_footprint(event, lang="en")
    save_png(one, tmp_path / "event.png")
    assert one.axes[0].get_title() == f"Carbon footprint — {event.title}"
    assert sum(b.get_width() for b in bars(one)) == pytest.approx(event.total_kgco2e)
    assert footprint_by_category(event) == pytest.approx(
        {category_label(k, "fr"): v for k, v in event.by_category.items() if v > 0}
    )


def test_plot_levers_from_an_event_and_the_season(season: Any, tmp_path: Path) -> None:
    event = next(r for r in season.events if len(r.levers) >= 2)
    fig = plot_levers(event)
    save_png(fig, tmp_path / "leviers.png")
    savings = sorted((-lv.delta_kgco2e for lv in event.levers), reverse=True)
    assert [b.get_width() for b in bars(fig)] == pytest.approx(savings)
    # each bar is labelled with its share of the event's footprint
    first = plain(fig.axes[0].texts[0].get_text())
    assert f"({round(100 * savings[0] / event.total_kgco2e)} %)" in first
    mapping = lever_savings(event)
    for lv in event.levers:
        assert mapping[lv.label()] == pytest.approx(
            (-lv.delta_kgco2e, -lv.interval_90[1], -lv.interval_90[0])
        )
    total: dict[str, float] = defaultdict(float)
    for r in season.events:
        for lv in r.levers:
            total[lv.label()] -= lv.delta_kgco2e
    whole = plot_levers(season)
    save_png(whole, tmp_path / "leviers-saison.png")
    assert [b.get_width() for b in bars(whole)] == pytest.approx(
        sorted(total.values(), reverse=True)
    )
    assert "saison" in whole.axes[0].get_title()


def test_plot_timeline_takes_a_plan_and_a_clash_report(sample: Programme, tmp_path: Path) -> None:
    planned = nqe.plan(sample)
    clashes = nqe.find_clashes(planned.programme)
    fig = plot_timeline(planned, clashes=clashes)
    save_png(fig, tmp_path / "calendrier.png")
    from matplotlib.colors import to_rgba

    from nqe_events.report.plots import CLASH_COLOR

    red = {b.get_gid() for b in bars(fig) if to_rgba(b.get_facecolor()) == to_rgba(CLASH_COLOR)}
    assert red == {i for c in clashes for i in c.events}
    # every occurrence of the planned programme is drawn (one row per venue)
    drawn = len(bars(fig))
    expected = sum(
        len(e.occurrences)
        for e in planned.programme.events
        if e.status is not EventStatus.CANCELLED
    )
    assert drawn == expected
    with pytest.raises(InputError, match="Programme"):
        plot_timeline(clashes)


def test_plots_without_matplotlib_name_the_extra(
    sample: Programme, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regression: plot_timeline imported matplotlib.dates before checking for the extra, so a
    missing matplotlib gave a bare ModuleNotFoundError."""
    import sys

    from nqe_events.errors import MissingExtraError

    monkeypatch.setitem(sys.modules, "matplotlib", None)
    for call in (
        lambda: plot_timeline(sample),
        lambda: plot_footprint({"transport": 1.0}),
        lambda: plot_levers({"bus": 1.0}),
        lambda: plot_alignment({"fil rouge": 0.5}),
    ):
        with pytest.raises(MissingExtraError, match="notebook"):
            call()


@pytest.mark.parametrize(
    ("path", "fr", "en"),
    [
        ("events[0].footprint.catering.drinks.beer", "boissons : bière", "drinks: beer"),
        ("events[3].footprint.catering.meals.beef", "repas : bœuf", "meals: beef"),
        (
            "events[0].footprint.audience.survey[2]",
            "déplacements du public, ligne 3 de l'enquête",
            "audience travel, survey row 3",
        ),
        ("events[1].footprint.energy.generators[0]", "groupe électrogène n° 1", "generator no. 1"),
        ("events[1].footprint.waste[1]", "déchets n° 2", "waste no. 2"),
        (
            "footprint.goods.items.cup-reusable",
            "achats : gobelet réutilisable",
            "goods: reusable cup",
        ),
        ("events[0].footprint.somewhere.new", "repli", "repli"),
    ],
)
def test_footprint_line_source_in_words(path: str, fr: str, en: str) -> None:
    from nqe_events.footprint.messages import source_label

    assert source_label(path, "fr", "repli") == fr
    assert source_label(path, "en", "repli") == en


def test_footprint_frame_says_where_each_line_comes_from(season: Any) -> None:
    report = next(e for e in season.events if len(e.lines) > 5)
    shown = report.to_dataframe()
    assert "champ" not in shown.columns and "origine" in shown.columns
    assert not any("events[" in s or "footprint." in s for s in shown["origine"])
    assert set(shown["niveau"]) <= {"mesuré", "sur facture", "estimé", "par défaut"}
    keys = report.to_dataframe(labels="keys")
    assert list(keys["path"]) == [line.path for line in report.lines]
    assert list(keys["tier"]) == [line.tier for line in report.lines]
    english = report.to_dataframe(labels="en")
    assert list(english["source"]) != list(shown["origine"])
