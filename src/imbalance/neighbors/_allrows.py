"""All rows against all rows: each block product serves both of its blocks.

When every row of ``X`` is queried among the rows of ``X``, the distance of
rows ``i`` and ``j`` answers both ``i`` and ``j``. The rows are cut into
blocks; the product of blocks ``I`` and ``J`` (``I < J``) gives the symmetric
float32 scores of :class:`._scoring.SymmetricScorer` and is read twice: along
its rows for the queries of ``I`` and along its columns for those of ``J``.
That halves the arithmetic of the blocked search of :mod:`._brute`.

Each row's candidates live in a :class:`._buffer.CandidateBuffer`, filled
first from the row's own block. The blocks are cut from the rows in the
order of a coarse k-means clustering (:func:`spatial_order`), so a row's own
block already holds rows near it: thresholds start tight and most later
blocks cost only their product and a row and a column maximum. The order
changes the work, never the answer. Rows whose buffer overflowed with
near-ties are answered again by :mod:`._brute`, which widens its buffers
until none overflows; the rest are ranked exactly by :mod:`._exact`.

Memory: one score block per thread plus the buffers of every row,
``n_neighbors + SLACK`` float32 scores and int32 references each: 8 bytes a
candidate where the answer takes 16 a neighbour, so about the answer's size.
Threads take block rows; a lock per block guards its buffers.
"""

from __future__ import annotations

import itertools
import threading
import warnings

import numpy as np
from sklearn.cluster import KMeans
from threadpoolctl import threadpool_limits

from ._brute import SLACK, blas_single_thread, rank_rows, run_tasks
from ._buffer import CandidateBuffer
from ._scoring import SymmetricScorer

__all__ = ["allrows_kneighbors", "spatial_order"]

# Rows k-means is fitted on (then every row is assigned): the order only
# needs to be coarse.
ORDER_SAMPLE = 65536


def allrows_kneighbors(R, n_neighbors, n_threads, redo, block_rows):
    """Exact k-NN of every row of dense ``R`` among the other rows.

    Rows are swept in blocks of ``block_rows`` (the caller's ``chunk_size``).
    ``redo(rows)`` must answer the rows at positions ``rows`` exactly, each
    kept out of its own neighbours; it gets the rows whose buffer overflowed.
    ``R`` must have more than ``n_neighbors + SLACK`` rows.
    """
    n_rows = R.shape[0]
    width = n_neighbors + SLACK
    order = spatial_order(R, block_rows, n_threads)
    edges = [*range(0, n_rows, block_rows), n_rows]
    if len(edges) > 2 and edges[-1] - edges[-2] <= width:
        del edges[-2]  # a last block too small to start its rows: join it
    blocks = [slice(a, b) for a, b in itertools.pairwise(edges)]
    scorer = SymmetricScorer(R)
    # The sweep numbers rows by position in the order: position p is row order[p].
    margin = scorer.margin[order]
    buffer = CandidateBuffer(n_rows, n_neighbors, width, margin, n_rows)
    locks = [threading.Lock() for _ in blocks]

    scratch = threading.local()  # one score array per thread, reused

    def score_array(n_left, n_right):
        size = n_left * n_right
        if getattr(scratch, "array", np.empty(0)).size < size:
            scratch.array = np.empty((block_rows + width + 1) ** 2, dtype=np.float32)
        return scratch.array[:size].reshape(n_left, n_right)

    def own_block(b):
        left, right = scorer.prepare(order[blocks[b]])
        scores = np.matmul(left, right.T, out=score_array(len(left), len(right)))
        np.fill_diagonal(scores, -np.inf)
        buffer.start(blocks[b], scores, blocks[b].start)

    def pair(b, c, left, right):
        """Offer the scores of blocks ``b`` and ``c`` to the rows of both.

        A row maximum shows which rows of ``b`` hold a candidate, a column
        maximum which rows of ``c`` do; only those columns are scored again
        as rows (a small product beats a strided copy, and any float32
        evaluation of a score is within its margin).
        """
        scores = np.matmul(left, right.T, out=score_array(len(left), len(right)))
        buffer.offer_rows(scores, blocks[b], blocks[c].start, locks[b])
        hit = np.flatnonzero(scores.max(axis=0) >= buffer.threshold[blocks[c]])
        if hit.size:
            hit_rows = hit + blocks[c].start
            buffer.offer_rows(right[hit] @ left.T, hit_rows, blocks[b].start, locks[c])

    def two_block_rows(pair_of_rows):
        """Blocks ``b`` and ``b + 1`` against every later one, each prepared once."""
        lefts = {b: scorer.prepare(order[blocks[b]]) for b in pair_of_rows}
        if len(lefts) == 2:
            b, c = pair_of_rows
            pair(b, c, lefts[b][0], lefts[c][1])
        for c in range(pair_of_rows[-1] + 1, len(blocks)):
            _, right = scorer.prepare(order[blocks[c]])
            for b in pair_of_rows:
                pair(b, c, lefts[b][0], right)

    def rank(part):
        """Rank the candidates of buffer positions ``part`` (a slice) exactly."""
        take = slice(*np.searchsorted(positions, [part.start, part.stop]))
        rows, refs = order[positions[take]], order[ref_positions[take]]
        rank_rows(R, R, rows, refs, answered, n_neighbors, (distances, indices))

    pairs_of_rows = [(b, b + 1)[: len(blocks) - b] for b in range(0, len(blocks), 2)]
    with blas_single_thread():
        run_tasks(own_block, range(len(blocks)), n_threads)
        run_tasks(two_block_rows, pairs_of_rows, n_threads)

    distances = np.empty((n_rows, n_neighbors))
    indices = np.empty((n_rows, n_neighbors), dtype=np.intp)
    positions, ref_positions, complete = buffer.candidates()
    answered = np.empty(n_rows, dtype=bool)
    answered[order] = complete
    step = -(-n_rows // n_threads)
    run_tasks(rank, [slice(p, p + step) for p in range(0, n_rows, step)], n_threads)
    again = np.flatnonzero(~answered)
    if again.size:
        distances[again], indices[again] = redo(again)
    return distances, indices


def spatial_order(R, block_rows, n_threads):
    """A permutation of the rows of ``R`` that puts near rows in the same block.

    Rows are sorted by their k-means cluster (about one cluster per block),
    fitted with a fixed seed on a sample; ties keep the original order.
    """
    n_rows = R.shape[0]
    n_clusters = -(-n_rows // block_rows)
    if n_clusters < 2:
        return np.arange(n_rows)
    step = max(n_rows // ORDER_SAMPLE, 1)
    kmeans = KMeans(n_clusters, init="random", n_init=1, max_iter=5, random_state=0)
    with threadpool_limits(n_threads), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate rows: fewer distinct clusters
        labels = kmeans.fit(R[::step]).predict(R)
    return np.argsort(labels, kind="stable")
