"""Decision thresholds chosen from the cost of each kind of error.

A classifier's ``predict`` answers "positive" when the positive class is more
probable than not, a threshold of 0.5. That is the right rule only when a
missed positive (a false negative) costs as much as a false alarm (a false
positive). When a missed fraud costs five times a needless check, the
threshold that costs least is lower.

- :func:`bayes_threshold` gives that threshold for calibrated probabilities:
  predicting positive costs less exactly when ``p * cost_fn > (1 - p) * cost_fp``,
  i.e. when ``p > cost_fp / (cost_fp + cost_fn)``.
- :class:`CostThresholdClassifierCV` does not trust the probabilities to be
  calibrated: it measures the expected cost of every threshold of a grid by
  cross-validation, keeps the cheapest, and reports the cost at 0.5 beside it.
  It runs scikit-learn's :class:`~sklearn.model_selection.TunedThresholdClassifierCV`
  with an expected-cost objective.
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, MetaEstimatorMixin
from sklearn.metrics import make_scorer
from sklearn.utils.metaestimators import available_if
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted, column_or_1d

from ._validation import (
    Interval,
    _copy_input_features,
    _require_y,
    count_labels,
    plain_label,
    validate_params,
)

__all__ = ["CostThresholdClassifierCV", "bayes_threshold"]

_COST = Interval(numbers.Real, 0, None)


def _check_cost_values(cost_fn: Any, cost_fp: Any, owner: str) -> tuple[float, float]:
    """Both costs as floats, refused unless they are finite numbers >= 0."""
    validate_params(
        owner,
        {"cost_fn": cost_fn, "cost_fp": cost_fp},
        {"cost_fn": [_COST], "cost_fp": [_COST]},
    )
    if not np.isfinite([cost_fn, cost_fp]).all():
        raise ValueError(
            f"cost_fn and cost_fp must be finite; got cost_fn={cost_fn!r}, "
            f"cost_fp={cost_fp!r}."
        )
    return float(cost_fn), float(cost_fp)


def _check_costs(cost_fn: Any, cost_fp: Any, owner: str) -> tuple[float, float]:
    cost_fn, cost_fp = _check_cost_values(cost_fn, cost_fp, owner)
    if cost_fn == 0 and cost_fp == 0:
        raise ValueError(
            "cost_fn and cost_fp cannot both be 0: then every threshold costs "
            "nothing. Give the cost of a missed positive and of a false alarm."
        )
    return cost_fn, cost_fp


def bayes_threshold(*, cost_fn: float, cost_fp: float) -> float:
    """The probability threshold of least expected cost, for calibrated models.

    A row with probability ``p`` of being positive costs ``(1 - p) * cost_fp``
    on average if called positive and ``p * cost_fn`` if called negative, so
    calling it positive is cheaper when ``p >= cost_fp / (cost_fp + cost_fn)``.
    This holds when ``p`` is a true probability of the population the model
    is used on: after resampling, correct it first
    (:class:`imbalance.calibration.PriorCorrectedClassifier`), or let
    :class:`CostThresholdClassifierCV` measure the best threshold instead.
    Only the ratio of the costs matters.

    Parameters
    ----------
    cost_fn : float
        Cost of a false negative (a positive called negative), >= 0.
    cost_fp : float
        Cost of a false positive (a negative called positive), >= 0.

    Returns
    -------
    float
        ``cost_fp / (cost_fp + cost_fn)``, in [0, 1]. Equal costs give 0.5.

    See Also
    --------
    CostThresholdClassifierCV : Choose the threshold by cross-validation.

    References
    ----------
    .. [1] C. Elkan, "The foundations of cost-sensitive learning", IJCAI 2001.

    Examples
    --------
    A missed positive costs five times a false alarm: call a row positive
    from a probability of 1/6 on.

    >>> from imbalance.decision import bayes_threshold
    >>> bayes_threshold(cost_fn=5, cost_fp=1)
    0.16666666666666666
    >>> bayes_threshold(cost_fn=1, cost_fp=1)
    0.5
    """
    cost_fn, cost_fp = _check_costs(cost_fn, cost_fp, "bayes_threshold")

    return cost_fp / (cost_fp + cost_fn)


def _mean_cost(y_true: Any, y_pred: Any, *, pos_label: Any, costs: np.ndarray) -> float:
    """Average cost per row; ``costs`` is 2 x 2 in (negative, positive) order,
    rows the true class, columns the predicted one."""
    true_positive = np.asarray(y_true) == pos_label
    predicted_positive = np.asarray(y_pred) == pos_label
    total = costs[true_positive.astype(np.intp), predicted_positive.astype(np.intp)]

    return float(total.mean())


def _threshold_grid(thresholds: Any) -> np.ndarray:
    """The thresholds to try, sorted, always including 0.5."""
    if isinstance(thresholds, numbers.Integral):
        grid = np.linspace(0.0, 1.0, int(thresholds))
    else:
        grid = np.asarray(thresholds, dtype=np.float64).ravel()
        outside = grid[~((grid >= 0) & (grid <= 1))]
        if outside.size:
            raise ValueError(
                "thresholds must lie in [0, 1], since they are compared with "
                f"predicted probabilities; got {plain_label(outside[0])!r}."
            )
    return np.union1d(grid, [0.5])


def _binary_labels(y: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Labels as a 1-D array, the two sorted classes and their counts."""
    _require_y(y, "CostThresholdClassifierCV")
    labels = column_or_1d(y.to_numpy() if hasattr(y, "to_numpy") else y, warn=True)
    check_classification_targets(labels)
    classes, counts = count_labels(labels)
    if classes.size != 2:
        shown = [plain_label(label) for label in classes[:5]]
        raise ValueError(
            "Only binary classification is supported. CostThresholdClassifierCV "
            f"sets one threshold between two classes; y has {classes.size} "
            f"class(es) {shown}. Frame the task as one class against the rest."
        )
    return labels, classes, counts


def _tuned_threshold_class() -> type:
    try:
        from sklearn.model_selection import TunedThresholdClassifierCV
    except ImportError as exc:  # scikit-learn < 1.5
        import sklearn

        raise ImportError(
            "CostThresholdClassifierCV needs scikit-learn >= 1.5, which has "
            f"TunedThresholdClassifierCV; this is scikit-learn {sklearn.__version__}. "
            "Upgrade it with: pip install -U scikit-learn"
        ) from exc
    return TunedThresholdClassifierCV


def _estimator_has(method: str) -> Any:
    return lambda self: hasattr(self.estimator, method)


class CostThresholdClassifierCV(ClassifierMixin, MetaEstimatorMixin, BaseEstimator):
    """A binary classifier whose threshold is the one of least expected cost.

    ``fit`` cross-validates ``estimator``: on each validation fold it counts
    what every threshold of a grid would cost, with ``cost_fn`` per missed
    positive and ``cost_fp`` per false alarm (or a full ``cost_matrix``), and
    averages over the folds. The cheapest threshold becomes ``best_threshold_``;
    the estimator is then refitted on all the data, and ``predict`` calls a row
    positive when its probability of ``pos_label_`` is at least that
    threshold. ``default_cost_`` is the cross-validated cost at 0.5, the
    threshold of a plain ``predict``, and ``cost_curve_`` holds the whole
    curve, for a plot.

    The estimator may resample while fitting (a
    :class:`imbalance.pipeline.Pipeline` with a sampler) and may correct its
    probabilities (:class:`imbalance.calibration.PriorCorrectedClassifier`);
    the threshold is chosen on untouched validation folds either way. Built on
    scikit-learn's :class:`~sklearn.model_selection.TunedThresholdClassifierCV`
    (scikit-learn >= 1.5).

    .. warning::
       Only two classes. The costs must be those of the population the model
       will be used on, per row; the cost at the chosen threshold is measured
       on the same folds it was chosen on, so it is slightly optimistic.

    Parameters
    ----------
    estimator : classifier
        The model, with ``fit`` and ``predict_proba``; cloned before fitting.
    cost_fn : float or None, default=None
        Cost of a false negative (a row of ``pos_label`` called negative),
        >= 0. Give it with ``cost_fp``, or give ``cost_matrix`` instead.
    cost_fp : float or None, default=None
        Cost of a false positive (a negative row called ``pos_label``), >= 0.
    cost_matrix : array-like of shape (2, 2) or None, default=None
        Cost of every outcome: ``cost_matrix[i][j]`` is the cost of predicting
        ``classes_[j]`` for a row of true class ``classes_[i]`` (classes
        sorted). Non-negative; a mistake must cost at least as much as the
        right answer for the same row.
    pos_label : label or None, default=None
        The class whose probability is thresholded (the "positive" one).
        ``None``: the less frequent class of ``y`` (on a tie, the larger
        label).
    thresholds : int or array-like of float, default=101
        The thresholds to try: a number of evenly spaced points in [0, 1], or
        the points themselves, each in [0, 1]. 0.5 is always added.
    cv : int, cross-validation splitter or list of (train, test) pairs, default=5
        How to split the data; an int gives stratified folds without
        shuffling.
    n_jobs : int or None, default=None
        Folds fitted in parallel (joblib); ``None`` means 1.

    Attributes
    ----------
    estimator_ : classifier
        The estimator fitted on all the data.
    classes_ : ndarray of shape (2,)
        The two class labels, sorted.
    pos_label_ : label
        The class whose probability is thresholded.
    cost_fn_ : float
        Extra cost of a missed positive over a right answer for it.
    cost_fp_ : float
        Extra cost of a false alarm over a right answer for a negative row.
    best_threshold_ : float
        The threshold of least cross-validated cost (the lowest one on a tie).
    best_cost_ : float
        Cross-validated expected cost per row at ``best_threshold_``.
    default_cost_ : float
        Cross-validated expected cost per row at the threshold 0.5.
    bayes_threshold_ : float
        :func:`bayes_threshold` of the costs: the best threshold if the
        probabilities were calibrated to the population.
    cost_curve_ : dict
        ``{"thresholds": ndarray, "costs": ndarray}``: each threshold tried,
        ascending, and its cross-validated expected cost per row.
    n_features_in_ : int
        Number of features, when the estimator records it.
    feature_names_in_ : ndarray of str
        Column names of ``X``, when the estimator records them.

    See Also
    --------
    bayes_threshold : The threshold for calibrated probabilities, in closed form.
    imbalance.calibration.PriorCorrectedClassifier : Probabilities corrected
        to the real class priors.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.linear_model import LogisticRegression
    >>> from imbalance.decision import CostThresholdClassifierCV
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(1000, 2))
    >>> y = (X[:, 0] + rng.normal(size=1000) > 1.5).astype(int)
    >>> model = CostThresholdClassifierCV(
    ...     LogisticRegression(), cost_fn=5, cost_fp=1
    ... ).fit(X, y)
    >>> float(model.best_threshold_), float(model.bayes_threshold_)
    (0.13, 0.1666...)
    >>> f"{model.best_cost_:.3f} per row, against {model.default_cost_:.3f} at 0.5"
    '0.375 per row, against 0.533 at 0.5'
    """

    _parameter_constraints = {
        "estimator": ["has:predict_proba"],
        "cost_fn": [None, _COST],
        "cost_fp": [None, _COST],
        "cost_matrix": [None, list, tuple, np.ndarray],
        "thresholds": [Interval(numbers.Integral, 2, None), list, tuple, np.ndarray],
        "cv": [Interval(numbers.Integral, 2, None), "has:split", list],
        "n_jobs": [None, Interval(numbers.Integral, None, None)],
    }

    def __init__(
        self,
        estimator: Any,
        *,
        cost_fn: float | None = None,
        cost_fp: float | None = None,
        cost_matrix: Any = None,
        pos_label: Any = None,
        thresholds: Any = 101,
        cv: Any = 5,
        n_jobs: int | None = None,
    ) -> None:
        self.estimator = estimator
        self.cost_fn = cost_fn
        self.cost_fp = cost_fp
        self.cost_matrix = cost_matrix
        self.pos_label = pos_label
        self.thresholds = thresholds
        self.cv = cv
        self.n_jobs = n_jobs

    def _check_params(self) -> None:
        owner = type(self).__name__
        validate_params(owner, self.get_params(deep=False), self._parameter_constraints)
        if isinstance(self.cv, str):  # a str has a split method too
            raise ValueError(
                f"The 'cv' parameter of {owner} must be an int in [2, inf], a "
                "cross-validation splitter or a list of (train, test) pairs. Got "
                f"{self.cv!r} instead."
            )
        given = [self.cost_fn is not None, self.cost_fp is not None]
        if self.cost_matrix is not None and any(given):
            raise ValueError(
                "When cost_matrix is given, cost_fn and cost_fp cannot be given "
                "too; put every cost in the matrix, or drop it."
            )
        if self.cost_matrix is None and not all(given):
            missing = "cost_fp" if given[0] else "cost_fn"
            raise ValueError(
                f"{owner} needs the cost of both kinds of error: {missing} is "
                "missing. Pass cost_fn and cost_fp, or a 2 x 2 cost_matrix."
            )

    def _choose_pos_label(self, classes: np.ndarray, counts: np.ndarray) -> Any:
        labels = [plain_label(label) for label in classes]
        if self.pos_label is None:
            return labels[0] if counts[0] < counts[1] else labels[1]
        if self.pos_label not in labels:
            raise ValueError(
                f"pos_label={self.pos_label!r} is not a class of y; the classes "
                f"are {labels}. Pass one of them, or None for the less frequent."
            )
        return plain_label(self.pos_label)

    def _cost_table(self, classes: np.ndarray, pos_index: int) -> np.ndarray:
        """Costs as a 2 x 2 table, rows true and columns predicted classes,
        both in (negative, positive) order."""
        if self.cost_matrix is None:
            cost_fn, cost_fp = _check_costs(
                self.cost_fn, self.cost_fp, "CostThresholdClassifierCV"
            )
            return np.array([[0.0, cost_fp], [cost_fn, 0.0]])
        order = [1 - pos_index, pos_index]
        table = _check_cost_matrix(self.cost_matrix, classes)[np.ix_(order, order)]
        if table[0, 1] == table[0, 0] and table[1, 0] == table[1, 1]:
            raise ValueError(
                "cost_matrix gives mistakes the same cost as right answers, so "
                "every threshold costs the same. Make at least one mistake cost "
                "more."
            )
        return table

    def _tune(
        self, X: Any, labels: np.ndarray, costs: np.ndarray, grid: np.ndarray
    ) -> Any:
        """Run scikit-learn's threshold search on the expected cost."""
        # scikit-learn maximises, so it gets the negated cost
        objective = make_scorer(
            _mean_cost,
            greater_is_better=False,
            pos_label=self.pos_label_,
            costs=costs,
        )
        search = _tuned_threshold_class()(
            self.estimator,
            scoring=objective,
            response_method="predict_proba",
            thresholds=grid,
            cv=self.cv,
            refit=True,
            n_jobs=self.n_jobs,
            store_cv_results=True,
        )
        return search.fit(X, labels)

    def fit(self, X: Any, y: Any) -> CostThresholdClassifierCV:
        """Measure the cost of each threshold by cross-validation, keep the
        cheapest, and fit the estimator on all the data.

        Parameters
        ----------
        X : array-like, sparse matrix or DataFrame of shape (n_samples, n_features)
            Training data, as the estimator accepts it.
        y : array-like of shape (n_samples,)
            Labels of two classes, of any type.

        Returns
        -------
        self : CostThresholdClassifierCV
            The fitted model.
        """
        self._check_params()
        labels, classes, counts = _binary_labels(y)
        self.pos_label_ = self._choose_pos_label(classes, counts)
        pos_index = int(np.flatnonzero(classes == self.pos_label_)[0])
        costs = self._cost_table(classes, pos_index)
        grid = _threshold_grid(self.thresholds)

        search = self._tune(X, labels, costs, grid)

        thresholds = np.asarray(search.cv_results_["thresholds"], dtype=np.float64)
        curve = -np.asarray(search.cv_results_["scores"], dtype=np.float64)
        self.cost_curve_ = {"thresholds": thresholds, "costs": curve}
        self.best_threshold_ = float(search.best_threshold_)
        self.best_cost_ = float(-search.best_score_)
        self.default_cost_ = float(curve[thresholds == 0.5][0])
        self.cost_fp_ = float(costs[0, 1] - costs[0, 0])
        self.cost_fn_ = float(costs[1, 0] - costs[1, 1])
        self.bayes_threshold_ = bayes_threshold(
            cost_fn=self.cost_fn_, cost_fp=self.cost_fp_
        )
        self.classes_ = classes
        self.estimator_ = search.estimator_
        _copy_input_features(self, self.estimator_)
        return self

    def predict(self, X: Any) -> np.ndarray:
        """``pos_label_`` where its probability reaches ``best_threshold_``.

        Parameters
        ----------
        X : array-like, sparse matrix or DataFrame of shape (n_samples, n_features)
            Data to predict.

        Returns
        -------
        ndarray of shape (n_samples,)
            Predicted labels, of the type of ``classes_``.
        """
        check_is_fitted(self)
        pos_index = int(np.flatnonzero(self.classes_ == self.pos_label_)[0])
        positive = (
            self.estimator_.predict_proba(X)[:, pos_index] >= self.best_threshold_
        )
        return self.classes_[np.where(positive, pos_index, 1 - pos_index)]

    def predict_proba(self, X: Any) -> np.ndarray:
        """The fitted estimator's class probabilities, unchanged.

        Parameters
        ----------
        X : array-like, sparse matrix or DataFrame of shape (n_samples, n_features)
            Data to predict.

        Returns
        -------
        ndarray of shape (n_samples, 2)
            Probabilities, columns in the order of ``classes_``.
        """
        check_is_fitted(self)
        return self.estimator_.predict_proba(X)

    @available_if(_estimator_has("predict_log_proba"))
    def predict_log_proba(self, X: Any) -> np.ndarray:
        """The fitted estimator's log-probabilities, unchanged.

        Parameters
        ----------
        X : array-like, sparse matrix or DataFrame of shape (n_samples, n_features)
            Data to predict.

        Returns
        -------
        ndarray of shape (n_samples, 2)
            Log-probabilities, columns in the order of ``classes_``.
        """
        check_is_fitted(self)
        return self.estimator_.predict_log_proba(X)

    @available_if(_estimator_has("decision_function"))
    def decision_function(self, X: Any) -> np.ndarray:
        """The fitted estimator's decision scores, unchanged.

        Parameters
        ----------
        X : array-like, sparse matrix or DataFrame of shape (n_samples, n_features)
            Data to score.

        Returns
        -------
        ndarray of shape (n_samples,)
            The estimator's scores (not shifted by the threshold).
        """
        check_is_fitted(self)
        return self.estimator_.decision_function(X)

    def __sklearn_tags__(self) -> Any:
        from sklearn.utils import get_tags  # scikit-learn >= 1.6 only calls this

        tags = super().__sklearn_tags__()
        inner = get_tags(self.estimator)
        tags.classifier_tags.multi_class = False
        tags.input_tags.sparse = inner.input_tags.sparse
        tags.input_tags.allow_nan = inner.input_tags.allow_nan
        return tags


def _check_cost_matrix(cost_matrix: Any, classes: np.ndarray) -> np.ndarray:
    labels = [plain_label(label) for label in classes]
    try:
        table = np.asarray(cost_matrix, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"cost_matrix must hold numbers; got {cost_matrix!r}.") from exc
    if table.shape != (2, 2):
        raise ValueError(
            f"cost_matrix must be 2 x 2, rows the true class and columns the "
            f"predicted one, both in the order {labels}; got shape {table.shape}."
        )
    if not np.isfinite(table).all() or (table < 0).any():
        raise ValueError(
            f"cost_matrix must hold finite costs >= 0; got {table.tolist()}. "
            "Express a gain as a lower cost of the other answers."
        )
    for row in range(2):
        if table[row, 1 - row] < table[row, row]:
            raise ValueError(
                f"cost_matrix makes the right answer for class {labels[row]!r} "
                f"cost more ({table[row, row]:g}) than the wrong one "
                f"({table[row, 1 - row]:g}). Check the order: rows are true "
                f"classes, columns predicted ones, both in the order {labels}."
            )
    return table
