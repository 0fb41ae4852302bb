"""Calendar: clash rules, clash detection, planning, dates and ICS feeds.

Import from the submodules (``nqe_events.calendar.clashes``...); heavy dependencies load lazily.
"""
