"""Alignment reports: frozen results with text, JSON, HTML and DataFrame renderings.

The JSON form follows the published schema ``data/schemas/alignment-report.schema.json``
(``report_version`` :data:`REPORT_VERSION`)::

    {"report_version", "season", "rules", "fil_rouge", "detail", "labels", "defaults",
     "events": [{"id", "title", "verdict", "verdict_label", "score", "quartiers",
                 "departements", "principles": [...],
                 "criteria": [{"id", "status", "evidence", "advice", "notes"}]}],
     "summary": {...}}

By default each criterion holds its status, the first pieces of evidence as French (or English)
phrases and the advice when it is not met — what a reader needs, under 2 KB per event. With
``detail=True`` (``--details`` at the CLI) every criterion also carries its principle, role,
label, weight, confirmation, strength and its full evidence as objects.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Any, NamedTuple

from .._gc import paused_gc
from .._render import dataframe, decimal, html_table
from ..errors import did_you_mean, get_language
from . import messages as M
from .context import Evidence

__all__ = [
    "REPORT_VERSION",
    "AlignmentReport",
    "CriterionResult",
    "PrincipleResult",
    "ProgrammeReport",
    "alignment_report_schema",
]


#: Version of the JSON report layout (2: compact by default, labels and defaults once).
REPORT_VERSION = 2

#: Advice sentences kept per event in the compact JSON (the full advice is behind ``detail``).
COMPACT_ADVICE = 3


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
    #: True when this criterion not met makes its principle not met
    decisive: bool = False

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

    def evidence_text(self, lang: str | None = None, limit: int | None = None) -> list[str]:
        lang = get_language(lang)
        shown = self.evidence if limit is None else self.evidence[:limit]
        return [e.text(lang) for e in shown]

    def notes_text(self, lang: str | None = None) -> list[str]:
        lang = get_language(lang)
        return [fr if lang == "fr" else en for fr, en in self.notes]

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        """Everything about the criterion (the detailed JSON form)."""
        lang = get_language(lang)
        return {
            "id": self.id,
            "principle": self.principle,
            "role": self.role,
            "label": self.label(lang),
            "status": self.status,
            "weight": self.weight,
            "confirmed": self.confirmed,
            "gate": self.gate,
            "strength": self.strength,
            "evidence": [{**e.to_dict(), "text": e.text(lang)} for e in self.evidence],
            "advice": self.advice(lang),
            "notes": self.notes_text(lang),
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
        """Everything about the principle (the detailed JSON form)."""
        return {
            "id": self.id,
            "role": self.role,
            "label": self.label(lang),
            "status": self.status,
            "share": round(self.share, 4),
            "unknown_share": round(self.unknown_share, 4),
            "links": self.links,
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

    def key_advice(self, lang: str | None = None, limit: int = COMPACT_ADVICE) -> list[str]:
        """The advice that matters most, in order: refusals (gates not met), then criteria not
        met, then partly met, of the scored principles first; notes (unknown ids…) after."""
        lang = get_language(lang or self.lang)
        rank = {"not-met": 0, "partly-met": 1, "cannot-tell": 2}
        role = {"gate": 0, "principle": 1, "warning": 2}
        chosen = sorted(
            (c for c in self.criteria if c.status != "met"),
            key=lambda c: (not c.gate, rank[c.status], role.get(c.role, 3)),
        )
        out = [a for a in (c.advice(lang) for c in chosen) if a][:limit]
        out += [n for c in self.criteria for n in c.notes_text(lang)]
        return out

    def to_dict(self, lang: str | None = None, *, detail: bool = False) -> dict[str, Any]:
        lang = get_language(lang or self.lang)
        head: dict[str, Any] = {
            "id": self.event_id,
            "title": self.title,
            "verdict": self.verdict,
            "verdict_label": M.verdict_label(self.verdict, lang),
            "score": self.score,
            "quartiers": list(self.quartiers),
            "departements": list(self.departements),
        }
        if not detail:
            head["principles"] = {p.id: p.status for p in self.principles}
            head["criteria"] = {c.id: c.status for c in self.criteria}
            head["advice"] = self.key_advice(lang)
            return head
        head["principles"] = [p.to_dict(lang) for p in self.principles]
        head["criteria"] = [c.to_dict(lang) for c in self.criteria]
        return head

    def defaults(self, lang: str | None = None) -> list[str]:
        """The labels of the criteria whose rule is a default, not confirmed for the season."""
        lang = get_language(lang or self.lang)
        return [c.label(lang) for c in self.criteria if not c.confirmed]

    def to_json(
        self, lang: str | None = None, *, indent: int | None = 2, detail: bool = False
    ) -> str:
        lang = get_language(lang or self.lang)
        payload = {
            "report_version": REPORT_VERSION,
            "season": self.season,
            "rules": self.rules,
            "fil_rouge": self.fil_rouge,
            "detail": detail,
            "labels": _labels(self.principles, self.criteria, lang),
            "defaults": self.defaults(lang),
            "events": [self.to_dict(lang, detail=detail)],
        }
        return json.dumps(payload, ensure_ascii=False, indent=indent)

    def to_text(
        self, lang: str | None = None, *, all_criteria: bool = True, defaults: bool = True
    ) -> str:
        lang = get_language(lang or self.lang)
        sep = " : " if lang == "fr" else ": "  # not replaced in the title, which is quoted
        head = (
            f"{M.text('event', lang)} {self.event_id} — {self.title}\n"
            f"  {M.text('verdict', lang)}{sep}{M.verdict_label(self.verdict, lang)} · "
            f"{M.text('score', lang)} {self.score}/100 "
            f"({M.text('rules', lang)} {self.rules})"
        )
        lines = [head]
        by_principle: dict[str, list[CriterionResult]] = {}
        for c in self.criteria:
            by_principle.setdefault(c.principle, []).append(c)
        for p in self.principles:
            lines.append(f"  [{M.status_label(p.status, lang)}] {p.label(lang)}")
            for c in by_principle.get(p.id, []):
                if not all_criteria and c.status == "met" and not c.notes:
                    continue
                mark = M.STATUS_MARKS[c.status]
                line = f"    {mark} {c.label(lang)} — {M.status_label(c.status, lang)}"
                if c.evidence:
                    shown = (
                        " ; ".join(c.evidence_text(lang, 3))
                        if lang == "fr"
                        else "; ".join(c.evidence_text(lang, 3))
                    )
                    line += f" ({shown}{' …' if len(c.evidence) > 3 else ''})"
                lines.append(line)
                advice = c.advice(lang)
                if advice and c.status != "met":
                    lines.append(f"        {M.text('advice_line', lang)}{advice}")
                for note in c.notes_text(lang):
                    lines.append(f"        {M.text('note_line', lang)}{note}")
        if defaults:
            note = defaults_line(self.defaults(lang), lang)
            if note:
                lines.append(f"  {note}")
        return "\n".join(lines)

    def _rows(self, lang: str) -> list[list[str]]:
        rows = []
        labels = {p.id: p.label(lang) for p in self.principles}
        for c in self.criteria:
            ev = " ; ".join(c.evidence_text(lang, 4))
            advice = " ".join([c.advice(lang) or "", *c.notes_text(lang)]).strip()
            rows.append(
                [
                    labels.get(c.principle, c.principle),
                    c.label(lang),
                    M.status_label(c.status, lang),
                    ev,
                    advice,
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
        table = html_table(headers, self._rows(lang), caption=caption, classes=classes)
        return table + _html_note(defaults_line(self.defaults(lang), lang))

    def records(self, lang: str | None = None, *, codes: bool = True) -> list[dict[str, Any]]:
        """One record per criterion; verdicts and statuses as codes (``"partly-met"``), or as
        the reader's labels with ``codes=False`` (« en partie »)."""
        lang = get_language(lang or self.lang)
        verdict = self.verdict if codes else M.verdict_label(self.verdict, lang)
        sep = " ; " if lang == "fr" else "; "
        return [
            {
                "event": self.event_id,
                "verdict": verdict,
                "score": self.score,
                "principle": c.principle,
                "criterion": c.id,
                "status": c.status if codes else M.status_label(c.status, lang),
                "evidence": sep.join(c.evidence_text(lang)),
                "advice": c.advice(lang) or "",
            }
            for c in self.criteria
        ]

    def to_dataframe(self, lang: str | None = None, *, labels: str | None = None) -> Any:
        """One row per criterion (needs the ``notebook`` extra): verdicts and statuses in the
        reader's words (« en partie »), or their codes (``partly-met``) with ``labels="keys"``."""
        lang, codes = _frame_language(lang or self.lang, labels)
        return dataframe(self.records(lang, codes=codes), labels=labels or lang)

    def __repr__(self) -> str:
        return f"<AlignmentReport {self.event_id}: {self.verdict}, score {self.score}>"


def _frame_language(lang: str | None, labels: str | None) -> tuple[str, bool]:
    """The language of a DataFrame's cells and whether they hold codes: ``labels="fr"``/``"en"``
    names the language of the whole frame, ``labels="keys"`` asks for codes, as machine keys."""
    if labels in ("fr", "en"):
        return labels, False
    return get_language(lang), labels == "keys"


def defaults_line(labels: Sequence[str], lang: str) -> str:
    """« (valeur par défaut, non confirmée) : … », said once per report."""
    if not labels:
        return ""
    unique = list(dict.fromkeys(labels))
    head = M.text("not_confirmed", lang)
    sep = " : " if lang == "fr" else ": "
    return f"({head}){sep}" + " ; ".join(unique) + "."


def _html_note(text: str) -> str:
    if not text:
        return ""
    import html

    return f'<p class="nqe-note">{html.escape(text)}</p>'


def _labels(
    principles: Sequence[PrincipleResult], criteria: Sequence[CriterionResult], lang: str
) -> dict[str, dict[str, str]]:
    return {
        "principles": {p.id: p.label(lang) for p in principles},
        "criteria": {c.id: c.label(lang) for c in criteria},
    }


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
    #: quartier id -> name, for the text summary
    quartier_names: Mapping[str, str] = field(default_factory=dict)
    #: the fil rouge's English label (``fil_rouge`` is the French one), for English texts
    fil_rouge_en: str = ""

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

    def defaults(self, lang: str | None = None) -> list[str]:
        """The labels of the criteria whose rule is a default, not confirmed for the season."""
        lang = get_language(lang or self.lang)
        if not self.events:
            return []
        return self.events[0].defaults(lang)

    def to_dict(self, lang: str | None = None, *, detail: bool = False) -> dict[str, Any]:
        lang = get_language(lang or self.lang)
        with paused_gc(when=len(self.events) >= 500):
            events = [r.to_dict(lang, detail=detail) for r in self.events]
        return {
            "report_version": REPORT_VERSION,
            "season": self.season,
            "rules": self.rules,
            "fil_rouge": self.fil_rouge,
            "detail": detail,
            "labels": {
                "principles": {k: self._plabel(k, lang) for k in self.principle_labels},
                "criteria": {k: self._clabel(k, lang) for k in self.criterion_labels},
            },
            "defaults": self.defaults(lang),
            "events": events,
            "summary": self.summary,
        }

    def to_json(
        self, lang: str | None = None, *, indent: int | None = 2, detail: bool = False
    ) -> str:
        return json.dumps(self.to_dict(lang, detail=detail), ensure_ascii=False, indent=indent)

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
            + (
                f"({M.text('fil_rouge', lang)} « {self.fil_rouge} »)"
                if lang == "fr"
                else f"({M.text('fil_rouge', lang)} '{self.fil_rouge_en or self.fil_rouge}')"
            ),
            "  "
            + M.text("events_n", lang, n=s["events"])
            + sep
            + ", ".join(
                M.counted(n, M.verdict_label(v, lang), lang) for v, n in s["verdicts"].items() if n
            ),
        ]
        if s["mean_score"] is not None:
            lines.append(
                f"  {M.text('mean_score', lang)}{sep}{decimal(s['mean_score'], get_language(lang))}/100"
            )
        head = sep.rstrip()
        lines.append(f"  {M.text('principles_met', lang)}{head}")
        for pid, counts in s["principles"].items():
            shown = [
                M.counted(counts[st], M.status_label(st, lang), lang)
                for st in ("met", "partly-met", "not-met", "cannot-tell")
                if counts[st]
            ]
            lines.append(f"    {self._plabel(pid, lang)}{sep}" + ", ".join(shown or ["—"]))
        missing = self._missing_data(lang)
        if missing:
            lines.append(f"  {M.text('missing_data', lang)}{head}")
            for label, n, why in missing:
                lines.append(
                    f"    {label}{sep}{M.text('events_n', lang, n=n)} "
                    f"{M.status_label('cannot-tell', lang)} — {why}"
                )
        if s["most_failed"]:
            lines.append(f"  {M.text('most_failed', lang)}{head}")
            for f in s["most_failed"][:5]:
                lines.append(
                    f"    {self._clabel(f['id'], lang)}{sep}"
                    f"{M.counted(f['not_met'], M.status_label('not-met', lang), lang)}, "
                    f"{M.counted(f['partly_met'], M.status_label('partly-met', lang), lang)}"
                )
        for key in ("by_departement", "by_quartier") if quartiers else ("by_departement",):
            if s[key]:
                lines.append(f"  {M.text(key, lang)}{head}")
                for name, g in s[key].items():
                    if key == "by_quartier":
                        name = self.quartier_names.get(name, name)
                    lines.append(
                        f"    {name}{sep}{M.text('events_n', lang, n=g['events'])}, "
                        f"{M.text('aligned_n', lang, n=g['aligned'])}, "
                        f"{M.text('mean_score', lang)} "
                        f"{decimal(g['mean_score'], get_language(lang))}"
                    )
        note = defaults_line(self.defaults(lang), lang)
        if note:
            lines.append(f"  {note}")
        return "\n".join(lines)

    def _missing_data(self, lang: str) -> list[tuple[str, int, str]]:
        """Per criterion that some events cannot judge: how many, and what data would decide it
        (the advice of the first such event)."""
        counts: dict[str, int] = {}
        why: dict[str, str] = {}
        for r in self.events:
            for c in r.criteria:
                if c.status == "cannot-tell" and c.role != "warning":
                    counts[c.id] = counts.get(c.id, 0) + 1
                    if c.id not in why:
                        why[c.id] = c.advice(lang) or ""
        return [(self._clabel(cid, lang), n, why[cid]) for cid, n in counts.items()]

    def to_text(
        self, lang: str | None = None, *, all_criteria: bool = False, max_items: int | None = None
    ) -> str:
        """Each event's verdict then the summary; with ``max_items`` (the command line's
        ``--max``), the summary first and at most that many events (0: all)."""
        lang = get_language(lang or self.lang)
        if max_items is None:
            parts = [
                r.to_text(lang, all_criteria=all_criteria, defaults=False) for r in self.events
            ]
            parts.append(self.summary_text(lang))
            return "\n\n".join(parts)
        shown = self.events[:max_items] if max_items else self.events
        parts = [self.summary_text(lang)]
        parts += [r.to_text(lang, all_criteria=all_criteria, defaults=False) for r in shown]
        if len(shown) < len(self.events):
            from .._render import more_line

            parts.append(more_line(len(self.events) - len(shown), lang, indent=""))
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
            + ", ".join(
                M.counted(n, M.verdict_label(v, lang), lang) for v, n in s["verdicts"].items() if n
            )
        )
        classes = [_VERDICT_CSS[r.verdict] for r in self.events]
        table = html_table(headers, rows, caption=caption, classes=classes)
        return table + _html_note(defaults_line(self.defaults(lang), lang))

    def records(self, lang: str | None = None, *, codes: bool = True) -> list[dict[str, Any]]:
        """One record per criterion of every event (see :meth:`AlignmentReport.records`)."""
        return [row for r in self.events for row in r.records(lang or self.lang, codes=codes)]

    def to_dataframe(
        self, lang: str | None = None, *, per: str = "event", labels: str | None = None
    ) -> Any:
        """A DataFrame with one row per event (``per="event"``) or per criterion
        (``per="criterion"``); needs the ``notebook`` extra. Verdicts and statuses are in the
        reader's words (« partiellement aligné », « en partie »), or their codes
        (``partly-aligned``, ``partly-met``) with ``labels="keys"``."""
        lang, codes = _frame_language(lang or self.lang, labels)
        if per == "criterion":
            return dataframe(self.records(lang, codes=codes), labels=labels or lang)
        if per != "event":
            from ..errors import InputError

            raise InputError(
                f"per « {per} » inconnu : choisir parmi event, criterion",
                f"unknown per '{per}': choose among event, criterion",
            )

        def shown(label: Any, code: str) -> str:
            return code if codes else str(label(code, lang))

        rows = []
        for r in self.events:
            row: dict[str, Any] = {
                "event": r.event_id,
                "title": r.title,
                "verdict": shown(M.verdict_label, r.verdict),
                "score": r.score,
                "quartiers": ", ".join(r.quartiers),
                "departements": ", ".join(r.departements),
            }
            row.update({p.id: shown(M.status_label, p.status) for p in r.principles})
            rows.append(row)
        return dataframe(rows, labels=labels or lang)

    def __repr__(self) -> str:
        v = self.summary["verdicts"]
        shown = ", ".join(f"{k}={n}" for k, n in v.items() if n)
        return f"<ProgrammeReport {self.rules}: {len(self.events)} events ({shown})>"
