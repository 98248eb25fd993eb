"""Behaviour of the numeric SMOTE family: SMOTE, BorderlineSMOTE, SVMSMOTE,
KMeansSMOTE and ADASYN.

Neighbours are recomputed independently with scikit-learn, and
imbalanced-learn serves as the oracle where its behaviour is the reference.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.datasets import make_classification
from sklearn.neighbors import NearestNeighbors
from sklearn.svm import SVC
from threadpoolctl import threadpool_limits

from imbalance._exceptions import ImbalanceWarning
from imbalance.over_sampling import (
    ADASYN,
    SMOTE,
    SVMSMOTE,
    BorderlineSMOTE,
    KMeansSMOTE,
)
from imbalance.over_sampling._smote import interpolate, share_out
from imbalance.strategy import class_counts

SAMPLERS = [SMOTE, BorderlineSMOTE, SVMSMOTE, KMeansSMOTE, ADASYN]


def overlapping_data(n_samples=300, weights=(0.8, 0.2), seed=0, n_features=4):
    """Seeded data whose classes overlap, so every sampler has a border."""
    X, y = make_classification(
        n_samples=n_samples,
        n_features=n_features,
        n_informative=n_features,
        n_redundant=0,
        n_clusters_per_class=1,
        n_classes=len(weights),
        weights=list(weights),
        class_sep=0.8,
        flip_y=0,
        random_state=seed,
    )
    return X, y


def synthetic_part(sampler, X_res, y_res):
    mask = sampler.generated_mask_
    return np.asarray(X_res)[mask], np.asarray(y_res)[mask]


def admissible_targets(points, n_neighbors, reference=None):
    """For each row of ``points``, every row of ``reference`` (default: the
    points themselves, self excluded) at or within its k-th nearest distance,
    so ties cannot hide an admissible neighbour."""
    reference = points if reference is None else reference
    distances = np.linalg.norm(points[:, None, :] - reference[None, :, :], axis=2)
    if reference is points:
        np.fill_diagonal(distances, np.inf)
    kth = np.sort(distances, axis=1)[:, n_neighbors - 1]
    return [
        np.flatnonzero(row <= bound * (1 + 1e-12)) for row, bound in zip(distances, kth)
    ]


def segment_step(point, origin, target):
    """The step ``u`` with ``point = origin + u (target - origin)``, or None."""
    direction = target - origin
    length2 = direction @ direction
    if length2 == 0:
        return 0.0 if np.allclose(point, origin) else None
    u = (point - origin) @ direction / length2
    if np.allclose(origin + u * direction, point, atol=1e-9, rtol=1e-7):
        return u
    return None


def find_segment(point, origins, targets_of, target_rows, low=0.0, high=1.0):
    """Whether ``point`` lies on a segment from some origin to one of its
    admissible targets, with a step in [low, high)."""
    for origin_index, origin in enumerate(origins):
        for target in targets_of[origin_index]:
            u = segment_step(point, origin, target_rows[target])
            if u is not None and low - 1e-9 <= u < high + 1e-9:
                return True
    return False


# --------------------------------------------------------------------------
# SMOTE
# --------------------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(
    n_minority=st.integers(4, 12),
    n_features=st.integers(1, 4),
    k=st.integers(1, 3),
    seed=st.integers(0, 2**16),
    on_grid=st.booleans(),
)
def test_smote_points_lie_on_neighbour_segments(
    n_minority, n_features, k, seed, on_grid
):
    """Check that every synthetic SMOTE point lies on the segment between a
    minority row and one of its k nearest minority neighbours (recomputed by
    brute force, ties included), with a step in [0, 1)."""
    rng = np.random.default_rng(seed)
    n_majority = n_minority + 10
    X = rng.normal(size=(n_minority + n_majority, n_features))
    if on_grid:  # duplicates and tied distances
        X = np.round(X)
    y = np.array([1] * n_minority + [0] * n_majority)
    sampler = SMOTE(k_neighbors=k, random_state=seed)
    X_new, y_new = synthetic_part(sampler, *sampler.fit_resample(X, y))

    assert len(X_new) == n_majority - n_minority and (y_new == 1).all()
    minority = X[y == 1]
    targets_of = admissible_targets(minority, k)
    for point in X_new:
        assert find_segment(point, minority, targets_of, minority)


def test_smote_neighbours_match_scikit_learn():
    """Check, on tie-free data, that each synthetic row's segment uses one of
    the k neighbours scikit-learn's NearestNeighbors finds."""
    X, y = overlapping_data()
    minority = X[y == 1]
    neighbors = NearestNeighbors(n_neighbors=4).fit(minority)
    targets_of = neighbors.kneighbors(minority, return_distance=False)[:, 1:]
    sampler = SMOTE(k_neighbors=3, random_state=0)
    X_new, _ = synthetic_part(sampler, *sampler.fit_resample(X, y))
    assert all(find_segment(p, minority, targets_of, minority) for p in X_new)


def test_smote_multiclass_uses_each_class_own_neighbours():
    """Check that each grown class's new rows join two rows of that class."""
    X, y = overlapping_data(weights=(0.6, 0.25, 0.15))
    sampler = SMOTE(k_neighbors=3, random_state=1)
    X_new, y_new = synthetic_part(sampler, *sampler.fit_resample(X, y))
    for label in (1, 2):
        rows = X[y == label]
        targets_of = admissible_targets(rows, 3)
        for point in X_new[y_new == label][:40]:
            assert find_segment(point, rows, targets_of, rows)


@pytest.mark.parametrize(
    "strategy, expected",
    [
        ("auto", {0: 180, 1: 180, 2: 180}),
        ("minority", {0: 180, 1: 75, 2: 180}),
        ({1: 100, 2: 60}, {0: 180, 1: 100, 2: 60}),
        (lambda y: {2: 50}, {0: 180, 1: 75, 2: 50}),
    ],
)
def test_smote_counts_per_strategy(strategy, expected):
    """Check the class sizes each form of sampling_strategy gives."""
    X, y = overlapping_data(weights=(0.6, 0.25, 0.15))
    assert class_counts(y) == {0: 180, 1: 75, 2: 45}
    _, y_res = SMOTE(sampling_strategy=strategy, random_state=0).fit_resample(X, y)
    assert class_counts(y_res) == expected


def test_smote_float_ratio():
    """Check a float ratio on binary data: minority = int(ratio * majority)."""
    X, y = overlapping_data()
    _, y_res = SMOTE(sampling_strategy=0.5, random_state=0).fit_resample(X, y)
    assert class_counts(y_res) == {0: 240, 1: 120}


@pytest.mark.parametrize("sampler_class", SAMPLERS)
def test_sparse_and_dense_give_identical_rows(sampler_class):
    """Check that CSR input gives bit-identical rows to its dense copy, and
    stays sparse without explicit zeros."""
    X, y = overlapping_data(seed=3)
    X = np.where(np.abs(X) < 0.6, 0.0, X)
    X_sparse = sp.csr_matrix(X)
    sparse_res, y_sparse = sampler_class(random_state=0).fit_resample(X_sparse, y)
    dense_res, y_dense = sampler_class(random_state=0).fit_resample(X, y)
    assert sp.issparse(sparse_res) and sparse_res.format == "csr"
    np.testing.assert_array_equal(sparse_res.toarray(), dense_res)
    np.testing.assert_array_equal(y_sparse, y_dense)
    assert not (sparse_res.data == 0).any()


@pytest.mark.parametrize("sampler_class", SAMPLERS)
def test_float32_stays_float32_and_close_to_float64(sampler_class):
    """Check that float32 data gives float32 rows near the float64 result."""
    X, y = overlapping_data(seed=4)
    X32 = X.astype(np.float32)
    res32, _ = sampler_class(random_state=0).fit_resample(X32, y)
    res64, _ = sampler_class(random_state=0).fit_resample(X32.astype(np.float64), y)
    assert res32.dtype == np.float32
    np.testing.assert_allclose(res32, res64, rtol=1e-5, atol=1e-5)


def test_interpolate_sparse_output_is_linear_in_its_rows():
    """Check that sparse interpolation stores no more entries than the two
    rows it combines, and matches the dense kernel exactly."""
    rng = np.random.default_rng(0)
    dense = np.where(rng.random((50, 200)) < 0.95, 0.0, rng.normal(size=(50, 200)))
    rows = sp.csr_matrix(dense)
    origins, targets = rng.integers(50, size=1000), rng.integers(50, size=1000)
    steps = rng.random(1000)
    out = interpolate(rows, origins, rows, targets, steps)
    bound = np.diff(rows.indptr)[origins] + np.diff(rows.indptr)[targets]
    assert (np.diff(out.indptr) <= bound).all()
    np.testing.assert_array_equal(
        out.toarray(), interpolate(dense, origins, dense, targets, steps)
    )


def test_share_out_sums_exactly():
    """Check that shares add up to the total and follow the weights."""
    shares = share_out(1000, np.array([0.0, 1.0, 2.0, 7.0]))
    assert shares.sum() == 1000 and shares[0] == 0
    assert shares.tolist() == [0, 100, 200, 700]
    assert share_out(7, np.ones(3)).sum() == 7


def test_k_neighbors_estimator_matches_int():
    """Check that NearestNeighbors(n_neighbors=k + 1) equals k_neighbors=k, as
    in imbalanced-learn."""
    X, y = overlapping_data()
    with_int = SMOTE(k_neighbors=5, random_state=0).fit_resample(X, y)
    search = NearestNeighbors(n_neighbors=6)
    with_estimator = SMOTE(k_neighbors=search, random_state=0).fit_resample(X, y)
    np.testing.assert_array_equal(with_int[0], with_estimator[0])


def test_pandas_marks_synthetic_rows():
    """Check that synthetic rows get fresh index labels after the kept rows,
    and generated_mask_ says which rows they are."""
    X, y = overlapping_data()
    frame = pd.DataFrame(X, columns=list("abcd"), index=np.arange(len(y)) * 10)
    target = pd.Series(y, index=frame.index, name="bought")
    sampler = SMOTE(random_state=0)
    X_res, y_res = sampler.fit_resample(frame, target)
    n_new = int(sampler.generated_mask_.sum())
    assert n_new == 180
    assert X_res.index[:300].equals(frame.index)
    assert not X_res.index[sampler.generated_mask_].isin(frame.index).any()
    assert X_res.index.is_unique and X_res.index.equals(y_res.index)
    assert (y_res[sampler.generated_mask_] == 1).all()


# --------------------------------------------------------------------------
# Errors: a class too small for its neighbours
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sampler_class, param, value",
    [
        (SMOTE, "k_neighbors", 5),
        (BorderlineSMOTE, "k_neighbors", 5),
        (SVMSMOTE, "k_neighbors", 5),
        (KMeansSMOTE, "k_neighbors", 5),
        (ADASYN, "n_neighbors", 5),
    ],
)
def test_error_class_smaller_than_k_plus_one(sampler_class, param, value):
    """Check the message names the class, its size, k and both fixes."""
    rng = np.random.default_rng(0)
    X = rng.normal(size=(40, 3))
    y = np.array(["left"] * 36 + ["bought"] * 4)
    sampler = sampler_class(**{param: value}, random_state=0)
    message = (
        rf"{param}=5 needs at least 6 samples of class 'bought'; it has 4\. "
        rf"Lower {param} to at most 3 or use RandomOverSampler\."
    )
    with pytest.raises(ValueError, match=message):
        sampler.fit_resample(X, y)


def test_error_m_neighbors_larger_than_data():
    """Check that m_neighbors beyond the data is refused with the fix."""
    X = np.random.default_rng(0).normal(size=(9, 2))
    y = np.array([0] * 6 + [1] * 3)
    with pytest.raises(ValueError, match=r"m_neighbors=10 needs at least 11 samples"):
        BorderlineSMOTE(k_neighbors=2, random_state=0).fit_resample(X, y)


@pytest.mark.parametrize("sampler_class", SAMPLERS)
def test_error_bad_k_neighbors_type(sampler_class):
    """Check that a k_neighbors of the wrong kind is refused up front."""
    param = "n_neighbors" if sampler_class is ADASYN else "k_neighbors"
    X, y = overlapping_data()
    with pytest.raises(ValueError, match=rf"The '{param}' parameter of"):
        sampler_class(**{param: "five"}).fit_resample(X, y)


# --------------------------------------------------------------------------
# BorderlineSMOTE
# --------------------------------------------------------------------------


def danger_rows_by_definition(X, y, label, m):
    """Rows of ``label`` with m/2 <= (other-class neighbours among m) < m."""
    neighbors = NearestNeighbors(n_neighbors=m + 1).fit(X)
    rows = np.flatnonzero(y == label)
    found = neighbors.kneighbors(X[rows], return_distance=False)[:, 1:]
    n_other = (y[found] != label).sum(axis=1)
    return rows[(n_other >= m / 2) & (n_other < m)]


@pytest.mark.parametrize("kind", ["borderline-1", "borderline-2"])
def test_borderline_seeds_only_from_danger_rows(kind):
    """Check that the danger rows follow the definition and that every new
    row lies on a segment from a danger row (kind 1: to a class neighbour;
    kind 2: to any neighbour, at most half way to another class)."""
    X, y = overlapping_data(seed=5)
    sampler = BorderlineSMOTE(kind=kind, random_state=0)
    X_new, _ = synthetic_part(sampler, *sampler.fit_resample(X, y))
    danger = danger_rows_by_definition(X, y, 1, 10)
    np.testing.assert_array_equal(sampler.in_danger_indices_[1], danger)
    assert 0 < danger.size < (y == 1).sum()

    if kind == "borderline-1":
        minority = X[y == 1]
        positions = np.searchsorted(np.flatnonzero(y == 1), danger)
        targets_of = [admissible_targets(minority, 5)[p] for p in positions]
        assert all(find_segment(p, X[danger], targets_of, minority) for p in X_new)
        return
    targets_of = admissible_targets(X, 5)
    same = [t[y[t] == 1] for t in (targets_of[d] for d in danger)]
    other = [t[y[t] != 1] for t in (targets_of[d] for d in danger)]
    for point in X_new:
        assert find_segment(point, X[danger], same, X) or find_segment(
            point, X[danger], other, X, high=0.5
        )


def test_borderline_without_danger_rows_warns_and_adds_nothing():
    """Check that a class with no border is left alone, with a warning that
    names the fix, and that sampling_strategy_ says so."""
    rng = np.random.default_rng(0)
    X = np.vstack([rng.normal(0, 1, (60, 2)), rng.normal(50, 1, (20, 2))])
    y = np.array([0] * 60 + [1] * 20)
    sampler = BorderlineSMOTE(random_state=0)
    with pytest.warns(ImbalanceWarning, match=r"no row of class 1 in danger.*SMOTE"):
        X_res, _ = sampler.fit_resample(X, y)
    assert X_res.shape == X.shape and sampler.sampling_strategy_ == {1: 0}


def test_borderline_matches_imbalanced_learn_danger_rows():
    """Check our danger rows and counts against imbalanced-learn's."""
    imblearn = pytest.importorskip("imblearn.over_sampling")
    X, y = overlapping_data(seed=6, weights=(0.6, 0.25, 0.15))
    ours = BorderlineSMOTE(random_state=0)
    _, y_ours = ours.fit_resample(X, y)
    theirs = imblearn.BorderlineSMOTE(random_state=0)
    _, y_theirs = theirs.fit_resample(X, y)
    for label, rows in theirs.in_danger_indices.items():
        np.testing.assert_array_equal(ours.in_danger_indices_[label], rows)
    assert class_counts(y_ours) == class_counts(y_theirs)


# --------------------------------------------------------------------------
# ADASYN
# --------------------------------------------------------------------------


def test_adasyn_generates_more_near_harder_rows():
    """Check that a minority group mixed into the majority gets most new rows,
    and one far from it gets none."""
    rng = np.random.default_rng(0)
    majority = rng.normal(0, 1, (200, 2))
    mixed = rng.normal(0, 1, (15, 2))  # inside the majority
    apart = rng.normal(12, 0.5, (15, 2))  # far away, no majority neighbour
    X = np.vstack([majority, mixed, apart])
    y = np.array([0] * 200 + [1] * 30)
    sampler = ADASYN(random_state=0)
    X_new, _ = synthetic_part(sampler, *sampler.fit_resample(X, y))
    assert len(X_new) == 170
    near_apart = np.linalg.norm(X_new - 12, axis=1) < 4
    assert near_apart.sum() == 0


def test_adasyn_shares_follow_hardness():
    """Check that rows with more other-class neighbours seed more new rows:
    each new row is nearest to a minority row, and counts rise with the
    fraction of other-class neighbours."""
    X, y = overlapping_data(seed=7)
    sampler = ADASYN(n_neighbors=5, random_state=0)
    X_new, _ = synthetic_part(sampler, *sampler.fit_resample(X, y))
    rows = np.flatnonzero(y == 1)
    found = NearestNeighbors(n_neighbors=6).fit(X).kneighbors(X[rows])[1][:, 1:]
    hardness = (y[found] != 1).mean(axis=1)
    easy, hard = hardness <= 0.2, hardness >= 0.8
    origin = NearestNeighbors(n_neighbors=1).fit(X[rows]).kneighbors(X_new)[1][:, 0]
    seeded = np.bincount(origin, minlength=rows.size)
    assert easy.any() and hard.any()
    assert seeded[hard].mean() > 2 * seeded[easy].mean()


def test_adasyn_count_exact_where_imbalanced_learn_rounds():
    """Check that ADASYN adds exactly the asked rows (imbalanced-learn's
    rounding of per-row shares may add a few more or fewer)."""
    imblearn = pytest.importorskip("imblearn.over_sampling")
    X, y = overlapping_data(seed=8)
    _, y_ours = ADASYN(random_state=0).fit_resample(X, y)
    _, y_theirs = imblearn.ADASYN(random_state=0).fit_resample(X, y)
    assert class_counts(y_ours) == {0: 240, 1: 240}
    assert abs(class_counts(y_theirs)[1] - 240) <= 60 // 2


def test_adasyn_without_hard_rows_warns():
    """Check that a class with no other-class neighbour is left alone."""
    rng = np.random.default_rng(0)
    X = np.vstack([rng.normal(0, 1, (60, 2)), rng.normal(50, 1, (20, 2))])
    y = np.array([0] * 60 + [1] * 20)
    sampler = ADASYN(random_state=0)
    with pytest.warns(ImbalanceWarning, match=r"ADASYN found no row of class 1"):
        X_res, _ = sampler.fit_resample(X, y)
    assert X_res.shape == X.shape


# --------------------------------------------------------------------------
# SVMSMOTE
# --------------------------------------------------------------------------


def test_svmsmote_grows_from_support_vectors():
    """Check, with the SVM trained on every row, that the kept support vectors
    are the SVC's minority support vectors that are not noise, and that each
    new row lies on a line from one of them to a class neighbour: inside the
    segment (danger) or up to out_step beyond the origin (safe)."""
    X, y = overlapping_data(seed=9)
    sampler = SVMSMOTE(svm_rows="all", random_state=0)
    X_new, y_new = synthetic_part(sampler, *sampler.fit_resample(X, y))
    assert len(X_new) == 180 and (y_new == 1).all()

    svc = SVC(gamma="scale").fit(X, y)
    support = svc.support_[y[svc.support_] == 1]
    kept = sampler.support_indices_[1]
    assert set(kept) <= set(support) and kept.size > 0
    minority = X[y == 1]
    positions = np.searchsorted(np.flatnonzero(y == 1), kept)
    targets_of = [admissible_targets(minority, 5)[p] for p in positions]
    for point in X_new:
        assert find_segment(point, X[kept], targets_of, minority, low=-0.5)


def test_svmsmote_border_rows_find_nearly_the_same_support_vectors():
    """Check that training on the border region keeps most support vectors
    of training on every row."""
    X, y = overlapping_data(n_samples=1000, weights=(0.9, 0.1), seed=10)
    border = SVMSMOTE(random_state=0)
    border.fit_resample(X, y)
    every = SVMSMOTE(svm_rows="all", random_state=0)
    every.fit_resample(X, y)
    a, b = set(border.support_indices_[1]), set(every.support_indices_[1])
    assert len(a & b) / len(a | b) > 0.8


def test_svmsmote_needs_support_vectors():
    """Check that an estimator without support_ is refused with the fix."""
    from sklearn.linear_model import LogisticRegression

    X, y = overlapping_data()
    sampler = SVMSMOTE(svm_estimator=LogisticRegression())
    with pytest.raises(ValueError, match=r"has no support_ attribute.*SVC"):
        sampler.fit_resample(X, y)


def test_svmsmote_counts_match_imbalanced_learn():
    """Check the counts equal imbalanced-learn's when it has both groups."""
    imblearn = pytest.importorskip("imblearn.over_sampling")
    X, y = overlapping_data(seed=11)
    _, y_ours = SVMSMOTE(random_state=0).fit_resample(X, y)
    _, y_theirs = imblearn.SVMSMOTE(random_state=0).fit_resample(X, y)
    assert class_counts(y_ours) == class_counts(y_theirs)


# --------------------------------------------------------------------------
# KMeansSMOTE
# --------------------------------------------------------------------------


def test_kmeans_smote_defaults_work_where_imbalanced_learn_finds_no_cluster():
    """Check that the defaults grow 95/5 data on which imbalanced-learn's
    KMeansSMOTE fails with "No clusters found"."""
    imblearn = pytest.importorskip("imblearn.over_sampling")
    X, y = make_classification(n_samples=1000, weights=[0.95, 0.05], random_state=0)
    with (
        threadpool_limits(limits=1, user_api="openmp"),
        pytest.raises(RuntimeError, match="No clusters found"),
    ):
        imblearn.KMeansSMOTE(random_state=0).fit_resample(X, y)
    sampler = KMeansSMOTE(random_state=0)
    _, y_res = sampler.fit_resample(X, y)
    counts = class_counts(y)
    assert class_counts(y_res) == {0: counts[0], 1: counts[0]}
    assert len(sampler.cluster_weights_[1]) >= 1


def test_kmeans_smote_rows_stay_inside_their_cluster():
    """Check that each new row joins two class rows of one kept cluster."""
    X, y = overlapping_data(n_samples=600, weights=(0.85, 0.15), seed=12)
    sampler = KMeansSMOTE(random_state=0)
    X_new, _ = synthetic_part(sampler, *sampler.fit_resample(X, y))
    clusters = sampler.kmeans_estimator_.labels_
    weights = sampler.cluster_weights_[1]
    assert np.isclose(sum(weights.values()), 1.0)
    pieces = []
    for cluster in weights:
        rows = X[(y == 1) & (clusters == cluster)]
        pieces.append((rows, admissible_targets(rows, 2)))
    for point in X_new[:60]:
        assert any(find_segment(point, rows, t, rows) for rows, t in pieces)


def test_kmeans_smote_error_names_the_threshold_that_works():
    """Check that an impossible threshold gets an error naming a value that
    works, and that the value does work."""
    X, y = make_classification(n_samples=1000, weights=[0.95, 0.05], random_state=0)
    with pytest.raises(ValueError, match=r"cluster_balance_threshold to ") as info:
        KMeansSMOTE(cluster_balance_threshold=0.99, random_state=0).fit_resample(X, y)
    message = str(info.value)
    assert "kmeans_estimator=" in message
    value = float(message.split("cluster_balance_threshold to ")[1].split(",")[0])
    sampler = KMeansSMOTE(cluster_balance_threshold=value, random_state=0)
    _, y_res = sampler.fit_resample(X, y)
    assert class_counts(y_res)[1] == class_counts(y)[0]


def test_kmeans_smote_error_suggests_fewer_clusters():
    """Check that too many clusters for the class gets the fewer-clusters fix."""
    X, y = make_classification(n_samples=400, weights=[0.95, 0.05], random_state=0)
    with pytest.raises(
        ValueError, match=r"Use fewer clusters, e\.g\. kmeans_estimator="
    ):
        KMeansSMOTE(kmeans_estimator=200, random_state=0).fit_resample(X, y)


def test_kmeans_smote_single_cluster_is_smote_like():
    """Check that one cluster grows the class from all its rows."""
    X, y = overlapping_data(seed=13)
    sampler = KMeansSMOTE(kmeans_estimator=1, random_state=0)
    X_new, _ = synthetic_part(sampler, *sampler.fit_resample(X, y))
    assert sampler.cluster_weights_[1] == {0: 1.0}
    minority = X[y == 1]
    targets_of = admissible_targets(minority, 2)
    assert all(find_segment(p, minority, targets_of, minority) for p in X_new[:50])


# --------------------------------------------------------------------------
# Against imbalanced-learn
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["SMOTE", "BorderlineSMOTE", "SVMSMOTE"], ids=str.lower
)
def test_counts_match_imbalanced_learn(name):
    """Check the class sizes equal imbalanced-learn's on multiclass data."""
    imblearn = pytest.importorskip("imblearn.over_sampling")
    import imbalance.over_sampling as ours

    X, y = overlapping_data(seed=14, weights=(0.6, 0.25, 0.15))
    _, y_ours = getattr(ours, name)(random_state=0).fit_resample(X, y)
    _, y_theirs = getattr(imblearn, name)(random_state=0).fit_resample(X, y)
    assert class_counts(y_ours) == class_counts(y_theirs)


def test_smote_rows_on_imbalanced_learn_admissible_segments():
    """Check that every synthetic row of ours lies on a segment imbalanced-
    learn's SMOTE could draw (its own neighbour search), and that both move
    the class mean alike."""
    imblearn = pytest.importorskip("imblearn.over_sampling")
    X, y = overlapping_data(seed=15)
    theirs = imblearn.SMOTE(random_state=0)
    theirs.fit_resample(X, y)
    minority = X[y == 1]
    targets_of = theirs.nn_k_.fit(minority).kneighbors(minority)[1][:, 1:]
    ours = SMOTE(random_state=0)
    X_res, y_res = ours.fit_resample(X, y)
    X_new, _ = synthetic_part(ours, X_res, y_res)
    assert all(find_segment(p, minority, targets_of, minority) for p in X_new)
    X_theirs = theirs.fit_resample(X, y)[0][len(y) :]
    np.testing.assert_allclose(X_new.mean(axis=0), X_theirs.mean(axis=0), atol=0.15)


def test_same_seed_same_rows_whatever_n_jobs():
    """Check n_jobs never changes the rows, for each sampler."""
    X, y = overlapping_data(seed=16)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for sampler_class in SAMPLERS:
            one = sampler_class(random_state=3, n_jobs=1).fit_resample(X, y)[0]
            two = sampler_class(random_state=3, n_jobs=2).fit_resample(X, y)[0]
            np.testing.assert_array_equal(one, two)
