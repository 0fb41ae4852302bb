"""The documentation is tested: every Python example runs, the tutorials execute, the site builds.

- Each ```python block of each ``docs/**/*.md`` page and of ``README.md`` runs, in page order and in one namespace per
  page, with a fresh temporary folder as the working directory. A block may be skipped only with
  ``<!-- docs-test: skip REASON -->`` on the line before it, and the reason is compulsory (use it
  only for an example that must write outside the temporary folder).
- ``<!-- docs-test: file NAME -->`` before any fenced block writes its text to ``NAME`` in that
  folder first, so that a YAML or CSV example shown to the reader is the very file the following
  Python reads.
- Each notebook under ``docs/tutorials/`` is committed without outputs, executes top to bottom with
  nbclient on this interpreter's kernel, and shows at least one HTML report and one PNG plot.
- ``mkdocs build --strict`` succeeds (any warning fails), with the notebooks executed into the site.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
README = ROOT / "README.md"
PAGES = [*sorted(DOCS.rglob("*.md")), README]  # the README's examples run too
NOTEBOOKS = sorted((DOCS / "tutorials").glob("*.ipynb"))

_FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})\s*(?P<info>[^\s`]*)")
_MARKER = re.compile(r"^\s*<!--\s*docs-test:\s*(?P<verb>\w+)\s*(?P<arg>.*?)\s*-->\s*$")


@dataclass(frozen=True)
class Block:
    """A fenced code block of a Markdown page."""

    language: str
    code: str
    line: int  # 1-based line of the opening fence
    skip_reason: str | None = None
    write_to: str | None = None


def code_blocks(page: Path) -> list[Block]:
    """The fenced blocks of ``page`` with their docs-test markers (a malformed marker is an error)."""
    lines = page.read_text(encoding="utf-8").splitlines()
    blocks: list[Block] = []
    marker: tuple[str, str] | None = None
    i = 0
    while i < len(lines):
        found = _MARKER.match(lines[i])
        if found:
            verb, arg = found["verb"], found["arg"]
            if verb not in ("skip", "file"):
                raise AssertionError(f"{page}:{i + 1}: unknown docs-test marker {verb!r}")
            if not arg:
                raise AssertionError(f"{page}:{i + 1}: docs-test {verb} needs a reason or a name")
            marker = (verb, arg)
            i += 1
            continue
        opening = _FENCE.match(lines[i])
        if not opening:
            if lines[i].strip():
                marker = None  # a marker applies to the block right after it
            i += 1
            continue
        fence, indent = opening["fence"], len(opening["indent"])
        body: list[str] = []
        j = i + 1
        while j < len(lines) and not lines[j].strip().startswith(fence):
            line = lines[j]
            body.append(line[indent:] if line[:indent].strip() == "" else line.lstrip())
            j += 1
        if j == len(lines):
            raise AssertionError(f"{page}:{i + 1}: unclosed code fence")
        verb, arg = marker or ("", "")
        blocks.append(
            Block(
                language=opening["info"].lower(),
                code="\n".join(body) + "\n",
                line=i + 1,
                skip_reason=arg if verb == "skip" else None,
                write_to=arg if verb == "file" else None,
            )
        )
        marker = None
        i = j + 1
    return blocks


PAGES_WITH_CODE = [p for p in PAGES if any(b.language == "python" for b in code_blocks(p))]


def _rel(path: Path) -> str:
    return path.name if path == README else path.relative_to(DOCS).as_posix()


def test_the_docs_have_examples() -> None:
    """Guards against a parser change that would silently find no example at all."""
    assert len(PAGES_WITH_CODE) >= 4
    names = {_rel(p) for p in PAGES_WITH_CODE}
    assert {"how-to/programme-file.md", "how-to/import-spreadsheet.md"} <= names
    assert "README.md" in names
    how_to = {_rel(p) for p in (DOCS / "how-to").glob("*.md")}
    assert how_to <= names, how_to - names  # every how-to guide has a runnable example


def test_marker_parser_reads_skip_and_file_markers(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "Texte\n\n<!-- docs-test: file prog.yaml -->\n```yaml\nseason: 2024\n```\n\n"
        "<!-- docs-test: skip écrit dans le dossier de l'utilisateur -->\n```python\nx = 1\n```\n\n"
        "```python\ny = 2\n```\n\n  ```yaml\n  a:\n    b: 1\n  ```\n",
        encoding="utf-8",
    )
    blocks = code_blocks(page)
    assert [(b.language, b.write_to, b.skip_reason) for b in blocks] == [
        ("yaml", "prog.yaml", None),
        ("python", None, "écrit dans le dossier de l'utilisateur"),
        ("python", None, None),
        ("yaml", None, None),
    ]
    assert blocks[-1].code == "a:\n  b: 1\n"  # indentation inside a block is kept
    page.write_text("<!-- docs-test: skip -->\n```python\nx = 1\n```\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="needs a reason"):
        code_blocks(page)


@pytest.mark.parametrize("page", PAGES_WITH_CODE, ids=_rel)
def test_python_examples_run(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import matplotlib

    matplotlib.use("Agg")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": "__docs__"}
    for block in code_blocks(page):
        if block.write_to is not None:
            target = (tmp_path / block.write_to).resolve()
            assert tmp_path in target.parents, f"{page}:{block.line}: file outside the folder"
            target.write_text(block.code, encoding="utf-8")
            continue
        if block.language != "python" or block.skip_reason is not None:
            continue
        code = compile(block.code, f"{_rel(page)}:{block.line}", "exec")
        try:
            exec(code, namespace)
        except Exception as exc:  # name the page and the line of the failing block
            raise AssertionError(f"{_rel(page)}, block at line {block.line}: {exc!r}") from exc


# --- notebooks and the site -------------------------------------------------------------------


@pytest.fixture
def jupyter_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """A kernel spec named ``python3`` that runs *this* interpreter, first on JUPYTER_PATH, so that
    notebooks never run on another Python found in the user's or the system's Jupyter folders."""
    kernel = tmp_path / "jupyter" / "kernels" / "python3"
    kernel.mkdir(parents=True)
    spec = {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (nqe_events tests)",
        "language": "python",
    }
    (kernel / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
    env = {
        "JUPYTER_PATH": str(tmp_path / "jupyter"),
        "JUPYTER_PLATFORM_DIRS": "1",
        "NO_MKDOCS_2_WARNING": "1",
        "MPLBACKEND": "module://matplotlib_inline.backend_inline",
    }
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return env


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=_rel)
def test_tutorial_notebook_executes_with_html_and_plots(
    notebook: Path, tmp_path: Path, jupyter_env: dict[str, str]
) -> None:
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(notebook, as_version=4)
    nbformat.validate(nb)
    code_cells = [c for c in nb.cells if c.cell_type == "code"]
    assert code_cells
    assert all(not c.outputs and c.execution_count is None for c in code_cells), (
        "commit the notebook without outputs"
    )
    workdir = tmp_path / "run"
    workdir.mkdir()
    client = NotebookClient(
        nb,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(workdir)}},
    )
    client.execute()
    outputs = [o for c in code_cells for o in c.outputs]
    errors = [o for o in outputs if o.output_type == "error"]
    assert not errors, errors
    mimes = {m for o in outputs for m in o.get("data", {})}
    assert "text/html" in mimes
    assert "image/png" in mimes
    # the season summary renders as its HTML table, not as a generic repr
    html = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    assert any("nqe-table" in h and "Temps forts" in h for h in html)
    # the programme shows as its card, and its DataFrame has French column labels
    assert any('class="nqe-card"' in h and "Saison" in h for h in html)
    assert any("dataframe" in h and "<th>public attendu</th>" in h for h in html)
    # to_excel wrote into a temporary folder, never beside the notebook
    assert not list(notebook.parent.glob("*.xlsx")) and not list(workdir.glob("*.xlsx"))


def test_site_builds_in_strict_mode(tmp_path: Path, jupyter_env: dict[str, str]) -> None:
    site = tmp_path / "site"
    command = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    result = subprocess.run(
        [*command, "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **jupyter_env},
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-6000:]
    # mkdocs' own warnings ("WARNING -  …"); a kernel's log line is not one
    assert not re.search(r"^WARNING\s+-", result.stderr, re.MULTILINE), result.stderr[-6000:]
    report = (site / "reference" / "report.html").read_text(encoding="utf-8")
    assert "season_summary" in report and "plot_timeline" in report
    for notebook in NOTEBOOKS:
        page = site / notebook.relative_to(DOCS).with_suffix(".html")
        assert "data:image/png;base64" in page.read_text(encoding="utf-8"), page
