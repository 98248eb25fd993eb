"""Cluster centroids: replace a class by the centres of its clusters.

Each shrunk class is clustered into as many clusters as rows wanted. Soft
voting returns the centroids themselves, as new rows; hard voting keeps, for
each centroid, a real row next to it, each row at most once.
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.base import clone
from sklearn.cluster import KMeans, MiniBatchKMeans

from .._validation import Options, encode_labels
from ..base import BaseSampler, Resampled
from ..neighbors import kneighbors
from ._random_under_sampler import SAMPLING_STRATEGY_FORMS, shrunk_classes

__all__ = ["ClusterCentroids"]

# Above this many rows x clusters, the default clustering is MiniBatchKMeans.
_MINI_BATCH_WORK = 10**7
_MINI_BATCH_SIZE = 4096


class ClusterCentroids(BaseSampler):
    """Shrink classes to the centroids of their clusters.

    Each shrunk class is split into as many clusters as rows wanted (by
    k-means unless ``estimator`` says otherwise) and replaced by one row per
    cluster: with ``voting="soft"`` the centroid itself, a new row; with
    ``voting="hard"`` the real row nearest the centroid. Classes that are
    not shrunk are kept as they are.

    .. warning::
       Resample only the training data; a test set must keep the real class
       proportions.

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable, default="auto"
        Which classes to shrink and to what size; see
        :func:`imbalance.strategy.resolve_sampling_strategy`. ``"auto"``
        shrinks every class but the minority to the minority's size.
    random_state : int, Generator, RandomState or None, default=None
        Seed of the clustering; the same seed gives the same rows. An int is
        passed to k-means as is, as imbalanced-learn does.
    estimator : clustering estimator, default=None
        An estimator with an ``n_clusters`` parameter and a fitted
        ``cluster_centers_`` attribute, cloned for each class. ``None`` means
        :class:`~sklearn.cluster.KMeans`, or
        :class:`~sklearn.cluster.MiniBatchKMeans` (batches of 4096 rows) when
        a class's rows times its clusters exceed ten million, where it is
        several times faster for centroids nearly as good.
    voting : {"auto", "hard", "soft"}, default="auto"
        ``"soft"`` returns the centroids as new rows; ``"hard"`` keeps real
        rows; ``"auto"`` is ``"hard"`` for sparse input (a centroid of sparse
        rows is dense) and ``"soft"`` otherwise.

    Attributes
    ----------
    sampling_strategy_ : dict
        Rows kept per shrunk class.
    sample_indices_ : ndarray of int
        Positions of the input rows in the output, in increasing order: with
        hard voting the chosen rows and the untouched classes; with soft
        voting the untouched classes only.
    generated_mask_ : ndarray of bool
        True for the centroids (soft voting), which follow the kept rows.
    voting_ : str
        The voting used, ``"hard"`` or ``"soft"``.
    estimator_ : clustering estimator
        The clustering fitted on the last shrunk class.
    n_features_in_ : int
        Number of features.

    See Also
    --------
    imbalance.under_sampling.NearMiss : Keep the rows nearest the minority.

    Notes
    -----
    With hard voting, imbalanced-learn keeps the nearest row of every
    centroid even when two centroids share it, which returns that row twice
    and the class smaller than asked. Here a centroid whose nearest row is
    taken gets its nearest free row; centroids nearer their row choose
    first, so the class gets exactly the rows asked, each once.

    Examples
    --------
    >>> import numpy as np
    >>> from imbalance.under_sampling import ClusterCentroids
    >>> X = np.array([[0.0], [1.0], [2.0], [8.0], [9.0], [10.0], [20.0], [21.0]])
    >>> y = np.array([0, 0, 0, 0, 0, 0, 1, 1])
    >>> sampler = ClusterCentroids(random_state=0)
    >>> X_res, y_res = sampler.fit_resample(X, y)
    >>> sorted(X_res[2:].ravel().tolist()), y_res.tolist()
    ([1.0, 9.0], [1, 1, 0, 0])
    >>> sampler.generated_mask_.tolist()
    [False, False, True, True]
    >>> hard = ClusterCentroids(random_state=0, voting="hard")
    >>> hard.fit_resample(X, y)[0].ravel().tolist()
    [1.0, 9.0, 20.0, 21.0]
    """

    _sampling_type = "under-sampling"
    _parameter_constraints = {
        "sampling_strategy": SAMPLING_STRATEGY_FORMS,
        "random_state": ["random_state"],
        "estimator": [None, "has:fit"],
        "voting": [Options(["auto", "hard", "soft"])],
    }

    def __init__(
        self,
        *,
        sampling_strategy: Any = "auto",
        random_state: Any = None,
        estimator: Any = None,
        voting: str = "auto",
    ) -> None:
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.estimator = estimator
        self.voting = voting

    def _check_params(self, X: Any, y: np.ndarray) -> None:
        if self.estimator is None:
            return
        if "n_clusters" not in self.estimator.get_params():
            raise ValueError(
                f"The estimator of ClusterCentroids must have an n_clusters "
                f"parameter, set to the rows wanted per class; "
                f"{type(self.estimator).__name__} has none. Use KMeans, "
                "MiniBatchKMeans or another clustering with n_clusters."
            )

    def _fit_resample(self, X: Any, y: np.ndarray) -> Resampled:
        if self.voting == "auto":
            self.voting_ = "hard" if sp.issparse(X) else "soft"
        else:
            self.voting_ = self.voting
        seed = _clustering_seed(self.random_state)
        classes, codes, _ = encode_labels(y)
        keep = np.ones(len(y), dtype=bool)
        centroids, centroid_labels = [], []

        for label, rows, n_keep in shrunk_classes(
            classes, codes, self.sampling_strategy_
        ):
            centres = self._centroids(X[rows], n_keep, seed).astype(X.dtype)
            keep[rows] = False
            if self.voting_ == "hard":
                keep[rows[nearest_distinct_rows(X[rows], centres)]] = True
            else:
                centroids.append(centres)
                centroid_labels.append(np.full(n_keep, label, dtype=y.dtype))

        if not centroids:
            return Resampled(np.flatnonzero(keep))
        X_new = np.concatenate(centroids)
        if sp.issparse(X):
            X_new = sp.csr_matrix(X_new)
        return Resampled(np.flatnonzero(keep), X_new, np.concatenate(centroid_labels))

    def _centroids(self, X_class: Any, n_clusters: int, seed: Any) -> np.ndarray:
        if self.estimator is not None:
            estimator = clone(self.estimator).set_params(n_clusters=n_clusters)
            if estimator.get_params().get("random_state", 0) is None:
                estimator.set_params(random_state=seed)
        else:
            estimator = default_clustering(X_class.shape[0], n_clusters, seed)
        self.estimator_ = estimator.fit(X_class)
        centres = getattr(estimator, "cluster_centers_", None)
        if centres is None:
            raise ValueError(
                f"{type(estimator).__name__} has no cluster_centers_ after "
                "fitting; ClusterCentroids needs one centroid per cluster. Use "
                "KMeans, MiniBatchKMeans or another clustering that sets it."
            )
        return np.asarray(centres)


def _clustering_seed(random_state: Any) -> Any:
    """An int, RandomState or None for scikit-learn's clustering."""
    if isinstance(random_state, np.random.Generator):
        return int(random_state.integers(2**31 - 1))
    if isinstance(random_state, numbers.Integral):
        return int(random_state)
    return random_state


def default_clustering(n_rows: int, n_clusters: int, seed: Any) -> Any:
    """KMeans, or MiniBatchKMeans when rows times clusters exceed ten million.

    Examples
    --------
    >>> default_clustering(100, 10, 0)
    KMeans(n_clusters=10, random_state=0)
    """
    if n_rows * n_clusters > _MINI_BATCH_WORK:
        return MiniBatchKMeans(
            n_clusters, batch_size=_MINI_BATCH_SIZE, random_state=seed
        )
    return KMeans(n_clusters, random_state=seed)


def nearest_distinct_rows(X: Any, centroids: np.ndarray) -> np.ndarray:
    """For each centroid a row of ``X`` next to it, no row chosen twice.

    Each centroid gets its nearest row; where several share one, the
    centroid nearest to it keeps it (ties to the earlier centroid) and the
    others take their nearest free row.

    Parameters
    ----------
    X : ndarray or CSR matrix of shape (n_rows, n_features)
        The candidate rows.
    centroids : ndarray of shape (n_centroids, n_features)
        The points to match, at most ``n_rows`` of them.

    Returns
    -------
    ndarray of shape (n_centroids,), int
        Row positions in ``X``, distinct.

    Examples
    --------
    >>> X = np.array([[0.0], [1.0], [2.0]])
    >>> nearest_distinct_rows(X, np.array([[0.1], [0.4], [1.9]])).tolist()
    [0, 1, 2]
    """
    distances, nearest = kneighbors(X, 1, query=centroids)
    if np.unique(nearest[:, 0]).size == len(centroids):
        return nearest[:, 0]

    chosen = np.full(len(centroids), -1, dtype=np.intp)
    taken = np.zeros(X.shape[0], dtype=bool)
    pending = np.arange(len(centroids))
    n_candidates = 1
    while pending.size:
        distances, nearest = kneighbors(X, n_candidates, query=centroids[pending])
        left = []
        for row in np.lexsort((pending, distances[:, 0])):
            free = nearest[row][~taken[nearest[row]]]
            if free.size:
                chosen[pending[row]] = free[0]
                taken[free[0]] = True
            else:
                left.append(pending[row])
        pending = np.asarray(left, dtype=np.intp)
        n_candidates = min(4 * n_candidates + len(pending), X.shape[0])
    return chosen
