"""Finding and loading rule packs: the shipped seasons (``data/rules/``) or a user's TOML file."""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .._render import plural
from ..errors import ErrorDetail, RulePackError, UnknownItemError, did_you_mean
from ..io.files import read_text
from .pack import RulePack, _short, _toml_error, line_of, merge, validate_rule_pack
from .validate import semantic_problems

__all__ = ["list_rule_packs", "load_rules", "parse_rule_pack", "read_toml", "resolve_text"]

_SHIPPED = re.compile(r"^(?:nqe-)?(\d{4})$")


def list_rule_packs() -> list[str]:
    """The ids of the rule packs shipped with the package (``nqe-2022`` …)."""
    folder = resources.files("nqe_events") / "data" / "rules"
    return sorted(p.name[: -len(".toml")] for p in folder.iterdir() if p.name.endswith(".toml"))


def _shipped_text(name: str) -> str:
    return (resources.files("nqe_events") / "data" / "rules" / f"{name}.toml").read_text("utf-8")


def resolve_text(spec: str, *, base_dir: Path | None = None) -> tuple[str, str, Path | None]:
    """``(text, source, folder)`` of a rule pack named by season (``2024``), id (``nqe-2024``) or
    path (``my-rules.toml``, relative to ``base_dir`` when given)."""
    spec = spec.strip()
    m = _SHIPPED.match(spec)
    if m and not spec.endswith(".toml"):
        name = f"nqe-{m.group(1)}"
        known = list_rule_packs()
        if name not in known:
            dym_fr, dym_en = did_you_mean(name, known)
            raise UnknownItemError(
                f"aucune règle livrée pour « {spec} » ; saisons disponibles : {', '.join(known)}"
                + dym_fr
                + " ; pour une autre saison, donnez le chemin de votre fichier TOML",
                f"no shipped rules for '{spec}'; available: {', '.join(known)}"
                + dym_en
                + "; for another season give the path of your TOML file",
            )
        return _shipped_text(name), f"nqe_events:data/rules/{name}.toml", None
    path = Path(spec)
    if base_dir is not None and not path.is_absolute():
        path = base_dir / path
    text = read_text(path, error=RulePackError)
    return text, str(path), path.parent


@lru_cache(maxsize=16)
def _load_shipped(name: str) -> RulePack:
    text, source, _ = resolve_text(name)
    return parse_rule_pack(text, source=source)


def load_rules(rules: RulePack | str | int | Path | None = None) -> RulePack:
    """Load a season's rules.

    ``rules`` is a season (``2024``), a shipped id (``"nqe-2024"``), a path to a TOML file written
    as docs/rules.md describes, or an already loaded :class:`RulePack`. ``None`` means the 2024
    season. Raises :class:`~nqe_events.errors.RulePackError` when the file cannot be used (with the
    line and field) and :class:`~nqe_events.errors.UnknownItemError` for an unknown season.
    """
    if isinstance(rules, RulePack):
        return rules
    if rules is None:
        rules = 2024
    if isinstance(rules, bool):
        raise TypeError("rules must be a season, an id, a path or a RulePack")
    if isinstance(rules, int):
        rules = str(rules)
    if isinstance(rules, str) and _SHIPPED.match(rules.strip()):
        m = _SHIPPED.match(rules.strip())
        assert m is not None
        name = f"nqe-{m.group(1)}"
        resolve_text(name)  # raises UnknownItemError for an unknown season
        return _load_shipped(name)
    text, source, folder = resolve_text(str(rules))
    return parse_rule_pack(text, source=source, base_dir=folder)


def parse_rule_pack(
    text: str, *, source: str = "<rules>", base_dir: Path | None = None
) -> RulePack:
    """Read and validate rule-pack TOML text; raise :class:`RulePackError` when it is unusable.

    Checks the structure (types, ids, dates), then the meaning (known check ids and parameters,
    unique ids, coherent thresholds, references between sections): see :func:`semantic_problems`.
    """
    data = read_toml(text, source=source, base_dir=base_dir)
    pack = validate_rule_pack(data, text, source=source)
    problems = semantic_problems(pack, text)
    if problems:
        raise RulePackError(
            f"fichier de règles inutilisable : {plural(len(problems), 'problème', lang='fr')} "
            "à corriger",
            f"unusable rule file: {plural(len(problems), 'problem', lang='en')} to fix",
            details=problems,
            source=source,
        )
    return pack


def read_toml(
    text: str, *, source: str, base_dir: Path | None = None, _depth: int = 0
) -> dict[str, Any]:
    """The TOML document as a dict, with ``extends`` resolved (see docs/rules.md)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _toml_error(exc, source) from None
    parent = data.pop("extends", None)
    if parent is None:
        return data
    if not isinstance(parent, str) or not parent:
        raise RulePackError(
            "« extends » doit nommer un fichier de règles (ex. « nqe-2024 »)",
            "'extends' must name a rule file (e.g. 'nqe-2024')",
            details=[
                ErrorDetail(
                    "extends",
                    "texte attendu",
                    "text expected",
                    found=_short(parent),
                    line=line_of(text, ("extends",)),
                )
            ],
            source=source,
        )
    parent_text, parent_source, parent_dir = resolve_text(parent, base_dir=base_dir)
    if parent_source == source or _depth >= 8:
        raise RulePackError(
            "« extends » forme une boucle (un fichier de règles s'étend lui-même)",
            "'extends' makes a loop (a rule file extends itself)",
            source=source,
        )
    base = read_toml(parent_text, source=parent_source, base_dir=parent_dir, _depth=_depth + 1)
    return merge(base, data)
