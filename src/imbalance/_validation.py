"""Input checks and conversion shared by every sampler.

Two jobs live here. :func:`check_X_y` turns whatever the user passed (NumPy,
SciPy sparse, pandas, lists) into arrays the algorithms can work on, and
rejects bad input with a message that names the problem and the fix, before
any work is done. The :class:`InputContainer` it returns remembers how the data
came in, so that :meth:`InputContainer.build_output` can hand the result back
in the same form, with pandas column names, dtypes and index labels intact.

The second job is parameter validation: estimators declare
``_parameter_constraints`` and :func:`validate_params` checks them, so every
parameter error reads the same way.
"""

from __future__ import annotations

import numbers
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp

__all__ = [
    "InputContainer",
    "Interval",
    "Options",
    "as_generator",
    "check_X_y",
    "count_labels",
    "encode_labels",
    "plain_label",
    "validate_params",
]


# --------------------------------------------------------------------------
# Parameter validation
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Interval:
    """A number of a given kind between two bounds (``None`` means unbounded)."""

    kind: type
    low: float | None
    high: float | None
    closed: str = "both"  # "both", "left", "right" or "neither"

    def accepts(self, value: Any) -> bool:
        if isinstance(value, bool) or not isinstance(value, self.kind):
            return False
        left_ok = self.low is None or (
            value >= self.low if self.closed in ("both", "left") else value > self.low
        )
        right_ok = self.high is None or (
            value <= self.high
            if self.closed in ("both", "right")
            else value < self.high
        )
        return bool(left_ok and right_ok)

    def describe(self) -> str:
        name = "an int" if self.kind is numbers.Integral else "a float"
        left = "[" if self.closed in ("both", "left") else "("
        right = "]" if self.closed in ("both", "right") else ")"
        low = "-inf" if self.low is None else f"{self.low:g}"
        high = "inf" if self.high is None else f"{self.high:g}"
        return f"{name} in {left}{low}, {high}{right}"


@dataclass(frozen=True)
class Options:
    """One of a fixed set of values."""

    values: frozenset

    def __init__(self, values: Sequence[Any]) -> None:
        object.__setattr__(self, "values", frozenset(values))

    def accepts(self, value: Any) -> bool:
        try:
            return value in self.values
        except TypeError:  # unhashable values are never options
            return False

    def describe(self) -> str:
        return "one of " + ", ".join(repr(v) for v in sorted(self.values, key=str))


def _accepts(constraint: Any, value: Any) -> bool:
    if constraint is None:
        return value is None
    if constraint == "random_state":
        return value is None or isinstance(
            value, (numbers.Integral, np.random.RandomState, np.random.Generator)
        )
    if constraint == "callable":
        return callable(value)
    if constraint == "boolean":
        return isinstance(value, (bool, np.bool_))
    if isinstance(constraint, str) and constraint.startswith("has:"):
        return hasattr(value, constraint[4:])
    if isinstance(constraint, type):
        return isinstance(value, constraint) and not (
            isinstance(value, bool) and constraint is not bool
        )
    return constraint.accepts(value)


def _describe(constraint: Any) -> str:
    if constraint is None:
        return "None"
    if constraint == "random_state":
        return "an int, a numpy RandomState or Generator, or None"
    if constraint == "callable":
        return "a callable"
    if constraint == "boolean":
        return "a bool"
    if isinstance(constraint, str) and constraint.startswith("has:"):
        return f"an object with a {constraint[4:]} method"
    if isinstance(constraint, type):
        return f"an instance of {constraint.__name__}"
    return constraint.describe()


def validate_params(owner: str, params: dict[str, Any], constraints: dict) -> None:
    """Check each parameter against its declared constraints.

    Parameters
    ----------
    owner : str
        Name of the class or function, used in the message.
    params : dict
        Parameter name to value.
    constraints : dict
        Parameter name to a list of accepted forms: a type, an
        :class:`Interval`, an :class:`Options`, ``None``, or one of the strings
        ``"random_state"``, ``"callable"``, ``"boolean"``, ``"has:<method>"``.
        Parameters missing from ``constraints`` are not checked.

    Raises
    ------
    ValueError
        Naming the parameter, the accepted forms and the value received.

    Examples
    --------
    >>> validate_params("Demo", {"k": 3}, {"k": [Interval(numbers.Integral, 1, None)]})
    >>> validate_params("Demo", {"k": 0}, {"k": [Interval(numbers.Integral, 1, None)]})
    Traceback (most recent call last):
    ...
    ValueError: The 'k' parameter of Demo must be an int in [1, inf]. Got 0 instead.
    """
    for name, accepted in constraints.items():
        if name not in params:
            continue
        value = params[name]
        if any(_accepts(constraint, value) for constraint in accepted):
            continue
        forms = [_describe(constraint) for constraint in accepted]
        expected = forms[0] if len(forms) == 1 else ", ".join(forms[:-1])
        if len(forms) > 1:
            expected += f" or {forms[-1]}"
        raise ValueError(
            f"The {name!r} parameter of {owner} must be {expected}. "
            f"Got {value!r} instead."
        )


def as_generator(random_state: Any) -> np.random.Generator:
    """A NumPy ``Generator`` from a ``random_state`` parameter.

    ``None`` gives fresh entropy; an int seeds a new generator, so the same int
    always gives the same stream; a ``Generator`` is used as is; a legacy
    ``RandomState`` seeds a new generator from its next draw.

    Examples
    --------
    >>> bool(as_generator(0).integers(100) == as_generator(0).integers(100))
    True
    """
    if random_state is None or isinstance(random_state, numbers.Integral):
        return np.random.default_rng(random_state)
    if isinstance(random_state, np.random.Generator):
        return random_state
    if isinstance(random_state, np.random.RandomState):
        return np.random.default_rng(random_state.randint(2**31 - 1))
    raise ValueError(
        "random_state must be an int, a numpy Generator or RandomState, or None; "
        f"got {type(random_state).__name__}."
    )


def plain_label(label: Any) -> Any:
    """A NumPy scalar label as the equal Python value, for readable messages.

    Examples
    --------
    >>> plain_label(np.str_("bought")), plain_label(np.int64(3))
    ('bought', 3)
    """
    return label.item() if isinstance(label, np.generic) else label


def _small_range_counts(y: np.ndarray) -> tuple | None:
    """For integer or boolean labels of a small range: the values as integers,
    the smallest one, and the count of every value in the range; else None."""
    if y.dtype.kind not in "iub" or not y.size:
        return None
    values = y.view(np.uint8) if y.dtype.kind == "b" else y
    low, high = int(values.min()), int(values.max())
    if high - low > max(2**16, y.size):
        return None
    if high - low < 4:  # a few comparisons beat bincount's slow loop
        counts = [np.count_nonzero(values == value) for value in range(low, high)]
        counts.append(values.size - sum(counts))  # every value is in the range
        return values, low, np.array(counts, dtype=np.intp)
    shifted = values.astype(np.intp, copy=False)
    if low:
        shifted = shifted - low
    return values, low, np.bincount(shifted, minlength=high - low + 1)


def count_labels(y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted classes and the count of each, without per-row codes.

    Examples
    --------
    >>> classes, counts = count_labels(np.array(["b", "a", "b"]))
    >>> classes.tolist(), counts.tolist()
    (['a', 'b'], [1, 2])
    """
    small = _small_range_counts(y)
    if small is None:
        return np.unique(y, return_counts=True)
    values, low, all_counts = small
    present = np.flatnonzero(all_counts)
    classes = (present + low).astype(values.dtype).view(y.dtype)
    return classes, all_counts[present]


def encode_labels(y: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sorted classes, each row's class code, and the count of each class.

    Small-range integer and boolean labels take a counting fast path; other
    labels are sorted with :func:`numpy.unique`. Use :func:`count_labels` when
    the codes are not needed.

    Examples
    --------
    >>> classes, codes, counts = encode_labels(np.array([7, 3, 7, 7]))
    >>> classes.tolist(), codes.tolist(), counts.tolist()
    ([3, 7], [1, 0, 1, 1], [1, 3])
    """
    small = _small_range_counts(y)
    if small is None:
        classes, codes, counts = np.unique(y, return_inverse=True, return_counts=True)
        return classes, codes.ravel(), counts
    values, low, all_counts = small
    present = np.flatnonzero(all_counts)
    lookup = np.full(all_counts.size, -1, dtype=np.intp)
    lookup[present] = np.arange(present.size)
    shifted = values.astype(np.intp, copy=False)
    if low:
        shifted = shifted - low
    classes = (present + low).astype(values.dtype).view(y.dtype)
    return classes, lookup[shifted], all_counts[present]


def _require_y(y: Any, owner: str) -> None:
    """Refuse ``y=None`` in the fit of a classifier wrapper named ``owner``."""
    if y is None:
        raise ValueError(
            f"{owner} requires y to be passed, but the target y is None. Pass the "
            "class labels to fit."
        )


def _copy_input_features(wrapper: Any, fitted: Any) -> None:
    """Give ``wrapper`` the ``n_features_in_`` and ``feature_names_in_`` that
    its fitted inner estimator has."""
    for name in ("n_features_in_", "feature_names_in_"):
        if hasattr(fitted, name):
            setattr(wrapper, name, getattr(fitted, name))


# --------------------------------------------------------------------------
# Data validation and conversion
# --------------------------------------------------------------------------


def _is_pandas_frame(obj: Any) -> bool:
    pandas = sys.modules.get("pandas")
    return pandas is not None and isinstance(obj, pandas.DataFrame)


def _is_pandas_series(obj: Any) -> bool:
    pandas = sys.modules.get("pandas")
    return pandas is not None and isinstance(obj, pandas.Series)


@dataclass(frozen=True)
class InputContainer:
    """How ``X`` and ``y`` were given, so results come back in the same form.

    Attributes
    ----------
    X_kind : {"numpy", "sparse", "pandas", "list"}
        Kind of the user's ``X``.
    y_kind : {"numpy", "pandas", "list"}
        Kind of the user's ``y``.
    X : object
        The user's ``X`` itself (never modified), used to take rows from it.
    y : object
        The user's ``y`` itself (never modified).
    """

    X_kind: str
    y_kind: str
    X: Any
    y: Any

    def build_output(
        self,
        X_values: Any,
        y_values: np.ndarray,
        sample_indices: np.ndarray,
        X_synthetic: Any = None,
        y_synthetic: np.ndarray | None = None,
    ) -> tuple[Any, Any]:
        """Assemble ``(X_res, y_res)``: rows taken by index, then synthetic rows.

        Parameters
        ----------
        X_values : ndarray or sparse matrix
            The converted ``X`` the sampler worked on.
        y_values : ndarray
            The converted labels.
        sample_indices : ndarray of int
            Rows of the input, in output order (repeats allowed).
        X_synthetic : ndarray or sparse matrix, optional
            New rows that do not exist in the input.
        y_synthetic : ndarray, optional
            Labels of the new rows.
        """
        sample_indices = np.asarray(sample_indices, dtype=np.intp)
        n_synthetic = 0 if X_synthetic is None else X_synthetic.shape[0]
        X_res = self._build_X(X_values, sample_indices, X_synthetic, n_synthetic)
        y_res = self._build_y(y_values, sample_indices, y_synthetic, n_synthetic)
        return X_res, y_res

    def _build_X(self, X_values, indices, X_synthetic, n_synthetic):
        if self.X_kind == "pandas":
            return _pandas_rows(self.X, indices, X_synthetic, n_synthetic)
        if self.X_kind == "sparse":
            if n_synthetic:  # vstack copies; no need to copy kept rows first
                taken = X_values if _keeps_all(indices, X_values) else X_values[indices]
                taken = sp.vstack([taken, sp.csr_matrix(X_synthetic)])
            else:
                taken = X_values[indices]
            return taken.asformat(self.X.format).astype(X_values.dtype, copy=False)
        if n_synthetic:
            taken = _stack_rows(X_values, indices, np.asarray(X_synthetic))
        else:
            taken = X_values[indices]
        return taken.tolist() if self.X_kind == "list" else taken

    def _build_y(self, y_values, indices, y_synthetic, n_synthetic):
        taken = y_values[indices]
        if n_synthetic:
            taken = np.concatenate([taken, np.asarray(y_synthetic, dtype=taken.dtype)])
        if self.y_kind == "list":
            return taken.tolist()
        if self.y_kind != "pandas":
            return taken
        import pandas as pd

        kept = self.y.iloc[indices]
        if not n_synthetic:
            return kept
        index = _synthetic_index(self.y.index, n_synthetic)
        new = pd.Series(np.asarray(y_synthetic), index=index, name=self.y.name)
        return pd.concat([kept, new.astype(self.y.dtype)])


def _keeps_all(indices, X_values) -> bool:
    """Whether ``indices`` is every row of ``X_values``, in order."""
    n_rows = X_values.shape[0]
    return len(indices) == n_rows and np.array_equal(indices, np.arange(n_rows))


def _stack_rows(X_values, indices, X_synthetic):
    """``X_values[indices]`` then ``X_synthetic``, written once into one array.

    Over-samplers keep every row in order; those rows are copied straight in,
    without a fancy-indexed temporary of the whole input.
    """
    n_taken = len(indices)
    dtype = np.result_type(X_values, X_synthetic)
    out = np.empty((n_taken + len(X_synthetic), X_values.shape[1]), dtype=dtype)
    if _keeps_all(indices, X_values):
        out[:n_taken] = X_values
    else:
        out[:n_taken] = X_values[indices]
    out[n_taken:] = X_synthetic
    return out


def _synthetic_index(index: Any, n_synthetic: int) -> Any:
    """Index labels for synthetic rows, distinct from every existing label.

    An integer index continues after its largest label; any other index gets
    the labels ``"synthetic_0"``, ``"synthetic_1"``, ... (with more leading
    underscores while one of them is taken). The index keeps its name.
    """
    import pandas as pd

    name = index.name if index.nlevels == 1 else None
    if pd.api.types.is_integer_dtype(index.dtype) and len(index):
        start = int(index.max()) + 1
        return pd.RangeIndex(start, start + n_synthetic, name=name)
    if len(index) == 0:
        return pd.RangeIndex(n_synthetic, name=name)
    prefix = "synthetic_"
    while True:
        labels = pd.Index([f"{prefix}{i}" for i in range(n_synthetic)], dtype=object)
        if not labels.isin(index).any():
            return labels.rename(name)
        prefix = "_" + prefix


def _pandas_rows(frame, indices, X_synthetic, n_synthetic):
    import pandas as pd

    kept = frame.iloc[indices]
    if not n_synthetic:
        return kept
    values = X_synthetic.toarray() if sp.issparse(X_synthetic) else X_synthetic
    new = pd.DataFrame(
        np.asarray(values),
        columns=frame.columns,
        index=_synthetic_index(frame.index, n_synthetic),
    )
    _restore_dtypes(new, frame.dtypes.items())
    return pd.concat([kept, new])


def _restore_dtypes(new, dtypes) -> None:
    """Cast the columns of ``new`` to the ``(column, dtype)`` pairs, in place;
    values bound for an integer column are rounded first."""
    import pandas as pd

    for column, dtype in dtypes:
        if pd.api.types.is_integer_dtype(dtype) and not pd.api.types.is_bool_dtype(
            dtype
        ):
            new[column] = np.rint(new[column].astype(float))
        new[column] = new[column].astype(dtype)


def _convert_X(X: Any, numeric: bool, accept_sparse: bool, owner: str):
    if sp.issparse(X):
        if not accept_sparse:
            raise TypeError(
                f"{owner} does not accept sparse input. Convert X with "
                "X.toarray() if it fits in memory."
            )
        kind = "sparse"
        values = X.tocsr()
        if numeric and not np.issubdtype(values.dtype, np.floating):
            values = values.astype(np.float64)
        return kind, values
    if _is_pandas_frame(X):
        kind = "pandas"
        if numeric:
            import pandas as pd

            non_numeric = [
                str(column)
                for column, dtype in X.dtypes.items()
                if not pd.api.types.is_numeric_dtype(dtype)
            ]
            if non_numeric:
                raise ValueError(
                    f"{owner} needs numeric features, but column(s) "
                    f"{', '.join(repr(c) for c in non_numeric[:5])} are not "
                    "numeric. Encode them first (for example with OneHotEncoder), "
                    "or use SMOTENC/SMOTEN for categorical data."
                )
            values = _frame_as_float(X)
        else:
            return kind, X  # rows are taken with .iloc; no copy needed
    elif isinstance(X, np.ndarray):
        kind, values = "numpy", X
    elif isinstance(X, (list, tuple)):
        kind, values = "list", np.asarray(X)
    else:
        raise TypeError(
            f"X must be a NumPy array, a SciPy sparse matrix, a pandas DataFrame "
            f"or a list of rows; got {type(X).__name__}. Convert it with "
            "numpy.asarray(X)."
        )
    if values.ndim != 2:
        raise ValueError(
            f"X must be 2-D (rows x features); got an array with {values.ndim} "
            "dimension(s). For a single feature, use X.reshape(-1, 1)."
        )
    if numeric:
        values = _as_float(values, owner)
    return kind, values


def _frame_as_float(frame) -> np.ndarray:
    """A numeric DataFrame's values: float32 if every column is, else float64;
    missing values as NaN."""
    all_float32 = all(str(dtype) == "float32" for dtype in frame.dtypes)
    dtype = np.float32 if all_float32 else np.float64
    return frame.to_numpy(dtype=dtype, na_value=np.nan)


def _as_float(values: np.ndarray, owner: str) -> np.ndarray:
    if values.dtype in (np.float32, np.float64):
        return values
    try:
        return values.astype(np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(
            f"{owner} needs numeric features, but X holds values of type "
            f"{values.dtype} that are not numbers. Encode them first, or use "
            "SMOTENC/SMOTEN for categorical data."
        ) from exc


def _convert_y(y: Any) -> tuple[str, np.ndarray]:
    if _is_pandas_series(y):
        return "pandas", y.to_numpy()
    if _is_pandas_frame(y):
        if y.shape[1] != 1:
            raise ValueError(
                f"y must be one column of class labels; got a DataFrame with "
                f"{y.shape[1]} columns. Pass the target column, e.g. df['label']."
            )
        raise ValueError(
            "y must be a 1-D array or Series of class labels; got a one-column "
            "DataFrame. Pass df[column] (a Series) instead of df[[column]]."
        )
    if isinstance(y, np.ndarray):
        values = y
        kind = "numpy"
    elif isinstance(y, (list, tuple)):
        values = np.asarray(y)
        kind = "list"
    else:
        raise TypeError(
            f"y must be a NumPy array, a pandas Series or a list of labels; got "
            f"{type(y).__name__}."
        )
    if values.ndim == 2 and values.shape[1] == 1:
        raise ValueError(
            "y must be 1-D; got a column vector of shape "
            f"{values.shape}. Use y.ravel() to flatten it."
        )
    if values.ndim != 1:
        raise ValueError(f"y must be 1-D; got an array of shape {values.shape}.")
    return kind, values


def _check_finite(values: Any, owner: str) -> None:
    data = values.data if sp.issparse(values) else values
    finite = np.isfinite(data)
    if finite.all():
        return
    n_bad = int(finite.size - np.count_nonzero(finite))
    what = "NaN" if np.isnan(data).any() else "infinite values"
    raise ValueError(
        f"X contains {what} ({n_bad} value(s)); {owner} measures distances "
        "between rows and needs finite numbers. Impute or drop them first, "
        "for example with sklearn.impute.SimpleImputer inside a Pipeline."
    )


def _check_labels(y: np.ndarray) -> None:
    if y.dtype.kind == "f" and np.isnan(y).any():
        n_missing = int(np.isnan(y).sum())
        raise ValueError(
            f"y has {n_missing} missing label(s) (NaN). Drop those rows or fill "
            "their labels before resampling."
        )
    if y.dtype == object and any(label is None for label in y):
        raise ValueError(
            "y has missing labels (None). Drop those rows or fill their labels "
            "before resampling."
        )


def check_X_y(
    X: Any,
    y: Any,
    *,
    owner: str = "This sampler",
    numeric: bool = True,
    finite: bool = True,
    accept_sparse: bool = True,
    min_classes: int = 2,
) -> tuple[Any, np.ndarray, InputContainer]:
    """Validate ``X`` and ``y`` and convert them to arrays.

    Parameters
    ----------
    X : array-like, sparse matrix or DataFrame of shape (n_samples, n_features)
        Features.
    y : array-like or Series of shape (n_samples,)
        Class labels of any hashable type.
    owner : str, default="This sampler"
        Name used in error messages.
    numeric : bool, default=True
        Convert ``X`` to float (float32 stays float32) and reject values that
        are not numbers. When False, ``X`` is only made into an array.
    finite : bool, default=True
        Reject NaN and infinite values (methods that measure distances).
    accept_sparse : bool, default=True
        Whether SciPy sparse matrices are accepted.
    min_classes : int, default=2
        Least number of distinct classes ``y`` must hold.

    Returns
    -------
    X_values : ndarray, scipy.sparse.csr_matrix or DataFrame
        ``X`` as an array; the user's object itself when no conversion is
        needed (it is never written to), which includes a DataFrame when
        ``numeric`` is False.
    y_values : ndarray
        Labels as a 1-D array.
    container : InputContainer
        How to give results back in the user's form.

    Examples
    --------
    >>> X, y, container = check_X_y([[0.0, 1.0], [1.0, 0.0]], ["a", "b"])
    >>> X.shape, y.tolist(), container.X_kind
    ((2, 2), ['a', 'b'], 'list')
    >>> check_X_y([[0.0], [1.0]], ["a", "a"])
    Traceback (most recent call last):
    ...
    ValueError: y has a single class, 'a'; resampling needs at least 2 classes. ...
    """
    X_kind, X_values = _convert_X(X, numeric, accept_sparse, owner)
    y_kind, y_values = _convert_y(y)

    n_rows, n_labels = X_values.shape[0], y_values.shape[0]
    if n_rows == 0:
        raise ValueError(
            "X is empty (0 rows). Pass at least one row per class; check that a "
            "filter upstream did not remove every row."
        )
    if n_rows != n_labels:
        raise ValueError(
            f"X has {n_rows} rows but y has {n_labels} labels; they must match, "
            "one label per row."
        )
    _check_labels(y_values)
    classes = count_labels(y_values)[0]
    if classes.size < min_classes:
        raise ValueError(
            f"y has a single class, {plain_label(classes[0])!r}; resampling "
            f"needs at least {min_classes} classes. Check that y is the target "
            "column and that the data was not already filtered to one class."
        )
    if finite and numeric:
        _check_finite(X_values, owner)
    return X_values, y_values, InputContainer(X_kind, y_kind, X, y)
