"""Alignment check of a 5,000-event programme (issue 10 target: ``check_programme`` ≤ 1 s).

The programme repeats the sample's events under new ids and is written to a JSON file. Baseline
measured in the same run: loading that file with the public loader (``load_programme``), the
cost any user pays before checking. Also shown: the rule pack's first load (TOML, validation,
matcher), the JSON report (compact and ``detail=True``) with its size per event, and the peak
RSS of the process.
"""

from __future__ import annotations

import json
import resource
import tempfile
import time
from pathlib import Path
from typing import Any


def _programme_data(n: int) -> dict[str, Any]:
    from nqe_events.io import load_example

    sample = load_example()
    data = sample.model_dump(mode="json")
    events = data["events"]
    data["events"] = [
        {**events[i % len(events)], "id": f"{events[i % len(events)]['id']}-{i}"} for i in range(n)
    ]
    return data


def _programme(n: int) -> tuple[Any, dict[str, Any]]:
    """(Programme class, data) — kept for profiling scripts."""
    from nqe_events.model import Programme

    return Programme, _programme_data(n)


def _best(fn: Any, runs: int = 3) -> tuple[float, Any]:
    """The best wall time of ``runs`` calls, and the last result. The previous result is
    released before each call, so that freeing it is not timed as part of the next one."""
    best, out = float("inf"), None
    for _ in range(runs):
        out = None
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return best, out


def main() -> None:
    from nqe_events.io import load_programme
    from nqe_events.rules import check_programme, load_rules
    from nqe_events.rules.loader import _load_shipped

    n = 5000
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "programme-5000.json"
        path.write_text(json.dumps(_programme_data(n), ensure_ascii=False), encoding="utf-8")
        base, programme = _best(lambda: load_programme(path), runs=2)

    _load_shipped.cache_clear()
    t = time.perf_counter()
    pack = load_rules(2024)
    _ = pack.matcher
    first_load = time.perf_counter() - t

    best, report = _best(lambda: check_programme(programme, pack))
    # CPU time too: on a shared machine the wall time also counts other processes' turns
    cpu = float("inf")
    for _ in range(3):
        report = None
        c = time.process_time()
        report = check_programme(programme, pack)
        cpu = min(cpu, time.process_time() - c)
    t_json, compact = _best(lambda: report.to_json(), runs=1)
    t_detail, detail = _best(lambda: report.to_json(detail=True), runs=1)
    per_event = len(compact.encode()) / n
    per_event_detail = len(detail.encode()) / n
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"load_programme, {n} events, JSON file (baseline) {base * 1000:8.1f} ms")
    print(f"load rules nqe-2024 (first time)                {first_load * 1000:8.1f} ms")
    print(
        f"check_programme, {n} events                     {best * 1000:8.1f} ms  "
        f"ratio {best / base:5.2f}x  (target ≤ 1000 ms: {'ok' if best <= 1 else 'MISSED'})"
    )
    print(f"check_programme, {n} events, CPU time             {cpu * 1000:8.1f} ms")
    print(
        f"report.to_json() (compact)                      {t_json * 1000:8.1f} ms  "
        f"{per_event:7.0f} bytes/event (target ≤ 2048)"
    )
    print(
        f"report.to_json(detail=True)                     {t_detail * 1000:8.1f} ms  "
        f"{per_event_detail:7.0f} bytes/event"
    )
    print(f"peak RSS                                        {rss:8.1f} MB")
    print(f"verdicts: {report.summary['verdicts']}")


if __name__ == "__main__":
    main()
