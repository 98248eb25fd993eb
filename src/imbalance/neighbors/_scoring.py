"""Float32 scores with a rigorous error bound, for blocked brute force.

For a query ``q`` the reference rows ``r`` are ordered by the score
``q.r - |r|^2 / 2``, which is larger for nearer rows (it is
``(|q|^2 - |q - r|^2) / 2``). Appending a column of ones to the queries and a
column of ``-|r|^2 / 2`` to the references makes one float32 GEMM give the
scores of a block of queries against a block of references directly. When
the queries are the references themselves, :class:`SymmetricScorer` scores
``-|x_i - x_j|^2 / 2`` instead, which is the same for ``(i, j)`` and
``(j, i)``, so one product serves both rows.

Why the search stays exact: each scorer's margin is a rigorous bound on the
distance between a float32 score and the float64 score of the exact distance
(float32 rounding of the inputs and of a dot product of a few more than ``d``
terms in any summation order, plus the float64 rounding of centring and of
the exact distance). If ``s_k`` is the k-th best float32 score seen, the k-th
nearest row has an exact score of at least ``s_k - margin``, so any row that
can be among the k nearest (ties included) has a float32 score of at least
``s_k - 2 * margin``. Every such row is kept as a candidate
(:mod:`._buffer`), and :mod:`._exact` ranks the candidates by float64
distances of direct differences, ties by index. Rows are centred on the
reference mean first, which keeps the scores small and the margin tight, and
scaled by a power of two, which keeps float32 from overflowing or
underflowing and changes no ranking. Sparse input is scored in float64 from
sparse products, without centring (which would make it dense).
"""

from __future__ import annotations

import numpy as np

__all__ = ["DenseScorer", "SparseScorer", "SymmetricScorer", "score_margin"]

# Rows centred per step when a scorer measures norms (bounds the memory).
NORM_ROWS = 4096


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
        self.ref_norms = np.concatenate(
            [
                np.sqrt(self._centred(R[start : start + NORM_ROWS])[1])
                for start in range(0, self.n_rows, NORM_ROWS)
            ]
        )
        self.max_ref_norm = self.ref_norms.max(initial=0.0)

    def _centred(self, rows, scale=1.0):
        centred = np.subtract(rows, self.center, dtype=np.float64)
        centred *= scale
        return centred, np.einsum("ij,ij->i", centred, centred)

    def prepare_queries(self, Q):
        """The chunk's queries as float32 rows ``[q, 1]``, with norms and scale."""
        largest = max(self.max_ref_norm, np.sqrt(self._centred(Q)[1].max(initial=0)))
        rows, sq_norms = self._centred(Q, _unit_scale(largest))
        queries = np.ones((len(rows), self.n_features + 1), dtype=np.float32)
        queries[:, :-1] = rows
        return queries, np.sqrt(sq_norms), _unit_scale(largest)

    def references(self, prepared, start, stop):
        """Reference rows ``start:stop`` as float32 rows ``[r, -|r|^2 / 2]``."""
        rows, sq_norms = self._centred(self.R[start:stop], prepared[2])
        refs = np.empty((stop - start, self.n_features + 1), dtype=np.float32)
        refs[:, :-1] = rows
        refs[:, -1] = -0.5 * sq_norms
        return refs

    def scores(self, prepared, refs, out):
        """Scores of the chunk's queries against ``refs``, written to ``out``."""
        return np.matmul(prepared[0], refs.T, out=out)

    def score_margin(self, prepared):
        _, query_norms, scale = prepared
        ref_norm = self.max_ref_norm * scale
        return score_margin(query_norms, ref_norm, self.n_features, self.unit)


class SymmetricScorer(DenseScorer):
    """Scores ``-|x_i - x_j|^2 / 2`` of rows against rows of the same data.

    Rows become float32 ``[x, -|x|^2 / 2, 1]`` on the left of the product and
    ``[x, 1, -|x|^2 / 2]`` on the right, under one scale for all rows (they
    are both queries and references). ``margin`` holds each row's bound.
    """

    def __init__(self, R):
        super().__init__(R)
        self.scale = _unit_scale(self.max_ref_norm)
        self.margin = score_margin(
            self.ref_norms * self.scale,
            self.max_ref_norm * self.scale,
            self.n_features + 1,
            self.unit,
            query_term=True,
        )

    def prepare(self, positions):
        """Rows ``R[positions]`` as the left and the right factor of products."""
        centred, sq_norms = self._centred(self.R[positions], self.scale)
        left = np.empty((len(centred), self.n_features + 2), dtype=np.float32)
        left[:, :-2] = centred
        left[:, -2] = -0.5 * sq_norms
        left[:, -1] = 1.0
        right = left.copy()
        right[:, -2], right[:, -1] = 1.0, left[:, -2]
        return left, right


def _unit_scale(largest_norm):
    """The power of two that brings ``largest_norm`` below 1 (1 for zero)."""
    return 2.0 ** -np.frexp(largest_norm)[1] if largest_norm > 0 else 1.0


class SparseScorer:
    """Float64 scores of CSR rows (not centred, to keep them sparse)."""

    unit = 2.0**-53  # float64 unit roundoff

    def __init__(self, R):
        self.R, self.n_rows, self.n_features = R, R.shape[0], R.shape[1]
        self.max_ref_norm = float(np.sqrt(_sparse_sq_norms(R).max(initial=0.0)))

    def prepare_queries(self, Q):
        return Q, np.sqrt(_sparse_sq_norms(Q))

    def references(self, prepared, start, stop):
        refs = self.R[start:stop]
        return refs, _sparse_sq_norms(refs)

    def scores(self, prepared, refs, out):
        scores = (prepared[0] @ refs[0].T).toarray()
        scores -= 0.5 * refs[1]
        return scores

    def score_margin(self, prepared):
        return score_margin(prepared[1], self.max_ref_norm, self.n_features, self.unit)


def _sparse_sq_norms(A):
    return np.asarray(A.multiply(A).sum(axis=1), dtype=np.float64).ravel()


def score_margin(query_norms, max_ref_norm, n_features, unit, query_term=False):
    """Bound on |computed score - score of the exact float64 distance|, per query.

    Norms are those of the rows as scored (centred and scaled). The computed
    score is a dot product of ``n_features + 1`` terms rounded to ``unit``
    (inputs, products and sums, in any order): its error is at most
    ``(n_features + 3) * unit`` times the sum of the terms' magnitudes,
    ``|q||r| + |r|^2 / 2`` (plus ``|q|^2 / 2`` with ``query_term``, for the
    symmetric score). Centring and the exact distance are float64 operations
    with relative error, on rows at most ``|q| + |r|`` apart, which adds the
    second term. Both are doubled.
    """
    q, r = np.asarray(query_norms, dtype=np.float64), max_ref_norm
    terms = n_features + 4
    magnitude = q * r + r * r / 2 + (q * q / 2 if query_term else 0.0)
    computed = 2 * terms * unit * magnitude
    exact = 2 * terms * 2.0**-53 * (q + r) ** 2
    return computed + exact
