"""``imbalance inspect``: how skewed the classes are, and what will get in the way."""

from __future__ import annotations

from typing import Any

import pandas as pd
from rich.console import Console

from ._errors import InputError
from ._output import counts_table, label_counts

__all__ = ["inspect_table", "render_inspection"]

#: SMOTE-like methods interpolate towards one of each row's k_neighbors=5
#: nearest neighbours of its own class, so a class needs k + 1 = 6 rows.
NEIGHBOR_METHODS_MIN_ROWS = 6
#: More classes than this suggests the target is not a class label at all.
MANY_CLASSES = 50
#: The human table shows this many classes, the largest first.
SHOWN_CLASSES = 20
#: Stratified 5-fold cross-validation needs a row of each class in each fold.
CV_FOLDS = 5


def inspect_table(frame: pd.DataFrame, target: str, source: str) -> dict[str, Any]:
    """Every fact ``inspect`` reports about the table, as a JSON-ready dict."""
    labels = frame[target]
    counts = label_counts(labels)
    if not counts:
        raise InputError(f"The target column {target!r} of {source} has no labels.")
    n_labelled = sum(counts.values())
    by_size = sorted(counts.items(), key=lambda item: item[1], reverse=True)
    majority, minority = by_size[0], by_size[-1]
    features = [column for column in frame.columns if column != target]

    report = {
        "command": "inspect",
        "source": source,
        "target": target,
        "n_rows": len(frame),
        "n_columns": frame.shape[1],
        "n_classes": len(counts),
        "classes": [
            {"label": label, "count": count, "share": count / n_labelled}
            for label, count in by_size
        ],
        "majority_class": majority[0],
        "minority_class": minority[0],
        "imbalance_ratio": majority[1] / minority[1],
        "baseline_accuracy": majority[1] / n_labelled,
        "missing_labels": int(labels.isna().sum()),
        "missing_values": _missing_values(frame),
        "duplicate_rows": int(frame.duplicated().sum()),
        "conflicting_rows": _conflicting_rows(frame, features, target),
        "non_numeric_features": _non_numeric(frame[features]),
    }
    report["warnings"] = _warnings(report)
    return report


def _missing_values(frame: pd.DataFrame) -> dict[str, int]:
    missing = frame.isna().sum()
    return {str(column): int(n) for column, n in missing.items() if n}


def _conflicting_rows(frame: pd.DataFrame, features: list, target: str) -> int:
    """Rows whose features equal those of a row with another label."""
    if not features:
        return 0
    groups = frame.groupby(features, dropna=False, sort=False)[target]
    return int((groups.transform("nunique") > 1).sum())


def _non_numeric(features: pd.DataFrame) -> list[str]:
    return [
        str(column)
        for column, dtype in features.dtypes.items()
        if not pd.api.types.is_numeric_dtype(dtype)
    ]


def _warnings(report: dict[str, Any]) -> list[str]:
    messages = []
    if report["n_classes"] > MANY_CLASSES:
        messages.append(
            f"{report['target']!r} has {report['n_classes']:,} distinct values; "
            "is it really a column of class labels?"
        )
    messages.extend(_small_class_warnings(report["classes"]))
    if report["n_classes"] == 1:
        messages.append(
            f"Only one class ({report['majority_class']!r}) in {report['target']!r}: "
            "there is nothing to rebalance, and no classifier can be trained."
        )
    if report["missing_labels"]:
        messages.append(
            f"{report['missing_labels']} row(s) have no label in "
            f"{report['target']!r}; drop or label them before resampling."
        )
    with_missing = [c for c in report["missing_values"] if c != report["target"]]
    if with_missing:
        messages.append(
            f"{len(with_missing)} feature column(s) have missing values "
            f"({', '.join(with_missing[:5])}); methods that measure distances "
            "(SMOTE, nearest-neighbour cleaning) refuse them. Impute them first."
        )
    if report["conflicting_rows"]:
        messages.append(
            f"{report['conflicting_rows']} row(s) have the same features as a row "
            "of another class; no model can tell those apart."
        )
    return messages


def _small_class_warnings(classes: list[dict[str, Any]]) -> list[str]:
    """One warning per tiny class, or a single one when there are many."""
    tiny = [row for row in classes if row["count"] < NEIGHBOR_METHODS_MIN_ROWS]
    if len(tiny) > 3:
        names = ", ".join(repr(row["label"]) for row in tiny[-5:])
        return [
            f"{len(tiny):,} classes have fewer than {NEIGHBOR_METHODS_MIN_ROWS} "
            f"rows (among them {names}): too few for SMOTE and its variants "
            "and ADASYN. Merge rare classes, or use random-over."
        ]
    return [_small_class_warning(row) for row in tiny]


def _small_class_warning(row: dict[str, Any]) -> str:
    count = row["count"]
    message = (
        f"Class {row['label']!r} has only {count} row(s): SMOTE and its variants "
        f"and ADASYN need at least {NEIGHBOR_METHODS_MIN_ROWS} (each row and its "
        f"k_neighbors={NEIGHBOR_METHODS_MIN_ROWS - 1} nearest neighbours of the "
        "same class). Use random-over"
    )
    message += (
        f", or lower k_neighbors (--param k_neighbors={count - 1})."
        if count >= 2
        else "."
    )
    if count < CV_FOLDS:
        message += (
            f" It is also too small for {CV_FOLDS}-fold stratified cross-validation."
        )
    return message


def render_inspection(report: dict[str, Any], console: Console) -> None:
    """Print the report for people: the class table, then facts and warnings."""
    rows = [
        [row["label"], f"{row['count']:,}", f"{row['share']:.1%}"]
        for row in report["classes"][:SHOWN_CLASSES]
    ]
    if report["n_classes"] > SHOWN_CLASSES:
        rows.append([f"... {report['n_classes'] - SHOWN_CLASSES:,} more", "", ""])
    title = (
        f"{report['source']}: {report['n_rows']:,} rows, target {report['target']!r}"
    )
    console.print(title, style="bold")
    console.print(counts_table(["Class", "Rows", "Share"], rows))
    console.print(
        f"Imbalance ratio (majority/minority): {report['imbalance_ratio']:.1f}\n"
        f"Always answering {report['majority_class']!r} is right "
        f"{report['baseline_accuracy']:.1%} of the time: the accuracy to beat.\n"
        f"Duplicate rows: {report['duplicate_rows']:,}"
    )
    if report["missing_values"]:
        missing = [[column, f"{n:,}"] for column, n in report["missing_values"].items()]
        console.print("Missing values:")
        console.print(counts_table(["Column", "Missing"], missing))
    else:
        console.print("Missing values: none")
    if report["non_numeric_features"]:
        console.print(
            "Non-numeric features (encode them before SMOTE or nearest-neighbour "
            f"methods): {', '.join(report['non_numeric_features'])}"
        )
    for message in report["warnings"]:
        console.print(f"Warning: {message}")
