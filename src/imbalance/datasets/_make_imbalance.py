"""Skew a balanced data set on purpose, to study imbalance."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..under_sampling import RandomUnderSampler

__all__ = ["make_imbalance"]


def make_imbalance(
    X: Any,
    y: Any,
    *,
    sampling_strategy: Mapping | Callable,
    random_state: Any = None,
) -> tuple[Any, Any]:
    """Make a data set imbalanced by randomly dropping rows of some classes.

    Parameters
    ----------
    X : {array-like, sparse matrix, DataFrame} of shape (n_samples, n_features)
        Features.
    y : array-like of shape (n_samples,)
        Class labels.
    sampling_strategy : dict or callable
        ``{class: count}`` with the size each listed class should have (at
        most its current size), or a callable taking ``y`` and returning such
        a dict. Classes not listed keep all their rows.
    random_state : int, Generator, RandomState or None, default=None
        Seed of the draw.

    Returns
    -------
    X_imbalanced, y_imbalanced
        The kept rows, in their original order, in the input's containers.

    Examples
    --------
    >>> import numpy as np
    >>> from imbalance.datasets import make_imbalance
    >>> X, y = np.zeros((100, 2)), np.repeat([0, 1], 50)
    >>> X_skewed, y_skewed = make_imbalance(
    ...     X, y, sampling_strategy={1: 5}, random_state=0
    ... )
    >>> np.bincount(y_skewed).tolist()
    [50, 5]
    """
    if not (isinstance(sampling_strategy, Mapping) or callable(sampling_strategy)):
        raise ValueError(
            "sampling_strategy of make_imbalance must be a dict {class: count} or "
            f"a callable returning one; got {type(sampling_strategy).__name__}."
        )
    sampler = RandomUnderSampler(
        sampling_strategy=sampling_strategy, random_state=random_state
    )
    return sampler.fit_resample(X, y)
