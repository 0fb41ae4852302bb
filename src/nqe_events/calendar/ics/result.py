"""What an ICS import returns: the events, the items they refer to, and the warnings (findings).

A warning is data (:class:`IcsWarning`: a code, the line, the event, a French and an English
message); an event that could not be used is one of them (code ``skipped``), so a caller sees what
was left out and why, and :attr:`IcsImport.programme` gives the programme built from the rest.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any

from ...errors import IcsError, get_language
from .text import UNKNOWN

if TYPE_CHECKING:
    from ...model import Event, Organiser, Programme, Quartier, Resource, Venue

__all__ = ["IMPORT_CONTEXT", "IcsImport", "IcsWarning"]

#: The validation context of a programme built from an ICS file: its season may be any year the
#: model can hold (a calendar from 1995 is readable), where a hand-written programme's is 2014–2100
#: (``nqe_events.model.programme.IMPORTED_CALENDAR``).
IMPORT_CONTEXT = {"imported_calendar": True}


@dataclass(frozen=True)
class IcsWarning:
    """Something read with an assumption (a floating time, a missing end…): a finding."""

    code: str
    message_fr: str
    message_en: str
    line: int | None = None
    event: str | None = None

    def render(self, lang: str | None = None) -> str:
        lang = get_language(lang)
        where = ""
        if self.line is not None:
            where = f"ligne {self.line} : " if lang == "fr" else f"line {self.line}: "
        return where + (self.message_fr if lang == "fr" else self.message_en)


@dataclass(frozen=True)
class IcsImport:
    """What :func:`import_ics` read: events, the placeholders they need, and warnings."""

    events: tuple[Event, ...]
    venues: tuple[Venue, ...] = ()
    organisers: tuple[Organiser, ...] = ()
    quartiers: tuple[Quartier, ...] = ()
    warnings: tuple[IcsWarning, ...] = ()
    name: str | None = None
    timezone: str = "Europe/Paris"
    season: int | None = None
    placeholders: tuple[str, ...] = field(default=())
    resources: tuple[Resource, ...] = ()
    #: programme-level fields read back from the feed's ``X-NQE-PROGRAMME`` (name, season, rules…)
    programme_fields: dict[str, Any] = field(default_factory=dict)
    #: the events left out (each also a ``skipped`` warning)
    skipped: tuple[IcsWarning, ...] = ()

    @property
    def ok(self) -> bool:
        """True when nothing was read with an assumption."""
        return not self.warnings

    def codes(self) -> list[str]:
        """The codes of the warnings, in order."""
        return [w.code for w in self.warnings]

    def to_programme(self, *, season: int | None = None, name: str | None = None) -> Programme:
        """A valid :class:`Programme` holding the events and the placeholders they refer to."""
        from pydantic import ValidationError

        from ...model import Programme

        fields = dict(self.programme_fields)
        year = season or fields.pop("season", None) or self.season
        if year is None:
            starts = [e.start for e in self.events if e.start is not None]
            year = min(starts).year if starts else date.today().year
        data = {
            **fields,
            "season": year,
            "name": name or fields.pop("name", None) or self.name or UNKNOWN["programme_name"],
            "timezone": self.timezone,
            "quartiers": self.quartiers,
            "organisers": self.organisers,
            "venues": self.venues,
            "resources": self.resources,
            "events": self.events,
        }
        try:
            return Programme.model_validate(data, context=IMPORT_CONTEXT)
        except ValidationError as exc:
            from ...model.messages import validation_error

            detail = validation_error(exc, model=Programme).details[0]
            where = f"{detail.path} : " if detail.path else ""
            where_en = f"{detail.path}: " if detail.path else ""
            raise IcsError(
                f"le programme construit depuis le fichier ICS est invalide : {where}"
                f"{detail.message_fr}",
                f"the programme built from the ICS file is invalid: {where_en}{detail.message_en}",
            ) from None

    @cached_property
    def programme(self) -> Programme:
        """The programme built from what was read (:meth:`to_programme` with the file's season)."""
        return self.to_programme()

    def to_dict(self) -> dict[str, Any]:
        return {
            "events": [e.id for e in self.events],
            "venues": [v.id for v in self.venues],
            "organisers": [o.id for o in self.organisers],
            "quartiers": [q.id for q in self.quartiers],
            "warnings": [
                {"code": w.code, "line": w.line, "event": w.event, "message": w.render()}
                for w in self.warnings
            ],
        }

    def to_json(self) -> str:
        import json

        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    def _head(self, lang: str) -> str:
        from ..._render import plural_format

        template = (
            "{n:~événement lu|événements lus}, {w:~avertissement}"
            if lang == "fr"
            else "{n:~event read|events read}, {w:~warning}"
        )
        return plural_format(template, lang, n=len(self.events), w=len(self.warnings))

    def to_text(self, lang: str | None = None) -> str:
        lang = get_language(lang)
        return "\n".join([self._head(lang), *("  ! " + w.render(lang) for w in self.warnings)])

    def _repr_html_(self) -> str:
        from ..._render import column_label, html_table

        lang = get_language()
        rows = [[w.line or "", w.event or "", w.code, w.render(lang)] for w in self.warnings]
        return html_table(
            [column_label(k, lang) for k in ("line", "event", "code", "message")],
            rows,
            caption=("Import ICS : " if lang == "fr" else "ICS import: ") + self._head(lang),
        )

    def to_dataframe(self, lang: str | None = None, *, labels: str | None = None) -> Any:
        """One row per warning (needs the ``notebook`` extra)."""
        from ..._render import dataframe

        shown = get_language(labels if labels in ("fr", "en") else lang)
        return dataframe(
            [
                {"line": w.line, "event": w.event, "code": w.code, "message": w.render(shown)}
                for w in self.warnings
            ],
            columns=["line", "event", "code", "message"],  # the same columns without warnings
            labels=labels or lang,
        )

    def __repr__(self) -> str:
        return f"IcsImport(events={len(self.events)}, warnings={len(self.warnings)})"
