"""Random over-sampling: grow classes with copies of their rows, optionally
jittered (a smoothed bootstrap)."""

from __future__ import annotations

import numbers
from collections.abc import Mapping
from typing import Any

import numpy as np

from .._validation import Interval, Options, as_generator, count_labels
from ..base import BaseSampler, Resampled
from ..strategy import STRATEGY_WORDS

__all__ = ["RandomOverSampler"]

SAMPLING_STRATEGY_FORMS = [
    Interval(numbers.Real, 0, 1, closed="right"),
    Options(STRATEGY_WORDS),
    dict,
    "callable",
]


class RandomOverSampler(BaseSampler):
    """Grow classes by drawing copies of their rows at random.

    With ``shrinkage`` set, each copy is moved by Gaussian noise whose spread
    is proportional to the class's standard deviation in each feature (a
    smoothed bootstrap), so the new rows are near, not equal to, the
    originals.

    .. warning::
       Resample only the training data: copies of a row that land in both the
       training and the test fold make the model look better than it is. Use
       :class:`imbalance.pipeline.Pipeline` inside cross-validation.

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable, default="auto"
        Which classes to grow and to what size; see
        :func:`imbalance.strategy.resolve_sampling_strategy`. ``"auto"`` grows
        every class but the majority to the majority's size.
    random_state : int, Generator, RandomState or None, default=None
        Seed of the draw; the same seed gives the same rows.
    shrinkage : float, dict or None, default=None
        ``None`` draws plain copies. A float (or ``{class: float}``) turns on
        the smoothed bootstrap: the noise in feature ``j`` has standard
        deviation ``shrinkage * std_j * (4 / ((d + 2) * n)) ** (1 / (d + 4))``
        for a class of ``n`` rows and ``d`` features. Needs numeric, dense,
        finite features.

    Attributes
    ----------
    sampling_strategy_ : dict
        Rows added per grown class.
    sample_indices_ : ndarray of int
        Input row of each output row taken from the input: every input row
        once, in order, then the source row of each copy (plain bootstrap).
    generated_mask_ : ndarray of bool
        True for the added rows.
    shrinkage_ : dict or None
        Shrinkage used per grown class.
    n_features_in_ : int
        Number of features.

    See Also
    --------
    imbalance.under_sampling.RandomUnderSampler : Shrink classes instead.

    Examples
    --------
    >>> import numpy as np
    >>> from imbalance.over_sampling import RandomOverSampler
    >>> X = np.arange(20, dtype=float).reshape(10, 2)
    >>> y = np.array([0] * 8 + [1] * 2)
    >>> sampler = RandomOverSampler(random_state=0)
    >>> X_res, y_res = sampler.fit_resample(X, y)
    >>> np.bincount(y_res).tolist()
    [8, 8]
    >>> int(sampler.generated_mask_.sum())
    6
    """

    _sampling_type = "over-sampling"
    _parameter_constraints = {
        "sampling_strategy": SAMPLING_STRATEGY_FORMS,
        "random_state": ["random_state"],
        "shrinkage": [Interval(numbers.Real, 0, None), dict, None],
    }

    def __init__(
        self,
        *,
        sampling_strategy: Any = "auto",
        random_state: Any = None,
        shrinkage: float | Mapping | None = None,
    ) -> None:
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.shrinkage = shrinkage

    # Plain copies work on any data; the smoothed bootstrap computes with it.
    @property
    def _numeric(self) -> bool:
        return self.shrinkage is not None

    @property
    def _finite(self) -> bool:
        return self.shrinkage is not None

    @property
    def _accept_sparse(self) -> bool:
        return self.shrinkage is None

    def _check_params(self, X: Any, y: np.ndarray) -> None:
        if not isinstance(self.shrinkage, Mapping):
            return
        for label, value in self.shrinkage.items():
            if isinstance(value, bool) or not isinstance(value, numbers.Real):
                raise ValueError(
                    f"shrinkage for class {label!r} must be a non-negative "
                    f"number; got {value!r}."
                )
            if value < 0:
                raise ValueError(
                    f"shrinkage for class {label!r} must be non-negative; got {value}."
                )

    def _shrinkage_per_class(self) -> dict | None:
        if self.shrinkage is None:
            return None
        grown = [label for label, n_new in self.sampling_strategy_.items() if n_new]
        if not isinstance(self.shrinkage, Mapping):
            return {label: float(self.shrinkage) for label in grown}
        missing = [label for label in grown if label not in self.shrinkage]
        if missing:
            raise ValueError(
                f"shrinkage gives no value for class {missing[0]!r}, which is "
                f"over-sampled. Add it to the dict, e.g. shrinkage={{"
                f"{missing[0]!r}: 1.0, ...}}, or pass one float for all classes."
            )
        return {label: float(self.shrinkage[label]) for label in grown}

    def _fit_resample(self, X: Any, y: np.ndarray) -> Resampled:
        rng = as_generator(self.random_state)
        self.shrinkage_ = self._shrinkage_per_class()
        n_samples = len(y)
        copied, synthetic, synthetic_labels = [], [], []

        for label in count_labels(y)[0]:
            n_new = self.sampling_strategy_.get(label, 0)
            if n_new == 0:
                continue
            rows = np.flatnonzero(y == label)
            sources = rows[rng.integers(rows.size, size=n_new)]
            if self.shrinkage_ is None:
                copied.append(sources)
                continue
            noise = _smoothed_noise(X[rows], n_new, self.shrinkage_[label], rng)
            synthetic.append(X[sources] + noise)
            synthetic_labels.append(np.full(n_new, label, dtype=y.dtype))

        indices = np.concatenate([np.arange(n_samples), *copied])
        if not synthetic:
            return Resampled(indices, n_original=n_samples)
        return Resampled(
            indices,
            X_synthetic=np.concatenate(synthetic),
            y_synthetic=np.concatenate(synthetic_labels),
            n_original=n_samples,
        )


def _smoothed_noise(
    class_rows: np.ndarray, n_new: int, shrinkage: float, rng: np.random.Generator
) -> np.ndarray:
    """Gaussian noise for a smoothed bootstrap, scaled per feature."""
    n_rows, n_features = class_rows.shape
    scale = noise_scale(class_rows.std(axis=0), n_rows, shrinkage)
    noise = rng.standard_normal((n_new, n_features)) * scale
    return noise.astype(class_rows.dtype, copy=False)


def noise_scale(std: np.ndarray, n_rows: int, shrinkage: float) -> np.ndarray:
    """Per-feature scale of a class's smoothed-bootstrap noise.

    The bandwidth follows Silverman's rule of thumb for a multivariate normal
    kernel, times the user's ``shrinkage``; ``std`` is the class's standard
    deviation of each feature (``ddof=0``) over its ``n_rows`` rows.
    """
    n_features = std.shape[0]
    bandwidth = (4 / ((n_features + 2) * n_rows)) ** (1 / (n_features + 4))
    return shrinkage * bandwidth * std
