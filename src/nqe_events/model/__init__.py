"""Frozen pydantic models of a season's programme: validation only, no I/O, no computation."""

from .actors import Organiser, OrganiserKind, Resource, ResourceKind
from .base import DEFAULT_TIMEZONE, NqeModel
from .event import (
    Audience,
    Budget,
    DateWindow,
    Event,
    EventStatus,
    Occurrence,
    Participation,
    Theme,
    ToPlan,
)
from .places import Coordinates, Quartier, Venue
from .programme import Programme

__all__ = [
    "DEFAULT_TIMEZONE",
    "Audience",
    "Budget",
    "Coordinates",
    "DateWindow",
    "Event",
    "EventStatus",
    "NqeModel",
    "Occurrence",
    "Organiser",
    "OrganiserKind",
    "Participation",
    "Programme",
    "Quartier",
    "Resource",
    "ResourceKind",
    "Theme",
    "ToPlan",
    "Venue",
]
