"""Quartiers (QPV) and venues (lieux)."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator, Field

from .base import Buffer, Departement, Float, Int, NqeModel, Slug
from .planning import Blackout

__all__ = ["QPV_CODE_PATTERN", "Coordinates", "Quartier", "Venue", "qpv_generation"]

#: Form of an official QPV code: 2015 generation ``QP`` + 3-character département + 3 digits
#: (``QP093028``), 2024 generation ``QN`` + 6 (ANCT "QNXXXYYZ"). Source: ../shared/domain.md §2.1
#: (décret n° 2014-1750; décret n° 2023-1314; ANCT dataset descriptions on data.gouv.fr).
QPV_CODE_PATTERN = r"^Q[PN][0-9]{2}[0-9AB][0-9A-Z]{3}$"


def _upper(value: Any) -> Any:
    return value.strip().upper() if isinstance(value, str) else value


QpvCode = Annotated[str, BeforeValidator(_upper), Field(pattern=QPV_CODE_PATTERN)]


def qpv_generation(code: str) -> int:
    """2015 for a ``QP…`` code, 2024 for a ``QN…`` code."""
    return 2015 if code.startswith("QP") else 2024


class Quartier(NqeModel):
    """A neighbourhood served by the programme, usually a QPV (quartier prioritaire).

    ``qpv_code`` is the official ANCT code when known; example data leaves it empty rather than
    invent one. Membership in the official list is checked by :func:`nqe_events.io.check_qpv_codes`
    when a reference file is loaded.
    """

    id: Slug
    name: str = Field(min_length=1, max_length=200)
    communes: tuple[Annotated[str, Field(min_length=1, max_length=100)], ...] = Field(min_length=1)
    departement: Departement
    epci: str | None = Field(default=None, max_length=200)
    qpv_code: QpvCode | None = None
    population: Int | None = Field(default=None, ge=0)


class Coordinates(NqeModel):
    """WGS 84 coordinates in decimal degrees."""

    lat: Float = Field(ge=-90, le=90)
    lon: Float = Field(ge=-180, le=180)


class Venue(NqeModel):
    """A place where temps forts happen (city stade, parc, salle, place…)."""

    id: Slug
    name: str = Field(min_length=1, max_length=200)
    commune: str = Field(min_length=1, max_length=100)
    address: str | None = Field(default=None, max_length=300)
    postcode: str | None = Field(default=None, pattern=r"^[0-9][0-9AB][0-9]{3}$")
    quartier: Slug | None = None
    capacity: Int | None = Field(default=None, gt=0)
    outdoor: bool | None = None
    accessible_pmr: bool | None = None
    coordinates: Coordinates | None = None
    #: set-up / tear-down buffers around every event here (calendar rule VENUE)
    setup: Buffer | None = None
    teardown: Buffer | None = None
    #: periods when the venue is closed (calendar rule BLACKOUT)
    closures: tuple[Blackout, ...] = ()
