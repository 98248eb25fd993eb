"""SMOTE, Borderline-SMOTE and ADASYN on Dask collections.

Two modes, chosen per fit from the class counts:

- **gathered (exact)**: when the rows of the grown classes take at most
  ``max_gather_bytes``, each grown class is gathered into one task, its
  neighbours are found exactly with the in-memory engine (and, for the
  variants that look at all rows, with the exact block-by-block search of
  :mod:`._neighbors`), and the synthetic rows are made in blocks of
  :data:`SYNTHETIC_PARTITION_ROWS`, one output partition each, every block
  seeded by (seed, class, block number). The output does not depend on the
  input's partitioning.
- **partition-wise (approximate)**: otherwise each partition grows its own
  share of every class from its own rows, neighbours searched within the
  partition only, with an :class:`imbalance.ApproximationWarning`.

In both modes the input partitions come first, unchanged, and the synthetic
partitions follow.
"""

from __future__ import annotations

import numbers
import warnings
from typing import Any

import numpy as np
from sklearn.base import clone

from .._exceptions import ApproximationWarning
from .._validation import Interval, plain_label
from ..neighbors import kneighbors, neighbors_from_param
from ..over_sampling import ADASYN as _MemoryADASYN
from ..over_sampling import SMOTE as _MemorySMOTE
from ..over_sampling import BorderlineSMOTE as _MemoryBorderlineSMOTE
from ..over_sampling._borderline_smote import (
    _warn_no_danger,
    check_border_sizes,
    check_total_rows,
    in_danger,
    rows_from_origins,
)
from ..over_sampling._smote import (
    check_class_sizes,
    draw_segments,
    interpolate,
    segment_rows,
    share_out,
    smote_class,
)
from ._base import DaskSampler, seed_of
from ._draws import generator
from ._neighbors import query_candidates, references
from ._output import Meta, assemble, whole
from ._partitions import Partitioned, Survey, label_codes, label_values

__all__ = ["ADASYN", "SMOTE", "SYNTHETIC_PARTITION_ROWS", "BorderlineSMOTE"]

#: Synthetic rows per output partition in the gathered mode.
SYNTHETIC_PARTITION_ROWS = 1 << 17

#: Default ``max_gather_bytes``: 1 GiB of grown-class rows.
DEFAULT_MAX_GATHER_BYTES = 1 << 30

_GATHER_CONSTRAINT = {"max_gather_bytes": [Interval(numbers.Integral, 0, None)]}


# -- gathering a class -------------------------------------------------------


def _class_part(values, codes, code, offset) -> tuple[np.ndarray, np.ndarray]:
    rows = np.flatnonzero(codes == code)
    return values[rows], rows + offset


def _concatenated(*parts) -> tuple[np.ndarray, np.ndarray]:
    return (
        np.concatenate([part[0] for part in parts]),
        np.concatenate([part[1] for part in parts]),
    )


def _gathered(values, codes, counted: Survey, code: int) -> Any:
    """Lazy ``(rows, positions)`` of class ``code``, in global row order."""
    from dask import delayed

    parts = [
        delayed(_class_part)(values[p], codes[p], code, int(counted.offsets[p]))
        for p in range(len(values))
        if counted.counts[p, code]
    ]
    return delayed(_concatenated)(*parts)


# -- synthetic blocks, one output partition each ------------------------------


def _smote_block(gathered, neighbors, start, n_new, seed, code, block):
    rng = generator(seed, code, block, 1)
    return segment_rows(gathered[0], neighbors, n_new, rng)


def _border_1_block(gathered, danger, neighbors, start, n_new, seed, code, block):
    rng = generator(seed, code, block, 1)
    return rows_from_origins(gathered[0], danger, neighbors, n_new, rng)


def _border_2_block(gathered, danger, found, start, n_new, seed, code, block):
    rng = generator(seed, code, block, 1)
    danger_rows = gathered[0][danger]
    n_danger, k = found.positions.shape
    flat = np.arange(n_danger * k).reshape(n_danger, k)
    origins, targets = draw_segments(flat, n_new, rng)
    steps = rng.random(n_new)
    steps[found.codes.reshape(-1)[targets] != code] *= 0.5
    target_rows = found.rows.reshape(n_danger * k, -1)
    return interpolate(danger_rows, origins, target_rows, targets, steps)


def _adasyn_block(gathered, neighbors, ends, start, n_new, seed, code, block):
    rng = generator(seed, code, block, 1)
    origins = np.searchsorted(ends, np.arange(start, start + n_new), side="right")
    return segment_rows(gathered[0], neighbors, n_new, rng, origins)


def _labelled(values, meta: Meta, code, first_label, first_number):
    labels = np.full(len(values), meta.classes[code])
    return meta.new_rows(values, labels, first_label, first_number)


def _labelled_pair(pair, meta: Meta, first_label, first_number):
    values, labels = pair
    return meta.new_rows(values, labels, first_label, first_number)


def _synthetic_pieces(data, counted, plans, seed) -> tuple[list, list]:
    """One lazy output partition per block of each class's synthetic rows.

    ``plans`` lists ``(code, n_new, block_function, leading_arguments)``.
    """
    from dask import delayed

    meta = Meta(data, counted.classes)
    pieces, sizes, added = [], [], 0
    for code, n_new, block_function, arguments in plans:
        for block, start in enumerate(range(0, n_new, SYNTHETIC_PARTITION_ROWS)):
            n_rows = min(SYNTHETIC_PARTITION_ROWS, n_new - start)
            values = delayed(block_function)(
                *arguments, start, n_rows, seed, code, block
            )
            first_label = None if counted.next_label is None else counted.next_label
            if first_label is not None:
                first_label += added
            pieces.append(delayed(_labelled)(values, meta, code, first_label, added))
            sizes.append(float(n_rows))
            added += n_rows
    return pieces, sizes


def _with_originals(data, counted, pieces, sizes) -> tuple[Any, Any]:
    from dask import delayed

    originals = [delayed(whole)(r, lab) for r, lab in zip(data.rows, data.labels)]
    return assemble(
        data, originals + pieces, [float(n) for n in counted.lengths] + sizes
    )


# -- partition-wise mode --------------------------------------------------------


def _partition_shares(counted: Survey, grown: dict, eligible: np.ndarray, owner):
    """Each partition's share of every grown class, from eligible partitions."""
    shares = np.zeros_like(counted.counts)
    for code, n_new in grown.items():
        weights = np.where(eligible[:, code], counted.counts[:, code], 0)
        if weights.sum() == 0:
            raise ValueError(
                f"{owner} cannot grow class {plain_label(counted.classes[code])!r} "
                "partition by partition: no partition holds enough of its rows "
                "(and of other classes) for the neighbours asked for. Raise "
                "max_gather_bytes so the class is gathered, or use fewer, larger "
                "partitions."
            )
        shares[:, code] = share_out(n_new, weights.astype(float))
    return shares


def _warn_partition_wise(owner: str, n_bytes: int, limit: int) -> None:
    warnings.warn(
        f"{owner}: the rows of the classes to grow take {n_bytes:,} bytes, more "
        f"than max_gather_bytes={limit:,}, so they are not gathered on one worker. "
        "Neighbours are searched within each partition only: each synthetic row "
        "joins a row to its nearest neighbours in its own partition, not in the "
        "whole data, and each partition grows its share of every class (in "
        "proportion to its rows of that class). Raise max_gather_bytes for the "
        "exact method.",
        ApproximationWarning,
        stacklevel=5,
    )


def _partition_pieces(data, counted, shares, local_function, arguments, sizes_known):
    from dask import delayed

    meta = Meta(data, counted.classes)
    pieces, sizes, added = [], [], 0
    for part in range(data.n_partitions):
        n_new = int(shares[part].sum())
        if n_new == 0:
            continue
        pair = delayed(local_function)(
            data.rows[part], data.labels[part], shares[part], meta, *arguments, part
        )
        first_label = None if counted.next_label is None else counted.next_label
        if first_label is not None:
            first_label += added
        pieces.append(delayed(_labelled_pair)(pair, meta, first_label, added))
        sizes.append(float(n_new) if sizes_known else np.nan)
        added += n_new
    return pieces, sizes


def _local_smote(rows, labels, shares, meta, k, search, n_jobs, seed, part):
    """SMOTE within one partition: its own rows, its own neighbours."""
    from ._output import feature_values

    rng = generator(seed, part)
    values = feature_values(rows, meta.target)
    codes = label_codes(labels, meta.classes)
    new_values, new_labels = [], []
    for code in np.flatnonzero(shares):
        n_new = int(shares[code])
        class_rows = values[codes == code]
        new_values.append(
            smote_class(class_rows, k, n_new, rng, search=search, n_jobs=n_jobs)
        )
        new_labels.append(np.full(n_new, meta.classes[code]))
    return np.concatenate(new_values), np.concatenate(new_labels)


def _local_sampler(rows, labels, shares, meta, sampler, seed, part):
    """An in-memory variant run on one partition; its synthetic rows only."""
    from ._output import feature_values

    values = feature_values(rows, meta.target)
    y = label_values(labels)
    codes = label_codes(labels, meta.classes)
    wanted = {
        plain_label(meta.classes[code]): int(np.sum(codes == code) + shares[code])
        for code in np.flatnonzero(shares)
    }
    random_state = int(generator(seed, part).integers(2**63))
    local = clone(sampler).set_params(
        sampling_strategy=wanted, random_state=random_state
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        X_res, y_res = local.fit_resample(values, y)
    return X_res[len(y) :], y_res[len(y) :]


# -- the samplers ------------------------------------------------------------------


def _grown(sampler: DaskSampler, counted: Survey) -> dict[int, int]:
    return {c: n for c, n in sampler._strategy_codes(counted).items() if n}


def _size_proxy(counted: Survey, k: int) -> np.ndarray:
    """Labels with each class's count capped at ``k + 1``: enough to check sizes."""
    return np.repeat(counted.classes, np.minimum(counted.totals, k + 1))


def _gathers(sampler, data, counted, grown, owner) -> bool:
    """Whether the grown classes fit ``max_gather_bytes``; warn when not."""
    n_bytes = int(sum(counted.totals[c] for c in grown)) * data.n_features * 8
    if n_bytes <= sampler.max_gather_bytes:
        return True
    _warn_partition_wise(owner, n_bytes, sampler.max_gather_bytes)
    return False


class SMOTE(DaskSampler):
    """SMOTE on a Dask DataFrame or Array: exact when the grown classes fit.

    The Dask counterpart of :class:`imbalance.over_sampling.SMOTE`, with its
    parameters and one more, ``max_gather_bytes``. When the rows of the
    classes to grow fit in it, each such class is gathered into one task, its
    neighbours found exactly with :func:`imbalance.neighbors.kneighbors`, and
    the synthetic rows made in blocks of 131,072 (one output partition each);
    otherwise each partition grows its share from its own rows, with an
    :class:`imbalance.ApproximationWarning`. The input partitions come first,
    unchanged; the synthetic partitions follow. Exactly the rows
    ``sampling_strategy`` asks for are added in both modes.

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable, default="auto"
        As in :class:`imbalance.over_sampling.SMOTE`.
    random_state : int, Generator, RandomState or None, default=None
        Seed of the draws.
    k_neighbors : int or estimator, default=5
        As in :class:`imbalance.over_sampling.SMOTE`.
    n_jobs : int or None, default=None
        Threads for each neighbour search; never changes the result.
    max_gather_bytes : int, default=1073741824
        Largest size, in bytes (rows x features x 8), of the grown classes'
        rows gathered on one worker for the exact method; the worker also
        holds their neighbour table. ``0`` always searches partition by
        partition.

    Attributes
    ----------
    sampling_strategy_ : dict
        Rows added per grown class.
    class_counts_ : dict
        Rows per class in the input.
    gathered_ : bool
        Whether the exact (gathered) method ran.
    n_features_in_ : int
        Number of features.
    n_partitions_in_ : int
        Partitions of the input.

    Notes
    -----
    In the gathered mode, for an integer ``random_state``, the output does
    not depend on the input's partitioning: the gathered rows are in global
    order and each synthetic block is seeded by (seed, class, block number).
    Its draws differ from the in-memory SMOTE's (which uses one generator for
    all rows), but each synthetic row lies, as there, on the segment from a
    row of its class to one of that row's ``k_neighbors`` exact nearest
    neighbours within the class.

    Examples
    --------
    >>> import dask
    >>> import dask.array as da
    >>> import numpy as np
    >>> from imbalance.dask import SMOTE
    >>> rng = np.random.default_rng(0)
    >>> X = da.from_array(rng.normal(size=(40, 2)), chunks=(15, 2))
    >>> y = da.from_array(np.array([0] * 32 + [1] * 8), chunks=15)
    >>> with dask.config.set(scheduler="synchronous"):
    ...     X_res, y_res = SMOTE(k_neighbors=3, random_state=0).fit_resample(X, y)
    ...     np.bincount(y_res.compute()).tolist()
    [32, 32]
    """

    _sampling_type = "over-sampling"
    _parameter_constraints = {
        **_MemorySMOTE._parameter_constraints,
        **_GATHER_CONSTRAINT,
    }

    def __init__(
        self,
        *,
        sampling_strategy: Any = "auto",
        random_state: Any = None,
        k_neighbors: Any = 5,
        n_jobs: int | None = None,
        max_gather_bytes: int = DEFAULT_MAX_GATHER_BYTES,
    ) -> None:
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.k_neighbors = k_neighbors
        self.n_jobs = n_jobs
        self.max_gather_bytes = max_gather_bytes

    def _resample(self, data: Partitioned, counted: Survey) -> tuple[Any, Any]:
        from dask import delayed

        k, search = neighbors_from_param(self.k_neighbors, owner="SMOTE")
        check_class_sizes(_size_proxy(counted, k), self.sampling_strategy_, k)
        seed = seed_of(self.random_state)
        grown = _grown(self, counted)
        self.gathered_ = _gathers(self, data, counted, grown, "SMOTE")
        if not self.gathered_:
            eligible = counted.counts > k
            shares = _partition_shares(counted, grown, eligible, "SMOTE")
            arguments = (k, search, self.n_jobs, seed)
            pieces, sizes = _partition_pieces(
                data, counted, shares, _local_smote, arguments, True
            )
            return _with_originals(data, counted, pieces, sizes)

        values, codes, _ = references(data, counted)
        plans = []
        for code, n_new in grown.items():
            gathered = _gathered(values, codes, counted, code)
            neighbors = delayed(_class_neighbors)(gathered, k, search, self.n_jobs)
            plans.append((code, n_new, _smote_block, (gathered, neighbors)))
        pieces, sizes = _synthetic_pieces(data, counted, plans, seed)
        return _with_originals(data, counted, pieces, sizes)


def _class_neighbors(gathered, k, search, n_jobs, query_indices=None):
    return kneighbors(
        gathered[0],
        k,
        query_indices=query_indices,
        search=search,
        n_jobs=n_jobs,
        return_distance=False,
    )


def _n_other(found, code) -> np.ndarray:
    return np.count_nonzero(found.codes != code, axis=1)


def _whole_data_counts(data, counted, grown, n_neighbors, search, n_jobs):
    """Eagerly, for each grown class: its rows' positions and how many of their
    ``n_neighbors`` nearest rows (among all rows) are of another class."""
    import dask
    from dask import delayed

    values, codes, refs = references(data, counted)
    gathered, wanted = {}, []
    for code in grown:
        gathered[code] = _gathered(values, codes, counted, code)
        rows, positions = gathered[code][0], gathered[code][1]
        found = query_candidates(
            rows, positions, refs, n_neighbors, search=search, n_jobs=n_jobs
        )
        wanted.append(delayed(_n_other)(found, code))
        wanted.append(positions)
    answers = dask.compute(*wanted)
    return (
        {code: answers[2 * i] for i, code in enumerate(grown)},
        {code: answers[2 * i + 1] for i, code in enumerate(grown)},
        (values, codes, refs, gathered),
    )


class BorderlineSMOTE(DaskSampler):
    """Borderline-SMOTE on a Dask DataFrame or Array.

    The Dask counterpart of :class:`imbalance.over_sampling.BorderlineSMOTE`,
    with its parameters and ``max_gather_bytes`` (see :class:`SMOTE`). In the
    gathered mode the rows in danger are found exactly: the grown classes'
    ``m_neighbors`` nearest rows among all rows come from the block-by-block
    search, so ``in_danger_indices_`` (global positions) are those of the
    in-memory sampler. That search runs when ``fit_resample`` is called; the
    synthetic rows are made when the output is computed.

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable, default="auto"
        As in :class:`imbalance.over_sampling.BorderlineSMOTE`.
    random_state : int, Generator, RandomState or None, default=None
        Seed of the draws.
    k_neighbors : int or estimator, default=5
        Neighbours to interpolate towards.
    m_neighbors : int or estimator, default=10
        Neighbours, among all rows, that decide whether a row is in danger.
    kind : {"borderline-1", "borderline-2"}, default="borderline-1"
        As in :class:`imbalance.over_sampling.BorderlineSMOTE`.
    n_jobs : int or None, default=None
        Threads for each neighbour search.
    max_gather_bytes : int, default=1073741824
        See :class:`SMOTE`.

    Attributes
    ----------
    sampling_strategy_ : dict
        Rows added per grown class (0 for a class without rows in danger).
    in_danger_indices_ : dict
        Gathered mode: for each grown class, the global positions of its rows
        in danger.
    gathered_ : bool
        Whether the exact (gathered) method ran.
    class_counts_ : dict
        Rows per class in the input.
    n_features_in_ : int
        Number of features.
    n_partitions_in_ : int
        Partitions of the input.

    Examples
    --------
    >>> import dask
    >>> import dask.array as da
    >>> import numpy as np
    >>> from imbalance.dask import BorderlineSMOTE
    >>> rng = np.random.default_rng(0)
    >>> values = np.vstack([rng.normal(0, 1, (60, 2)), rng.normal(1, 1, (20, 2))])
    >>> X = da.from_array(values, chunks=(25, 2))
    >>> y = da.from_array(np.array([0] * 60 + [1] * 20), chunks=25)
    >>> with dask.config.set(scheduler="synchronous"):
    ...     X_res, y_res = BorderlineSMOTE(random_state=0).fit_resample(X, y)
    ...     np.bincount(y_res.compute()).tolist()
    [60, 60]
    """

    _sampling_type = "over-sampling"
    _parameter_constraints = {
        **_MemoryBorderlineSMOTE._parameter_constraints,
        **_GATHER_CONSTRAINT,
    }

    def __init__(
        self,
        *,
        sampling_strategy: Any = "auto",
        random_state: Any = None,
        k_neighbors: Any = 5,
        m_neighbors: Any = 10,
        kind: str = "borderline-1",
        n_jobs: int | None = None,
        max_gather_bytes: int = DEFAULT_MAX_GATHER_BYTES,
    ) -> None:
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.k_neighbors = k_neighbors
        self.m_neighbors = m_neighbors
        self.kind = kind
        self.n_jobs = n_jobs
        self.max_gather_bytes = max_gather_bytes

    def _checked_neighbors(self, counted: Survey) -> tuple:
        owner = "BorderlineSMOTE"
        k, k_search = neighbors_from_param(self.k_neighbors, owner=owner)
        m, m_search = neighbors_from_param(
            self.m_neighbors, name="m_neighbors", owner=owner
        )
        check_border_sizes(
            counted.n_rows,
            _size_proxy(counted, k),
            self.sampling_strategy_,
            k_neighbors=k,
            m_neighbors=m,
            kind=self.kind,
        )
        return k, k_search, m, m_search

    def _resample(self, data: Partitioned, counted: Survey) -> tuple[Any, Any]:
        k, _, m, m_search = self._checked_neighbors(counted)
        seed = seed_of(self.random_state)
        grown = _grown(self, counted)
        self.gathered_ = _gathers(self, data, counted, grown, "BorderlineSMOTE")
        if not self.gathered_:
            return self._partition_wise(data, counted, grown, k, m, seed)

        n_other, positions, (_, _, refs, gathered) = _whole_data_counts(
            data, counted, grown, m, m_search, self.n_jobs
        )
        self.in_danger_indices_, plans = {}, []
        for code, n_new in grown.items():
            label = plain_label(counted.classes[code])
            danger = np.flatnonzero(in_danger(n_other[code], m))
            self.in_danger_indices_[label] = positions[code][danger]
            if danger.size == 0:
                _warn_no_danger(label, m)
                self.sampling_strategy_[label] = 0
                continue
            plans.append(self._plan(gathered[code], danger, refs, code, n_new, k))
        pieces, sizes = _synthetic_pieces(data, counted, plans, seed)
        return _with_originals(data, counted, pieces, sizes)

    def _plan(self, gathered, danger, refs, code, n_new, k) -> tuple:
        from dask import delayed

        _, k_search = neighbors_from_param(self.k_neighbors, owner="BorderlineSMOTE")
        danger = delayed(danger)  # one key, not a copy per block
        if self.kind == "borderline-1":
            neighbors = delayed(_class_neighbors)(
                gathered, k, k_search, self.n_jobs, danger
            )
            return (code, n_new, _border_1_block, (gathered, danger, neighbors))
        rows, positions = gathered[0][danger], gathered[1][danger]
        found = query_candidates(
            rows,
            positions,
            refs,
            k,
            search=k_search,
            n_jobs=self.n_jobs,
            with_rows=True,
        )
        return (code, n_new, _border_2_block, (gathered, danger, found))

    def _partition_wise(self, data, counted, grown, k, m, seed):
        n_classes = np.count_nonzero(counted.counts, axis=1)
        rows_ok = (counted.lengths > max(m, k)) & (n_classes >= 2)
        eligible = np.broadcast_to(rows_ok[:, None], counted.counts.shape)
        if self.kind == "borderline-1":
            eligible = eligible & (counted.counts > k)
        shares = _partition_shares(counted, grown, eligible, "BorderlineSMOTE")
        local = _MemoryBorderlineSMOTE(
            k_neighbors=self.k_neighbors,
            m_neighbors=self.m_neighbors,
            kind=self.kind,
            n_jobs=self.n_jobs,
        )
        pieces, sizes = _partition_pieces(
            data, counted, shares, _local_sampler, (local, seed), False
        )
        return _with_originals(data, counted, pieces, sizes)


class ADASYN(DaskSampler):
    """ADASYN on a Dask DataFrame or Array.

    The Dask counterpart of :class:`imbalance.over_sampling.ADASYN`, with its
    parameters and ``max_gather_bytes`` (see :class:`SMOTE`). In the gathered
    mode each row's weight (its share of other-class rows among its
    ``n_neighbors`` nearest rows of the whole data) comes from the exact
    block-by-block search, run when ``fit_resample`` is called; the new rows
    are shared out by those weights exactly as in memory.

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable, default="auto"
        As in :class:`imbalance.over_sampling.ADASYN`.
    random_state : int, Generator, RandomState or None, default=None
        Seed of the draws.
    n_neighbors : int or estimator, default=5
        As in :class:`imbalance.over_sampling.ADASYN`.
    n_jobs : int or None, default=None
        Threads for each neighbour search.
    max_gather_bytes : int, default=1073741824
        See :class:`SMOTE`.

    Attributes
    ----------
    sampling_strategy_ : dict
        Rows added per grown class (0 for a class whose rows all weigh 0).
    origin_counts_ : dict
        Gathered mode: for each grown class, the synthetic rows grown from
        each of its rows, in global row order.
    gathered_ : bool
        Whether the exact (gathered) method ran.
    class_counts_ : dict
        Rows per class in the input.
    n_features_in_ : int
        Number of features.
    n_partitions_in_ : int
        Partitions of the input.

    Examples
    --------
    >>> import dask
    >>> import dask.array as da
    >>> import numpy as np
    >>> from imbalance.dask import ADASYN
    >>> rng = np.random.default_rng(0)
    >>> values = np.vstack([rng.normal(0, 1, (60, 2)), rng.normal(1, 1, (20, 2))])
    >>> X = da.from_array(values, chunks=(25, 2))
    >>> y = da.from_array(np.array([0] * 60 + [1] * 20), chunks=25)
    >>> with dask.config.set(scheduler="synchronous"):
    ...     X_res, y_res = ADASYN(random_state=0).fit_resample(X, y)
    ...     np.bincount(y_res.compute()).tolist()
    [60, 60]
    """

    _sampling_type = "over-sampling"
    _parameter_constraints = {
        **_MemoryADASYN._parameter_constraints,
        **_GATHER_CONSTRAINT,
    }

    def __init__(
        self,
        *,
        sampling_strategy: Any = "auto",
        random_state: Any = None,
        n_neighbors: Any = 5,
        n_jobs: int | None = None,
        max_gather_bytes: int = DEFAULT_MAX_GATHER_BYTES,
    ) -> None:
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.n_neighbors = n_neighbors
        self.n_jobs = n_jobs
        self.max_gather_bytes = max_gather_bytes

    def _resample(self, data: Partitioned, counted: Survey) -> tuple[Any, Any]:
        from dask import delayed

        from ..over_sampling._adasyn import _warn_nothing_hard

        k, search = neighbors_from_param(
            self.n_neighbors, name="n_neighbors", owner="ADASYN"
        )
        check_total_rows(counted.n_rows, k, "n_neighbors")
        check_class_sizes(
            _size_proxy(counted, k), self.sampling_strategy_, k, param="n_neighbors"
        )
        seed = seed_of(self.random_state)
        grown = _grown(self, counted)
        self.gathered_ = _gathers(self, data, counted, grown, "ADASYN")
        if not self.gathered_:
            return self._partition_wise(data, counted, grown, k, seed)

        n_other, _, (_, _, _, gathered) = _whole_data_counts(
            data, counted, grown, k, search, self.n_jobs
        )
        self.origin_counts_, plans = {}, []
        for code, n_new in grown.items():
            label = plain_label(counted.classes[code])
            if not n_other[code].any():
                _warn_nothing_hard(label, k)
                self.sampling_strategy_[label] = 0
                continue
            shares = share_out(n_new, n_other[code])
            self.origin_counts_[label] = shares
            neighbors = delayed(_class_neighbors)(
                gathered[code], k, search, self.n_jobs
            )
            ends = delayed(np.cumsum(shares))  # one key, not a copy per block
            arguments = (gathered[code], neighbors, ends)
            plans.append((code, n_new, _adasyn_block, arguments))
        pieces, sizes = _synthetic_pieces(data, counted, plans, seed)
        return _with_originals(data, counted, pieces, sizes)

    def _partition_wise(self, data, counted, grown, k, seed):
        n_classes = np.count_nonzero(counted.counts, axis=1)
        rows_ok = (counted.lengths > k) & (n_classes >= 2)
        eligible = rows_ok[:, None] & (counted.counts > k)
        shares = _partition_shares(counted, grown, eligible, "ADASYN")
        local = _MemoryADASYN(n_neighbors=self.n_neighbors, n_jobs=self.n_jobs)
        pieces, sizes = _partition_pieces(
            data, counted, shares, _local_sampler, (local, seed), False
        )
        return _with_originals(data, counted, pieces, sizes)
