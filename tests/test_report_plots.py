"""Every plot is rendered to PNG (Agg) and checked: bars, labels, colours, positions."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import matplotlib
import pytest

matplotlib.use("Agg")

import matplotlib.dates as mdates
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from nqe_events.errors import InputError, UnknownItemError
from nqe_events.model import Programme
from nqe_events.report import (
    clash_event_ids,
    plot_alignment,
    plot_footprint,
    plot_levers,
    plot_timeline,
)
from nqe_events.report.plots import CLASH_COLOR, MIN_BAR_DAYS, THEME_COLORS


def plain(text: str) -> str:
    """The text with no-break spaces (French number formatting) made ordinary spaces."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def programme() -> Programme:
    return Programme.model_validate(
        {
            "season": 2024,
            "name": "Essai",
            "quartiers": [
                {"id": "q1", "name": "Alma", "communes": ["Roubaix"], "departement": "59"},
                {"id": "q2", "name": "Bourgogne", "communes": ["Tourcoing"], "departement": "59"},
            ],
            "organisers": [{"id": "asso", "name": "Asso", "kind": "association"}],
            "venues": [
                {"id": "v1", "name": "City stade", "commune": "Roubaix"},
                {"id": "v2", "name": "Parc", "commune": "Tourcoing"},
            ],
            "events": [
                {
                    "id": "a",
                    "title": "A",
                    "organiser": "asso",
                    "venue": "v1",
                    "quartiers": ["q1"],
                    "themes": ["sport"],
                    "occurrences": [
                        {"start": "2024-07-10T14:00", "end": "2024-07-10T18:00"},
                        {"start": "2024-07-17T14:00", "end": "2024-07-17T18:00"},
                    ],
                },
                {
                    "id": "b",
                    "title": "B",
                    "organiser": "asso",
                    "venue": "v1",
                    "quartiers": ["q1", "q2"],
                    "themes": ["culture"],
                    "occurrences": [{"start": "2024-07-10T16:00", "end": "2024-07-10T20:00"}],
                },
                {
                    "id": "c",
                    "title": "C",
                    "organiser": "asso",
                    "venue": "v2",
                    "quartiers": ["q2"],
                    "occurrences": [{"start": "2024-08-03", "end": "2024-08-04"}],
                    "status": "provisoire",
                },
                {
                    "id": "d",
                    "title": "D",
                    "organiser": "asso",
                    "venue": "v2",
                    "quartiers": ["q2"],
                    "occurrences": [{"start": "2024-08-10", "end": "2024-08-10"}],
                    "status": "annule",
                },
                {
                    "id": "e",
                    "title": "E",
                    "organiser": "asso",
                    "venue": "v2",
                    "quartiers": ["q1"],
                    "to_plan": {"duration": "2 h"},
                },
            ],
        }
    )


def bars(fig: Figure, axis: int = 0) -> list[Rectangle]:
    return [p for p in fig.axes[axis].patches if isinstance(p, Rectangle)]


def save_png(fig: Figure, path: Path) -> tuple[int, int]:
    """Render to PNG and return the image's (height, width) in pixels."""
    import matplotlib.image as mpimg

    fig.savefig(path, dpi=50)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    image = mpimg.imread(path)
    assert image.std() > 0.01  # not a blank canvas
    return image.shape[0], image.shape[1]


def tick_texts(labels: Any) -> list[str]:
    return [t.get_text() for t in labels]


# --- timeline --------------------------------------------------------------------------------


def test_timeline_by_venue_draws_one_bar_per_occurrence(tmp_path: Path) -> None:
    fig = plot_timeline(programme(), by="venue")
    height, width = save_png(fig, tmp_path / "calendrier.png")
    assert (width, height) == (11 * 50, round(max(3.0, 0.38 * 2 + 1.8) * 50))
    found = bars(fig)
    assert sorted(b.get_gid() for b in found) == ["a", "a", "b", "c"]  # d cancelled, e undated
    ax = fig.axes[0]
    assert tick_texts(ax.get_yticklabels()) == ["City stade (Roubaix)", "Parc (Tourcoing)"]
    assert ax.get_title() == "Calendrier de l'été 2024 par lieu"
    # Bars sit at Paris wall time, not UTC: A starts on 10 July at 14:00.
    first_a = min((b for b in found if b.get_gid() == "a"), key=lambda b: b.get_x())
    assert first_a.get_x() == pytest.approx(mdates.date2num(datetime(2024, 7, 10, 14)))
    assert first_a.get_width() == pytest.approx(MIN_BAR_DAYS)  # 4 h, widened to stay visible
    # The all-day occurrence of C covers two whole days; C is tentative, hence pale.
    (bar_c,) = [b for b in found if b.get_gid() == "c"]
    assert bar_c.get_width() == pytest.approx(2.0)
    assert bar_c.get_alpha() == pytest.approx(0.45)
    assert to_rgba(bar_c.get_facecolor(), 1) == to_rgba(THEME_COLORS[""], 1)
    # French month names on the date axis, and the undated event mentioned under the plot.
    assert any("juil." in t or "août" in t for t in tick_texts(ax.get_xticklabels()))
    assert any("1 temps fort sans date non représenté" in t.get_text() for t in fig.texts)


def test_timeline_by_quartier_repeats_an_event_on_each_of_its_quartiers(tmp_path: Path) -> None:
    fig = plot_timeline(programme(), by="quartier")
    save_png(fig, tmp_path / "quartiers.png")
    assert sorted(b.get_gid() for b in bars(fig)) == ["a", "a", "b", "b", "c"]
    assert tick_texts(fig.axes[0].get_yticklabels()) == ["Alma", "Bourgogne"]
    rows_of_b = sorted(b.get_y() + b.get_height() / 2 for b in bars(fig) if b.get_gid() == "b")
    assert rows_of_b == pytest.approx([0.0, 1.0])


def test_timeline_highlights_clashes(tmp_path: Path) -> None:
    clashes = [{"event_ids": ["a", "b"], "rule": "VENUE_OVERLAP"}]
    fig = plot_timeline(programme(), clashes=clashes)
    save_png(fig, tmp_path / "conflits.png")
    red = to_rgba(CLASH_COLOR, 1)
    for bar in bars(fig):
        clashing = bar.get_gid() in ("a", "b")
        assert (to_rgba(bar.get_facecolor(), 1) == red) is clashing
        assert bool(bar.get_hatch()) is clashing
    legend = fig.axes[0].get_legend()
    assert "en conflit" in [t.get_text() for t in legend.get_texts()]


def test_timeline_in_english() -> None:
    fig = plot_timeline(programme(), by="quartier", lang="en")
    assert fig.axes[0].get_title() == "Summer 2024 by quartier"


def test_timeline_without_dated_events_still_returns_a_figure(tmp_path: Path) -> None:
    p = programme()
    fig = plot_timeline(p.with_events(e for e in p.events if e.id == "e"))
    save_png(fig, tmp_path / "vide.png")
    assert bars(fig) == []
    assert "aucun temps fort daté" in [t.get_text() for t in fig.axes[0].texts]


def test_timeline_refuses_an_unknown_grouping() -> None:
    with pytest.raises(InputError, match="venue"):
        plot_timeline(programme(), by="commune")  # type: ignore[arg-type]


def test_timeline_refuses_a_clash_on_an_unknown_event_with_a_suggestion() -> None:
    with pytest.raises(UnknownItemError, match="vouliez-vous dire « b »"):
        plot_timeline(programme(), clashes=[("a", "bb")])


class _Clash:
    def __init__(self, a: str, b: str) -> None:
        self.event_a, self.event_b = a, b


class _Report:
    def __init__(self, clashes: list[Any]) -> None:
        self.clashes = clashes


@pytest.mark.parametrize(
    ("clashes", "expected"),
    [
        (None, set()),
        ([], set()),
        ([{"event_ids": ("a", "b")}], {"a", "b"}),
        ([{"events": ["a", "c"]}], {"a", "c"}),
        ([{"event_id": "c"}], {"c"}),
        ([_Clash("b", "c")], {"b", "c"}),
        ([("a", "b"), "c"], {"a", "b", "c"}),
        (_Report([_Clash("a", "b")]), {"a", "b"}),
        ((x for x in [{"event_ids": ["b"]}]), {"b"}),
    ],
)
def test_clash_protocol(clashes: Any, expected: set[str]) -> None:
    assert clash_event_ids(clashes) == expected


@pytest.mark.parametrize("clashes", [[42], [{"rule": "x"}], 3.5, [{"event_ids": [1, 2]}]])
def test_clash_protocol_refuses_what_it_cannot_read(clashes: Any) -> None:
    with pytest.raises(InputError, match="event_ids"):
        clash_event_ids(clashes)


# --- footprint and levers --------------------------------------------------------------------


def test_footprint_bars_sorted_with_intervals(tmp_path: Path) -> None:
    fig = plot_footprint(
        {
            "restauration": 120.0,
            "transport des publics": (800.0, 500.0, 1300.0),
            "énergie": 40,
        },
        total_interval=(700.0, 1500.0),
        title="Tournoi de foot",
    )
    save_png(fig, tmp_path / "empreinte.png")
    ax = fig.axes[0]
    assert [b.get_width() for b in bars(fig)] == [800.0, 120.0, 40.0]
    labels = tick_texts(ax.get_yticklabels())
    assert labels == ["transport des publics", "restauration", "énergie"]
    assert ax.get_title() == "Tournoi de foot"
    assert ax.get_xlabel() == "Émissions (kg CO₂e)"
    # the one known interval is drawn from 500 to 1300 on the transport row
    (intervals,) = [c for c in ax.collections if c.get_gid() == "intervals"]
    assert [tuple(seg[:, 0]) for seg in intervals.get_segments()] == [(500.0, 1300.0)]
    assert [tuple(seg[:, 1]) for seg in intervals.get_segments()] == [(0.0, 0.0)]
    notes = plain(" ".join(t.get_text() for t in ax.texts))
    assert "Total : 960 kg CO₂e (intervalle : 700 – 1 500)" in notes


def test_footprint_in_tonnes_for_a_season(tmp_path: Path) -> None:
    from nqe_events.units import Q_

    fig = plot_footprint({"transport": Q_(30, "t"), "déchets": 2500})
    save_png(fig, tmp_path / "saison.png")
    assert [b.get_width() for b in bars(fig)] == pytest.approx([30.0, 2.5])
    assert fig.axes[0].get_xlabel() == "Émissions (t CO₂e)"


def test_footprint_empty_and_invalid(tmp_path: Path) -> None:
    fig = plot_footprint({})
    save_png(fig, tmp_path / "vide.png")
    assert bars(fig) == []
    with pytest.raises(InputError, match="positif"):
        plot_footprint({"transport": -3})
    with pytest.raises(InputError, match="bas ≤ haut"):
        plot_footprint({"transport": (10, 20, 12)})
    with pytest.raises(InputError, match="bas ≤ haut"):
        plot_footprint({"transport": 10}, total_interval=(30, 20))


def test_footprint_interval_may_exclude_the_central_value(tmp_path: Path) -> None:
    """Regression: a Monte Carlo 90 % interval can lie above a deterministic central value; the
    plot draws it where it is instead of refusing it or clamping it."""
    fig = plot_footprint({"transport": (100.0, 120.0, 300.0)}, total_interval=(120.0, 300.0))
    save_png(fig, tmp_path / "asymetrique.png")
    (intervals,) = [c for c in fig.axes[0].collections if c.get_gid() == "intervals"]
    assert [tuple(seg[:, 0]) for seg in intervals.get_segments()] == [(120.0, 300.0)]
    with pytest.raises(InputError, match="dictionnaire"):
        plot_footprint([1, 2])  # type: ignore[arg-type]


def test_levers_with_baseline_shares(tmp_path: Path) -> None:
    fig = plot_levers(
        {
            "navette en bus": (300.0, 200.0, 400.0),
            "gobelets réutilisables": 50,
            "groupe électrogène": -20,
        },
        baseline=1000,
    )
    save_png(fig, tmp_path / "leviers.png")
    found = bars(fig)
    assert [b.get_width() for b in found] == [300.0, 50.0, -20.0]
    assert to_rgba(found[2].get_facecolor()) == to_rgba("#95a5a6")  # adds emissions: grey
    labels = [plain(t.get_text()) for t in fig.axes[0].texts]
    assert labels == ["300 (30 %)", "50 (5 %)", "-20 (-2 %)"]


# --- alignment -------------------------------------------------------------------------------


def test_alignment_by_principle(tmp_path: Path) -> None:
    shares = {"fil rouge": 0.75, "temps fort": 1.0, "participation": 0.5, "Rev3": 0.25}
    fig = plot_alignment(shares)
    save_png(fig, tmp_path / "alignement.png")
    assert [b.get_width() for b in bars(fig)] == [75.0, 100.0, 50.0, 25.0]
    assert tick_texts(fig.axes[0].get_yticklabels()) == list(shares)
    assert [plain(t.get_text()) for t in fig.axes[0].texts] == [
        "75 %",
        "100 %",
        "50 %",
        "25 %",
    ]


def test_alignment_with_a_quartier_grid(tmp_path: Path) -> None:
    fig = plot_alignment(
        {"fil rouge": 0.5, "Rev3": 0.25},
        {"Bourgogne": {"fil rouge": 1.0, "Rev3": 0.0}, "Alma": {"fil rouge": 0.0}},
    )
    save_png(fig, tmp_path / "grille.png")
    assert len(fig.axes) == 3  # bars, grid, colour bar
    grid = fig.axes[1]
    assert tick_texts(grid.get_yticklabels()) == ["Alma", "Bourgogne"]
    data = grid.images[0].get_array()
    assert data.tolist() == [[0.0, None], [1.0, 0.0]]  # Alma has no Rev3 figure: masked


def test_alignment_refuses_percentages() -> None:
    with pytest.raises(InputError) as info:
        plot_alignment({"fil rouge": 75})
    assert "divisez par 100" in info.value.render("fr")


def test_import_stays_light() -> None:
    code = (
        "import sys, nqe_events, nqe_events.report; nqe_events.season_summary; "
        "print(sorted(m for m in ('matplotlib', 'pandas') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_long_labels_are_wrapped_not_squeezing_the_plot(tmp_path: Path) -> None:
    """Regression: the rules' principle labels run to 60 characters and took half the figure."""
    label = "Démarche collective et participative avec et pour les habitants"
    fig = plot_alignment({label: 0.25}, {"Alma": {label: 1.0}})
    save_png(fig, tmp_path / "long.png")
    (shown,) = tick_texts(fig.axes[0].get_yticklabels())
    assert shown.replace("\n", " ") == label
    assert max(len(line) for line in shown.splitlines()) <= 28
    (column,) = tick_texts(fig.axes[1].get_xticklabels())
    assert column.replace("\n", " ") == label
