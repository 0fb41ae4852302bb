"""The season summary (« bilan »): the figures the Region reports for a season of NQE.

>>> from nqe_events.report import season_summary
>>> summary = season_summary(programme)                       # doctest: +SKIP
>>> print(summary.to_text())                                  # doctest: +SKIP

What is counted (cancelled events are left out of every figure except ``cancelled``):

- ``temps_forts``: events not cancelled, dated or still to plan;
- ``event_days``: the calendar days of each dated event, summed over events;
- ``towns``: distinct communes of the venues used and of the quartiers served;
- ``quartiers``: distinct quartiers served; ``organisers``: distinct lead applicants (porteurs);
  ``partners``: distinct partner organisations that lead no event;
- ``volunteer_inhabitants``, ``expected_attendance``, ``budget_eur``, ``region_eur``: sums of what
  the events declare; an event that does not say is listed in a finding (so ``ok`` is ``False``),
  never counted as zero silently.

Results computed by other packages are passed either as the report objects themselves or as plain
mappings (for figures computed elsewhere):

- ``alignment``: a :class:`nqe_events.rules.ProgrammeReport` (``check_programme(programme)``), or a
  mapping principle → share of temps forts aligned with it, between 0 and 1
  (``{"fil-rouge": 0.8, "temps-fort": 1.0}``). From a report, only the real principles count
  (role ``principle``, not the eligibility gate nor the warnings) and a temps fort is aligned with a
  principle when its status is ``met``; cancelled events are left out
  (see :mod:`nqe_events.report.adapters`);
- ``footprint``: a :class:`nqe_events.footprint.SeasonFootprint` (``estimate_programme(programme)``),
  or ``{"total_kgco2e": 41000.0}`` with optional ``"low_kgco2e"``, ``"high_kgco2e"``
  (an interval, ``low <= high``) and ``"per_attendee_kgco2e"``; values may be numbers, pint
  quantities or ``None`` (unknown). Without ``per_attendee_kgco2e`` the figure per attendee is
  ``total / expected_attendance``.

:func:`season_summary_full` computes both with the default rules and emission factors.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from pydantic import Field

from .._render import dataframe, html_table
from ..errors import ErrorDetail, InputError, closest, get_language
from ..model import EventStatus, Programme
from ..model.base import Euros, NqeModel
from ._inputs import as_kg, as_share, check_mapping
from ._texts import both, fmt_number, fmt_share, text
from .adapters import (
    alignment_by_principle,
    footprint_figures,
    is_footprint_report,
    is_programme_report,
)

if TYPE_CHECKING:
    from ..footprint import SeasonFootprint
    from ..rules import ProgrammeReport

__all__ = [
    "PrincipleShare",
    "SeasonSummary",
    "SummaryFinding",
    "season_summary",
    "season_summary_full",
]

FOOTPRINT_KEYS = ("total_kgco2e", "low_kgco2e", "high_kgco2e", "per_attendee_kgco2e")
_MAX_IDS = 5


class PrincipleShare(NqeModel):
    """The share of the season's temps forts aligned with one principle."""

    principle: str = Field(min_length=1)
    share: float = Field(ge=0, le=1)
    label_fr: str | None = None
    label_en: str | None = None

    def label(self, lang: str | None = None) -> str:
        """The principle's label in ``lang`` (its name when no label is known)."""
        chosen = self.label_fr if get_language(lang) == "fr" else self.label_en
        return chosen or self.principle


class SummaryFinding(NqeModel):
    """A gap in the data behind the summary (events that do not declare a figure)."""

    code: str
    event_ids: tuple[str, ...]
    message_fr: str
    message_en: str

    def message(self, lang: str | None = None) -> str:
        return self.message_fr if get_language(lang) == "fr" else self.message_en


class SeasonSummary(NqeModel):
    """The figures of a season's bilan; ``ok`` is ``True`` when no event leaves a figure unknown."""

    season: int
    name: str
    temps_forts: int = Field(ge=0)
    provisional: int = Field(ge=0)
    undated: int = Field(ge=0)
    cancelled: int = Field(ge=0)
    event_days: int = Field(ge=0)
    towns: int = Field(ge=0)
    town_names: tuple[str, ...] = ()
    quartiers: int = Field(ge=0)
    organisers: int = Field(ge=0)
    partners: int = Field(ge=0)
    volunteer_inhabitants: int = Field(ge=0)
    expected_attendance: int = Field(ge=0)
    budget_eur: Euros
    region_eur: Euros
    alignment: tuple[PrincipleShare, ...] = ()
    footprint_kgco2e: float | None = None
    footprint_low_kgco2e: float | None = None
    footprint_high_kgco2e: float | None = None
    per_attendee_kgco2e: float | None = None
    #: the footprint in everyday terms (``{"car-km": …, "beef-meal": …}``, data/equivalents.toml)
    footprint_equivalents: dict[str, float] = Field(default_factory=dict)
    findings: tuple[SummaryFinding, ...] = ()

    @property
    def ok(self) -> bool:
        """``True`` when every counted event has dates, attendance, budget and volunteers."""
        return not self.findings

    @property
    def region_share(self) -> float | None:
        """Regional subsidy / total budget (``None`` when the budget is zero)."""
        return float(self.region_eur / self.budget_eur) if self.budget_eur else None

    # --- renderings --------------------------------------------------------------------------

    def indicators(self, lang: str | None = None) -> list[tuple[str, str, Any, str, str]]:
        """One row per figure: ``(key, label, value, displayed value, unit)``."""
        lang = get_language(lang)
        n = fmt_number
        rows: list[tuple[str, str, Any, str, str]] = []

        def add(key: str, value: Any, shown: str, unit: str = "", label: str | None = None) -> None:
            rows.append((key, label or text(f"ind.{key}", lang), value, shown, unit))

        for key in ("temps_forts", "provisional", "undated", "cancelled", "event_days", "towns"):
            add(key, getattr(self, key), n(getattr(self, key), lang))
        for key in ("quartiers", "organisers", "partners", "volunteer_inhabitants"):
            add(key, getattr(self, key), n(getattr(self, key), lang))
        add("expected_attendance", self.expected_attendance, n(self.expected_attendance, lang))
        add("budget_eur", self.budget_eur, n(self.budget_eur, lang) + "\u00a0€", "EUR")
        add("region_eur", self.region_eur, n(self.region_eur, lang) + "\u00a0€", "EUR")
        share = self.region_share
        add(
            "region_share",
            share,
            text("summary.none", lang) if share is None else fmt_share(share, lang),
            "1",
        )
        for item in self.alignment:
            add(
                f"alignment.{item.principle}",
                item.share,
                fmt_share(item.share, lang),
                "1",
                label=text("ind.alignment", lang, principle=item.label(lang)),
            )
        if self.footprint_kgco2e is not None:
            add(
                "footprint_kgco2e",
                self.footprint_kgco2e,
                n(self.footprint_kgco2e, lang) + "\u00a0kg\u00a0CO₂e",
                "kgCO2e",
                label=text("ind.footprint", lang),
            )
            if self.footprint_low_kgco2e is not None and self.footprint_high_kgco2e is not None:
                low, high = self.footprint_low_kgco2e, self.footprint_high_kgco2e
                add(
                    "footprint_interval_kgco2e",
                    (low, high),
                    f"{n(low, lang)} – {n(high, lang)}\u00a0kg\u00a0CO₂e",
                    "kgCO2e",
                    label=text("ind.footprint_interval", lang),
                )
        if self.footprint_equivalents:
            from ..footprint.equivalents import list_equivalents

            for eq in list_equivalents():
                if eq.id in self.footprint_equivalents:
                    count = self.footprint_equivalents[eq.id]
                    shown = (eq.text_fr if lang == "fr" else eq.text_en).format(
                        n=n(round(count), lang)
                    )
                    add(
                        f"footprint_equivalent.{eq.id}",
                        count,
                        shown,
                        eq.id,
                        label=text("ind.footprint_equivalent", lang),
                    )
        if self.per_attendee_kgco2e is not None:
            add(
                "per_attendee_kgco2e",
                self.per_attendee_kgco2e,
                n(self.per_attendee_kgco2e, lang, 1) + "\u00a0kg\u00a0CO₂e",
                "kgCO2e",
                label=text("ind.per_attendee", lang),
            )
        return rows

    def to_text(self, lang: str | None = None) -> str:
        """The bilan as plain text (French by default)."""
        lang = get_language(lang)
        rows = self.indicators(lang)
        width = max(len(label) for _, label, _, _, _ in rows)
        lines = [text("summary.title", lang, season=self.season, name=self.name)]
        lines += [f"  {label.ljust(width)}  {shown}" for _, label, _, shown, _ in rows]
        if self.findings:
            colon = " :" if lang == "fr" else ":"
            lines.append(text("summary.attention", lang) + colon)
            lines += [f"  - {f.message(lang)}" for f in self.findings]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.to_text()

    def __repr__(self) -> str:
        return (
            f"SeasonSummary(season={self.season}, temps_forts={self.temps_forts}, "
            f"quartiers={self.quartiers}, expected_attendance={self.expected_attendance}, "
            f"ok={self.ok})"
        )

    def _repr_html_(self) -> str:
        lang = get_language()
        rows = [(label, shown) for _, label, _, shown, _ in self.indicators(lang)]
        classes: list[str | None] = [None] * len(rows)
        for finding in self.findings:
            rows.append((text("summary.attention", lang), finding.message(lang)))
            classes.append("nqe-warn")
        return html_table(
            [text("summary.indicator", lang), text("summary.value", lang)],
            rows,
            caption=text("summary.title", lang, season=self.season, name=self.name),
            classes=classes,
            numeric=(1,),  # the findings' rows (nqe-warn) stay left-aligned text
        )

    def to_html(self, images: Any = (), lang: str | None = None) -> str:
        """The bilan as a printable, self-contained HTML page (see :func:`~.page.bilan_html`)."""
        from .page import bilan_html

        return bilan_html(self, images, lang=lang)

    def to_dict(self) -> dict[str, Any]:
        """The summary as JSON-ready data (amounts in euros as numbers)."""
        data = self.model_dump(mode="json")
        data["ok"] = self.ok
        data["region_share"] = self.region_share
        return data

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def to_dataframe(self, lang: str | None = None, *, labels: str | None = None) -> Any:
        """A ``pandas.DataFrame`` with one row per figure: key, label, value, unit (French column
        labels by default, ``labels="keys"`` for indicator/label/value/unit)."""
        records = [
            {"indicator": key, "label": label, "value": value, "unit": unit}
            for key, label, value, _, unit in self.indicators(lang)
        ]
        columns = ["indicator", "label", "value", "unit"]
        return dataframe(records, columns=columns, labels=labels or lang)


def _finding(code: str, ids: list[str]) -> SummaryFinding:
    shown = ", ".join(ids[:_MAX_IDS]) + ("…" if len(ids) > _MAX_IDS else "")
    fr, en = both(f"finding.{code}", count=len(ids), ids=shown)
    return SummaryFinding(code=code, event_ids=tuple(ids), message_fr=fr, message_en=en)


def _equivalents(footprint: Any, total: float | None) -> dict[str, float]:
    """The season footprint's everyday equivalents: those of a SeasonFootprint, or for a plain
    total those of the default factor set."""
    if total is None:
        return {}
    found = getattr(footprint, "equivalents", None)
    if isinstance(found, dict):
        return dict(found)
    from ..footprint import load_factors
    from ..footprint.equivalents import equivalents_of

    return equivalents_of(total, load_factors())


def _alignment(alignment: Any, programme: Programme) -> tuple[PrincipleShare, ...]:
    if alignment is None:
        return ()
    if is_programme_report(alignment):
        shares = alignment_by_principle(alignment, programme=programme, keys="id")
        labels = alignment.principle_labels
        return tuple(
            PrincipleShare(
                principle=pid,
                share=share,
                label_fr=labels.get(pid, (pid, pid))[0],
                label_en=labels.get(pid, (pid, pid))[1],
            )
            for pid, share in shares.items()
        )
    mapping = check_mapping(alignment, "alignment")
    return tuple(
        PrincipleShare(principle=str(k), share=as_share(v, str(k), "alignment"))
        for k, v in mapping.items()
    )


def _footprint(footprint: Any) -> dict[str, float | None]:
    out: dict[str, float | None] = dict.fromkeys(FOOTPRINT_KEYS)
    if footprint is None:
        return out
    if is_footprint_report(footprint):
        from ..footprint import SeasonFootprint

        if not isinstance(footprint, SeasonFootprint):  # one event's report is not a season
            raise InputError(*both("err.footprint_event"))
        footprint = footprint_figures(footprint)
    mapping = check_mapping(footprint, "footprint")
    for key, value in mapping.items():
        if key not in FOOTPRINT_KEYS:
            guess = closest(str(key), FOOTPRINT_KEYS)
            fr, en = both("err.footprint_keys", key=key)
            raise InputError(
                fr,
                en,
                details=[
                    ErrorDetail(
                        f"footprint[{key!r}]",
                        fr,
                        en,
                        hint_fr=f"vouliez-vous dire « {guess[0]} » ?" if guess else None,
                        hint_en=f"did you mean '{guess[0]}'?" if guess else None,
                    )
                ],
            )
        if value is not None:  # None: not known (a per-attendee figure without attendance)
            out[key] = as_kg(value, key, "footprint")
    total, low, high = out["total_kgco2e"], out["low_kgco2e"], out["high_kgco2e"]
    if total is None:
        raise InputError(*both("err.footprint_total"))
    if low is not None and high is not None and low > high:
        raise InputError(*both("err.interval", key="footprint", value=(low, high)))
    return out


def season_summary(
    programme: Programme,
    *,
    alignment: ProgrammeReport | Mapping[str, Any] | None = None,
    footprint: SeasonFootprint | Mapping[str, Any] | None = None,
) -> SeasonSummary:
    """The bilan of ``programme``: counts, sums and, when given, alignment shares and footprint.

    ``alignment`` is the :class:`~nqe_events.rules.ProgrammeReport` of ``check_programme``, or a
    mapping of each principle to the share (0–1) of temps forts aligned with it; ``footprint`` is
    the :class:`~nqe_events.footprint.SeasonFootprint` of ``estimate_programme``, or a mapping with
    ``total_kgco2e`` and optionally ``low_kgco2e``, ``high_kgco2e``, ``per_attendee_kgco2e`` (see
    the module docstring). Bad values raise ``InputError``.

    >>> import nqe_events as nqe
    >>> programme = nqe.load_example()
    >>> bilan = nqe.season_summary(programme, footprint={"total_kgco2e": 30000})
    >>> bilan.footprint_kgco2e
    30000.0
    """
    shares = _alignment(alignment, programme)
    fp = _footprint(footprint)
    quartiers = {q.id: q for q in programme.quartiers}
    venues = {v.id: v for v in programme.venues}
    counted = [e for e in programme.events if e.status is not EventStatus.CANCELLED]

    towns: dict[str, str] = {}  # case-folded → first spelling met

    def town(name: str) -> None:
        towns.setdefault(" ".join(name.split()).casefold(), " ".join(name.split()))

    served: set[str] = set()
    organisers: set[str] = set()
    partners: set[str] = set()
    volunteers = attendance = event_days = 0
    budget = region = Decimal(0)
    gaps: dict[str, list[str]] = {
        "undated": [],
        "attendance_unknown": [],
        "budget_unknown": [],
        "volunteers_unknown": [],
    }
    for event in counted:
        town(venues[event.venue].commune)
        served.update(event.quartiers)
        for q in event.quartiers:
            for commune in quartiers[q].communes:
                town(commune)
        organisers.add(event.organiser)
        partners.update(event.partners)
        event_days += len(event.days)
        if not event.occurrences:
            gaps["undated"].append(event.id)
        if event.expected_attendance is None:
            gaps["attendance_unknown"].append(event.id)
        else:
            attendance += event.expected_attendance
        if event.budget is None:
            gaps["budget_unknown"].append(event.id)
        else:
            budget += event.budget.total_eur
            region += event.budget.region_eur
        given = event.participation.volunteer_inhabitants if event.participation else None
        if given is None:
            gaps["volunteers_unknown"].append(event.id)
        else:
            volunteers += given

    per_attendee = fp["per_attendee_kgco2e"]
    if per_attendee is None and fp["total_kgco2e"] is not None and attendance > 0:
        per_attendee = fp["total_kgco2e"] / attendance
    return SeasonSummary(
        season=programme.season,
        name=programme.name,
        temps_forts=len(counted),
        provisional=sum(e.status is EventStatus.TENTATIVE for e in counted),
        undated=len(gaps["undated"]),
        cancelled=len(programme.events) - len(counted),
        event_days=event_days,
        towns=len(towns),
        town_names=tuple(sorted(towns.values(), key=str.casefold)),
        quartiers=len(served),
        organisers=len(organisers),
        partners=len(partners - organisers),
        volunteer_inhabitants=volunteers,
        expected_attendance=attendance,
        budget_eur=budget,
        region_eur=region,
        alignment=shares,
        footprint_kgco2e=fp["total_kgco2e"],
        footprint_low_kgco2e=fp["low_kgco2e"],
        footprint_high_kgco2e=fp["high_kgco2e"],
        per_attendee_kgco2e=per_attendee,
        footprint_equivalents=_equivalents(footprint, fp["total_kgco2e"]),
        findings=tuple(_finding(code, ids) for code, ids in gaps.items() if ids),
    )


def season_summary_full(
    programme: Programme,
    *,
    rules: Any = None,
    factors: Any = None,
) -> SeasonSummary:
    """The bilan with everything computed: ``check_programme(programme, rules)`` for the alignment
    and ``estimate_programme(programme, factors)`` for the footprint (default rules of the season
    and default emission factors when not given).

    >>> import nqe_events as nqe
    >>> bilan = nqe.season_summary_full(nqe.load_example())
    >>> print(", ".join(p.principle for p in bilan.alignment))
    fil-rouge, temps-fort, participation, rev3
    """
    from ..footprint import estimate_programme
    from ..rules import check_programme

    return season_summary(
        programme,
        alignment=check_programme(programme, rules),
        footprint=estimate_programme(programme, factors),
    )
