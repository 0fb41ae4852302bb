"""Which factor a transport mode or a hired vehicle uses, and the servings of a drink.

Two spellings name the same factor: ``scheduled-coach`` (and the old ``coach``) as an audience or
crew mode, per passenger-km (``transport.coach``); ``hired-coach`` (and the old ``coach``) as a
vehicle the organiser hires, per vehicle-km (``organised.coach``). The factor ids stay as they were
so that existing factor sets keep working.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from importlib import resources

from ..model.footprint import Mode, Vehicle

__all__ = ["Serving", "mode_factor", "serving_volume", "servings", "vehicle_factor"]


def mode_factor(mode: Mode) -> str:
    """``Mode.SCHEDULED_COACH`` → ``"transport.coach"``; others ``transport.<mode>``."""
    if mode in (Mode.SCHEDULED_COACH, Mode.COACH):
        return "transport.coach"
    return f"transport.{mode.value}"


def vehicle_factor(vehicle: Vehicle) -> str:
    """``Vehicle.HIRED_COACH`` → ``"organised.coach"``; others ``organised.<vehicle>``."""
    if vehicle in (Vehicle.HIRED_COACH, Vehicle.COACH):
        return "organised.coach"
    return f"organised.{vehicle.value}"


@dataclass(frozen=True, slots=True)
class Serving:
    """A drink serving of ``data/servings.toml``: its volume (litres) and where it comes from."""

    id: str
    label_fr: str
    label_en: str
    volume_l: float
    basis: str
    source: str
    by_drink: dict[str, tuple[float, str, str]]


@functools.cache
def servings() -> dict[str, Serving]:
    """The servings of ``data/servings.toml`` (read once)."""
    text = (resources.files("nqe_events") / "data" / "servings.toml").read_text("utf-8")
    doc = tomllib.loads(text)
    out: dict[str, Serving] = {}
    for sid, raw in doc["servings"].items():
        by_drink = {
            str(drink): (float(v["volume_l"]), str(v["basis"]), str(v["source"]))
            for drink, v in raw.get("by_drink", {}).items()
        }
        out[sid] = Serving(
            id=sid,
            label_fr=str(raw["label_fr"]),
            label_en=str(raw["label_en"]),
            volume_l=float(raw["volume_l"]),
            basis=str(raw["basis"]),
            source=str(raw["source"]),
            by_drink=by_drink,
        )
    return out


def serving_volume(serving: str, drink: str) -> tuple[float, str, str]:
    """(litres, basis, source) of one ``serving`` of ``drink``."""
    entry = servings()[serving]
    return entry.by_drink.get(drink, (entry.volume_l, entry.basis, entry.source))
