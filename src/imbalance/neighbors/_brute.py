"""Blocked brute force: float32 scores from one matrix product, exact re-rank.

For a query ``q`` the reference rows ``r`` are ordered by the score
``q.r - |r|^2 / 2``, which is larger for nearer rows (it is
``(|q|^2 - |q - r|^2) / 2``). Appending a column of ones to the queries and a
column of ``-|r|^2 / 2`` to the references makes one float32 GEMM give the
scores of a block of queries against a block of references directly.

The k-nearest selection is fused into the loop over reference blocks, so no
distance matrix is ever written: each query keeps a threshold and a pool of
candidates. The first block sets the threshold from its k-th best score;
later blocks only look at scores above it (a row maximum shows which queries
have any), and the threshold is raised from the pool as it fills.

Why it is exact: ``score_margin`` is a rigorous bound on the distance between
a float32 score and the float64 score of the exact distance (float32 rounding
of the inputs and of a dot product of ``d + 1`` terms in any summation order,
plus the float64 rounding of centring and of the exact distance). If ``s_k`` is
the k-th best float32 score seen, the k-th nearest row has an exact score of
at least ``s_k - margin``, so any row that can be among the k nearest (ties
included) has a float32 score of at least ``s_k - 2 * margin``. Every such row
stays in the pool, and :mod:`._exact` ranks the pool by float64 distances of
direct differences, ties by index. Rows are centred on the reference mean
first, which keeps the scores small and the margin tight, and scaled by a
power of two, which keeps float32 from overflowing or underflowing.

Memory per thread is one ``chunk_size x BLOCK_ROWS`` score block plus the
pools, whatever the number of rows. Threads take query chunks; NumPy releases
the GIL, and BLAS is held to one thread per worker. Sparse input follows the
same loop with float64 sparse products and no centring.
"""

from __future__ import annotations

import functools
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import scipy.sparse as sp
from threadpoolctl import ThreadpoolController

from ._exact import pair_sq_distances, rank_candidates
from ._pool import CandidatePool

__all__ = ["brute_kneighbors"]

# Reference rows per block: a float32 score block of chunk_size x 1024 (4 MiB at
# the default chunk size, which stays in cache).
BLOCK_ROWS = 1024


def brute_kneighbors(Q, R, self_index, n_neighbors, chunk_size, n_threads):
    """Exact k-NN of the rows of ``Q`` among the rows of ``R`` by brute force."""
    scorer = SparseScorer(R) if sp.issparse(R) else DenseScorer(R)
    distances = np.empty((Q.shape[0], n_neighbors))
    indices = np.empty((Q.shape[0], n_neighbors), dtype=np.intp)

    def answer_chunk(start):
        rows = slice(start, start + chunk_size)
        own = None if self_index is None else np.asarray(self_index[rows])
        found = _chunk_kneighbors(scorer, Q[rows], own, n_neighbors)
        distances[rows], indices[rows] = found

    starts = range(0, Q.shape[0], chunk_size)
    with _blas_controller().limit(limits=1, user_api="blas"):
        if n_threads == 1 or len(starts) == 1:
            for start in starts:
                answer_chunk(start)
        else:
            with ThreadPoolExecutor(max_workers=n_threads) as pool:
                list(pool.map(answer_chunk, starts))
    return distances, indices


@functools.cache
def _blas_controller():
    """The BLAS libraries loaded, found once (finding them takes milliseconds)."""
    return ThreadpoolController()


def _chunk_kneighbors(scorer, Q, own, n_neighbors):
    """Scan every reference block for one chunk of queries, then rank exactly."""
    prepared = scorer.prepare_queries(Q)
    pool = CandidatePool(Q.shape[0], n_neighbors, scorer.score_margin(prepared))
    block_rows = max(BLOCK_ROWS, n_neighbors + 1)
    for start in range(0, scorer.n_rows, block_rows):
        stop = min(start + block_rows, scorer.n_rows)
        scores = scorer.scores(prepared, start, stop)
        if own is not None:
            _exclude_own(scores, own, start, stop)
        pool.add(scores, start)

    query_rows, ref_rows = pool.candidates()
    sq = pair_sq_distances(Q, scorer.R, query_rows, ref_rows)
    return rank_candidates(query_rows, ref_rows, sq, n_neighbors, Q.shape[0])


def _exclude_own(scores, own, start, stop):
    inside = np.flatnonzero((own >= start) & (own < stop))
    scores[inside, own[inside] - start] = -np.inf


class DenseScorer:
    """Float32 scores of centred, power-of-two scaled dense rows, with their bound.

    Each chunk of queries gets a scale ``2**-e`` that brings its rows and the
    references to norms below 1, so float32 neither overflows nor underflows;
    a power of two changes no ranking and adds no rounding.
    """

    unit = 2.0**-24  # float32 unit roundoff

    def __init__(self, R):
        self.R, self.n_rows, self.n_features = R, R.shape[0], R.shape[1]
        self.center = R.mean(axis=0, dtype=np.float64)
        self.max_ref_norm = max(
            np.sqrt(self._centred(self.R[start : start + BLOCK_ROWS])[1].max())
            for start in range(0, self.n_rows, BLOCK_ROWS)
        )

    def _centred(self, rows, scale=1.0):
        centred = np.subtract(rows, self.center, dtype=np.float64)
        centred *= scale
        return centred, np.einsum("ij,ij->i", centred, centred)

    def prepare_queries(self, Q):
        """The chunk's queries as float32 rows ``[q, 1]``, with norms and scale."""
        largest = max(self.max_ref_norm, np.sqrt(self._centred(Q)[1].max(initial=0)))
        scale = 2.0 ** -np.frexp(largest)[1] if largest > 0 else 1.0
        rows, sq_norms = self._centred(Q, scale)
        queries = np.ones((len(rows), self.n_features + 1), dtype=np.float32)
        queries[:, :-1] = rows
        return queries, np.sqrt(sq_norms), scale

    def scores(self, prepared, start, stop):
        """Scores of the chunk's queries against reference rows ``start:stop``."""
        queries, _, scale = prepared
        rows, sq_norms = self._centred(self.R[start:stop], scale)
        refs = np.empty((stop - start, self.n_features + 1), dtype=np.float32)
        refs[:, :-1] = rows
        refs[:, -1] = -0.5 * sq_norms
        return queries @ refs.T

    def score_margin(self, prepared):
        _, query_norms, scale = prepared
        ref_norm = self.max_ref_norm * scale
        return score_margin(query_norms, ref_norm, self.n_features, self.unit)


class SparseScorer:
    """Float64 scores of CSR rows (not centred, to keep them sparse)."""

    unit = 2.0**-53  # float64 unit roundoff

    def __init__(self, R):
        self.R, self.n_rows, self.n_features = R, R.shape[0], R.shape[1]
        self.max_ref_norm = float(np.sqrt(_sparse_sq_norms(R).max(initial=0.0)))

    def prepare_queries(self, Q):
        return Q, np.sqrt(_sparse_sq_norms(Q))

    def scores(self, prepared, start, stop):
        refs = self.R[start:stop]
        scores = (prepared[0] @ refs.T).toarray()
        scores -= 0.5 * _sparse_sq_norms(refs)
        return scores

    def score_margin(self, prepared):
        return score_margin(prepared[1], self.max_ref_norm, self.n_features, self.unit)


def _sparse_sq_norms(A):
    return np.asarray(A.multiply(A).sum(axis=1), dtype=np.float64).ravel()


def score_margin(query_norms, max_ref_norm, n_features, unit):
    """Bound on |computed score - score of the exact float64 distance|, per query.

    Norms are those of the rows as scored (centred and scaled). The computed
    score is a dot product of ``n_features + 1`` terms rounded to ``unit``
    (inputs, products and sums, in any order): its error is at most
    ``(n_features + 3) * unit`` times ``|q||r| + |r|^2 / 2``. Centring and the
    exact distance are float64 operations with relative error, on rows at
    most ``|q| + |r|`` apart, which adds the second term. Both are doubled.
    """
    q, r = np.asarray(query_norms, dtype=np.float64), max_ref_norm
    terms = n_features + 4
    computed = 2 * terms * unit * (q * r + r * r / 2)
    exact = 2 * terms * 2.0**-53 * (q + r) ** 2
    return computed + exact
