"""Monte Carlo propagation of factor and activity uncertainty (footprint.md §4.5), with numpy.

* **Factors**: each factor is lognormal with median = its published value and
  ``sigma = ln(1 + u) / 1.96`` (``u`` the published or assumed half-width of a ~95 % interval). One
  multiplier per factor id and per draw, **shared by every line of every event**: a season's total does
  not average out the error of the diesel factor. The draws depend only on the seed and the factor set,
  so an event gets the same interval alone or inside a programme.
* **Activity data**: each line's quantity is lognormal with median = the declared quantity and the sigma
  of its tier (measured 5 %, invoice 10 %, estimate 25 %, default 50 %). Activity errors are independent
  between lines and events; within an event they are summarised by one lognormal multiplier whose mean
  and variance match the sum of the lines' (Fenton–Wilkinson), drawn from a generator seeded by the
  event id. This keeps a season of 5,000 events × 10,000 draws to a few matrix products.

An event's draws are ``T[d] = (c · G[:, d]) × A[d]``: ``G`` the factor multipliers, ``c`` the central
contribution of each factor, ``A`` the activity multiplier.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Sequence
from typing import Any

__all__ = [
    "activity_params",
    "event_normals",
    "factor_multipliers",
    "lognormal_from_moments",
    "quantiles",
    "sigma_of",
]

#: Quantiles reported: the 90 % interval and the median.
QUANTILES = (0.05, 0.5, 0.95)


def sigma_of(u: float) -> float:
    """The lognormal sigma of a ±``u`` half-width of a ~95 % interval."""
    return math.log1p(u) / 1.96


def factor_multipliers(sigmas: Any, draws: int, seed: int) -> Any:
    """``(n_factors, draws)`` float32 lognormal multipliers with median 1, one row per factor."""
    import numpy as np

    rng = np.random.default_rng([seed, 1])
    z = rng.standard_normal((len(sigmas), draws), dtype=np.float32)
    return np.exp(z * np.asarray(sigmas, dtype=np.float32)[:, None])


def event_normals(event_id: str, draws: int, seed: int) -> Any:
    """Standard normals for the activity noise of one event (seeded by the event id)."""
    import numpy as np

    key = (seed % 2**32) << 32 | zlib.crc32(event_id.encode("utf-8"))
    rng = np.random.Generator(np.random.PCG64(key))
    return rng.standard_normal(draws, dtype=np.float32)


def activity_params(
    contributions: Sequence[float], sigmas: Sequence[float]
) -> tuple[float, float, float]:
    """``(C, M, V)``: the central total Σ cᵢ, and the mean and variance of Σ cᵢ·aᵢ with aᵢ
    lognormal(0, σᵢ) (median 1)."""
    c_tot = m_tot = v_tot = 0.0
    for c, s in zip(contributions, sigmas, strict=True):
        e = math.exp(s * s)
        c_tot += c
        m_tot += c * math.sqrt(e)
        v_tot += c * c * e * (e - 1)
    return c_tot, m_tot, v_tot


def lognormal_from_moments(central: Any, mean: Any, var: Any) -> tuple[Any, Any]:
    """``(mu, s)`` of the multiplier A = total / central: E[A] = mean / central, Var as given."""
    import numpy as np

    central = np.asarray(central, dtype=float)
    mean = np.asarray(mean, dtype=float)
    var = np.asarray(var, dtype=float)
    ok = (central > 0) & (mean > 0)
    safe_mean = np.where(ok, mean, 1.0)
    safe_central = np.where(ok, central, 1.0)
    # (√var / mean)² rather than var / mean²: mean² underflows for subnormal totals
    s2 = np.where(ok, np.log1p((np.sqrt(np.maximum(var, 0.0)) / safe_mean) ** 2), 0.0)
    mu = np.where(ok, np.log(safe_mean / safe_central) - s2 / 2, 0.0)
    return mu, np.sqrt(s2)


def quantiles(draws: Any, axis: int = 0) -> Any:
    """P5, P50, P95 along ``axis``."""
    import numpy as np

    return np.quantile(draws, QUANTILES, axis=axis)
