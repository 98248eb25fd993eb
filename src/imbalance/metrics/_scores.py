"""Label-based metrics for imbalanced data, in scikit-learn's calling style.

Each function takes ``(y_true, y_pred)`` and keyword options, so it can be
wrapped by :func:`sklearn.metrics.make_scorer`. Multiclass data is read one
class against the rest; ``average`` combines the per-class scores as
:func:`sklearn.metrics.recall_score` does.
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np

from .._validation import Interval, validate_params
from ._averaging import (
    AVERAGES,
    class_counts,
    divide,
    reduce_scores,
    warn_undefined,
)
from ._labels import ClassCounts

__all__ = [
    "geometric_mean_score",
    "index_balanced_accuracy_score",
    "negative_predictive_value_score",
    "sensitivity_score",
    "specificity_score",
]

_NO_POSITIVES = "no rows in y_true"
_NO_NEGATIVES = "no rows of the other classes in y_true"


def _sensitivity(counts: ClassCounts, zero_division: Any) -> np.ndarray:
    values, undefined = divide(counts.tp, counts.tp + counts.fn, zero_division)
    warn_undefined("Sensitivity", _NO_POSITIVES, counts, undefined, zero_division)
    return values


def _specificity(counts: ClassCounts, zero_division: Any) -> np.ndarray:
    values, undefined = divide(counts.tn, counts.tn + counts.fp, zero_division)
    warn_undefined("Specificity", _NO_NEGATIVES, counts, undefined, zero_division)
    return values


def _negative_predictive_value(counts: ClassCounts, zero_division: Any) -> np.ndarray:
    values, undefined = divide(counts.tn, counts.tn + counts.fn, zero_division)
    reason = "no rows predicted as another class"
    warn_undefined(
        "Negative predictive value", reason, counts, undefined, zero_division
    )
    return values


def sensitivity_score(
    y_true: Any,
    y_pred: Any,
    *,
    labels: Any = None,
    pos_label: Any = 1,
    average: str | None = "binary",
    zero_division: str | float = "warn",
) -> float | np.ndarray:
    """Share of the rows of a class that the model assigns to it (recall).

    Sensitivity is ``tp / (tp + fn)``: of the rows that truly belong to the
    class, how many the model found. It equals
    :func:`sklearn.metrics.recall_score`.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        True labels.
    y_pred : array-like of shape (n_samples,)
        Predicted labels.
    labels : array-like, default=None
        Classes to report on, and their order when ``average=None``; by
        default every class in ``y_true`` or ``y_pred``, sorted. Ignored when
        ``average="binary"``.
    pos_label : label, default=1
        The positive class when ``average="binary"``; ignored otherwise.
    average : {"binary", "macro", "weighted", "micro"} or None, default="binary"
        ``"binary"``: the score of ``pos_label`` (two classes at most).
        ``"macro"``: mean of the per-class scores. ``"weighted"``: mean
        weighted by each class's rows in ``y_true``. ``"micro"``: one score
        from the counts of all classes added together. ``None``: an array of
        per-class scores.
    zero_division : {"warn", 0.0, 1.0, np.nan}, default="warn"
        Value of a class's score when it is 0/0 (the class never occurs in
        ``y_true``); ``"warn"`` gives 0.0 and an ``UndefinedMetricWarning``.

    Returns
    -------
    float or ndarray of shape (n_labels,)
        The score, or one score per class when ``average=None``.

    See Also
    --------
    specificity_score : The same rate for the other classes.

    Examples
    --------
    >>> from imbalance.metrics import sensitivity_score
    >>> y_true = [0, 0, 0, 0, 1, 1]
    >>> y_pred = [0, 0, 0, 1, 1, 0]
    >>> sensitivity_score(y_true, y_pred)
    0.5
    >>> sensitivity_score(y_true, y_pred, average=None)
    array([0.75, 0.5 ])
    """
    counts, support = class_counts(
        "sensitivity_score",
        y_true,
        y_pred,
        labels=labels,
        pos_label=pos_label,
        average=average,
        zero_division=zero_division,
    )
    values = _sensitivity(counts, zero_division)

    return reduce_scores(values, support, average)


def specificity_score(
    y_true: Any,
    y_pred: Any,
    *,
    labels: Any = None,
    pos_label: Any = 1,
    average: str | None = "binary",
    zero_division: str | float = "warn",
) -> float | np.ndarray:
    """Share of the rows outside a class that the model keeps out of it.

    Specificity is ``tn / (tn + fp)``: of the rows that do not belong to the
    class, how many the model did not assign to it. In a binary problem the
    specificity of one class is the sensitivity of the other.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        True labels.
    y_pred : array-like of shape (n_samples,)
        Predicted labels.
    labels : array-like, default=None
        Classes to report on, and their order when ``average=None``; by
        default every class in ``y_true`` or ``y_pred``, sorted. Ignored when
        ``average="binary"``.
    pos_label : label, default=1
        The positive class when ``average="binary"``; ignored otherwise.
    average : {"binary", "macro", "weighted", "micro"} or None, default="binary"
        How per-class scores are combined, as in :func:`sensitivity_score`;
        ``"weighted"`` weighs each class by its own rows in ``y_true``.
    zero_division : {"warn", 0.0, 1.0, np.nan}, default="warn"
        Value of a class's score when it is 0/0 (every row of ``y_true``
        belongs to the class); ``"warn"`` gives 0.0 and a warning.

    Returns
    -------
    float or ndarray of shape (n_labels,)
        The score, or one score per class when ``average=None``.

    See Also
    --------
    sensitivity_score : The rate of the class itself.

    Examples
    --------
    >>> from imbalance.metrics import specificity_score
    >>> y_true = [0, 0, 0, 0, 1, 1]
    >>> y_pred = [0, 0, 0, 1, 1, 0]
    >>> specificity_score(y_true, y_pred)
    0.75
    >>> specificity_score(y_true, y_pred, average="macro")
    0.625
    """
    counts, support = class_counts(
        "specificity_score",
        y_true,
        y_pred,
        labels=labels,
        pos_label=pos_label,
        average=average,
        zero_division=zero_division,
    )
    values = _specificity(counts, zero_division)

    return reduce_scores(values, support, average)


def negative_predictive_value_score(
    y_true: Any,
    y_pred: Any,
    *,
    labels: Any = None,
    pos_label: Any = 1,
    average: str | None = "binary",
    zero_division: str | float = "warn",
) -> float | np.ndarray:
    """Share of the rows predicted outside a class that truly are outside it.

    The negative predictive value is ``tn / (tn + fn)``: the precision of the
    answer "not this class".

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        True labels.
    y_pred : array-like of shape (n_samples,)
        Predicted labels.
    labels : array-like, default=None
        Classes to report on, and their order when ``average=None``; by
        default every class in ``y_true`` or ``y_pred``, sorted. Ignored when
        ``average="binary"``.
    pos_label : label, default=1
        The positive class when ``average="binary"``; ignored otherwise.
    average : {"binary", "macro", "weighted", "micro"} or None, default="binary"
        How per-class scores are combined, as in :func:`sensitivity_score`.
    zero_division : {"warn", 0.0, 1.0, np.nan}, default="warn"
        Value of a class's score when it is 0/0 (every row was predicted as
        the class); ``"warn"`` gives 0.0 and a warning.

    Returns
    -------
    float or ndarray of shape (n_labels,)
        The score, or one score per class when ``average=None``.

    Examples
    --------
    >>> from imbalance.metrics import negative_predictive_value_score
    >>> y_true = [0, 0, 0, 0, 1, 1]
    >>> y_pred = [0, 0, 0, 1, 1, 0]
    >>> negative_predictive_value_score(y_true, y_pred)
    0.75
    """
    counts, support = class_counts(
        "negative_predictive_value_score",
        y_true,
        y_pred,
        labels=labels,
        pos_label=pos_label,
        average=average,
        zero_division=zero_division,
    )
    values = _negative_predictive_value(counts, zero_division)

    return reduce_scores(values, support, average)


def _geometric_mean_of_recalls(recalls: np.ndarray) -> float:
    if np.isnan(recalls).any():
        return float("nan")
    if (recalls == 0).any():
        return 0.0
    return float(np.exp(np.mean(np.log(recalls))))


def geometric_mean_score(
    y_true: Any,
    y_pred: Any,
    *,
    labels: Any = None,
    pos_label: Any = 1,
    average: str | None = "binary",
    zero_division: str | float = "warn",
) -> float | np.ndarray:
    """Geometric mean of sensitivity and specificity (G-mean).

    For one class against the rest, G-mean is ``sqrt(sensitivity *
    specificity)``: it is high only when the model does well on both sides,
    and falls to 0 when it gives up on either. With ``average="multiclass"``
    it is instead the geometric mean of the recalls of all classes, which is
    0 as soon as one class is never found.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        True labels.
    y_pred : array-like of shape (n_samples,)
        Predicted labels.
    labels : array-like, default=None
        Classes to report on, and their order when ``average=None``; by
        default every class in ``y_true`` or ``y_pred``, sorted. Ignored when
        ``average="binary"``.
    pos_label : label, default=1
        The positive class when ``average="binary"``; ignored otherwise.
    average : {"binary", "macro", "weighted", "micro", "multiclass"} or None, \
default="binary"
        ``"binary"``, ``"macro"``, ``"weighted"``, ``None``: the per-class
        G-means combined as in :func:`sensitivity_score`. ``"micro"``: the
        G-mean of the pooled sensitivity and specificity. ``"multiclass"``:
        the geometric mean of the per-class recalls (for two classes this is
        the binary G-mean).
    zero_division : {"warn", 0.0, 1.0, np.nan}, default="warn"
        Value given to a sensitivity or specificity that is 0/0 before the
        G-mean is taken; ``"warn"`` gives 0.0 and a warning.

    Returns
    -------
    float or ndarray of shape (n_labels,)
        The score, or one score per class when ``average=None``.

    Notes
    -----
    imbalanced-learn's ``geometric_mean_score`` with ``average="macro"`` or
    ``"weighted"`` takes the G-mean of the averaged sensitivity and
    specificity; here the per-class G-means are averaged, as scikit-learn
    averages F1. Both agree for ``"binary"``, ``"micro"``, ``"multiclass"``
    and ``None``.

    Examples
    --------
    >>> from imbalance.metrics import geometric_mean_score
    >>> y_true = [0, 0, 0, 0, 1, 1]
    >>> y_pred = [0, 0, 0, 1, 1, 0]
    >>> round(geometric_mean_score(y_true, y_pred), 4)
    0.6124
    >>> y_true = [0, 0, 1, 1, 2, 2]
    >>> y_pred = [0, 0, 1, 0, 2, 2]
    >>> round(geometric_mean_score(y_true, y_pred, average="multiclass"), 4)
    0.7937
    """
    counts, support = class_counts(
        "geometric_mean_score",
        y_true,
        y_pred,
        labels=labels,
        pos_label=pos_label,
        average=average,
        zero_division=zero_division,
        averages=(*AVERAGES, "multiclass"),
    )
    if average == "multiclass":
        return _geometric_mean_of_recalls(_sensitivity(counts, zero_division))
    values = np.sqrt(
        _sensitivity(counts, zero_division) * _specificity(counts, zero_division)
    )

    return reduce_scores(values, support, average)


def index_balanced_accuracy_score(
    y_true: Any,
    y_pred: Any,
    *,
    alpha: float = 0.1,
    squared: bool = True,
    labels: Any = None,
    pos_label: Any = 1,
    average: str | None = "binary",
    zero_division: str | float = "warn",
) -> float | np.ndarray:
    """Index balanced accuracy (IBA) of García, Mollineda and Sánchez.

    IBA is ``(1 + alpha * (sensitivity - specificity)) * M`` with ``M`` the
    G-mean squared (``sensitivity * specificity``), or the G-mean itself when
    ``squared=False``. The factor in front rewards a model whose successes
    lean towards the class (positive dominance) rather than towards the rest.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        True labels.
    y_pred : array-like of shape (n_samples,)
        Predicted labels.
    alpha : float in [0, 1], default=0.1
        Weight of the dominance term; 0 gives back ``M``.
    squared : bool, default=True
        Whether ``M`` is the G-mean squared (True) or the G-mean (False).
    labels : array-like, default=None
        Classes to report on, and their order when ``average=None``; by
        default every class in ``y_true`` or ``y_pred``, sorted. Ignored when
        ``average="binary"``.
    pos_label : label, default=1
        The positive class when ``average="binary"``; ignored otherwise.
    average : {"binary", "macro", "weighted", "micro"} or None, default="binary"
        ``"macro"`` and ``"weighted"`` average the per-class IBAs;
        ``"micro"`` is the IBA of the pooled counts.
    zero_division : {"warn", 0.0, 1.0, np.nan}, default="warn"
        Value given to a sensitivity or specificity that is 0/0; ``"warn"``
        gives 0.0 and a warning.

    Returns
    -------
    float or ndarray of shape (n_labels,)
        The score, or one score per class when ``average=None``.

    Notes
    -----
    imbalanced-learn's ``make_index_balanced_accuracy`` applied to
    ``geometric_mean_score`` with ``average="macro"`` combines averaged
    sensitivity, specificity and G-mean; here the per-class IBAs are
    averaged. Both agree for ``"binary"``, ``"micro"`` and ``None``.

    References
    ----------
    V. García, R. A. Mollineda and J. S. Sánchez, "Index of balanced accuracy:
    a performance measure for skewed class distributions", Pattern Recognition
    and Image Analysis (IbPRIA), 2009.

    Examples
    --------
    >>> from imbalance.metrics import index_balanced_accuracy_score
    >>> y_true = [0, 0, 0, 0, 1, 1]
    >>> y_pred = [0, 0, 0, 1, 1, 0]
    >>> round(index_balanced_accuracy_score(y_true, y_pred), 4)
    0.3656
    """
    validate_params(
        "index_balanced_accuracy_score",
        {"alpha": alpha, "squared": squared},
        {"alpha": [Interval(numbers.Real, 0, 1)], "squared": ["boolean"]},
    )
    counts, support = class_counts(
        "index_balanced_accuracy_score",
        y_true,
        y_pred,
        labels=labels,
        pos_label=pos_label,
        average=average,
        zero_division=zero_division,
    )
    sensitivity = _sensitivity(counts, zero_division)
    specificity = _specificity(counts, zero_division)
    balance = sensitivity * specificity
    if not squared:
        balance = np.sqrt(balance)
    values = (1.0 + alpha * (sensitivity - specificity)) * balance

    return reduce_scores(values, support, average)
