"""Per-query candidate pools with a rising threshold, for blocked search.

Scores are "larger is nearer" and carry an error of at most ``margin`` per
query. A pool keeps every (query, reference, score) seen with a score at or
above its query's threshold, the k-th best score seen minus twice the margin;
see :mod:`._brute` for why no row that can be among the k nearest is dropped.
"""

from __future__ import annotations

import numpy as np

__all__ = ["CandidatePool"]


class CandidatePool:
    """Candidates of a chunk of queries, gathered block by block."""

    def __init__(self, n_query, n_neighbors, margin):
        self.n_query, self.n_neighbors = n_query, n_neighbors
        self.margin = np.asarray(margin, dtype=np.float64)
        self.threshold = None
        self.parts = []  # (query rows, reference rows, scores) per block
        self.size = 0
        self.added = 0

    def add(self, scores, start):
        """Keep the scores of a block (``scores[i, j]`` for reference ``start + j``)."""
        if self.threshold is None:
            kth = np.partition(scores, -self.n_neighbors, axis=1)[:, -self.n_neighbors]
            self.threshold = _lower(kth - 2 * self.margin, scores.dtype)
        threshold = self.threshold.astype(scores.dtype)
        hit = np.flatnonzero(scores.max(axis=1) >= threshold)
        if hit.size == 0:
            return
        if 4 * hit.size > len(scores):  # most rows hit: scan the whole block
            hit = np.arange(len(scores))
        block = scores[hit] if hit.size < len(scores) else scores
        flat = np.flatnonzero(block >= threshold[hit, None])
        rows, cols = np.divmod(flat, scores.shape[1])
        self.parts.append((hit[rows], cols + start, block.ravel()[flat]))
        self.added += len(flat)
        if self.added > max(self.size, self.n_query * self.n_neighbors):
            self._tighten()

    def _tighten(self):
        """Raise thresholds from the pool's k-th best scores; drop what falls below."""
        rows, refs, scores = (np.concatenate(p) for p in zip(*self.parts))
        order = np.lexsort((-scores, rows))
        counts = np.bincount(rows, minlength=self.n_query)
        full = np.flatnonzero(counts >= self.n_neighbors)
        first = np.cumsum(counts) - counts
        kth = scores[order[first[full] + self.n_neighbors - 1]]
        raised = _lower(kth - 2 * self.margin[full], scores.dtype)
        self.threshold[full] = np.maximum(self.threshold[full], raised)

        keep = scores >= self.threshold[rows].astype(scores.dtype)
        self.parts = [(rows[keep], refs[keep], scores[keep])]
        self.size, self.added = int(keep.sum()), 0

    def candidates(self):
        """All (query row, reference row) pairs kept, as two intp arrays."""
        if not self.parts:
            empty = np.empty(0, dtype=np.intp)
            return empty, empty
        rows, refs, _ = (np.concatenate(p) for p in zip(*self.parts))
        return rows.astype(np.intp), refs.astype(np.intp)


def _lower(values, dtype):
    """``values`` (float64) rounded down to ``dtype``, never up."""
    rounded = np.asarray(values, dtype=np.float64).astype(dtype)
    too_high = rounded.astype(np.float64) > values
    rounded[too_high] = np.nextafter(rounded[too_high], -np.inf, dtype=dtype)
    return rounded.astype(np.float64)
