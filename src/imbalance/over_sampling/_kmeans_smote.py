"""K-means SMOTE: grow a class inside the clusters where it is common.

The data is clustered with k-means. For each grown class, the clusters where
the class makes up a large enough share of the rows are kept; the class's new
rows are shared out among them, more to clusters where the class's rows are
sparse, and made with SMOTE inside each cluster, so new rows never bridge two
far-apart groups of the class.
"""

from __future__ import annotations

import math
import numbers
from typing import Any

import numpy as np
from sklearn.base import clone
from sklearn.cluster import KMeans, MiniBatchKMeans
from sklearn.metrics import pairwise_distances_chunked
from threadpoolctl import threadpool_limits

from .._validation import Interval, Options, as_generator, encode_labels, plain_label
from ..base import BaseSampler, Resampled
from ..neighbors import neighbors_from_param
from ._random_over_sampler import SAMPLING_STRATEGY_FORMS
from ._smote import (
    NEIGHBORS_FORMS,
    check_class_sizes,
    grown_codes,
    share_out,
    smote_class,
    synthetic_result,
)

__all__ = ["KMeansSMOTE", "default_n_clusters"]

#: Above this many rows the default clustering uses mini-batches.
_MINI_BATCH_ROWS = 20_000


def default_n_clusters(smallest_class: int, n_neighbors: int) -> int:
    """The default number of k-means clusters.

    Enough clusters that each could hold about ``4 * (n_neighbors + 1)`` rows
    of the smallest grown class, between 1 and 100.

    Parameters
    ----------
    smallest_class : int
        Rows of the smallest grown class.
    n_neighbors : int
        The ``k_neighbors`` of the sampler.

    Returns
    -------
    int

    Examples
    --------
    >>> [default_n_clusters(n, 2) for n in (8, 50, 10**6)]
    [1, 4, 100]
    """
    return int(min(max(smallest_class // (4 * (n_neighbors + 1)), 1), 100))


class KMeansSMOTE(BaseSampler):
    """SMOTE applied inside the k-means clusters where the class is common.

    1. ``X`` is clustered with k-means (once, for every class).
    2. For each grown class, a cluster is kept if the class makes up at least
       ``cluster_balance_threshold`` of its rows and has at least
       ``k_neighbors + 1`` rows in it.
    3. The class's new rows are shared out among the kept clusters in
       proportion to their sparsity, ``mean_distance ** density_exponent /
       n_class_rows``, where ``mean_distance`` is the mean distance between
       the class's rows in the cluster.
    4. Within each kept cluster, SMOTE interpolates between the class's rows
       and their ``k_neighbors`` nearest neighbours in that cluster.

    .. warning::
       Resample only the training data; see :class:`SMOTE`.

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable, default="auto"
        Which classes to grow and to what size; see
        :func:`imbalance.strategy.resolve_sampling_strategy`.
    random_state : int, Generator, RandomState or None, default=None
        Seed of the draws (and of the default clustering); the same seed gives
        the same rows.
    k_neighbors : int or estimator, default=2
        Neighbours within the cluster to interpolate towards (the row itself
        not counted), or a search estimator whose ``n_neighbors`` counts the
        row itself, as in imbalanced-learn.
    kmeans_estimator : int, estimator or None, default=None
        The clustering. ``None`` uses k-means (mini-batch k-means above
        20,000 rows), fitted on one thread so the clusters never depend on
        the machine, with :func:`default_n_clusters` clusters: enough for
        each to hold about ``4 * (k_neighbors + 1)`` rows of the smallest
        grown class, at most 100. An int sets the number of clusters; an
        estimator with ``fit_predict`` (such as
        :class:`sklearn.cluster.MiniBatchKMeans`) is cloned and used as is.
    cluster_balance_threshold : float or "auto", default="auto"
        Smallest share of a cluster's rows the class must make up for the
        cluster to be grown. ``"auto"`` is the class's share of the whole
        data: clusters where the class is more common than overall. Ignored
        with a single cluster.
    density_exponent : float or "auto", default="auto"
        Exponent of the mean distance in a cluster's sparsity; ``"auto"`` is
        the number of features, as in the paper.
    n_jobs : int or None, default=None
        Threads for the neighbour searches. Never changes the result.

    Attributes
    ----------
    sampling_strategy_ : dict
        Rows added per grown class.
    kmeans_estimator_ : estimator
        The fitted clustering.
    cluster_balance_threshold_ : dict
        The threshold used for each grown class.
    cluster_weights_ : dict
        For each grown class, ``{cluster: share of the new rows}`` over the
        kept clusters.
    sample_indices_ : ndarray of int
        ``arange(n_samples)``: every input row is kept, in order.
    generated_mask_ : ndarray of bool
        True for the synthetic rows.
    n_features_in_ : int
        Number of features.

    See Also
    --------
    SMOTE : No clustering.

    References
    ----------
    .. [1] G. Douzas, F. Bacao and F. Last, "Improving imbalanced learning
       through a heuristic oversampling method based on k-means and SMOTE",
       Information Sciences 465 (2018) 1-20.

    Examples
    --------
    >>> from sklearn.datasets import make_classification
    >>> from imbalance.over_sampling import KMeansSMOTE
    >>> X, y = make_classification(n_samples=500, weights=[0.95, 0.05], random_state=0)
    >>> sampler = KMeansSMOTE(random_state=0)
    >>> X_res, y_res = sampler.fit_resample(X, y)
    >>> [int(n) for n in np.bincount(y_res)]
    [474, 474]
    """

    _sampling_type = "over-sampling"
    _parameter_constraints = {
        "sampling_strategy": SAMPLING_STRATEGY_FORMS,
        "random_state": ["random_state"],
        "k_neighbors": NEIGHBORS_FORMS,
        "kmeans_estimator": [
            None,
            Interval(numbers.Integral, 1, None),
            "has:fit_predict",
        ],
        "cluster_balance_threshold": [Interval(numbers.Real, 0, 1), Options(["auto"])],
        "density_exponent": [Interval(numbers.Real, 0, None), Options(["auto"])],
        "n_jobs": [numbers.Integral, None],
    }

    def __init__(
        self,
        *,
        sampling_strategy: Any = "auto",
        random_state: Any = None,
        k_neighbors: Any = 2,
        kmeans_estimator: Any = None,
        cluster_balance_threshold: float | str = "auto",
        density_exponent: float | str = "auto",
        n_jobs: int | None = None,
    ) -> None:
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.k_neighbors = k_neighbors
        self.kmeans_estimator = kmeans_estimator
        self.cluster_balance_threshold = cluster_balance_threshold
        self.density_exponent = density_exponent
        self.n_jobs = n_jobs

    def _fit_resample(self, X: Any, y: np.ndarray) -> Resampled:
        k, search = neighbors_from_param(self.k_neighbors, owner="KMeansSMOTE")
        check_class_sizes(y, self.sampling_strategy_, k)
        rng = as_generator(self.random_state)
        classes, codes, counts = encode_labels(y)
        grown = grown_codes(classes, self.sampling_strategy_)
        clustering = self._clustering(X, min(counts[grown]), k, rng)
        # One OpenMP thread: the same clusters whatever the machine's load or
        # n_jobs, and no spinning threads on a busy machine.
        with threadpool_limits(limits=1, user_api="openmp"):
            clusters = np.asarray(clustering.fit_predict(X), dtype=np.intp)
        _check_cluster_labels(clusters, clustering)
        self.kmeans_estimator_ = clustering
        exponent = (
            X.shape[1] if self.density_exponent == "auto" else self.density_exponent
        )

        self.cluster_balance_threshold_, self.cluster_weights_ = {}, {}
        synthetic, labels = [], []
        for code in grown:
            label = plain_label(classes[code])
            n_new = self.sampling_strategy_[label]
            in_class = codes == code
            threshold = self._threshold(in_class)
            self.cluster_balance_threshold_[label] = threshold
            kept = _kept_clusters(clusters, in_class, threshold, k, label)
            weights = _cluster_weights(X, clusters, in_class, kept, exponent)
            self.cluster_weights_[label] = dict(zip(kept.tolist(), weights.tolist()))
            for cluster, n_cluster in zip(kept, share_out(n_new, weights)):
                rows = np.flatnonzero(in_class & (clusters == cluster))
                synthetic.append(
                    smote_class(
                        X[rows], k, n_cluster, rng, search=search, n_jobs=self.n_jobs
                    )
                )
            labels.append(np.full(n_new, classes[code], dtype=y.dtype))

        return synthetic_result(len(y), synthetic, labels)

    def _clustering(self, X, smallest_class, k, rng):
        """An unfitted clustering estimator from ``kmeans_estimator``."""
        if self.kmeans_estimator is not None and not isinstance(
            self.kmeans_estimator, numbers.Integral
        ):
            return clone(self.kmeans_estimator)
        n_clusters = self.kmeans_estimator or default_n_clusters(smallest_class, k)
        n_clusters = min(int(n_clusters), X.shape[0])
        seed = int(rng.integers(2**31 - 1))
        if X.shape[0] > _MINI_BATCH_ROWS:
            return MiniBatchKMeans(n_clusters=n_clusters, n_init=3, random_state=seed)
        return KMeans(n_clusters=n_clusters, n_init=1, random_state=seed)

    def _threshold(self, in_class: np.ndarray) -> float:
        if self.cluster_balance_threshold == "auto":
            return float(in_class.mean())
        return float(self.cluster_balance_threshold)


def _check_cluster_labels(clusters: np.ndarray, clustering: Any) -> None:
    if clusters.size and clusters.min() < 0:
        raise ValueError(
            f"kmeans_estimator={type(clustering).__name__} labelled some rows "
            f"{clusters.min()} (noise); KMeansSMOTE needs every row in a cluster "
            "0, 1, .... Use a clustering that assigns every row, such as KMeans."
        )


def _kept_clusters(clusters, in_class, threshold, k, label) -> np.ndarray:
    """Clusters where the class has k + 1 rows making up ``threshold`` or more."""
    n_clusters = int(clusters.max()) + 1
    size = np.bincount(clusters, minlength=n_clusters)
    class_size = np.bincount(clusters[in_class], minlength=n_clusters)
    share = class_size / np.maximum(size, 1)
    big_enough = class_size > k
    if np.count_nonzero(size) == 1:
        kept = np.flatnonzero(big_enough)
    else:
        kept = np.flatnonzero(big_enough & (share >= threshold))
    if kept.size == 0:
        _explain_no_cluster(label, k, threshold, share, big_enough, n_clusters)
    return kept


def _explain_no_cluster(label, k, threshold, share, big_enough, n_clusters):
    fewer = f"kmeans_estimator={max(n_clusters // 2, 1)}"
    if big_enough.any():
        best = math.floor(share[big_enough].max() * 1000) / 1000
        fix = (
            f"Lower cluster_balance_threshold to {best:g}, or use fewer clusters "
            f"({fewer})."
        )
    else:
        fix = f"Use fewer clusters, e.g. {fewer}, or lower k_neighbors."
    raise ValueError(
        f"KMeansSMOTE found no cluster among {n_clusters} with at least {k + 1} "
        f"rows of class {label!r} (k_neighbors + 1) making up at least "
        f"{threshold:.3g} of the cluster (cluster_balance_threshold). {fix}"
    )


def _cluster_weights(X, clusters, in_class, kept, exponent) -> np.ndarray:
    """Each kept cluster's share of the new rows, from its sparsity.

    Sparsity is ``mean_distance ** exponent / n_rows``, computed as a log so
    large exponents cannot overflow.
    """
    if kept.size == 1:
        return np.ones(1)
    log_sparsity = np.empty(kept.size)
    for i, cluster in enumerate(kept):
        rows = X[np.flatnonzero(in_class & (clusters == cluster))]
        mean_distance = _mean_pairwise_distance(rows)
        with np.errstate(divide="ignore"):
            log_sparsity[i] = exponent * np.log(mean_distance) - np.log(rows.shape[0])
    if np.isneginf(log_sparsity).all():
        return np.full(kept.size, 1.0 / kept.size)
    weights = np.exp(log_sparsity - log_sparsity.max())
    return weights / weights.sum()


def _mean_pairwise_distance(rows) -> float:
    """Mean Euclidean distance over the distinct pairs of ``rows``, in blocks."""
    n_rows = rows.shape[0]
    total = sum(block.sum() for block in pairwise_distances_chunked(rows))
    return float(total) / (n_rows * (n_rows - 1))
