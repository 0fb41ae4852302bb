"""Reading 2,000 temps forts from a spreadsheet (CSV and XLSX, with display names and French
values) through the command line, next to the same events in a YAML programme, in this run.

Each file is read by ``nqe-events validate`` in its own process (the public route an organiser
uses), timed on the wall clock with the peak resident memory of that process (``os.wait4``). The
YAML file is the baseline: the ratio shows what a spreadsheet costs over a programme file
(decoding, header matching, name resolution, French dates and amounts).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from nqe_events import load_example
from nqe_events.io import dump_programme

N = 2_000
RUNS = 3


def write_files(folder: Path) -> dict[str, Path]:
    import openpyxl

    sample = load_example()
    base = sample.model_copy(update={"events": ()})
    base_path = dump_programme(base, folder / "base.yaml")
    organisers, venues = sample.organisers, sample.venues
    rows = []
    for i in range(N):
        venue = venues[i % len(venues)]
        day = date(2024, 7, 1) + timedelta(days=i % 62)
        rows.append(
            [
                f"Temps fort n° {i}, édition été",
                organisers[i % len(organisers)].name,
                venue.name,
                day,
                f"{10 + i % 8}h-{12 + i % 8}h",
                "Culture, Sport",
                "Tout public",
                f"{1000 + i} €",
                "oui",
            ]
        )
    headers = [
        "Titre",
        "Porteur",
        "Lieu",
        "Date",
        "Horaires",
        "Thèmes",
        "Publics",
        "Budget total",
        "Conception",
    ]
    csv_path = folder / "temps-forts.csv"
    lines = [";".join(headers)]
    lines += [";".join(f"{c:%d/%m/%Y}" if isinstance(c, date) else str(c) for c in r) for r in rows]
    csv_path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(headers)
    for r in rows:
        sheet.append(r)
    xlsx_path = folder / "temps-forts.xlsx"
    book.save(xlsx_path)
    # the same programme as YAML: read once through the CSV route, written back
    from nqe_events.io import read_events_sheet

    yaml_path = dump_programme(read_events_sheet(csv_path, base).programme, folder / "p.yaml")
    return {"base": base_path, "yaml": yaml_path, "csv": csv_path, "xlsx": xlsx_path}


def run(args: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one ``nqe-events`` process."""
    command = [sys.executable, "-m", "nqe_events.cli", *args]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed with status {process.returncode}")
    return wall, usage.ru_maxrss / 1024


def best(args: list[str]) -> tuple[float, float]:
    results = [run(args) for _ in range(RUNS)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        files = write_files(Path(tmp))
        base_wall, base_rss = best(["validate", str(files["yaml"])])
        print(f"YAML programme, {N} events  {base_wall:6.2f} s  {base_rss:6.0f} MB  (baseline)")
        for name in ("csv", "xlsx"):
            wall, rss = best(["validate", str(files[name]), "--base", str(files["base"])])
            print(
                f"{name.upper():4} sheet, {N} rows      {wall:6.2f} s  {rss:6.0f} MB  "
                f"ratio {wall / base_wall:5.2f}x"
            )


if __name__ == "__main__":
    main()
