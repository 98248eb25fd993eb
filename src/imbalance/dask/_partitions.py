"""Dask collections in and out: the partitions, the one counting pass, the output.

A sampler here never looks at a whole collection at once. It splits the input
into per-partition tasks (:class:`Partitioned`), counts the classes of every
partition in one pass (:func:`survey`), plans on the client from those counts,
and builds the output from per-partition tasks again, lazily, in the kind of
collection it was given.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = ["Partitioned", "Survey", "partitioned", "survey"]


@dataclass(frozen=True)
class Partitioned:
    """The input split into partitions, with what is needed to rebuild it.

    Attributes
    ----------
    kind : {"frame", "array"}
        A Dask DataFrame or a Dask Array was given.
    rows : list of Delayed
        Each partition's rows as given: a pandas DataFrame (holding the target
        column when ``target`` is set) or a 2-D ndarray.
    labels : list of Delayed
        Each partition's labels: a pandas Series or a 1-D ndarray.
    target : str or None
        The target column's name when ``y`` named a column of ``X``.
    rows_meta : object
        An empty pandas DataFrame like the rows, or the array's dtype.
    labels_meta : object
        An empty pandas Series like the labels, or their dtype.
    n_features : int
        Number of features (the target column not counted).
    divisions : tuple or None
        The frame's known divisions, else None.
    """

    kind: str
    rows: list
    labels: list
    target: str | None
    rows_meta: Any
    labels_meta: Any
    n_features: int
    divisions: tuple | None

    @property
    def n_partitions(self) -> int:
        return len(self.rows)


def partitioned(X: Any, y: Any, *, owner: str) -> Partitioned:
    """Split ``X`` and ``y`` into aligned partitions, or refuse them by name.

    Parameters
    ----------
    X : dask.dataframe.DataFrame or dask.array.Array
        Features (and, for a frame, possibly the target column).
    y : str, dask.dataframe.Series or dask.array.Array
        A column name of ``X``, or labels partitioned like ``X``.
    owner : str
        The sampler's name, for messages.

    Returns
    -------
    Partitioned
    """
    import dask.array as da
    import dask.dataframe as dd

    if isinstance(X, dd.DataFrame):
        return _frame_partitions(X, y, owner)
    if isinstance(X, da.Array):
        return _array_partitions(X, y, owner)
    raise TypeError(
        f"{owner} from imbalance.dask takes a Dask DataFrame or a Dask Array as X; "
        f"got {type(X).__name__}. For data in memory, use the sampler of the same "
        "name from imbalance.over_sampling or imbalance.under_sampling."
    )


def _frame_partitions(X, y, owner) -> Partitioned:
    import dask.dataframe as dd

    divisions = X.divisions if X.known_divisions else None
    if isinstance(y, str):
        if y not in X.columns:
            raise ValueError(
                f"y={y!r} is not a column of X. Its columns are: "
                f"{', '.join(map(str, X.columns))}."
            )
        rows, labels = X, X[y]
        n_features = len(X.columns) - 1
    elif isinstance(y, dd.Series):
        if y.npartitions != X.npartitions:
            raise ValueError(
                f"y must be partitioned like X: X has {X.npartitions} partitions, "
                f"y has {y.npartitions}. Take y from the same frame (frame[column]) "
                "or pass the target's column name as y."
            )
        rows, labels, n_features = X, y, len(X.columns)
    else:
        raise TypeError(
            f"{owner}: with a Dask DataFrame X, y must be a column name or a Dask "
            f"Series partitioned like X; got {type(y).__name__}."
        )
    # Unoptimised: an optimised graph may fuse the partitions of a column read
    # on its own, and the partitions of rows and labels must stay aligned.
    row_parts = list(rows.to_delayed(optimize_graph=False))
    label_parts = list(labels.to_delayed(optimize_graph=False))
    if len(row_parts) != len(label_parts):
        raise ValueError(
            f"y must be partitioned like X: X has {len(row_parts)} partitions, y "
            f"has {len(label_parts)}."
        )
    return Partitioned(
        kind="frame",
        rows=row_parts,
        labels=label_parts,
        target=y if isinstance(y, str) else None,
        rows_meta=rows._meta,
        labels_meta=labels._meta,
        n_features=n_features,
        divisions=divisions,
    )


def _array_partitions(X, y, owner) -> Partitioned:
    import dask.array as da

    if X.ndim != 2:
        raise ValueError(
            f"X must be 2-D (rows x features); got a Dask Array of shape {X.shape}."
        )
    if not isinstance(y, da.Array) or y.ndim != 1:
        raise TypeError(
            f"{owner}: with a Dask Array X, y must be a 1-D Dask Array; got "
            f"{type(y).__name__}."
        )
    if any(np.isnan(size) for size in X.chunks[0]):
        raise ValueError(
            "X has chunks of unknown size; call X.compute_chunk_sizes() first."
        )
    if y.shape[0] != X.shape[0]:
        raise ValueError(
            f"X and y must have the same number of rows; X has {X.shape[0]}, y "
            f"has {y.shape[0]}."
        )
    X = X.rechunk({1: -1})
    y = y.rechunk((X.chunks[0],))
    return Partitioned(
        kind="array",
        rows=list(X.to_delayed()[:, 0]),
        labels=list(y.to_delayed()),
        target=None,
        rows_meta=X.dtype,
        labels_meta=y.dtype,
        n_features=X.shape[1],
        divisions=None,
    )


@dataclass(frozen=True)
class Survey:
    """What the counting pass learnt: sizes, classes and counts per partition.

    Attributes
    ----------
    lengths : ndarray of int of shape (n_partitions,)
        Rows per partition.
    offsets : ndarray of int of shape (n_partitions + 1,)
        Global position of each partition's first row; the last is the total.
    classes : ndarray of shape (n_classes,)
        Sorted classes (as :func:`numpy.unique` sorts them).
    counts : ndarray of int of shape (n_partitions, n_classes)
        Rows of each class in each partition.
    next_label : int or None
        First free integer index label, for synthetic rows of a frame with an
        integer index; None otherwise.
    """

    lengths: np.ndarray
    offsets: np.ndarray
    classes: np.ndarray
    counts: np.ndarray
    next_label: int | None

    @property
    def totals(self) -> np.ndarray:
        return self.counts.sum(axis=0)

    @property
    def n_rows(self) -> int:
        return int(self.offsets[-1])

    def class_counts(self) -> dict:
        """``{class: rows}`` in sorted class order, labels as Python values."""
        from .._validation import plain_label

        return {
            plain_label(label): int(n) for label, n in zip(self.classes, self.totals)
        }

    def class_ranks(self, code: int) -> np.ndarray:
        """Rank (within the class, in global row order) of each partition's first
        row of class ``code``; the last entry is the class's size."""
        return np.concatenate([[0], np.cumsum(self.counts[:, code])])


def label_values(labels: Any) -> np.ndarray:
    """A partition's labels as a 1-D ndarray."""
    return np.asarray(labels).reshape(-1)


def label_codes(labels: Any, classes: np.ndarray) -> np.ndarray:
    """Each row's class code: its position in the sorted ``classes``."""
    values = label_values(labels)
    if values.size == 0:
        return np.zeros(0, dtype=np.intp)
    return np.searchsorted(classes, values).astype(np.intp)


def _survey_partition(labels: Any) -> tuple:
    values = label_values(labels)
    classes, counts = (
        np.unique(values, return_counts=True) if values.size else (values, values)
    )
    index_max = None
    index = getattr(labels, "index", None)
    if index is not None and len(index) and _is_integer_index(index):
        index_max = int(index.max())
    return len(values), classes, np.asarray(counts, dtype=np.intp), index_max


def _is_integer_index(index: Any) -> bool:
    import pandas as pd

    return bool(pd.api.types.is_integer_dtype(index.dtype))


def survey(data: Partitioned) -> Survey:
    """Count rows and classes of every partition, in one pass over the labels.

    Parameters
    ----------
    data : Partitioned
        The input.

    Returns
    -------
    Survey
    """
    import dask
    from dask import delayed

    answers = dask.compute(*[delayed(_survey_partition)(part) for part in data.labels])
    lengths = np.array([answer[0] for answer in answers], dtype=np.intp)
    found = [answer[1] for answer in answers if len(answer[1])]
    classes = np.unique(np.concatenate(found)) if found else np.array([])
    counts = np.zeros((len(answers), len(classes)), dtype=np.intp)
    for row, (_, part_classes, part_counts, _) in enumerate(answers):
        counts[row, np.searchsorted(classes, part_classes)] = part_counts
    return Survey(
        lengths=lengths,
        offsets=np.concatenate([[0], np.cumsum(lengths)]).astype(np.intp),
        classes=classes,
        counts=counts,
        next_label=_next_label(data, answers),
    )


def _next_label(data: Partitioned, answers: list) -> int | None:
    if data.kind != "frame" or not _is_integer_index(data.labels_meta.index):
        return None
    maxima = [answer[3] for answer in answers if answer[3] is not None]
    return max(maxima) + 1 if maxima else 0
