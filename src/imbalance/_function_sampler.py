"""Wrap any function as a sampler, so it can sit in a Pipeline."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ._validation import check_X_y, validate_params
from .base import BaseSampler

__all__ = ["FunctionSampler"]


class FunctionSampler(BaseSampler):
    """A sampler that calls your function on the training data.

    Use it to put custom resampling (outlier removal, a rule of your own) into
    an :class:`imbalance.pipeline.Pipeline`, where, like every sampler, it runs
    only while fitting.

    Parameters
    ----------
    func : callable or None, default=None
        Called as ``func(X, y, **kw_args)``; must return ``(X_res, y_res)``.
        ``None`` returns the data unchanged.
    accept_sparse : bool, default=True
        With ``validate=True``, whether sparse ``X`` is allowed.
    kw_args : dict or None, default=None
        Extra keyword arguments for ``func``.
    validate : bool, default=True
        Check ``X`` and ``y`` (lengths, at least two classes, no empty input)
        before calling ``func``. The function receives them as given.

    Attributes
    ----------
    n_features_in_ : int
        Number of features (when ``validate=True``).

    Examples
    --------
    >>> import numpy as np
    >>> from imbalance import FunctionSampler
    >>> def drop_first_rows(X, y, n=1):
    ...     return X[n:], y[n:]
    >>> X, y = np.arange(8.0).reshape(4, 2), np.array([0, 0, 1, 1])
    >>> X_res, y_res = FunctionSampler(
    ...     func=drop_first_rows, kw_args={"n": 2}
    ... ).fit_resample(X, y)
    >>> y_res.tolist()
    [1, 1]
    """

    _parameter_constraints = {
        "func": ["callable", None],
        "accept_sparse": ["boolean"],
        "kw_args": [dict, None],
        "validate": ["boolean"],
    }

    def __init__(
        self,
        *,
        func: Callable | None = None,
        accept_sparse: bool = True,
        kw_args: dict | None = None,
        validate: bool = True,
    ) -> None:
        self.func = func
        self.accept_sparse = accept_sparse
        self.kw_args = kw_args
        self.validate = validate

    def fit_resample(self, X: Any, y: Any) -> tuple[Any, Any]:
        """Call ``func`` on ``(X, y)`` and return what it returns.

        Parameters
        ----------
        X : {array-like, sparse matrix, DataFrame} of shape (n_samples, n_features)
            Features.
        y : array-like of shape (n_samples,)
            Class labels.

        Returns
        -------
        X_resampled, y_resampled
            The function's output.
        """
        name = type(self).__name__
        validate_params(name, self.get_params(deep=False), self._parameter_constraints)
        if self.validate:
            _, _, container = check_X_y(
                X,
                y,
                owner=name,
                numeric=False,
                finite=False,
                accept_sparse=self.accept_sparse,
            )
            self._record_features(container)
        if self.func is None:
            return X, y
        return self.func(X, y, **(self.kw_args or {}))
