"""The exact answer: float64 distances of candidate pairs, ranked with ties by index.

Every search method in this package only proposes candidate pairs (a query row,
a reference row); the functions here decide. A pair's distance is always
computed the same way, from the direct differences of the two rows in
float64, so the same pair gets the same bits whichever method proposed it.
The ranking sorts each query's candidates by (distance, reference index), so
equal distances are broken by the smaller index.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

__all__ = ["pair_sq_distances", "rank_candidates"]

# Pairs whose difference rows are materialised at once (bounds memory).
_PAIRS_PER_STEP = 8192


def pair_sq_distances(Q, R, query_rows, ref_rows):
    """Squared Euclidean distance of each pair ``(Q[query_rows[p]], R[ref_rows[p]])``.

    Both inputs dense (float32 or float64, upcast) or both CSR. Returns float64.
    """
    out = np.empty(len(query_rows), dtype=np.float64)
    for start in range(0, len(query_rows), _PAIRS_PER_STEP):
        step = slice(start, start + _PAIRS_PER_STEP)
        if sp.issparse(R):
            out[step] = _sparse_sq(Q[query_rows[step]], R[ref_rows[step]])
        else:
            diff = Q[query_rows[step]].astype(np.float64)
            diff -= R[ref_rows[step]]
            out[step] = np.einsum("ij,ij->i", diff, diff)
    return out


def _sparse_sq(Q_rows, R_rows):
    diff = (Q_rows.astype(np.float64) - R_rows).tocsr()
    row_of_value = np.repeat(np.arange(diff.shape[0]), np.diff(diff.indptr))
    return np.bincount(row_of_value, weights=diff.data**2, minlength=diff.shape[0])


def rank_candidates(query_rows, ref_rows, sq_distances, n_neighbors, n_query):
    """The ``n_neighbors`` best candidates of each query, by (distance, index).

    ``query_rows`` numbers the queries ``0 .. n_query - 1``; every query must
    have at least ``n_neighbors`` candidates, each pair listed once.
    Returns ``(distances, indices)`` of shape ``(n_query, n_neighbors)``.
    """
    order = np.lexsort((ref_rows, sq_distances, query_rows))
    first = np.searchsorted(query_rows[order], np.arange(n_query))
    take = order[first[:, None] + np.arange(n_neighbors)]
    distances = np.sqrt(sq_distances[take])
    return distances, ref_rows[take].astype(np.intp, copy=False)
