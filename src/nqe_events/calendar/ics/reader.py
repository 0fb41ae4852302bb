"""The state of one ICS import (warnings, skipped events, limits, zones) and small shared helpers."""

from __future__ import annotations

from typing import Any

from ..._render import plural_format
from ...errors import ErrorDetail, IcsError
from .result import IcsWarning
from .scan import IcsLimits, ScannedComponent
from .text import WARNINGS, unescape

__all__ = ["Reader", "prop_line", "text_of"]


def text_of(value: Any) -> str:
    """The text of a property, unescaped even when icalendar does not know its type (X-…)."""
    from icalendar import vText

    if value is None:
        return ""
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, vText):
        return str(value)
    raw = value.to_ical() if hasattr(value, "to_ical") else value
    if isinstance(raw, bytes):
        raw = raw.decode("utf-8", "replace")
    return unescape(str(raw))


def prop_line(scanned: ScannedComponent | None, name: str) -> int | None:
    """The line of the first ``name`` property of a scanned component (else its BEGIN line)."""
    if scanned is None:
        return None
    prop = scanned.first(name.upper())
    return prop.line if prop is not None else scanned.line


class Reader:
    """State of one import: the scan (for line numbers), the options and the warnings."""

    def __init__(
        self,
        root: ScannedComponent,
        tz: str,
        season: int | None,
        limits: IcsLimits,
        source: str | None,
        strict: bool = False,
    ) -> None:
        self.root = root
        self.tz_name = tz
        self.season = season
        self.limits = limits
        self.source = source
        self.strict = strict
        self.warnings: list[IcsWarning] = []
        self.skipped: list[IcsWarning] = []
        self.skipped_details: list[ErrorDetail] = []
        self.x_wr: str | None = None
        self._seen: set[tuple[str, int | None]] = set()
        #: TZID → (line, French reason, English reason) of the VTIMEZONEs that could not be read
        self.bad_zones: dict[str, tuple[int, str, str]] = {}

    def warn(self, code: str, line: int | None, event: str | None = None, **values: Any) -> None:
        fr, en = WARNINGS[code]  # {n:~one|many} agrees with its count
        fr, en = plural_format(fr, "fr", **values), plural_format(en, "en", **values)
        self.warnings.append(IcsWarning(code, fr, en, line=line, event=event))

    def warn_once(
        self, code: str, line: int | None, event: str | None = None, **values: Any
    ) -> None:
        """:meth:`warn`, once per code and line."""
        if (code, line) not in self._seen:
            self._seen.add((code, line))
            self.warn(code, line, event, **values)

    def error(self, line: int | None, fr: str, en: str, found: str | None = None) -> IcsError:
        detail = ErrorDetail("", fr, en, found=found, line=line)
        return IcsError(
            "fichier ICS inutilisable", "unusable ICS file", details=[detail], source=self.source
        )

    def skip(self, exc: IcsError, scanned: ScannedComponent, uid: str | None = None) -> None:
        """Leave out the event of ``scanned`` for the reason ``exc`` gives, with a warning (in
        strict mode, raise ``exc``: the whole file is refused)."""
        if self.strict:
            raise exc
        detail = exc.details[0] if exc.details else None
        if uid is None:
            prop = scanned.first("UID")
            uid = prop.value.strip()[:80] if prop is not None and prop.value.strip() else None
        line = detail.line if detail is not None and detail.line is not None else scanned.line
        reason_fr = detail.message_fr if detail is not None else exc.message_fr
        reason_en = detail.message_en if detail is not None else exc.message_en
        if detail is not None and detail.found is not None:
            reason_fr += f" (trouvé : {detail.found})"
            reason_en += f" (found: {detail.found})"
        who_fr = f"événement « {uid} »" if uid else "événement sans UID"
        who_en = f"event '{uid}'" if uid else "event without UID"
        warning = IcsWarning(
            "skipped",
            f"{who_fr} (BEGIN:VEVENT ligne {scanned.line}) ignoré : {reason_fr}",
            f"{who_en} (BEGIN:VEVENT line {scanned.line}) skipped: {reason_en}",
            line=line,
            event=uid,
        )
        self.warnings.append(warning)
        self.skipped.append(warning)
        self.skipped_details.append(
            ErrorDetail("", reason_fr, reason_en, found=None, line=line)
            if detail is None
            else detail
        )
