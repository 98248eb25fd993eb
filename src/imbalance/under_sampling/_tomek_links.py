"""Tomek links: pairs of rows of different classes that are each other's nearest.

Such a pair sits on the border between two classes, or one of its rows is
noise. Removing the rows of the selected classes that take part in a link
widens the gap between the classes.

A row whose nearest row is provably of its own class
(:func:`._cleaning.surely_own_class`, most rows of a large majority) is in
no link, so only the other rows are searched; the links are the same.
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np

from .._validation import encode_labels
from ..base import BaseSampler, Resampled
from ..neighbors import kneighbors
from ._cleaning import CLEANING_STRATEGY_FORMS, cleaned_classes, surely_own_class

__all__ = ["TomekLinks", "tomek_link_mask"]


def tomek_link_mask(
    X: Any, codes: np.ndarray, *, n_jobs: int | None = None
) -> np.ndarray:
    """Which rows belong to a Tomek link.

    Rows ``a`` and ``b`` form a link when ``b`` is the nearest neighbour of
    ``a``, ``a`` is the nearest neighbour of ``b``, and their classes differ.
    A row is never its own neighbour, so two identical rows of different
    classes always form a link. Among equally near neighbours the row with
    the smaller index is the nearest.

    Parameters
    ----------
    X : ndarray or sparse matrix of shape (n_samples, n_features)
        Rows, at least two.
    codes : ndarray of int of shape (n_samples,)
        Class code of each row.
    n_jobs : int, default=None
        Threads for the neighbour search; never changes the answer.

    Returns
    -------
    ndarray of bool of shape (n_samples,)
        True for the rows of a link.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[0.0], [1.0], [1.2], [5.0]])
    >>> tomek_link_mask(X, np.array([0, 0, 1, 1])).tolist()
    [False, True, True, False]
    """
    n_rows = len(codes)
    # A row whose nearest row is surely of its class is in no link, and no
    # row of another class has it for nearest: only the others are searched.
    searched = np.flatnonzero(~surely_own_class(X, codes, np.arange(n_rows), 1, n_jobs))
    nearest = np.full(n_rows, -1, dtype=np.intp)
    if searched.size == n_rows:
        nearest[:] = kneighbors(X, 1, n_jobs=n_jobs, return_distance=False)[:, 0]
    elif searched.size:
        nearest[searched] = kneighbors(
            X, 1, query_indices=searched, n_jobs=n_jobs, return_distance=False
        )[:, 0]
    in_link = np.zeros(n_rows, dtype=bool)
    partner = nearest[searched]
    in_link[searched] = (nearest[partner] == searched) & (
        codes[partner] != codes[searched]
    )
    return in_link


class TomekLinks(BaseSampler):
    """Remove the rows of Tomek links, pairs of nearest rows of different classes.

    Two rows of different classes that are each other's nearest neighbour
    form a Tomek link: they lie on the class border, or one of them is
    noise. The rows of the links that belong to the classes selected by
    ``sampling_strategy`` are removed; their partners are kept. Distances are
    Euclidean.

    Parameters
    ----------
    sampling_strategy : str, list or callable, default="auto"
        The classes whose rows may be removed: a word (``"auto"`` means
        every class but the minority), a list of classes, or a callable; see
        :func:`imbalance.strategy.resolve_sampling_strategy`.
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
    EditedNearestNeighbours : Remove rows that disagree with their neighbours.
    OneSidedSelection : Condense, then remove Tomek links.

    Notes
    -----
    A row is never its own neighbour, even when another row is identical to
    it. So two identical rows with different labels always form a link,
    which imbalanced-learn can miss: its search may return the copy in place
    of the row itself. Among neighbours at equal distance the row with the
    smaller index is the nearest.

    References
    ----------
    .. [1] I. Tomek, "Two modifications of CNN", IEEE Transactions on
       Systems, Man, and Cybernetics, 6 (1976) 769-772.

    Examples
    --------
    >>> import numpy as np
    >>> from imbalance.under_sampling import TomekLinks
    >>> X = np.array([[0.0], [1.0], [2.0], [2.1], [6.0]])
    >>> y = np.array([0, 0, 0, 1, 1])
    >>> sampler = TomekLinks()
    >>> X_res, y_res = sampler.fit_resample(X, y)
    >>> sampler.sample_indices_.tolist()  # row 2 formed a link with row 3
    [0, 1, 3, 4]
    """

    _sampling_type = "clean-sampling"
    _parameter_constraints = {
        "sampling_strategy": CLEANING_STRATEGY_FORMS,
        "n_jobs": [numbers.Integral, None],
    }

    def __init__(
        self, *, sampling_strategy: Any = "auto", n_jobs: int | None = None
    ) -> None:
        self.sampling_strategy = sampling_strategy
        self.n_jobs = n_jobs

    def _fit_resample(self, X: Any, y: np.ndarray) -> Resampled:
        classes, codes, _ = encode_labels(y)
        cleaned = cleaned_classes(classes, self.sampling_strategy_)
        in_link = tomek_link_mask(X, codes, n_jobs=self.n_jobs)
        return Resampled(np.flatnonzero(~(in_link & cleaned[codes])))
