"""Sample programmes shipped with the package (``data/examples/<name>.yaml``)."""

from __future__ import annotations

from importlib import resources

from ..errors import UnknownItemError, did_you_mean
from ..model import Programme
from .programme_files import loads_programme

__all__ = ["example_text", "list_examples", "load_example"]


def list_examples() -> list[str]:
    """The names of the bundled sample programmes."""
    folder = resources.files("nqe_events") / "data" / "examples"
    return sorted(p.name[: -len(".yaml")] for p in folder.iterdir() if p.name.endswith(".yaml"))


def example_text(name: str = "nqe-2024") -> str:
    """The YAML text of a bundled sample programme."""
    names = list_examples()
    if name not in names:
        dym_fr, _ = did_you_mean(name, names)
        raise UnknownItemError(
            f"exemple « {name} » inconnu ; exemples disponibles : {', '.join(names)}" + dym_fr,
            f"unknown example '{name}'; available: {', '.join(names)}",
        )
    return (resources.files("nqe_events") / "data" / "examples" / f"{name}.yaml").read_text("utf-8")


def load_example(name: str = "nqe-2024") -> Programme:
    """Load a bundled sample programme: ``load_example()`` is the fictitious 2024 season."""
    return loads_programme(example_text(name), "yaml", source=f"example:{name}")
