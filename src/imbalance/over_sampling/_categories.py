"""Categorical columns for SMOTENC and SMOTEN, kept as integer codes.

imbalanced-learn one-hot encodes categories, so its memory and time grow with
the number of categories. Here each categorical column becomes one column of
integer codes (equal values, missing values included, share a code), and the
functions below work on those codes directly:

- :func:`categorical_columns` reads which columns are categorical from an
  index list, names, a boolean mask or pandas dtypes;
- :func:`numeric_part` and :func:`category_codes` split the data;
- :func:`vote` picks, for each new row, the most frequent value among its
  voters, with seeded random tie-breaking;
- :func:`mixed_distance_neighbors` (SMOTE-NC distance) and
  :func:`vdm_neighbors` (Value Difference Metric) are exact blocked
  k-nearest-neighbour searches on the codes, whose memory is bounded by the
  block size.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any

import numpy as np
from threadpoolctl import threadpool_limits

from .._validation import _frame_as_float, _is_pandas_frame
from ..neighbors._kneighbors import thread_count

__all__ = [
    "blocked_neighbors",
    "categorical_columns",
    "category_codes",
    "class_probabilities",
    "factorize",
    "gather_values",
    "mixed_distance_neighbors",
    "numeric_part",
    "vdm_neighbors",
    "vote",
]

#: Distance entries computed at once per thread (bounds the working memory).
_BLOCK_ENTRIES = 2**18


# --------------------------------------------------------------------------
# Which columns are categorical
# --------------------------------------------------------------------------


def categorical_columns(spec: Any, X: Any) -> np.ndarray:
    """Sorted positions of the categorical columns of ``X``.

    ``spec`` is ``"auto"`` (pandas ``category``, object, string and boolean
    columns), or a sequence of column positions, of column names, or a
    boolean mask with one entry per column.
    """
    n_features = X.shape[1]
    if isinstance(spec, str) and spec == "auto":
        return _columns_from_dtypes(X)
    values = list(spec.tolist() if hasattr(spec, "tolist") else spec)
    if not values:
        return np.empty(0, dtype=np.intp)
    if all(isinstance(v, (bool, np.bool_)) for v in values):
        return _columns_from_mask(values, n_features)
    if all(isinstance(v, str) for v in values):
        return _columns_from_names(values, X)
    if all(isinstance(v, (int, np.integer)) for v in values):
        return _columns_from_positions(values, n_features)
    raise ValueError(
        "categorical_features must list column positions (ints), column names "
        "(strs) or a boolean mask, not a mix; got "
        f"{[type(v).__name__ for v in values][:5]}."
    )


def _columns_from_dtypes(X):
    if not _is_pandas_frame(X):
        raise ValueError(
            "When categorical_features is 'auto', X must be a pandas DataFrame "
            f"(categories are read from its dtypes); got {type(X).__name__}. "
            "Pass the categorical columns by position, name or boolean mask."
        )
    import pandas as pd

    is_categorical = [
        isinstance(dtype, pd.CategoricalDtype)
        or pd.api.types.is_bool_dtype(dtype)
        or pd.api.types.is_object_dtype(dtype)
        or pd.api.types.is_string_dtype(dtype)
        for dtype in X.dtypes
    ]
    return np.flatnonzero(is_categorical)


def _columns_from_mask(mask, n_features):
    if len(mask) != n_features:
        raise ValueError(
            f"A boolean mask given as categorical_features needs one entry per "
            f"column: X has {n_features} columns; the mask has {len(mask)}."
        )
    return np.flatnonzero(np.asarray(mask, dtype=bool))


def _columns_from_names(names, X):
    if not _is_pandas_frame(X):
        raise ValueError(
            f"categorical_features names columns ({names[0]!r}, ...), which needs "
            f"X to be a pandas DataFrame; got {type(X).__name__}. Pass column "
            "positions or a boolean mask instead."
        )
    columns = [str(c) for c in X.columns]
    unknown = [name for name in names if name not in columns]
    if unknown:
        raise ValueError(
            f"categorical_features names column(s) {', '.join(map(repr, unknown))} "
            f"that X does not have. Its columns are: {', '.join(columns[:10])}"
            f"{', ...' if len(columns) > 10 else ''}."
        )
    return np.unique([columns.index(name) for name in names]).astype(np.intp)


def _columns_from_positions(positions, n_features):
    positions = np.asarray(positions, dtype=np.intp)
    outside = (positions < -n_features) | (positions >= n_features)
    if outside.any():
        raise ValueError(
            f"categorical_features holds column position {positions[outside][0]}, "
            f"outside the {n_features} columns of X (valid: 0 to {n_features - 1}, "
            "or negative from the end)."
        )
    return np.unique(positions % n_features)


# --------------------------------------------------------------------------
# Splitting the data: numeric values and category codes
# --------------------------------------------------------------------------


def _column_name(X, position):
    return repr(X.columns[position]) if _is_pandas_frame(X) else str(position)


def numeric_part(X: Any, columns: np.ndarray, owner: str) -> np.ndarray:
    """The numeric columns as a float array (float32 stays float32), checked.

    Raises a ValueError naming the column when one is not numeric, and the
    usual NaN message (with the imputation fix) when one holds NaN or infinity.
    """
    if _is_pandas_frame(X):
        import pandas as pd

        part = X.iloc[:, columns]
        for position, dtype in zip(columns, part.dtypes):
            if not pd.api.types.is_numeric_dtype(dtype):
                raise _non_numeric_error(X, position, owner)
        values = _frame_as_float(part)
    else:
        values = X[:, columns]
        if values.dtype not in (np.float32, np.float64):
            values = _as_float_columns(X, values, columns, owner)
    finite = np.isfinite(values)
    if not finite.all():
        n_bad = int(finite.size - np.count_nonzero(finite))
        what = "NaN" if np.isnan(values).any() else "infinite values"
        bad = columns[~finite.all(axis=0)]
        raise ValueError(
            f"X contains {what} ({n_bad} value(s)) in numeric column(s) "
            f"{', '.join(_column_name(X, c) for c in bad[:5])}; {owner} measures "
            "distances between rows and needs finite numbers there. Impute or "
            "drop them first, for example with sklearn.impute.SimpleImputer "
            "inside a Pipeline, or list the column in categorical_features."
        )
    return values


def _as_float_columns(X, values, columns, owner):
    converted = np.empty(values.shape, dtype=np.float64)
    for j, position in enumerate(columns):
        try:
            converted[:, j] = values[:, j].astype(np.float64)
        except (TypeError, ValueError) as exc:
            raise _non_numeric_error(X, position, owner) from exc
    return converted


def _non_numeric_error(X, position, owner):
    return ValueError(
        f"Column {_column_name(X, position)} of X is not numeric, but "
        f"categorical_features does not list it. {owner} interpolates every "
        "column that is not categorical: add it to categorical_features "
        "(or use categorical_features='auto' with a DataFrame)."
    )


def category_codes(X: Any, columns: np.ndarray) -> np.ndarray:
    """Integer codes of the given columns of ``X``, one code column each.

    Equal values share a code, and missing values (None, NaN) form one
    category of their own. Codes are small non-negative ints (at most the
    number of categories), so the memory is one int per value whatever the
    number of categories.
    """
    codes = np.empty((X.shape[0], len(columns)), dtype=np.intp)
    for j, position in enumerate(columns):
        if _is_pandas_frame(X):
            codes[:, j] = _series_codes(X.iloc[:, position])
        else:
            codes[:, j] = factorize(np.asarray(X[:, position]))
    return codes


def _series_codes(series):
    import pandas as pd

    if isinstance(series.dtype, pd.CategoricalDtype):
        codes = series.cat.codes.to_numpy().astype(np.intp)
        codes[codes < 0] = len(series.cat.categories)  # missing: a code of its own
        return codes
    return pd.factorize(series, use_na_sentinel=False)[0]


def factorize(values: np.ndarray) -> np.ndarray:
    """Codes ``0 .. m - 1`` of a 1-D array; missing values share one code."""
    if values.dtype != object:
        return np.unique(values, return_inverse=True)[1].ravel()
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - pandas is installed with the extras
        return _factorize_objects(values)
    return pd.factorize(values, use_na_sentinel=False)[0]


def _factorize_objects(values):
    seen: dict = {}
    missing = object()
    codes = np.empty(len(values), dtype=np.intp)
    for i, value in enumerate(values):
        key = missing if value is None or value != value else value
        codes[i] = seen.setdefault(key, len(seen))
    return codes


def gather_values(X: Any, rows: np.ndarray, position: int) -> np.ndarray:
    """The values of column ``position`` of ``X`` at ``rows``, as they are."""
    if _is_pandas_frame(X):
        return X.iloc[rows, position].to_numpy(dtype=object)
    return X[rows, position]


# --------------------------------------------------------------------------
# The vote
# --------------------------------------------------------------------------


def vote(
    column_codes: np.ndarray, voters: np.ndarray, priorities: np.ndarray
) -> np.ndarray:
    """For each new row, the voter whose value is the most frequent among its voters.

    Parameters
    ----------
    column_codes : ndarray of int of shape (n_rows,)
        Code of one categorical column for each row voters point to.
    voters : ndarray of int of shape (n_new, n_voters)
        Rows (positions into ``column_codes``) voting for each new row.
    priorities : ndarray of float of shape (n_new, n_voters)
        Random priorities: among voters holding a most frequent value, the one
        with the highest priority wins. Every tied value holds the same number
        of voters, so each tied value wins with equal chance.

    Returns
    -------
    ndarray of int of shape (n_new,)
        The winning voter of each new row (a position into ``column_codes``).
    """
    values = column_codes[voters]
    support = np.zeros(values.shape, dtype=np.intp)
    for j in range(values.shape[1]):
        support += values == values[:, j : j + 1]
    is_top = support == support.max(axis=1, keepdims=True)
    winner = np.argmax(np.where(is_top, priorities, -1.0), axis=1)
    return voters[np.arange(len(voters)), winner]


# --------------------------------------------------------------------------
# Value Difference Metric and its blocked exact neighbour search
# --------------------------------------------------------------------------


def class_probabilities(
    codes: np.ndarray, class_codes: np.ndarray, n_classes: int
) -> list[np.ndarray]:
    """Per column, the table ``P[value, class]`` of class frequencies given the value.

    Tables have one row per code, so their size grows with the number of
    categories times the number of classes, never with the rows.
    """
    tables = []
    for j in range(codes.shape[1]):
        n_values = int(codes[:, j].max()) + 1
        flat = codes[:, j] * n_classes + class_codes
        counts = np.bincount(flat, minlength=n_values * n_classes).astype(float)
        counts = counts.reshape(n_values, n_classes)
        totals = counts.sum(axis=1, keepdims=True)
        tables.append(np.divide(counts, totals, out=counts, where=totals > 0))
    return tables


def vdm_neighbors(
    codes: np.ndarray, tables: list[np.ndarray], n_neighbors: int, n_jobs: Any = None
) -> np.ndarray:
    """Exact nearest neighbours of every row among ``codes`` under the VDM.

    The distance of two rows is the sum over columns of the squared L1
    distance between the class-probability rows of their two values
    (imbalanced-learn's ``ValueDifferenceMetric`` with ``k=1, r=2``). A row is
    excluded from its own neighbours by index; ties are broken by the smaller
    index, so the answer is the same for every ``n_jobs``.

    Returns
    -------
    ndarray of intp of shape (n_rows, n_neighbors)
    """
    profiles = [table[codes[:, j]] for j, table in enumerate(tables)]
    block = partial(_vdm_block, profiles, n_neighbors)
    return blocked_neighbors(codes.shape[0], block, n_jobs)


def _vdm_block(profiles, k, start, stop):
    """The neighbours of rows ``start .. stop - 1`` from their VDM distances."""
    distances = np.zeros((stop - start, profiles[0].shape[0]))
    l1 = np.empty_like(distances)
    term = np.empty_like(distances)
    for profile in profiles:
        l1.fill(0.0)
        for c in range(profile.shape[1]):
            np.subtract(profile[start:stop, c, None], profile[None, :, c], out=term)
            l1 += np.abs(term, out=term)
        distances += np.square(l1, out=l1)
    distances[np.arange(stop - start), np.arange(start, stop)] = np.inf
    return nearest_in_block(distances, k)


def mixed_distance_neighbors(
    numeric: np.ndarray,
    codes: np.ndarray,
    penalty: float,
    n_neighbors: int,
    n_jobs: Any = None,
) -> np.ndarray:
    """Exact nearest neighbours under the SMOTE-NC distance, on codes.

    The squared distance of two rows is the sum, in column order, of their
    squared numeric differences (direct differences, in float64), plus
    ``penalty ** 2`` times the number of categorical columns where their
    codes differ. Equal distances are exact ties, broken by the smaller index;
    a row is excluded from its own neighbours by index.

    Each block first scores every pair with a matrix product (on centred
    numeric values) and keeps the pairs within a rigorous rounding bound of
    each row's k-th score; only those get the exact distance, so the answer
    is the one a full exact computation gives.

    Returns
    -------
    ndarray of intp of shape (n_rows, n_neighbors)
    """
    numeric = np.asarray(numeric, dtype=np.float64)
    centred = numeric - numeric.mean(axis=0)
    block = partial(
        _mixed_block,
        numeric,
        centred,
        np.einsum("ij,ij->i", centred, centred),
        np.ascontiguousarray(codes.T),
        float(penalty) ** 2,
        n_neighbors,
    )
    return blocked_neighbors(numeric.shape[0], block, n_jobs)


def _mixed_block(numeric, centred, sq_norms, codes_t, penalty_sq, k, start, stop):
    """The neighbours of rows ``start .. stop - 1`` under the SMOTE-NC distance."""
    own = (np.arange(stop - start), np.arange(start, stop))
    category_part = np.zeros((stop - start, numeric.shape[0]))
    for column in codes_t:
        category_part += column[start:stop, None] != column[None, :]
    category_part *= penalty_sq  # exact: count times penalty, one rounding

    scores = centred[start:stop] @ centred.T
    scores *= -2.0
    scores += sq_norms[start:stop, None]
    scores += sq_norms[None, :]
    scores += category_part
    scores[own] = np.inf
    kth = np.partition(scores, k - 1, axis=1)[:, k - 1]
    # Rounding of the scores and of the exact sums, with room to spare.
    norms = np.sqrt(sq_norms)
    bound = 4 * (numeric.shape[1] + 4) * np.finfo(np.float64).eps
    margin = bound * (
        (norms[start:stop] + norms.max()) ** 2 + penalty_sq * len(codes_t)
    )
    rows, columns = np.nonzero(scores <= (kth + 2 * margin)[:, None])

    exact = np.zeros(len(rows))
    for j in range(numeric.shape[1]):
        difference = numeric[start + rows, j] - numeric[columns, j]
        exact += difference * difference
    exact += category_part[rows, columns]

    # Every row has at least k candidates; take the k best by (distance, index).
    order = np.lexsort((columns, exact, rows))
    first = np.searchsorted(rows[order], np.arange(stop - start))
    return columns[order[first[:, None] + np.arange(k)]].astype(np.intp)


def blocked_neighbors(
    n_rows: int, block_neighbors: Callable, n_jobs: Any = None
) -> np.ndarray:
    """All rows' neighbours, found block by block, in threads.

    ``block_neighbors(start, stop)`` returns the neighbours of rows
    ``start .. stop - 1`` among all rows (each row excluded from its own by
    index, ties to the smaller index); blocks hold about ``2**18`` pairs,
    which bounds the memory per thread. Neither the blocks nor ``n_jobs``
    change the answer.
    """
    block = max(1, _BLOCK_ENTRIES // n_rows)

    def one_block(start):
        return block_neighbors(start, min(start + block, n_rows))

    # Threads here, one BLAS thread each: nested BLAS threads only contend.
    with threadpool_limits(limits=1, user_api="blas"):
        with ThreadPoolExecutor(thread_count(n_jobs)) as pool:
            blocks = list(pool.map(one_block, range(0, n_rows, block)))
    return np.concatenate(blocks)


def nearest_in_block(distances: np.ndarray, n_neighbors: int) -> np.ndarray:
    """Columns of the ``n_neighbors`` smallest entries per row, by (value, index)."""
    rows = np.arange(distances.shape[0])[:, None]
    candidates = np.argpartition(distances, n_neighbors - 1, axis=1)[:, :n_neighbors]
    kth = distances[rows, candidates].max(axis=1)
    order = np.lexsort((candidates, distances[rows, candidates]))
    nearest = candidates[rows, order]
    # Where more entries than asked equal the k-th value, the partition may
    # have dropped a smaller index: sort those rows in full, stably.
    crowded = np.count_nonzero(distances <= kth[:, None], axis=1) > n_neighbors
    if crowded.any():
        full = np.argsort(distances[crowded], axis=1, kind="stable")
        nearest[crowded] = full[:, :n_neighbors]
    return nearest.astype(np.intp, copy=False)
