"""The public entry point: check the request, pick a method, return the answer."""

from __future__ import annotations

import numbers
import os
from typing import Any

import numpy as np
import scipy.sparse as sp

from .._validation import Interval, Options, validate_params
from ._allrows import allrows_kneighbors, block_kneighbors
from ._brute import SLACK, brute_kneighbors
from ._choose import choose_method
from ._estimator import estimator_kneighbors
from ._tree import tree_kneighbors

__all__ = ["kneighbors", "local_kneighbors"]

ALGORITHMS = ("auto", "brute", "tree")
DEFAULT_CHUNK_SIZE = 2048

_CONSTRAINTS = {
    "n_neighbors": [Interval(numbers.Integral, 1, None)],
    "algorithm": [Options(ALGORITHMS)],
    "n_jobs": [numbers.Integral, None],
    "chunk_size": [Interval(numbers.Integral, 1, None), None],
    "return_distance": ["boolean"],
    "search": [None, "has:kneighbors"],
}


def kneighbors(
    X: Any,
    n_neighbors: int = 5,
    *,
    query: Any = None,
    query_indices: Any = None,
    search: Any = None,
    algorithm: str = "auto",
    n_jobs: int | None = None,
    chunk_size: int | None = None,
    return_distance: bool = True,
) -> tuple[np.ndarray, np.ndarray] | np.ndarray:
    """Exact k nearest neighbours (Euclidean) of rows, among the rows of ``X``.

    Parameters
    ----------
    X : array-like or sparse matrix of shape (n_samples, n_features)
        Reference rows. Dense input is used as float32 or float64 (other
        numeric types become float64); sparse input as CSR.
    n_neighbors : int, default=5
        Neighbours wanted per query row; a row is never counted as its own
        neighbour.
    query : array-like or sparse matrix of shape (n_query, n_features), default=None
        Rows to find neighbours for that are not rows of ``X``: nothing is
        excluded from their neighbours.
    query_indices : array-like of int, default=None
        Positions of the rows of ``X`` to query. Each is excluded from its own
        neighbours by index, so a duplicate row is still found at distance 0.
        With neither ``query`` nor ``query_indices``, every row of ``X`` is
        queried this way.
    search : estimator, default=None
        An unfitted estimator with scikit-learn's ``fit`` / ``kneighbors``
        interface (for example an approximate or GPU search) to use instead
        of the built-in exact search. A clone is fitted on ``X``; its answer
        is returned as it gives it. ``algorithm`` is then ignored.
    algorithm : {"auto", "brute", "tree"}, default="auto"
        ``"brute"`` compares every query with every reference row in blocks;
        ``"tree"`` uses a k-d tree (dense input only); ``"auto"`` picks one by
        timing both on a sample of the data. The answer is the same.
    n_jobs : int, default=None
        Threads to use; ``None`` means 1 and ``-1`` all cores. Never changes
        the answer.
    chunk_size : int, default=None
        Query rows handled per block, which bounds the working memory; ``None``
        means 2048. When at least half the rows of ``X`` are queried, rows are
        swept in blocks of this size and each keeps a few candidates, about
        the answer's size in all. Never changes the answer.
    return_distance : bool, default=True
        Whether to return the distances along with the indices.

    Returns
    -------
    distances : ndarray of shape (n_query, n_neighbors), float64
        Euclidean distances, ascending. Only when ``return_distance``.
    indices : ndarray of shape (n_query, n_neighbors), intp
        Row positions in ``X``, sorted by (distance, index): equal distances
        are broken by the smaller index.

    Raises
    ------
    ValueError
        Before any work, if ``X`` or ``query`` holds NaN or infinity, their
        feature counts differ, both ``query`` and ``query_indices`` are given,
        or ``n_neighbors`` exceeds the rows available.

    Examples
    --------
    >>> import numpy as np
    >>> from imbalance.neighbors import kneighbors
    >>> X = np.array([[0.0], [1.0], [1.0], [3.0]])
    >>> distances, indices = kneighbors(X, n_neighbors=2)
    >>> indices
    array([[1, 2],
           [2, 0],
           [1, 0],
           [1, 2]])
    >>> distances[1]
    array([0., 1.])
    >>> kneighbors(X, 1, query=[[2.9]], return_distance=False)
    array([[3]])
    """
    params = dict(locals())
    validate_params("kneighbors", params, _CONSTRAINTS)
    R = _as_rows(X, "X")
    Q, self_index = _queries(R, query, query_indices)
    _check_enough_rows(R, n_neighbors, self_index is not None)
    n_threads = thread_count(n_jobs, "The 'n_jobs' parameter of kneighbors")
    chunk = DEFAULT_CHUNK_SIZE if chunk_size is None else int(chunk_size)
    if algorithm == "tree" and sp.issparse(R) and search is None:
        raise ValueError(
            "When X is sparse, algorithm cannot be 'tree'; use 'brute' or 'auto'."
        )

    if search is not None:
        own = None if self_index is None else np.asarray(self_index)
        answer = estimator_kneighbors(
            search, _queried(Q, R, self_index), R, own, n_neighbors
        )
    else:
        answer = _exact_kneighbors(
            Q, R, self_index, n_neighbors, algorithm, n_threads, chunk
        )
    return answer if return_distance else answer[1]


_LOCAL_CONSTRAINTS = {
    "n_neighbors": [Interval(numbers.Integral, 1, None)],
    "n_jobs": [numbers.Integral, None],
    "chunk_size": [Interval(numbers.Integral, 1, None), None],
}


def local_kneighbors(
    X: Any,
    n_neighbors: int = 5,
    *,
    n_jobs: int | None = None,
    chunk_size: int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Near but not always nearest neighbours of every row, for a fraction of the cost.

    The rows are cut into the clusters of a coarse k-means clustering (a
    fixed seed, about ``chunk_size`` rows each, those over twice that cut in
    parts) and each row gets its nearest other rows within its cluster,
    ranked by exact distance. That costs a few ``chunk_size / n_samples`` of
    :func:`kneighbors` over all rows. Use it where an upper bound is enough:
    each returned distance is at least the exact distance at its rank, since
    it is the distance to a real row.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        Dense rows, more than ``n_neighbors`` of them.
    n_neighbors : int, default=5
        Neighbours per row, the row itself not counted.
    n_jobs : int, default=None
        Threads; ``None`` means 1 and ``-1`` all cores. Never changes the answer.
    chunk_size : int, default=None
        Rows per cluster, about; ``None`` means 2048. With at most this many
        rows the answer is the exact one. The working memory is a float32
        score block of up to ``(2 * chunk_size)**2`` per thread.

    Returns
    -------
    distances : ndarray of shape (n_samples, n_neighbors), float64
        Ascending per row; each is at least the exact one at its rank.
    indices : ndarray of shape (n_samples, n_neighbors), intp
        The rows found, sorted by (distance, index).

    Examples
    --------
    >>> import numpy as np
    >>> from imbalance.neighbors import kneighbors, local_kneighbors
    >>> X = np.random.default_rng(0).normal(size=(5000, 3))
    >>> bound, _ = local_kneighbors(X, 2, chunk_size=500)
    >>> exact, _ = kneighbors(X, 2)
    >>> bool((bound >= exact).all()), bool((bound == exact).mean() > 0.5)
    (True, True)
    """
    validate_params("local_kneighbors", dict(locals()), _LOCAL_CONSTRAINTS)
    if sp.issparse(X):
        raise ValueError(
            "local_kneighbors needs dense X; got a sparse matrix. Use kneighbors, "
            "or convert with X.toarray() if it fits in memory."
        )
    R = _as_rows(X, "X")
    _check_enough_rows(R, n_neighbors, True)
    n_threads = thread_count(n_jobs, "The 'n_jobs' parameter of local_kneighbors")
    chunk = DEFAULT_CHUNK_SIZE if chunk_size is None else int(chunk_size)
    if R.shape[0] <= n_neighbors + SLACK:
        return _exact_kneighbors(
            None, R, range(R.shape[0]), n_neighbors, "brute", n_threads, chunk
        )
    block_rows = max(chunk, n_neighbors + SLACK + 1)
    return block_kneighbors(R, n_neighbors, n_threads, block_rows)


def _exact_kneighbors(Q, R, self_index, n_neighbors, algorithm, n_threads, chunk):
    """The built-in exact search; ``self_index`` may be a range (all rows).

    ``Q`` is None when the queries are rows of ``R``: the sweep never needs
    them copied out.
    """
    all_rows = _sweep_applies(R, self_index, n_neighbors, chunk)
    tree = None
    if algorithm == "auto":
        speedup = 2.0 if all_rows else 1.0
        algorithm, tree = choose_method(
            Q, R, self_index, n_neighbors, n_threads, brute_speedup=speedup
        )
    if algorithm == "tree":
        own = None if self_index is None else np.asarray(self_index)
        Q = _queried(Q, R, self_index)
        return tree_kneighbors(Q, R, own, n_neighbors, n_threads, chunk, tree)
    if all_rows:

        def redo(rows):
            return brute_kneighbors(R[rows], R, rows, n_neighbors, chunk, n_threads)

        distances, indices = allrows_kneighbors(R, n_neighbors, n_threads, redo, chunk)
        if isinstance(self_index, range):
            return distances, indices
        return distances[self_index], indices[self_index]
    Q = _queried(Q, R, self_index)
    return brute_kneighbors(Q, R, self_index, n_neighbors, chunk, n_threads)


def _queried(Q, R, self_index):
    """The query rows: ``Q``, or the rows of ``R`` at ``self_index``."""
    if Q is not None:
        return Q
    return R if isinstance(self_index, range) else R[self_index]


def _sweep_applies(R, self_index, n_neighbors, chunk):
    """Whether to answer rows of dense ``R`` by the all-rows sweep.

    It reads each block product for two blocks of rows, so it costs about
    half as much per row as the query path: worth it when at least half the
    rows are queried, in more than one block.
    """
    if self_index is None or sp.issparse(R):
        return False
    if R.shape[0] <= max(2 * chunk, 4 * (n_neighbors + SLACK)):
        return False
    return 2 * len(self_index) >= R.shape[0]


def _as_rows(data, name):
    """Dense float32/float64 or CSR float rows, checked finite and 2-D."""
    if sp.issparse(data):
        rows = sp.csr_matrix(data)
        if not np.issubdtype(rows.dtype, np.floating):
            rows = rows.astype(np.float64)
        values = rows.data
    else:
        rows = np.asarray(data)
        if rows.dtype not in (np.float32, np.float64):
            rows = _to_float(rows, name)
        values = rows
    if rows.ndim != 2:
        raise ValueError(
            f"{name} must be 2-D (rows x features); got shape {rows.shape}. "
            "For a single feature, use reshape(-1, 1)."
        )
    if rows.shape[1] == 0:
        raise ValueError(
            f"{name} has no features (shape {rows.shape}); distances need at "
            "least one column."
        )
    if not _all_finite(values):
        raise ValueError(
            f"{name} contains NaN or infinity; nearest-neighbour distances need "
            "finite values. Impute or drop those rows first."
        )
    return rows


def _all_finite(values):
    """Whether every value is finite, without a mask as large as the data."""
    if np.isfinite(np.sum(values)):
        return True  # a NaN or inf anywhere makes the sum NaN or inf
    flat = values.reshape(-1) if values.flags.c_contiguous else values.ravel()
    step = 1 << 20
    return all(np.isfinite(flat[i : i + step]).all() for i in range(0, flat.size, step))


def _to_float(rows, name):
    try:
        return rows.astype(np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(
            f"{name} must be numeric to compute distances; got dtype "
            f"{rows.dtype}. Encode non-numeric features first."
        ) from exc


def _queries(R, query, query_indices):
    """``(query rows, None)`` for separate queries, else ``(None, positions in R)``."""
    if query is not None and query_indices is not None:
        raise ValueError(
            "When query is given, query_indices cannot be given too; pass either "
            "separate query rows or positions of rows of X."
        )
    if query is not None:
        Q = _as_rows(query, "query")
        if Q.shape[1] != R.shape[1]:
            raise ValueError(
                f"query has {Q.shape[1]} features but X has {R.shape[1]}; both "
                "must have the same columns."
            )
        return _same_kind(Q, R), None
    if query_indices is None:
        return None, range(R.shape[0])  # every row, excluded from its own neighbours
    return None, _positions(query_indices, R.shape[0])


def _same_kind(Q, R):
    if sp.issparse(R):
        return sp.csr_matrix(Q)
    return Q.toarray() if sp.issparse(Q) else Q


def _positions(query_indices, n_rows):
    positions = np.asarray(query_indices)
    if positions.ndim != 1 or not (
        positions.size == 0 or np.issubdtype(positions.dtype, np.integer)
    ):
        raise ValueError(
            "query_indices must be a 1-D sequence of int row positions of X; got "
            f"an array of dtype {positions.dtype} and shape {positions.shape}."
        )
    outside = (positions < 0) | (positions >= n_rows)
    if outside.any():
        raise ValueError(
            f"query_indices must be row positions in [0, {n_rows}) of X; got "
            f"{positions[outside][0]}."
        )
    return positions.astype(np.intp)


def _check_enough_rows(R, n_neighbors, excludes_self):
    available = R.shape[0] - excludes_self
    if n_neighbors <= available:
        return
    if excludes_self:
        raise ValueError(
            f"n_neighbors={n_neighbors} needs at least {n_neighbors + 1} rows in X "
            f"(a row is not its own neighbour); X has {R.shape[0]}. Lower "
            f"n_neighbors to at most {max(available, 0)} or add rows."
        )
    raise ValueError(
        f"n_neighbors={n_neighbors} needs at least {n_neighbors} rows in X; X has "
        f"{R.shape[0]}. Lower n_neighbors to at most {available} or add rows."
    )


def thread_count(n_jobs: int | None, subject: str = "n_jobs") -> int:
    """Threads for ``n_jobs``: None is 1, -1 every core, -2 all but one.

    ``subject`` starts the message refusing 0, e.g. "The 'n_jobs' parameter
    of kneighbors".
    """
    if n_jobs is None:
        return 1
    if n_jobs == 0:
        raise ValueError(
            f"{subject} cannot be 0; use None or 1 for one thread, -1 for all cores."
        )
    cores = os.cpu_count() or 1
    return int(n_jobs) if n_jobs > 0 else max(cores + 1 + int(n_jobs), 1)
