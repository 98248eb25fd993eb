"""Random under- and over-sampling of Dask collections, with exact totals.

The classes are counted once; the number of rows drawn from every block of
each class's fixed rank numbering is drawn on the client (see
:mod:`._draws`), and each partition then picks its own rows without talking to
the others. Totals are exact, and the rows drawn depend on ``random_state``
and on the rows in global order, never on the partition boundaries.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from ..over_sampling import RandomOverSampler as _MemoryOverSampler
from ..over_sampling._random_over_sampler import noise_scale
from ..under_sampling import RandomUnderSampler as _MemoryUnderSampler
from ._base import DaskSampler, seed_of
from ._draws import block_counts, drawn_ranks, n_drawn_between
from ._output import Meta, assemble, feature_values, take, whole
from ._partitions import Partitioned, Survey, label_codes

__all__ = ["RandomOverSampler", "RandomUnderSampler"]


def _plan(
    strategy: dict[int, int], counted: Survey, seed: int, replace: bool
) -> dict[int, np.ndarray]:
    """For each resampled class code, the draws per block of its ranks."""
    totals = counted.totals
    return {
        code: block_counts(seed, code, int(totals[code]), n_drawn, replace)
        for code, n_drawn in strategy.items()
        if n_drawn or not replace
    }


def _drawn_positions(labels, classes, first_ranks, n_class, plan, seed, replace):
    """Local positions of the rows drawn in one partition, per class."""
    codes = label_codes(labels, classes)
    drawn = {}
    for code, counts in plan.items():
        rows = np.flatnonzero(codes == code)
        first = int(first_ranks[code])
        ranks, _ = drawn_ranks(
            seed, code, n_class[code], counts, first, first + rows.size, replace
        )
        drawn[code] = rows[ranks - first]
    return codes, drawn


def _under_sampled_positions(
    labels, classes, first_ranks, n_class, plan, seed, replace
) -> np.ndarray:
    """Local positions kept in one partition: untouched classes whole, the
    shrunk classes' drawn rows, in row order (bootstrap repeats adjacent)."""
    codes, drawn = _drawn_positions(
        labels, classes, first_ranks, n_class, plan, seed, replace
    )
    untouched = np.flatnonzero(~np.isin(codes, list(plan)))
    return np.sort(np.concatenate([untouched, *drawn.values()]), kind="stable")


def _copied_positions(labels, classes, first_ranks, n_class, plan, seed, n_noise):
    """Local positions of the sources of the copies made in one partition."""
    codes = label_codes(labels, classes)
    sources, noise = [], []
    for code, counts in plan.items():
        rows = np.flatnonzero(codes == code)
        first = int(first_ranks[code])
        ranks, block_noise = drawn_ranks(
            seed, code, n_class[code], counts, first, first + rows.size, True, n_noise
        )
        sources.append(rows[ranks - first])
        noise.append(block_noise)
    positions = np.concatenate(sources) if sources else np.zeros(0, dtype=np.intp)
    order = np.argsort(positions, kind="stable")
    if not n_noise:
        return positions[order], None
    return positions[order], np.concatenate(noise)[order]


def _with_offset(positions: np.ndarray, offset: int) -> np.ndarray:
    return positions + offset


class RandomUnderSampler(DaskSampler):
    """Random under-sampling of a Dask DataFrame or Array, exact counts.

    The Dask counterpart of
    :class:`imbalance.under_sampling.RandomUnderSampler`, with the same
    parameters: each shrunk class keeps exactly the rows ``sampling_strategy``
    asks for. The classes are counted in one pass; each partition's share of
    every class is then drawn (multivariate hypergeometric, or multinomial
    with ``replacement``) and the partition picks its rows on its own. The
    output is lazy, partitioned like the input (kept rows in their original
    order; a frame keeps its divisions).

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable, default="auto"
        As in :class:`imbalance.under_sampling.RandomUnderSampler`. A
        callable is given ``y`` as the Dask collection.
    random_state : int, Generator, RandomState or None, default=None
        Seed of the draws.
    replacement : bool, default=False
        Draw with replacement (a bootstrap).

    Attributes
    ----------
    sampling_strategy_ : dict
        Rows kept per shrunk class.
    class_counts_ : dict
        Rows per class in the input, from the counting pass.
    sample_indices_ : dask.array.Array of int
        Lazy global positions of the output rows in the input.
    n_features_in_ : int
        Number of features.
    n_partitions_in_ : int
        Partitions of the input.

    Notes
    -----
    **What does not depend on the partitioning.** The rows of a class are
    numbered in global row order, and that numbering is cut into fixed blocks
    of 65,536; how many rows each block gives, and which, is drawn from
    ``random_state``, the class and the block alone. So for an integer
    ``random_state`` the computed output, every row in order, is the same
    for any partitioning (any number of partitions, empty ones included) of
    the same rows in the same order. It differs from the in-memory sampler's
    draw, which consumes one generator for the whole data.

    Examples
    --------
    >>> import dask
    >>> import dask.array as da
    >>> import numpy as np
    >>> from imbalance.dask import RandomUnderSampler
    >>> X = da.from_array(np.arange(40.0).reshape(20, 2), chunks=(6, 2))
    >>> y = da.from_array(np.array([0] * 15 + [1] * 5), chunks=6)
    >>> with dask.config.set(scheduler="synchronous"):
    ...     X_res, y_res = RandomUnderSampler(random_state=0).fit_resample(X, y)
    ...     np.bincount(y_res.compute()).tolist()
    [5, 5]
    """

    _sampling_type = "under-sampling"
    _numeric = False
    _parameter_constraints = dict(_MemoryUnderSampler._parameter_constraints)

    def __init__(
        self,
        *,
        sampling_strategy: Any = "auto",
        random_state: Any = None,
        replacement: bool = False,
    ) -> None:
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.replacement = replacement

    def _resample(self, data: Partitioned, counted: Survey) -> tuple[Any, Any]:
        from dask import delayed

        seed = seed_of(self.random_state)
        plan = _plan(self._strategy_codes(counted), counted, seed, self.replacement)
        n_class = [int(n) for n in counted.totals]
        pieces, positions, sizes = [], [], []
        for part in range(data.n_partitions):
            first_ranks = counted.counts[:part].sum(axis=0)
            local = delayed(_under_sampled_positions)(
                data.labels[part],
                counted.classes,
                first_ranks,
                n_class,
                plan,
                seed,
                self.replacement,
            )
            pieces.append(delayed(take)(data.rows[part], data.labels[part], local))
            positions.append(delayed(_with_offset)(local, int(counted.offsets[part])))
            sizes.append(_kept_size(counted, part, plan, seed, self.replacement))
        self.sample_indices_ = _index_array(positions, sizes)
        return assemble(data, pieces, sizes, data.divisions)


def _drawn_in(counted: Survey, part: int, code: int, counts, seed, replace):
    """Rows of class ``code`` in partition ``part``, and its draws among them."""
    first = int(counted.counts[:part, code].sum())
    n_rows = int(counted.counts[part, code])
    n_class = int(counted.totals[code])
    n_drawn = n_drawn_between(
        seed, code, n_class, counts, first, first + n_rows, replace
    )
    return n_rows, n_drawn


def _kept_size(counted: Survey, part: int, plan: dict, seed: int, replace) -> int:
    """Rows partition ``part`` keeps, counted on the client."""
    kept = int(counted.lengths[part])
    for code, counts in plan.items():
        n_rows, n_drawn = _drawn_in(counted, part, code, counts, seed, replace)
        kept += n_drawn - n_rows
    return kept


def _index_array(positions: list, sizes: list) -> Any:
    import dask.array as da

    return da.concatenate(
        [
            da.from_delayed(part, shape=(size,), dtype=np.intp)
            for part, size in zip(positions, sizes)
        ]
    )


class RandomOverSampler(DaskSampler):
    """Random over-sampling of a Dask DataFrame or Array, exact counts.

    The Dask counterpart of
    :class:`imbalance.over_sampling.RandomOverSampler`, with the same
    parameters: every grown class gets exactly the copies
    ``sampling_strategy`` asks for, their sources drawn uniformly from the
    whole class (each partition's share of the copies of every class is
    multinomial). The input partitions come first, unchanged; then one
    partition of copies per input partition, holding the copies of its rows
    in row order. With ``shrinkage`` the copies are jittered as in memory.

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable, default="auto"
        As in :class:`imbalance.over_sampling.RandomOverSampler`.
    random_state : int, Generator, RandomState or None, default=None
        Seed of the draws.
    shrinkage : float, dict or None, default=None
        As in :class:`imbalance.over_sampling.RandomOverSampler`; the class
        standard deviations are merged from per-partition statistics, computed
        when the output is.

    Attributes
    ----------
    sampling_strategy_ : dict
        Rows added per grown class.
    class_counts_ : dict
        Rows per class in the input.
    sample_indices_ : dask.array.Array of int
        Lazy global input position of each output row: every row in order,
        then the source of each copy (plain copies only).
    n_features_in_ : int
        Number of features.
    n_partitions_in_ : int
        Partitions of the input.

    Notes
    -----
    For an integer ``random_state`` the computed output, every row in
    order, is the same for any partitioning of the same rows (see
    :class:`RandomUnderSampler`); with ``shrinkage``, up to the rounding of
    the standard deviations merged from partitions.

    Examples
    --------
    >>> import dask
    >>> import dask.array as da
    >>> import numpy as np
    >>> from imbalance.dask import RandomOverSampler
    >>> X = da.from_array(np.arange(40.0).reshape(20, 2), chunks=(6, 2))
    >>> y = da.from_array(np.array([0] * 15 + [1] * 5), chunks=6)
    >>> with dask.config.set(scheduler="synchronous"):
    ...     X_res, y_res = RandomOverSampler(random_state=0).fit_resample(X, y)
    ...     np.bincount(y_res.compute()).tolist()
    [15, 15]
    """

    _sampling_type = "over-sampling"
    _parameter_constraints = dict(_MemoryOverSampler._parameter_constraints)

    def __init__(
        self,
        *,
        sampling_strategy: Any = "auto",
        random_state: Any = None,
        shrinkage: float | Mapping | None = None,
    ) -> None:
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.shrinkage = shrinkage

    @property
    def _numeric(self) -> bool:
        return self.shrinkage is not None

    def _resample(self, data: Partitioned, counted: Survey) -> tuple[Any, Any]:
        from dask import delayed

        memory = _MemoryOverSampler(shrinkage=self.shrinkage)
        memory._check_params(None, None)
        memory.sampling_strategy_ = self.sampling_strategy_
        shrinkage = memory._shrinkage_per_class()
        self.shrinkage_ = shrinkage

        seed = seed_of(self.random_state)
        strategy = self._strategy_codes(counted)
        plan = _plan(strategy, counted, seed, replace=True)
        n_class = [int(n) for n in counted.totals]
        n_noise = data.n_features if shrinkage else 0
        scales = _noise_scales(data, counted, strategy, shrinkage) if n_noise else None

        pieces = [delayed(whole)(r, lab) for r, lab in zip(data.rows, data.labels)]
        sizes = [float(n) for n in counted.lengths]
        positions = [
            delayed(np.arange)(int(counted.offsets[p]), int(counted.offsets[p + 1]))
            for p in range(data.n_partitions)
        ]
        added = 0
        for part in range(data.n_partitions):
            n_copies = _copies_in(counted, part, plan, seed)
            if n_copies == 0:
                continue
            first_ranks = counted.counts[:part].sum(axis=0)
            sources = delayed(_copied_positions, nout=2)(
                data.labels[part],
                counted.classes,
                first_ranks,
                n_class,
                plan,
                seed,
                n_noise,
            )
            if n_noise:
                first_label = counted.next_label
                pieces.append(
                    delayed(_jittered_copies)(
                        data.rows[part],
                        data.labels[part],
                        sources,
                        scales,
                        Meta(data, counted.classes),
                        None if first_label is None else first_label + added,
                        added,
                    )
                )
            else:
                pieces.append(
                    delayed(take)(data.rows[part], data.labels[part], sources[0])
                )
                positions.append(
                    delayed(_with_offset)(sources[0], int(counted.offsets[part]))
                )
            sizes.append(float(n_copies))
            added += n_copies
        if not n_noise:
            self.sample_indices_ = _index_array(positions, sizes)
        return assemble(data, pieces, sizes)


def _copies_in(counted: Survey, part: int, plan: dict, seed: int) -> int:
    """Copies whose source lies in partition ``part``, counted on the client."""
    return sum(
        _drawn_in(counted, part, code, counts, seed, True)[1]
        for code, counts in plan.items()
    )


def _noise_scales(data, counted, strategy, shrinkage) -> Any:
    """Lazy per-class noise scale, from per-partition (count, mean, M2)."""
    from dask import delayed

    stats = [
        delayed(_class_moments)(rows, labels, counted.classes, data.target)
        for rows, labels in zip(data.rows, data.labels)
    ]
    grown = {code: shrinkage[label] for code, label in _grown_labels(counted, strategy)}
    return delayed(_scales_from_moments)(stats, grown, data.n_features)


def _grown_labels(counted: Survey, strategy: dict) -> list:
    from .._validation import plain_label

    return [
        (code, plain_label(counted.classes[code]))
        for code, n_new in strategy.items()
        if n_new
    ]


def _class_moments(rows, labels, classes, target) -> dict:
    values = feature_values(rows, target)
    codes = label_codes(labels, classes)
    moments = {}
    for code in np.unique(codes):
        block = values[codes == code].astype(np.float64)
        mean = block.mean(axis=0)
        moments[int(code)] = (len(block), mean, ((block - mean) ** 2).sum(axis=0))
    return moments


def _scales_from_moments(stats: list, grown: dict, n_features: int) -> dict:
    """Merge (count, mean, M2) per class (Chan et al.), then the bandwidth."""
    scales = {}
    for code, shrinkage in grown.items():
        n, mean, m2 = 0, np.zeros(n_features), np.zeros(n_features)
        for part in stats:
            if code not in part:
                continue
            n_b, mean_b, m2_b = part[code]
            delta = mean_b - mean
            total = n + n_b
            mean = mean + delta * n_b / total
            m2 = m2 + m2_b + delta**2 * n * n_b / total
            n = total
        scales[code] = noise_scale(np.sqrt(m2 / n), n, shrinkage)
    return scales


def _jittered_copies(
    rows, labels, sources, scales, meta, first_label, added
) -> tuple[Any, Any]:
    """Copies of one partition's rows moved by scaled Gaussian noise."""
    positions, noise = sources
    values = feature_values(rows, meta.target)[positions]
    codes = label_codes(labels, meta.classes)[positions]
    for code, scale in scales.items():
        in_class = codes == code
        values[in_class] += (noise[in_class] * scale).astype(values.dtype)
    return meta.new_rows(values, meta.classes[codes], first_label, added)
