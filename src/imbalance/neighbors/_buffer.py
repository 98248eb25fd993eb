"""Fixed-width candidate buffers: each query row keeps its best few scores.

Scores are "larger is nearer" and carry an error of at most ``margin`` per
query row (see :mod:`._scoring`). A row's threshold is its k-th best score so
far minus twice its margin, rounded down to float32: no reference row scoring
below it can be among the k nearest, so such scores are never offered. Scores
at or above it are merged into the row's ``width`` best; one pushed out of
them is remembered in ``overflow`` (the best score ever pushed out). If, at
the end, that is still at or above the row's final threshold, the buffer may
have lost a candidate (many near-ties, such as duplicate rows), and the row
must be answered again by a search that keeps every candidate.

The buffers hold ``width`` float32 scores and int32 references per row
(int64 past 2**31 references): 8 bytes a candidate, where the answer takes 16
a neighbour.
"""

from __future__ import annotations

from contextlib import nullcontext

import numpy as np

__all__ = ["CandidateBuffer", "lower_float32"]


class CandidateBuffer:
    """The ``width`` best (score, reference) pairs of ``n_rows`` query rows.

    References are numbered ``0 .. n_refs - 1`` and stored as int32 when
    they fit.
    """

    def __init__(self, n_rows, n_neighbors, width, margin, n_refs):
        self.n_neighbors, self.width = n_neighbors, width
        self.double_margin = 2 * np.asarray(margin, dtype=np.float64)
        self.scores = np.full((n_rows, width), -np.inf, dtype=np.float32)
        ref_type = np.int32 if n_refs < 2**31 else np.int64
        self.refs = np.full((n_rows, width), -1, dtype=ref_type)
        self.threshold = np.full(n_rows, -np.inf, dtype=np.float32)
        self.overflow = np.full(n_rows, -np.inf, dtype=np.float32)

    def start(self, rows, scores, ref_start):
        """Fill rows ``rows`` (a slice) from a first block of their scores.

        ``scores[i, j]`` is the score of row ``rows.start + i`` against
        reference ``ref_start + j``. Only the scores at or above a cut that
        at least ``width + 1`` of the row's scores reach are merged, so one
        is always pushed out, and the best one pushed out stands for every
        score dropped below the cut.
        """
        keep = self.width + 1
        n_cols = scores.shape[1]
        if n_cols >= 16 * keep:
            # The keep-th best of 4 * keep segment maxima: at least keep scores
            # reach it (one per segment), and it costs one pass over the
            # scores where partitioning them costs several.
            n_segments = 4 * keep
            segment = n_cols // n_segments
            maxima = scores[:, : segment * n_segments].reshape(
                len(scores), n_segments, segment
            )
            cut = np.partition(maxima.max(axis=2), -keep, axis=1)[:, -keep]
        elif n_cols > keep:
            cut = np.partition(scores, -keep, axis=1)[:, -keep]
        else:
            cut = np.full(len(scores), -np.inf, dtype=scores.dtype)
        self.offer(*self.find(scores, rows, ref_start, cut))

    def offer_rows(self, scores, rows, ref_start, lock=None):
        """Offer ``scores[i, j]`` to row ``rows[i]`` against ``ref_start + j``.

        ``rows`` is a slice or an array of rows; ``lock`` guards the merge
        when other threads offer to the same rows.
        """
        found = self.find(scores, rows, ref_start)
        if found is not None:
            with lock or nullcontext():
                self.offer(*found)

    def find(self, scores, rows, ref_start, threshold=None):
        """The ``(rows, refs, scores)`` of a block that reach their thresholds, or None.

        A row maximum shows which rows hold a candidate at all; when many do,
        the whole block is compared in place rather than copied. Rows are
        returned in ascending order. ``threshold`` replaces the rows' own.
        """
        threshold = self.threshold[rows] if threshold is None else threshold
        hit = np.flatnonzero(scores.max(axis=1) >= threshold)
        if hit.size == 0:
            return None
        whole = 3 * hit.size > len(threshold)
        block = scores if whole else scores[hit]
        flat = np.flatnonzero(
            block >= threshold[hit if not whole else slice(None), None]
        )
        i, j = np.divmod(flat, scores.shape[1])
        i = i if whole else hit[i]
        return _row_at(rows, i), j + ref_start, block.ravel()[flat]

    def offer(self, rows, refs, scores):
        """Merge candidate pairs (each new to the buffer), grouped by row.

        The touched rows' buffers and their new pairs are laid side by side
        in one padded matrix, and one partition per row keeps the best.
        """
        if len(rows) == 0:
            return
        if np.any(rows[1:] < rows[:-1]):
            order = np.argsort(rows, kind="stable")
            rows, refs, scores = rows[order], refs[order], scores[order]
        starts = np.flatnonzero(np.concatenate([[True], rows[1:] != rows[:-1]]))
        counts = np.diff(np.append(starts, len(rows)))
        touched, width = rows[starts], self.width
        size = width + int(counts.max())
        merged_scores = np.full((len(touched), size), -np.inf, dtype=np.float32)
        merged_refs = np.full((len(touched), size), -1, dtype=self.refs.dtype)
        merged_scores[:, :width] = self.scores[touched]
        merged_refs[:, :width] = self.refs[touched]
        at = np.repeat(np.arange(len(touched)), counts)
        column = width + np.arange(len(rows)) - np.repeat(starts, counts)
        merged_scores[at, column] = scores
        merged_refs[at, column] = refs

        best = np.argpartition(merged_scores, -(width + 1), axis=1)[:, -(width + 1) :]
        best_scores = np.take_along_axis(merged_scores, best, axis=1)
        order = np.argsort(-best_scores, axis=1, kind="stable")
        best_scores = np.take_along_axis(best_scores, order, axis=1)
        best = np.take_along_axis(best, order, axis=1)
        self.scores[touched] = best_scores[:, :width]
        self.refs[touched] = np.take_along_axis(merged_refs, best[:, :width], axis=1)
        # The best score pushed out (the width + 1-th) may still be a candidate.
        self.overflow[touched] = np.maximum(
            self.overflow[touched], best_scores[:, width]
        )
        self._raise_thresholds(touched)

    def _raise_thresholds(self, rows):
        kth = self.scores[rows, self.n_neighbors - 1].astype(np.float64)
        raised = lower_float32(kth - self.double_margin[rows])
        self.threshold[rows] = np.maximum(self.threshold[rows], raised)

    def candidates(self):
        """``(rows, refs, complete)``: pairs kept, and which rows lost none."""
        keep = (self.scores >= self.threshold[:, None]) & (self.refs >= 0)
        rows = np.nonzero(keep)[0]
        complete = self.overflow < self.threshold
        return rows, self.refs[keep], complete


def _row_at(rows, i):
    """``rows[i]`` for a slice or an array of rows."""
    return i + rows.start if isinstance(rows, slice) else rows[i]


def lower_float32(values):
    """float64 ``values`` rounded down to float32, never up."""
    values = np.asarray(values, dtype=np.float64)
    rounded = values.astype(np.float32)
    too_high = rounded.astype(np.float64) > values
    rounded[too_high] = np.nextafter(rounded[too_high], np.float32(-np.inf))
    return rounded
