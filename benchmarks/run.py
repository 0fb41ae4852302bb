"""Run every benchmark in this folder (``make bench``). Each prints ratios against a baseline
measured in the same run; none of them is a pass/fail test.

``python benchmarks/run.py ics_import --hostile`` runs one benchmark with its option (here the
hostile ICS inputs as well)."""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    # names select benchmarks (``run.py ics_import``); options such as ``--hostile`` reach each one
    names = [a for a in sys.argv[1:] if not a.startswith("--")]
    for path in sorted(HERE.glob("bench_*.py")):
        if names and path.stem.removeprefix("bench_") not in names:
            continue
        print(f"\n=== {path.stem} ===", flush=True)
        runpy.run_path(str(path), run_name="__main__")
    return 0


if __name__ == "__main__":
    sys.exit(main())
