"""Cells of a spreadsheet of events read as values: lists, dates, times, durations, and a row's
occurrence from its Début/Fin, Date, Heure de début/fin, Horaires and Durée cells."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from pydantic_core import PydanticCustomError

from ..model.values import (
    key,
    parse_date_or_datetime,
    parse_hours,
    parse_time,
)

_WHOLE_DAY = {key(t) for t in ("toute la journée", "journée", "journée entière", "all day")}

__all__ = ["Problem", "cell_text", "duration_cell", "refused", "row_occurrence", "split_cell"]


class Problem(Exception):
    """A cell that cannot be read: the message in both languages and, when one cell of several
    is at fault, its field (``"duration"``) so that the message names that column."""

    def __init__(self, fr: str, en: str, field: str | None = None) -> None:
        super().__init__(fr)
        self.fr, self.en, self.field = fr, en, field


def refused(exc: PydanticCustomError) -> Problem:
    ctx = exc.context or {}
    return Problem(str(ctx.get("fr", exc.message())), str(ctx.get("en", exc.message())))


def cell_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value).strip()


def split_cell(value: Any, delimiter: str | None) -> list[str]:
    if not isinstance(value, str):
        return [cell_text(value)]
    text = value
    for sep in ("|", ";", ",", "\n"):
        if sep != delimiter:
            text = text.replace(sep, "\x00")
    return [v.strip() for v in text.split("\x00") if v.strip()]


def _moment(value: Any) -> date | datetime | time:
    """A cell read as a date, a date and time, or a time of day."""
    if isinstance(value, datetime | date | time):
        if isinstance(value, datetime) and value.date() == date(1899, 12, 30):
            return value.time()
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value < 1:
        return parse_time(value)  # type: ignore[no-any-return]
    text = cell_text(value)
    try:
        return parse_date_or_datetime(text)  # type: ignore[no-any-return]
    except PydanticCustomError as date_error:
        try:
            return parse_time(text)  # type: ignore[no-any-return]
        except PydanticCustomError:
            raise refused(date_error) from None


def _minutes(value: Any) -> int:
    """A duration cell (« 3 h », « 1 jour », a time cell 03:00) in minutes."""
    from ..errors import UnitError
    from ..units import parse_quantity

    if isinstance(value, timedelta):
        return round(value.total_seconds() / 60)
    if isinstance(value, time):
        return value.hour * 60 + value.minute
    try:
        q = parse_quantity(cell_text(value), "[time]")
    except UnitError as exc:
        raise Problem(exc.message_fr, exc.message_en) from None
    return round(float(q.to("minute").magnitude))


def duration_cell(value: Any) -> Any:
    if isinstance(value, timedelta | time):
        return f"{_minutes(value)} min"
    return cell_text(value)


def row_occurrence(cells: dict[str, Any]) -> dict[str, Any] | None:
    """The occurrence of a row, or ``None`` when the row has no date."""
    start = _moment(cells["start"]) if "start" in cells else None
    end = _moment(cells["end"]) if "end" in cells else None
    day = _moment(cells["date"]) if "date" in cells else None
    t0 = _moment(cells["start_time"]) if "start_time" in cells else None
    t1 = _moment(cells["end_time"]) if "end_time" in cells else None
    if "hours" in cells and key(cell_text(cells["hours"])) in _WHOLE_DAY:
        pass  # « toute la journée »: no times, the occurrence lasts the day
    elif "hours" in cells:
        try:
            t0, t1 = parse_hours(cell_text(cells["hours"]))
        except PydanticCustomError as exc:
            raise refused(exc) from None
    if isinstance(start, time):
        start, t0 = None, start
    if isinstance(end, time):
        end, t1 = None, end
    for name, value in (("start_time", t0), ("end_time", t1)):
        if value is not None and not isinstance(value, time):
            raise Problem(
                f"attendu une heure (14:00, 14h, 14h30), pas une date ({cell_text(cells.get(name))})",
                f"expected a time of day (14:00), not a date ({cell_text(cells.get(name))})",
            )
    t_start = t0 if isinstance(t0, time) else None
    t_end = t1 if isinstance(t1, time) else None
    if start is None:
        start = day
    if start is None:
        if t0 is not None or t1 is not None or end is not None:
            raise Problem(
                "une heure sans date : ajoutez la date (colonne Date ou Début)",
                "a time without a date: add the date (column Date or Start)",
            )
        return None
    if isinstance(start, time):  # pragma: no cover - handled above
        raise Problem("date manquante", "missing date")
    try:
        duration = _minutes(cells["duration"]) if "duration" in cells else None
    except Problem as exc:
        raise Problem(exc.fr, exc.en, "duration") from None
    if isinstance(start, datetime) or t_start is not None:
        begin = (
            start if isinstance(start, datetime) else datetime.combine(start, t_start or time(0))
        )
        if isinstance(end, datetime):
            finish = end
        elif t_end is not None:
            finish = datetime.combine(end or begin.date(), t_end)
            if end is None and finish <= begin:
                finish += timedelta(days=1)  # « 22h-1h »: ends after midnight
        elif duration is not None:
            finish = begin + timedelta(minutes=duration)
        elif isinstance(end, date):
            raise Problem(
                "une heure de début sans heure de fin : ajoutez l'heure de fin (ou une durée)",
                "a start time without an end time: add the end time (or a duration)",
            )
        else:
            raise Problem(
                "heure de fin manquante : ajoutez Fin, Heure de fin, Horaires ou Durée",
                "missing end time: add End, End time, Hours or Duration",
            )
        return {"start": begin, "end": finish}
    if t_end is not None:
        raise Problem(
            "une heure de fin sans heure de début : ajoutez l'heure de début",
            "an end time without a start time: add the start time",
        )
    last = end.date() if isinstance(end, datetime) else end
    return {"start": start, "end": last if last is not None else start}
