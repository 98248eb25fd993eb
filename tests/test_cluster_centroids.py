"""Tests of ClusterCentroids: voting, clustering choice, oracle equality."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from sklearn.base import BaseEstimator
from sklearn.cluster import AgglomerativeClustering, KMeans, MiniBatchKMeans

from imbalance.under_sampling import ClusterCentroids
from imbalance.under_sampling._cluster_centroids import (
    default_clustering,
    nearest_distinct_rows,
)
from tests.conftest import imbalanced_data

imblearn_under = pytest.importorskip("imblearn.under_sampling")


class FixedCentres(BaseEstimator):
    """A stub clustering whose centroids are given in advance."""

    def __init__(self, centres=None, n_clusters=2):
        self.centres = centres
        self.n_clusters = n_clusters

    def fit(self, X, y=None):
        self.cluster_centers_ = np.asarray(self.centres, dtype=float)
        return self

    def predict(self, X):  # imbalanced-learn asks for one
        return np.zeros(len(X), dtype=int)


def rows_by_class(X, y):
    """Each class's rows, sorted, so outputs can be compared in any order."""
    X = X.toarray() if sp.issparse(X) else np.asarray(X)
    return {label: X[y == label][np.lexsort(X[y == label].T)] for label in set(y)}


def assert_same_rows(ours, theirs):
    ours, theirs = rows_by_class(*ours), rows_by_class(*theirs)
    assert ours.keys() == theirs.keys()
    for label in ours:
        np.testing.assert_allclose(ours[label], theirs[label], rtol=1e-10, atol=1e-12)


def test_same_centroids_as_imblearn():
    """Check oracle equality of soft voting, three classes: same k-means."""
    X, y = imbalanced_data(n_samples=300)
    ours = ClusterCentroids(random_state=0).fit_resample(X, y)
    theirs = imblearn_under.ClusterCentroids(random_state=0).fit_resample(X, y)
    assert_same_rows(ours, theirs)


def test_hard_voting_matches_imblearn_up_to_ties_at_midpoints():
    """Check hard voting against imbalanced-learn; they differ only on ties.

    A cluster of two rows has its centroid at their midpoint, at exactly the
    same distance from both. We keep the earlier row; scikit-learn's search,
    which imbalanced-learn uses, may keep the other. Every row
    imbalanced-learn keeps is at the exact nearest distance of its centroid,
    and ours are the earliest such rows.
    """
    X, y = imbalanced_data(n_samples=300)
    sampler = ClusterCentroids(random_state=0, voting="hard")
    sampler.fit_resample(X, y)
    theirs, y_theirs = imblearn_under.ClusterCentroids(
        random_state=0, voting="hard"
    ).fit_resample(X, y)
    n_ties = 0
    for label in (0, 1):
        rows = np.flatnonzero(y == label)
        centres = KMeans(32, random_state=0).fit(X[rows]).cluster_centers_
        distances = np.sqrt(((centres[:, None] - X[rows][None]) ** 2).sum(-1))
        nearest = distances == distances.min(axis=1, keepdims=True)
        n_ties += int((nearest.sum(axis=1) > 1).sum())
        earliest = rows[np.argmax(nearest, axis=1)]
        kept = np.intersect1d(sampler.sample_indices_, rows)
        np.testing.assert_array_equal(kept, np.sort(earliest))
        their_rows = theirs[y_theirs == label]
        for centre_ties, row in zip(nearest, their_rows):
            assert any(np.array_equal(row, X[r]) for r in rows[centre_ties])
    assert n_ties > 0  # the data does hold midpoint ties


def test_soft_voting_appends_centroids_as_new_rows():
    """Check order and masks: the untouched class first, then centroids."""
    X, y = imbalanced_data(n_samples=300)
    sampler = ClusterCentroids(random_state=0)
    _, y_res = sampler.fit_resample(X, y)
    minority = np.flatnonzero(y == 2)
    np.testing.assert_array_equal(sampler.sample_indices_, minority)
    assert sampler.voting_ == "soft"
    assert sampler.generated_mask_.tolist() == [False] * 32 + [True] * 64
    assert y_res.tolist() == [2] * 32 + [0] * 32 + [1] * 32


def test_hard_voting_keeps_real_rows():
    """Check that hard voting returns input rows, in order, none added."""
    X, y = imbalanced_data(n_samples=300)
    sampler = ClusterCentroids(random_state=0, voting="hard")
    X_res, y_res = sampler.fit_resample(X, y)
    assert not sampler.generated_mask_.any()
    assert np.all(np.diff(sampler.sample_indices_) > 0)
    np.testing.assert_array_equal(X_res, X[sampler.sample_indices_])
    assert np.bincount(y_res).tolist() == [32, 32, 32]


def test_hard_voting_never_keeps_a_row_twice():
    """Check centroids sharing a nearest row, where imbalanced-learn repeats it.

    Both centroids (0.4 and 0.45) are nearest to row 0. imbalanced-learn keeps
    row 0 twice; here the centroid nearer to it keeps it and the other takes
    its nearest free row, row 1.
    """
    X = np.array([[0.0], [1.0], [2.0], [10.0], [30.0], [31.0]])
    y = np.array([0, 0, 0, 0, 1, 1])
    stub = FixedCentres(centres=[[0.45], [0.4]])
    sampler = ClusterCentroids(estimator=stub, voting="hard")
    sampler.fit_resample(X, y)
    assert sampler.sample_indices_.tolist() == [0, 1, 4, 5]
    theirs, _ = imblearn_under.ClusterCentroids(
        estimator=stub, voting="hard"
    ).fit_resample(X, y)
    assert theirs[:2].ravel().tolist() == [0.0, 0.0]


def test_nearest_distinct_rows_gives_each_row_once():
    """Check the matching when many centroids crowd a few rows."""
    rng = np.random.default_rng(0)
    X = rng.normal(size=(30, 3))
    centroids = np.repeat(X[:3], 10, axis=0) + 1e-3  # 30 centroids near 3 rows
    chosen = nearest_distinct_rows(X, centroids)
    assert sorted(chosen.tolist()) == list(range(30))
    assert set(chosen[[0, 10, 20]]) == {0, 1, 2}  # first of each crowd wins


def test_sparse_input_defaults_to_hard_and_stays_sparse():
    """Check voting="auto" on CSR input: real rows, CSR out."""
    X, y = imbalanced_data(n_samples=300)
    X_sparse = sp.csr_matrix(np.where(np.abs(X) < 0.7, 0.0, X))
    sampler = ClusterCentroids(random_state=0)
    X_res, _ = sampler.fit_resample(X_sparse, y)
    assert sampler.voting_ == "hard" and sp.issparse(X_res)
    assert (X_res != X_sparse[sampler.sample_indices_]).nnz == 0


def test_sparse_soft_voting_returns_sparse_centroids():
    """Check that soft voting on CSR input gives CSR rows equal to dense ones."""
    X, y = imbalanced_data(n_samples=300)
    X = np.where(np.abs(X) < 0.7, 0.0, X)
    sparse = ClusterCentroids(random_state=0, voting="soft")
    X_res, y_res = sparse.fit_resample(sp.csr_matrix(X), y)
    assert X_res.format == "csr" and sparse.generated_mask_.sum() == 64
    dense = ClusterCentroids(random_state=0, voting="soft").fit_resample(X, y)
    assert_same_rows((X_res, y_res), dense)


def test_float32_centroids_stay_float32():
    X, y = imbalanced_data(n_samples=300)
    X_res, _ = ClusterCentroids(random_state=0).fit_resample(X.astype(np.float32), y)
    assert X_res.dtype == np.float32


def test_pandas_centroids_get_new_index_labels():
    """Check that centroid rows get labels distinct from the input's."""
    X, y = imbalanced_data(n_samples=300)
    frame = pd.DataFrame(X, index=[f"r{i}" for i in range(len(X))])
    target = pd.Series(y, index=frame.index)
    X_res, y_res = ClusterCentroids(random_state=0).fit_resample(frame, target)
    assert X_res.index[:32].isin(frame.index).all()
    assert not X_res.index[32:].isin(frame.index).any()
    assert y_res.index.equals(X_res.index)


def test_big_classes_use_mini_batch_kmeans():
    """Check the switch to MiniBatchKMeans above ten million rows x clusters."""
    X, y = imbalanced_data(n_samples=300)
    sampler = ClusterCentroids(random_state=0)
    sampler.fit_resample(X, y)
    assert type(sampler.estimator_) is KMeans
    assert type(default_clustering(10**5, 100, 0)) is KMeans
    big = default_clustering(10**5, 101, 0)
    assert type(big) is MiniBatchKMeans and big.n_clusters == 101
    assert big.batch_size == 4096 and big.random_state == 0


def test_given_estimator_is_cloned_and_seeded():
    """Check that a given clustering is used, unseeded parameters seeded."""
    X, y = imbalanced_data(n_samples=300)
    given = KMeans(n_init=2)
    first = ClusterCentroids(estimator=given, random_state=3).fit_resample(X, y)
    second = ClusterCentroids(estimator=given, random_state=3).fit_resample(X, y)
    np.testing.assert_array_equal(first[0], second[0])
    assert given.random_state is None and not hasattr(given, "cluster_centers_")


def test_generator_random_state_is_reproducible():
    X, y = imbalanced_data(n_samples=300)
    first = ClusterCentroids(random_state=np.random.default_rng(1)).fit_resample(X, y)
    again = ClusterCentroids(random_state=np.random.default_rng(1)).fit_resample(X, y)
    np.testing.assert_array_equal(first[0], again[0])


def test_classes_kept_whole_are_not_clustered():
    """Check that a class asked at its full size keeps its own rows."""
    X, y = imbalanced_data(n_samples=300)
    sampler = ClusterCentroids(random_state=0, sampling_strategy={0: 179, 1: 40})
    _, y_res = sampler.fit_resample(X, y)
    assert np.isin(np.flatnonzero(y == 0), sampler.sample_indices_).all()
    assert np.bincount(y_res).tolist() == [179, 40, 32]


def test_error_estimator_without_n_clusters():
    X, y = imbalanced_data(n_samples=300)
    with pytest.raises(
        ValueError,
        match=r"estimator of ClusterCentroids must have an n_clusters parameter.*"
        r"FixedCentresNoClusters has none",
    ):
        ClusterCentroids(estimator=FixedCentresNoClusters()).fit_resample(X, y)


class FixedCentresNoClusters(BaseEstimator):
    def fit(self, X, y=None):
        return self


def test_error_estimator_without_centroids():
    X, y = imbalanced_data(n_samples=300)
    with pytest.raises(
        ValueError, match=r"AgglomerativeClustering has no cluster_centers_"
    ):
        ClusterCentroids(estimator=AgglomerativeClustering()).fit_resample(X, y)


def test_error_unknown_voting():
    X, y = imbalanced_data(n_samples=300)
    with pytest.raises(ValueError, match=r"'voting' parameter of ClusterCentroids"):
        ClusterCentroids(voting="majority").fit_resample(X, y)
