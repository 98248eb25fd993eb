"""Ratios of counts with scikit-learn's ``zero_division`` rule, and averages.

A ratio whose denominator is zero (recall of a class that never occurs, for
example) is undefined. As in scikit-learn, it is replaced by the
``zero_division`` value: ``"warn"`` gives 0.0 and an
:class:`~imbalance._exceptions.UndefinedMetricWarning`; 0.0, 1.0 or ``nan``
give that value silently. Averages then follow scikit-learn: ``"macro"`` is
the plain mean over classes, ``"weighted"`` weighs each class by its rows in
``y_true``, and both leave out classes whose score is ``nan``.
"""

from __future__ import annotations

import math
import numbers
import warnings
from typing import Any

import numpy as np

from .._exceptions import UndefinedMetricWarning
from .._validation import Options, plain_label, validate_params
from ._labels import (
    ClassCounts,
    check_label_pair,
    count_per_class,
    encode_pair,
    select_labels,
)

__all__ = [
    "AVERAGES",
    "class_counts",
    "divide",
    "reduce_scores",
    "warn_undefined",
    "zero_value",
]

AVERAGES = ("binary", "macro", "weighted", "micro")


def _check_zero_division(owner: str, zero_division: Any) -> None:
    if isinstance(zero_division, str) and zero_division == "warn":
        return
    if isinstance(zero_division, numbers.Real) and not isinstance(zero_division, bool):
        if math.isnan(zero_division) or zero_division in (0, 1):
            return
    raise ValueError(
        f"The 'zero_division' parameter of {owner} must be 'warn', 0.0, 1.0 or "
        f"np.nan. Got {zero_division!r} instead."
    )


def zero_value(zero_division: Any) -> float:
    """The number an undefined ratio becomes (``"warn"`` means 0.0)."""
    return 0.0 if isinstance(zero_division, str) else float(zero_division)


def divide(
    numerator: np.ndarray, denominator: np.ndarray, zero_division: Any
) -> tuple[np.ndarray, np.ndarray]:
    """Elementwise ratio, and a mask of the entries that were 0/0."""
    undefined = denominator == 0
    safe = np.where(undefined, 1, denominator)
    values = np.asarray(numerator, dtype=float) / safe
    values[undefined] = zero_value(zero_division)
    return values, undefined


def warn_undefined(
    metric: str, reason: str, counts: ClassCounts, undefined: np.ndarray, zero_division
) -> None:
    """Warn once about the classes where ``metric`` was 0/0, if asked to."""
    if not (isinstance(zero_division, str) and undefined.any()):
        return
    names = [plain_label(counts.labels[i]) for i in np.flatnonzero(undefined)]
    warnings.warn(
        f"{metric} is undefined (0/0) for label(s) {names}, which have {reason}; "
        "it was set to 0.0. Pass zero_division=0.0, 1.0 or np.nan to choose the "
        "value and silence this warning.",
        UndefinedMetricWarning,
        stacklevel=4,
    )


def class_counts(
    owner: str,
    y_true: Any,
    y_pred: Any,
    *,
    labels: Any,
    pos_label: Any,
    average: str | None,
    zero_division: Any,
    averages: tuple[str, ...] = AVERAGES,
) -> tuple[ClassCounts, np.ndarray]:
    """Check the arguments, then count; pooled into one entry for ``"micro"``.

    Returns the counts the scores are computed from and the support (rows in
    ``y_true``) of each selected class, used by ``"weighted"``.
    """
    validate_params(owner, {"average": average}, {"average": [Options(averages), None]})
    _check_zero_division(owner, zero_division)
    true, pred = check_label_pair(y_true, y_pred)

    classes, true_codes, pred_codes = encode_pair(true, pred)
    selected = select_labels(
        classes, labels=labels, pos_label=pos_label, average=average
    )
    counts = count_per_class(classes, true_codes, pred_codes, selected)
    support = counts.support
    if average == "micro":
        counts = counts.pooled()

    return counts, support


def reduce_scores(
    values: np.ndarray, support: np.ndarray, average: str | None
) -> float | np.ndarray:
    """Per-class scores averaged as asked (``None`` keeps one per class)."""
    if average is None:
        return values
    if average in ("binary", "micro"):
        return float(values[0])
    defined = ~np.isnan(values)
    if not defined.any():
        return float("nan")
    weights = support[defined] if average == "weighted" else None
    if weights is not None and weights.sum() == 0:
        weights = None

    return float(np.average(values[defined], weights=weights))
