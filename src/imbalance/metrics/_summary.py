"""A binary confusion matrix told in plain words.

The summary leads with what matters most on skewed data: whether the model
beats the answer that needs no model (always the majority class), and how
many of the positives it finds. Undefined ratios are said to be undefined,
with the reason, rather than printed as ``nan``.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._counts import ConfusionCounts

__all__ = ["describe"]


def _percent(value: float, decimals: int = 1) -> str:
    return f"{100 * value:.{decimals}f} %"


def _rows(count: int) -> str:
    return f"{count} row" if count == 1 else f"{count} rows"


def _number(value: float) -> str:
    return "undefined" if math.isnan(value) else f"{value:.3f}"


def _accuracy_sentence(counts: ConfusionCounts) -> str:
    majority = "positive" if counts.n_positive > counts.n_negative else "negative"
    correct = counts.tp + counts.tn
    baseline_correct = max(counts.n_positive, counts.n_negative)
    if correct < baseline_correct:
        relation = "below"
    elif correct > baseline_correct:
        relation = "above"
    else:
        relation = "equal to"
    accuracy = (
        f"Accuracy is {_percent(counts.accuracy)}, {relation} the always-{majority} "
        f"baseline of {_percent(counts.baseline_accuracy)}"
    )
    if counts.n_positive == 0:
        return f"{accuracy}; there are no positive rows, so sensitivity is undefined."
    linking = "while" if relation == "below" else "and"

    return (
        f"{accuracy}, {linking} the model finds {_percent(counts.sensitivity, 0)} "
        f"of the positives ({counts.tp} of {counts.n_positive})."
    )


def _precision_sentence(counts: ConfusionCounts) -> str:
    flagged = counts.tp + counts.fp
    if flagged == 0:
        return "No row was flagged positive, so precision is undefined."
    verb = "was" if counts.tp == 1 else "were"

    return (
        f"Precision is {_percent(counts.precision)}: of {_rows(flagged)} flagged "
        f"positive, {counts.tp} {verb} positive."
    )


def _specificity_sentence(counts: ConfusionCounts) -> str:
    if counts.n_negative == 0:
        return "There are no negative rows, so specificity is undefined."
    verb = "was" if counts.fp == 1 else "were"

    rows = "row" if counts.n_negative == 1 else "rows"

    return (
        f"Specificity is {_percent(counts.specificity)}: of {counts.n_negative} "
        f"negative {rows}, {counts.fp} {verb} flagged by mistake."
    )


def _balanced_sentence(counts: ConfusionCounts) -> str:
    balanced = counts.balanced_accuracy
    balanced_text = "undefined" if math.isnan(balanced) else _percent(balanced)

    return (
        f"Balanced accuracy {balanced_text}, G-mean {_number(counts.g_mean)}, "
        f"F1 {_number(counts.f1)}, MCC {_number(counts.mcc)}."
    )


def describe(counts: ConfusionCounts) -> str:
    """Several lines of plain words about ``counts`` (see ``summary()``)."""
    share = _percent(counts.n_positive / counts.n_samples)
    sentences = [
        f"{_rows(counts.n_samples)}: {counts.n_positive} positive ({share}), "
        f"{counts.n_negative} negative.",
        _accuracy_sentence(counts),
        _precision_sentence(counts),
        _specificity_sentence(counts),
        _balanced_sentence(counts),
    ]

    return "\n".join(sentences)
