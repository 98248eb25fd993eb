"""The folds of a comparison, and what one fitted fold measures.

A fold fits one pipeline on its training rows (the sampler inside resamples
those rows only) and scores the untouched test rows: labels from
``predict``, the positive class's probability from ``predict_proba`` (the
decision function for models without one), and every metric of
:data:`METRICS` from them.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.metrics import (
    average_precision_score,
    brier_score_loss,
    log_loss,
    roc_auc_score,
)
from sklearn.model_selection import RepeatedStratifiedKFold, StratifiedKFold
from threadpoolctl import threadpool_limits

from .._validation import plain_label
from ..calibration import correct_priors
from ..decision import bayes_threshold
from ..metrics import ConfusionCounts

__all__ = ["METRICS", "FoldSplits", "make_splits", "run_fold"]

#: Metric column -> what it measures (for tables and reports).
METRICS = {
    "accuracy": "share of rows predicted right",
    "sensitivity": "share of positives found (recall)",
    "specificity": "share of negatives left alone",
    "precision": "share of positive predictions that are right",
    "f1": "harmonic mean of precision and sensitivity",
    "g_mean": "geometric mean of sensitivity and specificity",
    "balanced_accuracy": "mean of sensitivity and specificity",
    "mcc": "Matthews correlation coefficient",
    "pr_auc": "area under the precision-recall curve (average precision)",
    "roc_auc": "area under the ROC curve",
    "brier": "mean squared error of the probabilities (lower is better)",
    "log_loss": "mean negative log-likelihood (lower is better)",
    "expected_cost": "cost of the errors per row (lower is better)",
    "decision_cost": "cost per row when the prior-corrected probability is cut "
    "at the threshold of least expected cost, cost_fp / (cost_fp + cost_fn) "
    "(lower is better)",
}
#: Metrics for which lower values are better.
LOWER_IS_BETTER = ("brier", "log_loss", "expected_cost", "decision_cost")

#: Metrics read from the confusion matrix of ``predict``'s labels.
_COUNT_METRICS = (
    "accuracy",
    "sensitivity",
    "specificity",
    "precision",
    "f1",
    "g_mean",
    "balanced_accuracy",
    "mcc",
)
_CV_PATTERN = re.compile(r"^\s*(\d+)\s*[xX]\s*(\d+)\s*$")


@dataclass(frozen=True)
class FoldSplits:
    """Every train/test split of a comparison, with its repeat and fold number.

    Parameters
    ----------
    splits : list of (ndarray, ndarray)
        Training and test row positions of each split.
    repeats : list of int
        Repeat number of each split (0 when the splitter has no repeats).
    folds : list of int
        Fold number of each split within its repeat.
    description : str
        The scheme in words, e.g. ``"5x2 (5 repeats of stratified 2-fold)"``.

    Examples
    --------
    >>> from sklearn.datasets import make_classification
    >>> from imbalance.evaluation import compare
    >>> X, y = make_classification(100, weights=[0.8], random_state=0)
    >>> splits = compare(X, y, "none", cv="2x2").splits
    >>> splits.description, splits.repeats, splits.folds
    ('2x2 (2 repeats of stratified 2-fold)', [0, 0, 1, 1], [0, 1, 0, 1])
    >>> splits.test_train_ratio
    1.0
    """

    splits: list
    repeats: list
    folds: list
    description: str

    @property
    def test_train_ratio(self) -> float:
        """Mean test size over mean training size, for the corrected t-test."""
        n_test = np.mean([len(test) for _, test in self.splits])
        n_train = np.mean([len(train) for train, _ in self.splits])
        return float(n_test / n_train)


def _parse_cv(cv: Any, random_state: int | None) -> tuple[Any, str, int]:
    """The splitter of ``cv``, its description and its folds per repeat."""
    if isinstance(cv, str):
        match = _CV_PATTERN.match(cv)
        if not match:
            raise ValueError(
                f"cv={cv!r} is not a REPEATSxFOLDS scheme. Write e.g. '5x2' "
                "(5 repeats of 2-fold), '2x5', or pass a number of folds or a "
                "scikit-learn splitter."
            )
        repeats, folds = int(match.group(1)), int(match.group(2))
        if repeats < 1 or folds < 2:
            raise ValueError(
                f"cv={cv!r} needs at least 1 repeat and 2 folds; e.g. '5x2'."
            )
        splitter = RepeatedStratifiedKFold(
            n_splits=folds, n_repeats=repeats, random_state=random_state
        )
        plural = "s" if repeats != 1 else ""
        text = (
            f"{repeats}x{folds} ({repeats} repeat{plural} of stratified {folds}-fold)"
        )
        return splitter, text, folds
    if isinstance(cv, (int, np.integer)) and not isinstance(cv, bool):
        if cv < 2:
            raise ValueError(f"cv={cv} folds is too few; give at least 2.")
        splitter = StratifiedKFold(int(cv), shuffle=True, random_state=random_state)
        return splitter, f"1x{cv} (stratified {cv}-fold)", int(cv)
    if hasattr(cv, "split"):
        return cv, f"{type(cv).__name__} splits", 0
    raise TypeError(
        f"cv must be a 'REPEATSxFOLDS' string such as '5x2', a number of folds or "
        f"a splitter with a split method; got {cv!r}."
    )


def make_splits(
    X: Any, y: np.ndarray, cv: Any, random_state: int | None, pos_label: Any
) -> FoldSplits:
    """Draw every split once, so that all strategies meet the same folds."""
    splitter, text, folds_per_repeat = _parse_cv(cv, random_state)
    n_positive = int(np.count_nonzero(y == pos_label))
    if folds_per_repeat and n_positive < folds_per_repeat:
        raise ValueError(
            f"cv={cv!r} splits into {folds_per_repeat} folds, but class "
            f"{plain_label(pos_label)!r} has only {n_positive} row(s), so some "
            "test folds would hold none. Use fewer folds."
        )
    splits = [
        (np.asarray(train), np.asarray(test))
        for train, test in splitter.split(np.zeros((len(y), 1)), y)
    ]
    if not splits:
        raise ValueError(f"cv={cv!r} produced no splits.")
    per_repeat = folds_per_repeat or len(splits)
    positions = range(len(splits))
    return FoldSplits(
        splits=splits,
        repeats=[index // per_repeat for index in positions],
        folds=[index % per_repeat for index in positions],
        description=text,
    )


def take_rows(data: Any, rows: np.ndarray) -> Any:
    """Rows of an array, sparse matrix, DataFrame or Series, by position."""
    if hasattr(data, "iloc"):
        return data.iloc[rows]
    if hasattr(data, "tocsr"):
        return data.tocsr()[rows]
    return np.asarray(data)[rows]


class ClassCounts:
    """A pipeline step that lets the rows pass and counts their classes.

    Placed after the sampler, it records how many rows of each class the
    model learnt from, which the prior correction needs. Like any sampler
    it acts only while fitting.
    """

    def fit_resample(self, X: Any, y: Any) -> tuple[Any, Any]:
        labels, counts = np.unique(np.asarray(y), return_counts=True)
        self.counts_ = dict(zip(labels.tolist(), counts.tolist()))
        return X, y

    def get_params(self, deep: bool = True) -> dict:
        return {}

    def set_params(self, **params: Any) -> ClassCounts:
        return self


def _positive_scores(pipeline: Any, X_test: Any, position: int) -> tuple:
    """The positive class's probabilities (or None), and scores for ranking."""
    if hasattr(pipeline, "predict_proba"):
        proba = np.asarray(pipeline.predict_proba(X_test), dtype=np.float64)
        return proba, proba[:, position]
    scores = np.asarray(pipeline.decision_function(X_test), dtype=np.float64)
    return None, scores if position == 1 else -scores


def _fold_metrics(
    y_test: np.ndarray,
    y_pred: np.ndarray,
    scores: np.ndarray,
    proba: Any,
    pos_label: Any,
    costs: tuple[float, float],
) -> dict[str, float]:
    counts = ConfusionCounts.from_labels(y_test, y_pred, pos_label=pos_label)
    is_positive = y_test == pos_label
    values = {name: float(getattr(counts, name)) for name in _COUNT_METRICS}
    values["pr_auc"] = float(average_precision_score(is_positive, scores))
    values["roc_auc"] = float(roc_auc_score(is_positive, scores))
    if proba is None:
        values["brier"] = values["log_loss"] = float("nan")
    else:
        values["brier"] = float(brier_score_loss(is_positive, scores))
        clipped = np.clip(scores, 1e-15, 1 - 1e-15)
        values["log_loss"] = float(log_loss(is_positive, clipped, labels=[0, 1]))
    values["expected_cost"] = counts.expected_cost(cost_fn=costs[0], cost_fp=costs[1])
    values.update(tp=counts.tp, fn=counts.fn, tn=counts.tn, fp=counts.fp)
    return values


def run_fold(
    pipeline: Any,
    X: Any,
    y: np.ndarray,
    split: tuple[np.ndarray, np.ndarray],
    pos_label: Any,
    costs: tuple[float, float],
    keep_predictions: bool,
) -> dict[str, Any]:
    """Fit on the training rows, score the test rows; keep predictions if asked.

    The fold runs with one BLAS and OpenMP thread: the parallelism of a
    comparison is over folds (``n_jobs``), and on the small fits of a fold
    inner threads cost more than they give.
    """
    with threadpool_limits(limits=1):
        return _fit_and_score(pipeline, X, y, split, pos_label, costs, keep_predictions)


def _fit_and_score(
    pipeline: Any,
    X: Any,
    y: np.ndarray,
    split: tuple[np.ndarray, np.ndarray],
    pos_label: Any,
    costs: tuple[float, float],
    keep_predictions: bool,
) -> dict[str, Any]:
    train, test = split
    start = time.perf_counter()
    pipeline.fit(take_rows(X, train), y[train])
    fit_time = time.perf_counter() - start

    X_test = take_rows(X, test)
    classes = list(pipeline.classes_)
    position = classes.index(pos_label)
    y_pred = np.asarray(pipeline.predict(X_test))
    proba, scores = _positive_scores(pipeline, X_test, position)
    result = _fold_metrics(y[test], y_pred, scores, proba, pos_label, costs)
    corrected = _corrected_probability(pipeline, y[train], proba, position)
    result["decision_cost"] = _decision_cost(y[test] == pos_label, corrected, costs)
    result.update(fit_time=fit_time, n_train=len(train), n_test=len(test))

    if keep_predictions:
        result["predictions"] = {
            "pred": y_pred,
            "score": scores,
            "corrected": corrected,
        }
    return result


def _corrected_probability(
    pipeline: Any, y_train: np.ndarray, proba: Any, position: int
) -> np.ndarray | None:
    """The positive class's probability, corrected back to the training priors.

    The prior-shift correction goes from the class shares the model learnt
    (after resampling) to those of the training rows (before); None when the
    model gives no probabilities or lost a class.
    """
    if proba is None:
        return None
    classes = list(pipeline.classes_)
    learnt = pipeline.named_steps["class_counts"].counts_
    training = np.array([learnt.get(c, 0) for c in classes], dtype=np.float64)
    true = np.array([np.count_nonzero(y_train == c) for c in classes], dtype=float)
    if not (training > 0).all():
        return None
    corrected = correct_priors(
        proba, training_priors=training / training.sum(), true_priors=true / true.sum()
    )
    return corrected[:, position]


def _decision_cost(
    is_positive: np.ndarray, corrected: np.ndarray | None, costs: tuple[float, float]
) -> float:
    """Cost per row when the corrected probability is cut at the Bayes threshold."""
    if corrected is None:
        return float("nan")
    cost_fn, cost_fp = costs
    predicted = corrected >= bayes_threshold(cost_fn=cost_fn, cost_fp=cost_fp)
    missed = np.count_nonzero(is_positive & ~predicted)
    false_alarms = np.count_nonzero(~is_positive & predicted)
    return float((cost_fn * missed + cost_fp * false_alarms) / is_positive.size)
