"""The report's figures, drawn with Matplotlib's Agg canvas, as PNG data URIs.

Figures are built with :class:`matplotlib.figure.Figure` and rendered by
:class:`~matplotlib.backends.backend_agg.FigureCanvasAgg` directly, so
drawing never touches pyplot's global state nor needs a display.
"""

from __future__ import annotations

import base64
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from sklearn.calibration import calibration_curve
from sklearn.metrics import precision_recall_curve, roc_curve

__all__ = [
    "Scores",
    "calibration_figure",
    "class_figure",
    "confusion_figure",
    "cost_figure",
    "curves_figure",
    "projection_figure",
    "to_data_uri",
]

_DPI = 100
_CLASS_COLOURS = ("#4c72b0", "#dd8452")  # negative, positive
_SYNTHETIC = "#2ca02c"
_REMOVED = "#b0b0b0"


@dataclass(frozen=True)
class Scores:
    """Out-of-fold results of one strategy for one model.

    Attributes
    ----------
    label : str
        The strategy's name.
    is_positive : ndarray of bool
        Whether each row is of the positive class.
    score : ndarray of float
        The model's positive-class probability (or score) of each row.
    corrected : ndarray of float or None
        The probability after prior correction; None without probabilities.
    """

    label: str
    is_positive: np.ndarray
    score: np.ndarray
    corrected: np.ndarray | None


def to_data_uri(figure: Figure) -> str:
    """The figure as a ``data:image/png;base64,...`` URI."""
    canvas = FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    canvas.print_png(buffer)
    encoded = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f"data:image/png;base64,{encoded}"


def _grid(n_panels: int, columns: int, panel_size: float) -> tuple[Figure, list]:
    columns = max(1, min(columns, n_panels))
    rows = math.ceil(n_panels / columns)
    figure = Figure(
        figsize=(panel_size * columns, panel_size * rows),
        dpi=_DPI,
        layout="constrained",
    )
    axes = figure.subplots(rows, columns, squeeze=False).ravel()
    for unused in axes[n_panels:]:
        unused.set_axis_off()
    return figure, list(axes[:n_panels])


def class_figure(counts: dict[Any, int], positive: Any) -> Figure:
    """Rows per class as bars, each labelled with its count and share."""
    figure = Figure(figsize=(5, 2.6), dpi=_DPI, layout="constrained")
    axes = figure.subplots()
    labels = [str(label) for label in counts]
    values = np.array(list(counts.values()))
    colours = [_CLASS_COLOURS[int(label == positive)] for label in counts]
    bars = axes.barh(np.arange(len(labels)), values, color=colours)
    axes.set_yticks(np.arange(len(labels)), labels)
    shares = [f"{n:,} ({n / values.sum():.1%})" for n in values]
    axes.bar_label(bars, labels=shares, padding=3)
    axes.set_xlim(0, values.max() * 1.3)
    axes.set_xlabel("rows")
    axes.set_title(f"Class distribution (positive class: {positive})")
    return figure


def confusion_figure(entries: Sequence[tuple[str, dict]], columns: int = 4) -> Figure:
    """One confusion matrix per entry, with four metrics written under it.

    Each entry is ``(title, counts)`` with ``counts`` holding ``tp``, ``fn``,
    ``tn`` and ``fp``.
    """
    figure, axes = _grid(len(entries), columns, 2.9)
    for ax, (title, counts) in zip(axes, entries):
        matrix = np.array(
            [[counts["tn"], counts["fp"]], [counts["fn"], counts["tp"]]], dtype=float
        )
        shares = matrix / matrix.sum(axis=1, keepdims=True)
        ax.imshow(shares, cmap="Blues", vmin=0, vmax=1)
        for (row, column), value in np.ndenumerate(matrix):
            colour = "white" if shares[row, column] > 0.6 else "black"
            ax.text(
                column, row, f"{int(value):,}", ha="center", va="center", color=colour
            )
        ax.set_xticks([0, 1], ["neg.", "pos."])
        ax.set_yticks([0, 1], ["neg.", "pos."])
        ax.set_xlabel("predicted")
        ax.set_ylabel("true")
        ax.set_title(title, fontsize=10)
        ax.text(
            0.5,
            -0.42,
            _four_metrics(counts),
            transform=ax.transAxes,
            ha="center",
            va="top",
            fontsize=8.5,
        )
    return figure


def _four_metrics(counts: dict) -> str:
    tp, fn, tn, fp = (counts[name] for name in ("tp", "fn", "tn", "fp"))

    def ratio(numerator: float, denominator: float) -> str:
        return f"{numerator / denominator:.2f}" if denominator else "n/a"

    return (
        f"accuracy {ratio(tp + tn, tp + fn + tn + fp)}  "
        f"sensitivity {ratio(tp, tp + fn)}\n"
        f"specificity {ratio(tn, tn + fp)}  precision {ratio(tp, tp + fp)}"
    )


def curves_figure(entries: Sequence[Scores], prevalence: float) -> Figure:
    """Precision-recall and ROC curves of every strategy, with chance lines."""
    figure = Figure(figsize=(10, 4.2), dpi=_DPI, layout="constrained")
    pr_axes, roc_axes = figure.subplots(1, 2)
    for entry in entries:
        precision, recall, _ = precision_recall_curve(entry.is_positive, entry.score)
        pr_axes.plot(recall, precision, label=entry.label, drawstyle="steps-post")
        false_rate, true_rate, _ = roc_curve(entry.is_positive, entry.score)
        roc_axes.plot(false_rate, true_rate, label=entry.label)
    pr_axes.axhline(prevalence, color="grey", linestyle=":", label="chance")
    roc_axes.plot([0, 1], [0, 1], color="grey", linestyle=":", label="chance")
    pr_axes.set(
        xlabel="recall (sensitivity)",
        ylabel="precision",
        title="Precision-recall",
        xlim=(0, 1),
        ylim=(0, 1.02),
    )
    roc_axes.set(
        xlabel="false positive rate (1 - specificity)",
        ylabel="true positive rate (sensitivity)",
        title="ROC",
        xlim=(0, 1),
        ylim=(0, 1.02),
    )
    pr_axes.legend(fontsize=8)
    roc_axes.legend(fontsize=8, loc="lower right")
    return figure


def cost_curve(
    is_positive: np.ndarray,
    probability: np.ndarray,
    cost_fn: float,
    cost_fp: float,
    thresholds: np.ndarray,
) -> np.ndarray:
    """Expected cost per row of predicting positive from each threshold on."""
    order = np.argsort(probability)
    sorted_probability = probability[order]
    positives_below = np.concatenate([[0], np.cumsum(is_positive[order])])
    negatives_below = np.arange(len(order) + 1) - positives_below
    below = np.searchsorted(sorted_probability, thresholds, side="left")
    false_negatives = positives_below[below]
    false_positives = negatives_below[-1] - negatives_below[below]
    return (cost_fn * false_negatives + cost_fp * false_positives) / len(order)


def cost_figure(
    entries: Sequence[Scores], cost_fn: float, cost_fp: float, chosen: float
) -> Figure:
    """Expected cost against threshold, on prior-corrected probabilities."""
    figure = Figure(figsize=(7, 4.2), dpi=_DPI, layout="constrained")
    axes = figure.subplots()
    thresholds = np.linspace(0, 1, 201)
    highest = 0.0
    for entry in entries:
        if entry.corrected is None:
            continue
        costs = cost_curve(
            entry.is_positive, entry.corrected, cost_fn, cost_fp, thresholds
        )
        (line,) = axes.plot(thresholds, costs, label=entry.label)
        highest = max(highest, float(costs[-1]))  # everything called negative
        cheapest = int(np.argmin(costs))
        axes.plot(thresholds[cheapest], costs[cheapest], "o", color=line.get_color())
    axes.axvline(
        chosen, color="black", linestyle="--", label=f"chosen threshold {chosen:.3f}"
    )
    axes.axvline(0.5, color="grey", linestyle=":", label="default 0.5")
    if highest > 0:
        axes.set_ylim(0, highest * 1.5)
    axes.set(
        xlabel="threshold on the prior-corrected probability",
        ylabel="expected cost per row",
        xlim=(0, 1),
        title=f"Expected cost (false negative {cost_fn:g}, "
        f"false positive {cost_fp:g}); dots: cheapest",
    )
    axes.legend(fontsize=8)
    return figure


def calibration_figure(entries: Sequence[Scores], n_bins: int = 10) -> Figure:
    """Reliability curves before and after the prior correction."""
    figure = Figure(figsize=(10, 4.2), dpi=_DPI, layout="constrained")
    before, after = figure.subplots(1, 2, sharey=True)
    for entry in entries:
        if entry.corrected is None:
            continue
        for axes, values in ((before, entry.score), (after, entry.corrected)):
            true_share, mean_probability = calibration_curve(
                entry.is_positive, values, n_bins=n_bins, strategy="quantile"
            )
            axes.plot(mean_probability, true_share, marker=".", label=entry.label)
    for axes, title in (
        (before, "Before prior correction"),
        (after, "After prior correction"),
    ):
        axes.plot([0, 1], [0, 1], color="grey", linestyle=":", label="perfect")
        axes.set(
            xlabel="predicted probability of the positive class",
            title=title,
            xlim=(0, 1),
            ylim=(0, 1),
        )
        axes.legend(fontsize=8)
    before.set_ylabel("observed share of positives")
    return figure


def projection_figure(views: Sequence[Any], positive: Any, columns: int = 3) -> Figure:
    """Scatter plots of the training rows in 2-D, before and after each sampler."""
    figure, axes = _grid(len(views), columns, 3.6)
    for ax, view in zip(axes, views):
        if len(view.removed):
            ax.scatter(
                *view.removed.T,
                s=8,
                facecolors="none",
                edgecolors=_REMOVED,
                linewidths=0.6,
                label=f"removed ({len(view.removed):,})",
            )
        for is_positive, colour in (
            (False, _CLASS_COLOURS[0]),
            (True, _CLASS_COLOURS[1]),
        ):
            rows = view.kept[view.kept_positive == is_positive]
            name = "positive" if is_positive else "negative"
            ax.scatter(
                *rows.T, s=6, color=colour, alpha=0.6, label=f"{name} ({len(rows):,})"
            )
        if len(view.synthetic):
            ax.scatter(
                *view.synthetic.T,
                s=10,
                marker="x",
                color=_SYNTHETIC,
                linewidths=0.7,
                label=f"synthetic ({len(view.synthetic):,})",
            )
        ax.set_title(view.title, fontsize=10)
        ax.set_xticks([])
        ax.set_yticks([])
        ax.legend(fontsize=7, loc="upper right", markerscale=1.5)
    return figure
