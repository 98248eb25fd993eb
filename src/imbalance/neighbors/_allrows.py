"""All rows against all rows: each block product serves both of its blocks.

When every row of ``X`` is queried among the rows of ``X``, the distance of
rows ``i`` and ``j`` answers both ``i`` and ``j``. The rows are cut into
blocks; the product of blocks ``I`` and ``J`` (``I < J``) gives the symmetric
float32 scores of :class:`._scoring.SymmetricScorer` and is read twice: along
its rows for the queries of ``I`` and along its columns for those of ``J``.
That halves the arithmetic of the blocked search of :mod:`._brute`.

Each row's candidates live in a :class:`._buffer.CandidateBuffer`, filled
first from the row's own block. The blocks are cut from the rows in the
order of a coarse k-means clustering (:func:`spatial_clusters`), so a row's own
block already holds rows near it: thresholds start tight and most later
blocks cost only their product and a row and a column maximum. The order
changes the work, never the answer. Rows whose buffer overflowed with
near-ties are answered again by :mod:`._brute`, which widens its buffers
until none overflows; the rest are ranked exactly by :mod:`._exact`.

:func:`block_kneighbors` runs the first phase alone, on blocks that follow
the k-means clusters: each row's nearest rows within its cluster, an upper
bound of its exact neighbour distances for about one block product per block.

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

__all__ = ["allrows_kneighbors", "block_kneighbors", "spatial_clusters"]

# Rows k-means is fitted on, at most (then every row is assigned): the order
# only needs to be coarse, and one thread fits this many in tens of ms.
ORDER_SAMPLE = 32768


def allrows_kneighbors(R, n_neighbors, n_threads, redo, block_rows):
    """Exact k-NN of every row of dense ``R`` among the other rows.

    Rows are swept in blocks of ``block_rows`` (the caller's ``chunk_size``).
    ``redo(rows)`` must answer the rows at positions ``rows`` exactly, each
    kept out of its own neighbours; it gets the rows whose buffer overflowed.
    ``R`` must have more than ``n_neighbors + SLACK`` rows.
    """
    sweep = _Sweep(R, n_neighbors, n_threads, block_rows)
    with blas_single_thread():
        sweep.own_blocks()
        sweep.block_pairs()
    distances, indices, answered = sweep.ranked()
    again = np.flatnonzero(~answered)
    if again.size:
        distances[again], indices[again] = redo(again)
    return distances, indices


def block_kneighbors(R, n_neighbors, n_threads, block_rows):
    """Each row's k nearest other rows within its own k-means cluster.

    Not the exact answer: only the first phase of the sweep, on blocks that
    follow the clusters of :func:`spatial_clusters` (about ``block_rows``
    rows each, at most twice that). The neighbours are real rows ranked by
    their exact distances, so each distance is at least the exact one at
    its rank: an upper bound, at a cost of one block product per block.
    ``R`` must have more than ``n_neighbors + SLACK`` rows.
    """
    sweep = _Sweep(R, n_neighbors, n_threads, block_rows, by_cluster=True)
    with blas_single_thread():
        sweep.own_blocks()
    distances, indices, _ = sweep.ranked(every_row=True)
    return distances, indices


class _Sweep:
    """The blocks, scores and candidate buffers of one sweep over ``R``.

    Blocks have ``block_rows`` rows of the spatial order, or with
    ``by_cluster`` are its clusters (those over twice ``block_rows`` cut
    into equal parts), which suits a search within blocks only.
    """

    def __init__(self, R, n_neighbors, n_threads, block_rows, by_cluster=False):
        self.R, self.n_neighbors, self.n_threads = R, n_neighbors, n_threads
        self.width = n_neighbors + SLACK
        n_rows = R.shape[0]
        self.order, starts = spatial_clusters(R, block_rows, n_threads)
        if by_cluster:
            edges = _cluster_edges(starts, n_rows, block_rows)
        else:
            edges = [*range(0, n_rows, block_rows), n_rows]
        # A block needs more than width rows to start its rows: join small ones.
        edges = _join_small(edges, self.width + 1)
        self.blocks = [slice(a, b) for a, b in itertools.pairwise(edges)]
        self.largest_block = max(b.stop - b.start for b in self.blocks)
        self.scorer = SymmetricScorer(R)
        # The sweep numbers rows by position in the order: position p is row order[p].
        margin = self.scorer.margin[self.order]
        self.buffer = CandidateBuffer(n_rows, n_neighbors, self.width, margin, n_rows)
        self.locks = [threading.Lock() for _ in self.blocks]
        self.scratch = threading.local()  # one score array per thread, reused

    def _score_array(self, n_left, n_right):
        """This thread's score array (room for any two blocks), shaped as asked."""
        if not hasattr(self.scratch, "array"):
            self.scratch.array = np.empty(self.largest_block**2, dtype=np.float32)
        return self.scratch.array[: n_left * n_right].reshape(n_left, n_right)

    def _prepare(self, b):
        return self.scorer.prepare(self.order[self.blocks[b]])

    def own_blocks(self):
        """Fill every row's buffer from the rows of its own block."""

        def own_block(b):
            left, right = self._prepare(b)
            out = self._score_array(len(left), len(right))
            scores = np.matmul(left, right.T, out=out)
            np.fill_diagonal(scores, -np.inf)
            self.buffer.start(self.blocks[b], scores, self.blocks[b].start)

        run_tasks(own_block, range(len(self.blocks)), self.n_threads)

    def block_pairs(self):
        """Offer every pair of different blocks, block rows two at a time."""
        blocks, buffer, locks = self.blocks, self.buffer, self.locks

        def pair(b, c, left, right):
            """Offer the scores of blocks ``b`` and ``c`` to the rows of both.

            A row maximum shows which rows of ``b`` hold a candidate, a
            column maximum which rows of ``c`` do; only those columns are
            scored again as rows (a small product beats a strided copy, and
            any float32 evaluation of a score is within its margin).
            """
            out = self._score_array(len(left), len(right))
            scores = np.matmul(left, right.T, out=out)
            buffer.offer_rows(scores, blocks[b], blocks[c].start, locks[b])
            hit = np.flatnonzero(scores.max(axis=0) >= buffer.threshold[blocks[c]])
            if hit.size:
                hit_rows = hit + blocks[c].start
                again = right[hit] @ left.T
                buffer.offer_rows(again, hit_rows, blocks[b].start, locks[c])

        def two_block_rows(pair_of_rows):
            """Blocks ``b`` and ``b + 1`` against every later one, each made once."""
            lefts = {b: self._prepare(b) for b in pair_of_rows}
            if len(lefts) == 2:
                b, c = pair_of_rows
                pair(b, c, lefts[b][0], lefts[c][1])
            for c in range(pair_of_rows[-1] + 1, len(blocks)):
                _, right = self._prepare(c)
                for b in pair_of_rows:
                    pair(b, c, lefts[b][0], right)

        n_blocks = len(blocks)
        pairs_of_rows = [(b, b + 1)[: n_blocks - b] for b in range(0, n_blocks, 2)]
        run_tasks(two_block_rows, pairs_of_rows, self.n_threads)

    def ranked(self, every_row=False):
        """``(distances, indices, answered)`` ranked exactly from the buffers.

        Rows whose buffer overflowed are not answered (their rows of the
        result are left unset) unless ``every_row``, which ranks what they
        kept.
        """
        R, order, n_neighbors = self.R, self.order, self.n_neighbors
        n_rows = R.shape[0]
        distances = np.empty((n_rows, n_neighbors))
        indices = np.empty((n_rows, n_neighbors), dtype=np.intp)
        positions, ref_positions, complete = self.buffer.candidates()
        answered = np.empty(n_rows, dtype=bool)
        answered[order] = True if every_row else complete

        def rank(part):
            """Rank the candidates of buffer positions ``part`` (a slice)."""
            take = slice(*np.searchsorted(positions, [part.start, part.stop]))
            rows, refs = order[positions[take]], order[ref_positions[take]]
            out = (distances, indices)
            rank_rows(R, R, rows, refs, answered, n_neighbors, out)

        step = -(-n_rows // self.n_threads)
        parts = [slice(p, p + step) for p in range(0, n_rows, step)]
        run_tasks(rank, parts, self.n_threads)
        return distances, indices, answered


def spatial_clusters(R, block_rows, n_threads):
    """``(order, starts)``: a permutation of the rows that puts near rows together.

    Rows are sorted by their k-means cluster (about ``block_rows`` rows a
    cluster), fitted with a fixed seed on a sample by one thread (so the
    order is the same for any ``n_threads``); ties keep the original order.
    ``starts`` are the positions in ``order`` where the clusters begin.
    """
    n_rows = R.shape[0]
    n_clusters = -(-n_rows // block_rows)
    if n_clusters < 2:
        return np.arange(n_rows), np.zeros(1, dtype=np.intp)
    step = -(-n_rows // ORDER_SAMPLE)  # a sample of at most ORDER_SAMPLE rows
    kmeans = KMeans(n_clusters, init="random", n_init=1, max_iter=5, random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate rows: fewer distinct clusters
        with threadpool_limits(1):  # sums in one order: the same for any n_jobs
            kmeans.fit(R[::step])
        with threadpool_limits(n_threads):
            labels = kmeans.predict(R)
    order = np.argsort(labels, kind="stable")
    sizes = np.bincount(labels)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])[sizes > 0]
    return order, starts


def _join_small(edges, min_rows):
    """``edges`` without the inner ones that leave a block under ``min_rows`` rows."""
    kept = [edges[0]]
    for edge in edges[1:-1]:
        if edge - kept[-1] >= min_rows:
            kept.append(edge)
    if len(kept) > 1 and edges[-1] - kept[-1] < min_rows:
        kept.pop()
    return [*kept, edges[-1]]


def _cluster_edges(starts, n_rows, block_rows):
    """Block edges at cluster starts, clusters over ``2 * block_rows`` cut evenly."""
    ends = [*starts[1:], n_rows]
    edges = []
    for start, end in zip(starts, ends):
        parts = -(-(end - start) // (2 * block_rows))
        edges.extend(start + (end - start) * p // parts for p in range(parts))
    return [*edges, n_rows]
