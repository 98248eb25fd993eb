"""Hart's condensing rule, exact and fast.

The rule walks the candidate rows in order and adds a row to the store (the
kept rows) when a nearest-neighbour vote over the store misclassifies it; a
pass that adds nothing ends the work. Done literally, every row needs a
search over a store that has just changed, which is what makes the textbook
implementation slow.

Here the candidates go through in blocks. One search gives every row of the
block its nearest rows in the store as it stands when the block starts. The
block is then walked in order; when a row is added, its distance to each
later row of the block is measured and merged into their neighbour lists,
so each row is judged on the store exactly as the sequential rule would
have it. A row remembers its neighbour list and how much of the store it
has seen, so a later pass only searches the part of the store added since.

A later pass skips the blocks in which no row's answer can have changed: a
row that was classified correctly stays so while only rows of its own class
join the store (they can only win it votes), so it needs a new look only if
a row of another class joined after it was last examined. With one class
condensed against the others kept whole, the first pass is therefore the
last.

Equal distances go to the row that entered the store first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp

from ..neighbors import kneighbors
from ._cleaning import majority_vote

__all__ = ["condense"]

#: Candidate rows examined per block.
BLOCK_ROWS = 1024
#: Query rows per block of the engine's search (bounds its working memory).
SEARCH_CHUNK = 256
#: Candidates per search against the starting store, made before the walk.
FIRST_SEARCH_ROWS = 65536


@dataclass
class _State:
    """The store and, for each candidate, its best store rows so far."""

    X: Any
    codes: np.ndarray
    n_classes: int
    n_neighbors: int
    search: Any
    n_jobs: int | None
    store_rows: np.ndarray  # row of X at each store position (capacity n + 1)
    store_codes: np.ndarray  # code at each position; the pad position has n_classes
    n_store: int
    candidates: np.ndarray  # rows of X that may join, in walking order
    best_dist: np.ndarray  # (n_candidates, k) distances, inf where missing
    best_pos: np.ndarray  # (n_candidates, k) store positions, pad where missing
    seen: np.ndarray  # store positions below this are in best_*
    stored: np.ndarray  # whether each candidate joined the store
    kept_per_class: np.ndarray
    limit_per_class: np.ndarray
    last_other: np.ndarray  # per class, last store position of another class

    @property
    def pad(self) -> int:
        return len(self.store_rows) - 1


def condense(
    X: Any,
    codes: np.ndarray,
    n_classes: int,
    initial_rows: np.ndarray,
    candidate_rows: np.ndarray,
    *,
    n_neighbors: int = 1,
    limits: np.ndarray | None = None,
    max_passes: int | None = None,
    search: Any = None,
    n_jobs: int | None = None,
) -> tuple[np.ndarray, int]:
    """Run Hart's condensing rule and return the kept rows.

    Parameters
    ----------
    X : ndarray or sparse matrix of shape (n_samples, n_features)
        All rows.
    codes : ndarray of int of shape (n_samples,)
        Class code of each row.
    n_classes : int
        Number of classes.
    initial_rows : ndarray of int
        Rows the store starts with, at least ``n_neighbors`` of them.
    candidate_rows : ndarray of int
        Rows that may join the store, in the order they are examined.
    n_neighbors : int, default=1
        Voters of the nearest-neighbour vote; a tie goes to the smallest code.
    limits : ndarray of int of shape (n_classes,), default=None
        Most rows of each class the store may hold; a class at its limit
        takes no more rows. ``None`` means no limit.
    max_passes : int, default=None
        Most passes over the candidates; ``None`` means until a pass adds
        nothing.
    search : estimator, default=None
        Neighbour search estimator for :func:`imbalance.neighbors.kneighbors`.
    n_jobs : int, default=None
        Threads for the neighbour search; never changes the answer.

    Returns
    -------
    kept_rows : ndarray of int
        The rows of the final store, in increasing order.
    n_passes : int
        Passes made. A pass is skipped, and the work ends, when no row's
        answer can have changed since it was last examined.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[0.0], [1.0], [2.0], [3.0], [4.0], [10.0]])
    >>> codes = np.array([0, 0, 0, 1, 1, 1])
    >>> kept, n_passes = condense(X, codes, 2, np.array([0, 5]), np.arange(1, 5))
    >>> kept.tolist(), n_passes
    ([0, 2, 3, 5], 2)

    Pass 1 stores row 3, the first row nearer row 0 than row 5; row 2, seen
    before row 3 joined, is misclassified now and joins in pass 2. No row
    of class 1 can have changed since (only a row of class 0 joined after
    row 4 was last examined), so there is no third pass.
    """
    state = _start(X, codes, n_classes, initial_rows, candidate_rows, n_neighbors)
    state.search, state.n_jobs = search, n_jobs
    if limits is not None:
        state.limit_per_class = np.asarray(limits, dtype=np.intp)

    pending = np.arange(len(candidate_rows))
    for start in range(0, pending.size, FIRST_SEARCH_ROWS):
        _refresh(state, pending[start : start + FIRST_SEARCH_ROWS])
    n_passes = 0
    while max_passes is None or n_passes < max_passes:
        if n_passes:
            pending = _not_stored(state)
            if not _may_change(state, pending).any():
                break
        n_passes += 1
        size_before = state.n_store
        for start in range(0, pending.size, BLOCK_ROWS):
            block = pending[start : start + BLOCK_ROWS]
            if n_passes > 1 and not _may_change(state, block).any():
                continue  # no row of it can be misclassified: none joins
            _refresh(state, block)
            _walk(state, block)
        if state.n_store == size_before:
            break

    return np.sort(state.store_rows[: state.n_store]), n_passes


def _start(X, codes, n_classes, initial_rows, candidate_rows, n_neighbors) -> _State:
    n_rows, n_candidates = len(codes), len(candidate_rows)
    store_rows = np.full(n_rows + 1, -1, dtype=np.intp)
    store_codes = np.full(n_rows + 1, n_classes, dtype=np.intp)
    n_store = len(initial_rows)
    store_rows[:n_store] = initial_rows
    store_codes[:n_store] = codes[initial_rows]
    return _State(
        X=X,
        codes=codes,
        n_classes=n_classes,
        n_neighbors=n_neighbors,
        search=None,
        n_jobs=None,
        store_rows=store_rows,
        store_codes=store_codes,
        n_store=n_store,
        candidates=np.asarray(candidate_rows, dtype=np.intp),
        best_dist=np.full((n_candidates, n_neighbors), np.inf),
        best_pos=np.full((n_candidates, n_neighbors), n_rows, dtype=np.intp),
        seen=np.zeros(n_candidates, dtype=np.intp),
        stored=np.zeros(n_candidates, dtype=bool),
        kept_per_class=np.bincount(codes[initial_rows], minlength=n_classes),
        limit_per_class=np.full(n_classes, n_rows + 1, dtype=np.intp),
        last_other=_last_other(store_codes[:n_store], n_classes),
    )


def _last_other(stored_codes: np.ndarray, n_classes: int) -> np.ndarray:
    last = np.full(n_classes, -1, dtype=np.intp)
    for code in range(n_classes):
        others = np.flatnonzero(stored_codes != code)
        if others.size:
            last[code] = others[-1]
    return last


def _refresh(state: _State, block: np.ndarray) -> None:
    """Bring the block's neighbour lists up to date with the whole store."""
    low, high = int(state.seen[block].min()), state.n_store
    if low == high:
        return
    n_ask = min(state.n_neighbors, high - low)
    distances, indices = kneighbors(
        state.X[state.store_rows[low:high]],
        n_ask,
        query=state.X[state.candidates[block]],
        search=state.search,
        n_jobs=state.n_jobs,
        chunk_size=SEARCH_CHUNK,
    )
    positions = indices + low
    already_seen = positions < state.seen[block][:, None]
    distances[already_seen] = np.inf
    positions[already_seen] = state.pad
    _merge(state, block, distances, positions)
    state.seen[block] = high


def _merge(state: _State, block, distances, positions) -> None:
    """Keep the best of the old and new lists, by (distance, store position)."""
    all_dist = np.concatenate([state.best_dist[block], distances], axis=1)
    all_pos = np.concatenate([state.best_pos[block], positions], axis=1)
    order = np.lexsort((all_pos, all_dist))[:, : state.n_neighbors]
    state.best_dist[block] = np.take_along_axis(all_dist, order, axis=1)
    state.best_pos[block] = np.take_along_axis(all_pos, order, axis=1)


def _predict(state: _State, rows: np.ndarray) -> np.ndarray:
    voter_codes = state.store_codes[state.best_pos[rows]]
    if state.n_neighbors == 1:
        return voter_codes[:, 0]
    return majority_vote(voter_codes, state.n_classes)


def _walk(state: _State, block: np.ndarray) -> None:
    """Examine the block's rows in order, as the sequential rule would."""
    start = 0
    while start < block.size:
        rest = block[start:]
        own = state.codes[state.candidates[rest]]
        open_class = state.kept_per_class[own] < state.limit_per_class[own]
        wrong = np.flatnonzero((_predict(state, rest) != own) & open_class)
        if wrong.size == 0:
            return
        added = rest[wrong[0]]
        _add(state, added)
        later = rest[wrong[0] + 1 :]
        if later.size:
            _meet_new_row(state, added, later)
        start += wrong[0] + 1


def _add(state: _State, candidate: int) -> None:
    row = state.candidates[candidate]
    state.store_rows[state.n_store] = row
    state.store_codes[state.n_store] = state.codes[row]
    state.n_store += 1
    state.stored[candidate] = True
    state.kept_per_class[state.codes[row]] += 1
    others = np.arange(state.n_classes) != state.codes[row]
    state.last_other[others] = state.n_store - 1


def _meet_new_row(state: _State, added: int, later: np.ndarray) -> None:
    """Merge the row just stored into the neighbour lists of the later rows."""
    distances = _distances_to_row(state, state.candidates[added], later)
    closer = distances < state.best_dist[later, -1]
    if closer.any():
        positions = np.full((int(closer.sum()), 1), state.n_store - 1, dtype=np.intp)
        _merge(state, later[closer], distances[closer, None], positions)
    state.seen[later] = state.n_store


def _distances_to_row(state: _State, row: int, later: np.ndarray) -> np.ndarray:
    """Distances from one row to the later candidates, as the engine measures them.

    Dense rows use the engine's exact formula (float64 differences, summed
    squares) directly, which spares a call per stored row; sparse rows go
    through the engine.
    """
    if sp.issparse(state.X):
        return kneighbors(
            state.X[[row]], 1, query=state.X[state.candidates[later]], n_jobs=1
        )[0][:, 0]
    diff = state.X[state.candidates[later]].astype(np.float64)
    diff -= state.X[row]
    return np.sqrt(np.einsum("ij,ij->i", diff, diff))


def _not_stored(state: _State) -> np.ndarray:
    """Candidates outside the store whose class may still take rows, in order."""
    own = state.codes[state.candidates]
    open_class = state.kept_per_class[own] < state.limit_per_class[own]
    return np.flatnonzero(~state.stored & open_class)


def _may_change(state: _State, rows: np.ndarray) -> np.ndarray:
    """Whether a row of another class joined since each row was last examined.

    Rows of a row's own class can only win it votes, so a row classified
    correctly stays so until a row of another class joins.
    """
    own = state.codes[state.candidates[rows]]
    return state.seen[rows] <= state.last_other[own]
