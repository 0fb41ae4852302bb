"""Footprint of an event and of a season: ``Σ quantity × factor``, vectorised over events with numpy.

Pint works at the boundary (the model's quantities are converted once, in :mod:`.inputs`); inside, every
line is a float quantity, a factor index and a tier, held in numpy arrays for the whole programme. The
central value is exact (``quantity × published factor``); the 90 % interval comes from the Monte Carlo of
:mod:`.uncertainty`, where each factor's error is shared by all events.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Sequence
from typing import Any

from ..model.event import EventStatus
from .equivalents import equivalents_of
from .factors import FactorSet, expected_unit, load_factors
from .inputs import CATEGORIES, CompiledEvent, Line, compile_event
from .levers import LEVERS, Lever, get_lever
from .report import FootprintReport, LeverResult, LineResult, NoteResult, SeasonFootprint
from .uncertainty import (
    QUANTILES,
    event_normals,
    factor_multipliers,
    lognormal_from_moments,
    sigma_of,
)

__all__ = ["estimate_footprint", "estimate_programme", "what_if"]

DEFAULT_DRAWS = 10_000
DEFAULT_SEED = 2024
#: A lever's interval uses the first LEVER_DRAWS draws of the same streams (a change needs less
#: precision than a total, and a season has thousands of levers to price).
LEVER_DRAWS = 2_000
#: Draws used for each event's band inside a season (the season's own band uses all the draws).
EVENT_DRAWS = 2_000
#: Draws used for each poste's band of each event inside a season.
CATEGORY_DRAWS = 1_000
#: Draws used for the season's band of each poste (its total uses all the draws): the postes'
#: products are the costliest part of a season estimate, and 2,000 draws give the 5th and 95th
#: percentiles within about ±1 %.
SEASON_CATEGORY_DRAWS = 2_000
_CHUNK = 128
#: Draws per block in the postes' products (a block of a chunk's rows stays in the cache).
_BLOCK = 2_000


def _ranks(draws: int, probs: Sequence[float]) -> list[int]:
    """Nearest-rank positions of the quantiles ``probs`` among ``draws`` sorted draws."""
    return [min(draws - 1, max(0, round(p * (draws - 1)))) for p in probs]


def _check_draws(draws: int) -> None:
    if not isinstance(draws, int) or isinstance(draws, bool) or not 100 <= draws <= 1_000_000:
        raise ValueError("draws must be an integer between 100 and 1,000,000")


def estimate_footprint(
    event: Any,
    factors: str | FactorSet | None = None,
    *,
    draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
    levers: int = 3,
) -> FootprintReport:
    """The footprint of one event (a :class:`~nqe_events.model.Event`).

    ``factors`` is a bundled factor-set id, a TOML path or a loaded :class:`FactorSet` (default
    ``ademe-2025``). The report gives the total and each poste in kgCO2e, per attendee and per
    attendee-hour, the share from defaults, a 90 % interval (``draws`` Monte Carlo draws, seeded by
    ``seed``: the same inputs give the same interval) and the ``levers`` biggest levers.
    """
    _check_draws(draws)
    fs = load_factors(factors)
    compiled = compile_event(event, fs)
    reports, _ = _estimate([compiled], fs, draws, seed, levers)
    return reports[0]


def estimate_programme(
    programme: Any,
    factors: str | FactorSet | None = None,
    *,
    draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
    levers: int = 3,
    include_cancelled: bool = False,
    event_draws: int | None = EVENT_DRAWS,
) -> SeasonFootprint:
    """The footprint of every event of ``programme`` (a Programme, or an iterable of events) and of
    the season, with totals by poste, quartier and theme.

    The season's 90 % interval shares each factor's error across all events (footprint.md §4.5), so it
    does not shrink as 1/√N. Cancelled events are left out unless ``include_cancelled``.

    The season's band uses all ``draws``; each event's own band uses the first ``event_draws`` of
    them (2,000 by default: about ±1 % on the bounds, and a season has thousands of events to sort;
    ``None`` uses them all, which gives exactly :func:`estimate_footprint`'s band).
    """
    _check_draws(draws)
    fs = load_factors(factors)
    events: Iterable[Any] = getattr(programme, "events", programme)
    compiled = [
        compile_event(e, fs, f"events[{i}].")
        for i, e in enumerate(events)
        if include_cancelled or getattr(e, "status", None) is not EventStatus.CANCELLED
    ]
    reports, season = _estimate(compiled, fs, draws, seed, levers, event_draws=event_draws)
    return _season(reports, season, fs, draws, seed)


def what_if(
    event: Any,
    lever: str | Lever,
    *,
    amount: float | None = None,
    factors: str | FactorSet | None = None,
    draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
) -> LeverResult:
    """The change in kgCO2e (negative = saving) if ``lever`` were applied to ``event``, with its 90 %
    interval (the same draws price both states). Levers: :data:`nqe_events.footprint.LEVERS`.
    ``amount`` tunes the lever (target car occupancy, fraction removed…)."""
    _check_draws(draws)
    fs = load_factors(factors)
    chosen = get_lever(lever) if isinstance(lever, str) else lever
    compiled = compile_event(event, fs)
    value = chosen.default if amount is None else float(amount)
    if not math.isfinite(value) or value < 0:
        raise ValueError("amount must be a non-negative number")
    reports, _ = _estimate([compiled], fs, draws, seed, 0, forced=(chosen, value))
    forced = reports[0].levers
    if forced:
        return forced[0]
    return LeverResult(
        lever=chosen.id,
        event_id=compiled.event_id,
        delta_kgco2e=0.0,
        interval_90=(0.0, 0.0),
        difficulty=chosen.difficulty,
        amount=value,
    )


# --- engine -------------------------------------------------------------------------------------


def _estimate(
    compiled: Sequence[CompiledEvent],
    fs: FactorSet,
    draws: int,
    seed: int,
    n_levers: int,
    forced: tuple[Lever, float] | None = None,
    event_draws: int | None = None,
) -> tuple[list[FootprintReport], Any]:
    import numpy as np

    n_events = len(compiled)
    n_factors = len(fs.ids)
    n_cat = len(CATEGORIES)
    cat_index = {c: i for i, c in enumerate(CATEGORIES)}
    values_list = fs.values.tolist()
    tier_sigma = {t: sigma_of(u) for t, u in fs.tier_uncertainty.items()}

    ev: list[int] = []
    fidx: list[int] = []
    qty: list[float] = []
    sig: list[float] = []
    cat: list[int] = []
    dflt: list[bool] = []
    for e, ce in enumerate(compiled):
        for line in ce.lines:
            ev.append(e)
            fidx.append(fs.index(line.factor))
            qty.append(line.quantity)
            sig.append(tier_sigma[line.tier])
            cat.append(cat_index[line.category])
            dflt.append(line.default)
    ev_a = np.asarray(ev, dtype=np.int64)
    f_a = np.asarray(fidx, dtype=np.int64)
    contrib = np.asarray(qty, dtype=float) * fs.values[f_a] if fidx else np.zeros(0)
    sig_a = np.asarray(sig, dtype=float)
    by_cat = np.bincount(
        ev_a * n_cat + np.asarray(cat, dtype=np.int64), contrib, minlength=n_events * n_cat
    ).reshape(n_events, n_cat)
    totals = by_cat.sum(axis=1)
    default_tot = np.bincount(ev_a, contrib * np.asarray(dflt, dtype=float), minlength=n_events)
    cmat = np.bincount(ev_a * n_factors + f_a, contrib, minlength=n_events * n_factors).reshape(
        n_events, n_factors
    )
    e2 = np.exp(sig_a**2)
    m_line = contrib * np.sqrt(e2)
    v_line = contrib**2 * e2 * (e2 - 1)
    m_ev = np.bincount(ev_a, m_line, minlength=n_events)
    v_ev = np.bincount(ev_a, v_line, minlength=n_events)
    # the same per (event, poste): one row per poste an event has lines in, ordered by chunk of
    # events, then poste, then event (so that a chunk's rows of one poste are contiguous)
    cat_a = np.asarray(cat, dtype=np.int64)
    ek_key = ((ev_a // _CHUNK) * n_cat + cat_a) * max(n_events, 1) + ev_a
    ek_rows = np.unique(ek_key)
    row_of = np.searchsorted(ek_rows, ek_key)
    n_rows = len(ek_rows)
    row_event = ek_rows % max(n_events, 1)
    row_cat = (ek_rows // max(n_events, 1)) % n_cat
    n_chunks = -(-n_events // _CHUNK)
    chunk_start = np.searchsorted(ek_rows // (max(n_events, 1) * n_cat), np.arange(n_chunks + 1))
    c_row = np.bincount(row_of, contrib, minlength=n_rows)
    m_row = np.bincount(row_of, m_line, minlength=n_rows)
    v_row = np.bincount(row_of, v_line, minlength=n_rows)
    crow = np.bincount(row_of * n_factors + f_a, contrib, minlength=n_rows * n_factors).reshape(
        n_rows, n_factors
    )

    # levers: central change of every lever, keep the biggest savings (or the forced one)
    chosen: list[list[tuple[str, float, float, list[tuple[int, float]], float, float, str]]] = []
    for ce in compiled:
        options = []
        present = {ln.kind for ln in ce.lines} | {ln.factor for ln in ce.lines}
        candidates = (
            [forced]
            if forced
            else [(lv, lv.default) for lv in LEVERS.values() if lv.applies_to(present)]
        )
        for lever, amount in candidates:
            change = lever.apply(ce.lines, amount)
            if change is None:
                continue
            removed, added = change
            d_c: list[tuple[int, float]] = []
            d_m = d_v = delta = 0.0
            for sign, group in ((-1.0, [ce.lines[i] for i in removed]), (1.0, added)):
                for line in group:
                    k = fs.index(line.factor)
                    c = line.quantity * values_list[k]
                    s = tier_sigma[line.tier]
                    ee = math.exp(s * s)
                    d_c.append((k, sign * c))
                    delta += sign * c
                    d_m += sign * c * math.sqrt(ee)
                    d_v += sign * c * c * ee * (ee - 1)
            if forced or delta < -1e-9:
                options.append((lever.id, amount, delta, d_c, d_m, d_v, lever.difficulty))
        options.sort(key=lambda o: o[2])
        chosen.append(options if forced else options[:n_levers])

    # Monte Carlo, by chunks of events. Rows are states (an event, or an event with one lever
    # applied); columns are draws. Float32 inside (the central values stay exact float64).
    g_all = factor_multipliers(fs.sigmas, draws, seed)  # (n_factors, draws), float32
    # only the factors some event uses take part in the products (same draws, less work)
    used = np.flatnonzero(np.abs(cmat).sum(axis=0) > 0) if n_events else np.zeros(0, dtype=int)
    g = g_all[used]
    cmat_used = cmat[:, used].astype(np.float32)
    crow_used = crow[:, used].astype(np.float32)
    # each poste's rows only involve the factors used in that poste: smaller products
    cat_cols = [
        np.flatnonzero(np.abs(crow_used[row_cat == k]).sum(axis=0) > 0) for k in range(n_cat)
    ]
    cat_g = [g[cols] for cols in cat_cols]
    position = {int(k): i for i, k in enumerate(used)}
    ev_draws = draws if event_draws is None else min(draws, event_draws)
    lever_draws = min(draws, LEVER_DRAWS)
    season = np.zeros(draws)
    season_cat = np.zeros((n_cat, draws))  # columns past the postes' draws stay unused
    ev_q = np.zeros((n_events, 3))
    row_q = np.zeros((n_rows, 2))
    lever_q: dict[tuple[int, int], tuple[float, float]] = {}
    k_ev = _ranks(ev_draws, QUANTILES)
    k_lv = _ranks(lever_draws, (0.05, 0.95))
    mu_ev, s_ev = (x.astype(np.float32) for x in lognormal_from_moments(totals, m_ev, v_ev))
    mu_row, s_row = (x.astype(np.float32) for x in lognormal_from_moments(c_row, m_row, v_row))
    # each poste's band of an event: all the event's draws alone (or with event_draws=None), the
    # first CATEGORY_DRAWS of them in a season (thousands of events × postes to sort)
    cat_draws = ev_draws if event_draws is None else min(ev_draws, CATEGORY_DRAWS)
    k_cat = _ranks(cat_draws, (0.05, 0.95))
    # the postes' season band: all the draws for one event alone (or with event_draws=None),
    # the first SEASON_CATEGORY_DRAWS of them in a season
    season_cat_draws = draws if event_draws is None else min(draws, SEASON_CATEGORY_DRAWS)
    season_cat_draws = max(season_cat_draws, cat_draws)
    segments = [(0, cat_draws)] + [
        (d, min(d + _BLOCK, season_cat_draws)) for d in range(cat_draws, season_cat_draws, _BLOCK)
    ]
    for start in range(0, n_events, _CHUNK):
        stop = min(start + _CHUNK, n_events)
        z = np.stack([event_normals(compiled[e].event_id, draws, seed) for e in range(start, stop)])
        t = cmat_used[start:stop] @ g
        a = s_ev[start:stop, None] * z
        a += mu_ev[start:stop, None]
        t *= np.exp(a, out=a)
        season += t.sum(axis=0, dtype=np.float64)
        # postes: the same draws per (event, poste) row, with the row's own activity multiplier
        # drawn from the event's normals (a one-poste event gets exactly its total's band)
        r0, r1 = (int(x) for x in chunk_start[start // _CHUNK : start // _CHUNK + 2])
        bounds = r0 + np.searchsorted(row_cat[r0:r1], np.arange(n_cat + 1))
        for k in range(n_cat):
            a0, a1 = int(bounds[k]), int(bounds[k + 1])
            if a1 == a0:
                continue
            c_k = crow_used[a0:a1][:, cat_cols[k]]
            owners_k = row_event[a0:a1] - start
            dense = a1 - a0 == stop - start
            s_k = s_row[a0:a1, None]
            mu_k = mu_row[a0:a1, None]
            # by blocks of draws, so that the block stays in the cache through the passes
            for d0, d1 in segments:
                tk = c_k @ cat_g[k][:, d0:d1]
                if dense:  # every event of the chunk has this poste: no gather
                    ak = np.multiply(z[:, d0:d1], s_k)
                else:
                    ak = z[owners_k, d0:d1]
                    ak *= s_k
                ak += mu_k
                tk *= np.exp(ak, out=ak)
                season_cat[k, d0:d1] += tk.sum(axis=0)
                if d0 == 0:  # the event's band: the first cat_draws draws
                    tk.sort(axis=1)  # faster than a two-rank partition, same order statistics
                    row_q[a0:a1] = tk[:, k_cat]
        keys = [(e, j) for e in range(start, stop) for j in range(len(chosen[e]))]
        if keys:
            rows_c = np.empty((len(keys), len(used)))
            extra: list[tuple[int, int, float]] = []
            rows_cmv = np.empty((len(keys), 3))
            owners = np.empty(len(keys), dtype=np.int64)
            for r, (e, j) in enumerate(keys):
                _lid, _amt, delta, d_c, d_m, d_v, _dif = chosen[e][j]
                rows_c[r] = cmat_used[e]
                for k, c in d_c:
                    if k in position:
                        rows_c[r, position[k]] += c
                    else:  # a lever moving activity to a factor no event uses (e.g. to TGV)
                        extra.append((r, k, c))
                rows_cmv[r] = (totals[e] + delta, m_ev[e] + d_m, v_ev[e] + d_v)
                owners[r] = e - start
            np.maximum(rows_c, 0.0, out=rows_c)
            np.maximum(rows_cmv, 0.0, out=rows_cmv)
            mu_l, s_l = lognormal_from_moments(rows_cmv[:, 0], rows_cmv[:, 1], rows_cmv[:, 2])
            tl = rows_c.astype(np.float32) @ g[:, :lever_draws]
            for r, k, c in extra:
                tl[r] += np.float32(max(c, 0.0)) * g_all[k, :lever_draws]
            al = s_l.astype(np.float32)[:, None] * z[owners, :lever_draws]
            al += mu_l.astype(np.float32)[:, None]
            tl *= np.exp(al, out=al)
            tl -= t[owners, :lever_draws]
            tl.sort(axis=1)  # same order statistics as a partition, faster for two ranks
            for r, key in enumerate(keys):
                lever_q[key] = (float(tl[r, k_lv[0]]), float(tl[r, k_lv[1]]))
        head = t[:, :ev_draws]
        head.sort(axis=1)
        ev_q[start:stop] = head[:, k_ev]

    cat_q = np.zeros((n_events, n_cat, 2))
    cat_q[row_event, row_cat] = row_q
    ev_cat_q: list[list[tuple[float, float]]] = [
        [(lo, hi) for lo, hi in per_event] for per_event in cat_q.tolist()
    ]
    reports: list[FootprintReport] = []
    fref = fs.ref
    offset = 0
    contrib_list: list[float] = contrib.tolist()  # one conversion, not one per event
    by_cat_list: list[list[float]] = by_cat.astype(float).tolist()
    for e, ce in enumerate(compiled):
        n_lines = len(ce.lines)
        contribs = contrib_list[offset : offset + n_lines]
        offset += n_lines
        total = float(totals[e])
        att = ce.attendance
        lines = tuple(
            LineResult(
                line.category,
                line.factor,
                line.quantity,
                _activity_unit(line.factor),
                c,
                line.tier,
                line.default,
                line.path,
            )
            for line, c in zip(ce.lines, contribs, strict=True)
        )
        lever_results = tuple(
            LeverResult(
                lever=lid,
                event_id=ce.event_id,
                delta_kgco2e=delta,
                interval_90=lever_q.get((e, j), (delta, delta)),
                difficulty=dif,
                amount=amt,
            )
            for j, (lid, amt, delta, _dc, _dm, _dv, dif) in enumerate(chosen[e])
        )
        reports.append(
            FootprintReport.model_construct(
                event_id=ce.event_id,
                title=ce.title,
                factors=fref,
                total_kgco2e=total,
                median_kgco2e=float(ev_q[e, 1]),
                interval_90=(float(ev_q[e, 0]), float(ev_q[e, 2])),
                by_category=dict(zip(CATEGORIES, by_cat_list[e], strict=True)),
                by_category_interval_90=dict(zip(CATEGORIES, ev_cat_q[e], strict=True)),
                attendance=att,
                hours=ce.hours,
                per_attendee_kgco2e=total / att if att else None,
                per_attendee_hour_kgco2e=total / (att * ce.hours) if att and ce.hours else None,
                defaults_share=min(1.0, float(default_tot[e] / total)) if total > 0 else 0.0,
                levers=lever_results,
                lines=lines,
                notes=tuple(NoteResult(n.code, n.path, n.args) for n in ce.notes),
                water_m3=ce.water_m3,
                waste_kg=ce.waste_kg,
                equivalents=equivalents_of(total, fs),
                quartiers=ce.quartiers,
                themes=ce.themes,
                draws=draws,
                seed=seed,
            )
        )
    return reports, (season, season_cat[:, : segments[-1][1]])


@functools.lru_cache(maxsize=256)
def _activity_unit(factor_id: str) -> str:
    return expected_unit(factor_id).split("/", 1)[1]


def _season(
    reports: list[FootprintReport], season: Any, fs: FactorSet, draws: int, seed: int
) -> SeasonFootprint:
    import numpy as np

    total = sum(r.total_kgco2e for r in reports)
    by_category = {c: sum(r.by_category[c] for r in reports) for c in CATEGORIES}
    by_quartier: dict[str, float] = {}
    by_theme: dict[str, float] = {}
    for r in reports:
        for q in r.quartiers:
            by_quartier[q] = by_quartier.get(q, 0.0) + r.total_kgco2e / len(r.quartiers)
        themes = r.themes or ("sans-theme",)
        for t in themes:
            by_theme[t] = by_theme.get(t, 0.0) + r.total_kgco2e / len(themes)
    defaults = sum(r.defaults_share * r.total_kgco2e for r in reports)
    attendance = sum(r.attendance for r in reports)
    season_total, season_cat = season
    if reports:
        lo, med, hi = (float(x) for x in np.quantile(season_total, (0.05, 0.5, 0.95)))
        cat_q = np.quantile(season_cat, (0.05, 0.95), axis=1)
        by_category_interval = {
            c: (float(cat_q[0, i]), float(cat_q[1, i])) for i, c in enumerate(CATEGORIES)
        }
    else:
        lo = med = hi = 0.0
        by_category_interval = dict.fromkeys(CATEGORIES, (0.0, 0.0))
    return SeasonFootprint.model_construct(
        factors=fs.ref,
        events=tuple(reports),
        total_kgco2e=total,
        median_kgco2e=med,
        interval_90=(lo, hi),
        by_category=by_category,
        by_category_interval_90=by_category_interval,
        by_quartier=dict(sorted(by_quartier.items(), key=lambda kv: -kv[1])),
        by_theme=dict(sorted(by_theme.items(), key=lambda kv: -kv[1])),
        defaults_share=min(1.0, defaults / total) if total > 0 else 0.0,
        attendance=attendance,
        per_attendee_kgco2e=total / attendance if attendance else None,
        draws=draws,
        seed=seed,
        equivalents=equivalents_of(total, fs),
    )


def lines_of(event: Any, factors: str | FactorSet | None = None) -> list[Line]:
    """The activity lines of ``event`` (for inspection and tests)."""
    return compile_event(event, load_factors(factors)).lines
