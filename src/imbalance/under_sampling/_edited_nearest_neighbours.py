"""Editing: remove the rows that their nearest neighbours disagree with.

Wilson's edited nearest-neighbour rule removes a row when its neighbours'
classes do not back its own. :class:`EditedNearestNeighbours` applies the
rule once, :class:`RepeatedEditedNearestNeighbours` until nothing changes,
and :class:`AllKNN` with one, two, ... neighbours in turn.

One application of the rule searches only the rows it cannot decide
otherwise: a row with that many rows of its class nearer than any row of
another class is kept by either rule, and when the other classes are small
a cheap bound proves it for most rows (:func:`._cleaning.surely_own_class`).
The rows kept are exactly those of a search of every row.
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np

from .._validation import Interval, Options, encode_labels
from ..base import BaseSampler, Resampled
from ..neighbors import kneighbors, neighbors_from_param
from ._cleaning import (
    CLEANING_STRATEGY_FORMS,
    NEIGHBORS_FORMS,
    cleaned_classes,
    majority_vote,
    minority_code,
    surely_own_class,
)

__all__ = [
    "AllKNN",
    "EditedNearestNeighbours",
    "RepeatedEditedNearestNeighbours",
    "edited_keep_mask",
]

_COMMON_CONSTRAINTS = {
    "sampling_strategy": CLEANING_STRATEGY_FORMS,
    "n_neighbors": NEIGHBORS_FORMS,
    "kind_sel": [Options(["all", "mode"])],
    "n_jobs": [numbers.Integral, None],
}


def edited_keep_mask(
    X: Any,
    codes: np.ndarray,
    cleaned: np.ndarray,
    n_neighbors: int,
    kind_sel: str,
    *,
    search: Any = None,
    n_jobs: int | None = None,
) -> np.ndarray:
    """Which rows one application of the edited nearest-neighbour rule keeps.

    Parameters
    ----------
    X : ndarray or sparse matrix of shape (n_samples, n_features)
        Rows, more than ``n_neighbors`` of them.
    codes : ndarray of int of shape (n_samples,)
        Class code of each row.
    cleaned : ndarray of bool of shape (n_classes,)
        For each class code, whether its rows may be removed.
    n_neighbors : int
        Neighbours examined per row, the row itself not counted.
    kind_sel : {"all", "mode"}
        ``"all"`` keeps a row only if every neighbour shares its class;
        ``"mode"`` keeps it if its class is the most common among them (a
        tie goes to the class that sorts first).
    search : estimator, default=None
        Neighbour search estimator passed to :func:`imbalance.neighbors.kneighbors`.
    n_jobs : int, default=None
        Threads for the neighbour search; never changes the answer.

    Returns
    -------
    ndarray of bool of shape (n_samples,)

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[0.0], [1.0], [2.0], [3.0], [9.0]])
    >>> codes = np.array([0, 0, 1, 0, 1])
    >>> edited_keep_mask(X, codes, np.array([True, True]), 1, "all").tolist()
    [True, True, False, False, False]
    """
    keep = np.ones(len(codes), dtype=bool)
    rows = np.flatnonzero(cleaned[codes])
    if search is None:  # rows surely kept need no search (an exact shortcut)
        rows = rows[~surely_own_class(X, codes, rows, n_neighbors, n_jobs)]
    if rows.size == 0:
        return keep
    neighbors = kneighbors(
        X,
        n_neighbors,
        query_indices=rows,
        search=search,
        n_jobs=n_jobs,
        return_distance=False,
    )
    keep[rows] = _agrees(codes[neighbors], codes[rows], kind_sel, len(cleaned))
    return keep


def _agrees(neighbor_codes, own, kind_sel, n_classes) -> np.ndarray:
    """Whether each row's neighbours back its class under ``kind_sel``."""
    if kind_sel == "all":
        return (neighbor_codes == own[:, None]).all(axis=1)
    return majority_vote(neighbor_codes, n_classes) == own


class _RoundNeighbors:
    """Neighbours among the rows still kept, for rounds of editing.

    One search up front gives each cleaned row its nearest rows, a few more
    than any round needs. A later round, on the rows left, takes the first
    ``k`` of them that are still kept: the same rows, in the same order, as
    a new search among the rows left would give. Rows with too few left are
    searched again among the rows left. With a ``search`` estimator (maybe
    approximate) every round searches anew.
    """

    def __init__(self, X, rows, largest, search, n_jobs) -> None:
        self.X, self.search, self.n_jobs = X, search, n_jobs
        n_rows = X.shape[0]
        self.slot = np.full(n_rows, -1, dtype=np.intp)
        self.slot[rows] = np.arange(len(rows))
        self.lists = None
        if search is None and len(rows):
            depth = min(n_rows - 1, 2 * largest + 2)
            self.lists = kneighbors(
                X, depth, query_indices=rows, n_jobs=n_jobs, return_distance=False
            )

    def among(self, kept: np.ndarray, rows: np.ndarray, k: int) -> np.ndarray:
        """The ``k`` nearest kept rows of each of ``rows`` (all kept, sorted)."""
        if self.lists is None:
            return self._search(kept, rows, k)
        alive = np.zeros(self.X.shape[0], dtype=bool)
        alive[kept] = True
        lists = self.lists[self.slot[rows]]
        usable = alive[lists]
        rank = np.cumsum(usable, axis=1)
        enough = rank[:, -1] >= k
        found = np.empty((len(rows), k), dtype=np.intp)
        first = lists[enough][(usable & (rank <= k))[enough]]
        found[enough] = first.reshape(-1, k)
        if not enough.all():
            found[~enough] = self._search(kept, rows[~enough], k)
        return found

    def _search(self, kept, rows, k) -> np.ndarray:
        positions = np.searchsorted(kept, rows)
        found = kneighbors(
            self.X[kept],
            k,
            query_indices=positions,
            search=self.search,
            n_jobs=self.n_jobs,
            return_distance=False,
        )
        return kept[found]


def _edit_round(finder, kept, codes, cleaned, k, kind_sel) -> np.ndarray:
    """One round of editing on the kept rows; returns the rows still kept."""
    rows = kept[cleaned[codes[kept]]]
    if rows.size == 0:
        return kept
    neighbors = finder.among(kept, rows, k)
    agree = _agrees(codes[neighbors], codes[rows], kind_sel, len(cleaned))
    if agree.all():
        return kept
    return kept[~np.isin(kept, rows[~agree])]


def _neighbors_and_check(sampler: BaseSampler, n_rows: int) -> tuple[int, Any]:
    """The sampler's ``(n_neighbors, search)``, refusing data with too few rows."""
    owner = type(sampler).__name__
    n_neighbors, search = neighbors_from_param(
        sampler.n_neighbors, name="n_neighbors", owner=owner
    )
    if n_rows <= n_neighbors:
        raise ValueError(
            f"n_neighbors={n_neighbors} needs at least {n_neighbors + 1} rows in "
            f"X (each row and its neighbours); {owner} got {n_rows}. Lower "
            "n_neighbors or pass more rows."
        )
    return n_neighbors, search


def _should_stop(
    codes: np.ndarray, class_sizes: np.ndarray, allow_minority: bool
) -> bool:
    """Whether cleaning emptied a class or made another smaller than the minority.

    Both stop :class:`RepeatedEditedNearestNeighbours` and :class:`AllKNN`
    after the round that caused it, as in imbalanced-learn; the second one
    only when ``allow_minority`` is False.
    """
    sizes_now = np.bincount(codes, minlength=len(class_sizes))
    if (sizes_now == 0).any():
        return True
    minority = minority_code(class_sizes)
    others = np.delete(sizes_now, minority)
    return not allow_minority and bool((others < class_sizes[minority]).any())


class EditedNearestNeighbours(BaseSampler):
    """Remove rows whose nearest neighbours do not back their class (ENN).

    Each row of a class selected by ``sampling_strategy`` is compared with
    its ``n_neighbors`` nearest rows (Euclidean, the row itself excluded by
    position, so an identical copy still counts). With ``kind_sel="all"`` it
    stays only if all of them share its class; with ``"mode"`` if its class
    is the most common among them. Rows near the class border and noisy
    rows go; the result is a smoother border.

    Parameters
    ----------
    sampling_strategy : str, list or callable, default="auto"
        The classes whose rows may be removed: a word (``"auto"`` means
        every class but the minority), a list of classes, or a callable; see
        :func:`imbalance.strategy.resolve_sampling_strategy`.
    n_neighbors : int or estimator, default=3
        Neighbours examined per row. An estimator with a ``kneighbors``
        method (such as :class:`sklearn.neighbors.NearestNeighbors`) is used
        for the search instead; as in imbalanced-learn its ``n_neighbors``
        counts the row itself, so ``NearestNeighbors(n_neighbors=4)`` means 3
        neighbours.
    kind_sel : {"all", "mode"}, default="all"
        ``"all"`` keeps a row only if every neighbour shares its class;
        ``"mode"`` if its class is the most common one among them, a tie
        going to the class that sorts first. ``"all"`` removes more.
    n_jobs : int, default=None
        Threads for the neighbour search; ``None`` means 1, ``-1`` all cores.
        Never changes the result.

    Attributes
    ----------
    sampling_strategy_ : dict
        Current size of each class that may be cleaned.
    sample_indices_ : ndarray of int
        Positions of the kept rows in the input, in increasing order.
    generated_mask_ : ndarray of bool
        All False: no row is added.
    n_features_in_ : int
        Number of features.

    See Also
    --------
    RepeatedEditedNearestNeighbours : Apply ENN until nothing changes.
    AllKNN : Apply ENN with a growing neighbourhood.
    NeighbourhoodCleaningRule : ENN plus cleaning around the minority.

    Notes
    -----
    The rows kept are the ones imbalanced-learn keeps, with two exceptions
    that come from its neighbour search: it may see a row's identical copy
    in place of the row itself, and it may order neighbours at equal
    distance differently. Here equal distances go to the smaller index.
    Kept rows are returned in their input order.

    References
    ----------
    .. [1] D. Wilson, "Asymptotic Properties of Nearest Neighbor Rules Using
       Edited Data", IEEE Transactions on Systems, Man, and Cybernetics, 2
       (1972) 408-421.

    Examples
    --------
    >>> import numpy as np
    >>> from imbalance.under_sampling import EditedNearestNeighbours
    >>> X = np.array([0, 1.1, 2.3, 3.6, 5, 6.5, 8.1, 9.8, 11.6, 13.5, 15.5, 17.6])
    >>> X = X.reshape(-1, 1)
    >>> y = np.array([0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 1, 1])
    >>> sampler = EditedNearestNeighbours(n_neighbors=2)
    >>> X_res, y_res = sampler.fit_resample(X, y)
    >>> sampler.sample_indices_.tolist()  # rows 2, 4, 7, 9 had a class-1 neighbour
    [0, 1, 3, 5, 6, 8, 10, 11]
    """

    _sampling_type = "clean-sampling"
    _parameter_constraints = dict(_COMMON_CONSTRAINTS)

    def __init__(
        self,
        *,
        sampling_strategy: Any = "auto",
        n_neighbors: Any = 3,
        kind_sel: str = "all",
        n_jobs: int | None = None,
    ) -> None:
        self.sampling_strategy = sampling_strategy
        self.n_neighbors = n_neighbors
        self.kind_sel = kind_sel
        self.n_jobs = n_jobs

    def _check_params(self, X: Any, y: np.ndarray) -> None:
        _neighbors_and_check(self, len(y))

    def _fit_resample(self, X: Any, y: np.ndarray) -> Resampled:
        classes, codes, _ = encode_labels(y)
        cleaned = cleaned_classes(classes, self.sampling_strategy_)
        n_neighbors, search = _neighbors_and_check(self, len(y))
        keep = edited_keep_mask(
            X,
            codes,
            cleaned,
            n_neighbors,
            self.kind_sel,
            search=search,
            n_jobs=self.n_jobs,
        )
        return Resampled(np.flatnonzero(keep))


class RepeatedEditedNearestNeighbours(BaseSampler):
    """Apply the edited nearest-neighbour rule again and again (RENN).

    Each round runs :class:`EditedNearestNeighbours` on the rows that are
    left, so neighbours are searched among them only. It stops when a round
    removes nothing, after ``max_iter`` rounds, or, as in imbalanced-learn,
    after a round that empties a class or makes a cleaned class smaller than
    the minority class was at the start.

    Parameters
    ----------
    sampling_strategy : str, list or callable, default="auto"
        The classes whose rows may be removed; see
        :class:`EditedNearestNeighbours`. The classes are chosen once, from
        the input: every round cleans the same classes.
    n_neighbors : int or estimator, default=3
        Neighbours examined per row; see :class:`EditedNearestNeighbours`.
    max_iter : int, default=100
        Most rounds to run.
    kind_sel : {"all", "mode"}, default="all"
        Rule of each round; see :class:`EditedNearestNeighbours`.
    n_jobs : int, default=None
        Threads for the neighbour search; never changes the result.

    Attributes
    ----------
    sampling_strategy_ : dict
        Size of each class that may be cleaned, in the input.
    n_iter_ : int
        Rounds run, the last one included.
    sample_indices_ : ndarray of int
        Positions of the kept rows in the input, in increasing order.
    generated_mask_ : ndarray of bool
        All False: no row is added.
    n_features_in_ : int
        Number of features.

    See Also
    --------
    EditedNearestNeighbours : One round.
    AllKNN : Rounds with a growing neighbourhood.

    Notes
    -----
    imbalanced-learn resolves a word such as ``"majority"`` again at every
    round, on the rows left, so a later round may clean another class than
    the one :attr:`sampling_strategy_` names. Here the classes are fixed once.

    References
    ----------
    .. [1] I. Tomek, "An Experiment with the Edited Nearest-Neighbor Rule",
       IEEE Transactions on Systems, Man, and Cybernetics, 6 (1976) 448-452.

    Examples
    --------
    >>> import numpy as np
    >>> from imbalance.under_sampling import RepeatedEditedNearestNeighbours
    >>> X = np.array([0, 1.1, 2.3, 3.6, 5, 6.5, 8.1, 9.8, 11.6, 13.5, 15.5, 17.6])
    >>> X = X.reshape(-1, 1)
    >>> y = np.array([0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 1, 1])
    >>> sampler = RepeatedEditedNearestNeighbours(n_neighbors=1)
    >>> X_res, y_res = sampler.fit_resample(X, y)
    >>> sampler.sample_indices_.tolist(), sampler.n_iter_  # round 2 changed nothing
    ([0, 1, 2, 3, 5, 6, 7, 8, 10, 11], 2)
    """

    _sampling_type = "clean-sampling"
    _parameter_constraints = {
        **_COMMON_CONSTRAINTS,
        "max_iter": [Interval(numbers.Integral, 1, None)],
    }

    def __init__(
        self,
        *,
        sampling_strategy: Any = "auto",
        n_neighbors: Any = 3,
        max_iter: int = 100,
        kind_sel: str = "all",
        n_jobs: int | None = None,
    ) -> None:
        self.sampling_strategy = sampling_strategy
        self.n_neighbors = n_neighbors
        self.max_iter = max_iter
        self.kind_sel = kind_sel
        self.n_jobs = n_jobs

    def _check_params(self, X: Any, y: np.ndarray) -> None:
        _neighbors_and_check(self, len(y))

    def _fit_resample(self, X: Any, y: np.ndarray) -> Resampled:
        classes, codes, class_sizes = encode_labels(y)
        cleaned = cleaned_classes(classes, self.sampling_strategy_)
        n_neighbors, search = _neighbors_and_check(self, len(y))
        rows = np.flatnonzero(cleaned[codes])
        finder = _RoundNeighbors(X, rows, n_neighbors, search, self.n_jobs)
        kept = np.arange(len(y))

        n_iter = 0
        while n_iter < self.max_iter:
            n_iter += 1
            n_before = len(kept)
            kept = _edit_round(finder, kept, codes, cleaned, n_neighbors, self.kind_sel)
            if len(kept) == n_before or len(kept) <= n_neighbors:
                break
            if _should_stop(codes[kept], class_sizes, allow_minority=False):
                break

        self.n_iter_ = n_iter
        return Resampled(kept)


class AllKNN(BaseSampler):
    """Apply the edited nearest-neighbour rule with 1, 2, ... neighbours (AllKNN).

    Round ``k`` runs :class:`EditedNearestNeighbours` with ``k`` neighbours
    on the rows left by the previous rounds, up to ``n_neighbors``. As in
    imbalanced-learn it stops early after a round that empties a class or,
    unless ``allow_minority``, makes a cleaned class smaller than the
    minority class was at the start.

    Parameters
    ----------
    sampling_strategy : str, list or callable, default="auto"
        The classes whose rows may be removed; see
        :class:`EditedNearestNeighbours`. The classes are chosen once, from
        the input.
    n_neighbors : int or estimator, default=3
        Largest neighbourhood, reached in the last round. An estimator with
        ``kneighbors`` is used for every round's search, and (as in
        imbalanced-learn) its ``n_neighbors`` counts the row itself:
        ``NearestNeighbors(n_neighbors=4)`` means rounds of 1, 2 and 3.
    kind_sel : {"all", "mode"}, default="all"
        Rule of each round; see :class:`EditedNearestNeighbours`.
    allow_minority : bool, default=False
        Keep going when a cleaned class becomes smaller than the minority.
    n_jobs : int, default=None
        Threads for the neighbour search; never changes the result.

    Attributes
    ----------
    sampling_strategy_ : dict
        Size of each class that may be cleaned, in the input.
    n_iter_ : int
        Rounds run, the last one included.
    sample_indices_ : ndarray of int
        Positions of the kept rows in the input, in increasing order.
    generated_mask_ : ndarray of bool
        All False: no row is added.
    n_features_in_ : int
        Number of features.

    See Also
    --------
    EditedNearestNeighbours : One round.
    RepeatedEditedNearestNeighbours : Rounds until nothing changes.

    References
    ----------
    .. [1] I. Tomek, "An Experiment with the Edited Nearest-Neighbor Rule",
       IEEE Transactions on Systems, Man, and Cybernetics, 6 (1976) 448-452.

    Examples
    --------
    >>> import numpy as np
    >>> from imbalance.under_sampling import AllKNN
    >>> X = np.array([0, 1.1, 2.3, 3.6, 5, 6.5, 8.1, 9.8, 11.6, 13.5, 15.5, 17.6])
    >>> X = X.reshape(-1, 1)
    >>> y = np.array([0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 1, 1])
    >>> sampler = AllKNN(n_neighbors=3)
    >>> X_res, y_res = sampler.fit_resample(X, y)
    >>> sampler.sample_indices_.tolist()
    [0, 1, 3, 6, 8, 10, 11]
    >>> sampler.n_iter_  # class 0 fell below the minority's 4 rows in round 2
    2
    """

    _sampling_type = "clean-sampling"
    _parameter_constraints = {
        **_COMMON_CONSTRAINTS,
        "allow_minority": ["boolean"],
    }

    def __init__(
        self,
        *,
        sampling_strategy: Any = "auto",
        n_neighbors: Any = 3,
        kind_sel: str = "all",
        allow_minority: bool = False,
        n_jobs: int | None = None,
    ) -> None:
        self.sampling_strategy = sampling_strategy
        self.n_neighbors = n_neighbors
        self.kind_sel = kind_sel
        self.allow_minority = allow_minority
        self.n_jobs = n_jobs

    def _check_params(self, X: Any, y: np.ndarray) -> None:
        _neighbors_and_check(self, len(y))

    def _fit_resample(self, X: Any, y: np.ndarray) -> Resampled:
        classes, codes, class_sizes = encode_labels(y)
        cleaned = cleaned_classes(classes, self.sampling_strategy_)
        largest, search = _neighbors_and_check(self, len(y))
        rows = np.flatnonzero(cleaned[codes])
        finder = _RoundNeighbors(X, rows, largest, search, self.n_jobs)
        kept = np.arange(len(y))

        for n_neighbors in range(1, largest + 1):
            kept = _edit_round(finder, kept, codes, cleaned, n_neighbors, self.kind_sel)
            if len(kept) <= n_neighbors + 1:
                break
            if _should_stop(codes[kept], class_sizes, self.allow_minority):
                break

        self.n_iter_ = n_neighbors
        return Resampled(kept)
