"""Tests of NearMiss: selection rules, oracle equality with imbalanced-learn."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from sklearn.neighbors import NearestNeighbors

from imbalance._exceptions import ImbalanceWarning
from imbalance.neighbors import kneighbors
from imbalance.under_sampling import NearMiss, _nearmiss
from imbalance.under_sampling._nearmiss import farthest_distance_sums
from tests.conftest import imbalanced_data, load_keel

imblearn_under = pytest.importorskip("imblearn.under_sampling")

SHARED_KEEL = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "keel"
BUNDLED_KEEL = ["ecoli4", "glass_0_1_6_vs_5", "yeast_1_vs_7", "wisconsin", "car_good"]


def imblearn_indices(X, y, **params):
    """Rows imbalanced-learn's NearMiss keeps, sorted, its warnings silenced."""
    sampler = imblearn_under.NearMiss(**params)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sampler.fit_resample(X, y)
    return np.sort(sampler.sample_indices_)


def our_indices(X, y, **params):
    sampler = NearMiss(**params)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ImbalanceWarning)
        sampler.fit_resample(X, y)
    return sampler.sample_indices_


def assert_matches_imblearn(X, y, version):
    """Equal to imbalanced-learn, or (version 3) different only through ties.

    Version 3 shortlists each minority row's nearest majority rows. When the
    last place of a shortlist is shared by rows at exactly the same distance,
    the neighbour engine takes the smaller row position and scikit-learn may
    take another. Handing scikit-learn's search to our NearMiss as the
    shortlist estimator then gives exactly imbalanced-learn's selection.
    """
    ours = our_indices(X, y, version=version)
    theirs = imblearn_indices(X, y, version=version)
    if np.array_equal(ours, theirs):
        return
    assert version == 3, f"version {version} differs from imbalanced-learn"
    assert_shortlists_differ_only_on_ties(X, y)
    same_search = our_indices(
        X, y, version=3, n_neighbors_ver3=NearestNeighbors(n_neighbors=3)
    )
    np.testing.assert_array_equal(same_search, theirs)


def assert_shortlists_differ_only_on_ties(X, y, n_shortlist=3):
    classes, counts = np.unique(y, return_counts=True)
    minority = X[y == classes[np.argmin(counts)]]
    for label in classes[counts > counts.min()]:
        X_class = X[y == label]
        ours = kneighbors(X_class, n_shortlist, query=minority, return_distance=False)
        search = NearestNeighbors(n_neighbors=n_shortlist).fit(X_class)
        theirs = search.kneighbors(minority, return_distance=False)
        differs = (np.sort(ours, axis=1) != np.sort(theirs, axis=1)).any(axis=1)
        if not differs.any():
            continue
        wider, _ = kneighbors(X_class, n_shortlist + 1, query=minority[differs])
        np.testing.assert_array_equal(wider[:, n_shortlist - 1], wider[:, n_shortlist])


@pytest.mark.parametrize("version", [1, 2, 3])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_same_rows_as_imblearn_on_generated_data(version, seed):
    """Check that every version keeps exactly imbalanced-learn's rows (3 classes)."""
    X, y = imbalanced_data(n_samples=400, seed=seed)
    np.testing.assert_array_equal(
        our_indices(X, y, version=version), imblearn_indices(X, y, version=version)
    )


@pytest.mark.parametrize("version", [1, 2, 3])
@pytest.mark.parametrize("name", BUNDLED_KEEL)
def test_same_rows_as_imblearn_on_bundled_keel(name, version):
    """Check oracle equality on the bundled real data, ties explained."""
    X, y = load_keel(name)
    assert_matches_imblearn(X, y, version)


def shared_keel_sets():
    if not SHARED_KEEL.is_dir():
        return []
    return sorted(path.name[: -len(".csv.gz")] for path in SHARED_KEEL.glob("*.csv.gz"))


@pytest.mark.slow
@pytest.mark.skipif(not SHARED_KEEL.is_dir(), reason="needs ../shared/datasets/keel")
@pytest.mark.parametrize("name", shared_keel_sets())
def test_same_rows_as_imblearn_on_every_keel_set(name):
    """Check oracle equality, all three versions, on every shared KEEL set."""
    frame = pd.read_csv(SHARED_KEEL / f"{name}.csv.gz")
    y = frame.pop("label").to_numpy()
    X = frame.to_numpy(dtype=float)
    for version in (1, 2, 3):
        assert_matches_imblearn(X, y, version)


def test_version_3_differs_from_imblearn_only_on_shortlist_ties():
    """Check the one kind of difference: tied last places of a shortlist.

    On car_good many majority rows sit at exactly the same distance from a
    minority row. The engine breaks such ties by the smaller row position;
    scikit-learn's search picks another of the tied rows, so its shortlist,
    and therefore imbalanced-learn's selection, differ. With scikit-learn's
    search as the shortlist estimator the selections agree again.
    """
    X, y = load_keel("car_good")
    ours = our_indices(X, y, version=3)
    theirs = imblearn_indices(X, y, version=3)
    assert not np.array_equal(ours, theirs)
    assert_shortlists_differ_only_on_ties(X, y)
    same_search = our_indices(
        X, y, version=3, n_neighbors_ver3=NearestNeighbors(n_neighbors=3)
    )
    np.testing.assert_array_equal(same_search, theirs)


def line_data():
    """Majority rows 0..7 on a line, minority rows at 9 and 10."""
    X = np.array([[0.0], [1.0], [2.0], [3.0], [4.0], [5.0], [6.0], [7.0]])
    X = np.vstack([X, [[9.0], [10.0]]])
    y = np.array([0] * 8 + [1] * 2)
    return X, y


def test_version_1_keeps_rows_nearest_their_nearest_minority_rows():
    """Check version 1 on a line: the two majority rows closest to 9 and 10."""
    X, y = line_data()
    sampler = NearMiss(version=1, n_neighbors=2)
    X_res, _ = sampler.fit_resample(X, y)
    assert sampler.sample_indices_.tolist() == [6, 7, 8, 9]
    assert X_res[:2].ravel().tolist() == [6.0, 7.0]


def test_version_2_scores_the_farthest_minority_rows():
    """Check that version 2 measures to the farthest, not the nearest, rows.

    Row 0 sits next to one far-out minority row but far from the others;
    version 1 keeps it, version 2 prefers rows close to the whole minority.
    """
    X = np.array([[0.0], [4.0], [5.0], [20.0], [-0.5], [6.0], [6.5]])
    y = np.array([0, 0, 0, 0, 1, 1, 1])
    nearest = NearMiss(version=1, n_neighbors=1, sampling_strategy={0: 1})
    farthest = NearMiss(version=2, n_neighbors=1, sampling_strategy={0: 1})
    nearest.fit_resample(X, y)
    farthest.fit_resample(X, y)
    assert nearest.sample_indices_.tolist() == [0, 4, 5, 6]
    assert farthest.sample_indices_.tolist() == [1, 4, 5, 6]


def test_version_3_keeps_farthest_of_the_shortlist():
    """Check version 3: shortlist of nearest rows, then the largest scores."""
    X, y = line_data()
    sampler = NearMiss(version=3, n_neighbors=1, n_neighbors_ver3=3)
    sampler.fit_resample(X, y)
    # Shortlist {5, 6, 7}; distance to the nearest minority row: 4, 3, 2.
    assert sampler.sample_indices_.tolist() == [5, 6, 8, 9]


def test_version_3_warns_and_keeps_a_short_shortlist():
    """Check that a shortlist smaller than asked is kept whole, with a warning."""
    X, y = line_data()
    sampler = NearMiss(version=3, n_neighbors=1, n_neighbors_ver3=1)
    with pytest.warns(ImbalanceWarning, match=r"shortlisted 1 rows of class 0"):
        _, y_res = sampler.fit_resample(X, y)
    assert sampler.sample_indices_.tolist() == [7, 8, 9]
    assert np.bincount(y_res).tolist() == [1, 2]


@pytest.mark.parametrize("version", [1, 2, 3])
def test_equal_scores_keep_the_earlier_row(version):
    """Check that ties are broken by the smaller row position."""
    X = np.array([[1.0], [1.0], [1.0], [-1.0], [-1.0], [0.0], [0.0]])
    y = np.array([0, 0, 0, 0, 0, 1, 1])
    sampler = NearMiss(version=version, n_neighbors=1, n_neighbors_ver3=5)
    sampler.fit_resample(X, y)
    assert sampler.sample_indices_.tolist() == [0, 1, 5, 6]


@pytest.mark.parametrize("version", [1, 2, 3])
def test_sparse_input_selects_the_dense_rows(version):
    """Check that CSR input keeps the same rows as the dense array."""
    X, y = imbalanced_data(n_samples=300)
    X = np.where(np.abs(X) < 0.7, 0.0, X)
    dense = our_indices(X, y, version=version)
    sparse = our_indices(sp.csr_matrix(X), y, version=version)
    np.testing.assert_array_equal(dense, sparse)


def test_estimator_counts_its_neighbours_as_imblearn():
    """Check that NearestNeighbors(n_neighbors=3) means 3 minority neighbours."""
    X, y = imbalanced_data(n_samples=300)
    for version in (1, 3):
        by_count = our_indices(X, y, version=version, n_neighbors=3)
        by_estimator = our_indices(
            X, y, version=version, n_neighbors=NearestNeighbors(n_neighbors=3)
        )
        np.testing.assert_array_equal(by_count, by_estimator)


def test_minority_rows_are_not_their_own_neighbours():
    """Check that a shrunk minority class is scored against its other rows.

    imbalanced-learn queries the minority rows against themselves, so each
    row's nearest minority row is itself at distance 0: with n_neighbors=1
    every score is 0 and it keeps the first rows in order. Here each row
    is measured to its nearest other minority row, so the tight pair is kept.
    """
    X = np.array([[0.0], [3.0], [6.0], [6.1], [20.0], [21.0], [22.0], [23.0], [24.0]])
    y = np.array([1, 1, 1, 1, 0, 0, 0, 0, 0])
    strategy = {0: 3, 1: 2}
    ours = our_indices(X, y, version=1, n_neighbors=1, sampling_strategy=strategy)
    theirs = imblearn_indices(
        X, y, version=1, n_neighbors=1, sampling_strategy=strategy
    )
    assert ours[:2].tolist() == [2, 3]
    assert theirs[:2].tolist() == [0, 1]


def brute_farthest_sums(rows, reference, n_farthest, same_rows=False):
    distances = np.sqrt(((rows[:, None, :] - reference[None, :, :]) ** 2).sum(-1))
    if same_rows:
        np.fill_diagonal(distances, -np.inf)
    return np.sort(distances, axis=1)[:, -n_farthest:].sum(axis=1)


@pytest.mark.parametrize("same_rows", [False, True])
def test_farthest_sums_match_a_full_matrix_in_small_blocks(monkeypatch, same_rows):
    """Check the blocked farthest sums against the full distance matrix."""
    monkeypatch.setattr(_nearmiss, "_BLOCK_CELLS", 50)  # blocks of 1 or 2 rows
    rng = np.random.default_rng(0)
    reference = rng.normal(size=(40, 5)) + 100.0  # far from 0: a hard estimate
    rows = reference if same_rows else rng.normal(size=(25, 5)) + 100.0
    expected = brute_farthest_sums(rows, reference, 4, same_rows)
    got = farthest_distance_sums(rows, reference, 4, same_rows=same_rows)
    np.testing.assert_allclose(got, expected, rtol=1e-13)
    sparse = farthest_distance_sums(
        sp.csr_matrix(rows), sp.csr_matrix(reference), 4, same_rows=same_rows
    )
    np.testing.assert_allclose(sparse, expected, rtol=1e-12)


def test_farthest_sums_with_many_ties():
    """Check that ties at the cut-off do not change the sums (integer grid)."""
    grid = np.array([[i, j] for i in range(6) for j in range(6)], dtype=float)
    got = farthest_distance_sums(grid, grid, 5, same_rows=True)
    np.testing.assert_allclose(got, brute_farthest_sums(grid, grid, 5, True))


def test_error_too_few_minority_rows():
    """Check the message when n_neighbors exceeds the minority class."""
    X, y = line_data()
    with pytest.raises(
        ValueError,
        match=r"n_neighbors=3 needs at least 3 rows of the minority class "
        r"1; it has 2\. Lower n_neighbors to at most 2\.",
    ):
        NearMiss(n_neighbors=3).fit_resample(X, y)


def test_error_shortlist_larger_than_the_class():
    """Check the version 3 rule on n_neighbors_ver3, raised before any work."""
    X, y = line_data()
    with pytest.raises(
        ValueError,
        match=r"When version=3, n_neighbors_ver3=9 needs at least 9 rows of the "
        r"shrunk class 0; it has 8\. Lower n_neighbors_ver3 to at most 8\.",
    ):
        NearMiss(version=3, n_neighbors=1, n_neighbors_ver3=9).fit_resample(X, y)


def test_error_unknown_version():
    X, y = line_data()
    with pytest.raises(ValueError, match=r"'version' parameter of NearMiss must be"):
        NearMiss(version=4).fit_resample(X, y)
