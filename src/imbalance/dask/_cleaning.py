"""Tomek links and edited nearest neighbours on Dask collections, exactly.

Every row's neighbours are found among all rows by :mod:`._neighbors` (each
partition against every partition), so the rows kept are the very rows the
in-memory samplers keep, ties broken by global position as the engine breaks
them.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..neighbors import neighbors_from_param
from ..under_sampling import EditedNearestNeighbours as _MemoryENN
from ..under_sampling import TomekLinks as _MemoryTomekLinks
from ..under_sampling._cleaning import cleaned_classes, majority_vote
from ._base import DaskSampler
from ._neighbors import query_candidates, references
from ._output import assemble, take
from ._partitions import Partitioned, Survey
from ._random import _index_array, _with_offset

__all__ = ["EditedNearestNeighbours", "TomekLinks"]


def _cleaned(counted: Survey, strategy: dict) -> np.ndarray:
    """For each class code, whether ``strategy`` (keyed by code) cleans it."""
    return cleaned_classes(np.arange(len(counted.classes)), strategy)


def _all_rows_neighbors(data, counted, n_neighbors, search, n_jobs) -> tuple:
    """Lazy neighbours of every partition's rows among all rows, and the codes."""
    values, codes, refs = references(data, counted)
    found = []
    for part in range(data.n_partitions):
        first, stop = int(counted.offsets[part]), int(counted.offsets[part + 1])
        if stop == first:
            found.append(None)
            continue
        own = np.arange(first, stop)
        found.append(
            query_candidates(
                values[part], own, refs, n_neighbors, search=search, n_jobs=n_jobs
            )
        )
    return found, codes


def _selected(data, counted, kept_positions) -> tuple[Any, Any, list]:
    """Output collections from each partition's kept local positions."""
    from dask import delayed

    pieces, positions = [], []
    for part in range(data.n_partitions):
        local = kept_positions[part]
        pieces.append(delayed(take)(data.rows[part], data.labels[part], local))
        positions.append(delayed(_with_offset)(local, int(counted.offsets[part])))
    sizes = [np.nan] * data.n_partitions
    X_res, y_res = assemble(data, pieces, sizes, data.divisions)
    return X_res, y_res, _index_array(positions, sizes)


def _edited_kept(found, codes, cleaned, kind_sel) -> np.ndarray:
    """Local positions one partition keeps under the edited nearest-neighbour rule."""
    keep = np.ones(len(codes), dtype=bool)
    if found is None:
        return np.flatnonzero(keep)
    rows = np.flatnonzero(cleaned[codes])
    neighbor_codes = found.codes[rows]
    own = codes[rows]
    if kind_sel == "all":
        keep[rows] = (neighbor_codes == own[:, None]).all(axis=1)
    else:
        keep[rows] = majority_vote(neighbor_codes, len(cleaned)) == own
    return np.flatnonzero(keep)


def _tomek_kept(found, codes, cleaned, first, offsets, *nearest_lists) -> np.ndarray:
    """Local positions one partition keeps: not a cleaned row of a Tomek link."""
    if found is None:
        return np.zeros(0, dtype=np.intp)
    nearest = found.positions[:, 0]
    nearest_of_nearest = np.empty_like(nearest)
    owner = np.searchsorted(offsets, nearest, side="right") - 1
    for part in np.unique(owner):
        at = owner == part
        nearest_of_nearest[at] = nearest_lists[part][nearest[at] - offsets[part]]
    own = np.arange(first, first + len(codes))
    in_link = (nearest_of_nearest == own) & (found.codes[:, 0] != codes)
    return np.flatnonzero(~(in_link & cleaned[codes]))


def _nearest_positions(found) -> np.ndarray:
    if found is None:
        return np.zeros(0, dtype=np.intp)
    return found.positions[:, 0]


class TomekLinks(DaskSampler):
    """Remove the rows of Tomek links from a Dask DataFrame or Array.

    The Dask counterpart of :class:`imbalance.under_sampling.TomekLinks`,
    with the same parameters and the very same rows removed: every row's
    nearest neighbour among all rows is found exactly, block by block (each
    partition's rows against every partition), then each partition looks up
    its rows' partners' nearest neighbours. The work grows with the square of
    the number of partitions.

    Parameters
    ----------
    sampling_strategy : str, list or callable, default="auto"
        The classes whose rows may be removed; as in
        :class:`imbalance.under_sampling.TomekLinks`.
    n_jobs : int, default=None
        Threads per block search; never changes the result.

    Attributes
    ----------
    sampling_strategy_ : dict
        Size of each class that may be cleaned.
    class_counts_ : dict
        Rows per class in the input.
    sample_indices_ : dask.array.Array of int
        Lazy global positions of the kept rows, in increasing order.
    n_features_in_ : int
        Number of features.
    n_partitions_in_ : int
        Partitions of the input.

    Examples
    --------
    >>> import dask
    >>> import dask.array as da
    >>> import numpy as np
    >>> from imbalance.dask import TomekLinks
    >>> X = da.from_array(np.array([[0.0], [1.0], [2.0], [2.1], [6.0]]), chunks=(2, 1))
    >>> y = da.from_array(np.array([0, 0, 0, 1, 1]), chunks=2)
    >>> sampler = TomekLinks()
    >>> with dask.config.set(scheduler="synchronous"):
    ...     X_res, y_res = sampler.fit_resample(X, y)
    ...     sampler.sample_indices_.compute().tolist()
    [0, 1, 3, 4]
    """

    _sampling_type = "clean-sampling"
    _parameter_constraints = dict(_MemoryTomekLinks._parameter_constraints)

    def __init__(
        self, *, sampling_strategy: Any = "auto", n_jobs: int | None = None
    ) -> None:
        self.sampling_strategy = sampling_strategy
        self.n_jobs = n_jobs

    def _resample(self, data: Partitioned, counted: Survey) -> tuple[Any, Any]:
        from dask import delayed

        cleaned = _cleaned(counted, self._strategy_codes(counted))
        found, codes = _all_rows_neighbors(data, counted, 1, None, self.n_jobs)
        nearest = [delayed(_nearest_positions)(f) for f in found]
        offsets = counted.offsets[:-1]
        kept = [
            delayed(_tomek_kept)(
                found[p], codes[p], cleaned, int(offsets[p]), offsets, *nearest
            )
            for p in range(data.n_partitions)
        ]
        X_res, y_res, self.sample_indices_ = _selected(data, counted, kept)
        return X_res, y_res


class EditedNearestNeighbours(DaskSampler):
    """Edited nearest neighbours (ENN) on a Dask DataFrame or Array, exactly.

    The Dask counterpart of
    :class:`imbalance.under_sampling.EditedNearestNeighbours`, with the same
    parameters and the very same rows kept: each row's ``n_neighbors``
    nearest rows among all rows are found block by block (each partition's
    rows against every partition, the best candidates merged by distance,
    then global position), and each partition applies the rule to its rows.

    Parameters
    ----------
    sampling_strategy : str, list or callable, default="auto"
        The classes whose rows may be removed.
    n_neighbors : int or estimator, default=3
        Neighbours examined per row; an estimator with ``kneighbors`` runs
        each block search instead (its ``n_neighbors`` counts the row itself).
    kind_sel : {"all", "mode"}, default="all"
        As in :class:`imbalance.under_sampling.EditedNearestNeighbours`.
    n_jobs : int, default=None
        Threads per block search; never changes the result.

    Attributes
    ----------
    sampling_strategy_ : dict
        Size of each class that may be cleaned.
    class_counts_ : dict
        Rows per class in the input.
    sample_indices_ : dask.array.Array of int
        Lazy global positions of the kept rows, in increasing order.
    n_features_in_ : int
        Number of features.
    n_partitions_in_ : int
        Partitions of the input.

    Examples
    --------
    >>> import dask
    >>> import dask.array as da
    >>> import numpy as np
    >>> from imbalance.dask import EditedNearestNeighbours
    >>> values = [0, 1.1, 2.3, 3.6, 5, 6.5, 8.1, 9.8, 11.6, 13.5, 15.5, 17.6]
    >>> X = da.from_array(np.array(values).reshape(-1, 1), chunks=(5, 1))
    >>> y = da.from_array(np.array([0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 1, 1]), chunks=5)
    >>> sampler = EditedNearestNeighbours(n_neighbors=2)
    >>> with dask.config.set(scheduler="synchronous"):
    ...     X_res, y_res = sampler.fit_resample(X, y)
    ...     sampler.sample_indices_.compute().tolist()
    [0, 1, 3, 5, 6, 8, 10, 11]
    """

    _sampling_type = "clean-sampling"
    _parameter_constraints = dict(_MemoryENN._parameter_constraints)

    def __init__(
        self,
        *,
        sampling_strategy: Any = "auto",
        n_neighbors: Any = 3,
        kind_sel: str = "all",
        n_jobs: int | None = None,
    ) -> None:
        self.sampling_strategy = sampling_strategy
        self.n_neighbors = n_neighbors
        self.kind_sel = kind_sel
        self.n_jobs = n_jobs

    def _resample(self, data: Partitioned, counted: Survey) -> tuple[Any, Any]:
        from dask import delayed

        k, search = neighbors_from_param(
            self.n_neighbors, name="n_neighbors", owner="EditedNearestNeighbours"
        )
        if counted.n_rows <= k:
            raise ValueError(
                f"n_neighbors={k} needs at least {k + 1} rows in X (each row and "
                f"its neighbours); EditedNearestNeighbours got {counted.n_rows}. "
                "Lower n_neighbors or pass more rows."
            )
        cleaned = _cleaned(counted, self._strategy_codes(counted))
        found, codes = _all_rows_neighbors(data, counted, k, search, self.n_jobs)
        kept = [
            delayed(_edited_kept)(found[p], codes[p], cleaned, self.kind_sel)
            for p in range(data.n_partitions)
        ]
        X_res, y_res, self.sample_indices_ = _selected(data, counted, kept)
        return X_res, y_res
