"""Random draws that do not depend on how the rows are partitioned.

The rows of a class are numbered by their *class rank*: their order within the
class, in global row order. That numbering is cut into fixed blocks of
:data:`BLOCK_ROWS` ranks, whatever the partitions. The number of rows drawn
from each block is drawn once, on the client (multivariate hypergeometric
without replacement, multinomial with it), so totals are exact; which ranks
of a block are drawn comes from a generator seeded by (seed, class, block)
alone. A partition regenerates the blocks its rows fall in and keeps the ranks
it holds, so the rows drawn, and their order, are the same for every
partitioning of the same rows.
"""

from __future__ import annotations

import numpy as np

__all__ = ["BLOCK_ROWS", "block_counts", "drawn_ranks", "generator", "n_drawn_between"]

#: Class ranks per block of the fixed numbering.
BLOCK_ROWS = 1 << 16


def generator(seed: int, *key: int) -> np.random.Generator:
    """A generator that depends on the fit's seed and ``key`` alone.

    Examples
    --------
    >>> float(generator(0, 1, 2).random()) == float(generator(0, 1, 2).random())
    True
    """
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=key))


def _block_sizes(n_class: int) -> np.ndarray:
    sizes = np.full(-(-n_class // BLOCK_ROWS), BLOCK_ROWS, dtype=np.int64)
    if sizes.size:
        sizes[-1] = n_class - BLOCK_ROWS * (sizes.size - 1)
    return sizes


def block_counts(
    seed: int, code: int, n_class: int, n_drawn: int, replace: bool
) -> np.ndarray:
    """How many of the ``n_drawn`` draws of class ``code`` fall in each block.

    Parameters
    ----------
    seed : int
        The fit's seed.
    code : int
        The class's code.
    n_class : int
        Rows of the class.
    n_drawn : int
        Rows to draw from it.
    replace : bool
        Draw with replacement (multinomial) or without (hypergeometric).

    Returns
    -------
    ndarray of int, one entry per block, summing to ``n_drawn``.

    Examples
    --------
    >>> counts = block_counts(0, 1, 200_000, 1_000, replace=False)
    >>> len(counts), int(counts.sum())
    (4, 1000)
    """
    sizes = _block_sizes(n_class)
    rng = generator(seed, code, 0)
    if replace:
        return rng.multinomial(n_drawn, sizes / n_class)
    return rng.multivariate_hypergeometric(sizes, n_drawn, method="marginals")


def drawn_ranks(
    seed: int,
    code: int,
    n_class: int,
    counts: np.ndarray,
    first: int,
    stop: int,
    replace: bool,
    n_noise: int = 0,
) -> tuple[np.ndarray, np.ndarray | None]:
    """The drawn class ranks in ``[first, stop)``, sorted, with optional noise.

    Parameters
    ----------
    seed, code, n_class : int
        As for :func:`block_counts`.
    counts : ndarray of int
        The draws per block, from :func:`block_counts`.
    first, stop : int
        The class ranks a partition holds.
    replace : bool
        Whether a rank may be drawn more than once.
    n_noise : int, default=0
        When positive, a standard normal vector of this length is drawn with
        each draw (the smoothed bootstrap's noise) and returned beside it.

    Returns
    -------
    ranks : ndarray of int
        Drawn ranks in ``[first, stop)``, ascending (repeats adjacent).
    noise : ndarray of shape (len(ranks), n_noise) or None

    Examples
    --------
    >>> counts = block_counts(0, 0, 100, 10, replace=False)
    >>> whole, _ = drawn_ranks(0, 0, 100, counts, 0, 100, replace=False)
    >>> left, _ = drawn_ranks(0, 0, 100, counts, 0, 37, replace=False)
    >>> right, _ = drawn_ranks(0, 0, 100, counts, 37, 100, replace=False)
    >>> bool((whole == np.concatenate([left, right])).all()), len(whole)
    (True, 10)
    """
    ranks, noise = [], []
    if stop <= first:
        return np.zeros(0, dtype=np.intp), np.zeros((0, n_noise)) if n_noise else None
    sizes = _block_sizes(n_class)
    for block in range(first // BLOCK_ROWS, (stop - 1) // BLOCK_ROWS + 1):
        rng = generator(seed, code, block + 1)
        n_drawn, size = int(counts[block]), int(sizes[block])
        if replace:
            local = rng.integers(size, size=n_drawn)
        else:
            local = rng.choice(size, size=n_drawn, replace=False)
        block_ranks = block * BLOCK_ROWS + local.astype(np.intp)
        inside = (block_ranks >= first) & (block_ranks < stop)
        ranks.append(block_ranks[inside])
        if n_noise:
            noise.append(rng.standard_normal((n_drawn, n_noise))[inside])
    ranks = np.concatenate(ranks)
    order = np.argsort(ranks, kind="stable")
    if not n_noise:
        return ranks[order], None
    return ranks[order], np.concatenate(noise)[order]


def n_drawn_between(
    seed: int,
    code: int,
    n_class: int,
    counts: np.ndarray,
    first: int,
    stop: int,
    replace: bool,
) -> int:
    """How many draws fall in ``[first, stop)``, regenerating edge blocks only.

    Examples
    --------
    >>> counts = block_counts(0, 0, 100, 10, replace=True)
    >>> ranks, _ = drawn_ranks(0, 0, 100, counts, 20, 70, replace=True)
    >>> n_drawn_between(0, 0, 100, counts, 20, 70, replace=True) == len(ranks)
    True
    """
    if stop <= first:
        return 0
    first_block, last_block = first // BLOCK_ROWS, (stop - 1) // BLOCK_ROWS
    inner_first = first_block + (first % BLOCK_ROWS != 0)
    inner_stop = last_block + (stop % BLOCK_ROWS == 0 or stop == n_class)
    total = int(counts[inner_first:inner_stop].sum()) if inner_stop > inner_first else 0
    for block in sorted({first_block, last_block}):
        if inner_first <= block < inner_stop:
            continue
        low = max(first, block * BLOCK_ROWS)
        high = min(stop, (block + 1) * BLOCK_ROWS)
        ranks, _ = drawn_ranks(seed, code, n_class, counts, low, high, replace)
        total += len(ranks)
    return total
