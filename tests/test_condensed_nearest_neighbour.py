"""CondensedNearestNeighbour and OneSidedSelection.

The blocked condensing kernel is compared with a literal row-by-row Hart
rule; the samplers are checked for the condensation guarantee on generated
and real data, for their target sizes, and OSS against a reference built
from scikit-learn and imbalanced-learn pieces.
"""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from imblearn.under_sampling import TomekLinks as ImblearnTomekLinks
from sklearn.datasets import make_classification
from sklearn.neighbors import KNeighborsClassifier

from imbalance._validation import as_generator, encode_labels
from imbalance.neighbors import kneighbors
from imbalance.under_sampling import (
    CondensedNearestNeighbour,
    OneSidedSelection,
    _condensation,
)
from imbalance.under_sampling._condensation import condense
from imbalance.under_sampling._condensed_nearest_neighbour import (
    _condensed_classes,
    _starting_store,
)

from .conftest import load_keel


def overlapping_data(n_samples=500, weights=(0.6, 0.3, 0.1), seed=0, n_features=4):
    return make_classification(
        n_samples=n_samples,
        n_features=n_features,
        n_informative=3,
        n_redundant=0,
        n_classes=len(weights),
        n_clusters_per_class=1,
        weights=list(weights),
        class_sep=0.8,
        random_state=seed,
    )


def literal_hart(
    X, codes, n_classes, initial, candidates, k=1, max_passes=None, limits=None
):
    """Hart's rule row by row: one search over the current store per row."""
    store = list(initial)
    kept = np.bincount(codes[store], minlength=n_classes)
    limits = np.full(n_classes, len(codes) + 1) if limits is None else limits
    n_passes = 0
    while max_passes is None or n_passes < max_passes:
        n_passes += 1
        added = False
        for row in candidates:
            if row in store or kept[codes[row]] >= limits[codes[row]]:
                continue
            stored = np.array(store)
            nearest = kneighbors(X[stored], k, query=X[[row]], return_distance=False)
            votes = np.bincount(codes[stored][nearest[0]], minlength=n_classes)
            if np.argmax(votes) != codes[row]:
                store.append(row)
                kept[codes[row]] += 1
                added = True
        if not added:
            break
    return np.sort(store)


def nearest_kept_distances(X, y, kept):
    """For each removed row: distance to the nearest kept row of its class and
    to the nearest kept row of another class."""
    removed = np.setdiff1d(np.arange(len(y)), kept)
    own, other = np.empty(removed.size), np.empty(removed.size)
    for label in np.unique(y[removed]):
        rows = removed[y[removed] == label]
        at = y[removed] == label
        same, diff = kept[y[kept] == label], kept[y[kept] != label]
        own[at] = kneighbors(X[same], 1, query=X[rows])[0][:, 0]
        other[at] = kneighbors(X[diff], 1, query=X[rows])[0][:, 0]
    return own, other


@pytest.mark.parametrize("block_rows", [5, 1024])
@pytest.mark.parametrize("k", [1, 3])
@pytest.mark.parametrize("max_passes", [None, 2])
@pytest.mark.parametrize("seed", [0, 5])
def test_blocked_kernel_equals_literal_rule(
    seed, max_passes, k, block_rows, monkeypatch
):
    """Check that blocks give exactly the rows of the row-by-row rule."""
    monkeypatch.setattr(_condensation, "BLOCK_ROWS", block_rows)
    X, y = overlapping_data(n_samples=200, seed=seed)
    initial = np.sort(np.random.default_rng(seed).choice(200, 5, replace=False))
    candidates = np.setdiff1d(np.arange(200), initial)
    kept, _ = condense(
        X, y, 3, initial, candidates, n_neighbors=k, max_passes=max_passes
    )
    expected = literal_hart(X, y, 3, initial, candidates, k=k, max_passes=max_passes)
    np.testing.assert_array_equal(kept, expected)


def test_blocked_kernel_equals_literal_rule_with_limits(monkeypatch):
    """Check that class limits stop a class exactly where the literal rule does."""
    monkeypatch.setattr(_condensation, "BLOCK_ROWS", 16)
    X, y = overlapping_data(n_samples=300, seed=1)
    initial = np.array([0, 1, 2, 3, 4])
    candidates = np.arange(5, 300)
    limits = np.array([20, 15, 300])
    kept, _ = condense(X, y, 3, initial, candidates, limits=limits)
    np.testing.assert_array_equal(
        kept, literal_hart(X, y, 3, initial, candidates, limits=limits)
    )
    assert (np.bincount(y[kept], minlength=3)[:2] <= limits[:2]).all()


def test_sparse_input_keeps_the_same_rows():
    """Check that CSR input condenses exactly like its dense copy."""
    X, y = overlapping_data(n_samples=300)
    X = np.where(np.abs(X) < 0.3, 0.0, X)
    dense = CondensedNearestNeighbour(random_state=0).fit_resample(X, y)[1]
    sampler = CondensedNearestNeighbour(random_state=0)
    sampler.fit_resample(sp.csr_matrix(X), y)
    np.testing.assert_array_equal(y[sampler.sample_indices_], dense)


@pytest.mark.parametrize("strategy", ["auto", "all", "not majority"])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_removed_rows_are_classified_correctly(strategy, seed):
    """Check the guarantee: 1-NN on the kept rows classifies every removed row.

    On continuous data no distance ties: each removed row is strictly nearer
    a kept row of its own class than any kept row of another class.
    """
    X, y = overlapping_data(seed=seed)
    cnn = CondensedNearestNeighbour(sampling_strategy=strategy, random_state=seed)
    cnn.fit_resample(X, y)
    kept = cnn.sample_indices_
    assert len(kept) < len(y)
    own, other = nearest_kept_distances(X, y, kept)
    assert (own < other).all()


def test_one_pass_is_enough_when_one_class_is_condensed():
    """Check that a binary problem needs a single pass, and more classes may not."""
    X, y = overlapping_data(weights=(0.85, 0.15))
    binary = CondensedNearestNeighbour(random_state=0)
    binary.fit_resample(X, y)
    assert binary.n_passes_ == 1
    X, y = overlapping_data(weights=(0.5, 0.4, 0.1))
    multi = CondensedNearestNeighbour(random_state=0)
    multi.fit_resample(X, y)
    assert multi.n_passes_ > 1


@pytest.mark.parametrize(
    "name", ["ecoli4", "glass_0_1_6_vs_5", "wisconsin", "car_good"]
)
def test_guarantee_on_real_data(name):
    """Check the guarantee on the bundled KEEL sets, which hold equal distances.

    With ties a removed row may be as near a kept row of another class as
    one of its own (the rule gives the tie to the row that joined first), but
    never nearer.
    """
    X, y = load_keel(name)
    cnn = CondensedNearestNeighbour(random_state=0)
    cnn.fit_resample(X, y)
    own, other = nearest_kept_distances(X, y, cnn.sample_indices_)
    assert (own <= other).all()
    assert (y[cnn.sample_indices_] == 1).sum() == (y == 1).sum()  # minority whole


def test_identical_rows_with_different_labels():
    """Check how CNN handles copies of a row that carry different labels.

    No 1-NN classifier can classify all copies correctly. The copy of the
    label that is misclassified joins the store; the removed copies then sit
    at distance 0 from kept rows of both labels, a tie, which is the best
    any store can do.
    """
    rng = np.random.default_rng(0)
    X = np.concatenate([rng.normal(0, 1, (60, 2)), rng.normal(2.5, 1, (15, 2))])
    y = np.array([0] * 60 + [1] * 15)
    X = np.concatenate([X, X[[3, 3, 61]]])  # copies: two of row 3, one of row 61
    y = np.concatenate([y, [1, 0, 0]])
    cnn = CondensedNearestNeighbour(random_state=0)
    cnn.fit_resample(X, y)
    kept = cnn.sample_indices_
    own, other = nearest_kept_distances(X, y, kept)
    assert (own <= other).all()
    assert 76 in kept  # row 3's copy of class 1 is kept whole with the minority
    removed = np.setdiff1d(np.arange(len(y)), kept)
    conflicted = np.isin(removed, [3, 61, 75, 76, 77])
    assert (own[~conflicted] < other[~conflicted]).all()


def test_target_size_stops_condensing_early():
    """Check that a target below what condensing keeps is met exactly."""
    X, y = overlapping_data(weights=(0.85, 0.15))
    full = CondensedNearestNeighbour(random_state=0)
    full.fit_resample(X, y)
    n_full = int((y[full.sample_indices_] == 0).sum())
    capped = CondensedNearestNeighbour(random_state=0, target_size=n_full // 2)
    _, y_res = capped.fit_resample(X, y)
    assert (y_res == 0).sum() == n_full // 2
    assert set(capped.sample_indices_) <= set(full.sample_indices_)


def test_target_size_tops_up_with_border_rows():
    """Check that a target above what condensing keeps is reached with the
    removed rows nearest to another class."""
    X, y = overlapping_data(weights=(0.85, 0.15))
    full = CondensedNearestNeighbour(random_state=0)
    full.fit_resample(X, y)
    n_full = int((y[full.sample_indices_] == 0).sum())
    grown = CondensedNearestNeighbour(random_state=0, target_size={0: n_full + 30})
    _, y_res = grown.fit_resample(X, y)
    assert (y_res == 0).sum() == n_full + 30
    added = np.setdiff1d(grown.sample_indices_, full.sample_indices_)
    still_out = np.setdiff1d(np.flatnonzero(y == 0), grown.sample_indices_)
    enemies = full.sample_indices_[y[full.sample_indices_] == 1]
    gap_added = kneighbors(X[enemies], 1, query=X[added])[0].max()
    gap_out = kneighbors(X[enemies], 1, query=X[still_out])[0].min()
    assert len(added) == 30 and gap_added <= gap_out


def test_k_voters_from_an_estimator():
    """Check that KNeighborsClassifier(n_neighbors=3) means 3 voters."""
    X, y = overlapping_data(weights=(0.85, 0.15))
    by_count = CondensedNearestNeighbour(random_state=0, n_neighbors=3)
    by_count.fit_resample(X, y)
    by_estimator = CondensedNearestNeighbour(
        random_state=0, n_neighbors=KNeighborsClassifier(n_neighbors=3)
    )
    by_estimator.fit_resample(X, y)
    np.testing.assert_array_equal(
        by_count.sample_indices_, by_estimator.sample_indices_
    )


def test_minority_is_kept_whole_even_when_selected():
    """Check that "all" condenses every class but the minority."""
    X, y = overlapping_data()
    _, y_res = CondensedNearestNeighbour(
        sampling_strategy="all", random_state=0
    ).fit_resample(X, y)
    assert (y_res == 2).sum() == (y == 2).sum()
    assert (y_res == 0).sum() < (y == 0).sum()


def oss_reference(X, y, seed):
    """Two-class OSS from scikit-learn's 1-NN and imbalanced-learn's TomekLinks."""
    classes, codes, sizes = encode_labels(y)
    condensed = _condensed_classes(classes, sizes, {0: int(sizes[0])})
    initial, candidates = _starting_store(codes, condensed, 1, as_generator(seed))
    knn = KNeighborsClassifier(n_neighbors=1).fit(X[initial], y[initial])
    misclassified = candidates[knn.predict(X[candidates]) != y[candidates]]
    kept = np.union1d(initial, misclassified)
    tomek = ImblearnTomekLinks(sampling_strategy=[0])
    tomek.fit_resample(X[kept], y[kept])
    return kept[np.sort(tomek.sample_indices_)]


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_oss_equals_its_definition(seed):
    """Check OSS against 1-NN on the starting store plus Tomek links."""
    X, y = overlapping_data(weights=(0.85, 0.15), seed=seed)
    oss = OneSidedSelection(random_state=seed)
    oss.fit_resample(X, y)
    np.testing.assert_array_equal(oss.sample_indices_, oss_reference(X, y, seed))


def test_oss_never_removes_a_whole_class():
    """Check that the Tomek step spares a class whose last rows are in links."""
    X = np.array([[0.0], [0.1], [0.2], [5.0], [5.1], [5.2], [5.3], [9.0], [9.2]])
    y = np.array([0, 0, 0, 1, 1, 1, 1, 2, 2])
    for seed in range(5):
        oss = OneSidedSelection(sampling_strategy="all", random_state=seed)
        _, y_res = oss.fit_resample(X, y)
        assert set(np.unique(y_res)) == {0, 1, 2}


# --- errors -------------------------------------------------------------------


def test_error_seeds_exceed_class():
    X = np.arange(20.0).reshape(10, 2)
    y = [0] * 7 + [1] * 3
    with pytest.raises(
        ValueError, match=r"n_seeds_S=8 needs at least 8 rows in class 0"
    ):
        CondensedNearestNeighbour(n_seeds_S=8).fit_resample(X, y)


def test_error_starting_store_smaller_than_voters():
    X = np.arange(20.0).reshape(10, 2)
    y = [0] * 8 + [1] * 2
    with pytest.raises(ValueError, match=r"When n_neighbors=5, the starting rows"):
        OneSidedSelection(n_neighbors=5).fit_resample(X, y)


def test_error_target_size_names_an_untouched_class():
    X, y = overlapping_data(weights=(0.85, 0.15))
    with pytest.raises(ValueError, match=r"target_size names class 1, which is not"):
        CondensedNearestNeighbour(target_size={1: 5}).fit_resample(X, y)


def test_error_target_size_above_class_size():
    X, y = overlapping_data(weights=(0.85, 0.15))
    with pytest.raises(ValueError, match=r"target_size asks for 9999 rows of class 0"):
        CondensedNearestNeighbour(target_size=9999).fit_resample(X, y)
