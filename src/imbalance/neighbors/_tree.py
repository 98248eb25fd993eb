"""k-d tree search (scipy's cKDTree), made exact by re-ranking in float64.

The tree proposes the nearest rows by its own arithmetic; its distances agree
with the exact ones to a relative 1e-12 or so, but not bit for bit, and it
breaks ties its own way. So every row within a slightly widened radius of the
tree's k-th distance becomes a candidate, and the exact ranking of
:mod:`._exact` decides. Rows whose widened radius holds more points than the
tree returned (many ties) are asked again with a ball query.
"""

from __future__ import annotations

import numpy as np
from scipy.spatial import cKDTree

from ._exact import pair_sq_distances, rank_candidates

__all__ = ["tree_kneighbors"]

# Relative widening of the tree's k-th distance: far above float64 rounding.
_WIDEN = 1e-9
# Extra neighbours asked of the tree so that ties at the k-th distance are seen.
EXTRA = 3


def tree_kneighbors(Q, R, self_index, n_neighbors, n_jobs, chunk_size, tree=None):
    """Exact k-NN of the rows of ``Q`` among the rows of ``R`` with a k-d tree.

    Queries go to the tree ``chunk_size`` rows at a time (each chunk on
    ``n_jobs`` threads), which bounds the working memory beyond the tree.
    """
    tree = cKDTree(R) if tree is None else tree
    distances = np.empty((Q.shape[0], n_neighbors))
    indices = np.empty((Q.shape[0], n_neighbors), dtype=np.intp)
    for start in range(0, Q.shape[0], chunk_size):
        rows = slice(start, start + chunk_size)
        own = None if self_index is None else self_index[rows]
        found = _tree_chunk(tree, Q[rows], R, own, n_neighbors, n_jobs)
        distances[rows], indices[rows] = found
    return distances, indices


def _tree_chunk(tree, Q, R, self_index, n_neighbors, n_jobs):
    n_ask = min(n_neighbors + EXTRA + (self_index is not None), R.shape[0])
    tree_dist, tree_index = tree.query(Q, k=n_ask, workers=n_jobs)
    tree_dist = tree_dist.reshape(len(Q), n_ask)
    tree_index = tree_index.reshape(len(Q), n_ask)
    radius = _kth_other(tree_dist, tree_index, self_index, n_neighbors) * (1 + _WIDEN)

    inside = tree_dist <= radius[:, None]
    query_rows, slots = np.nonzero(inside)
    ref_rows = tree_index[query_rows, slots]
    unresolved = np.flatnonzero(inside[:, -1]) if n_ask < R.shape[0] else []
    if len(unresolved):
        keep = ~np.isin(query_rows, unresolved)
        ball_q, ball_r = _ball_pairs(tree, Q, unresolved, radius, n_jobs)
        query_rows = np.concatenate([query_rows[keep], ball_q])
        ref_rows = np.concatenate([ref_rows[keep], ball_r])
    if self_index is not None:
        other = ref_rows != self_index[query_rows]
        query_rows, ref_rows = query_rows[other], ref_rows[other]

    sq = pair_sq_distances(Q, R, query_rows, ref_rows)
    return rank_candidates(query_rows, ref_rows, sq, n_neighbors, len(Q))


def _kth_other(tree_dist, tree_index, self_index, n_neighbors):
    """The tree's distance to the k-th returned row that is not the query itself."""
    if self_index is None:
        return tree_dist[:, n_neighbors - 1]
    is_other = tree_index != self_index[:, None]
    rank_among_others = np.cumsum(is_other, axis=1)
    slot = np.argmax(rank_among_others >= n_neighbors, axis=1)
    return tree_dist[np.arange(len(tree_dist)), slot]


def _ball_pairs(tree, Q, rows, radius, n_jobs):
    found = tree.query_ball_point(Q[rows], radius[rows], workers=n_jobs)
    counts = np.array([len(f) for f in found])
    query_rows = np.repeat(rows, counts)
    ref_rows = np.concatenate(found).astype(np.intp) if len(found) else found
    return query_rows, ref_rows
