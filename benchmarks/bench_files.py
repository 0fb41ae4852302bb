"""End-to-end benchmark (issue 14): each command as a process on real programme files.

Programmes of 1,000 and 10,000 events (``--sizes 1000,10000,50000`` or ``NQE_BENCH_SIZES``) are
generated from the bundled example (:mod:`programmes`) and written to YAML and to JSON, then each
of ``validate``, ``check``, ``clashes``, ``plan``, ``footprint`` and ``ics`` runs as ``python -m
nqe_events.cli`` on each file. Beside them, in the same run, the baselines: a bare libyaml parse of
the same YAML (``yaml.load(..., Loader=CSafeLoader)``) and a bare ``json.load`` of the same JSON,
each in a process that imports pydantic. Wall time and peak RSS (``os.wait4`` of each child; the
files are generated in a child process so that this parent, whose size a child's peak RSS starts
from, stays small) are printed, with the ratio of each command to the baseline of its format, the
CPU time each command adds to ``validate`` (its own algorithm), and the slope between sizes (what
1,000 more events add in wall time, CPU time and peak RSS: the same figure between each pair of
sizes is linear growth). Nothing is built with ``model_construct``: every programme is read through
the public loaders from its file.

Goals: ``validate`` ≤ 1.5× the bare libyaml parse; JSON ≤ 3× the bare JSON process; peak RSS ≤ 250
MB at 10,000 events. Run: ``python benchmarks/bench_files.py [--sizes 1000,10000,50000] [--commands
validate,check]``.
"""

from __future__ import annotations

import argparse
import itertools
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

COMMANDS = ["validate", "check", "clashes", "plan", "footprint", "ics"]
BASELINE = {
    "yaml": "import pydantic, sys, yaml\n"
    "with open(sys.argv[1], encoding='utf-8') as f:\n"
    "    yaml.load(f.read(), Loader=yaml.CSafeLoader)\n",
    "json": "import pydantic, sys, json\n"
    "with open(sys.argv[1], encoding='utf-8') as f:\n"
    "    json.load(f)\n",
}


def _run(argv: list[str], cwd: Path) -> tuple[float, float, int, float]:
    """Wall seconds, peak RSS in MB, exit status and CPU seconds (user + system) of one child
    process (on a shared machine the CPU time varies less than the wall time)."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=_env()
    )
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1) and proc.stderr is not None:
        sys.stderr.write(proc.stderr.read().decode("utf-8", "replace")[-2000:])
    if proc.stderr is not None:
        proc.stderr.close()
    return wall, usage.ru_maxrss / 1024, proc.returncode, usage.ru_utime + usage.ru_stime


def _env() -> dict[str, str]:
    return {**os.environ, "NQE_LANG": "fr", "PYTHONDONTWRITEBYTECODE": "1"}


def _command(name: str, path: Path, out: Path) -> list[str]:
    argv = [sys.executable, "-m", "nqe_events.cli", name, str(path)]
    target = None
    if name == "plan":
        target = out / f"plan-{path.stem}{path.suffix}"
    elif name == "ics":
        target = out / f"{path.stem}-{path.suffix[1:]}.ics"
    if target is not None:
        # a fresh output each run: ``ics`` reads an existing calendar it overwrites (to keep its
        # events' sequence numbers), which would time that read too
        target.unlink(missing_ok=True)
        argv += ["-o", str(target)]
    if name in ("clashes", "check"):
        argv += ["--max", "50"]
    size_mb = path.stat().st_size / (1024 * 1024)
    if size_mb > 50:
        # a programme of 50,000 rich events is past the default bound of 50 MiB (and its count of
        # values): raised, as a regional office would for such a file
        argv += ["--max-size", str(int(size_mb) + 10)]
    return argv


def _write(n: int, folder: Path) -> dict[str, Path]:
    """The programme files of ``n`` events, generated in a child process: this process stays small,
    since a child's peak RSS starts from its parent's size at fork time."""
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); from pathlib import Path; "
        "from programmes import write_programme; write_programme(int(sys.argv[2]), Path(sys.argv[3]))"
    )
    subprocess.run([sys.executable, "-c", code, str(HERE), str(n), str(folder)], check=True)
    return {fmt: folder / f"programme-{n}.{fmt}" for fmt in ("yaml", "json")}


def _options(argv: list[str]) -> tuple[list[int], list[str]]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--sizes",
        default=os.environ.get("NQE_BENCH_SIZES", "1000,10000"),
        help="numbers of events, comma-separated (default 1000,10000; 50000 takes minutes)",
    )
    parser.add_argument(
        "--commands",
        default=",".join(COMMANDS),
        help=f"commands to time, comma-separated (default all: {','.join(COMMANDS)}); "
        "validate is always timed, the others are given as their time over it",
    )
    args = parser.parse_args(argv)
    sizes = [int(s) for s in str(args.sizes).split(",") if s.strip()]
    wanted = {c.strip() for c in str(args.commands).split(",") if c.strip()}
    unknown = wanted - set(COMMANDS)
    if unknown:
        parser.error(f"unknown command(s): {', '.join(sorted(unknown))}")
    return sizes, [c for c in COMMANDS if c == "validate" or c in wanted]


def main(argv: list[str] | None = None) -> int:
    sizes, commands = _options(sys.argv[1:] if argv is None else argv)
    folder = Path(os.environ.get("NQE_BENCH_DIR", tempfile.gettempdir())) / "nqe-bench-files"
    out = folder / "out"
    out.mkdir(parents=True, exist_ok=True)
    rows: dict[tuple[int, str, str], tuple[float, float, int, float]] = {}
    print(
        f"{'events':>7} {'format':6} {'command':10} {'wall s':>8} {'cpu s':>7} {'RSS MB':>7} "
        f"{'× bare':>7} {'× cpu':>6} {'+ own s':>8} {'status':>6}",
        flush=True,
    )
    for n in sizes:
        paths = _write(n, folder)
        for fmt in ("yaml", "json"):
            path = paths[fmt]
            base = _run([sys.executable, "-c", BASELINE[fmt], str(path)], folder)
            rows[(n, fmt, "bare")] = base
            label = "bare-" + ("libyaml" if fmt == "yaml" else "json")
            print(
                f"{n:>7} {fmt:6} {label:10} {base[0]:8.2f} {base[3]:7.2f} {base[1]:7.0f} "
                f"{1:7.2f} {1:6.2f} {'':>8} {base[2]:>6}",
                flush=True,
            )
            for name in commands:
                wall, rss, code, cpu = _run(_command(name, path, out), folder)
                rows[(n, fmt, name)] = (wall, rss, code, cpu)
                own = "" if name == "validate" else f"{cpu - rows[(n, fmt, 'validate')][3]:8.2f}"
                print(
                    f"{n:>7} {fmt:6} {name:10} {wall:8.2f} {cpu:7.2f} {rss:7.0f} "
                    f"{wall / base[0]:7.2f} {cpu / base[3]:6.2f} {own:>8} {code:>6}",
                    flush=True,
                )
    if len(sizes) > 1:
        print(
            "\nslopes between sizes: what 1,000 more events add (the fixed start-up cost left out);"
            "\nlinear growth gives the same figures from one pair of sizes to the next, and the"
            "\nratio of times over the ratio of sizes (elasticity) near 1.0 at the larger sizes:"
        )
        for small, large in itertools.pairwise(sizes):
            per = (large - small) / 1000
            for fmt in ("yaml", "json"):
                for name in ["bare", *commands]:
                    a, b = rows[(small, fmt, name)], rows[(large, fmt, name)]
                    print(
                        f"  {small}→{large} {fmt:4} {name:10} "
                        f"wall +{(b[0] - a[0]) / per:6.3f} s  cpu +{(b[3] - a[3]) / per:6.3f} s  "
                        f"RSS +{(b[1] - a[1]) / per:6.1f} MB per 1,000 events  "
                        f"(elasticity cpu {b[3] / a[3] / (large / small):4.2f})"
                    )
    print("\ngoals: validate ≤ 1.5× bare libyaml; JSON ≤ 3× bare JSON; RSS ≤ 250 MB at 10,000")
    for n in sizes:
        v_yaml = rows[(n, "yaml", "validate")][0] / rows[(n, "yaml", "bare")][0]
        v_json = rows[(n, "json", "validate")][0] / rows[(n, "json", "bare")][0]
        c_yaml = rows[(n, "yaml", "validate")][3] / rows[(n, "yaml", "bare")][3]
        c_json = rows[(n, "json", "validate")][3] / rows[(n, "json", "bare")][3]
        rss_validate = max(rows[(n, fmt, "validate")][1] for fmt in ("yaml", "json"))
        worst = max((r[1], c) for (k, _f, c), r in rows.items() if k == n)
        print(
            f"  {n:>6} events: validate YAML {v_yaml:.2f}× bare libyaml ({c_yaml:.2f}× in CPU), "
            f"validate JSON {v_json:.2f}× bare JSON ({c_json:.2f}× in CPU), "
            f"validate peak RSS {rss_validate:.0f} MB "
            f"(largest: {worst[1]} {worst[0]:.0f} MB)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
