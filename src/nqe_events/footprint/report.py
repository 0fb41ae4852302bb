"""Footprint results: frozen reports with text, JSON, HTML (Jupyter) and DataFrame renderings."""

from __future__ import annotations

from typing import Any, NamedTuple

from pydantic import Field

from .. import _render
from ..errors import did_you_mean, get_language
from ..model.base import NqeModel
from . import messages as msg

__all__ = ["FootprintReport", "LeverResult", "LineResult", "NoteResult", "SeasonFootprint"]


#: JSON figures keep this many significant figures (one rule for every field).
SIGNIFICANT_FIGURES = 4


def _r(value: float, digits: int = SIGNIFICANT_FIGURES) -> float | None:
    """``value`` to ``digits`` significant figures (``12345.678`` → ``12350.0``, ``0.0012345`` →
    ``0.001234``); ``None`` for a value that is not finite (JSON has no NaN)."""
    value = float(value)
    if value != value or value in (float("inf"), float("-inf")):
        return None
    if value == 0:
        return 0.0
    return float(f"{value:.{digits}g}")


def _equivalents_text(equivalents: dict[str, float], lang: str) -> str:
    """« soit autant que 1 234 km en voiture, ou 56 repas avec du bœuf »."""
    from .equivalents import list_equivalents

    parts = []
    for eq in list_equivalents():
        if eq.id in equivalents:
            n = msg.number(equivalents[eq.id], lang, 0)
            parts.append((eq.text_fr if lang == "fr" else eq.text_en).format(n=n))
    if not parts:
        return ""
    joiner = ", ou " if lang == "fr" else ", or "
    return msg.text("equivalents", lang, text=joiner.join(parts))


def _intervals_dict(intervals: dict[str, tuple[float, float]]) -> dict[str, list[float | None]]:
    return {k: [_r(lo), _r(hi)] for k, (lo, hi) in intervals.items()}


def _category_line(
    category: str,
    value: float,
    interval: tuple[float, float] | None,
    lang: str,
    digits: int,
) -> str:
    """``    mobilité des publics     11 234,5 kgCO2e (10 102,3 – 12 845,0)``."""
    num = msg.number
    line = f"    {msg.category_label(category, lang):<22} {num(value, lang, digits):>12} kgCO2e"
    if interval is not None:
        line += f" ({num(interval[0], lang, digits)} – {num(interval[1], lang, digits)})"
    return line


class LineResult(NamedTuple):
    """One ``quantity × factor`` line of an event (``quantity`` in ``unit``, the factor's activity
    unit)."""

    category: str
    factor: str
    quantity: float
    unit: str
    kgco2e: float
    tier: str
    default: bool
    path: str


class NoteResult(NamedTuple):
    """A default applied or a part not declared (so that nothing is a silent zero)."""

    code: str
    path: str
    args: tuple[tuple[str, str], ...] = ()

    def render(self, lang: str | None = None) -> str:
        return msg.note_text(self.code, self.args, get_language(lang))


class LeverResult(NamedTuple):
    """The change in kgCO2e (negative = saving) if a lever were applied, with its 90 % interval."""

    lever: str
    event_id: str
    delta_kgco2e: float
    interval_90: tuple[float, float]
    difficulty: str
    amount: float

    def label(self, lang: str | None = None) -> str:
        return msg.lever_label(self.lever, get_language(lang))

    def to_dict(self) -> dict[str, Any]:
        return {
            "lever": self.lever,
            "label": self.label(),
            "delta_kgco2e": _r(self.delta_kgco2e),
            "interval_90": [_r(self.interval_90[0]), _r(self.interval_90[1])],
            "difficulty": self.difficulty,
        }

    def to_text(self, lang: str | None = None) -> str:
        lang = get_language(lang)
        return msg.text(
            "lever_line",
            lang,
            label=self.label(lang),
            delta=msg.number(self.delta_kgco2e, lang),
            lo=msg.number(self.interval_90[0], lang),
            hi=msg.number(self.interval_90[1], lang),
            difficulty=msg.difficulty_label(self.difficulty, lang),
        )

    def __repr__(self) -> str:
        return f"<LeverResult {self.lever} on {self.event_id}: {self.delta_kgco2e:+.1f} kgCO2e>"


def _html_interval(
    intervals: dict[str, tuple[float, float]], category: str, lang: str | None = None
) -> str:
    if category not in intervals:
        return ""
    lo, hi = intervals[category]
    return f"{msg.number(lo, get_language(lang))} – {msg.number(hi, get_language(lang))}"


def _n(value: float, lang: str, digits: int = 1, *, sign: bool = False) -> str:
    """A number in the reader's format; ``sign`` shows + for a positive value."""
    text = msg.number(value, lang, digits)
    return f"+{text}" if sign and value > 0 else text


class FootprintReport(NqeModel):
    """The footprint of one event: total, postes, intensities, interval, defaults share, levers."""

    event_id: str
    title: str
    factors: dict[str, str]
    total_kgco2e: float
    median_kgco2e: float
    interval_90: tuple[float, float]
    by_category: dict[str, float]
    #: Each poste's 90 % Monte Carlo interval ``(P5, P95)`` in kgCO2e (``(0, 0)`` without lines).
    by_category_interval_90: dict[str, tuple[float, float]]
    attendance: int
    hours: float
    per_attendee_kgco2e: float | None
    per_attendee_hour_kgco2e: float | None
    defaults_share: float
    levers: tuple[LeverResult, ...]
    lines: tuple[LineResult, ...]
    notes: tuple[NoteResult, ...]
    water_m3: float
    waste_kg: float
    quartiers: tuple[str, ...]
    themes: tuple[str, ...]
    draws: int
    seed: int
    #: everyday equivalents of the total (``{"car-km": …, "beef-meal": …}``, data/equivalents.toml)
    equivalents: dict[str, float] = Field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when no input came from a default (the data is complete)."""
        return self.defaults_share == 0.0 and not any(
            n.code.startswith("default") or n.code == "no_section" for n in self.notes
        )

    def to_dict(self) -> dict[str, Any]:
        """The event entry of the JSON output."""
        return {
            "id": self.event_id,
            "title": self.title,
            "total_kgco2e": _r(self.total_kgco2e),
            "median_kgco2e": _r(self.median_kgco2e),
            "interval_90": [_r(self.interval_90[0]), _r(self.interval_90[1])],
            "per_attendee_kgco2e": None
            if self.per_attendee_kgco2e is None
            else _r(self.per_attendee_kgco2e),
            "per_attendee_hour_kgco2e": None
            if self.per_attendee_hour_kgco2e is None
            else _r(self.per_attendee_hour_kgco2e),
            "attendance": self.attendance,
            "by_category": {k: _r(v) for k, v in self.by_category.items()},
            "by_category_interval_90": _intervals_dict(self.by_category_interval_90),
            "defaults_share": _r(self.defaults_share),
            "equivalents": {k: _r(v) for k, v in self.equivalents.items()},
            "levers": [lv.to_dict() for lv in self.levers],
            "water_m3": _r(self.water_m3),
            "waste_kg": _r(self.waste_kg),
            "notes": [{"code": n.code, "path": n.path, "message": n.render()} for n in self.notes],
            "factors": dict(self.factors),
        }

    def to_json(self, indent: int | None = 2) -> str:
        return _render.json_text(self.to_dict(), indent)

    def to_text(self, lang: str | None = None) -> str:
        lang = get_language(lang)
        num = msg.number
        out = [
            msg.text("event_head", lang, title=self.title, id=self.event_id),
            "  "
            + msg.text(
                "total",
                lang,
                total=num(self.total_kgco2e, lang),
                lo=num(self.interval_90[0], lang),
                hi=num(self.interval_90[1], lang),
            ),
        ]
        if self.per_attendee_kgco2e is not None:
            pah = self.per_attendee_hour_kgco2e
            out.append(
                "  "
                + msg.text(
                    "per_attendee",
                    lang,
                    pa=num(self.per_attendee_kgco2e, lang, 3),
                    n=self.attendance,
                    pah="–" if pah is None else num(pah, lang, 4),
                )
            )
        out.append(
            "  "
            + msg.text("defaults_share", lang, share=_render.percent(self.defaults_share, lang))
        )
        if self.equivalents:
            out.append("  " + _equivalents_text(self.equivalents, lang))
        for c, v in self.by_category.items():
            if v > 0:
                out.append(_category_line(c, v, self.by_category_interval_90.get(c), lang, 1))
        out.append("  " + msg.text("levers", lang))
        if self.levers:
            out.extend("    - " + lv.to_text(lang) for lv in self.levers)
        else:
            out.append("    - " + msg.text("no_lever", lang))
        if self.notes:
            out.append("  " + msg.text("notes", lang))
            out.extend(f"    · {n.render(lang)}" for n in self.notes)
        out.append("  " + msg.text("factors", lang, **self.factors))
        return "\n".join(out)

    def to_dataframe(self, *, labels: str | None = None) -> Any:
        """One row per activity line (needs the ``notebook`` extra), with the 90 % interval of the
        line's poste in ``category_p5`` and ``category_p95``; ``source`` says in words what the
        line comes from (« boissons : bière »). French column labels and tiers by default,
        ``labels="keys"`` for the machine keys and codes, and then ``path`` (the field,
        ``events[0].footprint…``) too."""
        lang = labels if labels in ("fr", "en") else get_language()
        records = []
        for line in self.lines:
            lo, hi = self.by_category_interval_90.get(line.category, (0.0, 0.0))
            record = line._asdict()
            path = record.pop("path")
            fallback = msg.category_label(line.category, lang)
            record["source"] = msg.source_label(path, lang, fallback)
            if labels == "keys":
                record["path"] = path
            else:
                record["tier"] = msg._pick(msg.TIER_LABELS.get(line.tier, (line.tier,) * 2), lang)
            records.append({**record, "category_p5": lo, "category_p95": hi})
        return _render.dataframe(records, labels=labels)

    def _repr_html_(self) -> str:
        lang = get_language()
        rows = [
            [
                msg.category_label(c, lang),
                _n(v, lang),
                _html_interval(self.by_category_interval_90, c, lang),
            ]
            for c, v in self.by_category.items()
        ]
        rows.append(
            [
                "total",
                _n(self.total_kgco2e, lang),
                f"{_n(self.interval_90[0], lang)} – {_n(self.interval_90[1], lang)}",
            ]
        )
        for lv in self.levers:
            lo, hi = lv.interval_90
            rows.append(
                [
                    lv.label(lang),
                    _n(lv.delta_kgco2e, lang, sign=True),
                    f"{_n(lo, lang, sign=True)} – {_n(hi, lang, sign=True)}",
                ]
            )
        return _render.html_table(
            ["poste" if lang == "fr" else "category", "kgCO2e", _render.percent(0.9, lang)],
            rows,
            caption=f"{self.title} ({self.event_id}) — "
            + msg.text("factors", lang, **self.factors)
            + (f" — {_equivalents_text(self.equivalents, lang)}" if self.equivalents else ""),
        )

    def __repr__(self) -> str:
        lo, hi = self.interval_90
        return (
            f"<FootprintReport {self.event_id}: {self.total_kgco2e:.1f} kgCO2e "
            f"[{lo:.1f}, {hi:.1f}], defaults {self.defaults_share:.0%}>"
        )

    __str__ = __repr__


class SeasonFootprint(NqeModel):
    """The footprint of a season: every event's report, totals by poste, quartier and theme, and an
    interval in which each factor's error is shared by all events."""

    factors: dict[str, str]
    events: tuple[FootprintReport, ...]
    total_kgco2e: float
    median_kgco2e: float
    interval_90: tuple[float, float]
    by_category: dict[str, float]
    #: Each poste's 90 % interval over the season (factor errors shared by all events).
    by_category_interval_90: dict[str, tuple[float, float]]
    by_quartier: dict[str, float]
    by_theme: dict[str, float]
    defaults_share: float
    attendance: int
    per_attendee_kgco2e: float | None
    draws: int
    seed: int
    #: everyday equivalents of the season's total (data/equivalents.toml)
    equivalents: dict[str, float] = Field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.events)

    def event(self, event_id: str) -> FootprintReport:
        for r in self.events:
            if r.event_id == event_id:
                return r
        from ..errors import UnknownItemError

        dym_fr, dym_en = did_you_mean(event_id, [r.event_id for r in self.events])
        raise UnknownItemError(
            f"aucun événement « {event_id} »" + dym_fr,
            f"no event '{event_id}'" + dym_en,
        )

    def season_dict(self) -> dict[str, Any]:
        return {
            "events": len(self.events),
            "total_kgco2e": _r(self.total_kgco2e),
            "median_kgco2e": _r(self.median_kgco2e),
            "interval_90": [_r(self.interval_90[0]), _r(self.interval_90[1])],
            "per_attendee_kgco2e": None
            if self.per_attendee_kgco2e is None
            else _r(self.per_attendee_kgco2e),
            "attendance": self.attendance,
            "defaults_share": _r(self.defaults_share),
            "equivalents": {k: _r(v) for k, v in self.equivalents.items()},
            "by_category": {k: _r(v) for k, v in self.by_category.items()},
            "by_category_interval_90": _intervals_dict(self.by_category_interval_90),
            "by_quartier": {k: _r(v) for k, v in self.by_quartier.items()},
            "by_theme": {k: _r(v) for k, v in self.by_theme.items()},
            "draws": self.draws,
            "seed": self.seed,
        }

    def to_dict(self) -> dict[str, Any]:
        """``{"factors", "events": [...], "season": {...}}``."""
        return {
            "factors": dict(self.factors),
            "events": [r.to_dict() for r in self.events],
            "season": self.season_dict(),
        }

    def to_json(self, indent: int | None = 2) -> str:
        return _render.json_text(self.to_dict(), indent)

    def to_text(self, lang: str | None = None, *, events: bool = True) -> str:
        lang = get_language(lang)
        num = msg.number
        out = [
            msg.text(
                "season_head",
                lang,
                n=len(self.events),
                total=num(self.total_kgco2e, lang, 0),
                lo=num(self.interval_90[0], lang, 0),
                hi=num(self.interval_90[1], lang, 0),
            ),
            "  "
            + msg.text("defaults_share", lang, share=_render.percent(self.defaults_share, lang)),
        ]
        if self.equivalents:
            out.append("  " + _equivalents_text(self.equivalents, lang))
        out += [
            "  " + msg.text("by_category", lang),
        ]
        for c, v in self.by_category.items():
            out.append(_category_line(c, v, self.by_category_interval_90.get(c), lang, 0))
        out.append("  " + msg.text("by_quartier", lang))
        out.extend(
            f"    {q:<30} {num(v, lang, 0):>12} kgCO2e"
            for q, v in list(self.by_quartier.items())[:10]
        )
        out.append("  " + msg.text("by_theme", lang))
        out.extend(f"    {t:<30} {num(v, lang, 0):>12} kgCO2e" for t, v in self.by_theme.items())
        out.append("  " + msg.text("factors", lang, **self.factors))
        if events:
            for r in self.events:
                out.append("")
                out.append(r.to_text(lang))
        return "\n".join(out)

    def to_dataframe(self, *, labels: str | None = None) -> Any:
        """One row per event (needs the ``notebook`` extra): the total and its interval, then each
        poste's kgCO2e and its interval in ``<poste>_p5`` and ``<poste>_p95``; French column
        labels by default, ``labels="keys"`` for the machine keys."""
        records = []
        for r in self.events:
            row: dict[str, Any] = {
                "id": r.event_id,
                "total_kgco2e": r.total_kgco2e,
                "p5": r.interval_90[0],
                "p95": r.interval_90[1],
                "attendance": r.attendance,
                "per_attendee_kgco2e": r.per_attendee_kgco2e,
                "defaults_share": r.defaults_share,
            }
            for c, v in r.by_category.items():
                lo, hi = r.by_category_interval_90.get(c, (0.0, 0.0))
                row[c] = v
                row[f"{c}_p5"] = lo
                row[f"{c}_p95"] = hi
            records.append(row)
        return _render.dataframe(records, labels=labels)

    def _repr_html_(self) -> str:
        lang = get_language()
        rows = [
            [
                r.event_id,
                _n(r.total_kgco2e, lang),
                f"{_n(r.interval_90[0], lang)} – {_n(r.interval_90[1], lang)}",
                "" if r.per_attendee_kgco2e is None else _n(r.per_attendee_kgco2e, lang, 3),
                _render.percent(r.defaults_share, lang),
            ]
            for r in self.events
        ]
        rows.append(
            [
                "saison" if lang == "fr" else "season",
                _n(self.total_kgco2e, lang),
                f"{_n(self.interval_90[0], lang)} – {_n(self.interval_90[1], lang)}",
                "" if self.per_attendee_kgco2e is None else _n(self.per_attendee_kgco2e, lang, 3),
                _render.percent(self.defaults_share, lang),
            ]
        )
        colon = " : " if lang == "fr" else ": "
        rows.extend(
            [
                f"{'poste' if lang == 'fr' else 'category'}{colon}{msg.category_label(c, lang)}",
                _n(v, lang),
                _html_interval(self.by_category_interval_90, c, lang),
                "",
                "",
            ]
            for c, v in self.by_category.items()
            if v > 0
        )
        heads = ["id", "kgCO2e", _render.percent(0.9, lang), "kgCO2e/pers."]
        heads.append("défauts" if lang == "fr" else "defaults")
        return _render.html_table(heads, rows, caption=msg.text("factors", lang, **self.factors))

    def __repr__(self) -> str:
        lo, hi = self.interval_90
        return (
            f"<SeasonFootprint {len(self.events)} events: {self.total_kgco2e:.0f} kgCO2e "
            f"[{lo:.0f}, {hi:.0f}]>"
        )

    __str__ = __repr__
