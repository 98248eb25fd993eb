"""Probabilities corrected back to the real class priors.

A classifier learns the class priors of the rows it is fitted on. After
under-sampling a 5 % class to 50 %, the model believes half of all rows belong
to it, and its ``predict_proba`` says so: the probabilities are those of the
resampled data, not of the population the model will meet.

When resampling changes only how often each class appears, not what the rows
of a class look like, Bayes' rule undoes it (the prior-shift correction of
Elkan, 2001, and Saerens, Latinne and Decaestecker, 2002). Each class's
probability is multiplied by the ratio of its true prior to the prior it had
in training, and each row is normalised again::

    p_true(c | x) = p_train(c | x) * w(c) / sum_k p_train(k | x) * w(k),
    w(c) = true_prior(c) / training_prior(c)

:func:`correct_priors` applies it to probabilities from any model;
:class:`PriorCorrectedClassifier` fits a model on resampled data, remembers
both sets of priors, and answers with corrected probabilities.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, MetaEstimatorMixin, clone
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted, column_or_1d

from ._validation import (
    _copy_input_features,
    _is_pandas_series,
    _require_y,
    count_labels,
    plain_label,
    validate_params,
)

__all__ = ["PriorCorrectedClassifier", "correct_priors"]

#: How far from 1 a user's priors may sum (round-off of typed-in decimals).
_SUM_TOLERANCE = 1e-6
#: Probabilities are clipped to this before logs in ``decision_function``.
_SMALLEST_PROBABILITY = np.finfo(np.float64).tiny


# --------------------------------------------------------------------------
# The correction itself
# --------------------------------------------------------------------------


def _reweight(proba: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Multiply each column by its weight and normalise each row to sum 1."""
    corrected = np.asarray(proba, dtype=np.float64) * weights
    corrected /= corrected.sum(axis=1, keepdims=True)
    return corrected


def _check_prior_values(values: np.ndarray, name: str, names: list[str]) -> np.ndarray:
    """Priors must be finite, > 0 and sum to 1; returned normalised exactly."""
    if not np.isfinite(values).all():
        raise ValueError(
            f"{name} holds NaN or infinite values ({values.tolist()}); each prior "
            "must be a number in (0, 1]."
        )
    if (values <= 0).any():
        index = int(np.flatnonzero(values <= 0)[0])
        raise ValueError(
            f"{name} gives {names[index]} a prior of {values[index]:g}; every prior "
            "must be > 0, because a class of prior 0 can never be predicted and "
            "the correction divides by the training prior. Give that class a "
            "small positive prior, or drop it from the data."
        )
    total = float(values.sum())
    if abs(total - 1.0) > _SUM_TOLERANCE:
        raise ValueError(
            f"{name} must sum to 1; they sum to {total:g} ({values.tolist()}). "
            "Divide each prior by their total."
        )
    return values / total


def _prior_vector(priors: Any, name: str, n_classes: int) -> np.ndarray:
    """An array of priors, one per column of ``proba``, checked."""
    try:
        values = np.asarray(priors, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise TypeError(
            f"{name} must be an array of numbers, one prior per class; got {priors!r}."
        ) from exc
    if values.ndim != 1 or values.size != n_classes:
        raise ValueError(
            f"{name} has shape {values.shape} but proba has {n_classes} columns; "
            "give one prior per column of proba, in the same order."
        )
    names = [f"column {index}" for index in range(n_classes)]
    return _check_prior_values(values, name, names)


def _check_proba(proba: Any) -> np.ndarray:
    values = np.asarray(proba, dtype=np.float64)
    if values.ndim != 2 or values.shape[1] < 2:
        raise ValueError(
            "proba must be 2-D, one column per class, as predict_proba returns; "
            f"got shape {values.shape}. For the probability p of the positive "
            "class alone, pass numpy.column_stack([1 - p, p])."
        )
    if not np.isfinite(values).all() or (values < 0).any():
        raise ValueError(
            "proba must hold finite, non-negative probabilities; it holds NaN, "
            "infinite or negative values. Pass predict_proba's output, not "
            "decision_function's."
        )
    if (values.sum(axis=1) <= 0).any():
        row = int(np.flatnonzero(values.sum(axis=1) <= 0)[0])
        raise ValueError(
            f"Row {row} of proba is all zeros; each row needs a positive total."
        )
    return values


def correct_priors(proba: Any, *, training_priors: Any, true_priors: Any) -> np.ndarray:
    """Correct class probabilities for a change of class priors.

    A model fitted on rows whose class frequencies were ``training_priors``
    gives probabilities for that mix of classes. This rescales them to a
    population whose class frequencies are ``true_priors``: each column is
    multiplied by ``true_priors / training_priors`` and each row normalised
    to sum 1. The correction is exact when the class-conditional distributions
    ``p(x | class)`` are the same in training and in the population, which is
    the case after random under- or over-sampling.

    Parameters
    ----------
    proba : array-like of shape (n_samples, n_classes)
        Probabilities as ``predict_proba`` returns them, one column per class.
        Rows need not sum exactly to 1; they are normalised.
    training_priors : array-like of shape (n_classes,)
        Share of each class in the rows the model was fitted on (after any
        resampling), in the order of the columns of ``proba``. Each > 0; they
        sum to 1.
    true_priors : array-like of shape (n_classes,)
        Share of each class in the population the probabilities should
        describe, in the same order. Each > 0; they sum to 1.

    Returns
    -------
    ndarray of shape (n_samples, n_classes)
        Corrected probabilities; each row sums to 1.

    See Also
    --------
    PriorCorrectedClassifier : Fit on resampled data and correct automatically.

    References
    ----------
    .. [1] C. Elkan, "The foundations of cost-sensitive learning", IJCAI 2001.
    .. [2] M. Saerens, P. Latinne and C. Decaestecker, "Adjusting the outputs
       of a classifier to new a priori probabilities: a simple procedure",
       Neural Computation 14 (2002) 21-41.

    Examples
    --------
    A model trained on balanced data says 0.5 for a row; in a population with
    10 % positives, the same evidence means 0.1:

    >>> from imbalance.calibration import correct_priors
    >>> correct_priors([[0.5, 0.5], [0.2, 0.8]],
    ...                training_priors=[0.5, 0.5], true_priors=[0.9, 0.1])
    array([[0.9       , 0.1       ],
           [0.69230769, 0.30769231]])
    """
    values = _check_proba(proba)
    n_classes = values.shape[1]
    training = _prior_vector(training_priors, "training_priors", n_classes)
    true = _prior_vector(true_priors, "true_priors", n_classes)

    return _reweight(values, true / training)


# --------------------------------------------------------------------------
# Priors given as parameters of the estimator
# --------------------------------------------------------------------------


def _is_mapping(priors: Any) -> bool:
    return isinstance(priors, Mapping) or _is_pandas_series(priors)


def _priors_for_classes(priors: Any, name: str, classes: np.ndarray) -> np.ndarray:
    """Priors from a ``{class: prior}`` mapping or an array in class order."""
    labels = [plain_label(label) for label in classes]
    if _is_mapping(priors):
        given = dict(priors.items())
        unknown = [key for key in given if key not in set(labels)]
        if unknown or len(given) != len(labels):
            raise ValueError(
                f"{name} names the classes {list(given)} but y has the classes "
                f"{labels}; give one prior for each class of y."
            )
        raw = [given[label] for label in labels]
    else:
        raw = priors
    try:
        values = np.asarray(raw, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise TypeError(
            f"{name} must hold numbers, one prior per class; got {priors!r}."
        ) from exc
    if values.ndim != 1 or values.size != len(labels):
        raise ValueError(
            f"{name} has {values.size} value(s) but y has {len(labels)} classes "
            f"{labels}; give one prior per class in the order of classes_ "
            "(sorted), or a {class: prior} dict."
        )
    return _check_prior_values(values, name, [f"class {label!r}" for label in labels])


def _check_priors_param(priors: Any, name: str, words: tuple[str, ...]) -> None:
    """A priors parameter is one of ``words``, a mapping or an array."""
    if isinstance(priors, str):
        if priors in words:
            return
    elif _is_mapping(priors) or isinstance(priors, (list, tuple, np.ndarray)):
        return
    choices = " or ".join(repr(word) for word in words)
    raise ValueError(
        f"The {name!r} parameter of PriorCorrectedClassifier must be {choices}, "
        f"a {{class: prior}} dict or an array of priors. Got {priors!r} instead."
    )


def _sampler_step(estimator: Any) -> str | None:
    """Name of the first step of a pipeline that resamples, if any."""
    for name, step in getattr(estimator, "steps", None) or []:
        if hasattr(step, "fit_resample"):
            return name
    return None


def _is_word(value: Any, word: str) -> bool:
    return isinstance(value, str) and value == word


def _label_array(y: Any) -> np.ndarray:
    """``y`` as a 1-D array; a column vector is flattened with a warning."""
    _require_y(y, "PriorCorrectedClassifier")
    labels = y.to_numpy() if hasattr(y, "to_numpy") else np.asarray(y)
    if labels.ndim == 2 and labels.shape[1] == 1:
        return column_or_1d(labels, warn=True)
    if labels.ndim != 1:
        raise ValueError(
            f"y must be 1-D, one class label per row; got shape {labels.shape}."
        )
    if labels.size == 0:
        raise ValueError("y is empty (0 rows); fit needs at least one row per class.")
    return labels


def _measured_priors(y_fit: Any, classes: np.ndarray) -> np.ndarray:
    """Class shares of the rows the estimator was fitted on, in class order."""
    fit_classes, counts = count_labels(_label_array(y_fit))
    if not np.array_equal(fit_classes, classes):
        lost = [plain_label(c) for c in classes if c not in set(fit_classes)]
        raise ValueError(
            f"After resampling, y holds the classes "
            f"{[plain_label(c) for c in fit_classes]} instead of "
            f"{[plain_label(c) for c in classes]} (lost: {lost}). Keep at least "
            "one row of every class, e.g. with a different sampling_strategy."
        )
    return counts / counts.sum()


# --------------------------------------------------------------------------
# The meta-estimator
# --------------------------------------------------------------------------


class PriorCorrectedClassifier(ClassifierMixin, MetaEstimatorMixin, BaseEstimator):
    """A classifier fitted on resampled data whose probabilities are corrected.

    ``fit`` resamples the data with ``sampler``, fits ``estimator`` on the
    result and remembers two sets of class priors: those of the rows the
    estimator learnt from (``training_priors_``) and those of the population
    the probabilities should describe (``true_priors_``, by default the class
    shares of ``y`` before resampling). ``predict_proba`` returns the
    estimator's probabilities with the prior-shift correction of
    :func:`correct_priors`, so they are again probabilities of the real
    population; ``predict`` answers the most probable class under them.

    Without a sampler, the estimator is fitted on ``X, y`` as given. State
    then what it learnt from: ``training_priors="balanced"`` for a pipeline
    that balances the classes itself or a ``class_weight="balanced"`` model,
    or the priors as numbers; or give ``true_priors`` when the data was drawn
    with other class shares than the population (a case-control sample).

    ``predict`` minimises the error rate. When errors cost differently, wrap
    the model: in :class:`imbalance.decision.CostThresholdClassifierCV`, or in
    scikit-learn's ``FixedThresholdClassifier`` at
    :func:`imbalance.decision.bayes_threshold` of the costs, which the
    corrected probabilities make the right threshold.

    .. warning::
       The probabilities of a model trained on resampled data describe the
       resampled class mix: after balancing, a 2 % class gets probabilities
       as if it were 50 % of the rows, and thresholds, expected costs or risk
       scores read from them are wrong. Read probabilities through this
       class or :func:`correct_priors`. The correction is exact only when
       resampling changed how often each class appears, not what its rows
       look like: random under- and over-sampling keep that; SMOTE, cleaning
       methods and NearMiss change the rows too, so after them the corrected
       probabilities are approximate and worth checking on held-out data.

    Parameters
    ----------
    estimator : classifier
        The model, with ``fit`` and ``predict_proba``; cloned before fitting.
    sampler : sampler or None, default=None
        Object with ``fit_resample`` (any sampler of this library), cloned and
        applied to the training data before the estimator is fitted. Only
        ``fit`` resamples; predictions use every row.
    true_priors : "auto", dict or array-like of shape (n_classes,), default="auto"
        Class priors of the population to predict for. ``"auto"``: the class
        shares of the ``y`` given to ``fit``, before resampling. A dict maps
        each class to its prior; an array lists them in the order of
        ``classes_`` (sorted). Each > 0; they sum to 1.
    training_priors : "auto", "balanced", dict or array-like, default="auto"
        Class priors the estimator learnt. ``"auto"``: the class shares of the
        rows it was fitted on (after ``sampler``). ``"balanced"``: equal
        priors. A dict or array as for ``true_priors``.

    Attributes
    ----------
    estimator_ : classifier
        The fitted clone of ``estimator``.
    sampler_ : sampler or None
        The fitted clone of ``sampler`` (its ``sample_indices_`` say which
        rows the estimator saw); None without a sampler.
    classes_ : ndarray of shape (n_classes,)
        The class labels, sorted.
    true_priors_ : ndarray of shape (n_classes,)
        Priors the probabilities are corrected to, in the order of ``classes_``.
    training_priors_ : ndarray of shape (n_classes,)
        Priors the estimator learnt, in the order of ``classes_``.
    n_features_in_ : int
        Number of features, when the estimator records it.
    feature_names_in_ : ndarray of str
        Column names of ``X``, when the estimator records them.

    See Also
    --------
    correct_priors : The same correction for probabilities you already have.
    imbalance.decision.CostThresholdClassifierCV : Choose the decision
        threshold from the costs of errors.

    References
    ----------
    .. [1] M. Saerens, P. Latinne and C. Decaestecker, "Adjusting the outputs
       of a classifier to new a priori probabilities: a simple procedure",
       Neural Computation 14 (2002) 21-41.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.linear_model import LogisticRegression
    >>> from imbalance.calibration import PriorCorrectedClassifier
    >>> from imbalance.under_sampling import RandomUnderSampler
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(2000, 2))
    >>> y = (X[:, 0] + rng.normal(size=2000) > 2.5).astype(int)
    >>> model = PriorCorrectedClassifier(
    ...     LogisticRegression(), sampler=RandomUnderSampler(random_state=0)
    ... ).fit(X, y)
    >>> model.training_priors_, model.true_priors_.round(3)
    (array([0.5, 0.5]), array([0.963, 0.037]))
    >>> raw = model.estimator_.predict_proba(X)[:, 1].mean()
    >>> corrected = model.predict_proba(X)[:, 1].mean()
    >>> f"{raw:.2f} uncorrected, {corrected:.3f} corrected, {y.mean():.3f} true"
    '0.26 uncorrected, 0.043 corrected, 0.037 true'
    """

    _parameter_constraints = {
        "estimator": ["has:predict_proba"],
        "sampler": [None, "has:fit_resample"],
    }

    def __init__(
        self,
        estimator: Any,
        *,
        sampler: Any = None,
        true_priors: Any = "auto",
        training_priors: Any = "auto",
    ) -> None:
        self.estimator = estimator
        self.sampler = sampler
        self.true_priors = true_priors
        self.training_priors = training_priors

    def _check_params(self, fit_params: dict) -> None:
        owner = type(self).__name__
        validate_params(owner, self.get_params(deep=False), self._parameter_constraints)
        _check_priors_param(self.true_priors, "true_priors", ("auto",))
        _check_priors_param(
            self.training_priors, "training_priors", ("auto", "balanced")
        )
        both_auto = _is_word(self.true_priors, "auto") and _is_word(
            self.training_priors, "auto"
        )
        if self.sampler is None and both_auto:
            raise ValueError(
                "When sampler is None, true_priors and training_priors cannot both "
                "be 'auto': the estimator would learn the priors of y and nothing "
                "would be corrected. Pass the sampler, or say what the estimator "
                "learnt, e.g. training_priors='balanced' for a pipeline that "
                "balances the classes itself."
            )
        inner_sampler = _sampler_step(self.estimator)
        if inner_sampler is not None and _is_word(self.training_priors, "auto"):
            raise ValueError(
                f"When the estimator resamples while fitting (its step "
                f"{inner_sampler!r} is a sampler), training_priors cannot be "
                "'auto': the rows it learns from are not the ones measured here. "
                "Pass training_priors (e.g. 'balanced'), or move the sampler to "
                "the sampler parameter."
            )
        if self.sampler is not None and "sample_weight" in fit_params:
            raise ValueError(
                "When sampler is given, sample_weight cannot be passed to fit: "
                "resampling adds and removes rows, so the weights would no longer "
                "match them. Drop the weights, or resample yourself and pass "
                "training_priors."
            )

    @staticmethod
    def _stated_priors(priors: Any, name: str, classes: np.ndarray) -> Any:
        """Priors fixed by the parameter, or None when they are measured."""
        if _is_word(priors, "auto"):
            return None
        if _is_word(priors, "balanced"):
            return np.full(classes.size, 1.0 / classes.size)
        return _priors_for_classes(priors, name, classes)

    def fit(self, X: Any, y: Any, **fit_params: Any) -> PriorCorrectedClassifier:
        """Resample, fit the estimator, and record both sets of priors.

        Parameters
        ----------
        X : array-like, sparse matrix or DataFrame of shape (n_samples, n_features)
            Training data, as the sampler and the estimator accept it.
        y : array-like of shape (n_samples,)
            Class labels of any type.
        **fit_params : dict
            Passed to the estimator's ``fit``.

        Returns
        -------
        self : PriorCorrectedClassifier
            The fitted model.
        """
        self._check_params(fit_params)
        labels = _label_array(y)
        check_classification_targets(labels)
        classes, counts = count_labels(labels)
        if classes.size < 2:
            raise ValueError(
                f"y has only one class, {plain_label(classes[0])!r}; a classifier "
                "needs at least 2 classes."
            )
        if np.asarray(y).ndim == 2:  # a column vector, flattened with a warning
            y = labels
        true = self._stated_priors(self.true_priors, "true_priors", classes)
        training = self._stated_priors(self.training_priors, "training_priors", classes)

        self.sampler_ = None if self.sampler is None else clone(self.sampler)
        X_fit, y_fit = (
            (X, y) if self.sampler_ is None else self.sampler_.fit_resample(X, y)
        )
        self.estimator_ = clone(self.estimator).fit(X_fit, y_fit, **fit_params)
        self.classes_ = classes
        self._check_fitted_classes()

        self.true_priors_ = counts / counts.sum() if true is None else true
        self.training_priors_ = (
            _measured_priors(y_fit, classes) if training is None else training
        )
        _copy_input_features(self, self.estimator_)
        return self

    def _check_fitted_classes(self) -> None:
        fitted = getattr(self.estimator_, "classes_", None)
        if fitted is not None and np.array_equal(np.asarray(fitted), self.classes_):
            return
        known = None if fitted is None else [plain_label(c) for c in fitted]
        raise ValueError(
            f"The fitted {type(self.estimator_).__name__} has classes_ {known}, "
            f"but y has the classes {[plain_label(c) for c in self.classes_]}; "
            "the probability columns cannot be matched to the priors. Check "
            "that the sampler keeps every class and that the estimator exposes "
            "classes_ in sorted order."
        )

    def predict_proba(self, X: Any) -> np.ndarray:
        """Class probabilities of each row, corrected to ``true_priors_``.

        Parameters
        ----------
        X : array-like, sparse matrix or DataFrame of shape (n_samples, n_features)
            Data to predict.

        Returns
        -------
        ndarray of shape (n_samples, n_classes)
            Corrected probabilities, columns in the order of ``classes_``.
        """
        check_is_fitted(self)
        weights = self.true_priors_ / self.training_priors_
        return _reweight(self.estimator_.predict_proba(X), weights)

    def predict_log_proba(self, X: Any) -> np.ndarray:
        """Natural log of :meth:`predict_proba` (``-inf`` where it is 0).

        Parameters
        ----------
        X : array-like, sparse matrix or DataFrame of shape (n_samples, n_features)
            Data to predict.

        Returns
        -------
        ndarray of shape (n_samples, n_classes)
            Log of the corrected probabilities.
        """
        with np.errstate(divide="ignore"):
            return np.log(self.predict_proba(X))

    def decision_function(self, X: Any) -> np.ndarray:
        """Log-odds of the corrected probabilities.

        Binary: ``log(p1 / p0)`` of the corrected probabilities, positive where
        ``classes_[1]`` is predicted. More classes: the log of each corrected
        probability. Probabilities of 0 are clipped to the smallest positive
        float first, so the scores stay finite.

        Parameters
        ----------
        X : array-like, sparse matrix or DataFrame of shape (n_samples, n_features)
            Data to score.

        Returns
        -------
        ndarray of shape (n_samples,) or (n_samples, n_classes)
            One score per row (binary) or per row and class.
        """
        log_proba = np.log(np.maximum(self.predict_proba(X), _SMALLEST_PROBABILITY))
        if self.classes_.size == 2:
            return log_proba[:, 1] - log_proba[:, 0]
        return log_proba

    def predict(self, X: Any) -> np.ndarray:
        """The most probable class of each row under the corrected probabilities.

        Parameters
        ----------
        X : array-like, sparse matrix or DataFrame of shape (n_samples, n_features)
            Data to predict.

        Returns
        -------
        ndarray of shape (n_samples,)
            Predicted labels, of the type of ``classes_``.
        """
        proba = self.predict_proba(X)
        return self.classes_[np.argmax(proba, axis=1)]

    def __sklearn_tags__(self) -> Any:
        from sklearn.utils import get_tags  # scikit-learn >= 1.6 only calls this

        tags = super().__sklearn_tags__()
        inner = get_tags(self.estimator)
        tags.input_tags.sparse = inner.input_tags.sparse
        tags.input_tags.allow_nan = inner.input_tags.allow_nan
        return tags
