"""Neighbour search delegated to an estimator with scikit-learn's interface."""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np
from sklearn.base import clone

__all__ = ["estimator_kneighbors", "neighbors_from_param"]


def estimator_kneighbors(search, Q, R, self_index, n_neighbors):
    """Ask a clone of ``search``, fitted on ``R``, for the neighbours of ``Q``.

    With self-exclusion one more neighbour is asked and the query's own index
    removed from its row (or the last neighbour, when the estimator did not
    return the query itself, as happens among duplicates).
    """
    fitted = clone(search).fit(R)
    n_ask = n_neighbors + (self_index is not None)
    distances, indices = fitted.kneighbors(Q, n_neighbors=n_ask, return_distance=True)
    distances = np.asarray(distances, dtype=np.float64)
    indices = np.asarray(indices, dtype=np.intp)
    if self_index is None:
        return distances, indices
    return _drop_self(distances, indices, self_index)


def _drop_self(distances, indices, self_index):
    is_self = indices == self_index[:, None]
    has_self = is_self.any(axis=1)
    drop = np.where(has_self, np.argmax(is_self, axis=1), indices.shape[1] - 1)
    keep = np.ones(indices.shape, dtype=bool)
    keep[np.arange(len(indices)), drop] = False
    n_kept = indices.shape[1] - 1
    return (
        distances[keep].reshape(-1, n_kept),
        indices[keep].reshape(-1, n_kept),
    )


def neighbors_from_param(
    value: Any, *, name: str = "k_neighbors", owner: str = "SMOTE"
) -> tuple[int, object | None]:
    """Read a sampler parameter that gives neighbours as a count or an estimator.

    Parameters
    ----------
    value : int or estimator
        An int is the number of neighbours, the query point not counted. An
        object with a ``kneighbors`` method (such as
        :class:`sklearn.neighbors.NearestNeighbors`) follows imbalanced-learn's
        convention: its ``n_neighbors`` counts the query point itself, so
        ``NearestNeighbors(n_neighbors=6)`` means 5 neighbours.
    name : str, default="k_neighbors"
        Name of the parameter, used in error messages.
    owner : str, default="SMOTE"
        Name of the sampler, used in error messages.

    Returns
    -------
    n_neighbors : int
        Neighbours wanted per row, the row itself not counted.
    search : estimator or None
        The estimator to pass to :func:`kneighbors` as ``search``, or ``None``
        for the built-in exact search.

    Raises
    ------
    ValueError
        If ``value`` is neither an int >= 1 nor an estimator whose
        ``n_neighbors`` is at least 2.

    Examples
    --------
    >>> from sklearn.neighbors import NearestNeighbors
    >>> from imbalance.neighbors import neighbors_from_param
    >>> neighbors_from_param(5)
    (5, None)
    >>> n_neighbors, search = neighbors_from_param(NearestNeighbors(n_neighbors=6))
    >>> n_neighbors
    5
    """
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        if value < 1:
            raise ValueError(
                f"{name}={value} of {owner} must be at least 1: it counts the "
                "neighbours of each row, the row itself not included."
            )
        return int(value), None
    if hasattr(value, "kneighbors"):
        return _estimator_count(value, name, owner), value
    raise ValueError(
        f"{name} of {owner} must be an int >= 1 or an estimator with a kneighbors "
        f"method (such as NearestNeighbors); got {value!r}."
    )


def _estimator_count(search, name, owner):
    counted = getattr(search, "n_neighbors", None)
    if not isinstance(counted, numbers.Integral) or isinstance(counted, bool):
        raise ValueError(
            f"The estimator given as {name} of {owner} must have an int "
            f"n_neighbors attribute; {type(search).__name__} has {counted!r}."
        )
    if counted < 2:
        raise ValueError(
            f"{name}={type(search).__name__}(n_neighbors={counted}) of {owner} "
            "leaves no neighbour: as in imbalanced-learn, the estimator's "
            "n_neighbors counts the row itself. Set n_neighbors to at least 2."
        )
    return int(counted) - 1
