"""Label checks and one-vs-rest counts shared by the label-based metrics.

Every metric that takes ``(y_true, y_pred)`` goes through :func:`check_label_pair`
(same length, not empty, no missing labels, one kind of label) and then
:func:`count_per_class`, which gives the true positives, false negatives, true
negatives and false positives of each class read as "this class against the
rest". The metrics are ratios of these counts.
"""

from __future__ import annotations

import math
import sys
from dataclasses import dataclass
from typing import Any

import numpy as np

from .._validation import (
    _is_pandas_frame,
    _is_pandas_series,
    encode_labels,
    plain_label,
)

__all__ = [
    "ClassCounts",
    "as_label_array",
    "check_label_pair",
    "count_per_class",
    "encode_pair",
    "labels_text",
    "select_labels",
]


def _is_missing(value: Any) -> bool:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return True
    pandas = sys.modules.get("pandas")
    return pandas is not None and value is pandas.NA


def _has_missing(array: np.ndarray) -> bool:
    if array.dtype.kind == "f":
        return bool(np.isnan(array).any())
    if array.dtype == object:
        return any(_is_missing(value) for value in array)
    return False


def as_label_array(values: Any, name: str) -> np.ndarray:
    """``values`` as a 1-D array of labels, without missing ones."""
    if _is_pandas_frame(values):
        raise ValueError(
            f"{name} must be one column of labels; got a DataFrame. Pass a "
            "Series, e.g. df['label']."
        )
    if _is_pandas_series(values):
        values = values.to_numpy()
    array = np.asarray(values)
    if array.ndim == 2 and array.shape[1] == 1:
        raise ValueError(
            f"{name} must be 1-D; got a column vector of shape {array.shape}. "
            f"Use {name}.ravel() to flatten it."
        )
    if array.ndim != 1:
        raise ValueError(f"{name} must be 1-D; got an array of shape {array.shape}.")
    if _has_missing(array):
        raise ValueError(
            f"{name} has missing labels (NaN or None). Drop those rows or fill "
            "their labels first."
        )
    return array


def check_label_pair(y_true: Any, y_pred: Any) -> tuple[np.ndarray, np.ndarray]:
    """``y_true`` and ``y_pred`` as 1-D arrays of the same non-zero length."""
    true = as_label_array(y_true, "y_true")
    pred = as_label_array(y_pred, "y_pred")
    if true.shape[0] != pred.shape[0]:
        raise ValueError(
            f"y_true has {true.shape[0]} labels but y_pred has {pred.shape[0]}; "
            "they must match, one prediction per row."
        )
    if true.shape[0] == 0:
        raise ValueError(
            "y_true and y_pred are empty; a metric needs at least one row."
        )
    numeric_true = true.dtype.kind in "biuf"
    numeric_pred = pred.dtype.kind in "biuf"
    if object not in (true.dtype, pred.dtype) and numeric_true != numeric_pred:
        raise ValueError(
            f"y_true holds {'numbers' if numeric_true else 'strings'} but y_pred "
            f"holds {'numbers' if numeric_pred else 'strings'}; both must use "
            "the same labels. Convert one of them, e.g. y_pred.astype(int)."
        )
    return true, pred


def encode_pair(
    y_true: np.ndarray, y_pred: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The sorted labels of ``y_true`` and ``y_pred``, and each row's code in them."""
    n_samples = y_true.shape[0]
    if y_true.dtype.kind in "iub" and y_pred.dtype.kind in "iub":
        classes, codes, _ = encode_labels(np.concatenate([y_true, y_pred]))
        return classes, codes[:n_samples], codes[n_samples:]

    # other labels: sort the few distinct values, not the rows
    try:
        classes = np.unique(np.concatenate([np.unique(y_true), np.unique(y_pred)]))
        true_codes = np.searchsorted(classes, y_true)
        pred_codes = np.searchsorted(classes, y_pred)
    except TypeError as exc:
        raise ValueError(
            "y_true and y_pred mix label types that cannot be sorted together "
            "(for example numbers and strings). Use one type of label."
        ) from exc

    return classes, true_codes, pred_codes


def labels_text(labels: Any) -> str:
    return "[" + ", ".join(repr(plain_label(label)) for label in labels) + "]"


def _position(labels: list, label: Any) -> int | None:
    for index, candidate in enumerate(labels):
        if candidate == label:
            return index
    return None


def select_labels(
    present: np.ndarray,
    *,
    labels: Any,
    pos_label: Any,
    average: str | None,
) -> list:
    """The labels a metric reports on, following scikit-learn's conventions.

    With ``average="binary"`` it is ``[pos_label]`` (the data must hold at
    most two classes); otherwise ``labels``, or every present label.
    """
    known = [plain_label(label) for label in present]
    if average == "binary":
        if len(known) > 2:
            raise ValueError(
                f"average='binary' needs two classes, but y_true and y_pred hold "
                f"{len(known)}: {labels_text(known)}. Pass average='macro', "
                "'weighted', 'micro' or None (one score per class)."
            )
        if _position(known, pos_label) is None and len(known) == 2:
            raise ValueError(
                f"pos_label={pos_label!r} is not one of the labels present, "
                f"{labels_text(known)}. Pass one of them as pos_label."
            )
        return [pos_label]
    if labels is None:
        return known
    chosen = [plain_label(label) for label in np.asarray(labels).ravel()]
    if not chosen:
        raise ValueError(
            "labels is empty; pass at least one class, or labels=None for all of "
            f"them ({labels_text(known)})."
        )
    return chosen


@dataclass(frozen=True)
class ClassCounts:
    """Each class against the rest: four arrays of counts, one entry per class."""

    labels: list
    tp: np.ndarray
    fn: np.ndarray
    tn: np.ndarray
    fp: np.ndarray

    @property
    def support(self) -> np.ndarray:
        """Rows of each class in ``y_true``."""
        return self.tp + self.fn

    def pooled(self) -> ClassCounts:
        """The counts of all classes added together (micro averaging)."""
        return ClassCounts(
            ["micro"],
            self.tp.sum(keepdims=True),
            self.fn.sum(keepdims=True),
            self.tn.sum(keepdims=True),
            self.fp.sum(keepdims=True),
        )


def count_per_class(
    classes: np.ndarray, true_codes: np.ndarray, pred_codes: np.ndarray, labels: list
) -> ClassCounts:
    """One-vs-rest counts of each of ``labels`` (absent labels count zero).

    ``classes``, ``true_codes`` and ``pred_codes`` come from :func:`encode_pair`.
    """
    n_classes = classes.shape[0]
    true_sum = np.bincount(true_codes, minlength=n_classes)
    pred_sum = np.bincount(pred_codes, minlength=n_classes)
    hits = np.bincount(true_codes[true_codes == pred_codes], minlength=n_classes)

    known = [plain_label(label) for label in classes]
    positions = [_position(known, label) for label in labels]
    found = np.array([p is not None for p in positions], dtype=bool)
    index = np.array([0 if p is None else p for p in positions], dtype=np.intp)
    tp = np.where(found, hits[index], 0).astype(np.int64)
    fn = np.where(found, true_sum[index], 0) - tp
    fp = np.where(found, pred_sum[index], 0) - tp
    tn = true_codes.shape[0] - tp - fn - fp

    return ClassCounts(list(labels), tp, fn, tn, fp)
