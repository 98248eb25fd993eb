"""SVM-SMOTE: grow a class from the support vectors of an SVM.

A support vector machine trained on the data marks the rows of a grown class
that hold up the decision border (its support vectors). Support vectors whose
neighbours all belong to other classes are dropped as noise. The others are
split by their neighbourhood: rows *in danger* (at least half their
neighbours in other classes) are interpolated towards their own class, as in
SMOTE; safe rows are extrapolated away from it, which pushes the border out
into the other classes.

To keep the SVM affordable on large data, it is by default trained only on
the border region: the rows of the grown classes and their ``m_neighbors``
nearest neighbours. Support vectors lie near the border, so this finds
nearly the same ones at a fraction of the cost; ``svm_rows="all"`` trains on
every row.
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.base import clone
from sklearn.svm import SVC

from .._validation import Interval, Options, as_generator, encode_labels, plain_label
from ..base import BaseSampler, Resampled
from ..neighbors import kneighbors, neighbors_from_param
from ._borderline_smote import (
    check_total_rows,
    count_other_class_neighbors,
    in_danger,
    is_noise,
    rows_from_origins,
)
from ._random_over_sampler import SAMPLING_STRATEGY_FORMS
from ._smote import (
    NEIGHBORS_FORMS,
    check_class_sizes,
    grown_codes,
    synthetic_result,
)

__all__ = ["SVMSMOTE"]


class SVMSMOTE(BaseSampler):
    """SMOTE grown from the support vectors of a support vector machine.

    For each grown class:

    1. an SVM (``svm_estimator``) is fitted, and the class's support vectors
       are taken as the rows on its border;
    2. each support vector's ``m_neighbors`` nearest neighbours (all rows)
       are counted by class: support vectors with every neighbour in other
       classes are dropped as noise, those with at least half are *in
       danger*, the rest are *safe*;
    3. a share of the new rows drawn from Beta(10, 10) is interpolated from
       danger rows towards one of their ``k_neighbors`` nearest neighbours in
       the class (step in [0, 1)); the rest are extrapolated from safe rows
       away from such a neighbour (step in (-out_step, 0]). When one group
       is empty, the other makes every new row.

    .. warning::
       Resample only the training data; see :class:`SMOTE`.

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable, default="auto"
        Which classes to grow and to what size; see
        :func:`imbalance.strategy.resolve_sampling_strategy`.
    random_state : int, Generator, RandomState or None, default=None
        Seed of the draws (and of the default SVM); the same seed gives the
        same rows.
    k_neighbors : int or estimator, default=5
        Neighbours within the class to interpolate towards or extrapolate
        from (the row itself not counted), or a search estimator whose
        ``n_neighbors`` counts the row itself, as in imbalanced-learn.
    m_neighbors : int or estimator, default=10
        Neighbours among all rows that sort support vectors into noise,
        danger and safe; same forms as ``k_neighbors``.
    svm_estimator : estimator or None, default=None
        Classifier exposing ``support_`` after ``fit``. ``None`` uses
        ``sklearn.svm.SVC`` with an RBF kernel whose width is scikit-learn's
        ``gamma="scale"`` computed on all of ``X``.
    out_step : float, default=0.5
        Largest step, as a fraction of the distance to the neighbour, by which
        a new row is pushed out from a safe support vector.
    svm_rows : {"border", "all"}, default="border"
        Rows the SVM is trained on. ``"border"``: the rows of the grown
        classes and their ``m_neighbors`` nearest neighbours, which is far
        cheaper on large data and finds nearly the same support vectors.
        ``"all"``: every row, as imbalanced-learn does.
    n_jobs : int or None, default=None
        Threads for the neighbour searches. Never changes the result.

    Attributes
    ----------
    sampling_strategy_ : dict
        Rows added per grown class.
    svm_estimator_ : estimator
        The fitted SVM.
    support_indices_ : dict
        For each grown class, the input positions of its support vectors
        that are not noise.
    sample_indices_ : ndarray of int
        ``arange(n_samples)``: every input row is kept, in order.
    generated_mask_ : ndarray of bool
        True for the synthetic rows.
    n_features_in_ : int
        Number of features.

    See Also
    --------
    BorderlineSMOTE : Border rows found by their neighbours alone.
    SMOTE : Grow from every row of the class.

    References
    ----------
    .. [1] H. M. Nguyen, E. W. Cooper and K. Kamei, "Borderline
       over-sampling for imbalanced data classification", International
       Journal of Knowledge Engineering and Soft Data Paradigms 3 (2011) 4-21.

    Examples
    --------
    >>> import numpy as np
    >>> from imbalance.over_sampling import SVMSMOTE
    >>> rng = np.random.default_rng(0)
    >>> X = np.vstack([rng.normal(0, 1, (60, 2)), rng.normal(1.5, 1, (20, 2))])
    >>> y = np.array([0] * 60 + [1] * 20)
    >>> X_res, y_res = SVMSMOTE(random_state=0).fit_resample(X, y)
    >>> np.bincount(y_res).tolist()
    [60, 60]
    """

    _sampling_type = "over-sampling"
    _parameter_constraints = {
        "sampling_strategy": SAMPLING_STRATEGY_FORMS,
        "random_state": ["random_state"],
        "k_neighbors": NEIGHBORS_FORMS,
        "m_neighbors": NEIGHBORS_FORMS,
        "svm_estimator": [None, "has:fit"],
        "out_step": [Interval(numbers.Real, 0, 1)],
        "svm_rows": [Options(["border", "all"])],
        "n_jobs": [numbers.Integral, None],
    }

    def __init__(
        self,
        *,
        sampling_strategy: Any = "auto",
        random_state: Any = None,
        k_neighbors: Any = 5,
        m_neighbors: Any = 10,
        svm_estimator: Any = None,
        out_step: float = 0.5,
        svm_rows: str = "border",
        n_jobs: int | None = None,
    ) -> None:
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.k_neighbors = k_neighbors
        self.m_neighbors = m_neighbors
        self.svm_estimator = svm_estimator
        self.out_step = out_step
        self.svm_rows = svm_rows
        self.n_jobs = n_jobs

    def _fit_resample(self, X: Any, y: np.ndarray) -> Resampled:
        owner = "SVMSMOTE"
        k, k_search = neighbors_from_param(self.k_neighbors, owner=owner)
        m, m_search = neighbors_from_param(
            self.m_neighbors, name="m_neighbors", owner=owner
        )
        check_total_rows(len(y), m, "m_neighbors")
        check_class_sizes(y, self.sampling_strategy_, k)
        rng = as_generator(self.random_state)
        classes, codes, _ = encode_labels(y)
        grown = grown_codes(classes, self.sampling_strategy_)

        neighbourhoods = {
            code: count_other_class_neighbors(
                X,
                codes,
                np.flatnonzero(codes == code),
                m,
                search=m_search,
                n_jobs=self.n_jobs,
            )
            for code in grown
        }
        training_rows = self._training_rows(codes, grown, neighbourhoods)
        support = self._fit_svm(X, codes, training_rows, rng)

        self.support_indices_ = {}
        synthetic, labels = [], []
        for code in grown:
            label = plain_label(classes[code])
            n_new = self.sampling_strategy_[label]
            rows = np.flatnonzero(codes == code)
            n_other = neighbourhoods[code][0]
            synthetic.append(
                self._grow_class(
                    X, rows, n_other, support, label, n_new, (k, k_search, m), rng
                )
            )
            labels.append(np.full(n_new, classes[code], dtype=y.dtype))

        return synthetic_result(len(y), synthetic, labels)

    def _training_rows(self, codes, grown, neighbourhoods) -> np.ndarray | None:
        """Rows to fit the SVM on; ``None`` for all of them.

        The border region is every row of a grown class and each of its
        ``m_neighbors`` nearest neighbours; it is used unless it holds a single
        class, which an SVM cannot be fitted on.
        """
        if self.svm_rows == "all":
            return None
        pieces = [np.flatnonzero(codes == code) for code in grown]
        pieces += [neighbors.ravel() for _, neighbors in neighbourhoods.values()]
        rows = np.unique(np.concatenate(pieces))
        return rows if np.unique(codes[rows]).size > 1 else None

    def _fit_svm(self, X, codes, training_rows, rng) -> np.ndarray:
        """Fit the SVM on class codes; return its support vectors' positions."""
        if self.svm_estimator is None:
            seed = int(rng.integers(2**31 - 1))
            svm = SVC(gamma=_scale_gamma(X), random_state=seed)
        else:
            svm = clone(self.svm_estimator)
        if training_rows is None:
            svm.fit(X, codes)
        else:
            svm.fit(X[training_rows], codes[training_rows])
        support = getattr(svm, "support_", None)
        if support is None:
            raise ValueError(
                f"svm_estimator={type(svm).__name__} has no support_ attribute "
                "after fit; SVMSMOTE needs a support vector machine such as "
                "sklearn.svm.SVC."
            )
        self.svm_estimator_ = svm
        support = np.asarray(support, dtype=np.intp)
        return support if training_rows is None else training_rows[support]

    def _grow_class(self, X, rows, n_other, support, label, n_new, ks, rng):
        """New rows of one class from its danger and safe support vectors."""
        k, k_search, m = ks
        is_support = np.isin(rows, support)
        kept = np.flatnonzero(is_support & ~is_noise(n_other, m))
        _check_some_support(kept, is_support, label)
        self.support_indices_[label] = rows[kept]

        danger = kept[in_danger(n_other[kept], m)]
        safe = kept[~in_danger(n_other[kept], m)]
        n_danger = min(int(rng.beta(10, 10) * (n_new + 1)), n_new)
        n_danger = n_new if safe.size == 0 else (0 if danger.size == 0 else n_danger)

        class_rows = X[rows]
        search_args = {"search": k_search, "n_jobs": self.n_jobs}
        parts = [
            _segments(class_rows, origin_set, k, n, step, rng, search_args)
            for origin_set, n, step in (
                (danger, n_danger, 1.0),
                (safe, n_new - n_danger, -self.out_step),
            )
            if n
        ]
        if len(parts) == 1:
            return parts[0]
        return sp.vstack(parts, format="csr") if sp.issparse(X) else np.vstack(parts)


def _segments(class_rows, origin_set, k, n_new, step_scale, rng, search_args):
    """``n_new`` rows from ``origin_set`` along segments to class neighbours."""
    neighbors = kneighbors(
        class_rows, k, query_indices=origin_set, return_distance=False, **search_args
    )
    return rows_from_origins(class_rows, origin_set, neighbors, n_new, rng, step_scale)


def _scale_gamma(X) -> float:
    """scikit-learn's ``gamma="scale"``, 1 / (n_features * X.var()), on all of X."""
    if sp.issparse(X):
        mean = X.sum() / np.prod(X.shape)
        variance = X.multiply(X).sum() / np.prod(X.shape) - mean**2
    else:
        variance = X.var()
    return 1.0 / (X.shape[1] * variance) if variance > 0 else 1.0


def _check_some_support(kept, is_support, label):
    if kept.size:
        return
    if not is_support.any():
        raise ValueError(
            f"The SVM has no support vector of class {label!r}, so SVMSMOTE has "
            "no border to grow it from. Use SMOTE or BorderlineSMOTE for this "
            "class, or pass another svm_estimator."
        )
    raise ValueError(
        f"Every support vector of class {label!r} has all of its m_neighbors "
        "nearest neighbours in other classes, so SVMSMOTE takes them all for "
        "noise. Raise m_neighbors, or use SMOTE or BorderlineSMOTE for this class."
    )
