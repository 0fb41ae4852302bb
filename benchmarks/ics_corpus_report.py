"""What the importer does with the real-world ICS corpus, beside what icalendar +
recurring_ical_events read in it (``python benchmarks/ics_corpus_report.py``; needs
``make ics-corpus``).

One line per file: the reference's count over the season (and the VEVENT groups it could not
expand), then the importer's outcome — imported, imported with skipped events, or refused with its
reason — and whether the starts are the reference's. A summary closes the table; it is what the
closing note of issue 12 quotes.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))


def main() -> int:
    from ics_corpus import (
        MAKE_TARGET,
        corpus_dir,
        imported_starts,
        load_provenance,
        problems,
        skip_warnings,
    )
    from ics_corpus_expected import EXPECTED
    from ics_reference import reference_read
    from nqe_events.calendar.ics import import_file
    from nqe_events.errors import IcsError

    found = problems()
    if found:
        print(f"corpus absent ou incomplet : lancez `{MAKE_TARGET}`", file=sys.stderr)
        return 2
    prov = load_provenance()
    folder = corpus_dir()
    ours: Counter[str] = Counter()
    theirs: Counter[str] = Counter()
    agree = 0
    refusals: list[str] = []
    ref_errors: list[str] = []
    print(f"{'file':52s} {'season':>6s} {'reference':>14s}  importer")
    for f in prov.files:
        season = EXPECTED[f.name].season
        data = (folder / f.filename).read_bytes()
        reading = reference_read(data, season)
        if not reading.ok:
            ref = "refused"
            theirs["refused"] += 1
            ref_errors.append(f"{f.name}: {reading.error}")
        elif reading.refused:
            ref = f"{reading.count} (-{len(reading.refused)} ev.)"
            theirs["read, some events not"] += 1
            ref_errors.extend(f"{f.name} {k}: {v[:90]}" for k, v in reading.refused.items())
        else:
            ref = str(reading.count)
            theirs["read"] += 1
        try:
            result = import_file(folder / f.filename, season=season)
        except IcsError as exc:
            reason = exc.render("fr").splitlines()
            detail = reason[1].strip(" -") if len(reason) > 1 else reason[0]
            ours["refused"] += 1
            refusals.append(f"{f.name}: {detail}")
            print(f"{f.name:52s} {season:6d} {ref:>14s}  refused")
            if not reading.ok or len(reading.refused) == len(reading.groups):
                agree += 1
            continue
        starts = imported_starts(result)
        skipped = skip_warnings(result)
        same = starts == reading.starts(
            without=frozenset(reading.refused) | set(EXPECTED[f.name].skipped)
        )
        agree += same
        kind = "imported with skips" if skipped else "imported"
        ours[kind] += 1
        extra = f", {len(skipped)} skipped" if skipped else ""
        print(
            f"{f.name:52s} {season:6d} {ref:>14s}  {sum(starts.values())} occ.{extra}"
            f"  {'same starts' if same else 'OTHER STARTS'}"
        )
    total = len(prov.files)
    print(f"\n{total} real files, {len({f.producer for f in prov.files})} producers (PRODID)")
    print(
        f"importer : {ours['imported']} imported, {ours['imported with skips']} imported with "
        f"skipped events, {ours['refused']} refused"
    )
    print(
        f"reference: {theirs['read']} read, {theirs['read, some events not']} read with some "
        f"events it cannot expand, {theirs['refused']} refused"
    )
    print(f"agreement: {agree} of {total} files (same UTC starts, or both refuse)")
    if refusals:
        print("\nrefusals by the importer:")
        for line in refusals:
            print(f"  {line}")
    if ref_errors:
        print("\nwhat the reference could not read:")
        for line in ref_errors:
            print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
