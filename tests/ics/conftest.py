"""Fixtures of the ICS tests: programmes with DST-day, all-day, multi-day and hard-text events, and
access to the independent parsers (``ical`` in Python, Mozilla's ical.js through node)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from nqe_events.io import list_examples, load_example, load_programme
from nqe_events.model import Programme

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
JS_DIR = ROOT / "tests" / "js"
NODE_CACHE = Path(os.environ.get("NQE_NODE_CACHE", ROOT / ".cache" / "node"))


@pytest.fixture(scope="session")
def fixture_programme() -> Programme:
    """Hand-written programme: events on both DST change days of 2024, all-day and multi-day events,
    a cancelled and a tentative event, texts with , ; \\ newlines, accents and emoji."""
    return load_programme(HERE / "fixture_programme.yaml")


def sample_programme_or_none() -> Programme | None:
    """The bundled sample programme once it exists on main."""
    try:
        names = list_examples()
    except FileNotFoundError:  # no examples folder before the sample lands
        return None
    return load_example("nqe-2024") if "nqe-2024" in names else None


@pytest.fixture(scope="session")
def sample_programme() -> Programme | None:
    return sample_programme_or_none()


@pytest.fixture(scope="session")
def programmes(fixture_programme: Programme) -> dict[str, Programme]:
    out = {"fixture": fixture_programme}
    sample = sample_programme_or_none()
    if sample is not None:
        out["sample"] = sample
    return out


def _ical_js_dir() -> Path | None:
    """Folder holding ``node_modules/ical.js``; installs it with npm when node and npm exist."""
    if (NODE_CACHE / "node_modules" / "ical.js" / "package.json").is_file():
        return NODE_CACHE / "node_modules"
    npm = shutil.which("npm")
    if npm is None:
        return None
    NODE_CACHE.mkdir(parents=True, exist_ok=True)
    shutil.copy(JS_DIR / "package.json", NODE_CACHE / "package.json")
    subprocess.run(
        [npm, "install", "--prefix", str(NODE_CACHE), "--no-audit", "--no-fund", "--silent"],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return NODE_CACHE / "node_modules"


@pytest.fixture(scope="session")
def icaljs() -> Any:
    """A function reading an ICS file with ical.js (node); skips only when node is missing."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node absent: the ical.js cross-check needs node (make test installs ical.js)")
    modules = _ical_js_dir()
    if modules is None:
        pytest.fail("node is installed but neither ical.js nor npm to install it were found")

    def read(path: Path) -> list[dict[str, Any]]:
        proc = subprocess.run(
            [node, str(JS_DIR / "ics_times.mjs"), str(path)],
            capture_output=True,
            text=True,
            env={**os.environ, "ICALJS_DIR": str(modules)},
            timeout=120,
            check=False,
        )
        assert proc.returncode == 0, proc.stderr
        result: list[dict[str, Any]] = json.loads(proc.stdout)
        return result

    return read
