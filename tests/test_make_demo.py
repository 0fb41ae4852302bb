"""``make demo`` installs only what the demo needs; ``make test`` installs the rest.

The Makefile is read as text (its targets and recipes), and the demo is run in a fresh interpreter
where every package of the ``dev``, ``docs`` and ``notebook``-only extras is made unimportable: the
demo must still finish, with its plots.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _recipe(makefile: str, target: str) -> tuple[str, list[str]]:
    """The prerequisites and the recipe lines of ``target``."""
    match = re.search(rf"^{re.escape(target)}:([^\n]*)\n((?:\t[^\n]*\n)*)", makefile, re.MULTILINE)
    assert match, target
    prerequisites = match.group(1).split("##")[0]
    return prerequisites, [line.strip() for line in match.group(2).splitlines()]


def test_demo_target_installs_only_the_plots_extra() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    prerequisites, _ = _recipe(makefile, "demo")
    assert "$(DEMO_STAMP)" in prerequisites and "$(STAMP)" not in prerequisites.replace(
        "$(DEMO_STAMP)", ""
    )
    _, recipe = _recipe(makefile, "$(DEMO_STAMP)")
    installs = [line for line in recipe if "pip install" in line]
    assert installs == ["$(BIN)/python -m pip install --quiet -e '.[plots]'"]
    # the full install (make test) also marks the demo's needs as met
    _, full = _recipe(makefile, "$(STAMP)")
    assert any("'.[dev,notebook,docs]'" in line for line in full)
    assert any(line.startswith("touch") and "$(DEMO_STAMP)" in line for line in full)
    for target in ("lint", "typecheck", "pytest"):
        assert "$(STAMP)" in _recipe(makefile, target)[0], target


def test_plots_extra_is_matplotlib_alone() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    assert [re.split(r"[<>=]", d)[0] for d in extras["plots"]] == ["matplotlib"]
    assert "openpyxl" in " ".join(extras["notebook"])


def test_demo_runs_without_the_other_extras(tmp_path: Path) -> None:
    blocked = ["pandas", "openpyxl", "ortools", "pytest", "hypothesis", "mkdocs", "nbclient",
               "ipykernel", "jsonschema", "jinja2"]  # fmt: skip
    code = (
        "import sys\n"
        f"for name in {blocked!r}:\n"
        "    sys.modules[name] = None  # import fails as if not installed\n"
        "import matplotlib\nmatplotlib.use('Agg')\n"
        "from nqe_events.cli import main\n"
        f"sys.exit(main(['demo', '-o', {str(tmp_path / 'demo')!r}]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=600, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Démo terminée" in result.stdout
    for name in ("bilan.html", "calendrier.png", "alignement.png"):
        assert (tmp_path / "demo" / name).stat().st_size > 0, name
