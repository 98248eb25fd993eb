"""Blocked brute force (reference version: float64 scores, one block per chunk)."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from ._exact import pair_sq_distances, rank_candidates

__all__ = ["brute_kneighbors"]


def brute_kneighbors(Q, R, self_index, n_neighbors, chunk_size):
    """Exact k-NN of the rows of ``Q`` among the rows of ``R`` by brute force."""
    ref_sq_norms = _row_sq_norms(R)
    distances = np.empty((Q.shape[0], n_neighbors))
    indices = np.empty((Q.shape[0], n_neighbors), dtype=np.intp)
    for start in range(0, Q.shape[0], chunk_size):
        rows = slice(start, start + chunk_size)
        own = None if self_index is None else self_index[rows]
        distances[rows], indices[rows] = _chunk(
            Q[rows], R, ref_sq_norms, own, n_neighbors
        )
    return distances, indices


def _row_sq_norms(A):
    if sp.issparse(A):
        return np.asarray(A.multiply(A).sum(axis=1)).ravel()
    return np.einsum("ij,ij->i", A, A, dtype=np.float64)


def _chunk(Q, R, ref_sq_norms, own, n_neighbors):
    scores = Q @ R.T
    scores = np.asarray(
        scores.todense() if sp.issparse(scores) else scores, dtype=np.float64
    )
    scores -= 0.5 * ref_sq_norms
    if own is not None:
        scores[np.arange(len(own)), own] = -np.inf
    kth = np.partition(scores, -n_neighbors, axis=1)[:, -n_neighbors]
    margin = _margin(_row_sq_norms(Q), ref_sq_norms.max(), Q.shape[1])
    query_rows, ref_rows = np.nonzero(scores >= (kth - 2 * margin)[:, None])
    sq = pair_sq_distances(Q, R, query_rows, ref_rows)
    return rank_candidates(query_rows, ref_rows, sq, n_neighbors, Q.shape[0])


def _margin(query_sq_norms, max_ref_sq_norm, n_features):
    unit = 2.0**-52
    q, r = np.sqrt(query_sq_norms), np.sqrt(max_ref_sq_norm)
    return 4 * (n_features + 4) * unit * (q * r + r * r / 2 + (q + r) ** 2)
