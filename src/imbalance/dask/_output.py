"""Pieces of output partitions, made in tasks, and the collections built from them.

Every output partition is one task returning a pair ``(rows, labels)`` in the
input's own kind: pandas objects for a frame, ndarrays for an array. Taken rows
keep everything pandas knows about them (dtypes, index labels); synthetic rows
get the columns' dtypes and new index labels, as in-memory samplers give them.
"""

from __future__ import annotations

import operator
from typing import Any

import numpy as np

from .._validation import _restore_dtypes
from ._partitions import Partitioned

__all__ = ["Meta", "assemble", "feature_values", "new_rows", "take", "whole"]


def feature_values(rows: Any, target: str | None) -> np.ndarray:
    """A partition's features as a float ndarray, for distances and interpolation."""
    if target is not None:
        rows = rows.drop(columns=[target])
    values = rows.to_numpy() if hasattr(rows, "to_numpy") else np.asarray(rows)
    if values.dtype not in (np.float32, np.float64):
        values = values.astype(np.float64)
    return values.reshape(len(values), -1)


def whole(rows: Any, labels: Any) -> tuple[Any, Any]:
    """A partition passed through unchanged."""
    return rows, labels


def take(rows: Any, labels: Any, positions: np.ndarray) -> tuple[Any, Any]:
    """The rows at ``positions`` (local to the partition, repeats allowed)."""
    if hasattr(rows, "iloc"):
        return rows.iloc[positions], labels.iloc[positions]
    return rows[positions], labels[positions]


def new_rows(
    values: np.ndarray,
    labels: np.ndarray,
    rows_meta: Any,
    labels_meta: Any,
    target: str | None,
    first_label: int | None,
    first_number: int,
) -> tuple[Any, Any]:
    """Synthetic rows in the input's kind.

    Parameters
    ----------
    values : ndarray of shape (n_new, n_features)
        The new feature values.
    labels : ndarray of shape (n_new,)
        Their classes.
    rows_meta, labels_meta : object
        Empty pandas objects like the input (frames), or dtypes (arrays).
    target : str or None
        The target column's name, when it lives in the frame.
    first_label : int or None
        Integer index label of the first new row; None for ``synthetic_<n>``
        labels.
    first_number : int
        Number of the first new row among all synthetic rows.
    """
    if not hasattr(rows_meta, "columns"):
        return values.astype(rows_meta, copy=False), labels.astype(labels_meta)
    import pandas as pd

    n_new = len(values)
    if first_label is not None:
        index = pd.RangeIndex(first_label, first_label + n_new)
    else:
        numbers = range(first_number, first_number + n_new)
        index = pd.Index([f"synthetic_{i}" for i in numbers], dtype=object)
    features = [column for column in rows_meta.columns if column != target]
    frame = pd.DataFrame(values, columns=features, index=index)
    _restore_dtypes(
        frame, [(c, dtype) for c, dtype in rows_meta.dtypes.items() if c != target]
    )
    series = pd.Series(labels, index=index, name=labels_meta.name)
    series = series.astype(labels_meta.dtype)
    if target is not None:
        frame.insert(rows_meta.columns.get_loc(target), target, series)
    return frame, series


class Meta:
    """What a task needs to build synthetic rows: no partition, only metadata.

    Parameters
    ----------
    data : Partitioned
        The input.
    classes : ndarray
        Sorted classes.
    """

    def __init__(self, data: Partitioned, classes: np.ndarray) -> None:
        self.rows_meta = data.rows_meta
        self.labels_meta = data.labels_meta
        self.target = data.target
        self.classes = classes

    def new_rows(self, values, labels, first_label, first_number) -> tuple[Any, Any]:
        """:func:`new_rows` with this input's metadata."""
        return new_rows(
            values,
            labels,
            self.rows_meta,
            self.labels_meta,
            self.target,
            first_label,
            first_number,
        )


def assemble(
    data: Partitioned,
    pieces: list,
    sizes: list[float],
    divisions: tuple | None = None,
) -> tuple[Any, Any]:
    """``(X_res, y_res)`` of the input's kind from per-partition ``pieces``.

    Parameters
    ----------
    data : Partitioned
        The input, for its kind and metadata.
    pieces : list of Delayed
        One ``(rows, labels)`` pair per output partition.
    sizes : list of int or nan
        Rows of each output partition, nan where unknown until computed.
    divisions : tuple, optional
        Divisions of a frame output, when still valid.
    """
    from dask import delayed

    rows = [delayed(operator.getitem)(piece, 0) for piece in pieces]
    labels = [delayed(operator.getitem)(piece, 1) for piece in pieces]
    if data.kind == "frame":
        import dask.dataframe as dd

        X_res = dd.from_delayed(
            rows, meta=data.rows_meta, divisions=divisions, verify_meta=False
        )
        if data.target is not None:
            return X_res, X_res[data.target]
        y_res = dd.from_delayed(
            labels, meta=data.labels_meta, divisions=divisions, verify_meta=False
        )
        return X_res, y_res

    import dask.array as da

    n_features = data.n_features
    X_parts = [
        da.from_delayed(part, shape=(size, n_features), dtype=data.rows_meta)
        for part, size in zip(rows, sizes)
    ]
    y_parts = [
        da.from_delayed(part, shape=(size,), dtype=data.labels_meta)
        for part, size in zip(labels, sizes)
    ]
    return da.concatenate(X_parts), da.concatenate(y_parts)
