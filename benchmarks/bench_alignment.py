"""Alignment check of a 5,000-event programme (issue 3 target: under 2 s).

The programme repeats the sample's events under new ids. Baseline measured in the same run:
validating that programme with pydantic (``Programme.model_validate``), the cost any user pays
to load it. Also shown: the rule pack's first load (TOML + validation + matcher).
"""

from __future__ import annotations

import time
from typing import Any


def _programme(n: int) -> tuple[Any, dict[str, Any]]:
    from nqe_events.io import load_example
    from nqe_events.model import Programme

    sample = load_example()
    data = sample.model_dump(mode="json")
    events = data["events"]
    data["events"] = [
        {**events[i % len(events)], "id": f"{events[i % len(events)]['id']}-{i}"} for i in range(n)
    ]
    return Programme, data


def main() -> None:
    from nqe_events.rules import check_programme
    from nqe_events.rules.loader import _load_shipped

    n = 5000
    programme_cls, data = _programme(n)
    t = time.perf_counter()
    programme = programme_cls.model_validate(data)
    base = time.perf_counter() - t

    _load_shipped.cache_clear()
    t = time.perf_counter()
    from nqe_events.rules import load_rules

    pack = load_rules(2024)
    _ = pack.matcher
    first_load = time.perf_counter() - t

    runs = []
    for _ in range(3):
        t = time.perf_counter()
        report = check_programme(programme, pack)
        runs.append(time.perf_counter() - t)
    best = min(runs)
    t = time.perf_counter()
    report.to_json(indent=None)
    to_json = time.perf_counter() - t
    print(f"validate {n} events (baseline)   {base * 1000:8.1f} ms")
    print(f"load rules nqe-2024 (first time)   {first_load * 1000:8.1f} ms")
    print(
        f"check_programme, {n} events        {best * 1000:8.1f} ms  ratio {best / base:5.2f}x  "
        f"(target < 2000 ms: {'ok' if best < 2 else 'MISSED'})"
    )
    print(f"report.to_json(indent=None)        {to_json * 1000:8.1f} ms")
    print(f"verdicts: {report.summary['verdicts']}")


if __name__ == "__main__":
    main()
