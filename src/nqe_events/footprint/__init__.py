"""Rev3 footprint of NQE events: kgCO2e per event and per season, with sources, uncertainty and levers.

>>> import nqe_events as nqe
>>> report = nqe.estimate_footprint(nqe.load_example().events[0])
>>> report.total_kgco2e > 0
True

Factors are versioned data (:func:`load_factors`); the activity data is the ``footprint:`` section of an
event (:class:`nqe_events.model.footprint.FootprintInputs`); :func:`estimate_footprint` and
:func:`estimate_programme` compute the footprint and its 90 % interval; :func:`what_if` prices a lever.
Methodology and sources: ``docs/footprint-methodology.md``.
"""

from .estimate import estimate_footprint, estimate_programme, what_if
from .factors import Factor, FactorSet, list_factor_sets, load_factors
from .inputs import CATEGORIES
from .levers import LEVERS, Lever
from .report import FootprintReport, LeverResult, LineResult, SeasonFootprint

__all__ = [
    "CATEGORIES",
    "LEVERS",
    "Factor",
    "FactorSet",
    "FootprintReport",
    "Lever",
    "LeverResult",
    "LineResult",
    "SeasonFootprint",
    "estimate_footprint",
    "estimate_programme",
    "list_factor_sets",
    "load_factors",
    "what_if",
]
