"""Activity data of an event's footprint: the ``footprint:`` section of a temps fort.

Everything an organiser can realistically give (footprint.md §4.2): how the audience travels, the coaches
the organiser hires, the crew's trips and hotel nights, energy, meals, drinks, goods, waste and water.
Every quantity is a pint quantity with its unit checked (``"8 km"``, ``"350 kWh"``, ``"120 L"``), and
every input carries a data-quality tier (``measured``, ``invoice``, ``estimate``, ``default``) that drives
its uncertainty. A single amount can be written short (``grid: 350 kWh``) or with its tier
(``grid: {amount: 350 kWh, tier: invoice}``).

Validation only: the emission factors and the arithmetic live in :mod:`nqe_events.footprint`.
"""

from __future__ import annotations

import functools
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    BeforeValidator,
    Field,
    ValidationInfo,
    field_validator,
    model_serializer,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ..units import Distance, Duration, Energy, Mass, Power, Volume, VolumeOrServings
from .base import Int, NqeModel, normalise_token

__all__ = [
    "AudienceTravel",
    "Bins",
    "Catering",
    "CountAmount",
    "Crew",
    "CrewTravel",
    "DrinkAmount",
    "DrinkType",
    "EnergyAmount",
    "EnergyUse",
    "FootprintInputs",
    "Fuel",
    "Generator",
    "Goods",
    "GoodsItem",
    "MassAmount",
    "MealType",
    "Mode",
    "ModeShare",
    "OrganisedTrip",
    "PaperFormat",
    "Printed",
    "SnackType",
    "SurveyRow",
    "Tier",
    "Vehicle",
    "VolumeAmount",
    "WasteLine",
    "WasteStream",
    "WasteTreatment",
]


class Tier(StrEnum):
    """Data-quality tier of an input: it sets the activity uncertainty (footprint.md §4.5)."""

    MEASURED = "measured"
    INVOICE = "invoice"
    ESTIMATE = "estimate"
    DEFAULT = "default"


class Mode(StrEnum):
    """Transport modes (Impact CO2 2025 names in brackets in the docs)."""

    WALK = "walk"
    BIKE = "bike"
    E_BIKE = "e-bike"
    E_SCOOTER = "e-scooter"
    SCOOTER = "scooter"
    MOTORBIKE = "motorbike"
    TRAM = "tram"
    METRO = "metro"
    RER = "rer"
    BUS_THERMAL = "bus-thermal"
    BUS_ELECTRIC = "bus-electric"
    BUS_CNG = "bus-cng"
    #: a scheduled coach line, per passenger-km (« autocar de ligne »)
    SCHEDULED_COACH = "scheduled-coach"
    #: the old, ambiguous spelling of ``scheduled-coach``: still read, with a note
    COACH = "coach"
    CAR_THERMAL = "car-thermal"
    CAR_ELECTRIC = "car-electric"
    TER = "ter"
    INTERCITES = "intercites"
    TGV = "tgv"
    PLANE = "plane"
    PLANE_SHORT = "plane-short"
    PLANE_MEDIUM = "plane-medium"


CAR_MODES = frozenset({Mode.CAR_THERMAL, Mode.CAR_ELECTRIC})
#: Spellings still read but ambiguous: the report says how they were understood.
LEGACY_MODES = frozenset({Mode.COACH})


class Vehicle(StrEnum):
    """Vehicles an organiser hires (Mobilité organisée), per vehicle-km."""

    #: a coach hired by the organiser (« autocar loué »), per vehicle-km
    HIRED_COACH = "hired-coach"
    #: the old, ambiguous spelling of ``hired-coach``: still read, with a note
    COACH = "coach"
    MINIBUS = "minibus"
    VAN = "van"


LEGACY_VEHICLES = frozenset({Vehicle.COACH})


class Fuel(StrEnum):
    DIESEL = "diesel"
    PETROL = "petrol"
    FUEL_OIL = "fuel-oil"
    LPG = "lpg"


class MealType(StrEnum):
    VEGETARIAN = "vegetarian"
    VEGAN = "vegan"
    CHICKEN = "chicken"
    BEEF = "beef"
    PORK = "pork"
    FISH_WHITE = "fish-white"
    FISH_OILY = "fish-oily"
    UNKNOWN = "unknown"


class DrinkType(StrEnum):
    BOTTLED_WATER = "bottled-water"
    TAP_WATER = "tap-water"
    SODA = "soda"
    BEER = "beer"
    WINE = "wine"
    COFFEE = "coffee"
    TEA = "tea"
    MILK = "milk"


class SnackType(StrEnum):
    CHEESEBURGER = "cheeseburger"
    KEBAB = "kebab"
    PIZZA = "pizza"
    FRIES = "fries"
    VEGGIE_BURGER = "veggie-burger"
    BAGUETTE = "baguette"


class GoodsItem(StrEnum):
    TSHIRT_COTTON = "tshirt-cotton"
    TSHIRT_POLYESTER = "tshirt-polyester"
    SWEAT_COTTON = "sweat-cotton"
    CUP_DISPOSABLE = "cup-disposable"
    PLATE_DISPOSABLE = "plate-disposable"
    CUTLERY_DISPOSABLE = "cutlery-disposable"
    CUP_REUSABLE = "cup-reusable"


class PaperFormat(StrEnum):
    A6 = "A6"
    A5 = "A5"
    A4 = "A4"
    A3 = "A3"
    A2 = "A2"
    A1 = "A1"
    A0 = "A0"


class WasteStream(StrEnum):
    RESIDUAL = "residual"
    BIOWASTE = "biowaste"
    CARDBOARD = "cardboard"
    PLASTIC = "plastic"
    GLASS = "glass"
    METAL = "metal"
    PAPER = "paper"
    MIXED = "mixed"


class WasteTreatment(StrEnum):
    INCINERATION = "incineration"
    LANDFILL = "landfill"
    RECYCLING = "recycling"
    COMPOSTING = "composting"
    ANAEROBIC_DIGESTION = "anaerobic-digestion"
    UNKNOWN = "unknown"


#: The treatments each waste stream has a factor for: any other pair is refused when the file is read
#: (``validate`` reports it with its line), since no factor set could price it.
STREAM_TREATMENTS: dict[str, tuple[str, ...]] = {
    "residual": ("incineration", "landfill", "unknown"),
    "biowaste": ("composting", "anaerobic-digestion", "incineration", "landfill", "unknown"),
    "cardboard": ("recycling", "incineration", "landfill", "unknown"),
    "plastic": ("recycling", "incineration", "landfill", "unknown"),
    "glass": ("recycling", "incineration", "landfill", "unknown"),
    "metal": ("recycling", "incineration", "unknown"),
    "paper": ("unknown",),
    "mixed": ("unknown",),
}

_ALIASES: dict[type[StrEnum], dict[str, str]] = {
    Mode: {
        "marche": "walk",
        "a-pied": "walk",
        "foot": "walk",
        "velo": "bike",
        "vae": "e-bike",
        "velo-electrique": "e-bike",
        "trottinette": "e-scooter",
        "moto": "motorbike",
        "tramway": "tram",
        "bus": "bus-thermal",
        "bus-gnv": "bus-cng",
        "autocar": "scheduled-coach",
        "autocar-de-ligne": "scheduled-coach",
        "car-de-ligne": "scheduled-coach",
        "car": "car-thermal",
        "voiture": "car-thermal",
        "voiture-electrique": "car-electric",
        "train": "ter",
        "avion": "plane",
    },
    Vehicle: {
        "autocar": "hired-coach",
        "car": "hired-coach",
        "autocar-loue": "hired-coach",
        "car-loue": "hired-coach",
        "autocar-affrete": "hired-coach",
        "car-affrete": "hired-coach",
        "camionnette": "van",
        "minibus": "minibus",
    },
    Fuel: {
        "gazole": "diesel",
        "gnr": "diesel",
        "essence": "petrol",
        "fioul": "fuel-oil",
        "gpl": "lpg",
    },
    MealType: {
        "vegetarien": "vegetarian",
        "vegetalien": "vegan",
        "poulet": "chicken",
        "white-meat": "chicken",
        "viande-blanche": "chicken",
        "boeuf": "beef",
        "red-meat": "beef",
        "viande-rouge": "beef",
        "porc": "pork",
        "poisson-blanc": "fish-white",
        "poisson-gras": "fish-oily",
        "inconnu": "unknown",
        "average": "unknown",
    },
    DrinkType: {
        "eau-en-bouteille": "bottled-water",
        "eau-du-robinet": "tap-water",
        "biere": "beer",
        "vin": "wine",
        "cafe": "coffee",
        "the": "tea",
        "lait": "milk",
    },
    SnackType: {"frites": "fries", "burger-vegetarien": "veggie-burger"},
    GoodsItem: {},
    PaperFormat: {},
    WasteStream: {
        "omr": "residual",
        "ordures-menageres": "residual",
        "biodechets": "biowaste",
        "carton": "cardboard",
        "plastique": "plastic",
        "verre": "glass",
        "metal": "metal",
        "aluminium": "metal",
        "papier": "paper",
        "dib": "mixed",
    },
    WasteTreatment: {
        "compost": "composting",
        "compostage": "composting",
        "methanisation": "anaerobic-digestion",
        "recyclage": "recycling",
        "enfouissement": "landfill",
        "inconnu": "unknown",
    },
    Tier: {
        "mesure": "measured",
        "facture": "invoice",
        "estimation": "estimate",
        "defaut": "default",
    },
}

_KIND_NAMES: dict[type[StrEnum], tuple[str, str]] = {
    Mode: ("mode de transport", "transport mode"),
    Vehicle: ("véhicule", "vehicle"),
    Fuel: ("carburant", "fuel"),
    MealType: ("type de repas", "meal type"),
    DrinkType: ("boisson", "drink"),
    SnackType: ("aliment", "food item"),
    GoodsItem: ("article", "item"),
    PaperFormat: ("format papier", "paper format"),
    WasteStream: ("flux de déchets", "waste stream"),
    WasteTreatment: ("traitement des déchets", "waste treatment"),
    Tier: ("niveau de qualité", "data-quality tier"),
}


def _token(value: str) -> str:
    return str(normalise_token(value))


def _read_member(enum: type[StrEnum], value: str) -> StrEnum | None:
    """The member of ``enum`` written ``value`` (accents, case, aliases), or ``None``."""
    token = _token(value)
    if enum is PaperFormat:
        token = token.upper()
    token = _ALIASES.get(enum, {}).get(token, token)
    return _members(enum).get(token)


@functools.cache
def _members(enum: type[StrEnum]) -> dict[str, StrEnum]:
    return {member.value: member for member in enum}


#: the same few spellings (« train », « bus ») come back in every event of a season
_member = functools.lru_cache(maxsize=4096)(_read_member)


def choice(enum: type[StrEnum], value: Any) -> StrEnum:
    """Read ``value`` as a member of ``enum`` (accents, case and French aliases tolerated).

    Raises a ``PydanticCustomError`` of type ``fp_choice`` naming the accepted values.
    """
    if isinstance(value, enum):
        return value
    if isinstance(value, str):
        found = _member(enum, value) if len(value) <= 200 else _read_member(enum, value)
        if found is not None:
            return found
    from ..errors import closest

    # the old ambiguous spellings are read but not offered
    accepted = [m.value for m in enum if m not in LEGACY_MODES and m not in LEGACY_VEHICLES]
    guess = closest(str(value), accepted) if isinstance(value, str) else []
    fr_kind, en_kind = _KIND_NAMES[enum]
    raise PydanticCustomError(
        "fp_choice",
        "{kind_fr} inconnu « {value} » : valeurs acceptées {accepted}{guess}",
        {
            "kind_fr": fr_kind,
            "kind_en": en_kind,
            "value": str(value),
            "accepted": ", ".join(accepted),
            "guess": f" (vouliez-vous dire « {guess[0]} » ?)" if guess else "",
            "guess_en": f" (did you mean '{guess[0]}'?)" if guess else "",
        },
    )


def _choice_validator(enum: type[StrEnum]) -> BeforeValidator:
    # the reading of a text depends on the text alone: the few spellings of a season (« train »,
    # « bus ») are each looked up once (a refused text raises, and is not kept)
    seen: dict[str, StrEnum] = {}

    def validate(value: Any) -> Any:
        if type(value) is str:
            found = seen.get(value)
            if found is None:
                found = choice(enum, value)
                if len(seen) < 4096 and len(value) <= 200:
                    seen[value] = found
            return found
        return choice(enum, value)

    return BeforeValidator(validate)


TierField = Annotated[Tier, _choice_validator(Tier)]
ModeField = Annotated[Mode, _choice_validator(Mode)]
VehicleField = Annotated[Vehicle, _choice_validator(Vehicle)]
FuelField = Annotated[Fuel, _choice_validator(Fuel)]
FormatField = Annotated[PaperFormat, _choice_validator(PaperFormat)]
StreamField = Annotated[WasteStream, _choice_validator(WasteStream)]
TreatmentField = Annotated[WasteTreatment, _choice_validator(WasteTreatment)]

Share = Annotated[float, Field(ge=0, le=1)]
Count = Annotated[Int, Field(ge=0, le=100_000_000)]
Occupancy = Annotated[float, Field(ge=1, le=9)]


def _keyed(enum: type[StrEnum]) -> BeforeValidator:
    """A mapping whose keys are members of ``enum``; unknown keys name the accepted values."""

    def validate(value: Any) -> Any:
        if not isinstance(value, dict):
            return value
        out: dict[Any, Any] = {}
        for key, item in value.items():
            member = choice(enum, key)
            if member in out:
                raise PydanticCustomError(
                    "fp_duplicate", "« {value} » est donné deux fois", {"value": str(key)}
                )
            out[member] = item
        return out

    return BeforeValidator(validate)


class _Tiered(NqeModel):
    """An amount with its data-quality tier; ``"350 kWh"`` alone means tier ``estimate``."""

    tier: TierField = Tier.ESTIMATE

    @model_validator(mode="before")
    @classmethod
    def _short_form(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return data
        return {"amount": data}

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> Any:
        """Both forms in the JSON Schema: ``"350 kWh"`` or ``{amount: "350 kWh", tier: …}``."""
        schema = handler(core_schema)
        target = handler.resolve_ref_schema(schema)
        full = dict(target)
        short = dict(full["properties"]["amount"])
        target.clear()
        target.update({"title": full.get("title", cls.__name__), "anyOf": [short, full]})
        return schema


class EnergyAmount(_Tiered):
    amount: Energy


class MassAmount(_Tiered):
    amount: Mass


class VolumeAmount(_Tiered):
    amount: Volume


class CountAmount(_Tiered):
    amount: Count


class DrinkAmount(_Tiered):
    """A drink's amount: a volume (``"3 L"``, ``"50 cL"``) or servings (``"200 tasses"``)."""

    amount: VolumeOrServings


# --- travel --------------------------------------------------------------------------------------


class ModeShare(NqeModel):
    """A share of the audience coming by one mode; ``distance`` is the round trip per person."""

    mode: ModeField
    share: Share
    distance: Distance
    occupancy: Occupancy | None = None
    tier: TierField = Tier.ESTIMATE

    @model_validator(mode="after")
    def _occupancy_for_cars(self) -> ModeShare:
        _check_occupancy(self.mode, self.occupancy)
        return self


class SurveyRow(NqeModel):
    """One answer group of an entrance survey: ``people`` came by ``mode`` over ``distance`` (round
    trip each)."""

    mode: ModeField
    people: Annotated[Int, Field(ge=1, le=1_000_000)]
    distance: Distance
    occupancy: Occupancy | None = None

    @model_validator(mode="after")
    def _occupancy_for_cars(self) -> SurveyRow:
        _check_occupancy(self.mode, self.occupancy)
        return self


def _check_occupancy(mode: Mode, occupancy: float | None) -> None:
    if occupancy is not None and mode not in CAR_MODES:
        raise PydanticCustomError(
            "fp_occupancy",
            "occupancy (personnes par voiture) ne vaut que pour car-thermal et car-electric, "
            "pas pour « {mode} »",
            {"mode": mode.value},
        )


class AudienceTravel(NqeModel):
    """How the audience comes: mode shares (summing to 1) or the rows of an entrance survey, scaled to
    the attendance (``survey_tier`` is the tier of the survey's answers)."""

    modes: tuple[ModeShare, ...] = ()
    survey: tuple[SurveyRow, ...] = ()
    survey_tier: TierField = Tier.MEASURED
    #: ``audience: none`` in a file: the event has no audience travel (zero, not a default)
    none: bool = False

    @model_serializer(mode="wrap")
    def _write_none(self, handler: Any) -> Any:
        """Written back as it is read: ``audience: none``."""
        if self.none:
            return "none"
        return handler(self)

    @model_validator(mode="after")
    def _one_source(self) -> AudienceTravel:
        if self.none:
            if self.modes or self.survey:
                raise PydanticCustomError(
                    "fp_travel_none",
                    "« none » (aucune venue du public) exclut modes et survey",
                    {},
                )
            return self
        if bool(self.modes) == bool(self.survey):
            raise PydanticCustomError(
                "fp_travel_source",
                "donnez soit modes (parts modales), soit survey (enquête), et un seul des deux (ou "
                "« audience: none » s'il n'y a aucune venue du public)",
                {},
            )
        total = sum(m.share for m in self.modes)
        if self.modes and abs(total - 1.0) > 0.01:
            raise PydanticCustomError(
                "fp_shares_sum",
                "les parts modales doivent faire 100 % (somme trouvée : {total} %)",
                {"total": f"{total * 100:.1f}"},
            )
        return self


class OrganisedTrip(NqeModel):
    """Vehicles hired by the organiser: distance per vehicle (round trip) or the fuel bought."""

    vehicle: VehicleField = Vehicle.HIRED_COACH
    vehicles: Annotated[Int, Field(ge=1, le=1000)] = 1
    distance: Distance | None = None
    fuel: FuelField = Fuel.DIESEL
    fuel_volume: Volume | None = None
    passengers: Annotated[Int, Field(ge=0, le=100_000)] | None = None
    seats: Annotated[Int, Field(ge=1, le=100)] | None = None
    tier: TierField = Tier.ESTIMATE

    @model_validator(mode="after")
    def _distance_or_fuel(self) -> OrganisedTrip:
        if (self.distance is None) == (self.fuel_volume is None):
            raise PydanticCustomError(
                "fp_trip_source",
                "donnez soit distance (km par véhicule, aller-retour), soit fuel_volume (litres), "
                "et un seul des deux",
                {},
            )
        return self


class CrewTravel(NqeModel):
    """Trips of artists, staff and volunteers: ``people`` × round-trip ``distance`` by ``mode``."""

    mode: ModeField
    people: Annotated[Int, Field(ge=1, le=100_000)]
    distance: Distance
    occupancy: Occupancy | None = None
    tier: TierField = Tier.ESTIMATE

    @model_validator(mode="after")
    def _occupancy_for_cars(self) -> CrewTravel:
        _check_occupancy(self.mode, self.occupancy)
        return self


class Crew(NqeModel):
    travel: tuple[CrewTravel, ...] = ()
    hotel_nights: CountAmount | None = None


# --- energy --------------------------------------------------------------------------------------


class Generator(NqeModel):
    """A generator: litres of fuel burnt, or its rating (kVA) × hours × load."""

    fuel: FuelField = Fuel.DIESEL
    fuel_volume: Volume | None = None
    power: Power | None = None
    hours: Duration | None = None
    load: Annotated[float, Field(gt=0, le=1)] | None = None
    tier: TierField = Tier.ESTIMATE

    @model_validator(mode="after")
    def _litres_or_rating(self) -> Generator:
        rating = self.power is not None and self.hours is not None
        if (self.fuel_volume is None) == (not rating) or (
            self.fuel_volume is not None and (self.power is not None or self.hours is not None)
        ):
            raise PydanticCustomError(
                "fp_generator_source",
                "donnez soit fuel_volume (litres), soit power (kVA) et hours, pas les deux",
                {},
            )
        if self.fuel not in (Fuel.DIESEL, Fuel.PETROL):
            raise PydanticCustomError(
                "fp_generator_fuel",
                "carburant de groupe électrogène « {value} » : valeurs acceptées diesel, petrol",
                {"value": self.fuel.value},
            )
        return self


class EnergyUse(NqeModel):
    """Energy used on site."""

    grid: EnergyAmount | None = None
    generators: tuple[Generator, ...] = ()
    gas: EnergyAmount | None = None
    propane: MassAmount | None = None
    butane: MassAmount | None = None


# --- catering, goods, waste ----------------------------------------------------------------------


class Catering(NqeModel):
    """Meals by type (count), drinks by type (volume or servings: ``"200 tasses"``) and snack
    foods by type (mass)."""

    meals: Annotated[dict[MealType, CountAmount], _keyed(MealType)] = Field(default_factory=dict)
    drinks: Annotated[dict[DrinkType, DrinkAmount], _keyed(DrinkType)] = Field(default_factory=dict)
    snacks: Annotated[dict[SnackType, MassAmount], _keyed(SnackType)] = Field(default_factory=dict)


class Printed(NqeModel):
    """Printed matter: ``copies`` sheets of ``format`` at ``gsm`` g/m² (default by format), or its
    ``mass`` when the printer's invoice gives it (``mass: 20 kg``)."""

    format: FormatField | None = None
    copies: Annotated[Int, Field(ge=0, le=10_000_000)] | None = None
    gsm: Annotated[float, Field(gt=0, le=600)] | None = None
    mass: Mass | None = None
    tier: TierField = Tier.ESTIMATE

    @model_validator(mode="after")
    def _format_or_mass(self) -> Printed:
        by_format = self.format is not None and self.copies is not None
        if self.mass is not None:
            if self.format is not None or self.copies is not None or self.gsm is not None:
                raise PydanticCustomError(
                    "fp_printed_source",
                    "donnez soit mass (ex. « 20 kg »), soit format et copies (et gsm), pas les deux",
                    {},
                )
        elif not by_format:
            raise PydanticCustomError(
                "fp_printed_source",
                "donnez soit mass (ex. « 20 kg »), soit format et copies (et gsm), pas les deux",
                {},
            )
        return self


class Goods(NqeModel):
    """Goodies and tableware (counts) and printed matter."""

    items: Annotated[dict[GoodsItem, CountAmount], _keyed(GoodsItem)] = Field(default_factory=dict)
    printed: tuple[Printed, ...] = ()


class Bins(NqeModel):
    """Bins collected: ``count`` bins of ``volume``, filled to ``fill`` on average (when not given,
    the factor set's ``bin_fill``, counted as a default)."""

    volume: Volume
    count: Annotated[Int, Field(ge=0, le=100_000)] = 1
    fill: Annotated[float, Field(ge=0, le=1)] | None = None


class WasteLine(NqeModel):
    """One waste stream: its mass, or the bins it filled; ``treatment`` defaults to unknown."""

    stream: StreamField
    treatment: TreatmentField = WasteTreatment.UNKNOWN
    mass: Mass | None = None
    bins: Bins | None = None
    tier: TierField = Tier.ESTIMATE

    @field_validator("treatment")
    @classmethod
    def _treatment_of_stream(cls, treatment: WasteTreatment, info: ValidationInfo) -> Any:
        stream = info.data.get("stream")
        if isinstance(stream, WasteStream):
            accepted = STREAM_TREATMENTS[stream.value]
            if treatment.value not in accepted:
                raise PydanticCustomError(
                    "fp_waste_treatment",
                    "pas de facteur pour le flux « {stream} » traité par « {treatment} » : "
                    "traitements possibles {accepted}",
                    {
                        "stream": stream.value,
                        "treatment": treatment.value,
                        "accepted": ", ".join(accepted),
                    },
                )
        return treatment

    @model_validator(mode="after")
    def _mass_or_bins(self) -> WasteLine:
        if (self.mass is None) == (self.bins is None):
            raise PydanticCustomError(
                "fp_waste_source", "donnez soit mass (ex. « 120 kg »), soit bins, pas les deux", {}
            )
        return self


#: What ``part: none`` (« aucun », « rien »…) stands for in each part of the footprint section.
_NOTHING: dict[str, Any] = {
    "audience": {"none": True},
    "organised": [],
    "crew": {},
    "energy": {},
    "catering": {},
    "goods": {},
    "waste": [],
    "water": {"amount": "0 L", "tier": "measured"},
}
_NOTHING_WORDS = frozenset({"none", "aucun", "aucune", "rien", "neant", "sans", "nothing"})


def is_nothing(value: Any) -> bool:
    """``none``, « aucun », « rien », « néant »… or ``false``: the part is declared empty."""
    if value is False:
        return True
    return isinstance(value, str) and normalise_token(value) in _NOTHING_WORDS


class FootprintInputs(NqeModel):
    """The ``footprint:`` section of an event: its activity data. Every part is optional; a missing
    part takes the documented defaults of footprint.md §4.4, flagged as defaults in the report.
    ``part: none`` (or « aucun », « rien ») says there is nothing there: zero, and no default."""

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> Any:
        """Each part also accepts ``none`` (« aucun », « rien »…) or ``false`` in the JSON Schema."""
        schema = handler(core_schema)
        target = handler.resolve_ref_schema(schema)
        nothing = {
            "description": "nothing in this part (zero, no default)",
            "enum": [*sorted(_NOTHING_WORDS | {"néant"}), False],
        }
        for part in _NOTHING:
            prop = target["properties"].get(part)
            if prop is not None and "anyOf" in prop:
                prop["anyOf"].append(dict(nothing))
        return schema

    @model_validator(mode="before")
    @classmethod
    def _explicit_nothing(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        out = dict(data)
        for part, empty in _NOTHING.items():
            if part in out and is_nothing(out[part]):
                out[part] = empty
        return out

    attendance: Annotated[Int, Field(ge=0, le=1_000_000)] | None = None
    audience: AudienceTravel | None = None
    organised: tuple[OrganisedTrip, ...] | None = None
    crew: Crew | None = None
    energy: EnergyUse | None = None
    catering: Catering | None = None
    goods: Goods | None = None
    waste: tuple[WasteLine, ...] | None = None
    water: VolumeAmount | None = None
