"""nqe_events — the programme of Nos Quartiers d'Été (Hauts-de-France) as data.

Model a season's temps forts, check them against the fil rouge and the NQE principles, plan a summer
without clashes, estimate each event's footprint and publish ICS feeds.

``import nqe_events`` is light: the public names below are imported on first use (PEP 562), so pint,
numpy, icalendar and pandas load only when a feature needs them.

>>> import nqe_events as nqe
>>> programme = nqe.load_example()
>>> len(programme.events) >= 40
True
"""

from __future__ import annotations

import importlib
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

try:
    __version__ = version("nqe-events")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0+unknown"

# public name -> module that defines it
_LAZY: dict[str, str] = {
    "Audience": "nqe_events.model",
    "Budget": "nqe_events.model",
    "Coordinates": "nqe_events.model",
    "DateWindow": "nqe_events.model",
    "Event": "nqe_events.model",
    "EventStatus": "nqe_events.model",
    "Occurrence": "nqe_events.model",
    "Organiser": "nqe_events.model",
    "OrganiserKind": "nqe_events.model",
    "Participation": "nqe_events.model",
    "Programme": "nqe_events.model",
    "Quartier": "nqe_events.model",
    "Resource": "nqe_events.model",
    "ResourceKind": "nqe_events.model",
    "Theme": "nqe_events.model",
    "ToPlan": "nqe_events.model",
    "Venue": "nqe_events.model",
    "NqeError": "nqe_events.errors",
    "ProgrammeFileError": "nqe_events.errors",
    "ProgrammeValidationError": "nqe_events.errors",
    "set_language": "nqe_events.errors",
    "check_qpv_codes": "nqe_events.io",
    "dump_programme": "nqe_events.io",
    "dumps_programme": "nqe_events.io",
    "list_examples": "nqe_events.io",
    "load_example": "nqe_events.io",
    "load_programme": "nqe_events.io",
    "load_qpv_list": "nqe_events.io",
    "loads_programme": "nqe_events.io",
    "programme_json_schema": "nqe_events.io",
    "read_events_csv": "nqe_events.io",
    "read_events_sheet": "nqe_events.io",
    "to_csv": "nqe_events.io",
    "to_excel": "nqe_events.io",
    "ClashReport": "nqe_events.calendar.clashes",
    "find_clashes": "nqe_events.calendar.clashes",
    "Plan": "nqe_events.calendar.planner",
    "plan": "nqe_events.calendar.planner",
    "propose_slots": "nqe_events.calendar.planner",
    "AlignmentReport": "nqe_events.rules",
    "ProgrammeReport": "nqe_events.rules",
    "check_alignment": "nqe_events.rules",
    "check_programme": "nqe_events.rules",
    "load_rules": "nqe_events.rules",
    "read_ics": "nqe_events.calendar.ics",
    "to_ics": "nqe_events.calendar.ics",
    "write_ics": "nqe_events.calendar.ics",
    "FootprintReport": "nqe_events.footprint",
    "SeasonFootprint": "nqe_events.footprint",
    "estimate_footprint": "nqe_events.footprint",
    "estimate_programme": "nqe_events.footprint",
    "load_factors": "nqe_events.footprint",
    "what_if": "nqe_events.footprint",
    "SeasonSummary": "nqe_events.report",
    "season_summary": "nqe_events.report",
    "season_summary_full": "nqe_events.report",
}

__all__ = [
    "AlignmentReport",
    "Audience",
    "Budget",
    "ClashReport",
    "Coordinates",
    "DateWindow",
    "Event",
    "EventStatus",
    "FootprintReport",
    "NqeError",
    "Occurrence",
    "Organiser",
    "OrganiserKind",
    "Participation",
    "Plan",
    "Programme",
    "ProgrammeFileError",
    "ProgrammeReport",
    "ProgrammeValidationError",
    "Quartier",
    "Resource",
    "ResourceKind",
    "SeasonFootprint",
    "SeasonSummary",
    "Theme",
    "ToPlan",
    "Venue",
    "__version__",
    "check_alignment",
    "check_programme",
    "check_qpv_codes",
    "dump_programme",
    "dumps_programme",
    "estimate_footprint",
    "estimate_programme",
    "find_clashes",
    "list_examples",
    "load_example",
    "load_factors",
    "load_programme",
    "load_qpv_list",
    "load_rules",
    "loads_programme",
    "plan",
    "programme_json_schema",
    "propose_slots",
    "read_events_csv",
    "read_events_sheet",
    "read_ics",
    "season_summary",
    "season_summary_full",
    "set_language",
    "to_csv",
    "to_excel",
    "to_ics",
    "what_if",
    "write_ics",
]

if TYPE_CHECKING:
    from .calendar.clashes import ClashReport, find_clashes
    from .calendar.ics import read_ics, to_ics, write_ics
    from .calendar.planner import Plan, plan, propose_slots
    from .errors import NqeError, ProgrammeFileError, ProgrammeValidationError, set_language
    from .footprint import (
        FootprintReport,
        SeasonFootprint,
        estimate_footprint,
        estimate_programme,
        load_factors,
        what_if,
    )
    from .io import (
        check_qpv_codes,
        dump_programme,
        dumps_programme,
        list_examples,
        load_example,
        load_programme,
        load_qpv_list,
        loads_programme,
        programme_json_schema,
        read_events_csv,
        read_events_sheet,
        to_csv,
        to_excel,
    )
    from .model import (
        Audience,
        Budget,
        Coordinates,
        DateWindow,
        Event,
        EventStatus,
        Occurrence,
        Organiser,
        OrganiserKind,
        Participation,
        Programme,
        Quartier,
        Resource,
        ResourceKind,
        Theme,
        ToPlan,
        Venue,
    )
    from .report import SeasonSummary, season_summary, season_summary_full
    from .rules import (
        AlignmentReport,
        ProgrammeReport,
        check_alignment,
        check_programme,
        load_rules,
    )


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'nqe_events' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
