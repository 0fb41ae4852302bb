"""Small vocabularies of the calendar settings (weekdays, wishes, rule codes), shared by the event
model and the ``planning:`` section without an import cycle."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["RuleCode", "Weekday", "Wish"]


class Weekday(StrEnum):
    """Days of the week, written in French in programme files (``lundi`` … ``dimanche``)."""

    LUNDI = "lundi"
    MARDI = "mardi"
    MERCREDI = "mercredi"
    JEUDI = "jeudi"
    VENDREDI = "vendredi"
    SAMEDI = "samedi"
    DIMANCHE = "dimanche"

    @property
    def number(self) -> int:
        """0 for Monday … 6 for Sunday (``date.weekday()``)."""
        return _WEEKDAY_NUMBER[self.value]


class Wish(StrEnum):
    """What an event to plan would like (soft rule ``WEEKEND_EVENING``)."""

    WEEKEND = "week-end"
    EVENING = "soiree"


class RuleCode(StrEnum):
    """Stable codes of the planning rules (see :mod:`nqe_events.calendar.constraints`)."""

    VENUE = "VENUE"
    RESOURCE = "RESOURCE"
    ORGANISER = "ORGANISER"
    QUARTIER = "QUARTIER"
    WINDOW = "WINDOW"
    BLACKOUT = "BLACKOUT"
    PREFERRED = "PREFERRED"
    SPREAD = "SPREAD"
    WEEKEND_EVENING = "WEEKEND_EVENING"
    STABILITY = "STABILITY"


_WEEKDAY_NUMBER = {d.value: i for i, d in enumerate(Weekday)}
