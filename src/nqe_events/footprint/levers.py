"""Levers (footprint.md §4.6): each one a transformation of an event's activity lines.

A lever says which lines it replaces and which lines it adds; the estimate then prices the change with
the same factor draws as the baseline (common random numbers), so the change has its own interval.
``amount`` tunes a lever: the target car occupancy for ``carpooling``, the fraction removed for the
"fewer" levers, the fraction of car trips moved for ``car-to-transit``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import UnknownItemError, closest
from .inputs import Line

__all__ = ["LEVERS", "Lever", "get_lever"]

#: (indices of the lines removed, lines added) — or None when the lever changes nothing.
Change = tuple[list[int], list[Line]] | None

_MEAT = frozenset(
    f"meal.{m}" for m in ("beef", "chicken", "pork", "fish-white", "fish-oily", "unknown")
)


@dataclass(frozen=True)
class Lever:
    """A lever: ``apply(lines, amount)`` returns the change, ``amount`` defaults to ``default``."""

    id: str
    default: float
    difficulty: str  # facile | moyen | difficile
    apply: Callable[[Sequence[Line], float], Change]
    #: the line kinds or factor ids the lever can touch (to skip it quickly when none is present)
    touches: frozenset[str] = frozenset()

    def applies_to(self, kinds_and_factors: frozenset[str] | set[str]) -> bool:
        return not self.touches or not self.touches.isdisjoint(kinds_and_factors)


def _replace(
    lines: Sequence[Line], pick: Callable[[Line], bool], make: Callable[[Line], list[Line]]
) -> Change:
    removed: list[int] = []
    added: list[Line] = []
    for i, line in enumerate(lines):
        if pick(line) and line.quantity > 0:
            removed.append(i)
            added.extend(make(line))
    return (removed, added) if removed else None


def _copy(line: Line, **changes: Any) -> Line:
    return line.replace(**changes)


def _vegetarian(lines: Sequence[Line], amount: float) -> Change:
    def make(line: Line) -> list[Line]:
        moved = line.quantity * amount
        out = [_copy(line, factor="meal.vegetarian", quantity=moved)]
        if moved < line.quantity:
            out.append(_copy(line, quantity=line.quantity - moved))
        return out

    return _replace(lines, lambda ln: ln.factor in _MEAT, make)


def _carpool(lines: Sequence[Line], amount: float) -> Change:
    return _replace(
        lines,
        lambda ln: ln.kind == "car" and ln.occupancy < amount,
        lambda ln: [_copy(ln, quantity=ln.aux / amount, occupancy=amount)],
    )


def _transit(lines: Sequence[Line], amount: float) -> Change:
    def make(line: Line) -> list[Line]:
        moved_pkm = line.aux * amount
        return [
            _copy(line, quantity=line.quantity * (1 - amount), aux=line.aux - moved_pkm),
            _copy(
                line,
                factor="transport.bus-thermal",
                quantity=moved_pkm,
                aux=moved_pkm,
                occupancy=0.0,
                kind="pkm",
            ),
        ]

    return _replace(lines, lambda ln: ln.kind == "car", make)


def _coaches(lines: Sequence[Line], amount: float) -> Change:
    return _replace(
        lines,
        lambda ln: ln.kind == "coach" and ln.aux < 1.0,
        lambda ln: [_copy(ln, quantity=ln.quantity * ln.aux, aux=1.0)],
    )


def _grid(lines: Sequence[Line], amount: float) -> Change:
    return _replace(
        lines,
        lambda ln: ln.kind == "generator",
        lambda ln: [_copy(ln, factor="energy.grid", quantity=ln.aux, kind="grid")],
    )


def _scale(
    kinds: frozenset[str], prefixes: tuple[str, ...] = ()
) -> Callable[[Sequence[Line], float], Change]:
    def apply(lines: Sequence[Line], amount: float) -> Change:
        return _replace(
            lines,
            lambda ln: ln.kind in kinds and (not prefixes or ln.factor.startswith(prefixes)),
            lambda ln: [_copy(ln, quantity=ln.quantity * (1 - amount), aux=ln.aux * (1 - amount))],
        )

    return apply


def _swap(source: str, target: str) -> Callable[[Sequence[Line], float], Change]:
    def apply(lines: Sequence[Line], amount: float) -> Change:
        def make(line: Line) -> list[Line]:
            moved = line.quantity * amount
            out = [_copy(line, factor=target, quantity=moved)]
            if moved < line.quantity:
                out.append(_copy(line, quantity=line.quantity - moved))
            return out

        return _replace(lines, lambda ln: ln.factor == source, make)

    return apply


def _plane(lines: Sequence[Line], amount: float) -> Change:
    return _replace(
        lines,
        lambda ln: ln.kind == "plane",
        lambda ln: [_copy(ln, factor="transport.tgv", kind="pkm")],
    )


#: The levers, in the order of footprint.md §4.6.
LEVERS: dict[str, Lever] = {
    lever.id: lever
    for lever in (
        Lever("car-to-transit", 0.5, "moyen", _transit, frozenset({"car"})),
        Lever("carpooling", 2.5, "moyen", _carpool, frozenset({"car"})),
        Lever("fuller-coaches", 0.9, "facile", _coaches, frozenset({"coach"})),
        Lever("vegetarian-menu", 1.0, "facile", _vegetarian, _MEAT),
        Lever(
            "tap-water",
            1.0,
            "facile",
            _swap("drink.bottled-water", "drink.tap-water"),
            frozenset({"drink.bottled-water"}),
        ),
        Lever("grid-instead-of-generator", 1.0, "moyen", _grid, frozenset({"generator"})),
        Lever(
            "right-size-generators",
            0.25,
            "facile",
            _scale(frozenset({"generator"})),
            frozenset({"generator"}),
        ),
        Lever(
            "fewer-goodies",
            0.5,
            "facile",
            _scale(frozenset({"goods"}), ("goods.tshirt", "goods.sweat")),
            frozenset({"goods.tshirt-cotton", "goods.tshirt-polyester", "goods.sweat-cotton"}),
        ),
        Lever("fewer-flyers", 0.5, "facile", _scale(frozenset({"paper"})), frozenset({"paper"})),
        Lever(
            "reusable-cups",
            1.0,
            "moyen",
            _swap("goods.cup-disposable", "goods.cup-reusable"),
            frozenset({"goods.cup-disposable"}),
        ),
        Lever(
            "waste-prevention", 0.25, "moyen", _scale(frozenset({"waste"})), frozenset({"waste"})
        ),
        Lever("train-instead-of-plane", 1.0, "moyen", _plane, frozenset({"plane"})),
    )
}


def get_lever(lever_id: str) -> Lever:
    """The lever ``lever_id`` (``UnknownItemError`` naming the accepted ids otherwise)."""
    try:
        return LEVERS[lever_id]
    except KeyError:
        guess = closest(lever_id, list(LEVERS))
        hint_fr = f" — vouliez-vous dire « {guess[0]} » ?" if guess else ""
        hint_en = f" — did you mean '{guess[0]}'?" if guess else ""
        raise UnknownItemError(
            f"levier « {lever_id} » inconnu ; leviers : {', '.join(LEVERS)}{hint_fr}",
            f"unknown lever '{lever_id}'; levers: {', '.join(LEVERS)}{hint_en}",
        ) from None
