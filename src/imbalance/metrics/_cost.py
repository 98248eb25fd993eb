"""What a model's mistakes cost, and what the trivial majority answer scores.

On skewed data a model must be compared with the answer that needs no model:
always predicting the most frequent class. :func:`majority_baseline_score`
gives that accuracy. :func:`expected_cost_score` prices each kind of mistake
with a cost matrix and returns the average cost per row.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .._validation import encode_labels, plain_label
from ._labels import as_label_array, check_label_pair, encode_pair, labels_text

__all__ = ["expected_cost_score", "majority_baseline_score"]


def majority_baseline_score(y_true: Any, y_pred: Any = None) -> float:
    """Accuracy of always predicting the most frequent class of ``y_true``.

    This is the score any model must beat before its accuracy means anything:
    on data with 95 % negatives, answering "negative" every time is already
    95 % accurate.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        True labels.
    y_pred : array-like of shape (n_samples,), default=None
        Ignored; accepted so that the function can be wrapped by
        :func:`sklearn.metrics.make_scorer` like the other metrics.

    Returns
    -------
    float
        Rows of the most frequent class divided by all rows.

    Examples
    --------
    >>> from imbalance.metrics import majority_baseline_score
    >>> majority_baseline_score(["ok", "ok", "ok", "fraud"])
    0.75
    """
    true = as_label_array(y_true, "y_true")
    if true.shape[0] == 0:
        raise ValueError("y_true is empty; a metric needs at least one row.")
    counts = encode_labels(true)[2]

    return float(counts.max() / true.shape[0])


def _check_cost_matrix(cost_matrix: Any, labels: list) -> np.ndarray:
    costs = np.asarray(cost_matrix, dtype=float)
    n_labels = len(labels)
    if costs.shape != (n_labels, n_labels):
        raise ValueError(
            f"cost_matrix must be {n_labels} x {n_labels}, one row and one column "
            f"per class of {labels_text(labels)} (rows: true class, columns: "
            f"predicted class); got shape {costs.shape}."
        )
    if not np.isfinite(costs).all():
        raise ValueError("cost_matrix holds NaN or infinite values; use finite costs.")
    if (costs < 0).any():
        row, column = np.argwhere(costs < 0)[0]
        raise ValueError(
            f"cost_matrix holds negative costs, e.g. {costs[row, column]:g} at "
            f"row {row}, column {column}. Costs must be >= 0; express a gain as "
            "a lower cost of the other answers."
        )
    return costs


def expected_cost_score(
    y_true: Any,
    y_pred: Any,
    *,
    cost_matrix: Any,
    labels: Any = None,
) -> float:
    """Average cost per row of the predictions, given a cost matrix.

    ``cost_matrix[i][j]`` is the cost of predicting class ``labels[j]`` for a
    row whose true class is ``labels[i]``. With 0 on the diagonal and 1
    elsewhere, the expected cost is the error rate. Lower is better, so wrap
    it with ``make_scorer(..., greater_is_better=False)``.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        True labels.
    y_pred : array-like of shape (n_samples,)
        Predicted labels.
    cost_matrix : array-like of shape (n_classes, n_classes)
        Non-negative costs; rows are true classes, columns predicted classes,
        both in the order of ``labels``.
    labels : array-like, default=None
        The classes of the rows and columns of ``cost_matrix``; by default
        every class in ``y_true`` or ``y_pred``, sorted. Every label of the
        data must be among them.

    Returns
    -------
    float
        Total cost divided by the number of rows.

    Examples
    --------
    >>> from imbalance.metrics import expected_cost_score
    >>> y_true = [0, 0, 0, 1, 1]
    >>> y_pred = [0, 1, 0, 1, 0]
    >>> # missing a positive costs 10, a false alarm costs 1
    >>> expected_cost_score(y_true, y_pred, cost_matrix=[[0, 1], [10, 0]])
    2.2
    """
    true, pred = check_label_pair(y_true, y_pred)
    classes, true_codes, pred_codes = encode_pair(true, pred)
    present = [plain_label(label) for label in classes]
    if labels is None:
        order = present
    else:
        order = [plain_label(label) for label in np.asarray(labels).ravel()]
        missing = [label for label in present if label not in order]
        if missing:
            raise ValueError(
                f"y_true or y_pred hold label(s) {labels_text(missing)} that are "
                f"not in labels={labels_text(order)}; the cost matrix needs a row "
                "and a column for every class."
            )
    costs = _check_cost_matrix(cost_matrix, order)

    # each class's row and column in the cost matrix
    position = {label: index for index, label in enumerate(order)}
    class_position = np.array([position[label] for label in present])
    total = costs[class_position[true_codes], class_position[pred_codes]].sum()

    return float(total / true.shape[0])
