"""The registry of check functions that rule packs name by id.

A criterion of a rule pack says *what* to judge (its label, weight and thresholds in ``params``);
the check it names says *how*. Each check returns an :class:`Outcome`: a status, the evidence it
used (field and matched word) and the parameters of its advice. Missing data gives
``cannot-tell``, never a silent ``not-met``.

Checks only read the event, its programme context and the pack: they are pure and never raise for
an event's content. The checks live in :mod:`.fil_rouge`, :mod:`.principles` and
:mod:`.eligibility`; :mod:`.validate` checks a pack against this registry.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .context import EventContext, Evidence, Outcome
from .eligibility import (
    check_inter_quartier,
    check_organiser_kind,
    check_period,
    check_protected_terms,
    check_public_holiday,
    check_qpv,
)
from .fil_rouge import (
    check_celebration,
    check_culture_sport,
    check_games_network,
    check_games_sport,
    check_para_inclusion,
    check_values_education,
)
from .pack import Criterion
from .principles import (
    _PHASES,
    check_attendance,
    check_days,
    check_festive,
    check_participation_phases,
    check_rev3_categories,
    check_rev3_measures,
    check_volunteers,
    check_weekly_routine,
    weekly_run,
)

__all__ = [
    "CHECKS",
    "PHASES",
    "CheckSpec",
    "EventContext",
    "Evidence",
    "Outcome",
    "Param",
    "weekly_run",
]

PHASES = _PHASES

# --- registry -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Param:
    """A parameter a check accepts in ``params``: its kind and default."""

    kind: str  # "int", "float", "bool", "str", "list[str]", "keywords", "date-kinds", "labels"
    default: Any
    doc: str = ""


@dataclass(frozen=True)
class CheckSpec:
    fn: Callable[[EventContext, Criterion], Outcome]
    doc: str
    params: Mapping[str, Param] = field(default_factory=dict)
    #: the pack section whose ``confirmed`` and ``sources`` the criterion inherits
    section: str | None = None


_ORDERED = {"int", "float"}

CHECKS: dict[str, CheckSpec] = {
    "games-sport": CheckSpec(
        check_games_sport,
        "a sport or discipline of the Games programme named in the title, description or "
        "activities (met); only generic sport words or the sport theme (partly)",
        {"keywords": Param("keywords", "sport-generic")},
    ),
    "para-inclusion": CheckSpec(
        check_para_inclusion,
        "a Paralympic sport, or two of: inclusion words, the audience, an accessible venue",
        {"keywords": Param("keywords", "inclusion"), "audience": Param("str", "handicap")},
    ),
    "values-education": CheckSpec(
        check_values_education,
        "values tied to the Games, or met_at values where sport or the Games are (met); general "
        "values or values without sport (partly)",
        {
            "keywords": Param("keywords", "values-education"),
            "games_keywords": Param("keywords", None),
            "met_at": Param("int", 2),
        },
    ),
    "celebration": CheckSpec(
        check_celebration,
        "dated on the torch relay day of the event's département or in a Games period, and a "
        "celebration word (both: met; one: partly)",
        {
            "keywords": Param("keywords", "celebration"),
            "date_kinds": Param("date-kinds", ["olympic-games", "paralympic-games"]),
            "torch_relay": Param("bool", True),
        },
    ),
    "culture-sport": CheckSpec(
        check_culture_sport,
        "an Olympiade culturelle label, or culture together with sport, a sports venue or Games "
        "values",
        {
            "keywords": Param("keywords", "culture"),
            "labels": Param("labels", ["olympiade-culturelle"]),
            "venue_keywords": Param("keywords", "sports-venue"),
        },
    ),
    "games-network": CheckSpec(
        check_games_network,
        "athlete encounters and Terre de Jeux / Génération 2024 labels (signals counted)",
        {
            "keywords": Param("keywords", "athletes"),
            "labels": Param("labels", ["terre-de-jeux", "generation-2024"]),
            "met_at": Param("int", 2),
        },
    ),
    "temps-fort-days": CheckSpec(
        check_days,
        "number of distinct days: at most met_max_days (met), partly_max_days (partly)",
        {"met_max_days": Param("int", 7), "partly_max_days": Param("int", 21)},
    ),
    "weekly-routine": CheckSpec(
        check_weekly_routine,
        "longest run of sessions one week apart at the same time (routine, not a temps fort)",
        {"partly_weeks": Param("int", 2), "not_met_weeks": Param("int", 3)},
    ),
    "festive": CheckSpec(
        check_festive,
        "a festive word in the title (met) or only in the description/activities (partly)",
        {"keywords": Param("keywords", "festive")},
    ),
    "attendance": CheckSpec(
        check_attendance,
        "expected attendance against met_at and partly_at",
        {"met_at": Param("int", 150), "partly_at": Param("int", 50)},
    ),
    "participation-phases": CheckSpec(
        check_participation_phases,
        "inhabitants involved in met_at of the phases (all by default), in the fields or the "
        "prose (met); in some (partly); in none, or a turnkey event (not met)",
        {
            "phases": Param("phases", ["conception", "realisation", "evaluation"]),
            "met_at": Param("int", None),
        },
    ),
    "volunteers": CheckSpec(
        check_volunteers,
        "number of inhabitant volunteers against met_at and partly_at",
        {"met_at": Param("int", 5), "partly_at": Param("int", 1)},
    ),
    "rev3-measures": CheckSpec(
        check_rev3_measures,
        "number of declared Rev3 checklist items against met_at and partly_at",
        {"met_at": Param("int", 5), "partly_at": Param("int", 2)},
    ),
    "rev3-categories": CheckSpec(
        check_rev3_categories,
        "number of Rev3 categories covered by the declared items",
        {
            "met_at": Param("int", 4),
            "partly_at": Param("int", 2),
            "categories": Param("rev3-categories", None),
        },
    ),
    "period": CheckSpec(
        check_period, "every day inside [period] (met), some (partly)", section="period"
    ),
    "qpv": CheckSpec(
        check_qpv,
        "quartiers' QPV codes found in the loaded official list, of an accepted generation",
    ),
    "organiser-kind": CheckSpec(
        check_organiser_kind,
        "organiser kind eligible, conditional (met with an eligible partner) or excluded",
        section="eligibility",
    ),
    "inter-quartier": CheckSpec(
        check_inter_quartier,
        "at least min_quartiers quartiers and partners (mutualised action), EPCI exception",
        {"min_quartiers": Param("int", 2), "require_partner": Param("bool", True)},
    ),
    "protected-terms": CheckSpec(
        check_protected_terms,
        "protected Olympic terms: in the title (not met), in the description (partly)",
    ),
    "public-holiday": CheckSpec(
        check_public_holiday,
        "days on a key date of the given kinds: all (not met), some (partly)",
        {"date_kinds": Param("date-kinds", ["public-holiday"])},
    ),
}
