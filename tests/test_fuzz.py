"""Mutation fuzz of the programme loaders and of the command line (issue 14).

Valid programme files (the test programme, in YAML and JSON) are mutated by hypothesis — hostile
tokens inserted, slices cut or repeated, scalars swapped for the values the fuzz of the issue found
(impossible dates, huge integers, NaN, aliases, control characters, quantities written as
arithmetic…) — and every result is fed to the public API and to each command. Asserted, whatever
the input:

* only the library's own exceptions (:class:`~nqe_events.errors.NqeError`) leave the public API;
* the command line exits with 0, 1 or 2 and never prints a traceback (nor an « erreur interne »);
* each input is answered within a generous time bound (a hang, not a speed, is what is caught) and,
  for the command-line runs in a subprocess, under a 1 GiB address-space limit.

The fast profile (the default, in CI) runs in about a minute; ``NQE_FUZZ=long`` runs the long one.
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nqe_events.cli import main
from nqe_events.errors import NqeError
from nqe_events.io import loads_programme


def _root_conftest_minimal() -> dict[str, Any]:
    """``MINIMAL`` of tests/conftest.py, loaded by path: with the whole suite collected, the name
    ``conftest`` may be tests/calendar/conftest.py."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "_root_conftest", Path(__file__).resolve().parent / "conftest.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return dict(module.MINIMAL)


MINIMAL = _root_conftest_minimal()
LONG = os.environ.get("NQE_FUZZ") == "long"
API_EXAMPLES = 2000 if LONG else 150
CLI_EXAMPLES = 300 if LONG else 25
SUBPROCESS_EXAMPLES = 40 if LONG else 3
#: a hang, not a speed: far above what any input of this size needs
HANG_SECONDS = 60

SEED = copy.deepcopy(MINIMAL)
SEED["planning"] = {"setup": "30 min", "weights": {"SPREAD": 2}}
SEED["events"][0]["footprint"] = {
    "energy": {"grid": "85 kWh"},
    "waste": [{"stream": "residual", "treatment": "incineration", "mass": "6 kg"}],
}
SEEDS = {
    "yaml": yaml.safe_dump(SEED, allow_unicode=True, sort_keys=False),
    "json": json.dumps(SEED, ensure_ascii=False, indent=1),
}

#: what the fuzz of the issue found, and what YAML and JSON make easy to get wrong
HOSTILE = [
    "2024-06-31",
    "2024-13-01",
    "2024-07-20 25:00:00",
    "9999-12-31T23:00:00-05:00",
    "0001-01-01",
    "9" * 5000,
    "1e400",
    ".nan",
    "NaN",
    "Infinity",
    "-.inf",
    "062",
    "10:00",
    "1:30:00",
    "true",
    "yes",
    "~",
    "null",
    "10**400 h",
    "9**9**8 h",
    "1e308 h",
    "1e308 kWh",
    "-3 h",
    "3 gallons",
    '"\\u001b[2J\\u001b[31mALIGNÉ\\r"',
    '"\\ud800"',
    '"\\u202e"',
    "&a [1, 2]",
    "*a",
    "&b {x: *b}",
    "? [a, b]\n: 1",
    "!!python/object:os.system",
    "!!binary aGVsbG8=",
    "[" * 200,
    "{" * 200,
    "]" * 50,
    "x" * 200_000,
    "\t",
    "'",
    '"',
    ": ",
    "- ",
    "\n---\n",
    ",",
    "<<: *a",
    "Europe/" + "x" * 5000,
    "season_start: 0001-01-01\n  season_end: 9999-12-31",
    # plausible values, so that many mutants still load and reach every stage
    "2024-07-21T10:00",
    "2024-08-31",
    "15 min",
    "2 h",
    "0",
    "1",
    "100000",
    "lens-cite-12",
    "[]",
    "{}",
]


@st.composite
def mutated(draw: Any, fmt: str) -> str:
    text = SEEDS[fmt]
    for _ in range(draw(st.sampled_from([1, 1, 1, 2, 3]))):
        n = len(text)
        kind = draw(st.sampled_from(["insert", "replace", "delete", "repeat", "value"]))
        i = draw(st.integers(0, n))
        j = min(n, i + draw(st.integers(0, 40)))
        if kind == "insert":
            text = text[:i] + draw(st.sampled_from(HOSTILE)) + text[i:]
        elif kind == "replace":
            text = text[:i] + draw(st.sampled_from(HOSTILE)) + text[j:]
        elif kind == "delete":
            text = text[:i] + text[j:]
        elif kind == "repeat":
            text = text[:j] + text[i:j] * draw(st.integers(1, 30)) + text[j:]
        else:  # a value after some "key: " replaced by a hostile one
            at = text.find(": ", i)
            if at >= 0:
                end = text.find("\n" if fmt == "yaml" else ",", at)
                end = len(text) if end < 0 else end
                text = text[: at + 2] + draw(st.sampled_from(HOSTILE)) + text[end:]
    return text


INPUTS = st.sampled_from(["yaml", "json"]).flatmap(
    lambda fmt: st.tuples(st.just(fmt), mutated(fmt))
)


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_seeds_are_valid_programmes(fmt: str) -> None:
    """The fuzz starts from files that load, so its mutations reach every stage."""
    programme = loads_programme(SEEDS[fmt], fmt)  # type: ignore[arg-type]
    _stages(programme)


def _stages(programme: Any) -> None:
    """Every stage of the public API on a programme that loaded: only NqeError may leave."""
    from nqe_events.calendar.clashes import find_clashes
    from nqe_events.calendar.ics import to_ics
    from nqe_events.calendar.planner import plan
    from nqe_events.footprint import estimate_programme
    from nqe_events.rules import check_programme

    find_clashes(programme).to_text(max_items=5)
    plan(programme).to_dict()
    check_programme(programme).to_text(max_items=5)
    season = estimate_programme(programme, draws=200)
    json.loads(season.to_json(), parse_constant=_not_json)
    to_ics(programme)


def _not_json(name: str) -> Any:
    raise AssertionError(f"{name} in a JSON output")


@settings(
    max_examples=API_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=not LONG,
)
@given(INPUTS)
def test_api_raises_only_library_exceptions(case: tuple[str, str]) -> None:
    fmt, text = case
    started = time.monotonic()
    try:
        programme = loads_programme(text, fmt)  # type: ignore[arg-type]
    except NqeError as exc:
        message = exc.render("fr")
        assert "Traceback" not in message and "\x1b" not in message
        programme = None
    if programme is not None:
        with contextlib.suppress(NqeError):
            _stages(programme)
    assert time.monotonic() - started < HANG_SECONDS


COMMANDS = [
    ["validate"],
    ["check"],
    ["clashes"],
    ["clashes", "--format", "json"],
    ["plan", "-o", "{out}"],
    ["footprint", "--draws", "200"],
    ["footprint", "--format", "json", "--draws", "200"],
    ["ics", "-o", "{out}.ics"],
]


def _main(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


def _check_run(code: int, out: str, err: str, argv: list[str]) -> None:
    assert code in (0, 1, 2), (argv, code, err)
    for stream in (out, err):
        assert "Traceback" not in stream and "erreur interne" not in stream, (argv, stream)
        assert "\x1b" not in stream, argv
    if code in (0, 1) and "--format" in argv and "json" in argv:
        json.loads(out, parse_constant=_not_json)
    if code == 2:
        assert err.strip(), argv


@settings(
    max_examples=CLI_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=not LONG,
)
@given(INPUTS, st.sampled_from(COMMANDS))
def test_cli_exit_codes_and_no_traceback(case: tuple[str, str], command: list[str]) -> None:
    import tempfile

    fmt, text = case
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"programme.{fmt}"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        argv = [part.format(out=str(Path(folder) / "out")) for part in command]
        argv = [argv[0], str(path), *argv[1:]]
        started = time.monotonic()
        code, out, err = _main(argv)
        _check_run(code, out, err, argv)
        assert time.monotonic() - started < HANG_SECONDS


LIMITED = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
from nqe_events.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS is enforced on Linux")
@settings(
    max_examples=SUBPROCESS_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=not LONG,
)
@given(INPUTS)
def test_installed_command_under_a_memory_limit(case: tuple[str, str]) -> None:
    import tempfile

    fmt, text = case
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"programme.{fmt}"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        proc = subprocess.run(
            [sys.executable, "-c", LIMITED, "clashes", str(path)],
            capture_output=True,
            text=True,
            timeout=HANG_SECONDS * 3,
            check=False,
        )
        _check_run(proc.returncode, proc.stdout, proc.stderr, ["clashes"])
        assert "MemoryError" not in proc.stderr
