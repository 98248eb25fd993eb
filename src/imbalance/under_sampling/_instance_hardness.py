"""Instance hardness threshold: drop the rows a classifier finds hardest.

A row is hard when a classifier trained without it gives its own class a low
probability. Each row's probability comes from cross-validation (the folds
that leave the row out), and each shrunk class keeps its easiest rows, as
many as ``sampling_strategy`` asks.
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np
from joblib import parallel_config
from sklearn.base import clone
from sklearn.ensemble import ExtraTreesClassifier
from sklearn.model_selection import StratifiedKFold, cross_val_predict

from .._validation import Interval, encode_labels, plain_label
from ..base import BaseSampler, Resampled
from ._random_under_sampler import SAMPLING_STRATEGY_FORMS, shrunk_classes

__all__ = ["InstanceHardnessThreshold"]


class InstanceHardnessThreshold(BaseSampler):
    """Shrink classes by keeping the rows a classifier predicts most confidently.

    Every row gets the probability of its own class from a classifier that
    did not see it in training (``cv``-fold cross-validation). Rows with a low
    probability are hard: they overlap other classes or are noise. Each
    shrunk class keeps its rows with the highest probabilities, exactly as
    many as ``sampling_strategy`` asks; equal probabilities go to the earlier
    row.

    .. warning::
       Resample only the training data; a test set must keep the real class
       proportions.

    Parameters
    ----------
    estimator : classifier with predict_proba, default=None
        The classifier that judges hardness; it is cloned, and each of its
        unset ``random_state`` parameters is seeded from ``random_state``.
        ``None`` means ``ExtraTreesClassifier(n_estimators=100)``, a forest of
        randomised trees like imbalanced-learn's random forest but several
        times faster to train.
    sampling_strategy : float, str, dict or callable, default="auto"
        Which classes to shrink and to what size; see
        :func:`imbalance.strategy.resolve_sampling_strategy`. ``"auto"``
        shrinks every class but the minority to the minority's size.
    random_state : int, Generator, RandomState or None, default=None
        Seeds the shuffled folds and the classifier; the same seed gives the
        same rows. An int gives the same folds as imbalanced-learn.
    cv : int or cross-validation splitter, default=5
        An int is the number of stratified, shuffled folds; a splitter (an
        object with a ``split`` method) is used as given.
    n_jobs : int, default=None
        Parallel jobs; ``None`` means 1 and ``-1`` all cores. The default
        classifier trains its trees in parallel; a given classifier is
        trained on the folds in parallel threads. Never changes the result.

    Attributes
    ----------
    sampling_strategy_ : dict
        Rows kept per shrunk class.
    sample_indices_ : ndarray of int
        Positions of the kept rows in the input, in increasing order.
    generated_mask_ : ndarray of bool
        All False: no rows are added.
    estimator_ : classifier
        The unfitted classifier that was cross-validated, seeds set.
    n_features_in_ : int
        Number of features.

    See Also
    --------
    imbalance.under_sampling.NearMiss : Keep the rows nearest the minority.

    Notes
    -----
    Unlike imbalanced-learn, which reads the probability column numbered by
    the label itself, the column of each row's class is found by the class's
    rank, so any labels work (strings, ``-1``/``1``, ints that are not
    ``0..K-1``). imbalanced-learn also keeps every row tied at its
    probability threshold, which can keep more rows than asked.

    References
    ----------
    .. [1] M. R. Smith, T. Martinez and C. Giraud-Carrier, "An instance level
       analysis of data complexity", Machine Learning 95 (2014) 225-256.

    Examples
    --------
    >>> from sklearn.datasets import make_classification
    >>> from sklearn.linear_model import LogisticRegression
    >>> from imbalance.under_sampling import InstanceHardnessThreshold
    >>> X, y = make_classification(n_samples=200, weights=[0.8], random_state=0)
    >>> sampler = InstanceHardnessThreshold(
    ...     estimator=LogisticRegression(), random_state=0
    ... )
    >>> X_res, y_res = sampler.fit_resample(X, y)
    >>> import numpy as np
    >>> np.bincount(y_res).tolist()
    [40, 40]
    """

    _sampling_type = "under-sampling"
    _finite = False
    _parameter_constraints = {
        "estimator": [None, "has:predict_proba"],
        "sampling_strategy": SAMPLING_STRATEGY_FORMS,
        "random_state": ["random_state"],
        "cv": [Interval(numbers.Integral, 2, None), "has:split"],
        "n_jobs": [numbers.Integral, None],
    }

    def __init__(
        self,
        estimator: Any = None,
        *,
        sampling_strategy: Any = "auto",
        random_state: Any = None,
        cv: Any = 5,
        n_jobs: int | None = None,
    ) -> None:
        self.estimator = estimator
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.cv = cv
        self.n_jobs = n_jobs

    def _check_params(self, X: Any, y: np.ndarray) -> None:
        if not isinstance(self.cv, numbers.Integral):
            return
        classes, _, counts = encode_labels(y)
        smallest = int(np.argmin(counts))
        if counts[smallest] < self.cv:
            raise ValueError(
                f"cv={self.cv} needs at least {self.cv} rows of class "
                f"{plain_label(classes[smallest])!r}, one in each fold; it has "
                f"{counts[smallest]}. Lower cv to at most {max(counts[smallest], 2)} "
                "or pass a cross-validation splitter."
            )

    @property
    def _numeric(self) -> bool:
        # The default forest needs numbers; a given classifier (a pipeline
        # with an encoder, say) decides for itself what it accepts.
        return self.estimator is None

    def _fit_resample(self, X: Any, y: np.ndarray) -> Resampled:
        seeds = _legacy_random_state(self.random_state)
        self.estimator_ = self._make_estimator(seeds)
        if isinstance(self.cv, numbers.Integral):
            folds = StratifiedKFold(n_splits=self.cv, shuffle=True, random_state=seeds)
        else:
            folds = self.cv
        # Class codes 0..K-1 in sorted class order, as cross_val_predict
        # passes them to the classifier anyway; they also admit float labels.
        classes, codes, _ = encode_labels(y)
        # The default forest uses n_jobs for its trees; a given classifier is
        # trained on the folds in threads, which start at no cost.
        fold_jobs = None if self.estimator is None else self.n_jobs
        with parallel_config(backend="threading"):
            probabilities = cross_val_predict(
                self.estimator_,
                X,
                codes,
                cv=folds,
                n_jobs=fold_jobs,
                method="predict_proba",
            )

        own_class = probabilities[np.arange(len(y)), codes]
        keep = np.ones(len(y), dtype=bool)
        # skipping a class that keeps all its rows: its easiest n_keep are all
        for _, rows, n_keep in shrunk_classes(classes, codes, self.sampling_strategy_):
            easiest = np.argsort(-own_class[rows], kind="stable")[:n_keep]
            keep[rows] = False
            keep[rows[easiest]] = True

        return Resampled(np.flatnonzero(keep))

    def _make_estimator(self, seeds: np.random.RandomState) -> Any:
        if self.estimator is None:
            estimator = ExtraTreesClassifier(n_estimators=100, n_jobs=self.n_jobs)
        else:
            estimator = clone(self.estimator)
        return seed_unset_random_states(estimator, seeds)


def _legacy_random_state(random_state: Any) -> np.random.RandomState:
    """A RandomState for scikit-learn objects, from any ``random_state`` form.

    An int or ``None`` seeds a new one, as imbalanced-learn does; a Generator
    seeds one from its next draw.
    """
    if isinstance(random_state, np.random.RandomState):
        return random_state
    if isinstance(random_state, np.random.Generator):
        return np.random.RandomState(int(random_state.integers(2**32)))
    return np.random.RandomState(random_state)


def seed_unset_random_states(estimator: Any, seeds: np.random.RandomState) -> Any:
    """Give each unset ``random_state`` parameter of ``estimator`` a drawn seed.

    Parameters are visited in sorted order and one seed is drawn for each,
    set or not, so the draws (and the folds drawn after them) follow
    scikit-learn's ensembles; parameters the user set keep their value.

    Parameters
    ----------
    estimator : estimator
        Modified in place (pass a clone).
    seeds : numpy.random.RandomState
        Source of the seeds.

    Returns
    -------
    estimator
        The same estimator.

    Examples
    --------
    >>> from sklearn.tree import DecisionTreeClassifier
    >>> tree = seed_unset_random_states(
    ...     DecisionTreeClassifier(), np.random.RandomState(0)
    ... )
    >>> isinstance(tree.random_state, int)
    True
    """
    drawn = {}
    for name, value in sorted(estimator.get_params(deep=True).items()):
        if name == "random_state" or name.endswith("__random_state"):
            seed = int(seeds.randint(np.iinfo(np.int32).max))
            if value is None:
                drawn[name] = seed
    if drawn:
        estimator.set_params(**drawn)
    return estimator
