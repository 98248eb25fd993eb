"""Small pieces shared by the cleaning and prototype-selection under-samplers.

These samplers decide row by row which rows go, from the labels of each row's
nearest neighbours. What they share is plain bookkeeping (which classes the
user allows to be cleaned, which class is the minority, the majority vote of
a set of neighbour labels) and one shortcut: proving, without a full search,
that a row's nearest neighbours are all of its own class.
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np
import scipy.sparse as sp

from .._validation import Interval, Options
from ..neighbors import kneighbors, local_kneighbors
from ..strategy import STRATEGY_WORDS

__all__ = [
    "CLEANING_STRATEGY_FORMS",
    "NEIGHBORS_FORMS",
    "cleaned_classes",
    "majority_vote",
    "minority_code",
    "surely_own_class",
]

#: Forms of ``sampling_strategy`` a cleaning method takes. Ratios and dicts are
#: let through so that :mod:`imbalance.strategy` can explain why they do not
#: apply to cleaning methods.
CLEANING_STRATEGY_FORMS = [
    Options(STRATEGY_WORDS),
    list,
    "callable",
    Interval(numbers.Real, 0, 1, closed="right"),
    dict,
]

#: A neighbour parameter: a count or an estimator with ``kneighbors``.
NEIGHBORS_FORMS = [Interval(numbers.Integral, 1, None), "has:kneighbors"]


def cleaned_classes(classes: np.ndarray, sampling_strategy: dict) -> np.ndarray:
    """For each class code, whether the resolved strategy lets it be cleaned.

    Examples
    --------
    >>> cleaned_classes(np.array(["a", "b", "c"]), {"a": 5, "c": 2}).tolist()
    [True, False, True]
    """
    return np.array([label in sampling_strategy for label in classes.tolist()])


def minority_code(class_sizes: np.ndarray) -> int:
    """Code of the smallest class; among equal sizes, the first in sorted order.

    This is the class that the word ``"minority"`` of ``sampling_strategy``
    names, so both always agree.

    Examples
    --------
    >>> minority_code(np.array([40, 7, 7]))
    1
    """
    return int(np.argmin(class_sizes))


def majority_vote(neighbor_codes: np.ndarray, n_classes: int) -> np.ndarray:
    """The most common class code of each row; ties go to the smallest code.

    Parameters
    ----------
    neighbor_codes : ndarray of int of shape (n_rows, n_voters)
        Class codes of each row's voters. A code equal to ``n_classes`` marks
        a missing voter and counts for nobody.
    n_classes : int
        Number of classes.

    Returns
    -------
    ndarray of int of shape (n_rows,)
        The winning code of each row (``n_classes`` for a row with no voter).

    Examples
    --------
    >>> majority_vote(np.array([[2, 1, 2], [1, 0, 2], [3, 3, 3]]), 3).tolist()
    [2, 0, 3]
    """
    n_rows = neighbor_codes.shape[0]
    width = n_classes + 1
    flat = (np.arange(n_rows)[:, None] * width + neighbor_codes).ravel()
    votes = np.bincount(flat, minlength=n_rows * width).reshape(n_rows, width)
    winner = np.argmax(votes[:, :n_classes], axis=1)
    no_voter = votes[:, :n_classes].sum(axis=1) == 0
    winner[no_voter] = n_classes
    return winner


# surely_own_class tries from this many rows of X, on the classes that the
# other classes' rows make at most this fraction of X.
SURE_MIN_ROWS = 16384
SURE_MAX_OTHERS = 1 / 8
# Distances compared must differ by more than this relative amount, far above
# the rounding of a float64 distance, so the proof never rests on a tie.
SURE_GAP = 1e-9


def surely_own_class(
    X: Any,
    codes: np.ndarray,
    rows: np.ndarray,
    n_neighbors: int,
    n_jobs: int | None,
) -> np.ndarray:
    """Which of ``rows`` certainly have ``n_neighbors`` nearest rows of their class.

    That holds when that many rows of the row's class are nearer to it than
    the nearest row of any other class, however ties are broken (each row
    kept out of its own neighbours, as in :func:`imbalance.neighbors.kneighbors`).
    :func:`imbalance.neighbors.local_kneighbors` among the rows of the class
    bounds the first distance from above for a small fraction of a full
    search; the second is searched exactly, at the cost of the class against
    the rows of the other classes. Rows marked need no search by a rule that
    only asks whether their neighbours share their class.

    The proof pays for a class that the other classes' rows are few next to
    (the usual case: the majority class of skewed data); other classes, and
    sparse or small ``X``, get nothing marked.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> X = np.vstack([rng.normal(size=(19000, 2)), rng.normal(size=(1000, 2)) + 3])
    >>> codes = np.repeat([0, 1], [19000, 1000])
    >>> sure = surely_own_class(X, codes, np.arange(20000), 3, None)
    >>> bool(sure[:19000].mean() > 0.9), bool(sure[19000:].any())
    (True, False)
    """
    sure = np.zeros(len(rows), dtype=bool)
    n_rows = len(codes)
    if sp.issparse(X) or n_rows < SURE_MIN_ROWS:
        return sure
    row_codes, sizes = codes[rows], np.bincount(codes)
    for c in np.unique(row_codes):
        of_class = row_codes == c
        if n_rows - sizes[c] > SURE_MAX_OTHERS * n_rows:
            continue  # searching the other classes would cost too much
        if of_class.sum() <= n_neighbors:
            continue  # too few rows to bound their k-th distance among them
        others = codes != c
        if not others.any():
            sure[of_class] = True
            continue
        class_rows = X[rows[of_class]]
        nearest_other, _ = kneighbors(X[others], 1, query=class_rows, n_jobs=n_jobs)
        own_kth, _ = local_kneighbors(class_rows, n_neighbors, n_jobs=n_jobs)
        sure[of_class] = own_kth[:, -1] * (1 + SURE_GAP) < nearest_other[:, 0]
    return sure
