"""Blocked brute force: every query against every reference row, in blocks.

Each chunk of queries is scored against one block of reference rows at a
time by a float32 matrix product (:mod:`._scoring`), and the k-nearest
selection is fused into that loop, so no distance matrix is ever written:
each query keeps its best few candidates and a threshold in a
:class:`._buffer.CandidateBuffer`. The first block fills the buffers; later
blocks only look closer at the queries whose row maximum reaches their
threshold. Rows whose buffer overflowed with near-ties (many duplicates) are
searched again with buffers four times wider, until none overflows. The
candidates kept are ranked exactly by :mod:`._exact`.

When every row of ``X`` is queried among the rows of ``X``, :mod:`._allrows`
does the same with each product serving two blocks of rows.

Memory per thread is one ``chunk_size x BLOCK_ROWS`` score block, a chunk of
prepared queries and its buffers, whatever the number of rows. Threads take
query chunks; NumPy releases the GIL, and BLAS is held to one thread per
worker. Sparse input follows the same loop with float64 sparse products and
no centring.
"""

from __future__ import annotations

import functools
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import scipy.sparse as sp
from threadpoolctl import ThreadpoolController

from ._buffer import CandidateBuffer
from ._exact import pair_sq_distances, rank_candidates
from ._scoring import DenseScorer, SparseScorer

__all__ = ["SLACK", "brute_kneighbors", "run_tasks"]

# Reference rows per block: a float32 score block of chunk_size x 2048 (16 MiB
# at the default chunk size), written into the same array for every block.
BLOCK_ROWS = 2048
# Candidates a buffer keeps per query beyond n_neighbors, for near-ties.
SLACK = 3


def brute_kneighbors(Q, R, self_index, n_neighbors, chunk_size, n_threads):
    """Exact k-NN of the rows of ``Q`` among the rows of ``R`` by brute force.

    ``self_index[i]`` (when given) is the position in ``R`` of query ``i``,
    kept out of its own neighbours.
    """
    scorer = SparseScorer(R) if sp.issparse(R) else DenseScorer(R)
    own = None if self_index is None else np.asarray(self_index)
    distances = np.empty((Q.shape[0], n_neighbors))
    indices = np.empty((Q.shape[0], n_neighbors), dtype=np.intp)

    def answer_chunk(start):
        rows = slice(start, start + chunk_size)
        found = _chunk_kneighbors(
            scorer, Q[rows], None if own is None else own[rows], n_neighbors
        )
        distances[rows], indices[rows] = found

    with blas_single_thread():
        run_tasks(answer_chunk, range(0, Q.shape[0], chunk_size), n_threads)
    return distances, indices


def blas_single_thread():
    """A context holding BLAS to one thread (the threads here take the blocks)."""
    return _blas_controller().limit(limits=1, user_api="blas")


@functools.cache
def _blas_controller():
    """The BLAS libraries loaded, found once (finding them takes milliseconds)."""
    return ThreadpoolController()


def run_tasks(task, items, n_threads):
    """``[task(item) for item in items]``, on ``n_threads`` threads."""
    items = list(items)
    if n_threads == 1 or len(items) == 1:
        return [task(item) for item in items]
    with ThreadPoolExecutor(max_workers=n_threads) as pool:
        return list(pool.map(task, items))


def _chunk_kneighbors(scorer, Q, own, n_neighbors, width=None):
    """Scan every reference block for one chunk of queries, then rank exactly."""
    width = n_neighbors + SLACK if width is None else width
    prepared = scorer.prepare_queries(Q)
    queries = slice(0, Q.shape[0])
    margin = scorer.score_margin(prepared)
    buffer = CandidateBuffer(Q.shape[0], n_neighbors, width, margin, scorer.n_rows)
    block_rows = max(BLOCK_ROWS, width + 1)
    out = np.empty(Q.shape[0] * block_rows, dtype=np.float32)
    for start in range(0, scorer.n_rows, block_rows):
        stop = min(start + block_rows, scorer.n_rows)
        refs = scorer.references(prepared, start, stop)
        scores = out[: Q.shape[0] * (stop - start)].reshape(-1, stop - start)
        scores = scorer.scores(prepared, refs, scores)
        if own is not None:
            _exclude_own(scores, own, start, stop)
        if start == 0:
            buffer.start(queries, scores, 0)
        else:
            buffer.offer_rows(scores, queries, start)

    rows, refs, complete = buffer.candidates()
    distances = np.empty((Q.shape[0], n_neighbors))
    indices = np.empty((Q.shape[0], n_neighbors), dtype=np.intp)
    rank_rows(Q, scorer.R, rows, refs, complete, n_neighbors, out=(distances, indices))
    again = np.flatnonzero(~complete)
    if again.size:  # near-ties overflowed these buffers: ask with wider ones
        sub_own = None if own is None else own[again]
        distances[again], indices[again] = _chunk_kneighbors(
            scorer, Q[again], sub_own, n_neighbors, 4 * width
        )
    return distances, indices


def rank_rows(Q, R, rows, refs, complete, n_neighbors, out):
    """Rank exactly the candidates ``(rows[p], refs[p])`` of the complete rows.

    ``rows`` index the rows of ``Q`` (and of ``out``, the distances and
    indices written at those rows), ``refs`` the rows of ``R``; every
    complete row present must have at least ``n_neighbors`` candidates.
    """
    take = complete[rows]
    rows, refs = rows[take], refs[take]
    done, local = np.unique(rows, return_inverse=True)
    sq = pair_sq_distances(Q, R, rows, refs)
    distances, indices = out
    distances[done], indices[done] = rank_candidates(
        local, refs, sq, n_neighbors, len(done)
    )


def _exclude_own(scores, own, start, stop):
    inside = np.flatnonzero((own >= start) & (own < stop))
    scores[inside, own[inside] - start] = -np.inf
