"""Organisers (porteurs de projet) and shared resources (equipment, teams)."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import EmailStr, Field, field_validator
from pydantic_core import PydanticCustomError

from .base import Buffer, Int, NqeModel, Slug, luhn_ok

__all__ = ["Organiser", "OrganiserKind", "Resource", "ResourceKind", "check_siren", "check_siret"]


class OrganiserKind(StrEnum):
    """Kinds of project holders (domain.md §6.2)."""

    ASSOCIATION = "association"
    CENTRE_SOCIAL = "centre-social"
    COMMUNE = "commune"
    EPCI = "epci"
    BAILLEUR_SOCIAL = "bailleur-social"
    COLLECTIF_HABITANTS = "collectif-habitants"
    ETABLISSEMENT_PUBLIC = "etablissement-public"
    AUTRE = "autre"


def _digits(value: Any, length: int, name: str) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        value = f"{value:0{length}d}"
    if not isinstance(value, str):
        raise PydanticCustomError(
            "siret_type", "le {name} doit être une chaîne de chiffres", {"name": name}
        )
    text = value.replace(" ", "").replace("\u00a0", "")
    if len(text) != length or not text.isdigit():
        raise PydanticCustomError(
            "siret_length",
            "le {name} doit compter {length} chiffres, « {value} » en a {found}",
            {"name": name, "length": length, "value": value, "found": len(text)},
        )
    return text


def check_siren(value: Any) -> str:
    """A 9-digit SIREN with a valid Luhn key (spaces allowed in input)."""
    text = _digits(value, 9, "SIREN")
    if not luhn_ok(text):
        raise PydanticCustomError(
            "siren_key",
            "la clé du SIREN « {value} » est fausse (contrôle de Luhn) : vérifiez les chiffres",
            {"value": text},
        )
    return text


def check_siret(value: Any) -> str:
    """A 14-digit SIRET with a valid Luhn key (La Poste's establishments, SIREN 356000000, use the
    sum-of-digits-divisible-by-5 rule instead)."""
    text = _digits(value, 14, "SIRET")
    ok = sum(int(c) for c in text) % 5 == 0 if text.startswith("356000000") else luhn_ok(text)
    if not ok or not luhn_ok(text[:9]):
        raise PydanticCustomError(
            "siret_key",
            "la clé du SIRET « {value} » est fausse (contrôle de Luhn) : vérifiez les chiffres",
            {"value": text},
        )
    return text


class Organiser(NqeModel):
    """A project holder: association, centre social, town, EPCI, social landlord, residents' group…"""

    id: Slug
    name: str = Field(min_length=1, max_length=200)
    kind: OrganiserKind
    siret: str | None = None
    siren: str | None = None
    email: EmailStr | None = None
    phone: str | None = Field(default=None, max_length=30)
    website: str | None = Field(default=None, max_length=300, pattern=r"^https?://\S+$")
    teams: Int = Field(default=1, ge=1, le=100)

    @field_validator("siret", mode="before")
    @classmethod
    def _siret(cls, value: Any) -> Any:
        return None if value is None else check_siret(value)

    @field_validator("siren", mode="before")
    @classmethod
    def _siren(cls, value: Any) -> Any:
        return None if value is None else check_siren(value)


class ResourceKind(StrEnum):
    EQUIPMENT = "materiel"
    TEAM = "equipe"


class Resource(NqeModel):
    """Shared equipment or a team (mobile stage, sound system, animateurs) used by several events."""

    id: Slug
    name: str = Field(min_length=1, max_length=200)
    kind: ResourceKind = ResourceKind.EQUIPMENT
    capacity: Int = Field(default=1, ge=1, le=10_000)
    owner: Slug | None = None
    #: time needed to move it between two venues (calendar rule RESOURCE)
    transfer: Buffer | None = None
