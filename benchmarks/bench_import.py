"""Import time of ``nqe_events`` next to ``import pydantic``, each in fresh interpreters, same run.

Target (issue 2): ``import nqe_events`` under 2.5x ``import pydantic``. Also shown: loading the
sample programme (which does import pydantic and builds the models).
"""

from __future__ import annotations

import statistics
import subprocess
import sys

RUNS = 7


def _time(statement: str) -> float:
    code = f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
    samples = []
    for _ in range(RUNS):
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        samples.append(float(out.stdout))
    return statistics.median(samples)


def main() -> None:
    base = _time("import pydantic")
    ours = _time("import nqe_events")
    models = _time("import nqe_events.model")
    sample = _time("import nqe_events; nqe_events.load_example()")
    print(f"import pydantic            {base * 1000:8.1f} ms  (baseline)")
    print(
        f"import nqe_events          {ours * 1000:8.1f} ms  ratio {ours / base:5.2f}x  (target < 2.5x)"
    )
    print(f"import nqe_events.model    {models * 1000:8.1f} ms  ratio {models / base:5.2f}x")
    print(f"load_example()             {sample * 1000:8.1f} ms  ratio {sample / base:5.2f}x")


if __name__ == "__main__":
    main()
