"""ADASYN: grow a class most where its rows are hardest to learn.

Each row of a grown class is weighted by the share of its nearest neighbours
(in the whole data) that belong to other classes. The class's new rows are
shared out in proportion to those weights, and each is placed, as in SMOTE,
between its origin and one of the origin's neighbours within the class.
"""

from __future__ import annotations

import numbers
import warnings
from typing import Any

import numpy as np

from .._exceptions import ImbalanceWarning
from .._validation import as_generator, encode_labels, plain_label
from ..base import BaseSampler, Resampled
from ..neighbors import kneighbors, neighbors_from_param
from ._borderline_smote import check_total_rows, count_other_class_neighbors
from ._random_over_sampler import SAMPLING_STRATEGY_FORMS
from ._smote import (
    NEIGHBORS_FORMS,
    check_class_sizes,
    grown_classes,
    segment_rows,
    share_out,
    synthetic_result,
)

__all__ = ["ADASYN"]


class ADASYN(BaseSampler):
    """Adaptive Synthetic sampling: more new rows where the class is harder.

    For every row of a grown class, the share of its ``n_neighbors`` nearest
    neighbours (among all rows) that belong to other classes measures how hard
    it is to learn. The class's new rows are shared out in proportion to that
    share, so rows deep inside their class get none and rows surrounded by
    other classes get the most (a class whose rows all weigh zero is left as
    it is, with an ``ImbalanceWarning``). Each new row is placed at a uniform random
    point between its origin and one of the origin's ``n_neighbors`` nearest
    neighbours within the class.

    The number of rows added is exactly what ``sampling_strategy`` asks for
    (the shares are rounded so that they add up).

    .. warning::
       Resample only the training data; see :class:`SMOTE`. ADASYN also grows
       from rows that are likely label noise: those have the most neighbours
       of other classes.

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable, default="auto"
        Which classes to grow and to what size; see
        :func:`imbalance.strategy.resolve_sampling_strategy`.
    random_state : int, Generator, RandomState or None, default=None
        Seed of the draws; the same seed gives the same rows.
    n_neighbors : int or estimator, default=5
        Neighbours that weight each row and that new rows are interpolated
        towards (the row itself not counted), or a search estimator whose
        ``n_neighbors`` counts the row itself, as in imbalanced-learn.
    n_jobs : int or None, default=None
        Threads for the neighbour searches. Never changes the result.

    Attributes
    ----------
    sampling_strategy_ : dict
        Rows added per grown class.
    sample_indices_ : ndarray of int
        ``arange(n_samples)``: every input row is kept, in order.
    generated_mask_ : ndarray of bool
        True for the synthetic rows.
    n_features_in_ : int
        Number of features.

    See Also
    --------
    SMOTE : Every row of the class grown from equally.
    BorderlineSMOTE : Grow from border rows only.

    References
    ----------
    .. [1] H. He, Y. Bai, E. A. Garcia and S. Li, "ADASYN: Adaptive Synthetic
       Sampling Approach for Imbalanced Learning", IJCNN 2008, 1322-1328.

    Examples
    --------
    >>> import numpy as np
    >>> from imbalance.over_sampling import ADASYN
    >>> rng = np.random.default_rng(0)
    >>> X = np.vstack([rng.normal(0, 1, (60, 2)), rng.normal(1, 1, (20, 2))])
    >>> y = np.array([0] * 60 + [1] * 20)
    >>> X_res, y_res = ADASYN(random_state=0).fit_resample(X, y)
    >>> np.bincount(y_res).tolist()
    [60, 60]
    """

    _sampling_type = "over-sampling"
    _parameter_constraints = {
        "sampling_strategy": SAMPLING_STRATEGY_FORMS,
        "random_state": ["random_state"],
        "n_neighbors": NEIGHBORS_FORMS,
        "n_jobs": [numbers.Integral, None],
    }

    def __init__(
        self,
        *,
        sampling_strategy: Any = "auto",
        random_state: Any = None,
        n_neighbors: Any = 5,
        n_jobs: int | None = None,
    ) -> None:
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.n_neighbors = n_neighbors
        self.n_jobs = n_jobs

    def _fit_resample(self, X: Any, y: np.ndarray) -> Resampled:
        k, search = neighbors_from_param(
            self.n_neighbors, name="n_neighbors", owner="ADASYN"
        )
        check_total_rows(len(y), k, "n_neighbors")
        check_class_sizes(y, self.sampling_strategy_, k, param="n_neighbors")
        rng = as_generator(self.random_state)
        search_args = {"search": search, "n_jobs": self.n_jobs}

        classes, codes, _ = encode_labels(y)
        synthetic, labels = [], []
        for label, rows, n_new in grown_classes(
            classes, codes, self.sampling_strategy_
        ):
            n_other, _ = count_other_class_neighbors(X, codes, rows, k, **search_args)
            if not n_other.any():
                _warn_nothing_hard(plain_label(label), k)
                self.sampling_strategy_[plain_label(label)] = 0
                continue
            origins = np.repeat(np.arange(rows.size), share_out(n_new, n_other))

            class_rows = X[rows]
            neighbors = kneighbors(class_rows, k, return_distance=False, **search_args)
            synthetic.append(segment_rows(class_rows, neighbors, n_new, rng, origins))
            labels.append(np.full(n_new, label, dtype=y.dtype))

        return synthetic_result(len(y), synthetic, labels)


def _warn_nothing_hard(label: Any, k: int) -> None:
    warnings.warn(
        f"ADASYN found no row of class {label!r} with a neighbour of another "
        f"class among its n_neighbors={k} nearest, so every row weighs zero and "
        "the class is left as it is (sampling_strategy_ records 0 new rows). Use "
        "SMOTE to grow it anyway, or raise n_neighbors.",
        ImbalanceWarning,
        stacklevel=4,
    )
