"""The ``planning:`` section of a programme: how clashes are found and how the planner works.

Every field has a default, so a programme without a ``planning:`` section is checked with
sensible rules: one event at a time per venue, shared resources within their capacity, one team
per organiser, at most one temps fort per quartier per day, events between 09:00 and midnight
inside the season (1 July – 31 August unless told otherwise, as the alignment rules' eligible
period).

The rules themselves (codes, severities, weights, labels) are defined once in
:mod:`nqe_events.calendar.constraints`; this model only holds their settings.
"""

from __future__ import annotations

from datetime import date, time
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from .base import Buffer, Day, Float, Int, NqeModel, check_span
from .calendar_terms import RuleCode, Weekday, Wish
from .event import Occurrence, normalise_token

__all__ = [
    "Blackout",
    "PlanningConfig",
    "RuleCode",
    "Weekday",
    "Wish",
    "minutes_of",
]


WeekdayField = Annotated[Weekday, BeforeValidator(normalise_token)]
WishField = Annotated[Wish, BeforeValidator(normalise_token)]
RuleCodeField = Annotated[
    RuleCode, BeforeValidator(lambda v: v.strip().upper() if isinstance(v, str) else v)
]


class Blackout(Occurrence):
    """A period when nothing may happen (programme-wide) or a venue is closed (``Venue.closures``).

    Written like an occurrence: two dates for whole days (end date inclusive), or two date-times.
    ``label`` says why ("travaux", "14 juillet au soir").
    """


def minutes_of(value: Any) -> int:
    """Whole minutes of a pint duration (``None`` → 0)."""
    if value is None:
        return 0
    return round(float(value.to("minute").magnitude))


def _non_negative(value: Any) -> Any:
    if value is not None and float(value.to("minute").magnitude) < 0:
        raise PydanticCustomError("negative_duration", "une durée ne peut pas être négative", {})
    return value


class PlanningConfig(NqeModel):
    """Settings of the clash rules and of the planner (section ``planning:`` of a programme).

    Durations are written with their unit (``"30 min"``, ``"1 h"``).
    """

    season_start: Day | None = None
    season_end: Day | None = None
    day_start: time = time(9, 0)
    day_end: time = time(0, 0)  # 00:00 = midnight at the end of the day
    weekdays: tuple[WeekdayField, ...] = tuple(Weekday)
    setup: Buffer | None = None
    teardown: Buffer | None = None
    transfer: Buffer | None = None
    quartier_max_per_day: Int | None = Field(default=1, ge=1, le=100)
    quartier_min_gap: Buffer | None = None
    blackouts: tuple[Blackout, ...] = ()
    public_holidays_blackout: bool = False
    slot_step: Buffer | None = None
    evening_from: time = time(18, 0)
    weights: dict[RuleCodeField, Annotated[Float, Field(le=1_000_000)]] = Field(
        default_factory=dict
    )
    disabled: tuple[RuleCodeField, ...] = ()
    previous_plan: str | None = Field(default=None, max_length=500)

    @model_validator(mode="after")
    def _check(self) -> PlanningConfig:
        for name in ("setup", "teardown", "transfer", "quartier_min_gap", "slot_step"):
            _non_negative(getattr(self, name))
        if self.season_start and self.season_end and self.season_end < self.season_start:
            raise PydanticCustomError(
                "end_before_start",
                "la fin ({end}) doit être après le début ({start})",
                {"start": self.season_start.isoformat(), "end": self.season_end.isoformat()},
            )
        if self.season_start and self.season_end:
            check_span(self.season_start, self.season_end)
        if self.day_end <= self.day_start and self.day_end != time(0):
            raise PydanticCustomError(
                "end_before_start",
                "la fin ({end}) doit être après le début ({start})",
                {"start": self.day_start.isoformat(), "end": self.day_end.isoformat()},
            )
        if not self.weekdays:
            raise PydanticCustomError(
                "no_weekday", "au moins un jour de la semaine doit être autorisé", {}
            )
        step = minutes_of(self.slot_step)
        if self.slot_step is not None and not 5 <= step <= 24 * 60:
            raise PydanticCustomError(
                "slot_step", "le pas des créneaux doit aller de 5 min à 24 h", {}
            )
        for code, weight in self.weights.items():
            if weight < 0:
                raise PydanticCustomError(
                    "negative_weight",
                    "le poids de la règle {code} doit être positif ou nul",
                    {"code": code.value},
                )
        return self

    def period(self, season: int) -> tuple[date, date]:
        """The season's first and last day: 1 July – 31 August by default, the eligible period of
        NQE 2017 (domain.md §1.2, §1.4) that the 2024 rule pack also uses by default; 2022 used
        21 June – 20 September. Set ``season_start``/``season_end`` to change it."""
        return (self.season_start or date(season, 7, 1), self.season_end or date(season, 8, 31))

    @property
    def step_minutes(self) -> int:
        return minutes_of(self.slot_step) or 30

    @property
    def day_end_minutes(self) -> int:
        """Minutes after midnight of the daily end (24:00 when written 00:00)."""
        m = self.day_end.hour * 60 + self.day_end.minute
        return m or 24 * 60

    @property
    def day_start_minutes(self) -> int:
        return self.day_start.hour * 60 + self.day_start.minute
