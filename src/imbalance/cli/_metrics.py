"""``imbalance metrics``: honest metrics from four counts or from a file of labels."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from rich.console import Console
from rich.table import Table

from ..metrics import (
    ConfusionCounts,
    classification_report_imbalanced,
    majority_baseline_score,
)
from ._errors import InputError
from ._output import label_counts, parse_label

__all__ = ["binary_report", "labels_report", "render_metrics"]

#: Column headers of the per-class table, short enough for 80 columns.
SHORT_HEADERS = {"precision": "prec", "specificity": "spec", "g_mean": "g-mean"}


def counts_from_options(counts: dict[str, int | None]) -> ConfusionCounts | None:
    """The ConfusionCounts of ``--tp --fn --tn --fp``, or None if none is given."""
    given = {name: value for name, value in counts.items() if value is not None}
    if not given:
        return None
    missing = [f"--{name}" for name in counts if name not in given]
    if missing:
        raise InputError(
            f"Give all four counts --tp --fn --tn --fp; missing {', '.join(missing)}."
        )
    return ConfusionCounts(**given)


def binary_report(confusion: ConfusionCounts, positive: Any = None) -> dict:
    """The metrics of a binary confusion matrix, with its summary in words."""
    report: dict[str, Any] = {"command": "metrics", "kind": "binary"}
    if positive is not None:
        report["positive_label"] = positive
    report["metrics"] = confusion.to_dict()
    report["summary"] = confusion.summary()
    return report


def labels_report(
    frame: pd.DataFrame, truth: str, pred: str, positive: str | None, source: str
) -> dict[str, Any]:
    """Metrics of the predictions in column ``pred`` against ``truth``."""
    _check_no_missing(frame, [truth, pred], source)
    y_true, y_pred = frame[truth], frame[pred]
    classes = set(label_counts(y_true)) | set(label_counts(y_pred))
    if len(classes) <= 2:
        pos_label = (
            None if positive is None else parse_label(positive, y_true, "--positive")
        )
        confusion = ConfusionCounts.from_labels(
            y_true.to_numpy(), y_pred.to_numpy(), pos_label=pos_label
        )
        chosen = pos_label if pos_label is not None else _less_frequent(y_true)
        report = binary_report(confusion, chosen)
    else:
        if positive is not None:
            raise InputError(
                f"--positive applies to two classes; {source} has {len(classes)} "
                "in its truth and predictions. Leave --positive out to get the "
                "per-class report."
            )
        per_class = classification_report_imbalanced(
            y_true.to_numpy(), y_pred.to_numpy(), output_dict=True
        )
        report = {
            "command": "metrics",
            "kind": "multiclass",
            "accuracy": float(np.mean(y_true.to_numpy() == y_pred.to_numpy())),
            "baseline_accuracy": majority_baseline_score(y_true.to_numpy()),
            "report": per_class,
        }
    report.update(source=source, truth=truth, pred=pred, n_rows=len(frame))
    return report


def _check_no_missing(frame: pd.DataFrame, columns: list[str], source: str) -> None:
    for column in columns:
        n_missing = int(frame[column].isna().sum())
        if n_missing:
            raise InputError(
                f"Column {column!r} of {source} has {n_missing} missing value(s); "
                "drop those rows first."
            )


def _less_frequent(labels: pd.Series) -> Any:
    """The positive class ConfusionCounts.from_labels picks by default."""
    counts = label_counts(labels)
    smallest = min(counts.values())
    return sorted(label for label, n in counts.items() if n == smallest)[-1]


def render_metrics(report: dict[str, Any], console: Console) -> None:
    """Print a metrics report for people: a table, then the summary words."""
    if report["kind"] == "multiclass":
        console.print("Per-class metrics", style="bold")
        console.print(_per_class_table(report["report"]))
        console.print(
            f"Accuracy {report['accuracy']:.1%}; always answering the most "
            f"frequent class would give {report['baseline_accuracy']:.1%}."
        )
        return
    title = "Metrics"
    if "positive_label" in report:
        title += f" (positive class {report['positive_label']!r})"
    console.print(title, style="bold")
    table = Table()
    table.add_column("Metric")
    table.add_column("Value", justify="right")
    for name, value in report["metrics"].items():
        table.add_row(name.replace("_", " "), _format_number(value))
    console.print(table)
    console.print(report["summary"])


def _per_class_table(per_class: dict[str, Any]) -> Table:
    """One row per class (and per average), one column per metric."""
    rows = {
        str(key): value for key, value in per_class.items() if isinstance(value, dict)
    }
    columns = list(dict.fromkeys(name for value in rows.values() for name in value))
    table = Table()
    table.add_column("Class", no_wrap=True)
    for column in columns:
        header = SHORT_HEADERS.get(column, column.replace("_", " "))
        table.add_column(header, justify="right")
    for label, values in rows.items():
        table.add_row(label, *(_format_number(values.get(c, "")) for c in columns))
    return table


def _format_number(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:.3f}"
