"""Choose brute force or the k-d tree by timing both on a sample of the queries.

Which one is faster depends on the data's intrinsic dimension, not on its
number of columns: a tree prunes well on rows that lie near a low-dimensional
surface and barely at all on rows that fill many dimensions. So instead of a
rule on ``d``, ``auto`` times a few hundred queries by brute force and a few
dozen with a tree built on all the rows, and extrapolates to every query. The
tree it built is handed on, so choosing it costs no second build.
"""

from __future__ import annotations

import time

import numpy as np
import scipy.sparse as sp
from scipy.spatial import cKDTree

from ._brute import brute_kneighbors
from ._tree import tree_kneighbors

__all__ = ["choose_method"]

# Below this many query x reference pairs brute force takes milliseconds.
SMALL_PROBLEM = 20_000_000
BRUTE_SAMPLE = 256
TREE_SAMPLE = 32


def choose_method(Q, R, self_index, n_neighbors, n_threads):
    """``("brute", None)`` or ``("tree", fitted cKDTree)``, whichever is faster."""
    n_query = Q.shape[0]
    if sp.issparse(R) or n_query * R.shape[0] < SMALL_PROBLEM:
        return "brute", None

    sample = np.linspace(0, n_query - 1, min(n_query, BRUTE_SAMPLE)).astype(np.intp)
    own = None if self_index is None else np.asarray(self_index)[sample]
    chunk = -(-len(sample) // n_threads)
    brute_seconds = _seconds(
        brute_kneighbors, Q[sample], R, own, n_neighbors, chunk, n_threads
    )

    tree = cKDTree(R)
    probe = sample[:: max(len(sample) // TREE_SAMPLE, 1)]
    own = None if self_index is None else np.asarray(self_index)[probe]
    tree_seconds = _seconds(
        tree_kneighbors, Q[probe], R, own, n_neighbors, n_threads, tree
    )

    brute_total = brute_seconds / len(sample) * n_query
    tree_total = tree_seconds / len(probe) * n_query
    return ("tree", tree) if tree_total < brute_total else ("brute", None)


def _seconds(func, *args, repeats=2):
    """Best of ``repeats`` wall times: the least disturbed by other work."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        func(*args)
        times.append(time.perf_counter() - start)
    return min(times)
