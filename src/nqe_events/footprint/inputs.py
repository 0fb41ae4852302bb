"""From an event's ``footprint:`` section to activity lines: pint at the boundary, floats after.

Each line is one ``quantity × factor`` product: a quantity already converted to the unit of its factor
(passenger-km, vehicle-km, litres, kWh, meals…), the factor id, the poste (category), the data-quality
tier, whether it comes from a documented default, and the field path it came from. What the estimate
needs about an event is here; the numbers are computed in :mod:`.estimate` with numpy.

Missing parts take the defaults of footprint.md §4.4 (audience travel, energy, waste, water, paper),
flagged ``default``; parts with no documented default (organised transport, crew, catering) are
counted as none and reported in the notes, never silently.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field
from typing import Any

from ..errors import ErrorDetail, FactorSetError
from ..model.footprint import (
    CAR_MODES,
    LEGACY_MODES,
    LEGACY_VEHICLES,
    FootprintInputs,
    Mode,
    PaperFormat,
    Tier,
    Vehicle,
)
from .factors import WASTE_TREATMENTS, FactorSet
from .modes import mode_factor, serving_volume, vehicle_factor

__all__ = ["CATEGORIES", "CompiledEvent", "Line", "Note", "compile_event"]

#: The postes of footprint.md §4.1, in report order.
CATEGORIES: tuple[str, ...] = (
    "mobilite-publics",
    "mobilite-organisee",
    "intervenants",
    "energie",
    "restauration",
    "achats-materiel",
    "dechets",
    "eau",
)

_PAPER_SIZES_MM = {
    PaperFormat.A6: (105, 148),
    PaperFormat.A5: (148, 210),
    PaperFormat.A4: (210, 297),
    PaperFormat.A3: (297, 420),
    PaperFormat.A2: (420, 594),
    PaperFormat.A1: (594, 841),
    PaperFormat.A0: (841, 1189),
}
_SEATS = {Vehicle.HIRED_COACH: 50, Vehicle.COACH: 50, Vehicle.MINIBUS: 9, Vehicle.VAN: 3}
_COACH_TARGET_FILL = 0.9


@dataclass(slots=True)
class Line:
    """One activity line: ``quantity`` (in the factor's activity unit) × factor ``factor``."""

    category: str
    factor: str
    quantity: float
    tier: str
    default: bool
    path: str
    #: lever metadata: passenger-km of a car line, kWh of a generator line, seats ratio of a coach
    occupancy: float = 0.0
    aux: float = 0.0
    kind: str = ""

    def replace(self, **changes: Any) -> Line:
        """A copy with ``changes`` (faster than ``dataclasses.replace`` in the levers' loops)."""
        new = Line(
            self.category,
            self.factor,
            self.quantity,
            self.tier,
            self.default,
            self.path,
            self.occupancy,
            self.aux,
            self.kind,
        )
        for name, value in changes.items():
            setattr(new, name, value)
        return new


@dataclass(frozen=True, slots=True)
class Note:
    """Something the reader must know: a default applied, a part not declared."""

    code: str
    path: str
    args: tuple[tuple[str, str], ...] = ()


@dataclass
class CompiledEvent:
    event_id: str
    title: str
    attendance: int
    hours: float
    quartiers: tuple[str, ...]
    themes: tuple[str, ...]
    lines: list[Line] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    water_m3: float = 0.0
    waste_kg: float = 0.0


@functools.lru_cache(maxsize=512)
def _scale(units: Any, target: str) -> float:
    from ..units import Q_

    return float(Q_(1.0, units).m_as(target))


def _mag(q: Any, target: str) -> float:
    """The magnitude of pint quantity ``q`` in ``target``.

    The conversion factor is cached by unit: pint's own ``m_as`` costs tens of microseconds, which a
    season of thousands of events would pay for every line. ``_units`` is pint's hashable unit
    container (the public ``.units`` builds a new object on each access).
    """
    return float(q.magnitude) * _scale(q._units, target)


def _event_hours(event: Any, fs: FactorSet) -> float:
    all_day = fs.parameters["all_day_hours"]
    if event.occurrences:
        hours = [
            all_day if o.all_day else o.duration.total_seconds() / 3600 for o in event.occurrences
        ]
        return sum(hours) / len(hours)
    if event.to_plan is not None:
        return _mag(event.to_plan.duration, "hour")
    return all_day


def compile_event(event: Any, fs: FactorSet, prefix: str = "") -> CompiledEvent:
    """The activity lines of ``event`` (an :class:`~nqe_events.model.Event`) under factor set ``fs``.

    ``prefix`` is put before field paths (``"events[3]."`` in a programme). Raises
    :class:`~nqe_events.errors.FactorSetError` when the set has no factor for a declared input.
    """
    fi: FootprintInputs = getattr(event, "footprint", None) or FootprintInputs()
    base = f"{prefix}footprint"
    notes: list[Note] = []
    if getattr(event, "footprint", None) is None:
        notes.append(Note("no_section", base))
    attendance = fi.attendance if fi.attendance is not None else event.expected_attendance
    #: lines scaled by the attendance count as defaults when the attendance is a default
    attendance_default = attendance is None
    if attendance is None:
        attendance = int(fs.defaults["attendance"])
        notes.append(Note("attendance_default", f"{base}.attendance", (("n", str(attendance)),)))
    out = CompiledEvent(
        event_id=event.id,
        title=event.title,
        attendance=int(attendance),
        hours=_event_hours(event, fs),
        quartiers=tuple(event.quartiers),
        themes=tuple(str(t.value) for t in event.themes),
        notes=notes,
    )
    lines = out.lines
    n = float(out.attendance)
    occ_default = fs.parameters["car_occupancy"]

    def travel(
        category: str,
        mode: Mode,
        people: float,
        dist_km: float,
        occupancy: float | None,
        tier: str,
        default: bool,
        path: str,
        from_profile: bool = False,
    ) -> None:
        pkm = people * dist_km
        if mode in LEGACY_MODES:
            notes.append(Note("legacy_coach_mode", f"{path}.mode"))
        if mode in CAR_MODES:
            occ = occupancy if occupancy is not None else occ_default
            if occupancy is None:
                # a defaulted parameter makes the line's emissions a default
                default = True
                if not from_profile:
                    notes.append(Note("occupancy_default", path, (("occ", f"{occ_default:g}"),)))
            lines.append(
                Line(
                    category,
                    mode_factor(mode),
                    pkm / occ,
                    tier,
                    default,
                    path,
                    occ,
                    pkm,
                    "car",
                )
            )
            return
        if mode is Mode.PLANE:
            one_way = dist_km / 2
            mode = (
                Mode.PLANE_SHORT
                if one_way <= fs.parameters["plane_short_haul_max"]
                else Mode.PLANE_MEDIUM
            )
        kind = "plane" if mode in (Mode.PLANE_SHORT, Mode.PLANE_MEDIUM) else "pkm"
        lines.append(Line(category, mode_factor(mode), pkm, tier, default, path, 0.0, pkm, kind))

    # Mobilité des publics
    if fi.audience is None:
        notes.append(Note("default_audience", f"{base}.audience", (("profile", _profile(fs)),)))
        for drow in fs.default_audience:
            travel(
                "mobilite-publics",
                Mode(drow["mode"]),
                n * drow["share"],
                drow["distance_km"],
                drow["occupancy"] if Mode(drow["mode"]) in CAR_MODES else None,
                Tier.DEFAULT.value,
                True,
                f"{base}.audience",
                from_profile=True,
            )
    elif fi.audience.none:
        pass  # declared: no audience travel (zero, no default)
    elif fi.audience.modes:
        for i, ms in enumerate(fi.audience.modes):
            travel(
                "mobilite-publics",
                ms.mode,
                n * ms.share,
                _mag(ms.distance, "km"),
                ms.occupancy,
                ms.tier.value,
                ms.tier is Tier.DEFAULT or attendance_default,
                f"{base}.audience.modes[{i}]",
            )
    else:
        sample = sum(r.people for r in fi.audience.survey)
        survey_tier = fi.audience.survey_tier
        for i, srow in enumerate(fi.audience.survey):
            travel(
                "mobilite-publics",
                srow.mode,
                n * srow.people / sample,
                _mag(srow.distance, "km"),
                srow.occupancy,
                survey_tier.value,
                survey_tier is Tier.DEFAULT or attendance_default,
                f"{base}.audience.survey[{i}]",
            )

    # Mobilité organisée
    if fi.organised is None:
        notes.append(Note("not_declared", f"{base}.organised", (("part", "organised"),)))
    for i, trip in enumerate(fi.organised or ()):
        path = f"{base}.organised[{i}]"
        if trip.vehicle in LEGACY_VEHICLES:
            notes.append(Note("legacy_coach_vehicle", f"{path}.vehicle"))
        seats = trip.seats or _SEATS[trip.vehicle]
        ratio = 1.0
        if trip.passengers is not None and trip.vehicles > 1:
            needed = max(1, math.ceil(trip.passengers / (seats * _COACH_TARGET_FILL)))
            ratio = min(1.0, needed / trip.vehicles)
        trip_tier = trip.tier.value
        if trip.fuel_volume is not None:
            lines.append(
                Line(
                    "mobilite-organisee",
                    f"fuel.{trip.fuel.value}",
                    _mag(trip.fuel_volume, "L"),
                    trip_tier,
                    trip.tier is Tier.DEFAULT,
                    path,
                    0.0,
                    ratio,
                    "coach",
                )
            )
        else:
            assert trip.distance is not None
            vkm = trip.vehicles * _mag(trip.distance, "km")
            lines.append(
                Line(
                    "mobilite-organisee",
                    vehicle_factor(trip.vehicle),
                    vkm,
                    trip_tier,
                    trip.tier is Tier.DEFAULT,
                    path,
                    0.0,
                    ratio,
                    "coach",
                )
            )

    # Intervenants
    if fi.crew is None:
        notes.append(Note("not_declared", f"{base}.crew", (("part", "crew"),)))
    else:
        for i, ct in enumerate(fi.crew.travel):
            travel(
                "intervenants",
                ct.mode,
                float(ct.people),
                _mag(ct.distance, "km"),
                ct.occupancy,
                ct.tier.value,
                ct.tier is Tier.DEFAULT,
                f"{base}.crew.travel[{i}]",
            )
        if fi.crew.hotel_nights is not None:
            hn = fi.crew.hotel_nights
            lines.append(
                Line(
                    "intervenants",
                    "hotel.night",
                    float(hn.amount),
                    hn.tier.value,
                    hn.tier is Tier.DEFAULT,
                    f"{base}.crew.hotel_nights",
                )
            )

    # Énergie
    if fi.energy is None:
        kwh = n * fs.defaults["energy_grid_kwh_per_attendee"]
        notes.append(Note("default_energy", f"{base}.energy"))
        lines.append(
            Line("energie", "energy.grid", kwh, Tier.DEFAULT.value, True, f"{base}.energy")
        )
    else:
        en = fi.energy
        if en.grid is not None:
            lines.append(
                Line(
                    "energie",
                    "energy.grid",
                    _mag(en.grid.amount, "kWh"),
                    en.grid.tier.value,
                    en.grid.tier is Tier.DEFAULT,
                    f"{base}.energy.grid",
                )
            )
        for i, gen in enumerate(en.generators):
            path = f"{base}.energy.generators[{i}]"
            tier = gen.tier
            if gen.fuel_volume is not None:
                litres = _mag(gen.fuel_volume, "L")
                kwh = litres * fs.parameters["generator_kwh_per_litre"]
            else:
                assert gen.power is not None and gen.hours is not None
                load = gen.load
                if load is None:
                    load = fs.parameters["generator_load"]
                    tier = Tier.DEFAULT
                    notes.append(Note("generator_load_default", path, (("load", f"{load:.0%}"),)))
                kw = _mag(gen.power, "kW") * fs.parameters["generator_power_factor"]
                kwh = kw * load * _mag(gen.hours, "hour")
                litres = kwh * _sfc(load, fs)
            lines.append(
                Line(
                    "energie",
                    f"fuel.{gen.fuel.value}",
                    litres,
                    tier.value,
                    tier is Tier.DEFAULT,
                    path,
                    0.0,
                    kwh,
                    "generator",
                )
            )
        for name, unit in (("gas", "kWh"), ("propane", "kg"), ("butane", "kg")):
            amount = getattr(en, name)
            if amount is not None:
                lines.append(
                    Line(
                        "energie",
                        f"energy.{name}",
                        _mag(amount.amount, unit),
                        amount.tier.value,
                        amount.tier is Tier.DEFAULT,
                        f"{base}.energy.{name}",
                    )
                )

    # Restauration
    if fi.catering is None:
        notes.append(Note("not_declared", f"{base}.catering", (("part", "catering"),)))
    else:
        cat = fi.catering
        for meal, entry in cat.meals.items():
            lines.append(
                Line(
                    "restauration",
                    f"meal.{meal.value}",
                    float(entry.amount),
                    entry.tier.value,
                    entry.tier is Tier.DEFAULT,
                    f"{base}.catering.meals.{meal.value}",
                    kind="meal",
                )
            )
        for drink, dentry in cat.drinks.items():
            dpath = f"{base}.catering.drinks.{drink.value}"
            amount = dentry.amount
            fid, qty, kind = f"drink.{drink.value}", 0.0, "drink"
            serving = _serving_of(amount)
            if serving is None:
                qty = _mag(amount, "L")
            else:
                count = float(amount.magnitude)
                per_serving = f"serving.{drink.value}-{serving}"
                if per_serving in fs:
                    fid, qty, kind = per_serving, count, "serving"
                    notes.append(
                        Note(
                            "serving_factor", dpath, (("serving", serving), ("drink", drink.value))
                        )
                    )
                else:
                    litres, _basis, _source = serving_volume(serving, drink.value)
                    qty = count * litres
                    notes.append(
                        Note(
                            "serving_volume",
                            dpath,
                            (
                                ("serving", serving),
                                ("cl", f"{litres * 100:g}"),
                                ("drink", drink.value),
                            ),
                        )
                    )
            lines.append(
                Line(
                    "restauration",
                    fid,
                    qty,
                    dentry.tier.value,
                    dentry.tier is Tier.DEFAULT,
                    dpath,
                    kind=kind,
                )
            )
        for snack, sentry in cat.snacks.items():
            lines.append(
                Line(
                    "restauration",
                    f"snack.{snack.value}",
                    _mag(sentry.amount, "kg"),
                    sentry.tier.value,
                    sentry.tier is Tier.DEFAULT,
                    f"{base}.catering.snacks.{snack.value}",
                )
            )

    # Achats et matériel
    if fi.goods is None:
        kg = n * fs.defaults["paper_kg_per_attendee"]
        notes.append(Note("default_paper", f"{base}.goods"))
        lines.append(
            Line(
                "achats-materiel",
                "paper.production",
                kg,
                Tier.DEFAULT.value,
                True,
                f"{base}.goods",
                kind="paper",
            )
        )
    else:
        for item, c in fi.goods.items.items():
            lines.append(
                Line(
                    "achats-materiel",
                    f"goods.{item.value}",
                    float(c.amount),
                    c.tier.value,
                    c.tier is Tier.DEFAULT,
                    f"{base}.goods.items.{item.value}",
                    kind="goods",
                )
            )
        for i, pr in enumerate(fi.goods.printed):
            ppath = f"{base}.goods.printed[{i}]"
            gsm_default = False
            if pr.mass is not None:
                kg = _mag(pr.mass, "kg")
            else:
                assert pr.format is not None and pr.copies is not None
                w, h = _PAPER_SIZES_MM[pr.format]
                gsm = pr.gsm
                if gsm is None:
                    gsm = _default_gsm(pr.format, fs)
                    gsm_default = True
                    notes.append(Note("gsm_default", f"{ppath}.gsm", (("gsm", f"{gsm:g}"),)))
                kg = pr.copies * (w / 1000) * (h / 1000) * gsm / 1000
            lines.append(
                Line(
                    "achats-materiel",
                    "paper.production",
                    kg,
                    pr.tier.value,
                    pr.tier is Tier.DEFAULT or gsm_default,
                    ppath,
                    kind="paper",
                )
            )

    # Déchets
    if fi.waste is None:
        kg = n * fs.defaults["waste_residual_kg_per_attendee"]
        notes.append(Note("default_waste", f"{base}.waste"))
        lines.append(
            Line(
                "dechets",
                "waste.residual-unknown",
                kg,
                Tier.DEFAULT.value,
                True,
                f"{base}.waste",
                kind="waste",
            )
        )
        out.waste_kg += kg
    else:
        for i, wl in enumerate(fi.waste):
            path = f"{base}.waste[{i}]"
            fid = f"waste.{wl.stream.value}-{wl.treatment.value}"
            if fid not in fs:
                accepted = WASTE_TREATMENTS.get(wl.stream.value, ())
                raise FactorSetError(
                    f"pas de facteur pour le flux « {wl.stream.value} » traité par "
                    f"« {wl.treatment.value} » dans le jeu {fs.id}",
                    f"no factor for stream '{wl.stream.value}' with treatment "
                    f"'{wl.treatment.value}' in set {fs.id}",
                    details=[
                        ErrorDetail(
                            path=f"{path}.treatment",
                            message_fr="traitements acceptés pour ce flux : " + ", ".join(accepted),
                            message_en="accepted treatments for this stream: "
                            + ", ".join(accepted),
                            found=wl.treatment.value,
                        )
                    ],
                )
            fill_default = False
            if wl.mass is not None:
                kg = _mag(wl.mass, "kg")
            else:
                assert wl.bins is not None
                fill = wl.bins.fill
                if fill is None:
                    fill = fs.parameters["bin_fill"]
                    fill_default = True
                    notes.append(
                        Note("bin_fill_default", f"{path}.bins.fill", (("fill", f"{fill:.0%}"),))
                    )
                m3 = _mag(wl.bins.volume, "m**3") * wl.bins.count * fill
                kg = m3 * fs.waste_density[wl.stream.value] * 1000
                notes.append(
                    Note(
                        "bins_density",
                        path,
                        (
                            ("stream", wl.stream.value),
                            ("density", f"{fs.waste_density[wl.stream.value]:g}"),
                        ),
                    )
                )
            lines.append(
                Line(
                    "dechets",
                    fid,
                    kg,
                    wl.tier.value,
                    wl.tier is Tier.DEFAULT or fill_default,
                    path,
                    kind="waste",
                )
            )
            out.waste_kg += kg

    # Eau
    if fi.water is None:
        m3 = n * fs.defaults["water_litres_per_attendee"] / 1000
        notes.append(Note("default_water", f"{base}.water"))
        lines.append(Line("eau", "water.tap", m3, Tier.DEFAULT.value, True, f"{base}.water"))
    else:
        m3 = _mag(fi.water.amount, "m**3")
        lines.append(
            Line(
                "eau",
                "water.tap",
                m3,
                fi.water.tier.value,
                fi.water.tier is Tier.DEFAULT,
                f"{base}.water",
            )
        )
    out.water_m3 = m3
    return out


def _serving_of(amount: Any) -> str | None:
    """The serving (``"tasse"``…) of a drink amount given in servings, ``None`` for a volume."""
    from ..units import serving_of

    return serving_of(amount)


def _profile(fs: FactorSet) -> str:
    """The default audience profile, encoded for the note: ``walk:70:3:;…;car-thermal:5:10:1.6``
    (mode, share %, round-trip km, people per car); the note's text puts it in words."""
    parts = []
    occ = fs.parameters["car_occupancy"]
    for row in fs.default_audience:
        car = Mode(row["mode"]) in CAR_MODES
        people = f"{(row['occupancy'] or occ):g}" if car else ""
        parts.append(f"{row['mode']}:{row['share'] * 100:g}:{row['distance_km']:g}:{people}")
    return ";".join(parts)


def _sfc(load: float, fs: FactorSet) -> float:
    """Specific fuel consumption (L/kWh) at ``load``: linear between 25 % and 50 % load."""
    low, high = fs.parameters["generator_sfc_low_load"], fs.parameters["generator_sfc_high_load"]
    if load <= 0.25:
        return low
    if load >= 0.5:
        return high
    return low + (high - low) * (load - 0.25) / 0.25


def _default_gsm(fmt: PaperFormat, fs: FactorSet) -> float:
    if fmt in (PaperFormat.A6, PaperFormat.A5):
        return fs.parameters["paper_gsm_flyer"]
    if fmt in (PaperFormat.A4, PaperFormat.A3):
        return fs.parameters["paper_gsm_sheet"]
    return fs.parameters["paper_gsm_poster"]
