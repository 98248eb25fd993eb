"""Exact k-nearest-neighbour search: the one engine every neighbour-based sampler uses.

:func:`kneighbors` answers "which rows of ``X`` are nearest to each query row",
exactly, in Euclidean distance. A row queried from ``X`` is excluded from its
own neighbours by index, never by distance, so a duplicate of it (even one
with another label) is found at distance 0. The answer of each query is sorted
by (distance, reference index), which makes it deterministic and the same for
every method, number of threads and chunk size.

How the answer stays exact
--------------------------
The search methods only propose candidates; :mod:`._exact` decides. It
computes each candidate pair's distance from the direct differences of the
two rows in float64, always the same way, and ranks by (distance, index).
A method is correct as long as its candidates include every row at or below
the k-th exact distance, which each method guarantees with a rigorous error
bound (brute force) or a widened radius (tree).

Methods
-------
Brute force (:mod:`._brute`) scores query chunks against reference blocks
with one float32 matrix product each (:mod:`._scoring`), keeps in a small
per-row buffer (:mod:`._buffer`) only the candidates that a rigorous float32
error bound cannot rule out, and never writes a distance matrix; its memory
is set by ``chunk_size``, not by the number of rows. When all rows (or at
least half of them) are queried among the rows of ``X``, the sweep of
:mod:`._allrows` reads each block product for both of its blocks, which
halves the arithmetic; its candidate buffers grow with the rows like the
answer does (about its size).
A k-d tree (:mod:`._tree`, scipy's cKDTree) wins on data of low intrinsic
dimension; ``algorithm="auto"`` (:mod:`._choose`) times both on a sample of
the queries and keeps the faster. Threads work on separate query chunks or
block rows.

:func:`local_kneighbors` is the sweep's first phase alone: each row's nearest
rows within its own k-means cluster. It is not exact, but each of its
distances bounds the exact one from above, for a small fraction of the cost;
a sampler can use it to prove a decision and search exactly only the rows it
cannot prove, as ``EditedNearestNeighbours`` does.

:func:`neighbors_from_param` turns a sampler's ``k_neighbors``-style parameter
(an int, or an estimator with ``kneighbors``) into the arguments of
:func:`kneighbors`.
"""

from ._estimator import neighbors_from_param
from ._kneighbors import kneighbors, local_kneighbors

__all__ = ["kneighbors", "local_kneighbors", "neighbors_from_param"]
