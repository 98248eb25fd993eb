"""Borderline-SMOTE: grow a class only from its rows that sit on the border.

A row is *in danger* when at least half, but not all, of its ``m`` nearest
neighbours in the whole data belong to other classes: it lies where the
classes meet. Rows with every neighbour in other classes are taken for noise,
rows with most neighbours in their own class are safe; neither is grown from.
The plain functions that count a row's other-class neighbours and apply the
rule are shared with SVMSMOTE.
"""

from __future__ import annotations

import math
import numbers
import warnings
from typing import Any

import numpy as np

from .._exceptions import ImbalanceWarning
from .._validation import Options, as_generator, encode_labels, plain_label
from ..base import BaseSampler, Resampled
from ..neighbors import kneighbors, neighbors_from_param
from ._random_over_sampler import SAMPLING_STRATEGY_FORMS
from ._smote import (
    NEIGHBORS_FORMS,
    check_class_sizes,
    draw_segments,
    grown_classes,
    interpolate,
    synthetic_result,
)

__all__ = [
    "BorderlineSMOTE",
    "check_border_sizes",
    "check_total_rows",
    "count_other_class_neighbors",
    "in_danger",
    "is_noise",
    "rows_from_origins",
]


def check_total_rows(n_samples: int, n_neighbors: int, param: str) -> None:
    """Refuse a neighbour count the whole data cannot supply, before any work.

    Parameters
    ----------
    n_samples : int
        Rows in ``X``.
    n_neighbors : int
        Neighbours wanted per row among all rows, the row itself not counted.
    param : str
        Name of the parameter that set ``n_neighbors``, for the message.

    Raises
    ------
    ValueError
        When ``X`` has ``n_neighbors`` rows or fewer.

    Examples
    --------
    >>> check_total_rows(8, 10, "m_neighbors")
    Traceback (most recent call last):
    ...
    ValueError: m_neighbors=10 needs at least 11 samples in X; it has 8. ...
    """
    if n_samples > n_neighbors:
        return
    raise ValueError(
        f"{param}={n_neighbors} needs at least {n_neighbors + 1} samples in X; it "
        f"has {n_samples}. Lower {param} to at most {max(n_samples - 1, 1)}."
    )


def check_border_sizes(
    n_samples: int,
    y: np.ndarray,
    sampling_strategy: dict,
    *,
    k_neighbors: int,
    m_neighbors: int,
    kind: str,
) -> None:
    """Refuse BorderlineSMOTE's neighbour counts the data cannot serve.

    The ``m_neighbors`` that sort rows into danger are searched among all
    rows; the ``k_neighbors`` to interpolate towards within the class for
    ``kind="borderline-1"``, among all rows for ``"borderline-2"``.

    Parameters
    ----------
    n_samples : int
        Rows in ``X``.
    y : ndarray of shape (n_samples,)
        Class labels (or labels with the same counts up to
        ``k_neighbors + 1``: only the class sizes are read).
    sampling_strategy : dict
        Rows to add per class; only grown classes are checked.
    k_neighbors : int
        Neighbours to interpolate towards, the row itself not counted.
    m_neighbors : int
        Neighbours that decide danger, the row itself not counted.
    kind : {"borderline-1", "borderline-2"}
        The variant, which sets where the ``k_neighbors`` are searched.

    Raises
    ------
    ValueError
        When ``X`` or a grown class has too few rows.

    Examples
    --------
    >>> y = np.array([0] * 8 + [1] * 3)
    >>> check_border_sizes(
    ...     11, y, {1: 5}, k_neighbors=3, m_neighbors=5, kind="borderline-2"
    ... )
    >>> check_border_sizes(
    ...     11, y, {1: 5}, k_neighbors=3, m_neighbors=5, kind="borderline-1"
    ... )
    Traceback (most recent call last):
    ...
    ValueError: k_neighbors=3 needs at least 4 samples of class 1; it has 3. ...
    """
    check_total_rows(n_samples, m_neighbors, "m_neighbors")
    if kind == "borderline-1":
        check_class_sizes(y, sampling_strategy, k_neighbors)
    else:
        check_total_rows(n_samples, k_neighbors, "k_neighbors")


def count_other_class_neighbors(
    X: Any,
    codes: np.ndarray,
    rows: np.ndarray,
    n_neighbors: int,
    *,
    search: Any = None,
    n_jobs: int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """How many of each row's nearest neighbours in ``X`` are of another class.

    Parameters
    ----------
    X : ndarray or CSR matrix of shape (n_samples, n_features)
        All rows.
    codes : ndarray of int of shape (n_samples,)
        Class code of every row.
    rows : ndarray of int
        Positions of the rows to examine (each excluded from its own
        neighbours).
    n_neighbors : int
        Neighbours to look at per row.
    search : estimator, optional
        Search estimator for :func:`imbalance.neighbors.kneighbors`.
    n_jobs : int, optional
        Threads for the search.

    Returns
    -------
    n_other : ndarray of int of shape (len(rows),)
        Neighbours of a class other than the row's own.
    neighbors : ndarray of int of shape (len(rows), n_neighbors)
        The neighbours themselves, as positions in ``X``.

    Examples
    --------
    >>> X = np.array([[0.0], [0.1], [0.2], [5.0]])
    >>> codes = np.array([0, 1, 1, 1])
    >>> count_other_class_neighbors(X, codes, np.array([1, 3]), 2)[0].tolist()
    [1, 0]
    """
    neighbors = kneighbors(
        X,
        n_neighbors,
        query_indices=rows,
        search=search,
        n_jobs=n_jobs,
        return_distance=False,
    )
    n_other = np.count_nonzero(codes[neighbors] != codes[rows, None], axis=1)
    return n_other, neighbors


def in_danger(n_other: np.ndarray, n_neighbors: int) -> np.ndarray:
    """Rows with at least half, but not all, neighbours in other classes.

    Parameters
    ----------
    n_other : ndarray of int
        Each row's count of other-class neighbours.
    n_neighbors : int
        Neighbours looked at per row.

    Returns
    -------
    ndarray of bool

    Examples
    --------
    >>> in_danger(np.array([0, 4, 5, 9, 10]), 10).tolist()
    [False, False, True, True, False]
    """
    return (n_other >= n_neighbors / 2) & (n_other < n_neighbors)


def is_noise(n_other: np.ndarray, n_neighbors: int) -> np.ndarray:
    """Rows whose every neighbour is of another class.

    Parameters
    ----------
    n_other : ndarray of int
        Each row's count of other-class neighbours.
    n_neighbors : int
        Neighbours looked at per row.

    Returns
    -------
    ndarray of bool

    Examples
    --------
    >>> is_noise(np.array([3, 10]), 10).tolist()
    [False, True]
    """
    return n_other == n_neighbors


class BorderlineSMOTE(BaseSampler):
    """SMOTE that grows a class only from its rows on the class border.

    For each grown class, every row's ``m_neighbors`` nearest neighbours in
    the whole data are counted by class. Rows *in danger* (at least half but
    not all of those neighbours in other classes) are the only origins of new
    rows; a class without any is left as it is, with an ``ImbalanceWarning``.
    Each new row lies on the segment from a danger row to one of its
    ``k_neighbors`` nearest neighbours:

    - ``kind="borderline-1"``: neighbours within the class, step in [0, 1);
    - ``kind="borderline-2"``: neighbours among all rows; towards a neighbour
      of another class the step is in [0, 0.5), so the new row stays on its
      class's side.

    .. warning::
       Resample only the training data; see :class:`SMOTE`.

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable, default="auto"
        Which classes to grow and to what size; see
        :func:`imbalance.strategy.resolve_sampling_strategy`.
    random_state : int, Generator, RandomState or None, default=None
        Seed of the draws; the same seed gives the same rows.
    k_neighbors : int or estimator, default=5
        Neighbours to interpolate towards (the row itself not counted), or a
        search estimator whose ``n_neighbors`` counts the row itself, as in
        imbalanced-learn.
    m_neighbors : int or estimator, default=10
        Neighbours, among all rows, that decide whether a row is in danger;
        same forms as ``k_neighbors``.
    kind : {"borderline-1", "borderline-2"}, default="borderline-1"
        Where the neighbours to interpolate towards come from (see above).
    n_jobs : int or None, default=None
        Threads for the neighbour searches. Never changes the result.

    Attributes
    ----------
    sampling_strategy_ : dict
        Rows added per grown class.
    in_danger_indices_ : dict
        For each grown class, the input positions of its rows in danger.
    sample_indices_ : ndarray of int
        ``arange(n_samples)``: every input row is kept, in order.
    generated_mask_ : ndarray of bool
        True for the synthetic rows.
    n_features_in_ : int
        Number of features.

    See Also
    --------
    SMOTE : Grow from every row of the class.
    SVMSMOTE : Border rows found by a support vector machine.

    References
    ----------
    .. [1] H. Han, W.-Y. Wang and B.-H. Mao, "Borderline-SMOTE: A New
       Over-Sampling Method in Imbalanced Data Sets Learning", ICIC 2005,
       LNCS 3644, 878-887.

    Examples
    --------
    >>> import numpy as np
    >>> from imbalance.over_sampling import BorderlineSMOTE
    >>> rng = np.random.default_rng(0)
    >>> X = np.vstack([rng.normal(0, 1, (60, 2)), rng.normal(1, 1, (20, 2))])
    >>> y = np.array([0] * 60 + [1] * 20)
    >>> sampler = BorderlineSMOTE(random_state=0)
    >>> X_res, y_res = sampler.fit_resample(X, y)
    >>> np.bincount(y_res).tolist()
    [60, 60]
    >>> bool(np.isin(sampler.in_danger_indices_[1], np.flatnonzero(y == 1)).all())
    True
    """

    _sampling_type = "over-sampling"
    _parameter_constraints = {
        "sampling_strategy": SAMPLING_STRATEGY_FORMS,
        "random_state": ["random_state"],
        "k_neighbors": NEIGHBORS_FORMS,
        "m_neighbors": NEIGHBORS_FORMS,
        "kind": [Options(["borderline-1", "borderline-2"])],
        "n_jobs": [numbers.Integral, None],
    }

    def __init__(
        self,
        *,
        sampling_strategy: Any = "auto",
        random_state: Any = None,
        k_neighbors: Any = 5,
        m_neighbors: Any = 10,
        kind: str = "borderline-1",
        n_jobs: int | None = None,
    ) -> None:
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.k_neighbors = k_neighbors
        self.m_neighbors = m_neighbors
        self.kind = kind
        self.n_jobs = n_jobs

    def _fit_resample(self, X: Any, y: np.ndarray) -> Resampled:
        owner = "BorderlineSMOTE"
        k, k_search = neighbors_from_param(self.k_neighbors, owner=owner)
        m, m_search = neighbors_from_param(
            self.m_neighbors, name="m_neighbors", owner=owner
        )
        check_border_sizes(
            len(y),
            y,
            self.sampling_strategy_,
            k_neighbors=k,
            m_neighbors=m,
            kind=self.kind,
        )
        rng = as_generator(self.random_state)

        classes, codes, _ = encode_labels(y)
        self.in_danger_indices_ = {}
        synthetic, labels = [], []
        for label, rows, n_new in grown_classes(
            classes, codes, self.sampling_strategy_
        ):
            n_other, _ = count_other_class_neighbors(
                X, codes, rows, m, search=m_search, n_jobs=self.n_jobs
            )
            danger = np.flatnonzero(in_danger(n_other, m))
            self.in_danger_indices_[plain_label(label)] = rows[danger]
            if danger.size == 0:
                _warn_no_danger(plain_label(label), m)
                self.sampling_strategy_[plain_label(label)] = 0
                continue

            grow = (
                _grow_borderline_1
                if self.kind == "borderline-1"
                else _grow_borderline_2
            )
            search_args = {"search": k_search, "n_jobs": self.n_jobs}
            synthetic.append(grow(X, codes, rows, danger, k, n_new, rng, search_args))
            labels.append(np.full(n_new, label, dtype=y.dtype))

        return synthetic_result(len(y), synthetic, labels)


def _warn_no_danger(label: Any, m: int) -> None:
    warnings.warn(
        f"BorderlineSMOTE found no row of class {label!r} in danger: none has "
        f"between {math.ceil(m / 2)} and {m - 1} of its m_neighbors={m} nearest "
        "neighbours in other classes, so there is no border to grow from and the "
        "class is left as it is (sampling_strategy_ records 0 new rows). Use "
        "SMOTE to grow it anyway, or raise m_neighbors.",
        ImbalanceWarning,
        stacklevel=4,
    )


def _grow_borderline_1(X, codes, rows, danger, k, n_new, rng, search_args):
    """New rows between danger rows and their neighbours within the class."""
    class_rows = X[rows]
    neighbors = kneighbors(
        class_rows, k, query_indices=danger, return_distance=False, **search_args
    )
    return rows_from_origins(class_rows, danger, neighbors, n_new, rng)


def rows_from_origins(
    class_rows: Any,
    origin_set: np.ndarray,
    neighbor_indices: np.ndarray,
    n_new: int,
    rng: np.random.Generator,
    step_scale: float = 1.0,
) -> Any:
    """New rows from some rows of a class along segments to their neighbours.

    Parameters
    ----------
    class_rows : ndarray or CSR matrix of shape (n_rows, n_features)
        The rows of the class.
    origin_set : ndarray of int
        Positions in ``class_rows`` of the rows new rows start from.
    neighbor_indices : ndarray of int of shape (len(origin_set), k)
        The neighbours of each origin row, as positions in ``class_rows``.
    n_new : int
        New rows to make.
    rng : numpy.random.Generator
        Source of the draws: the segments, then the steps.
    step_scale : float, default=1.0
        Each step is ``step_scale`` times a uniform draw in [0, 1); a negative
        scale extrapolates away from the neighbour (SVMSMOTE's safe rows).

    Returns
    -------
    ndarray or CSR matrix of shape (n_new, n_features)

    Examples
    --------
    >>> rows = np.array([[0.0], [1.0], [5.0]])
    >>> rng = np.random.default_rng(0)
    >>> new = rows_from_origins(rows, np.array([0]), np.array([[1]]), 3, rng)
    >>> bool(((new >= 0) & (new < 1)).all())
    True
    """
    origins, targets = draw_segments(neighbor_indices, n_new, rng)
    steps = step_scale * rng.random(n_new)
    return interpolate(class_rows, origin_set[origins], class_rows, targets, steps)


def _grow_borderline_2(X, codes, rows, danger, k, n_new, rng, search_args):
    """New rows between danger rows and their neighbours in any class.

    Towards a neighbour of another class the step is halved, so the new row
    stays closer to the danger row than to the other class.
    """
    danger_rows = rows[danger]
    neighbors = kneighbors(
        X, k, query_indices=danger_rows, return_distance=False, **search_args
    )
    origins, targets = draw_segments(neighbors, n_new, rng)
    steps = rng.random(n_new)
    steps[codes[targets] != codes[danger_rows[0]]] *= 0.5
    return interpolate(X, danger_rows[origins], X, targets, steps)
