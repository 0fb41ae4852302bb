"""Programme files of any size for the end-to-end benchmarks, made from the bundled example.

The example's quartiers, organisers and resources are kept; its venues are copied (``-2``, ``-3``…)
so that a region-sized season spreads over about one venue per 10 events; its events are copied
round-robin with new ids, moved to another venue copy and shifted by whole days inside the summer,
so every copy keeps the example's fields (footprint data, budgets, participation…). About 2 % of
the events stay undated (``to_plan``) for the planner; the rest are dated. The result is written
through :func:`nqe_events.io.dumps_programme`'s formats but built as plain data (validated when it
is read, never with ``model_construct``).
"""

from __future__ import annotations

import copy
import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import yaml

from nqe_events.io import example_text
from nqe_events.io.yaml_lines import load_yaml

__all__ = ["programme_data", "write_programme"]


def _shift(text: Any, days: int) -> Any:
    if not isinstance(text, str):
        return text
    if len(text) == 10:
        return (datetime.fromisoformat(text) + timedelta(days=days)).date().isoformat()
    return (datetime.fromisoformat(text) + timedelta(days=days)).isoformat(timespec="minutes")


def programme_data(n_events: int) -> dict[str, Any]:
    """A valid programme of ``n_events`` events as plain data (dicts, lists, text, numbers)."""
    base: dict[str, Any] = load_yaml(example_text("nqe-2024"))
    venues = base["venues"]
    copies = max(1, n_events // (10 * len(venues)))
    base["venues"] = [
        {**v, "id": v["id"] if k == 0 else f"{v['id']}-{k + 1}"}
        for k in range(copies)
        for v in venues
    ]
    dated = [e for e in base["events"] if "occurrences" in e]
    undated = [e for e in base["events"] if "occurrences" not in e]
    n_undated = min(len(undated) * max(1, n_events // 100), n_events // 50)
    events: list[dict[str, Any]] = []
    for i in range(n_events):
        if i % 50 == 49 and n_undated > 0:
            n_undated -= 1
            source = undated[i % len(undated)]
        else:
            source = dated[i % len(dated)]
        event = copy.deepcopy(source)
        round_ = i // len(dated)
        event["id"] = f"{source['id']}-{i}"
        k = round_ % copies
        if k:
            event["venue"] = f"{source['venue']}-{k + 1}"
            event.pop("resources", None)
        days = (round_ // copies) % 21 - 10
        for occ in event.get("occurrences", []):
            occ["start"] = _shift(occ["start"], days)
            occ["end"] = _shift(occ["end"], days)
        events.append(event)
    base["events"] = events
    return base


def write_programme(n_events: int, folder: Path) -> dict[str, Path]:
    """``programme-N.yaml`` and ``programme-N.json`` in ``folder`` (written once, then reused)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {fmt: folder / f"programme-{n_events}.{fmt}" for fmt in ("yaml", "json")}
    if all(p.exists() for p in paths.values()):
        return paths
    data = programme_data(n_events)
    paths["json"].write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    paths["yaml"].write_text(
        yaml.dump(
            data,
            Dumper=yaml.CSafeDumper if yaml.__with_libyaml__ else yaml.SafeDumper,
            allow_unicode=True,
            sort_keys=False,
            width=100,
        ),
        encoding="utf-8",
    )
    return paths
