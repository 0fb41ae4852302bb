"""Alignment reports: frozen results with text, JSON, HTML and DataFrame renderings.

The JSON form follows the published schema ``data/schemas/alignment-report.schema.json``::

    {"season", "rules", "fil_rouge", "events": [{"id", "title", "verdict", "score",
     "principles": [...], "criteria": [{"id", "principle", "status", "evidence", "advice"}]}],
     "summary": {...}}
"""

from __future__ import annotations

import gc
import json
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Any, NamedTuple

from .._render import dataframe, decimal, html_table
from ..errors import did_you_mean, get_language
from . import messages as M
from .context import Evidence

__all__ = [
    "AlignmentReport",
    "CriterionResult",
    "PrincipleResult",
    "ProgrammeReport",
    "alignment_report_schema",
]


@contextmanager
def gc_paused(n: int) -> Iterator[None]:
    """Pause the cyclic garbage collector while judging many events.

    Judging creates many small, short-lived, acyclic objects; with a large programme in memory,
    each automatic collection walks every model object again (about half the time for 5,000
    events). Reference counting still frees everything; the previous state is restored.
    """
    if n < 500 or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def alignment_report_schema() -> dict[str, Any]:
    """The published JSON Schema (draft 2020-12) of the alignment report JSON."""
    from importlib import resources

    text = resources.files("nqe_events") / "data" / "schemas" / "alignment-report.schema.json"
    data: dict[str, Any] = json.loads(text.read_text("utf-8"))
    return data


_CSS = {"met": "nqe-ok", "partly-met": "nqe-warn", "not-met": "nqe-bad", "cannot-tell": "nqe-na"}
_VERDICT_CSS = {
    "aligned": "nqe-ok",
    "partly-aligned": "nqe-warn",
    "not-aligned": "nqe-bad",
    "cannot-tell": "nqe-na",
}


class CriterionResult(NamedTuple):
    """The judgement of one criterion for one event.

    The advice is formatted when read (``advice(lang)``, ``advice_fr``, ``advice_en``), so that
    judging thousands of events does not format texts nobody reads.
    """

    id: str
    principle: str
    role: str
    status: str
    evidence: tuple[Evidence, ...]
    label_fr: str
    label_en: str
    weight: float = 1.0
    confirmed: bool = True
    advice_key: str | None = None
    advice_params: Mapping[str, Any] = MappingProxyType({})
    custom_advice: tuple[str | None, str | None] = (None, None)
    #: sentences shown whatever the status ((fr, en) pairs)
    notes: tuple[tuple[str, str], ...] = ()
    strength: str = "strong"
    #: True when this criterion alone can make the event « non aligné » (a confirmed rule)
    gate: bool = False

    def label(self, lang: str | None = None) -> str:
        return self.label_fr if get_language(lang) == "fr" else self.label_en

    def advice(self, lang: str | None = None) -> str | None:
        """What would satisfy the criterion (None when it is met)."""
        if self.status == "met":
            return None
        lang = get_language(lang)
        custom = self.custom_advice[0] if lang == "fr" else self.custom_advice[1]
        if custom:
            return custom
        if self.advice_key is None:
            return None
        return M.advice(self.advice_key, lang, self.advice_params)

    @property
    def advice_fr(self) -> str | None:
        return self.advice("fr")

    @property
    def advice_en(self) -> str | None:
        return self.advice("en")

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        return {
            "id": self.id,
            "principle": self.principle,
            "role": self.role,
            "label": self.label(lang),
            "status": self.status,
            "weight": self.weight,
            "confirmed": self.confirmed,
            "evidence": [e.to_dict() for e in self.evidence],
            "advice": self.advice(lang),
        }


class PrincipleResult(NamedTuple):
    """A principle's status from the weighted shares of its criteria."""

    id: str
    role: str
    status: str
    share: float
    unknown_share: float
    label_fr: str
    label_en: str
    weight: float = 1.0
    #: criteria met (for ``any``/``at_least`` principles: the strong links to the principle)
    links: int = 0

    def label(self, lang: str | None = None) -> str:
        return self.label_fr if get_language(lang) == "fr" else self.label_en

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        return {
            "id": self.id,
            "role": self.role,
            "label": self.label(lang),
            "status": self.status,
            "share": round(self.share, 4),
            "unknown_share": round(self.unknown_share, 4),
        }


@dataclass(frozen=True)
class AlignmentReport:
    """How one event fits the season's fil rouge and principles.

    ``verdict`` and ``score`` (0–100) come from the criteria by the rule written in the rule pack
    (``[verdict]``). ``criteria`` holds every criterion with its status, evidence and advice;
    warnings (protected terms, public holidays) are criteria of role ``warning`` and never change
    the score. ``ok`` is False only for a ``not-aligned`` verdict.
    """

    event_id: str
    title: str
    season: int
    rules: str
    fil_rouge: str
    verdict: str
    score: int
    principles: tuple[PrincipleResult, ...]
    criteria: tuple[CriterionResult, ...]
    quartiers: tuple[str, ...] = ()
    departements: tuple[str, ...] = ()
    lang: str | None = None

    @property
    def ok(self) -> bool:
        return self.verdict != "not-aligned"

    @property
    def warnings(self) -> tuple[CriterionResult, ...]:
        """Warning criteria that are not met (something to fix before communicating)."""
        return tuple(c for c in self.criteria if c.role == "warning" and c.status != "met")

    def criterion(self, criterion_id: str) -> CriterionResult:
        for c in self.criteria:
            if c.id == criterion_id:
                return c
        from ..errors import UnknownItemError

        dym_fr, dym_en = did_you_mean(criterion_id, [c.id for c in self.criteria])
        raise UnknownItemError(
            f"critère « {criterion_id} » inconnu" + dym_fr,
            f"unknown criterion '{criterion_id}'" + dym_en,
        )

    def status(self, criterion_id: str) -> str:
        return self.criterion(criterion_id).status

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        lang = get_language(lang or self.lang)
        return {
            "id": self.event_id,
            "title": self.title,
            "verdict": self.verdict,
            "verdict_label": M.verdict_label(self.verdict, lang),
            "score": self.score,
            "quartiers": list(self.quartiers),
            "departements": list(self.departements),
            "principles": [p.to_dict(lang) for p in self.principles],
            "criteria": [c.to_dict(lang) for c in self.criteria],
        }

    def to_json(self, lang: str | None = None, *, indent: int | None = 2) -> str:
        payload = {
            "season": self.season,
            "rules": self.rules,
            "fil_rouge": self.fil_rouge,
            "events": [self.to_dict(lang)],
        }
        return json.dumps(payload, ensure_ascii=False, indent=indent)

    def to_text(self, lang: str | None = None, *, all_criteria: bool = True) -> str:
        lang = get_language(lang or self.lang)
        head = (
            f"{M.text('event', lang)} {self.event_id} — {self.title}\n"
            f"  {M.text('verdict', lang)} : {M.verdict_label(self.verdict, lang)} · "
            f"{M.text('score', lang)} {self.score}/100 "
            f"({M.text('rules', lang)} {self.rules})"
        )
        if lang == "en":
            head = head.replace(" : ", ": ")
        lines = [head]
        by_principle: dict[str, list[CriterionResult]] = {}
        for c in self.criteria:
            by_principle.setdefault(c.principle, []).append(c)
        for p in self.principles:
            lines.append(f"  [{M.status_label(p.status, lang)}] {p.label(lang)}")
            for c in by_principle.get(p.id, []):
                if not all_criteria and c.status == "met":
                    continue
                mark = M.STATUS_MARKS[c.status]
                line = f"    {mark} {c.label(lang)} — {M.status_label(c.status, lang)}"
                if c.evidence:
                    shown = "; ".join(
                        f"{e.field}: {e.found}" + (f" → {e.matched}" if e.matched else "")
                        for e in c.evidence[:3]
                    )
                    line += f" ({shown}{' …' if len(c.evidence) > 3 else ''})"
                lines.append(line)
                advice = c.advice(lang)
                if advice and c.status != "met":
                    lines.append(f"        → {advice}")
        return "\n".join(lines)

    def _rows(self, lang: str) -> list[list[str]]:
        rows = []
        for c in self.criteria:
            ev = "; ".join(f"{e.field}: {e.found}" for e in c.evidence[:4])
            rows.append(
                [
                    c.principle,
                    c.label(lang),
                    M.status_label(c.status, lang),
                    ev,
                    c.advice(lang) or "",
                ]
            )
        return rows

    def _repr_html_(self) -> str:
        lang = get_language(self.lang)
        caption = (
            f"{self.event_id} — {self.title} : {M.verdict_label(self.verdict, lang)}, "
            f"{M.text('score', lang)} {self.score}/100"
        )
        headers = [
            M.text("principle", lang),
            M.text("criterion", lang),
            M.text("status", lang),
            M.text("evidence", lang),
            M.text("advice", lang),
        ]
        classes = [_CSS[c.status] for c in self.criteria]
        return html_table(headers, self._rows(lang), caption=caption, classes=classes)

    def records(self, lang: str | None = None) -> list[dict[str, Any]]:
        lang = get_language(lang or self.lang)
        return [
            {
                "event": self.event_id,
                "verdict": self.verdict,
                "score": self.score,
                "principle": c.principle,
                "criterion": c.id,
                "status": c.status,
                "evidence": "; ".join(f"{e.field}: {e.found}" for e in c.evidence),
                "advice": c.advice(lang) or "",
            }
            for c in self.criteria
        ]

    def to_dataframe(self, lang: str | None = None) -> Any:
        """One row per criterion (needs the ``notebook`` extra)."""
        return dataframe(self.records(lang))

    def __repr__(self) -> str:
        return f"<AlignmentReport {self.event_id}: {self.verdict}, score {self.score}>"


def _count(values: Sequence[str], keys: Sequence[str]) -> dict[str, int]:
    c = Counter(values)
    return {k: c.get(k, 0) for k in keys}


@dataclass(frozen=True)
class ProgrammeReport:
    """Every event's :class:`AlignmentReport` and a programme summary.

    The summary counts events per verdict, events meeting each principle, the criteria failed
    most often, and verdicts and mean score by quartier and by département.
    """

    season: int
    rules: str
    fil_rouge: str
    events: tuple[AlignmentReport, ...]
    principle_labels: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    criterion_labels: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    lang: str | None = None

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.events)

    def __len__(self) -> int:
        return len(self.events)

    def __iter__(self) -> Any:
        return iter(self.events)

    def event(self, event_id: str) -> AlignmentReport:
        for r in self.events:
            if r.event_id == event_id:
                return r
        from ..errors import UnknownItemError

        dym_fr, dym_en = did_you_mean(event_id, [r.event_id for r in self.events])
        raise UnknownItemError(
            f"aucun événement « {event_id} » dans le rapport" + dym_fr,
            f"no event '{event_id}' in the report" + dym_en,
        )

    @cached_property
    def summary(self) -> dict[str, Any]:
        from .pack import STATUSES, VERDICTS

        events = self.events
        verdicts = _count([r.verdict for r in events], VERDICTS)
        principles: dict[str, dict[str, int]] = {}
        for pid in self.principle_labels:
            principles[pid] = _count(
                [p.status for r in events for p in r.principles if p.id == pid], STATUSES
            )
        criteria: dict[str, dict[str, int]] = {}
        for r in events:
            for c in r.criteria:
                criteria.setdefault(c.id, dict.fromkeys(STATUSES, 0))[c.status] += 1
        ranked = sorted(
            (
                (-counts["not-met"], -counts["partly-met"], cid)
                for cid, counts in criteria.items()
                if counts["not-met"] or counts["partly-met"]
            ),
        )
        failed = [{"id": cid, "not_met": -n, "partly_met": -p} for n, p, cid in ranked]

        def group(key: str) -> dict[str, dict[str, Any]]:
            out: dict[str, dict[str, Any]] = {}
            for r in events:
                for g in getattr(r, key):
                    entry = out.setdefault(
                        g, {"events": 0, "score_total": 0, **dict.fromkeys(VERDICTS, 0)}
                    )
                    entry["events"] += 1
                    entry["score_total"] += r.score
                    entry[r.verdict] += 1
            for entry in out.values():
                entry["mean_score"] = round(entry.pop("score_total") / entry["events"], 1)
            return dict(sorted(out.items()))

        return {
            "events": len(events),
            "verdicts": verdicts,
            "statuses": _count([c.status for r in events for c in r.criteria], STATUSES),
            "mean_score": round(sum(r.score for r in events) / len(events), 1) if events else None,
            "principles": principles,
            "criteria": criteria,
            "most_failed": failed[:10],
            "by_quartier": group("quartiers"),
            "by_departement": group("departements"),
        }

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        lang = get_language(lang or self.lang)
        with gc_paused(len(self.events)):
            events = [r.to_dict(lang) for r in self.events]
        return {
            "season": self.season,
            "rules": self.rules,
            "fil_rouge": self.fil_rouge,
            "events": events,
            "summary": self.summary,
        }

    def to_json(self, lang: str | None = None, *, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(lang), ensure_ascii=False, indent=indent)

    def _plabel(self, pid: str, lang: str) -> str:
        fr, en = self.principle_labels.get(pid, (pid, pid))
        return fr if lang == "fr" else en

    def _clabel(self, cid: str, lang: str) -> str:
        fr, en = self.criterion_labels.get(cid, (cid, cid))
        return fr if lang == "fr" else en

    def summary_text(self, lang: str | None = None, *, quartiers: bool = True) -> str:
        """The programme summary as text (``quartiers=False`` leaves out the per-quartier lines)."""
        lang = get_language(lang or self.lang)
        s = self.summary
        sep = " : " if lang == "fr" else ": "
        lines = [
            f"{M.text('summary', lang)} — {M.text('rules', lang)} {self.rules} "
            f"({M.text('fil_rouge', lang)} « {self.fil_rouge} »)",
            "  "
            + M.text("events_n", lang, n=s["events"])
            + sep
            + ", ".join(f"{n} {M.verdict_label(v, lang)}" for v, n in s["verdicts"].items() if n),
        ]
        if s["mean_score"] is not None:
            lines.append(
                f"  {M.text('mean_score', lang)}{sep}{decimal(s['mean_score'], get_language(lang))}/100"
            )
        head = sep.rstrip()
        lines.append(f"  {M.text('principles_met', lang)}{head}")
        for pid, counts in s["principles"].items():
            lines.append(
                f"    {self._plabel(pid, lang)}{sep}{counts['met']} "
                f"({M.status_label('partly-met', lang)} {counts['partly-met']}, "
                f"{M.status_label('not-met', lang)} {counts['not-met']}, "
                f"{M.status_label('cannot-tell', lang)} {counts['cannot-tell']})"
            )
        if s["most_failed"]:
            lines.append(f"  {M.text('most_failed', lang)}{head}")
            for f in s["most_failed"][:5]:
                lines.append(
                    f"    {self._clabel(f['id'], lang)}{sep}{f['not_met']} "
                    f"{M.status_label('not-met', lang)}, {f['partly_met']} "
                    f"{M.status_label('partly-met', lang)}"
                )
        for key in ("by_departement", "by_quartier") if quartiers else ("by_departement",):
            if s[key]:
                lines.append(f"  {M.text(key, lang)}{head}")
                for name, g in s[key].items():
                    lines.append(
                        f"    {name}{sep}{M.text('events_n', lang, n=g['events'])}, "
                        f"{M.text('aligned_n', lang, n=g['aligned'])}, "
                        f"{M.text('mean_score', lang)} "
                        f"{decimal(g['mean_score'], get_language(lang))}"
                    )
        return "\n".join(lines)

    def to_text(self, lang: str | None = None, *, all_criteria: bool = False) -> str:
        lang = get_language(lang or self.lang)
        parts = [r.to_text(lang, all_criteria=all_criteria) for r in self.events]
        parts.append(self.summary_text(lang))
        return "\n\n".join(parts)

    def _repr_html_(self) -> str:
        lang = get_language(self.lang)
        headers = [
            M.text("event", lang),
            M.text("verdict", lang),
            M.text("score", lang),
            *[self._plabel(pid, lang) for pid in self.principle_labels],
        ]
        rows = []
        for r in self.events:
            statuses = {p.id: M.status_label(p.status, lang) for p in r.principles}
            rows.append(
                [
                    f"{r.event_id} — {r.title}",
                    M.verdict_label(r.verdict, lang),
                    r.score,
                    *[statuses.get(pid, "") for pid in self.principle_labels],
                ]
            )
        s = self.summary
        caption = (
            f"{self.rules} — "
            + M.text("events_n", lang, n=s["events"])
            + ", "
            + ", ".join(f"{n} {M.verdict_label(v, lang)}" for v, n in s["verdicts"].items() if n)
        )
        classes = [_VERDICT_CSS[r.verdict] for r in self.events]
        return html_table(headers, rows, caption=caption, classes=classes)

    def records(self, lang: str | None = None) -> list[dict[str, Any]]:
        return [row for r in self.events for row in r.records(lang or self.lang)]

    def to_dataframe(self, lang: str | None = None, *, per: str = "event") -> Any:
        """A DataFrame with one row per event (``per="event"``) or per criterion
        (``per="criterion"``); needs the ``notebook`` extra."""
        if per == "criterion":
            return dataframe(self.records(lang))
        if per != "event":
            raise ValueError("per must be 'event' or 'criterion'")
        rows = []
        for r in self.events:
            row: dict[str, Any] = {
                "event": r.event_id,
                "title": r.title,
                "verdict": r.verdict,
                "score": r.score,
                "quartiers": ", ".join(r.quartiers),
                "departements": ", ".join(r.departements),
            }
            row.update({p.id: p.status for p in r.principles})
            rows.append(row)
        return dataframe(rows)

    def __repr__(self) -> str:
        v = self.summary["verdicts"]
        shown = ", ".join(f"{k}={n}" for k, n in v.items() if n)
        return f"<ProgrammeReport {self.rules}: {len(self.events)} events ({shown})>"
