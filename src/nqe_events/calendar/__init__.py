"""Calendar: clash rules, clash detection, planning, dates and ICS feeds.

- ``constraints``: every planning rule defined once (code, severity, weight, label, meaning);
- ``clashes``: ``find_clashes(programme) -> ClashReport`` (sort and sweep, numpy);
- ``planner``: ``plan(programme) -> Plan`` and ``propose_slots(programme, event_id)``;
- ``exact``: optional OR-Tools CP-SAT backend of ``plan`` (``backend="exact"``);
- ``dates``: public and school holidays (zone B), Games and torch relay days.

Import from the submodules (``nqe_events.calendar.clashes``...); heavy dependencies load lazily.
"""
