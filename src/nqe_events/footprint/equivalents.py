"""Everyday equivalents of a footprint (« autant que N km en voiture », « N repas avec du bœuf »).

The equivalents are listed in ``data/equivalents.toml``; each divides a total by one factor of the
factor set in use, so that they follow the set pinned for the season.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from importlib import resources

from .factors import FactorSet

__all__ = ["Equivalent", "equivalents_of", "list_equivalents"]


@dataclass(frozen=True, slots=True)
class Equivalent:
    id: str
    factor: str
    text_fr: str
    text_en: str
    source: str


@functools.cache
def list_equivalents() -> tuple[Equivalent, ...]:
    """The equivalents of ``data/equivalents.toml``, in file order."""
    text = (resources.files("nqe_events") / "data" / "equivalents.toml").read_text("utf-8")
    doc = tomllib.loads(text)
    return tuple(
        Equivalent(
            id=eid,
            factor=str(raw["factor"]),
            text_fr=str(raw["text_fr"]),
            text_en=str(raw["text_en"]),
            source=str(raw["source"]),
        )
        for eid, raw in doc["equivalents"].items()
    )


def equivalents_of(total_kgco2e: float, fs: FactorSet) -> dict[str, float]:
    """``{"car-km": …, "beef-meal": …}``: how many of each equivalent weigh ``total_kgco2e``."""
    out: dict[str, float] = {}
    for eq in list_equivalents():
        if eq.factor in fs:
            value = fs[eq.factor].value
            if value > 0:
                out[eq.id] = total_kgco2e / value
    return out
