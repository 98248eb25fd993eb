"""A per-class table of the metrics that matter on imbalanced data."""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np

from .._validation import Interval, plain_label, validate_params
from ._averaging import class_counts, divide, reduce_scores, warn_undefined
from ._labels import labels_text

__all__ = ["classification_report_imbalanced"]

_COLUMNS = (
    ("precision", "precision"),
    ("recall", "recall"),
    ("specificity", "spec"),
    ("f1", "f1"),
    ("g_mean", "g-mean"),
    ("iba", "iba"),
)


def _per_class_scores(counts, alpha: float, zero_division: Any) -> dict:
    """Every column of the report, one value per class."""
    tp, fn, tn, fp = counts.tp, counts.fn, counts.tn, counts.fp
    precision, undefined = divide(tp, tp + fp, zero_division)
    warn_undefined("Precision", "no rows predicted", counts, undefined, zero_division)
    recall, undefined = divide(tp, tp + fn, zero_division)
    warn_undefined("Recall", "no rows in y_true", counts, undefined, zero_division)
    specificity, undefined = divide(tn, tn + fp, zero_division)
    reason = "no rows of the other classes in y_true"
    warn_undefined("Specificity", reason, counts, undefined, zero_division)
    g_mean = np.sqrt(recall * specificity)

    return {
        "precision": precision,
        "recall": recall,
        "specificity": specificity,
        "f1": divide(2 * tp, 2 * tp + fn + fp, zero_division)[0],
        "g_mean": g_mean,
        "iba": (1 + alpha * (recall - specificity)) * g_mean**2,
    }


def _row_names(labels: list, target_names: Any) -> list[str]:
    if target_names is None:
        return [str(label) for label in labels]
    names = [str(name) for name in target_names]
    if len(names) != len(labels):
        raise ValueError(
            f"target_names has {len(names)} names but there are {len(labels)} "
            f"classes, {labels_text(labels)}; give one name per class, in the "
            "order of labels."
        )
    return names


def _format_table(rows: dict, digits: int) -> str:
    width = max(len(name) for name in rows)
    headers = [title for _, title in _COLUMNS] + ["support"]
    column = max(digits + 4, max(len(h) for h in headers)) + 1
    lines = [" " * width + "".join(h.rjust(column) for h in headers)]
    for name, values in rows.items():
        if name == "macro avg":
            lines.append("")
        cells = [f"{values[key]:.{digits}f}" for key, _ in _COLUMNS]
        cells.append(str(values["support"]))
        lines.append(name.rjust(width) + "".join(c.rjust(column) for c in cells))

    return "\n".join(lines) + "\n"


def classification_report_imbalanced(
    y_true: Any,
    y_pred: Any,
    *,
    labels: Any = None,
    target_names: Any = None,
    digits: int = 3,
    output_dict: bool = False,
    alpha: float = 0.1,
    zero_division: str | float = "warn",
) -> str | dict:
    """Per-class precision, recall, specificity, F1, G-mean, IBA and support.

    Each class is read against the rest. Two summary rows follow: the mean
    over classes (``macro avg``) and the mean weighted by support
    (``weighted avg``).

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        True labels.
    y_pred : array-like of shape (n_samples,)
        Predicted labels.
    labels : array-like, default=None
        Classes to report on, in order; by default every class in ``y_true``
        or ``y_pred``, sorted.
    target_names : list of str, default=None
        Display names of the classes, in the order of ``labels``.
    digits : int, default=3
        Decimals shown in the text table (the dict keeps full precision).
    output_dict : bool, default=False
        Return a dict ``{class name: {metric: value}}`` instead of text.
    alpha : float in [0, 1], default=0.1
        Weight of the dominance term of the index balanced accuracy (the
        ``iba`` column, on the squared G-mean).
    zero_division : {"warn", 0.0, 1.0, np.nan}, default="warn"
        Value of a ratio that is 0/0, as in :func:`sensitivity_score`.

    Returns
    -------
    str or dict
        The table, or per row name a dict with keys ``precision``,
        ``recall``, ``specificity``, ``f1``, ``g_mean``, ``iba`` (floats) and
        ``support`` (int), including the ``"macro avg"`` and
        ``"weighted avg"`` rows.

    Examples
    --------
    >>> from imbalance.metrics import classification_report_imbalanced
    >>> y_true = ["ok", "ok", "ok", "ok", "fraud", "fraud"]
    >>> y_pred = ["ok", "ok", "ok", "fraud", "fraud", "ok"]
    >>> print(classification_report_imbalanced(y_true, y_pred))
                 precision    recall      spec        f1    g-mean       iba   support
           fraud     0.500     0.500     0.750     0.500     0.612     0.366         2
              ok     0.750     0.750     0.500     0.750     0.612     0.384         4
    <BLANKLINE>
       macro avg     0.625     0.625     0.625     0.625     0.612     0.375         6
    weighted avg     0.667     0.667     0.583     0.667     0.612     0.378         6
    <BLANKLINE>
    """
    validate_params(
        "classification_report_imbalanced",
        {"digits": digits, "output_dict": output_dict, "alpha": alpha},
        {
            "digits": [Interval(numbers.Integral, 0, None)],
            "output_dict": ["boolean"],
            "alpha": [Interval(numbers.Real, 0, 1)],
        },
    )
    counts, support = class_counts(
        "classification_report_imbalanced",
        y_true,
        y_pred,
        labels=labels,
        pos_label=None,
        average=None,
        zero_division=zero_division,
    )
    names = _row_names([plain_label(label) for label in counts.labels], target_names)
    scores = _per_class_scores(counts, alpha, zero_division)

    rows: dict[str, dict[str, Any]] = {}
    for index, name in enumerate(names):
        rows[name] = {key: float(values[index]) for key, values in scores.items()}
        rows[name]["support"] = int(support[index])
    for row, average in (("macro avg", "macro"), ("weighted avg", "weighted")):
        rows[row] = {
            key: reduce_scores(values, support, average)
            for key, values in scores.items()
        }
        rows[row]["support"] = int(support.sum())

    return rows if output_dict else _format_table(rows, digits)
