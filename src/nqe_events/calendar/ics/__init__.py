"""ICS (iCalendar, RFC 5545): feeds of a programme, and reading ICS files back into events.

The package's modules, each one job:

- :mod:`.export` — a programme's feeds (``to_ics``, ``export_ics``, ``feeds_by``…);
- :mod:`.importer` — reading an ICS file into events (``import_ics``, ``import_file``…), with
  :mod:`.reader` (its state), :mod:`.assemble` (events and items) and :mod:`.result` (what it
  returns);
- :mod:`.messages` — library errors said in French;
- :mod:`.scan` — the guarded first pass over the bytes (limits, lexical rules, line numbers);
- :mod:`.tz` — time zones (the RRULE form of a VTIMEZONE, Windows and Outlook zone names);
- :mod:`.recurrence` — checks and bounded expansion of recurrences;
- :mod:`.text` — the French texts of feeds and warnings, TEXT escaping, slugs.

Only :mod:`.export` and :mod:`.importer` import :mod:`icalendar`, and only inside their
functions, so ``import nqe_events`` stays light.
"""

from __future__ import annotations

from .export import (
    NQE_UID_NAMESPACE,
    PRODID,
    FeedKey,
    IcsExport,
    event_uid,
    export_ics,
    feeds_by,
    to_ics,
    undated_events,
    write_feeds,
    write_ics,
)
from .importer import import_file, import_ics, read_ics, read_limited
from .result import IcsImport, IcsWarning
from .scan import DEFAULT_LIMITS, IcsLimits

__all__ = [
    "DEFAULT_LIMITS",
    "NQE_UID_NAMESPACE",
    "PRODID",
    "FeedKey",
    "IcsExport",
    "IcsImport",
    "IcsLimits",
    "IcsWarning",
    "event_uid",
    "export_ics",
    "feeds_by",
    "import_file",
    "import_ics",
    "read_ics",
    "read_limited",
    "to_ics",
    "undated_events",
    "write_feeds",
    "write_ics",
]
