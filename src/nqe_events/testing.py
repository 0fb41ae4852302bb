"""Tools for people who write data for nqe_events: validate a season's rule pack without
reading code.

>>> from nqe_events.testing import check_rule_pack
>>> check_rule_pack("nqe-2024").ok
True

Like scikit-learn's ``check_estimator``, :func:`check_rule_pack` runs every check it knows on the
file and reports what is wrong: TOML syntax (with the line), structure (missing or misspelt fields,
wrong types), meaning (unknown check ids or parameters, thresholds in the wrong order, dangling
references), and finally a trial run of every criterion on sample events.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ._render import plural
from .errors import ErrorDetail, NqeError, get_language

__all__ = ["RulePackCheck", "check_rule_pack"]


@dataclass(frozen=True)
class RulePackCheck:
    """The result of :func:`check_rule_pack`: ``ok``, the problems found and the pack's summary."""

    source: str
    problems: tuple[ErrorDetail, ...] = ()
    headline_fr: str = ""
    headline_en: str = ""
    summary: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems and not self.headline_fr

    def to_text(self, lang: str | None = None) -> str:
        lang = get_language(lang)
        if self.ok:
            s = self.summary
            if lang == "fr":
                return (
                    f"{self.source} : fichier de règles utilisable — saison {s['season']}, "
                    f"{s['principles']} principes, {s['criteria']} critères, {s['sports']} sports, "
                    f"{s['rev3_items']} mesures Rev3"
                )
            return (
                f"{self.source}: usable rule file — season {s['season']}, {s['principles']} "
                f"principles, {s['criteria']} criteria, {s['sports']} sports, "
                f"{s['rev3_items']} Rev3 items"
            )
        head = self.headline_fr if lang == "fr" else self.headline_en
        lines = [f"{self.source} : {head}" if lang == "fr" else f"{self.source}: {head}"]
        lines += ["  - " + p.render(lang, self.source) for p in self.problems]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.to_text()

    def __repr__(self) -> str:
        state = "ok" if self.ok else plural(len(self.problems), "problem", lang="en")
        return f"<RulePackCheck {self.source}: {state}>"

    def raise_for_problems(self) -> None:
        """Raise :class:`~nqe_events.errors.RulePackError` when the pack is not usable."""
        if not self.ok:
            from .errors import RulePackError

            raise RulePackError(
                self.headline_fr, self.headline_en, details=self.problems, source=self.source
            )


def _trial_events() -> list[Any]:
    """Events that exercise every branch of the checks: rich, empty, undated, weekly."""
    from .model import Programme

    data = {
        "season": 2024,
        "name": "trial",
        "quartiers": [
            {
                "id": "q1",
                "name": "Q1",
                "communes": ["A"],
                "departement": "59",
                "qpv_code": "QN05901M",
            },
            {"id": "q2", "name": "Q2", "communes": ["B"], "departement": "80", "epci": "E"},
        ],
        "organisers": [
            {"id": "o1", "name": "O1", "kind": "association"},
            {"id": "o2", "name": "O2", "kind": "collectif-habitants"},
        ],
        "venues": [{"id": "v1", "name": "V1", "commune": "A", "accessible_pmr": True}],
        "events": [
            {
                "id": "rich",
                "title": "Fête du basket 3x3 et handibasket — JO",
                "description": "Tournoi, retransmission, respect et amitié, concert, championne",
                "organiser": "o1",
                "partners": ["o2"],
                "venue": "v1",
                "quartiers": ["q1", "q2"],
                "themes": ["sport", "culture"],
                "activities": ["boccia"],
                "occurrences": [{"start": "2024-07-14", "end": "2024-07-15"}],
                "expected_attendance": 200,
                "audiences": ["handicap"],
                "participation": {"conception": True, "realisation": False},
                "rev3": ["tri-selectif", "inconnu"],
                "labels": ["terre-de-jeux", "olympiade-culturelle"],
            },
            {
                "id": "bare",
                "title": "x",
                "organiser": "o2",
                "venue": "v1",
                "quartiers": ["q2"],
                "to_plan": {"duration": "2 h"},
            },
            {
                "id": "weekly",
                "title": "Atelier",
                "description": "séance",
                "organiser": "o1",
                "venue": "v1",
                "quartiers": ["q1"],
                "occurrences": [
                    {"start": f"2024-0{m}-{d:02d}T10:00", "end": f"2024-0{m}-{d:02d}T11:00"}
                    for m, d in ((7, 3), (7, 10), (7, 17), (7, 24))
                ],
            },
        ],
    }
    return [Programme.model_validate(data)]


def check_rule_pack(path: str | Path) -> RulePackCheck:
    """Validate a season's rule pack (a path to a TOML file, or a shipped id such as
    ``"nqe-2024"``) and say what is wrong with it. Never raises for a bad pack: read
    ``.ok`` and ``.problems``, or call ``.raise_for_problems()``."""
    from .errors import RulePackError, UnknownItemError
    from .rules.loader import read_toml, resolve_text
    from .rules.pack import validate_rule_pack
    from .rules.validate import semantic_problems

    spec = str(path)
    try:
        text, source, folder = resolve_text(spec)
    except (RulePackError, UnknownItemError) as exc:
        return RulePackCheck(spec, exc.details, exc.message_fr, exc.message_en)
    try:
        data = read_toml(text, source=source, base_dir=folder)
        pack = validate_rule_pack(data, text, source=source)
    except NqeError as exc:
        return RulePackCheck(source, exc.details, exc.message_fr, exc.message_en)
    problems = semantic_problems(pack, text)
    if problems:
        n = len(problems)
        return RulePackCheck(
            source,
            tuple(problems),
            f"fichier de règles inutilisable : {plural(n, 'problème', lang='fr')} à corriger",
            f"unusable rule file: {plural(n, 'problem', lang='en')} to fix",
        )
    from .rules.align import check_programme

    trial_problems: list[ErrorDetail] = []
    for programme in _trial_events():
        try:
            check_programme(programme, pack)
        except Exception as exc:  # a check crashing on this pack is exactly what we report
            trial_problems.append(
                ErrorDetail(
                    "",
                    f"l'essai sur des événements types a échoué : {type(exc).__name__}: {exc}",
                    f"the trial on sample events failed: {type(exc).__name__}: {exc}",
                )
            )
    if trial_problems:
        return RulePackCheck(
            source,
            tuple(trial_problems),
            "le fichier se lit mais ne s'applique pas",
            "the file reads but cannot be applied",
        )
    return RulePackCheck(
        source,
        summary={
            "id": pack.id,
            "season": pack.season,
            "principles": len(pack.principles),
            "criteria": len(pack.criteria),
            "sports": len(pack.games.sports),
            "rev3_items": len(pack.rev3.items),
            "confirmed": pack.confirmed,
        },
    )
