"""The binary confusion matrix as a value, with every metric derived from it.

:class:`ConfusionCounts` holds the four counts (true positives, false
negatives, true negatives, false positives). Every metric is a property or a
method computed from them, so the numbers a report shows always agree with
each other. Ratios whose denominator is zero are ``nan``: for example the
precision of a model that never predicts the positive class.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from typing import Any

import numpy as np

from .._validation import Interval, plain_label, validate_params
from ._labels import check_label_pair, encode_pair, labels_text
from ._summary import describe

__all__ = ["ConfusionCounts"]


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else float("nan")


def _as_count(name: str, value: Any) -> int:
    whole_float = isinstance(value, numbers.Real) and (
        math.isfinite(value) and float(value).is_integer()
    )
    if isinstance(value, bool) or not (
        isinstance(value, numbers.Integral) or whole_float
    ):
        raise ValueError(
            f"ConfusionCounts needs whole numbers of rows; got {name}={value!r}. "
            f"Pass {name} as a non-negative int."
        )
    if value < 0:
        raise ValueError(
            f"ConfusionCounts needs non-negative counts; got {name}={value!r}. "
            "A count is a number of rows, so it cannot be negative."
        )
    return int(value)


def _default_positive(true_codes: np.ndarray, present: np.ndarray) -> Any:
    """The class with the fewest rows in y_true; on a tie the larger label."""
    if present.shape[0] < 2:
        raise ValueError(
            f"y_true and y_pred hold a single class, {plain_label(present[0])!r}, "
            "so the positive class cannot be guessed. Pass pos_label."
        )
    rows = np.bincount(true_codes, minlength=present.shape[0])
    last = int(np.flatnonzero(rows == rows.min())[-1])

    return plain_label(present[last])


def _binary_counts(true: np.ndarray, pred: np.ndarray, pos_label: Any) -> tuple:
    present, true_codes, pred_codes = encode_pair(true, pred)
    known = [plain_label(label) for label in present]
    if len(known) > 2:
        raise ValueError(
            f"ConfusionCounts is for two classes, but y_true and y_pred hold "
            f"{len(known)}: {labels_text(known)}. Use the label-based metrics with "
            "average='macro' or None, or classification_report_imbalanced."
        )
    if pos_label is None:
        pos_label = _default_positive(true_codes, present)
    elif pos_label not in known and len(known) == 2:
        raise ValueError(
            f"pos_label={pos_label!r} is not one of the labels present, "
            f"{labels_text(known)}. Pass one of them, or pos_label=None for the "
            "less frequent class."
        )
    position = known.index(pos_label) if pos_label in known else -1
    is_true = true_codes == position
    is_pred = pred_codes == position
    tp = int(np.count_nonzero(is_true & is_pred))
    fn = int(np.count_nonzero(is_true & ~is_pred))
    fp = int(np.count_nonzero(~is_true & is_pred))

    return tp, fn, true.shape[0] - tp - fn - fp, fp


@dataclass(frozen=True)
class ConfusionCounts:
    """The four counts of a binary confusion matrix, and the metrics they give.

    Parameters
    ----------
    tp : int
        True positives: positive rows predicted positive.
    fn : int
        False negatives: positive rows predicted negative (missed).
    tn : int
        True negatives: negative rows predicted negative.
    fp : int
        False positives: negative rows predicted positive (false alarms).

    Notes
    -----
    Counts must be non-negative whole numbers (ints, or floats with no
    fractional part) and add up to at least one row. A ratio whose
    denominator is zero is ``nan`` (for example ``precision`` when nothing was
    predicted positive), and so is every metric built on it; the label-based
    functions such as :func:`sensitivity_score` offer ``zero_division``
    instead.

    Examples
    --------
    >>> from imbalance.metrics import ConfusionCounts
    >>> counts = ConfusionCounts(tp=24, fn=14, tn=682, fp=40)
    >>> round(counts.accuracy, 3), round(counts.baseline_accuracy, 3)
    (0.929, 0.95)
    >>> round(counts.sensitivity, 3), round(counts.precision, 3)
    (0.632, 0.375)
    >>> print(counts.summary())  # doctest: +ELLIPSIS
    760 rows: 38 positive (5.0 %), 722 negative.
    Accuracy is 92.9 %, below the always-negative baseline of 95.0 %, ...
    """

    tp: int
    fn: int
    tn: int
    fp: int

    def __post_init__(self) -> None:
        for name in ("tp", "fn", "tn", "fp"):
            object.__setattr__(self, name, _as_count(name, getattr(self, name)))
        if self.tp + self.fn + self.tn + self.fp == 0:
            raise ValueError(
                "ConfusionCounts needs at least one row; tp, fn, tn and fp are all 0."
            )

    @classmethod
    def from_labels(
        cls, y_true: Any, y_pred: Any, *, pos_label: Any = None
    ) -> ConfusionCounts:
        """Count true and predicted labels of a two-class problem.

        Parameters
        ----------
        y_true : array-like of shape (n_samples,)
            True labels, two classes at most (together with ``y_pred``).
        y_pred : array-like of shape (n_samples,)
            Predicted labels.
        pos_label : label, default=None
            The positive class. ``None`` takes the class with fewer rows in
            ``y_true`` (on a tie, the larger label, as 1 in {0, 1}).

        Returns
        -------
        ConfusionCounts
            The four counts.

        Examples
        --------
        >>> from imbalance.metrics import ConfusionCounts
        >>> ConfusionCounts.from_labels(["ok", "ok", "ok", "fraud"],
        ...                             ["ok", "fraud", "ok", "fraud"])
        ConfusionCounts(tp=1, fn=0, tn=2, fp=1)
        """
        true, pred = check_label_pair(y_true, y_pred)
        tp, fn, tn, fp = _binary_counts(true, pred, pos_label)

        return cls(tp=tp, fn=fn, tn=tn, fp=fp)

    @property
    def n_samples(self) -> int:
        """Number of rows."""
        return self.tp + self.fn + self.tn + self.fp

    @property
    def n_positive(self) -> int:
        """Rows whose true class is positive."""
        return self.tp + self.fn

    @property
    def n_negative(self) -> int:
        """Rows whose true class is negative."""
        return self.tn + self.fp

    @property
    def accuracy(self) -> float:
        """Share of rows predicted correctly."""
        return (self.tp + self.tn) / self.n_samples

    @property
    def sensitivity(self) -> float:
        """Share of positives found, ``tp / (tp + fn)``; nan without positives."""
        return _ratio(self.tp, self.n_positive)

    @property
    def recall(self) -> float:
        """The same as :attr:`sensitivity`."""
        return self.sensitivity

    @property
    def specificity(self) -> float:
        """Share of negatives left alone, ``tn / (tn + fp)``; nan without any."""
        return _ratio(self.tn, self.n_negative)

    @property
    def precision(self) -> float:
        """Share of positive predictions that are right; nan if none was made."""
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def negative_predictive_value(self) -> float:
        """Share of negative predictions that are right; nan if none was made."""
        return _ratio(self.tn, self.tn + self.fn)

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall (see :meth:`fbeta`)."""
        return self.fbeta(1.0)

    @property
    def g_mean(self) -> float:
        """``sqrt(sensitivity * specificity)``; nan when either is nan."""
        return math.sqrt(self.sensitivity * self.specificity)

    @property
    def balanced_accuracy(self) -> float:
        """Mean of sensitivity and specificity; nan when either is nan."""
        return (self.sensitivity + self.specificity) / 2

    @property
    def mcc(self) -> float:
        """Matthews correlation coefficient in [-1, 1]; nan when a margin is 0."""
        predicted_positive = self.tp + self.fp
        predicted_negative = self.tn + self.fn
        denominator = math.sqrt(predicted_positive * self.n_positive) * math.sqrt(
            predicted_negative * self.n_negative
        )
        return _ratio(self.tp * self.tn - self.fp * self.fn, denominator)

    @property
    def baseline_accuracy(self) -> float:
        """Accuracy of always answering the majority class of the truth."""
        return max(self.n_positive, self.n_negative) / self.n_samples

    def fbeta(self, beta: float) -> float:
        """F-beta score: recall counts ``beta`` times as much as precision.

        Parameters
        ----------
        beta : float >= 0
            Weight of recall; 1 gives F1, 0 gives precision.

        Returns
        -------
        float
            ``(1 + beta**2) tp / ((1 + beta**2) tp + beta**2 fn + fp)``; nan
            when there are no positives and no positive predictions.

        Examples
        --------
        >>> from imbalance.metrics import ConfusionCounts
        >>> round(ConfusionCounts(tp=24, fn=14, tn=682, fp=40).fbeta(2.0), 3)
        0.556
        """
        validate_params(
            "ConfusionCounts.fbeta",
            {"beta": beta},
            {"beta": [Interval(numbers.Real, 0, None)]},
        )
        weight = beta**2
        return _ratio(
            (1 + weight) * self.tp, (1 + weight) * self.tp + weight * self.fn + self.fp
        )

    def index_balanced_accuracy(
        self, alpha: float = 0.1, squared: bool = True
    ) -> float:
        """Index balanced accuracy, ``(1 + alpha * (sens - spec)) * M``.

        Parameters
        ----------
        alpha : float in [0, 1], default=0.1
            Weight of the dominance ``sensitivity - specificity``.
        squared : bool, default=True
            ``M`` is the G-mean squared when True, the G-mean when False.

        Returns
        -------
        float
            The index; nan when sensitivity or specificity is nan.

        Examples
        --------
        >>> from imbalance.metrics import ConfusionCounts
        >>> counts = ConfusionCounts(tp=24, fn=14, tn=682, fp=40)
        >>> round(counts.index_balanced_accuracy(), 3)
        0.578
        """
        validate_params(
            "ConfusionCounts.index_balanced_accuracy",
            {"alpha": alpha, "squared": squared},
            {"alpha": [Interval(numbers.Real, 0, 1)], "squared": ["boolean"]},
        )
        balance = self.sensitivity * self.specificity
        if not squared:
            balance = math.sqrt(balance)
        return (1 + alpha * (self.sensitivity - self.specificity)) * balance

    def expected_cost(self, cost_fn: float = 1.0, cost_fp: float = 1.0) -> float:
        """Average cost per row, given the cost of a miss and of a false alarm.

        Parameters
        ----------
        cost_fn : float >= 0, default=1.0
            Cost of one false negative (a positive that was missed).
        cost_fp : float >= 0, default=1.0
            Cost of one false positive (a false alarm).

        Returns
        -------
        float
            ``(cost_fn * fn + cost_fp * fp) / n_samples``; with the default
            costs, the error rate.

        Examples
        --------
        >>> from imbalance.metrics import ConfusionCounts
        >>> ConfusionCounts(tp=24, fn=14, tn=682, fp=40).expected_cost(cost_fn=10.0)
        0.2368...
        """
        validate_params(
            "ConfusionCounts.expected_cost",
            {"cost_fn": cost_fn, "cost_fp": cost_fp},
            {
                "cost_fn": [Interval(numbers.Real, 0, None)],
                "cost_fp": [Interval(numbers.Real, 0, None)],
            },
        )
        return (cost_fn * self.fn + cost_fp * self.fp) / self.n_samples

    def to_dict(self) -> dict[str, int | float]:
        """Every count and metric by name, as plain Python numbers.

        Undefined ratios are ``float("nan")``; ``json.dumps`` writes them as
        ``NaN``, so map them to ``None`` first where strict JSON is needed.

        Returns
        -------
        dict
            The four counts, ``n_samples``, ``n_positive``, ``n_negative``, every
            metric property, and ``index_balanced_accuracy`` (alpha=0.1,
            squared).

        Examples
        --------
        >>> from imbalance.metrics import ConfusionCounts
        >>> values = ConfusionCounts(tp=24, fn=14, tn=682, fp=40).to_dict()
        >>> values["tp"], values["n_samples"], round(values["specificity"], 3)
        (24, 760, 0.945)
        """
        names = (
            "tp", "fn", "tn", "fp", "n_samples", "n_positive", "n_negative",
            "accuracy", "sensitivity", "recall", "specificity", "precision",
            "negative_predictive_value", "f1", "g_mean", "balanced_accuracy",
            "mcc", "baseline_accuracy",
        )  # fmt: skip
        values: dict[str, int | float] = {name: getattr(self, name) for name in names}
        values["index_balanced_accuracy"] = self.index_balanced_accuracy()

        return values

    def summary(self) -> str:
        """The counts and what they mean, in a few lines of plain words.

        Returns
        -------
        str
            Lines on the class balance, accuracy against the majority
            baseline and the share of positives found, precision, the
            negatives, and the balanced metrics.

        Examples
        --------
        >>> from imbalance.metrics import ConfusionCounts
        >>> print(ConfusionCounts(tp=24, fn=14, tn=682, fp=40).summary())
        760 rows: 38 positive (5.0 %), 722 negative.
        Accuracy is 92.9 %, below the always-negative baseline of 95.0 %,
        while the model finds 63 % of the positives (24 of 38).
        Precision is 37.5 %: of 64 rows flagged positive, 24 were positive.
        Specificity is 94.5 %: of 722 negative rows, 40 were flagged by mistake.
        Balanced accuracy 78.8 %, G-mean 0.772, F1 0.471, MCC 0.452.
        """
        return describe(self)
