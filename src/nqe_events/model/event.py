"""A temps fort (event), its occurrences and its declared data."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    BeforeValidator,
    Field,
    field_validator,
    model_serializer,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ..units import Duration
from .base import (
    Buffer,
    Day,
    Euros,
    Int,
    LocalDateTime,
    NqeModel,
    Slug,
    check_span,
    current_timezone,
    localize,
    normalise_token,
)
from .calendar_terms import Weekday, Wish
from .footprint import FootprintInputs
from .values import Flag, choice, parse_bool, parse_date_or_datetime

__all__ = [
    "Audience",
    "Budget",
    "DateWindow",
    "Event",
    "EventStatus",
    "Occurrence",
    "Participation",
    "Theme",
    "ToPlan",
    "normalise_token",
]


class Theme(StrEnum):
    SPORT = "sport"
    CULTURE = "culture"
    DEVELOPPEMENT_DURABLE = "developpement-durable"


class Audience(StrEnum):
    """Audiences of NQE and of the State's Quartiers d'été (domain.md §4.3, §6.9)."""

    ENFANTS = "enfants"
    JEUNES = "jeunes"  # 12–25
    FAMILLES = "familles"
    SENIORS = "seniors"
    FEMMES_FILLES = "femmes-filles"
    HANDICAP = "handicap"
    TOUT_PUBLIC = "tout-public"


class EventStatus(StrEnum):
    CONFIRMED = "confirme"
    TENTATIVE = "provisoire"
    CANCELLED = "annule"


def _is_plain_date(value: Any) -> bool:
    if isinstance(value, datetime):
        return False
    if isinstance(value, date):
        return True
    if isinstance(value, str):
        try:
            date.fromisoformat(value.strip())
        except ValueError:
            return False
        return len(value.strip()) == 10
    return False


#: The fields of an occurrence read before its checks (« 20/07/2024 14h », « oui »).
_OCCURRENCE_READERS: tuple[tuple[str, Callable[[Any], Any]], ...] = (
    ("start", parse_date_or_datetime),
    ("end", parse_date_or_datetime),
    ("all_day", parse_bool),
)

#: The longest occurrence: a temps fort, not a season.
_LONGEST = timedelta(days=62)


class Occurrence(NqeModel):
    """One interval of a temps fort: ``[start, end)`` in the programme's timezone.

    All-day occurrences are written with dates only, the end date *inclusive*
    (``{start: 2024-08-03, end: 2024-08-07}`` is 3 to 7 August); internally ``end`` is midnight of the
    following day, so intervals are always half-open.
    """

    start: LocalDateTime
    end: LocalDateTime
    all_day: Flag = False
    label: str | None = Field(default=None, max_length=200)

    @model_validator(mode="before")
    @classmethod
    def _dates_mean_all_day(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        # « 20/07/2024 » or « 20/07/2024 14h » as well as ISO text: read both ends first
        # (an unreadable value is left for its field, which reports it at its own path)
        data = dict(data)
        for name, read in _OCCURRENCE_READERS:
            if name in data:
                try:  # (not contextlib.suppress: a context manager per field of every event)
                    data[name] = read(data[name])
                except PydanticCustomError:
                    continue  # unreadable: left for its field, which reports it at its own path
        start, end = data.get("start"), data.get("end")
        both_dates = _is_plain_date(start) and _is_plain_date(end)
        if not both_dates:
            if data.get("all_day") is True and (_is_plain_date(start) or _is_plain_date(end)):
                raise PydanticCustomError(
                    "all_day_mixed",
                    "une occurrence « toute la journée » s'écrit avec deux dates (sans heure)",
                    {},
                )
            return data
        if data.get("all_day") is False:
            raise PydanticCustomError(
                "all_day_dates",
                "début et fin sans heure : une occurrence datée sans heure dure toute la journée "
                "(retirez all_day: false ou ajoutez les heures)",
                {},
            )
        tz = current_timezone()
        d0 = start if isinstance(start, date) else date.fromisoformat(str(start).strip())
        d1 = end if isinstance(end, date) else date.fromisoformat(str(end).strip())
        if d1 < d0:
            raise PydanticCustomError(
                "end_before_start",
                "la date de fin ({end}) est avant la date de début ({start})",
                {"start": d0.isoformat(), "end": d1.isoformat()},
            )
        data["start"] = localize(datetime.combine(d0, time(0)), tz)  # data is this call's copy
        data["end"] = localize(datetime.combine(d1 + timedelta(days=1), time(0)), tz)
        data["all_day"] = True
        return data

    @model_validator(mode="after")
    def _order(self) -> Occurrence:
        for value in (self.start, self.end):
            if value.microsecond:
                # calendars (ICS) hold times to the second: a fraction would be lost on export
                raise PydanticCustomError(
                    "subsecond_time",
                    "les heures s'écrivent à la seconde près (trouvé : {value}) : retirez la "
                    "fraction de seconde",
                    {"value": value.isoformat()},
                )
        # Aware datetimes sharing one tzinfo compare and subtract as *wall* times in Python;
        # every comparison and difference here goes through UTC so DST days are right.
        start_utc, end_utc = self.start_utc, self.end_utc
        if end_utc <= start_utc:
            raise PydanticCustomError(
                "end_before_start",
                "la fin ({end}) doit être après le début ({start})",
                {"start": self.start.isoformat(), "end": self.end.isoformat()},
            )
        if end_utc - start_utc > _LONGEST:  # self.duration
            raise PydanticCustomError(
                "occurrence_too_long",
                "une occurrence de plus de 62 jours n'est pas un temps fort : découpez-la",
                {},
            )
        if self.all_day and (self.start.timetz().replace(tzinfo=None) != time(0)):
            raise PydanticCustomError(
                "all_day_midnight", "une occurrence « toute la journée » commence à minuit", {}
            )
        return self

    @model_serializer(mode="wrap")
    def _dump(self, handler: Any, info: Any) -> Any:
        data = handler(self)
        if self.all_day and isinstance(data, dict):
            data["start"] = self.start.date().isoformat()
            data["end"] = (self.end - timedelta(days=1)).date().isoformat()
            if info.mode == "python":
                data["start"] = self.start.date()
                data["end"] = (self.end - timedelta(days=1)).date()
        return data

    @property
    def days(self) -> tuple[date, ...]:
        """The calendar days this occurrence touches."""
        last = (self.end - timedelta(microseconds=1)).date()
        first = self.start.date()
        return tuple(first + timedelta(days=i) for i in range((last - first).days + 1))

    @property
    def start_utc(self) -> datetime:
        return self.start.astimezone(UTC)

    @property
    def end_utc(self) -> datetime:
        return self.end.astimezone(UTC)

    @property
    def duration(self) -> timedelta:
        """Real elapsed time (a night across a DST change is 7 or 9 hours, not 8)."""
        return self.end_utc - self.start_utc


def _instant(value: datetime) -> float:
    return value.timestamp()


class DateWindow(NqeModel):
    """An inclusive range of dates."""

    start: Day
    end: Day

    @model_validator(mode="after")
    def _order(self) -> DateWindow:
        if self.end < self.start:
            raise PydanticCustomError(
                "end_before_start",
                "la fin de la fenêtre ({end}) est avant son début ({start})",
                {"start": self.start.isoformat(), "end": self.end.isoformat()},
            )
        check_span(self.start, self.end)
        return self

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


class ToPlan(NqeModel):
    """What the planner needs for an event that has no dates yet."""

    duration: Duration
    window: DateWindow | None = None
    preferred: tuple[Day, ...] = ()
    #: allowed weekdays for this event (``None``: those of the ``planning:`` section)
    weekdays: tuple[Annotated[Weekday, BeforeValidator(choice("weekday"))], ...] | None = None
    #: soft wishes: ``week-end`` and/or ``soiree`` (rule WEEKEND_EVENING)
    wishes: tuple[Annotated[Wish, BeforeValidator(choice("wish"))], ...] = ()

    @field_validator("duration")
    @classmethod
    def _positive(cls, value: Any) -> Any:
        minutes = float(value.to("minute").magnitude)
        if not 15 <= minutes <= 24 * 60 * 14:
            raise PydanticCustomError(
                "duration_range",
                "la durée à planifier doit aller de 15 min à 14 jours (trouvé : {value})",
                {"value": f"{value:~}"},
            )
        return value

    @property
    def minutes(self) -> int:
        return round(float(self.duration.to("minute").magnitude))


class Participation(NqeModel):
    """How inhabitants take part (NQE principle 3). ``None`` means "not said" (cannot tell)."""

    conception: Flag | None = None
    realisation: Flag | None = None
    evaluation: Flag | None = None
    volunteer_inhabitants: Int | None = Field(default=None, ge=0, le=1_000_000)
    description: str | None = Field(default=None, max_length=2000)


class Budget(NqeModel):
    total_eur: Euros
    region_eur: Euros = Decimal(0)

    @model_validator(mode="after")
    def _region_within_total(self) -> Budget:
        if self.region_eur > self.total_eur:
            raise PydanticCustomError(
                "region_above_total",
                "la subvention régionale demandée ({region} €) dépasse le budget total ({total} €)",
                {"region": str(self.region_eur), "total": str(self.total_eur)},
            )
        return self


ThemeField = Annotated[Theme, BeforeValidator(choice("theme"))]
AudienceField = Annotated[Audience, BeforeValidator(choice("audience"))]
StatusField = Annotated[EventStatus, BeforeValidator(choice("event_status"))]
Tag = Annotated[str, BeforeValidator(normalise_token), Field(pattern=r"^[a-z0-9][a-z0-9-]{0,60}$")]


class Event(NqeModel):
    """A temps fort: a memorable, festive event on one or several days.

    It is either dated (``occurrences``) or still to be planned (``to_plan``); an event with both was
    placed by the planner and may be moved when re-planning, unless ``pinned``.
    """

    id: Slug
    title: str = Field(min_length=1, max_length=200)
    description: str = Field(default="", max_length=5000)
    organiser: Slug
    partners: tuple[Slug, ...] = ()
    venue: Slug
    quartiers: tuple[Slug, ...] = Field(min_length=1)
    themes: tuple[ThemeField, ...] = Field(default=(), max_length=3)
    activities: tuple[Annotated[str, Field(min_length=1, max_length=120)], ...] = ()
    occurrences: tuple[Occurrence, ...] = ()
    to_plan: ToPlan | None = None
    pinned: Flag = False
    expected_attendance: Int | None = Field(default=None, ge=0, le=1_000_000)
    audiences: tuple[AudienceField, ...] = ()
    participation: Participation | None = None
    rev3: tuple[Tag, ...] = ()
    labels: tuple[Tag, ...] = ()
    resources: tuple[Slug, ...] = ()
    budget: Budget | None = None
    status: StatusField = EventStatus.CONFIRMED
    sequence: Int = Field(default=0, ge=0, le=1_000_000)
    last_modified: LocalDateTime | None = None
    url: str | None = Field(default=None, max_length=500, pattern=r"^https?://\S+$")
    #: set-up / tear-down buffers overriding the venue's (calendar rule VENUE)
    setup: Buffer | None = None
    teardown: Buffer | None = None
    footprint: FootprintInputs | None = None
    #: what a spreadsheet held beyond the known columns (« Contact : … »), kept so nothing is lost
    notes: str | None = Field(default=None, max_length=20000)

    @model_validator(mode="after")
    def _dated_or_to_plan(self) -> Event:
        if self.last_modified is not None and self.last_modified.microsecond:
            raise PydanticCustomError(
                "subsecond_time",
                "les heures s'écrivent à la seconde près (trouvé : {value}) : retirez la "
                "fraction de seconde",
                {"value": self.last_modified.isoformat()},
            )
        if not self.occurrences and self.to_plan is None:
            raise PydanticCustomError(
                "no_dates",
                "l'événement n'a ni occurrences (dates) ni to_plan (durée à planifier) : "
                "ajoutez l'un ou l'autre",
                {},
            )
        if len(self.occurrences) > 1:
            # each occurrence's instants computed once, sorted on the start alone (stable)
            spans = sorted(
                ((o.start_utc, o.end_utc, o) for o in self.occurrences), key=lambda s: s[0]
            )
            for (_, a_end, a), (b_start, _, b) in itertools.pairwise(spans):
                if b_start < a_end:
                    raise PydanticCustomError(
                        "occurrences_overlap",
                        "deux occurrences se chevauchent ({a} et {b}) : fusionnez-les",
                        {"a": a.start.isoformat(), "b": b.start.isoformat()},
                    )
        for name in ("quartiers", "themes", "audiences", "rev3", "labels", "resources", "partners"):
            values = getattr(self, name)
            if len(set(values)) != len(values):
                raise PydanticCustomError(
                    "duplicate_item", "{field} : un élément est répété", {"field": name}
                )
        return self

    @property
    def dated(self) -> bool:
        """True when the event has dates (given or planned)."""
        return bool(self.occurrences)

    @property
    def days(self) -> tuple[date, ...]:
        """All calendar days the event touches, sorted."""
        return tuple(sorted({d for o in self.occurrences for d in o.days}))

    @property
    def start(self) -> datetime | None:
        return min((o.start for o in self.occurrences), key=_instant, default=None)

    @property
    def end(self) -> datetime | None:
        return max((o.end for o in self.occurrences), key=_instant, default=None)

    # --- in a notebook (see nqe_events.model.display) ----------------------------------------

    def __repr__(self) -> str:
        from .display import event_repr

        return event_repr(self)

    def __str__(self) -> str:
        from .display import event_str

        return event_str(self)

    def _repr_html_(self) -> str:
        """A card in Jupyter: title, organiser, venue, quartiers, figures and slots."""
        from .display import event_card

        return event_card(self)

    def to_dataframe(self, lang: str | None = None, *, labels: str | None = None) -> Any:
        """One row per slot (``notebook`` extra): start and end (local times), all day, label."""
        from .display import event_frame

        return event_frame(self, lang, labels)
