"""Random under-sampling: keep a random subset of each selected class."""

from __future__ import annotations

import numbers
from collections.abc import Iterator
from typing import Any

import numpy as np

from .._validation import Interval, Options, as_generator, count_labels, plain_label
from ..base import BaseSampler, Resampled
from ..strategy import STRATEGY_WORDS

__all__ = ["RandomUnderSampler"]

SAMPLING_STRATEGY_FORMS = [
    Interval(numbers.Real, 0, 1, closed="right"),
    Options(STRATEGY_WORDS),
    dict,
    "callable",
]


def shrunk_classes(
    classes: np.ndarray, codes: np.ndarray, sampling_strategy: dict
) -> Iterator[tuple[Any, np.ndarray, int]]:
    """Each class that ``sampling_strategy`` shrinks, with its rows and kept count.

    Parameters
    ----------
    classes : ndarray
        The sorted classes, as :func:`~imbalance._validation.encode_labels`
        gives them.
    codes : ndarray of int of shape (n_samples,)
        Each row's position in ``classes``.
    sampling_strategy : dict
        Rows to keep per class (plain labels). A class that is missing, or
        asked to keep all of its rows, is skipped.

    Yields
    ------
    label : label
        The class, as in ``classes``.
    rows : ndarray of int
        Positions of its rows, in increasing order.
    n_keep : int
        Rows it keeps, fewer than ``rows.size``.

    Examples
    --------
    >>> classes, codes = np.array(["a", "b"]), np.array([0, 1, 0, 1, 0])
    >>> shrunk = shrunk_classes(classes, codes, {"a": 2, "b": 2})
    >>> [(str(c), r.tolist(), n) for c, r, n in shrunk]
    [('a', [0, 2, 4], 2)]
    """
    for code, label in enumerate(classes):
        n_keep = sampling_strategy.get(plain_label(label))
        if n_keep is None:
            continue
        rows = np.flatnonzero(codes == code)
        if n_keep >= rows.size:
            continue
        yield label, rows, n_keep


class RandomUnderSampler(BaseSampler):
    """Shrink classes by keeping a random subset of their rows.

    The fastest remedy and often a good one when data is plentiful: the model
    trains on fewer majority rows and stops favouring that class. It throws
    rows away blindly, though; see the cleaning under-samplers for methods that
    keep the informative ones.

    .. warning::
       Resample only the training data. Split (or cross-validate with
       :class:`imbalance.pipeline.Pipeline`) first, then resample; a test set
       must keep the real class proportions.

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable, default="auto"
        Which classes to shrink and to what size; see
        :func:`imbalance.strategy.resolve_sampling_strategy`. ``"auto"``
        shrinks every class but the minority to the minority's size.
    random_state : int, Generator, RandomState or None, default=None
        Seed of the draw; the same seed gives the same rows.
    replacement : bool, default=False
        Draw with replacement (a bootstrap), so a row may be kept twice.

    Attributes
    ----------
    sampling_strategy_ : dict
        Rows kept per shrunk class.
    sample_indices_ : ndarray of int
        Positions of the kept rows in the input, in increasing order.
    generated_mask_ : ndarray of bool
        All False: an under-sampler adds no rows.
    n_features_in_ : int
        Number of features.

    See Also
    --------
    imbalance.over_sampling.RandomOverSampler : Grow classes by copying rows.

    Examples
    --------
    >>> import numpy as np
    >>> from imbalance.under_sampling import RandomUnderSampler
    >>> X = np.arange(20).reshape(10, 2)
    >>> y = np.array([0] * 8 + [1] * 2)
    >>> X_res, y_res = RandomUnderSampler(random_state=0).fit_resample(X, y)
    >>> np.bincount(y_res).tolist()
    [2, 2]
    >>> sampler = RandomUnderSampler(random_state=0)
    >>> X_res, y_res = sampler.fit_resample(X, y)
    >>> bool(np.all(np.diff(sampler.sample_indices_) > 0))  # original order kept
    True
    """

    _sampling_type = "under-sampling"
    _numeric = False
    _finite = False
    _parameter_constraints = {
        "sampling_strategy": SAMPLING_STRATEGY_FORMS,
        "random_state": ["random_state"],
        "replacement": ["boolean"],
    }

    def __init__(
        self,
        *,
        sampling_strategy: Any = "auto",
        random_state: Any = None,
        replacement: bool = False,
    ) -> None:
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.replacement = replacement

    def _fit_resample(self, X: Any, y: np.ndarray) -> Resampled:
        rng = as_generator(self.random_state)
        if self.replacement:
            return Resampled(self._bootstrap_indices(y, rng))

        keep = np.ones(len(y), dtype=bool)
        for label in count_labels(y)[0]:
            n_keep = self.sampling_strategy_.get(label)
            if n_keep is None:
                continue
            in_class = y == label
            rows = np.flatnonzero(in_class)
            picked = rows[rng.choice(rows.size, size=n_keep, replace=False)]
            keep &= ~in_class
            keep[picked] = True

        return Resampled(np.flatnonzero(keep))

    def _bootstrap_indices(self, y: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        """Kept rows when drawing with replacement: a row may appear twice."""
        copies = np.ones(len(y), dtype=np.intp)
        for label in count_labels(y)[0]:
            n_keep = self.sampling_strategy_.get(label)
            if n_keep is None:
                continue
            rows = np.flatnonzero(y == label)
            picked = rows[rng.choice(rows.size, size=n_keep, replace=True)]
            copies[rows] = 0
            copies += np.bincount(picked, minlength=len(y))

        return np.repeat(np.arange(len(y)), copies)
