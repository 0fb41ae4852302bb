"""Versioned emission-factor sets with their provenance.

A factor set is a TOML file (``data/factors/<id>.toml`` for the bundled ones): each factor has a value,
a unit, a source (dataset, element, year) and an uncertainty. The loader checks every unit with pint,
converts each value into the unit the calculation expects (``kgCO2e/passenger_km``, ``kgCO2e/L``…) and
refuses a set that lacks a factor the calculation needs. A set may ``extends = "ademe-2025"`` and list
only the factors it changes. Every result records the ``(id, version)`` of the set that produced it.
"""

from __future__ import annotations

import functools
import math
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from .._render import plural
from ..errors import ErrorDetail, FactorSetError, did_you_mean
from ..model.footprint import STREAM_TREATMENTS

__all__ = [
    "DEFAULT_FACTOR_SET",
    "OPTIONAL_FACTOR_IDS",
    "Factor",
    "FactorSet",
    "expected_unit",
    "list_factor_sets",
    "load_factors",
    "required_factor_ids",
]

DEFAULT_FACTOR_SET = "ademe-2025"

_UNIT_BY_PREFIX = {
    "transport": "kgCO2e/passenger_km",
    "organised": "kgCO2e/vehicle_km",
    "fuel": "kgCO2e/L",
    "meal": "kgCO2e/meal",
    "drink": "kgCO2e/L",
    "snack": "kgCO2e/kg",
    "goods": "kgCO2e/item",
    "paper": "kgCO2e/kg",
    "hotel": "kgCO2e/night",
    "water": "kgCO2e/m**3",
    "waste": "kgCO2e/kg",
    "serving": "kgCO2e/item",
}
_UNIT_BY_ID = {
    "transport.car-thermal": "kgCO2e/vehicle_km",
    "transport.car-electric": "kgCO2e/vehicle_km",
    "energy.grid": "kgCO2e/kWh",
    "energy.gas": "kgCO2e/kWh",
    "energy.propane": "kgCO2e/kg",
    "energy.butane": "kgCO2e/kg",
}

#: Which treatments each waste stream has a factor for (the calculation needs all of them).
WASTE_TREATMENTS: dict[str, tuple[str, ...]] = STREAM_TREATMENTS

_PARAMETERS = (
    "car_occupancy",
    "generator_power_factor",
    "generator_load",
    "generator_sfc_high_load",
    "generator_sfc_low_load",
    "generator_kwh_per_litre",
    "plane_short_haul_max",
    "all_day_hours",
    "paper_gsm_flyer",
    "paper_gsm_sheet",
    "paper_gsm_poster",
    "bin_fill",
)
_PARAMETER_UNITS = {
    "generator_sfc_high_load": "L/kWh",
    "generator_sfc_low_load": "L/kWh",
    "generator_kwh_per_litre": "kWh/L",
    "plane_short_haul_max": "km",
    "all_day_hours": "h",
    "paper_gsm_flyer": "g/m**2",
    "paper_gsm_sheet": "g/m**2",
    "paper_gsm_poster": "g/m**2",
}
_TIERS = ("measured", "invoice", "estimate", "default")
_DEFAULT_KEYS = (
    "attendance",
    "energy_grid_kwh_per_attendee",
    "waste_residual_kg_per_attendee",
    "water_litres_per_attendee",
    "paper_kg_per_attendee",
)


#: Factors a set may give but need not: a per-serving value, used instead of the serving's volume.
OPTIONAL_FACTOR_IDS: tuple[str, ...] = ("serving.coffee-tasse",)


def required_factor_ids() -> tuple[str, ...]:
    """Every factor id the calculation may use (a complete set must define them all)."""
    from ..model.footprint import DrinkType, Fuel, GoodsItem, MealType, Mode, SnackType, Vehicle
    from .modes import mode_factor, vehicle_factor

    ids = sorted({mode_factor(m) for m in Mode if m is not Mode.PLANE})
    ids += sorted({vehicle_factor(v) for v in Vehicle})
    ids += [f"fuel.{f.value}" for f in Fuel]
    ids += ["energy.grid", "energy.gas", "energy.propane", "energy.butane"]
    ids += [f"meal.{m.value}" for m in MealType]
    ids += [f"drink.{d.value}" for d in DrinkType]
    ids += [f"snack.{s.value}" for s in SnackType]
    ids += [f"goods.{g.value}" for g in GoodsItem]
    ids += ["paper.production", "hotel.night", "water.tap"]
    ids += [f"waste.{s}-{t}" for s, ts in WASTE_TREATMENTS.items() for t in ts]
    return tuple(sorted(ids))


def expected_unit(factor_id: str) -> str:
    """The unit the calculation expects for ``factor_id`` (``"kgCO2e/passenger_km"``…)."""
    if factor_id in _UNIT_BY_ID:
        return _UNIT_BY_ID[factor_id]
    prefix = factor_id.split(".", 1)[0]
    if prefix not in _UNIT_BY_PREFIX:
        raise KeyError(factor_id)
    return _UNIT_BY_PREFIX[prefix]


@dataclass(frozen=True)
class Factor:
    """One emission factor, its value in :func:`expected_unit` and its provenance.

    ``uncertainty`` is the half-width of a ~95 % interval as a fraction (0.6 = ±60 %); the Monte Carlo
    reads it as a lognormal with median ``value`` and ``sigma = ln(1 + u) / 1.96`` (footprint.md §4.5).
    """

    id: str
    value: float
    unit: str
    source: str
    element: str
    year: int
    uncertainty: float
    uncertainty_basis: str
    original_value: float
    original_unit: str

    @property
    def sigma(self) -> float:
        return math.log1p(self.uncertainty) / 1.96


@dataclass(frozen=True, eq=False)
class FactorSet:
    """A versioned set of emission factors, parameters and documented defaults."""

    id: str
    version: str
    title: str
    factors: Mapping[str, Factor]
    parameters: Mapping[str, float]
    waste_density: Mapping[str, float]
    tier_uncertainty: Mapping[str, float]
    defaults: Mapping[str, float]
    default_audience: tuple[Mapping[str, Any], ...]
    sources: Mapping[str, Mapping[str, str]]
    path: str = ""
    _index: dict[str, int] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._index.update({fid: i for i, fid in enumerate(self.ids)})

    @functools.cached_property
    def ids(self) -> tuple[str, ...]:
        """The factor ids in a fixed (sorted) order: the columns of the Monte Carlo."""
        return tuple(sorted(self.factors))

    def index(self, factor_id: str) -> int:
        return self._index[factor_id]

    @functools.cached_property
    def values(self) -> Any:
        """The factor values as a numpy array in :attr:`ids` order."""
        import numpy as np

        return np.array([self.factors[i].value for i in self.ids], dtype=float)

    @functools.cached_property
    def sigmas(self) -> Any:
        import numpy as np

        return np.array([self.factors[i].sigma for i in self.ids], dtype=float)

    def __getitem__(self, factor_id: str) -> Factor:
        try:
            return self.factors[factor_id]
        except KeyError:
            from ..errors import UnknownItemError

            dym_fr, dym_en = did_you_mean(factor_id, list(self.factors))
            raise UnknownItemError(
                f"facteur « {factor_id} » absent du jeu {self.id}" + dym_fr,
                f"factor '{factor_id}' not in set {self.id}" + dym_en,
            ) from None

    def __contains__(self, factor_id: object) -> bool:
        return factor_id in self.factors

    def __len__(self) -> int:
        return len(self.factors)

    @property
    def ref(self) -> dict[str, str]:
        """``{"id": ..., "version": ...}``: what a result records."""
        return {"id": self.id, "version": self.version}

    def __repr__(self) -> str:
        return f"<FactorSet {self.id} {self.version}: {len(self.factors)} factors>"


def list_factor_sets() -> list[str]:
    """The ids of the bundled factor sets."""
    folder = resources.files("nqe_events") / "data" / "factors"
    return sorted(p.name[: -len(".toml")] for p in folder.iterdir() if p.name.endswith(".toml"))


def load_factors(source: str | Path | FactorSet | None = None) -> FactorSet:
    """Load a factor set: a bundled id (``"ademe-2025"``, the default) or the path of a TOML file.

    Raises :class:`~nqe_events.errors.FactorSetError` naming the factor and the field at fault.
    """
    if isinstance(source, FactorSet):
        return source
    if source is None:
        source = DEFAULT_FACTOR_SET
    if isinstance(source, str) and not source.endswith(".toml") and "/" not in source:
        return _load_bundled(source)
    return _load_path(str(source))


@functools.cache
def _load_bundled(name: str) -> FactorSet:
    names = list_factor_sets()
    if name not in names:
        dym_fr, _ = did_you_mean(name, names)
        raise FactorSetError(
            f"jeu de facteurs « {name} » inconnu ; jeux fournis : {', '.join(names)}" + dym_fr,
            f"unknown factor set '{name}'; bundled sets: {', '.join(names)}",
        )
    text = (resources.files("nqe_events") / "data" / "factors" / f"{name}.toml").read_text("utf-8")
    return _parse(text, f"{name}.toml", depth=0)


def _load_path(path: str) -> FactorSet:
    from ..io.files import read_text

    return _parse(read_text(path, error=FactorSetError), path, depth=0)


def _flatten(table: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in table.items():
        name = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, dict) and "value" not in value:
            out.update(_flatten(value, name))
        else:
            out[name] = value
    return out


def _problem(path: str, fr: str, en: str, found: Any = None) -> ErrorDetail:
    return ErrorDetail(
        path=path, message_fr=fr, message_en=en, found=None if found is None else str(found)
    )


def _parse(text: str, source: str, depth: int) -> FactorSet:
    from ..units import get_registry

    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise FactorSetError(
            f"TOML illisible : {exc}", f"unreadable TOML: {exc}", source=source
        ) from None
    problems: list[ErrorDetail] = []
    base: FactorSet | None = None
    if "extends" in doc:
        if depth > 3 or not isinstance(doc["extends"], str):
            raise FactorSetError(
                "extends doit nommer un jeu fourni (ex. « ademe-2025 »)",
                "extends must name a bundled set (e.g. 'ademe-2025')",
                source=source,
            )
        base = _load_bundled(doc["extends"])
    for key in ("id", "version"):
        if not isinstance(doc.get(key), str) or not doc.get(key):
            problems.append(
                _problem(key, "champ obligatoire absent (texte)", "required text field missing")
            )
    ureg = get_registry()
    raw = doc.get("factors", {})
    if not isinstance(raw, dict):
        raw = {}
        problems.append(_problem("factors", "attendu une table", "expected a table"))
    factors: dict[str, Factor] = dict(base.factors) if base else {}
    known = set(required_factor_ids()) | set(OPTIONAL_FACTOR_IDS)
    for fid, entry in _flatten(raw).items():
        path = f"factors.{fid}"
        if fid not in known:
            dym_fr, dym_en = did_you_mean(fid, sorted(known))
            problems.append(
                _problem(
                    path,
                    "facteur inconnu du calcul" + dym_fr,
                    "factor unknown to the calculation" + dym_en,
                )
            )
            continue
        factor = _factor(fid, entry, path, problems, ureg)
        if factor is not None:
            factors[fid] = factor
    missing = [fid for fid in required_factor_ids() if fid not in factors]
    if missing:
        problems.append(
            _problem(
                "factors",
                plural(len(missing), "facteur manquant", "facteurs manquants", "fr")
                + f" : {', '.join(missing[:12])}"
                + (" …" if len(missing) > 12 else ""),
                plural(len(missing), "factor", lang="en")
                + f" missing: {', '.join(missing[:12])}"
                + (" …" if len(missing) > 12 else ""),
            )
        )
    params = dict(base.parameters) if base else {}
    density = dict(base.waste_density) if base else {}
    tiers = dict(base.tier_uncertainty) if base else {}
    raw_params = doc.get("parameters", {})
    for name in _PARAMETERS:
        entry = raw_params.get(name)
        if entry is None:
            if name not in params:
                problems.append(_problem(f"parameters.{name}", "paramètre absent", "missing"))
            continue
        value = entry.get("value") if isinstance(entry, dict) else entry
        if not _nonneg(value):
            problems.append(
                _problem(
                    f"parameters.{name}",
                    "attendu un nombre positif",
                    "expected a positive number",
                    value,
                )
            )
            continue
        unit = entry.get("unit", "") if isinstance(entry, dict) else ""
        want = _PARAMETER_UNITS.get(name)
        if want:
            try:
                params[name] = float(
                    ureg.Quantity(float(value), _safe_unit(unit or want)).m_as(want)  # type: ignore[arg-type]
                )
            except Exception:
                problems.append(
                    _problem(
                        f"parameters.{name}.unit",
                        f"attendu une unité compatible avec {want}",
                        f"expected a unit compatible with {want}",
                        unit,
                    )
                )
        else:
            params[name] = float(value)  # type: ignore[arg-type]
    for name, value in raw_params.get("waste_density", {}).items():
        if _nonneg(value):
            density[name] = float(value)
        else:
            problems.append(
                _problem(
                    f"parameters.waste_density.{name}",
                    "attendu un nombre positif (t/m³)",
                    "expected a positive number (t/m3)",
                    value,
                )
            )
    for name in WASTE_TREATMENTS:
        if name not in density:
            problems.append(
                _problem(f"parameters.waste_density.{name}", "densité absente", "density missing")
            )
    for name, value in raw_params.get("tier_uncertainty", {}).items():
        if name in _TIERS and _nonneg(value):
            tiers[name] = float(value)
        else:
            problems.append(
                _problem(
                    f"parameters.tier_uncertainty.{name}",
                    f"attendu un niveau parmi {', '.join(_TIERS)} et un nombre positif",
                    f"expected a tier among {', '.join(_TIERS)} and a positive number",
                    value,
                )
            )
    for name in _TIERS:
        if name not in tiers:
            problems.append(
                _problem(
                    f"parameters.tier_uncertainty.{name}",
                    "incertitude absente",
                    "uncertainty missing",
                )
            )
    defaults = dict(base.defaults) if base else {}
    raw_defaults = doc.get("defaults", {})
    for name in _DEFAULT_KEYS:
        if name in raw_defaults:
            if _nonneg(raw_defaults[name]):
                defaults[name] = float(raw_defaults[name])
            else:
                problems.append(
                    _problem(
                        f"defaults.{name}",
                        "attendu un nombre positif",
                        "expected a positive number",
                        raw_defaults[name],
                    )
                )
        elif name not in defaults:
            problems.append(
                _problem(f"defaults.{name}", "valeur par défaut absente", "default missing")
            )
    audience: tuple[Mapping[str, Any], ...] = base.default_audience if base else ()
    if "audience" in raw_defaults:
        audience = tuple(_default_audience(raw_defaults["audience"], problems))
    if problems:
        raise FactorSetError(
            f"jeu de facteurs inutilisable : {plural(len(problems), 'problème', lang='fr')}",
            f"unusable factor set: {plural(len(problems), 'problem', lang='en')}",
            details=problems,
            source=source,
        )
    sources = dict(base.sources) if base else {}
    sources.update({k: dict(v) for k, v in doc.get("sources", {}).items() if isinstance(v, dict)})
    return FactorSet(
        id=str(doc["id"]),
        version=str(doc["version"]),
        title=str(doc.get("title", "")),
        factors=factors,
        parameters=params,
        waste_density=density,
        tier_uncertainty=tiers,
        defaults=defaults,
        default_audience=audience,
        sources=sources,
        path=source,
    )


#: A factor's unit: names joined by ``*`` or ``/``, each with an optional small power
#: (``kgCO2e/passenger_km``, ``g/m**2``); no number, no parenthesis, nothing pint would compute.
_UNIT_TEXT = re.compile(
    r"[A-Za-z_µ][A-Za-z0-9_µ]{0,40}(?:\*\*[1-3])?(?:\s*[*/]\s*[A-Za-z_µ][A-Za-z0-9_µ]{0,40}(?:\*\*[1-3])?){0,4}"
)


def _safe_unit(text: Any) -> str:
    """``text`` if it is a plain unit (no expression for pint to evaluate), else ``ValueError``."""
    if not isinstance(text, str) or not _UNIT_TEXT.fullmatch(text.strip()):
        raise ValueError("not a plain unit")
    return text.strip()


def _nonneg(value: Any) -> bool:
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and value >= 0
    )


def _factor(
    fid: str, entry: Any, path: str, problems: list[ErrorDetail], ureg: Any
) -> Factor | None:
    if not isinstance(entry, dict):
        problems.append(
            _problem(
                path,
                "attendu une table (value, unit, source…)",
                "expected a table (value, unit, source…)",
            )
        )
        return None
    ok = True
    for key in ("value", "unit", "source", "uncertainty"):
        if key not in entry:
            problems.append(
                _problem(f"{path}.{key}", "champ obligatoire absent", "required field missing")
            )
            ok = False
    if not ok:
        return None
    value, unc = entry["value"], entry["uncertainty"]
    if not _nonneg(value):
        problems.append(
            _problem(
                f"{path}.value",
                "attendu un nombre positif ou nul",
                "expected a non-negative number",
                value,
            )
        )
        return None
    if not _nonneg(unc) or unc > 5:
        problems.append(
            _problem(
                f"{path}.uncertainty",
                "attendu une fraction entre 0 et 5 (0.6 = ±60 %)",
                "expected a fraction between 0 and 5 (0.6 = ±60 %)",
                unc,
            )
        )
        return None
    want = expected_unit(fid)
    try:
        converted = float(ureg.Quantity(float(value), _safe_unit(entry["unit"])).m_as(want))
    except Exception:
        problems.append(
            _problem(
                f"{path}.unit",
                f"unité incompatible : attendu {want} (ou une unité équivalente)",
                f"incompatible unit: expected {want} (or an equivalent unit)",
                entry["unit"],
            )
        )
        return None
    year = entry.get("year", 0)
    return Factor(
        id=fid,
        value=converted,
        unit=want,
        source=str(entry["source"]),
        element=str(entry.get("element", "")),
        year=int(year) if isinstance(year, int) else 0,
        uncertainty=float(unc),
        uncertainty_basis=str(entry.get("uncertainty_basis", "assumed")),
        original_value=float(value),
        original_unit=str(entry["unit"]),
    )


def _default_audience(rows: Any, problems: list[ErrorDetail]) -> list[Mapping[str, Any]]:
    from pydantic_core import PydanticCustomError

    from ..model.footprint import Mode, choice

    out: list[Mapping[str, Any]] = []
    if not isinstance(rows, list):
        problems.append(_problem("defaults.audience", "attendu une liste", "expected a list"))
        return out
    total = 0.0
    for i, row in enumerate(rows):
        path = f"defaults.audience[{i}]"
        try:
            mode = choice(Mode, row.get("mode") if isinstance(row, dict) else None)
        except PydanticCustomError:
            problems.append(
                _problem(
                    f"{path}.mode",
                    "mode inconnu : " + ", ".join(m.value for m in Mode),
                    "unknown mode: " + ", ".join(m.value for m in Mode),
                )
            )
            continue
        share, dist = row.get("share"), row.get("distance_km")
        occ = row.get("occupancy")
        if not (_nonneg(share) and _nonneg(dist) and (occ is None or (_nonneg(occ) and occ >= 1))):
            problems.append(
                _problem(
                    path,
                    "share, distance_km (et occupancy ≥ 1) doivent être des nombres positifs",
                    "share, distance_km (and occupancy >= 1) must be positive numbers",
                )
            )
            continue
        total += float(share)
        out.append(
            {
                "mode": mode.value,
                "share": float(share),
                "distance_km": float(dist),
                # no occupancy: the one car_occupancy parameter of the set applies
                "occupancy": float(occ) if occ is not None else None,
            }
        )
    if out and abs(total - 1) > 0.01:
        problems.append(
            _problem(
                "defaults.audience",
                f"les parts font {total:.2f}, attendu 1",
                f"shares add up to {total:.2f}, expected 1",
            )
        )
    return out
