"""Exact k nearest neighbours across partitions, block by block.

The query rows are compared with every partition on its own, with the
in-memory engine (:func:`imbalance.neighbors.kneighbors`), keeping each
partition's best candidates with their *global* row positions; the candidate
lists are then merged, a few at a time, by (distance, position). A pair's
distance is computed the same way whichever block holds it, so the merged
answer is the one the engine gives on the whole data, ties included: equal
distances go to the smaller global position.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np

from ..neighbors import kneighbors
from ._output import feature_values
from ._partitions import label_codes

__all__ = ["Candidates", "exact_kneighbors", "query_candidates"]

#: Candidate lists merged by one task.
MERGE_FAN_IN = 8


class Candidates(NamedTuple):
    """Neighbour candidates of some query rows, best first.

    Attributes
    ----------
    distances : ndarray of float64 of shape (n_query, k)
    positions : ndarray of int of shape (n_query, k)
        Global row positions of the neighbours.
    codes : ndarray of int of shape (n_query, k)
        Their class codes.
    rows : ndarray of shape (n_query, k, n_features) or None
        Their feature values, when asked for.
    """

    distances: np.ndarray
    positions: np.ndarray
    codes: np.ndarray
    rows: np.ndarray | None


def partition_candidates(
    ref_values: np.ndarray,
    ref_codes: np.ndarray,
    offset: int,
    query_values: np.ndarray,
    n_neighbors: int,
    search: Any,
    n_jobs: int | None,
    with_rows: bool,
) -> Candidates:
    """The ``n_neighbors`` nearest rows of one partition to each query row."""
    n_query, n_ref = len(query_values), len(ref_values)
    k = min(n_neighbors, n_ref)
    if k == 0 or n_query == 0:
        empty = np.zeros((n_query, 0))
        rows = np.zeros((n_query, 0, query_values.shape[1])) if with_rows else None
        return Candidates(empty, empty.astype(np.intp), empty.astype(np.intp), rows)
    distances, indices = kneighbors(
        ref_values, k, query=query_values, search=search, n_jobs=n_jobs
    )
    rows = ref_values[indices] if with_rows else None
    return Candidates(distances, indices + offset, ref_codes[indices], rows)


def merge_candidates(n_neighbors: int, *parts: Candidates) -> Candidates:
    """The ``n_neighbors`` best of several candidate lists, by (distance, position)."""
    distances = np.concatenate([part.distances for part in parts], axis=1)
    positions = np.concatenate([part.positions for part in parts], axis=1)
    order = np.lexsort((positions, distances), axis=1)[:, :n_neighbors]
    return _taken(parts, order, distances, positions)


def _taken(parts, order, distances, positions) -> Candidates:
    codes = np.concatenate([part.codes for part in parts], axis=1)
    rows = None
    if parts[0].rows is not None:
        rows = np.concatenate([part.rows for part in parts], axis=1)
        rows = np.take_along_axis(rows, order[:, :, None], axis=1)
    return Candidates(
        np.take_along_axis(distances, order, axis=1),
        np.take_along_axis(positions, order, axis=1),
        np.take_along_axis(codes, order, axis=1),
        rows,
    )


def drop_self(
    candidates: Candidates, query_positions: np.ndarray, n_neighbors: int
) -> Candidates:
    """Remove each query row from its own candidates, keep the first ``n_neighbors``.

    A duplicate of the row is kept: only its own position is removed. A row
    missing from its candidates (more equal rows before it) loses the last one.
    """
    is_self = candidates.positions == np.asarray(query_positions)[:, None]
    order = np.argsort(is_self, axis=1, kind="stable")[:, :n_neighbors]
    return _taken([candidates], order, candidates.distances, candidates.positions)


def _merged(parts: list, n_neighbors: int) -> Any:
    """Merge delayed candidate lists in a tree, ``MERGE_FAN_IN`` at a time."""
    from dask import delayed

    while len(parts) > 1:
        parts = [
            delayed(merge_candidates)(n_neighbors, *parts[i : i + MERGE_FAN_IN])
            for i in range(0, len(parts), MERGE_FAN_IN)
        ]
    return parts[0]


def query_candidates(
    query_values: Any,
    query_positions: Any,
    references: list[tuple[Any, Any, int, int]],
    n_neighbors: int,
    *,
    search: Any = None,
    n_jobs: int | None = None,
    with_rows: bool = False,
) -> Any:
    """Lazy exact neighbours of query rows among the rows of every partition.

    Parameters
    ----------
    query_values : Delayed ndarray of shape (n_query, n_features)
        The query rows.
    query_positions : Delayed ndarray of int or None
        Their global positions when they are rows of the data (each is then
        excluded from its own neighbours), else None.
    references : list of (Delayed values, Delayed codes, offset, length)
        Every partition's features, class codes, first global position and
        number of rows.
    n_neighbors : int
        Neighbours wanted per query row.
    search : estimator, optional
        A search estimator for :func:`imbalance.neighbors.kneighbors`.
    n_jobs : int, optional
        Threads per block search.
    with_rows : bool, default=False
        Also return the neighbours' feature values.

    Returns
    -------
    Delayed Candidates
    """
    from dask import delayed

    wanted = n_neighbors + (query_positions is not None)
    parts = [
        delayed(partition_candidates)(
            values, codes, offset, query_values, wanted, search, n_jobs, with_rows
        )
        for values, codes, offset, length in references
        if length > 0
    ]
    merged = _merged(parts, wanted)
    if query_positions is None:
        return merged
    return delayed(drop_self)(merged, query_positions, n_neighbors)


def references(data: Any, counted: Any) -> tuple[list, list, list]:
    """Per-partition lazy feature values, class codes, and reference tuples."""
    from dask import delayed

    values = [delayed(feature_values)(rows, data.target) for rows in data.rows]
    codes = [delayed(label_codes)(labels, counted.classes) for labels in data.labels]
    refs = [
        (values[p], codes[p], int(counted.offsets[p]), int(counted.lengths[p]))
        for p in range(len(values))
    ]
    return values, codes, refs


def exact_kneighbors(
    X: Any, n_neighbors: int = 5, *, n_jobs: int | None = None
) -> tuple[Any, Any]:
    """Exact k nearest neighbours of every row of a Dask Array, among all rows.

    Each block of rows is searched against every block with the in-memory
    engine and the candidates merged, so the answer is that of
    :func:`imbalance.neighbors.kneighbors` on the whole array: a row is not
    its own neighbour (a duplicate is), and equal distances go to the smaller
    row position.

    Parameters
    ----------
    X : dask.array.Array of shape (n_samples, n_features)
        Rows, with known chunk sizes.
    n_neighbors : int, default=5
        Neighbours per row, the row itself not counted.
    n_jobs : int, optional
        Threads per block search; never changes the answer.

    Returns
    -------
    distances : dask.array.Array of float64 of shape (n_samples, n_neighbors)
    indices : dask.array.Array of int of shape (n_samples, n_neighbors)
        Global row positions, lazily.

    Examples
    --------
    >>> import dask
    >>> import dask.array as da
    >>> import numpy as np
    >>> from imbalance.dask import exact_kneighbors
    >>> X = da.from_array(np.array([[0.0], [1.0], [1.0], [3.0]]), chunks=(2, 1))
    >>> with dask.config.set(scheduler="synchronous"):
    ...     distances, indices = exact_kneighbors(X, 2)
    ...     indices.compute().tolist()
    [[1, 2], [2, 0], [1, 0], [1, 2]]
    """
    import dask.array as da
    from dask import delayed

    X = X.rechunk({1: -1})
    n_rows = X.shape[0]
    if n_rows <= n_neighbors:
        raise ValueError(
            f"n_neighbors={n_neighbors} needs at least {n_neighbors + 1} rows in X "
            f"(a row is not its own neighbour); X has {n_rows}."
        )
    blocks = list(X.to_delayed()[:, 0])
    lengths = X.chunks[0]
    offsets = np.concatenate([[0], np.cumsum(lengths)]).astype(int)
    zeros = [delayed(np.zeros)(n, dtype=np.intp) for n in lengths]
    refs = [
        (block, zero, int(offsets[p]), int(lengths[p]))
        for p, (block, zero) in enumerate(zip(blocks, zeros))
    ]
    distances, indices = [], []
    for p, block in enumerate(blocks):
        if lengths[p] == 0:
            continue
        own = np.arange(offsets[p], offsets[p + 1])
        found = query_candidates(block, own, refs, n_neighbors, n_jobs=n_jobs)
        shape = (lengths[p], n_neighbors)
        distances.append(da.from_delayed(found[0], shape=shape, dtype=np.float64))
        indices.append(da.from_delayed(found[1], shape=shape, dtype=np.intp))
    return da.concatenate(distances), da.concatenate(indices)
