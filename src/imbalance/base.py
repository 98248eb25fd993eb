"""The sampler base class: one place for the contracts every sampler keeps.

A sampler subclasses :class:`BaseSampler`, declares what it needs (numeric
features, finite values, sparse support) and its parameter constraints, and
writes one method, ``_fit_resample(X, y)``, that works on plain arrays and
returns a :class:`Resampled`: which input rows to keep (in output order) and
any synthetic rows. Everything else lives here, written once:

- validating parameters and data, before any work;
- resolving ``sampling_strategy`` into ``sampling_strategy_``;
- returning results in the user's container (NumPy, sparse, pandas, lists),
  with pandas names, dtypes and index labels of kept rows intact;
- recording ``sample_indices_`` and ``generated_mask_``.
"""

from __future__ import annotations

from typing import Any, ClassVar, NamedTuple

import numpy as np
from sklearn.base import BaseEstimator

from ._validation import InputContainer, check_X_y, validate_params
from .strategy import resolve_sampling_strategy

__all__ = ["BaseSampler", "Resampled"]


class Resampled(NamedTuple):
    """What a sampler's ``_fit_resample`` returns.

    Attributes
    ----------
    sample_indices : ndarray of int
        Input rows that make up the output, in output order; repeats are
        allowed (bootstrap copies). Rows kept from the input come first, in
        their original order.
    X_synthetic : ndarray or sparse matrix, optional
        New rows that are not in the input, appended after the taken rows.
    y_synthetic : ndarray, optional
        Labels of the synthetic rows.
    n_original : int, optional
        How many leading output rows are original rows kept once; the rest are
        added by the sampler. Defaults to every taken row.
    """

    sample_indices: np.ndarray
    X_synthetic: Any = None
    y_synthetic: np.ndarray | None = None
    n_original: int | None = None


class BaseSampler(BaseEstimator):
    """Base class of every sampler.

    Subclasses set the class attributes below and implement
    ``_fit_resample(X, y) -> Resampled`` on validated arrays.

    Attributes
    ----------
    sampling_strategy_ : dict
        The resolved strategy: rows to add (over-samplers), rows to keep
        (under-samplers) or class sizes (cleaning methods) per selected class.
    sample_indices_ : ndarray of int
        For each output row taken from the input, its input row position.
    generated_mask_ : ndarray of bool
        True for output rows the sampler added (copies or synthetic points).
    n_features_in_ : int
        Number of features seen in ``fit_resample``.
    feature_names_in_ : ndarray of str
        Column names of a pandas ``X``; only set for DataFrames with string
        column names.

    Examples
    --------
    A toy cleaning rule that drops the rows whose first feature is 6 or more;
    the base class does the validation, the strategy and the containers:

    >>> import numpy as np
    >>> from imbalance import BaseSampler
    >>> from imbalance.base import Resampled
    >>> class DropLargeRows(BaseSampler):
    ...     _sampling_type = "clean-sampling"
    ...
    ...     def __init__(self, *, sampling_strategy="all"):
    ...         self.sampling_strategy = sampling_strategy
    ...
    ...     def _fit_resample(self, X, y):
    ...         return Resampled(np.flatnonzero(X[:, 0] < 6))
    >>> X, y = np.arange(12.0).reshape(6, 2), np.array([0, 1, 0, 1, 0, 1])
    >>> X_res, y_res = DropLargeRows().fit_resample(X, y)
    >>> y_res.tolist(), X_res[:, 0].tolist()
    ([0, 1, 0], [0.0, 2.0, 4.0])
    """

    _sampling_type: ClassVar[str] = "over-sampling"
    _parameter_constraints: ClassVar[dict] = {}
    _numeric: ClassVar[bool] = True
    _finite: ClassVar[bool] = True
    _accept_sparse: ClassVar[bool] = True

    def fit_resample(self, X: Any, y: Any) -> tuple[Any, Any]:
        """Resample the data set.

        Parameters
        ----------
        X : {array-like, sparse matrix, DataFrame} of shape (n_samples, n_features)
            Features. Never modified.
        y : array-like or Series of shape (n_samples,)
            Class labels of any type.

        Returns
        -------
        X_resampled : same kind as X, of shape (n_samples_new, n_features)
            Kept rows first, in their original order, then new rows.
        y_resampled : same kind as y, of shape (n_samples_new,)
            Labels of the output rows.
        """
        name = type(self).__name__
        validate_params(name, self.get_params(deep=False), self._parameter_constraints)
        X_values, y_values, container = check_X_y(
            X,
            y,
            owner=name,
            numeric=self._numeric,
            finite=self._finite,
            accept_sparse=self._accept_sparse,
        )
        self._check_params(X_values, y_values)
        self.sampling_strategy_ = resolve_sampling_strategy(
            self.sampling_strategy, y_values, self._sampling_type
        )
        self._record_features(container)

        result = self._fit_resample(X_values, y_values)
        return self._finish(result, X_values, y_values, container)

    def _check_params(self, X: Any, y: np.ndarray) -> None:
        """Cross-parameter and parameter-versus-data rules; override as needed."""

    def _fit_resample(self, X: Any, y: np.ndarray) -> Resampled:
        raise NotImplementedError

    def _record_features(self, container: InputContainer) -> None:
        X = container.X
        self.n_features_in_ = X.shape[1] if hasattr(X, "shape") else len(X[0])
        columns = getattr(X, "columns", None)
        if columns is not None and all(isinstance(c, str) for c in columns):
            self.feature_names_in_ = np.asarray(columns, dtype=object)

    def _finish(self, result, X_values, y_values, container) -> tuple[Any, Any]:
        indices = np.asarray(result.sample_indices, dtype=np.intp)
        n_synthetic = 0 if result.X_synthetic is None else result.X_synthetic.shape[0]
        n_original = len(indices) if result.n_original is None else result.n_original
        self.sample_indices_ = indices
        self.generated_mask_ = np.zeros(len(indices) + n_synthetic, dtype=bool)
        self.generated_mask_[n_original:] = True
        return container.build_output(
            X_values, y_values, indices, result.X_synthetic, result.y_synthetic
        )
