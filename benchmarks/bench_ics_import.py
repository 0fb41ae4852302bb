"""Importing a 20,000-event ICS file through ``nqe-events import-ics``, next to icalendar +
recurring_ical_events reading the same file over the same season, each in its own process, same run.

Both sides are whole processes (interpreter start, imports, reading, expanding; the CLI also builds
and writes the programme), measured by wall time and peak RSS (``os.wait4``). The goal of issue 12
is a ratio of at most 2x.

``--hostile`` adds the hostile inputs of tests/ics_hostile.py, each through the CLI under a 1 GiB
address-space limit: time and peak memory per case (goal: each within 2 s and 256 MB).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

N = 20_000
SEASON = 2024
RUNS = 3
GOAL_RATIO = 2.0
GOAL_SECONDS = 2.0
GOAL_MB = 256.0

VTIMEZONE = """BEGIN:VTIMEZONE
TZID:Europe/Paris
BEGIN:DAYLIGHT
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE
"""


def big_calendar(n: int = N) -> bytes:
    """``n`` VEVENTs of one summer as a city's feed would hold them: times in Europe/Paris with
    a VTIMEZONE, one event in ten in UTC, one in twenty all day, one in fifty a weekly series of
    four, each with a summary, a location and a description."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//nqe bench//FR", "X-WR-CALNAME:Été"]
    text = VTIMEZONE.strip().splitlines()
    lines.extend(text)
    for i in range(n):
        day = 1 + i % 28
        month = 6 + (i // 28) % 3
        hour = 9 + i % 10
        lines += ["BEGIN:VEVENT", f"UID:bench-{i}@nqe", "DTSTAMP:20240101T000000Z"]
        if i % 20 == 0:
            lines += [f"DTSTART;VALUE=DATE:2024{month:02d}{day:02d}"]
        elif i % 10 == 0:
            lines += [f"DTSTART:2024{month:02d}{day:02d}T{hour - 2:02d}0000Z", "DURATION:PT2H"]
        else:
            lines += [
                f"DTSTART;TZID=Europe/Paris:2024{month:02d}{day:02d}T{hour:02d}{i % 4 * 15:02d}00",
                f"DTEND;TZID=Europe/Paris:2024{month:02d}{day:02d}T{hour + 1:02d}{i % 4 * 15:02d}00",
            ]
        if i % 50 == 1:
            lines.append("RRULE:FREQ=WEEKLY;COUNT=4")
        lines += [
            f"SUMMARY:Temps fort n° {i}\\, quartier {i % 97}",
            f"LOCATION:Centre social {i % 41}\\, 12 rue de la Paix\\, Lens",
            "DESCRIPTION:Atelier ouvert à tous\\; entrée libre.\\nVenez nombreux !",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def _measure(cmd: list[str]) -> tuple[float, float, str]:
    """Wall seconds and peak RSS (MB) of one process, and what it printed."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=ROOT)
    assert proc.stdout is not None
    out = proc.stdout.read()
    proc.stdout.close()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    text = out.decode("utf-8", "replace")
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd[:4])}… exited {proc.returncode}:\n{text[-2000:]}")
    return seconds, usage.ru_maxrss / 1024, text


REFERENCE = (
    "import sys; sys.path.insert(0, {tests!r}); from pathlib import Path; "
    "from ics_reference import reference_count; "
    "print(reference_count(Path({path!r}).read_bytes(), {season}))"
)


def bench_import(folder: Path) -> None:
    path = folder / "ete-20000.ics"
    path.write_bytes(big_calendar())
    size = path.stat().st_size / 1024**2
    ours_cmd = [
        *(sys.executable, "-m", "nqe_events.cli", "import-ics", str(path)),
        *("-o", str(folder / "programme.yaml"), "--season", str(SEASON)),
    ]
    ref_cmd = [
        sys.executable,
        "-c",
        REFERENCE.format(tests=str(ROOT / "tests"), path=str(path), season=SEASON),
    ]
    ours, theirs = [], []
    ref_count = ""
    for _ in range(RUNS):  # interleaved, so that a busy moment of the machine hits both
        theirs.append(_measure(ref_cmd))
        ours.append(_measure(ours_cmd))
        ref_count = theirs[-1][2].strip().splitlines()[-1]
    t_ref = statistics.median(t for t, _, _ in theirs)
    t_ours = statistics.median(t for t, _, _ in ours)
    m_ref = max(m for _, m, _ in theirs)
    m_ours = max(m for _, m, _ in ours)
    head = ours[-1][2].strip().splitlines()[0] if ours[-1][2].strip() else ""
    print(f"file: {N} VEVENTs, {size:.1f} MB, season {SEASON}; median of {RUNS} runs")
    print(
        f"icalendar + recurring_ical_events  {t_ref:7.2f} s  {m_ref:7.1f} MB  "
        f"({ref_count} occurrences)  (baseline)"
    )
    ratio = t_ours / t_ref
    verdict = "ok" if ratio <= GOAL_RATIO else "over the goal"
    print(
        f"nqe-events import-ics              {t_ours:7.2f} s  {m_ours:7.1f} MB  "
        f"ratio {ratio:5.2f}x  (goal <= {GOAL_RATIO:.0f}x: {verdict})"
    )
    print(f"  CLI said: {head}")


def bench_hostile(folder: Path) -> None:
    from ics_hostile import CASES, run

    print(
        f"\nhostile inputs through the CLI (RLIMIT_AS 1 GiB; goal <= {GOAL_SECONDS:.0f} s and <= {GOAL_MB:.0f} MB)"
    )
    over = 0
    for case in CASES:
        result = run(case, folder, timeout=60)
        fine = (
            result.returncode in (0, 1, 2)
            and result.seconds <= GOAL_SECONDS
            and result.peak_mb <= GOAL_MB
        )
        over += not fine
        code = "hang" if result.returncode is None else f"exit {result.returncode}"
        print(
            f"  {case.name:18s} {result.seconds:7.2f} s  {result.peak_mb:7.1f} MB  {code:7s}"
            f"  {'ok' if fine else 'OVER'}"
        )
    print(f"  {len(CASES) - over} of {len(CASES)} cases within the goal")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        bench_import(folder)
        if "--hostile" in sys.argv[1:]:
            bench_hostile(folder)


if __name__ == "__main__":
    main()
