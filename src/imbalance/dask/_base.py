"""The base class of the Dask samplers: check, count once, plan, build lazily."""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
from sklearn.base import BaseEstimator

from .._validation import as_generator, validate_params
from ..strategy import resolve_from_counts
from ._partitions import Partitioned, Survey, partitioned, survey

__all__ = ["DaskSampler", "seed_of"]


def seed_of(random_state: Any) -> int:
    """One integer seed from a ``random_state``; every draw is derived from it.

    An int gives the same seed every time, so the same ``random_state`` gives
    the same rows; a Generator or RandomState is drawn from once.

    Examples
    --------
    >>> seed_of(0) == seed_of(0)
    True
    """
    return int(as_generator(random_state).integers(2**63))


class DaskSampler(BaseEstimator):
    """Base class of the samplers of :mod:`imbalance.dask`.

    ``fit_resample`` checks the parameters, splits the input into partitions,
    counts the classes of every partition in one pass, resolves
    ``sampling_strategy`` from those counts, and hands the plan to
    ``_resample(data, survey)``, which returns the lazy output collections.
    """

    _sampling_type: ClassVar[str] = "over-sampling"
    _parameter_constraints: ClassVar[dict] = {}
    _numeric: ClassVar[bool] = True

    def fit_resample(self, X: Any, y: Any) -> tuple[Any, Any]:
        """Resample a Dask collection, lazily.

        Parameters
        ----------
        X : dask DataFrame or dask Array of shape (n_samples, n_features)
            Features; a frame may also hold the target column. Never modified.
        y : str, dask.dataframe.Series or dask.array.Array of shape (n_samples,)
            The target column's name in ``X``, or the labels, partitioned like
            ``X``.

        Returns
        -------
        X_resampled : same kind as X
            Lazy. With ``y`` a column name, the whole frame, the target
            column in its place.
        y_resampled : dask.dataframe.Series or dask.array.Array
            Lazy labels of the output rows.
        """
        name = type(self).__name__
        validate_params(name, self.get_params(deep=False), self._parameter_constraints)
        data = partitioned(X, y, owner=name)
        if self._numeric:
            _check_numeric(data, name)
        counted = survey(data)
        labels = X[y] if isinstance(y, str) else y
        self.sampling_strategy_ = resolve_from_counts(
            self.sampling_strategy, counted.class_counts(), self._sampling_type, labels
        )
        self.n_features_in_ = data.n_features
        self.n_partitions_in_ = data.n_partitions
        self.class_counts_ = counted.class_counts()
        return self._resample(data, counted)

    def _resample(self, data: Partitioned, counted: Survey) -> tuple[Any, Any]:
        raise NotImplementedError

    def _strategy_codes(self, counted: Survey) -> dict[int, int]:
        """``sampling_strategy_`` keyed by class code instead of label."""
        from .._validation import plain_label

        labels = [plain_label(label) for label in counted.classes]
        return {
            labels.index(label): int(count)
            for label, count in self.sampling_strategy_.items()
        }


def _check_numeric(data: Partitioned, owner: str) -> None:
    """Refuse non-numeric features before any work, from the metadata."""
    if data.kind == "array":
        if not np.issubdtype(data.rows_meta, np.number):
            raise ValueError(
                f"{owner} needs numeric features; X has dtype {data.rows_meta}. "
                "Encode them first."
            )
        return
    import pandas as pd

    for column, dtype in data.rows_meta.dtypes.items():
        if column == data.target:
            continue
        if not (
            pd.api.types.is_numeric_dtype(dtype) or pd.api.types.is_bool_dtype(dtype)
        ):
            raise ValueError(
                f"Column {column!r} is not numeric ({dtype}), and {owner} needs "
                "numeric features. Encode it (one-hot or ordinal) or drop it "
                "first, or use RandomUnderSampler / RandomOverSampler."
            )
