"""What the importer must do with each file of the real-world corpus, written from reading the file
(tests/data/ics-real/PROVENANCE.toml says where each comes from), not from the importer's output.

For each file: the season it is imported with, and one outcome:

- ``imported``: every occurrence icalendar + recurring_ical_events read in the season window is
  imported, with the same UTC start (or the same date, all day), and no event is skipped;
- ``skips``: the same, except the VEVENT groups in ``skipped`` (UID, or ``#n`` for the n-th VEVENT
  of a file when it has no UID), each skipped with a French warning matching the pattern given;
- ``refused``: the file is refused (:class:`~nqe_events.errors.IcsError`), and the French message
  matches ``reason``: nothing usable is left in it.

``why`` records what was read in the file to decide.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

Outcome = Literal["imported", "skips", "refused"]


@dataclass(frozen=True)
class Expect:
    season: int
    outcome: Outcome
    why: str
    reason: str | None = None  # regex on the French refusal (outcome "refused")
    skipped: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))


def _imp(season: int, why: str) -> Expect:
    return Expect(season, "imported", why)


def _skips(season: int, why: str, **skipped: str) -> Expect:
    return Expect(season, "skips", why, skipped=MappingProxyType(skipped))


def _refused(season: int, why: str, reason: str) -> Expect:
    return Expect(season, "refused", why, reason=reason)


# fmt: off
EXPECTED: Mapping[str, Expect] = MappingProxyType({
    "rie--Germany": _imp(2010, "all-day holidays of 2010 read with --season 2010: a season before "
                     "2014 is readable; the other years are out of season (warned, not skipped "
                     "as unusable)"),
    "rie--Germany_Holidays": _imp(2019, "DTEND = DTSTART on all-day dates is a zero-length "
                              "event, kept as a point in time; an empty RRULE is no rule"),
    "rie--after_many_events_in_order": _imp(2024, "EXDATEs and moved overrides, Europe/London"),
    "rie--alarm_at_start_of_event": _imp(2024, "a plain event; its VALARM does not matter"),
    "rie--alarm_removed_and_moved": _imp(2024, "daily series with moved overrides"),
    "rie--alarms_at_the_same_time": _imp(2024, "every instance overridden, one moved"),
    "rie--alarm_absolute_edited": _imp(2024, "one event and an identical copy"),
    "rie--daylight_saving_time": _imp(2019, "Google feed across the March DST change"),
    "rie--discourse_no_dtend": _imp(2019, "no DTEND: the start is known, the end assumed"),
    "rie--duplicated_rrule": _imp(2023, "the same RRULE twice gives the same occurrences once"),
    "rie--duration_edited": _imp(2019, "an override with DURATION instead of DTEND"),
    "rie--each_week_but_two_deleted": _imp(2019, "UTC EXDATEs on a local series at 00:30"),
    "rie--end_before_start_event": _imp(2019, "its only event ends (08:00) before it starts "
                                        "(08:30): start and end swapped, as the reference "
                                        "does, with a warning (08:00-08:30 Europe/Berlin)"),
    "rie--event_10_times": _imp(2020, "daily COUNT=10"),
    "rie--fablab_cottbus": _imp(2018, "28 events over four years; 2018's are read"),
    "rie--issue_107_omitting_last_event": _imp(2023, "Windows zone 'Pacific Standard Time'"),
    "rie--issue_151_macos_linux_difference": _imp(2014, "the 2014 instance moved by its override"),
    "rie--issue_173_only_modifications_error": _imp(2024, "677 VEVENTs, overrides without a master"),
    "rie--issue_18_cancel_status": _imp(2020, "a cancelled instance stays an occurrence (cancelled)"),
    "rie--issue_20_exdate_ignored": _imp(2019, "DURATION and a comma-separated EXDATE list"),
    "rie--issue_223_one_event_with_sequence": _imp(2019, "two events"),
    "rie--issue_223_thunderbird": _imp(2025, "daily series, one moved override"),
    "rie--issue_27_t1": _imp(2020, "floating UNTIL read in the series' zone; a UTC EXDATE"),
    "rie--issue_28_rrule_with_UTC_endinginZ": _imp(2020, "all-day series whose overrides carry "
                                               "a RECURRENCE-ID with a Windows TZID and a time"),
    "rie--issue_44_double_event": _imp(2020, "one all-day event"),
    "rie--issue_48_daylight_aware_repeats": _imp(2020, "weekly series across the DST change"),
    "rie--issue_48_dst": _imp(2020, "13 series and events in America/Chicago"),
    "rie--issue_61_time_zone_error": _refused(2021, "the ORGANIZER line is broken in two without "
                                              "the leading space of a fold: 'l Latham;CUTYPE=…' "
                                              "is not a content line (RFC 5545 §3.1), the file "
                                              "is malformed",
                                              r"ligne"),
    "rie--issue_62_moved_event": _imp(2021, "zero-length monthly series (DTEND = DTSTART) and an "
                                      "override without DTEND"),
    "rie--issue_62_moved_event_2": _imp(2023, "timed and all-day series with moved overrides"),
    "rie--issue_75_range_parameter": _imp(2024, "RANGE=THISANDFUTURE moves every later instance"),
    "rie--multiple_rrule": _imp(2023, "two RRULEs: the union of their occurrences"),
    "rie--one_day_event": _imp(2019, "one all-day event"),
    "rie--one_day_event_repeat_every_day": _imp(2019, "open-ended daily all-day series"),
    "rie--one_event_repeat_every_3_days": _imp(2019, "open-ended series at local midnight"),
    "rie--rdate_falls_on_rrule_until": _imp(2020, "an RDATE on the UNTIL instant counts once"),
    "rie--rdate_hackerpublicradio": _imp(2013, "RDATE-only series, season 2013 (before 2014)"),
    "rie--recurrence_sequence_number": _imp(2020, "all-day weekly series with an override"),
    "rie--recurring_events_changed_duration": _imp(2019, "DURATION:PT0S beside DTEND: the "
                                                   "zero duration is the producer's leftover, "
                                                   "DTEND gives the end"),
    "rie--recurring_events_moved": _imp(2019, "DTEND with DURATION:PT0S on overrides"),
    "rie--same_event_recurring_at_same_time": _imp(2024, "overrides moved onto the time of "
                                                   "another instance: two occurrences share a "
                                                   "start, both are read"),
    "rie--several_events_at_the_same_time": _imp(2019, "ten events at the same time"),
    "rie--three_events_one_edited": _imp(2019, "daily series with one override"),
    "rie--x_wr_timezone_simple_events_issue_59": _imp(2021, "UTC times with X-WR-TIMEZONE"),
    "rie--zero_size_event": _imp(2019, "DTSTART only: the start is known"),
    "rie--issue_186_invalid_trigger": _imp(2024, "an invalid alarm does not spoil the event"),
    "icalendar--alarm_etar_future": _imp(2024, "DTSTART with TZID, DTEND in UTC"),
    "icalendar--alarm_google_future": _imp(2024, "one Google event"),
    "icalendar--issue_165_missing_event": _refused(2015, "its only event's RRULE writes BYDAY "
                                                   "with spaces ('MO, TU'), which RFC 5545 does "
                                                   "not allow and the reference cannot read "
                                                   "either; nothing else is left",
                                                   r"RRULE|récurrence"),
    "icalendar--issue_836_do_not_quote_tzid": _imp(2024, "unquoted 'Eastern Standard Time'"),
    "icalendar--timezone_same_start": _imp(2017, "'Pacific Standard Time' with a 1601 VTIMEZONE"),
    "icalendar--issue_156_RDATE_with_PERIOD_TZID_khal": _imp(2018, "RDATE;VALUE=PERIOD with a "
                                                             "Windows TZID on an override "
                                                             "(RANGE=THISANDFUTURE)"),
    "icalendar--issue_156_RDATE_with_PERIOD_TZID_khal_2": _imp(2021, "RDATE;VALUE=PERIOD in a "
                                                               "zone named only by its "
                                                               "VTIMEZONE"),
    "icalendar--issue_321_assert_dst_offset_is_not_false": _imp(2020, "DST offset = standard"),
    "icalendar--issue_348_exception_parsing_value": _imp(2019, "'ORGANIZER;CN=Sixt SE' has no "
                                                         "colon (not a content line, RFC 5545 "
                                                         "§3.1), but it sits in a VFREEBUSY, "
                                                         "which holds no event: BEGIN/END are "
                                                         "intact, the VEVENT is whole and read "
                                                         "(unlike rie--issue_61, whose broken "
                                                         "line is inside its only event)"),
    "icalendar--issue_350": _imp(2022, "an X-COMMENT line after END:VCALENDAR, outside any "
                                 "component: ignored"),
    "icalendar--x_location": _imp(2016, "open-ended weekday series, X-WR-TIMEZONE Europe/Zurich"),
    "icalendar--parsing_error": _skips(2008, "the second copy of the series has an empty "
                                       "'EXDATE;VALUE=DATE:' line: that event is unusable, the "
                                       "first is read (season 2008)",
                                       **{"#2": r"EXDATE"}),
    "icalendar--multiple_calendar_components": _refused(2003, "every property is written "
                                                        "'VERSION' CRLF CRLF ' :2.0': unfolding "
                                                        "(RFC 5545 §3.1) leaves the lines "
                                                        "'VERSION' and ':2.0', neither a content "
                                                        "line; the file is malformed throughout",
                                                        r"ligne"),
    "icalendar--property_params": _imp(2012, "one all-day event"),
    "icalendar--rfc_7529": _refused(2013, "every event uses RSCALE (RFC 7529, non-Gregorian "
                                    "calendars), which neither reader expands: nothing left",
                                    r"RSCALE"),
    "icalendar--timezoned": _imp(2012, "a five-day event in Europe/Vienna"),
    "icalendar--created_calendar_with_unicode_fields": _skips(2010, "the third VEVENT is empty "
                                                              "(no UID, no DTSTART); the "
                                                              "others are read",
                                                              **{"#3": r"DTSTART"}),
})
# fmt: on
