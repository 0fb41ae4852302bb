"""A season's rules as data, and the explainable alignment checker.

- :func:`load_rules` reads a season's rule pack (``data/rules/nqe-<season>.toml`` or your own file,
  format in ``docs/rules.md``);
- :func:`check_alignment` judges one event: for every criterion a status (met, partly met, not
  met, cannot tell), the evidence used and advice; a verdict and a 0–100 score from the rule
  written in the pack;
- :func:`check_programme` judges every event and summarises (principles met, criteria failed most,
  by quartier and département).

This package imports only ``model`` (and ``errors``): it never imports ``calendar`` or
``footprint``.
"""

from .align import check_alignment, check_programme, rules_for
from .checks import CHECKS, Evidence
from .loader import list_rule_packs, load_rules, parse_rule_pack
from .pack import SCHEMA_VERSION, STATUSES, VERDICTS, RulePack
from .report import (
    AlignmentReport,
    CriterionResult,
    PrincipleResult,
    ProgrammeReport,
    alignment_report_schema,
)
from .text import Matcher, normalise

__all__ = [
    "CHECKS",
    "SCHEMA_VERSION",
    "STATUSES",
    "VERDICTS",
    "AlignmentReport",
    "CriterionResult",
    "Evidence",
    "Matcher",
    "PrincipleResult",
    "ProgrammeReport",
    "RulePack",
    "alignment_report_schema",
    "check_alignment",
    "check_programme",
    "list_rule_packs",
    "load_rules",
    "normalise",
    "parse_rule_pack",
    "rules_for",
]
