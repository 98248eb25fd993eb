"""The training rows in two dimensions, before and after each sampler.

The first training fold of the comparison is encoded as the pipelines encode
it, projected on its first two principal components, and resampled by each
strategy. Rows a sampler removed and rows it added are kept apart, so that a
plot can mark them: removed rows are those of the fold missing from the
sampler's ``sample_indices_``; added rows are those its ``generated_mask_``
flags.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.base import clone
from sklearn.decomposition import PCA

from ..evaluation._folds import take_rows

__all__ = ["View", "resampling_views"]

logger = logging.getLogger("imbalance")

#: At most this many points of each kind are drawn in one panel.
MAX_POINTS = 2500


@dataclass(frozen=True)
class View:
    """One panel: rows kept (with their class), added and removed, in 2-D.

    Attributes
    ----------
    title : str
        What the panel shows.
    kept : ndarray of shape (n_kept, 2)
        Original rows the model learns from.
    kept_positive : ndarray of bool
        Whether each kept row is positive.
    synthetic : ndarray of shape (n_added, 2)
        Rows the sampler added (copies or new points).
    removed : ndarray of shape (n_removed, 2)
        Rows of the fold the sampler dropped.
    """

    title: str
    kept: np.ndarray
    kept_positive: np.ndarray
    synthetic: np.ndarray
    removed: np.ndarray


def _thinned(points: np.ndarray, *others: np.ndarray) -> tuple:
    """At most MAX_POINTS rows, the same ones of each array, chosen by a seed."""
    if len(points) <= MAX_POINTS:
        return (points, *others)
    rows = np.sort(np.random.default_rng(0).choice(len(points), MAX_POINTS, False))
    return (points[rows], *(other[rows] for other in others))


def _dense(values: Any) -> np.ndarray:
    values = values.toarray() if hasattr(values, "toarray") else values
    return np.asarray(values, dtype=np.float64)


def resampling_views(comparison: Any, X: Any, y: np.ndarray) -> list[View]:
    """The first training fold before resampling, then after each strategy."""
    train = comparison.splits.splits[0][0]
    y_train = y[train]
    encoder = clone(comparison.preprocessor)
    encoded = _dense(encoder.fit_transform(take_rows(X, train), y_train))
    projection = PCA(n_components=2, random_state=0).fit(encoded)
    before = projection.transform(encoded)
    positive = y_train == comparison.positive_label
    empty = np.empty((0, 2))

    kept, kept_positive = _thinned(before, positive)
    views = [
        View(
            "before resampling\nfirst training fold", kept, kept_positive, empty, empty
        )
    ]
    for label, sampler in comparison.samplers.items():
        if sampler is None:
            continue
        logger.info(
            "Resampling the first training fold with %s for the 2-D view", label
        )
        views.append(
            _view_after(
                label,
                clone(sampler),
                encoded,
                y_train,
                projection,
                before,
                comparison.positive_label,
            )
        )
    return views


def _view_after(
    label: str,
    sampler: Any,
    encoded: np.ndarray,
    y_train: np.ndarray,
    projection: PCA,
    before: np.ndarray,
    positive_label: Any,
) -> View:
    X_res, y_res = sampler.fit_resample(encoded, y_train)
    points = projection.transform(_dense(X_res))
    generated = np.asarray(sampler.generated_mask_, dtype=bool)
    removed_rows = np.setdiff1d(np.arange(len(encoded)), sampler.sample_indices_)

    kept, kept_positive = _thinned(
        points[~generated], y_res[~generated] == positive_label
    )
    (synthetic,) = _thinned(points[generated])
    (removed,) = _thinned(before[removed_rows])
    title = (
        f"after {label}: {len(y_res):,} rows\n"
        f"{int(generated.sum()):,} added, {len(removed_rows):,} removed"
    )
    return View(title, kept, kept_positive, synthetic, removed)
