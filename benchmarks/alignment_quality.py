"""How far the alignment checker agrees with an instructor's reading (``make quality``).

The labelled set lives in ``tests/data/alignment/``: ``context.yaml`` (quartiers, organisers,
venues) and ``set-<season>.yaml`` files, each a list of items — an event as an organiser or the
local press writes it, the status an instructor gives each principle from the text, a one-line
reason and the item's provenance (README.md there). This script builds one programme per set file
through the public loader (:func:`nqe_events.io.programme_from_data`), judges it with
:func:`nqe_events.check_programme`, and prints, per principle, the agreement (share of items where
the checker's status equals the label) and the confusion matrix (expected × got).

    python benchmarks/alignment_quality.py            # agreement and matrices
    python benchmarks/alignment_quality.py --details  # and every disagreement with its reason
    python benchmarks/alignment_quality.py --by-kind  # agreement per family of items
    python benchmarks/alignment_quality.py --json     # figures as JSON

The labels are never edited to follow the checker; tests/rules/test_alignment_quality.py holds
the agreement at or above the floor in ``tests/data/alignment/floor.toml``.
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
SET_DIR = ROOT / "tests" / "data" / "alignment"
FLOOR_FILE = SET_DIR / "floor.toml"

#: the checker's status vocabulary (docs/rules.md, « Les quatre statuts »)
STATUSES = ("met", "partly-met", "not-met", "cannot-tell")
#: the principles every item labels, then the criteria some items label
PRINCIPLE_KEYS = ("fil-rouge", "temps-fort", "participation", "rev3")
CRITERION_KEYS = ("periode", "habitants-benevoles")
REQUIRED_KEYS = (*PRINCIPLE_KEYS, "periode")
ITEM_FIELDS = {"kind", "source", "reason", "expected", "event"}


class LabelSetError(ValueError):
    """The labelled set is malformed (says which file and item)."""


@dataclass(frozen=True)
class Item:
    file: str
    index: int
    kind: str
    source: str
    reason: str
    expected: Mapping[str, str]
    event_id: str


@dataclass(frozen=True)
class LabelledSet:
    """One set file: its season's rules, its programme and its items."""

    file: str
    rules: str
    programme: Any
    items: tuple[Item, ...]


@dataclass
class KeyResult:
    """Agreement on one principle or criterion."""

    key: str
    pairs: list[tuple[str, str, Item]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.pairs)

    @property
    def agreed(self) -> int:
        return sum(1 for e, g, _ in self.pairs if e == g)

    @property
    def agreement(self) -> float:
        return self.agreed / self.total if self.total else 0.0

    @property
    def informed(self) -> tuple[int, int]:
        """(agreed, total) over the items whose label is not ``cannot-tell``: the text says
        something and the checker has to read it."""
        told = [(e, g) for e, g, _ in self.pairs if e != "cannot-tell"]
        return sum(1 for e, g in told if e == g), len(told)

    def matrix(self) -> dict[str, dict[str, int]]:
        m = {e: dict.fromkeys(STATUSES, 0) for e in STATUSES}
        for e, g, _ in self.pairs:
            m[e][g] += 1
        return m


def _load_yaml(path: Path) -> Any:
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _check_item(raw: Any, where: str) -> None:
    if not isinstance(raw, dict):
        raise LabelSetError(f"{where}: an item must be a mapping")
    missing = ITEM_FIELDS - raw.keys()
    extra = raw.keys() - ITEM_FIELDS
    if missing or extra:
        raise LabelSetError(f"{where}: missing {sorted(missing)}, unknown {sorted(extra)}")
    for name in ("kind", "source", "reason"):
        if not isinstance(raw[name], str) or not raw[name].strip():
            raise LabelSetError(f"{where}: '{name}' must be a non-empty text")
    if "\n" in raw["reason"].strip():
        raise LabelSetError(f"{where}: the reason is one line")
    expected = raw["expected"]
    if not isinstance(expected, dict):
        raise LabelSetError(f"{where}: 'expected' must be a mapping")
    for key in REQUIRED_KEYS:
        if key not in expected:
            raise LabelSetError(f"{where}: no expected status for '{key}'")
    for key, status in expected.items():
        if key not in PRINCIPLE_KEYS + CRITERION_KEYS:
            raise LabelSetError(f"{where}: unknown key '{key}'")
        if status not in STATUSES:
            raise LabelSetError(f"{where}: '{key}: {status}' is not one of {STATUSES}")


def load_sets(directory: Path = SET_DIR) -> list[LabelledSet]:
    """Read and validate every ``set-*.yaml`` of the directory (programmes built, not judged)."""
    from nqe_events.io import programme_from_data

    context = _load_yaml(directory / "context.yaml")
    sets = []
    seen: dict[str, str] = {}
    for path in sorted(directory.glob("set-*.yaml")):
        data = _load_yaml(path)
        items_raw = data.get("items") or []
        events, items = [], []
        for i, raw in enumerate(items_raw):
            where = f"{path.name} item {i + 1}"
            _check_item(raw, where)
            event_id = raw["event"].get("id")
            if event_id in seen:
                raise LabelSetError(f"{where}: event id '{event_id}' already in {seen[event_id]}")
            seen[event_id] = path.name
            events.append(raw["event"])
            items.append(
                Item(
                    file=path.name,
                    index=i + 1,
                    kind=raw["kind"],
                    source=raw["source"],
                    reason=raw["reason"].strip(),
                    expected=dict(raw["expected"]),
                    event_id=event_id,
                )
            )
        programme_data = {
            "season": data["season"],
            "name": f"Jeu d'évaluation {data['season']}",
            "rules": data["rules"],
            **context,
            "events": events,
        }
        programme = programme_from_data(programme_data, source=str(path))
        sets.append(LabelledSet(path.name, data["rules"], programme, tuple(items)))
    if not sets:
        raise LabelSetError(f"no set-*.yaml in {directory}")
    return sets


def _statuses(report: Any) -> dict[str, str]:
    found = {p.id: p.status for p in report.principles}
    for c in report.criteria:
        found.setdefault(c.id, c.status)
    return found


def evaluate(sets: Iterable[LabelledSet]) -> dict[str, KeyResult]:
    """Judge every set with the shipped checker and pair each label with the checker's status."""
    import nqe_events as nqe

    results = {k: KeyResult(k) for k in PRINCIPLE_KEYS + CRITERION_KEYS}
    for s in sets:
        report = nqe.check_programme(s.programme, s.rules)
        by_id = {r.event_id: _statuses(r) for r in report.events}
        for item in s.items:
            got = by_id[item.event_id]
            for key, expected in item.expected.items():
                if key not in got:
                    raise LabelSetError(
                        f"{item.file} item {item.index}: the checker reports no '{key}' "
                        f"under the rules {s.rules}"
                    )
                results[key].pairs.append((expected, got[key], item))
    return results


def load_floor(path: Path = FLOOR_FILE) -> dict[str, float]:
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    floor = data.get("floor", {})
    return {str(k): float(v) for k, v in floor.items()}


def format_report(results: Mapping[str, KeyResult], *, details: bool = False) -> str:
    short = {"met": "met", "partly-met": "partly", "not-met": "not", "cannot-tell": "?"}
    lines = ["Agreement with the labelled set (expected × got):", ""]
    for key, r in results.items():
        if not r.total:
            continue
        ok, told = r.informed
        lines.append(
            f"{key}: {r.agreed}/{r.total} = {100 * r.agreement:.1f} %"
            + (
                f"  (labels other than cannot-tell: {ok}/{told} = {100 * ok / told:.1f} %)"
                if told
                else ""
            )
        )
        head = "  expected \\ got " + "".join(f"{short[s]:>8}" for s in STATUSES)
        lines.append(head)
        m = r.matrix()
        for e in STATUSES:
            row = m[e]
            if not any(row.values()):
                continue
            lines.append(f"  {e:<15}" + "".join(f"{row[g]:>8}" for g in STATUSES))
        if details:
            for e, g, item in r.pairs:
                if e != g:
                    lines.append(
                        f"    ✗ {item.event_id} ({item.file} #{item.index}): "
                        f"expected {e}, got {g} — {item.reason}"
                    )
        lines.append("")
    return "\n".join(lines)


def format_by_kind(results: Mapping[str, KeyResult]) -> str:
    """Agreement per family of items (``kind``) and key: where the checker goes wrong."""
    kinds = sorted({item.kind for r in results.values() for _, _, item in r.pairs})
    keys = [k for k, r in results.items() if r.total]
    width = max(len(k) for k in kinds)
    lines = ["Agreement by kind of item (agreed/labelled):", ""]
    lines.append(" " * (width + 2) + "".join(f"{k[:13]:>14}" for k in keys))
    for kind in kinds:
        cells = []
        for key in keys:
            pairs = [(e, g) for e, g, i in results[key].pairs if i.kind == kind]
            ok = sum(1 for e, g in pairs if e == g)
            cells.append(f"{ok}/{len(pairs)}" if pairs else "")
        lines.append(f"  {kind:<{width}}" + "".join(f"{c:>14}" for c in cells))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--details", action="store_true", help="list every disagreement")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--by-kind", action="store_true", help="agreement per family of items")
    args = parser.parse_args(argv)
    results = evaluate(load_sets())
    if args.json:
        payload = {
            k: {
                "agreed": r.agreed,
                "total": r.total,
                "agreement": round(r.agreement, 4),
                "informed": list(r.informed),
                "matrix": r.matrix(),
            }
            for k, r in results.items()
            if r.total
        }
        print(json.dumps(payload, indent=2))
        return 0
    print(format_report(results, details=args.details))
    if args.by_kind:
        print(format_by_kind(results))
    floor = load_floor() if FLOOR_FILE.exists() else {}
    below = [k for k, f in floor.items() if k in results and results[k].agreement < f]
    for k in below:
        print(f"BELOW FLOOR: {k} {100 * results[k].agreement:.1f} % < {100 * floor[k]:.1f} %")
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main())
