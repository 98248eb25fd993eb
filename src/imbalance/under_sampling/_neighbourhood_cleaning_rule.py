"""The neighbourhood cleaning rule: edit, then clear the minority's surroundings."""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np
from sklearn.base import clone

from .._validation import Interval, encode_labels
from ..base import BaseSampler, Resampled
from ..neighbors import kneighbors, neighbors_from_param
from ._cleaning import (
    CLEANING_STRATEGY_FORMS,
    NEIGHBORS_FORMS,
    cleaned_classes,
    majority_vote,
    minority_code,
)
from ._edited_nearest_neighbours import edited_keep_mask

__all__ = ["NeighbourhoodCleaningRule"]


class NeighbourhoodCleaningRule(BaseSampler):
    """Remove noisy rows, then the rows that crowd out minority rows (NCR).

    Two sets of rows are removed, both from the classes selected by
    ``sampling_strategy``:

    1. the rows that :class:`EditedNearestNeighbours` with
       ``kind_sel="mode"`` removes (rows whose class is not the most common
       among their ``n_neighbors`` neighbours);
    2. the neighbours of each minority row that a ``n_neighbors``-nearest
       neighbour vote misclassifies, when they belong to a class holding
       more than ``threshold_cleaning`` times as many rows as the minority.

    Parameters
    ----------
    sampling_strategy : str, list or callable, default="auto"
        The classes whose rows may be removed: a word (``"auto"`` means
        every class but the minority), a list of classes, or a callable; see
        :func:`imbalance.strategy.resolve_sampling_strategy`.
    edited_nearest_neighbours : sampler, default=None
        The sampler of step 1, an object with ``fit_resample`` and
        ``sample_indices_`` (a clone is fitted). ``None`` means
        ``EditedNearestNeighbours(sampling_strategy, n_neighbors,
        kind_sel="mode", n_jobs)``.
    n_neighbors : int or estimator, default=3
        Neighbours of each row. An estimator with a ``kneighbors`` method is
        used for the search instead; as in imbalanced-learn its
        ``n_neighbors`` counts the row itself.
    threshold_cleaning : float, default=0.5
        Step 2 removes rows of a class only if the class holds more than
        ``threshold_cleaning`` times the minority's rows.
    n_jobs : int, default=None
        Threads for the neighbour search; ``None`` means 1, ``-1`` all cores.
        Never changes the result.

    Attributes
    ----------
    sampling_strategy_ : dict
        Current size of each class that may be cleaned.
    classes_to_clean_ : list
        The classes step 2 removes rows from.
    sample_indices_ : ndarray of int
        Positions of the kept rows in the input, in increasing order.
    generated_mask_ : ndarray of bool
        All False: no row is added.
    n_features_in_ : int
        Number of features.

    See Also
    --------
    EditedNearestNeighbours : Step 1 on its own.

    Notes
    -----
    The vote of step 2 follows imbalanced-learn, which classifies each
    minority row with a nearest-neighbour classifier fitted on all rows: the
    row itself is one of the ``n_neighbors`` voters, joined by its
    ``n_neighbors - 1`` nearest other rows, and a tie goes to the class that
    sorts first. The rows removed are then its ``n_neighbors`` nearest other
    rows. The minority is the smallest class; among classes of equal size,
    the one that sorts first.

    References
    ----------
    .. [1] J. Laurikkala, "Improving Identification of Difficult Small
       Classes by Balancing Class Distribution", Artificial Intelligence in
       Medicine, LNCS 2101 (2001) 63-66.

    Examples
    --------
    >>> import numpy as np
    >>> from imbalance.under_sampling import NeighbourhoodCleaningRule
    >>> X = np.array([[0.0], [1.0], [2.0], [3.0], [3.5], [4.0], [8.0], [9.0]])
    >>> y = np.array([0, 0, 0, 0, 1, 0, 1, 1])
    >>> sampler = NeighbourhoodCleaningRule(n_neighbors=2)
    >>> X_res, y_res = sampler.fit_resample(X, y)
    >>> sampler.sample_indices_.tolist()  # rows 3 and 5 crowded row 4 out
    [0, 1, 2, 4, 6, 7]
    """

    _sampling_type = "clean-sampling"
    _parameter_constraints = {
        "sampling_strategy": CLEANING_STRATEGY_FORMS,
        "edited_nearest_neighbours": [None, "has:fit_resample"],
        "n_neighbors": NEIGHBORS_FORMS,
        "threshold_cleaning": [Interval(numbers.Real, 0, None, closed="neither")],
        "n_jobs": [numbers.Integral, None],
    }

    def __init__(
        self,
        *,
        sampling_strategy: Any = "auto",
        edited_nearest_neighbours: Any = None,
        n_neighbors: Any = 3,
        threshold_cleaning: float = 0.5,
        n_jobs: int | None = None,
    ) -> None:
        self.sampling_strategy = sampling_strategy
        self.edited_nearest_neighbours = edited_nearest_neighbours
        self.n_neighbors = n_neighbors
        self.threshold_cleaning = threshold_cleaning
        self.n_jobs = n_jobs

    def _neighbors(self, n_rows: int) -> tuple[int, Any]:
        n_neighbors, search = neighbors_from_param(
            self.n_neighbors, name="n_neighbors", owner="NeighbourhoodCleaningRule"
        )
        if n_rows <= n_neighbors:
            raise ValueError(
                f"n_neighbors={n_neighbors} needs at least {n_neighbors + 1} rows "
                f"in X (each row and its neighbours); NeighbourhoodCleaningRule "
                f"got {n_rows}. Lower n_neighbors or pass more rows."
            )
        return n_neighbors, search

    def _check_params(self, X: Any, y: np.ndarray) -> None:
        self._neighbors(len(y))

    def _fit_resample(self, X: Any, y: np.ndarray) -> Resampled:
        classes, codes, class_sizes = encode_labels(y)
        cleaned = cleaned_classes(classes, self.sampling_strategy_)
        n_neighbors, search = self._neighbors(len(y))

        edited_out = ~self._edited_keep(X, y, codes, cleaned, n_neighbors, search)

        minority = minority_code(class_sizes)
        cleared = cleaned & (
            class_sizes > class_sizes[minority] * self.threshold_cleaning
        )
        self.classes_to_clean_ = classes[cleared].tolist()
        crowding = self._crowding_rows(
            X, codes, len(classes), minority, n_neighbors, search
        )
        removed = edited_out | (crowding & cleared[codes])
        return Resampled(np.flatnonzero(~removed))

    def _edited_keep(self, X, y, codes, cleaned, n_neighbors, search) -> np.ndarray:
        """Step 1: which rows the edited nearest-neighbour rule keeps."""
        if self.edited_nearest_neighbours is None:
            return edited_keep_mask(
                X,
                codes,
                cleaned,
                n_neighbors,
                "mode",
                search=search,
                n_jobs=self.n_jobs,
            )
        editor = clone(self.edited_nearest_neighbours)
        editor.fit_resample(X, y)
        keep = np.zeros(len(codes), dtype=bool)
        keep[editor.sample_indices_] = True
        return keep

    def _crowding_rows(
        self, X, codes, n_classes, minority, n_neighbors, search
    ) -> np.ndarray:
        """Step 2: the neighbours of the misclassified minority rows."""
        rows = np.flatnonzero(codes == minority)
        neighbors = kneighbors(
            X,
            n_neighbors,
            query_indices=rows,
            search=search,
            n_jobs=self.n_jobs,
            return_distance=False,
        )
        voters = np.column_stack([codes[rows], codes[neighbors[:, : n_neighbors - 1]]])
        misclassified = majority_vote(voters, n_classes) != minority
        crowding = np.zeros(len(codes), dtype=bool)
        crowding[neighbors[misclassified].ravel()] = True
        return crowding
