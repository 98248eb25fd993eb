"""Choose brute force or the k-d tree by timing both on a sample of the queries.

Which one is faster depends on the data's intrinsic dimension, not on its
number of columns: a tree prunes well on rows that lie near a low-dimensional
surface and barely at all on rows that fill many dimensions. So instead of a
rule on ``d``, ``auto`` times a few hundred queries by brute force and a few
dozen with a tree built on all the rows, and compares the time per query
(the tree's bare query: the exact re-rank after it costs little).
The tree's cost varies much from query to query, so it is timed in rounds
(stopping as soon as it is clearly slower) and must promise a clear win. The
tree it built is handed on, so choosing it costs no second build.
"""

from __future__ import annotations

import time

import numpy as np
import scipy.sparse as sp
from scipy.spatial import cKDTree

from ._brute import brute_kneighbors
from ._tree import EXTRA as TREE_EXTRA

__all__ = ["choose_method"]

# Below this many query x reference pairs brute force takes a few tens of ms.
SMALL_PROBLEM = 50_000_000
BRUTE_SAMPLE = 256
TREE_ROUNDS, TREE_ROUND_ROWS = 4, 16
# How many times faster per query the tree must look to be chosen.
TREE_ADVANTAGE = 1.5


def choose_method(Q, R, self_index, n_neighbors, n_threads, brute_speedup=1.0):
    """``("brute", None)`` or ``("tree", fitted cKDTree)``, whichever is faster.

    The queries are ``Q``, or when ``Q`` is None the rows of ``R`` at
    ``self_index`` (only the timed ones are copied out). ``brute_speedup`` is
    how much faster per query than the timed query path brute force will run
    (about 2 when most rows are queried, see :mod:`._allrows`).
    """
    n_query = len(self_index) if Q is None else Q.shape[0]
    if sp.issparse(R) or n_query * R.shape[0] < SMALL_PROBLEM:
        return "brute", None

    def rows(picks):
        return R[np.asarray(self_index)[picks]] if Q is None else Q[picks]

    rng = np.random.default_rng(0)  # fixed: the choice never changes the answer
    sample = np.sort(rng.choice(n_query, min(n_query, BRUTE_SAMPLE), replace=False))
    own = None if self_index is None else np.asarray(self_index)[sample]
    chunk = -(-len(sample) // n_threads)
    start = time.perf_counter()
    brute_kneighbors(rows(sample), R, own, n_neighbors, chunk, n_threads)
    brute_per_query = (time.perf_counter() - start) / len(sample) / brute_speedup

    tree = cKDTree(R)
    limit = brute_per_query / TREE_ADVANTAGE
    if _tree_beats(limit, tree, rows, n_query, n_neighbors, n_threads, rng):
        return "tree", tree
    return "brute", None


def _tree_beats(limit, tree, rows, n_query, n_neighbors, n_threads, rng):
    """Whether the tree answers queries ``rows(picks)`` in under ``limit`` s each."""
    elapsed, done = 0.0, 0
    for _ in range(TREE_ROUNDS):
        probe = rows(rng.choice(n_query, min(n_query, TREE_ROUND_ROWS)))
        start = time.perf_counter()
        tree.query(probe, k=n_neighbors + 1 + TREE_EXTRA, workers=n_threads)
        elapsed, done = elapsed + time.perf_counter() - start, done + len(probe)
        if elapsed / done > 2 * limit:
            return False  # clearly slower: stop timing it
    return elapsed / done < limit
