"""Architecture guards: layers import one way (design.md §1) and ``import nqe_events`` stays light."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "nqe_events"

# layer rank: a module may import only modules of a lower rank (or its own package)
RANKS = {
    "errors": 0,
    "_gc": 0,  # pausing the garbage collector around bulk work (standard library only)
    "_render": 1,
    "units": 2,
    "model": 3,
    "io": 4,
    "rules": 5,
    "calendar": 5,
    "footprint": 5,
    "report": 6,
}
TOP = 7  # cli, __init__, testing and anything not listed


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _rank(layer: str) -> int:
    return RANKS.get(layer, TOP)


def _imports(path: Path) -> list[tuple[str, int]]:
    rel = path.relative_to(SRC.parent).with_suffix("")
    module = ".".join(rel.parts)
    if module.endswith(".__init__"):
        module = module[: -len(".__init__")]
        package = module
    else:
        package = module.rsplit(".", 1)[0]
    out: list[tuple[str, int]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            if target == "nqe_events" or target.startswith("nqe_events."):
                for alias in node.names:
                    # ``from .pkg import mod`` imports the submodule ``pkg.mod`` when there is one
                    sub = SRC.parent.joinpath(*target.split("."), alias.name)
                    if sub.with_suffix(".py").is_file() or (sub / "__init__.py").is_file():
                        out.append((f"{target}.{alias.name}", node.lineno))
                    else:
                        out.append((target, node.lineno))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("nqe_events"):
                    out.append((alias.name, node.lineno))
    return out


def test_layers_import_one_way() -> None:
    problems = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC.parent).with_suffix("")
        module = ".".join(rel.parts).removesuffix(".__init__")
        own = _layer(module)
        for target, line in _imports(path):
            other = _layer(target)
            if other == own:
                continue
            if _rank(other) >= _rank(own) and own != "__init__" and _rank(own) < TOP:
                problems.append(f"{path.relative_to(SRC)}:{line} ({own}) imports {target}")
    assert problems == []


def test_layer_checker_catches_a_violation(tmp_path: Path) -> None:
    # the guard itself must be able to fail: a model module importing io is reported
    fake = SRC / "model" / "_tmp_violation.py"
    fake.write_text("from ..io import load_programme\n", encoding="utf-8")
    try:
        found = [t for t, _ in _imports(fake)]
        assert found == ["nqe_events.io"]
        assert _rank(_layer(found[0])) > _rank("model")
    finally:
        fake.unlink()


def test_import_is_light() -> None:
    code = (
        "import sys, json; import nqe_events; "
        "print(json.dumps(sorted(m for m in ('pint','numpy','icalendar','pandas','matplotlib',"
        "'pydantic','yaml') if m in sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []


def test_loading_a_programme_does_not_import_icalendar_or_pandas() -> None:
    # pint (and numpy, which pint imports) load with the first quantity; the rest waits
    code = (
        "import sys, json, nqe_events; p = nqe_events.load_example(); "
        "print(json.dumps(sorted(m for m in ('icalendar','pandas','matplotlib') "
        "if m in sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []


def _module_of(path: Path) -> str:
    return ".".join(path.relative_to(SRC.parent).with_suffix("").parts).removesuffix(".__init__")


def _import_graph() -> dict[str, set[str]]:
    """Module → the package modules it imports (a package import counts as its ``__init__``)."""
    modules = {_module_of(p): p for p in SRC.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets = set()
        for target, _line in _imports(path):
            # ``from .pkg import mod`` names a submodule when one exists, else the package
            while target not in modules and "." in target:
                target = target.rsplit(".", 1)[0]
            if target in modules and target != name:
                targets.add(target)
        graph[name] = targets
    return graph


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0

    def visit(node: str) -> None:
        nonlocal counter
        index[node] = low[node] = counter
        counter += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def test_cycle_finder_finds_a_circle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert import_cycles(graph) == [["a", "b", "c"]]
    assert import_cycles({"a": {"b"}, "b": set()}) == []


# Import circles still to remove (each one goes when its files are next worked on); none may be added.
KNOWN_CYCLES: list[list[str]] = []


def test_no_import_cycles() -> None:
    cycles = import_cycles(_import_graph())
    assert [c for c in cycles if c not in KNOWN_CYCLES] == []
