"""Small pieces shared by the cleaning and prototype-selection under-samplers.

These samplers decide row by row which rows go, from the labels of each row's
nearest neighbours. What they share is plain bookkeeping: which classes the
user allows to be cleaned, which class is the minority, and the majority vote
of a set of neighbour labels.
"""

from __future__ import annotations

import numbers

import numpy as np

from .._validation import Interval, Options
from ..strategy import STRATEGY_WORDS

__all__ = [
    "CLEANING_STRATEGY_FORMS",
    "NEIGHBORS_FORMS",
    "cleaned_classes",
    "majority_vote",
    "minority_code",
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
