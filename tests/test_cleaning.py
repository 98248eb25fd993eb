"""Cleaning under-samplers: TomekLinks, ENN, RENN, AllKNN, NCR.

The rows kept are compared with imbalanced-learn's on continuous data, where
no two distances are equal; the cases where imbalanced-learn is wrong, or
orders equal distances differently, each have a named test.
"""

from __future__ import annotations

import numpy as np
import pytest
from imblearn import under_sampling as imblearn_under
from sklearn.datasets import make_classification
from sklearn.neighbors import NearestNeighbors

from imbalance.under_sampling import (
    AllKNN,
    EditedNearestNeighbours,
    NeighbourhoodCleaningRule,
    RepeatedEditedNearestNeighbours,
    TomekLinks,
)
from imbalance.under_sampling import _cleaning as cleaning
from imbalance.under_sampling._cleaning import majority_vote
from imbalance.under_sampling._edited_nearest_neighbours import edited_keep_mask
from imbalance.under_sampling._tomek_links import tomek_link_mask


def continuous_data(n_samples=400, weights=(0.7, 0.2, 0.1), seed=0, class_sep=0.8):
    X, y = make_classification(
        n_samples=n_samples,
        n_features=5,
        n_informative=4,
        n_redundant=0,
        n_classes=len(weights),
        n_clusters_per_class=1,
        weights=list(weights),
        class_sep=class_sep,
        random_state=seed,
    )
    return X, y


def kept_by(sampler, X, y):
    sampler.fit_resample(X, y)
    return np.sort(sampler.sample_indices_)


PAIRS = {
    "tomek": (TomekLinks, imblearn_under.TomekLinks),
    "enn": (EditedNearestNeighbours, imblearn_under.EditedNearestNeighbours),
    "renn": (
        RepeatedEditedNearestNeighbours,
        imblearn_under.RepeatedEditedNearestNeighbours,
    ),
    "allknn": (AllKNN, imblearn_under.AllKNN),
    "ncr": (NeighbourhoodCleaningRule, imblearn_under.NeighbourhoodCleaningRule),
}

ORACLE_CASES = [
    ("tomek", {}),
    ("tomek", {"sampling_strategy": "all"}),
    ("enn", {}),
    ("enn", {"n_neighbors": 1}),
    ("enn", {"n_neighbors": 5, "kind_sel": "mode"}),
    ("enn", {"sampling_strategy": "all"}),
    ("renn", {}),
    ("renn", {"kind_sel": "mode"}),
    ("renn", {"max_iter": 2}),
    ("allknn", {}),
    ("allknn", {"n_neighbors": 5, "allow_minority": True}),
    ("allknn", {"kind_sel": "mode"}),
    ("ncr", {}),
    ("ncr", {"n_neighbors": 5, "threshold_cleaning": 2.0}),
    ("ncr", {"sampling_strategy": "all"}),
]


@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.parametrize("weights", [(0.85, 0.15), (0.6, 0.3, 0.1)], ids=["2", "3"])
@pytest.mark.parametrize(
    "name, params", ORACLE_CASES, ids=[f"{n}-{p}" for n, p in ORACLE_CASES]
)
def test_same_rows_as_imbalanced_learn(name, params, weights, seed):
    """Check that the kept rows are imbalanced-learn's on tie-free data."""
    X, y = continuous_data(weights=weights, seed=seed)
    ours, theirs = PAIRS[name]
    np.testing.assert_array_equal(
        kept_by(ours(**params), X, y), kept_by(theirs(**params), X, y)
    )


def test_renn_n_iter_as_imbalanced_learn():
    """Check that RENN counts its rounds as imbalanced-learn does."""
    rounds = []
    for seed in range(4):
        X, y = continuous_data(weights=(0.85, 0.15), seed=seed)
        ours, theirs = RepeatedEditedNearestNeighbours(), PAIRS["renn"][1]()
        ours.fit_resample(X, y)
        theirs.fit_resample(X, y)
        assert ours.n_iter_ == theirs.n_iter_
        rounds.append(ours.n_iter_)
    assert max(rounds) > 1


@pytest.mark.parametrize("name", ["enn", "renn", "allknn", "ncr"])
def test_estimator_counts_the_row_itself(name):
    """Check that NearestNeighbors(n_neighbors=4) means 3 neighbours."""
    X, y = continuous_data()
    ours = PAIRS[name][0]
    by_count = kept_by(ours(n_neighbors=3), X, y)
    by_search = kept_by(ours(n_neighbors=NearestNeighbors(n_neighbors=4)), X, y)
    np.testing.assert_array_equal(by_count, by_search)


def test_enn_all_removes_at_least_what_mode_removes():
    """Check that kind_sel='all' is the stricter rule."""
    X, y = continuous_data(class_sep=0.5)
    strict = kept_by(EditedNearestNeighbours(kind_sel="all"), X, y)
    lenient = kept_by(EditedNearestNeighbours(kind_sel="mode"), X, y)
    assert set(strict) < set(lenient)


def test_enn_kept_rows_agree_with_their_neighbours():
    """Check the ENN rule directly: kept cleaned rows agree with all neighbours."""
    X, y = continuous_data()
    kept = kept_by(EditedNearestNeighbours(n_neighbors=3), X, y)
    neighbors = NearestNeighbors(n_neighbors=4).fit(X).kneighbors(X[kept])[1][:, 1:]
    cleaned = y[kept] != 2  # class 2 is the minority, left alone by "auto"
    assert (y[neighbors][cleaned] == y[kept][cleaned, None]).all()
    assert (y[kept] == 2).sum() == (y == 2).sum()


def test_renn_stops_when_nothing_changes():
    """Check that one more round of ENN on RENN's output removes nothing."""
    X, y = continuous_data(weights=(0.85, 0.15), seed=2)
    renn = RepeatedEditedNearestNeighbours()
    X_res, y_res = renn.fit_resample(X, y)
    assert 1 < renn.n_iter_ < renn.max_iter
    again = EditedNearestNeighbours(sampling_strategy=list(renn.sampling_strategy_))
    again.fit_resample(X_res, y_res)
    assert len(again.sample_indices_) == len(y_res)


def test_sampling_strategy_list_leaves_other_classes_whole():
    """Check that only the listed classes lose rows."""
    X, y = continuous_data(class_sep=0.5)
    for sampler in (TomekLinks, EditedNearestNeighbours, AllKNN):
        kept = kept_by(sampler(sampling_strategy=[1]), X, y)
        for label in (0, 2):
            assert (y[kept] == label).sum() == (y == label).sum()
        assert (y[kept] == 1).sum() < (y == 1).sum()


def test_majority_vote_ties_go_to_smallest_code():
    """Check the vote: most common code, ties to the smallest, pads ignored."""
    codes = np.array([[1, 0, 1], [2, 1, 0], [2, 2, 3], [3, 3, 3]])
    assert majority_vote(codes, 3).tolist() == [1, 0, 2, 3]


# --- where imbalanced-learn differs, and why ---------------------------------


def test_tomek_link_between_identical_rows_with_different_labels():
    """Check that identical rows of different classes always form a link.

    imbalanced-learn takes the second of each row's two nearest rows as its
    neighbour, assuming the first is the row itself. For row 1 here its
    search returns the copy (row 2) first, so it takes row 1 as its own
    neighbour and misses the link. The engine excludes a row by position.
    """
    X = np.array([[0, 0], [5, 5], [5, 5], [9, 1], [1, 0.5], [2, 3], [8, 8]])
    y = np.array([0, 0, 1, 0, 0, 0, 1])
    assert kept_by(TomekLinks(), X, y).tolist() == [0, 2, 3, 4, 5, 6]
    assert kept_by(imblearn_under.TomekLinks(), X, y).tolist() == list(range(7))


def test_enn_sees_an_identical_row_of_another_class():
    """Check that a row's identical copy counts as its neighbour.

    imbalanced-learn drops the first neighbour found, assuming it is the
    row itself. For row 1 here its search returns the copy (row 2, class 1)
    first, so row 1 is judged by itself and survives, though it sits
    exactly on a row of another class.
    """
    X = np.array([[0, 0], [5, 5], [5, 5], [9, 1], [1, 0.5], [2, 3], [8, 8]])
    y = np.array([0, 0, 1, 0, 0, 0, 1])
    params = {"n_neighbors": 1, "sampling_strategy": [0]}
    assert 1 not in kept_by(EditedNearestNeighbours(**params), X, y)
    assert 1 in kept_by(imblearn_under.EditedNearestNeighbours(**params), X, y)


def test_renn_cleans_the_classes_chosen_from_the_input():
    """Check that every round cleans the classes sampling_strategy_ names.

    imbalanced-learn resolves ``"auto"`` again at each round, on the rows
    left. After round 1 here both classes have 4 rows, so its round 2 takes
    class 0 for the minority and cleans the real minority, class 1.
    """
    X = np.array([0, 1.1, 2.3, 3.6, 5, 6.5, 8.1, 9.8, 11.6, 13.5, 15.5, 17.6])
    X = X.reshape(-1, 1)
    y = np.array([0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 1, 1])
    renn = RepeatedEditedNearestNeighbours(n_neighbors=2)
    kept = kept_by(renn, X, y)
    assert renn.sampling_strategy_ == {0: 8}
    assert (y[kept] == 1).sum() == 4  # the minority is never cleaned
    theirs = kept_by(
        imblearn_under.RepeatedEditedNearestNeighbours(n_neighbors=2), X, y
    )
    assert (y[theirs] == 1).sum() < 4


def test_equal_distances_go_to_the_smaller_index():
    """Check that among equally near rows the one with the smaller index counts.

    Round 2 of AllKNN examines row 5 (at 5) with two neighbours: row 6 at 1,
    then rows 3 (class 1) and 7 (class 0), both at 2. Here row 3, the
    smaller index, counts, so row 5 goes. imbalanced-learn regroups the rows
    by class between rounds, which puts row 7 first, and keeps row 5. The
    two differ on that tie only.
    """
    X = np.arange(12.0).reshape(-1, 1)
    y = np.array([0, 0, 0, 1, 0, 0, 0, 0, 1, 1, 1, 0])
    ours = kept_by(AllKNN(n_neighbors=2), X, y)
    theirs = kept_by(imblearn_under.AllKNN(n_neighbors=2), X, y)
    assert set(theirs) - set(ours) == {5}
    assert set(ours) <= set(theirs)


def test_ncr_vote_counts_the_minority_row_itself():
    """Check the NCR vote includes the row itself, as imbalanced-learn's does.

    With 3 neighbours, a minority row is misclassified only when its two
    nearest other rows share another class; here row 4 has one class-0 and
    one class-1 row nearest, so nothing around it is removed.
    """
    X = np.array([[0.0], [1.0], [2.0], [3.0], [3.5], [3.9], [8.0], [9.0], [9.5]])
    y = np.array([0, 0, 0, 0, 1, 1, 0, 1, 1])
    ncr = NeighbourhoodCleaningRule(n_neighbors=3, sampling_strategy=[0])
    ours = kept_by(ncr, X, y)
    theirs = kept_by(
        imblearn_under.NeighbourhoodCleaningRule(n_neighbors=3, sampling_strategy=[0]),
        X,
        y,
    )
    np.testing.assert_array_equal(ours, theirs)


# --- errors -------------------------------------------------------------------


@pytest.mark.parametrize(
    "sampler", [EditedNearestNeighbours, RepeatedEditedNearestNeighbours, AllKNN]
)
def test_error_too_few_rows_for_neighbours(sampler):
    X = np.arange(6.0).reshape(3, 2)
    with pytest.raises(ValueError, match=r"n_neighbors=3 needs at least 4 rows in X"):
        sampler().fit_resample(X, [0, 1, 1])


def test_error_ncr_too_few_rows():
    X = np.arange(6.0).reshape(3, 2)
    with pytest.raises(ValueError, match=r"n_neighbors=5 needs at least 6 rows"):
        NeighbourhoodCleaningRule(n_neighbors=5).fit_resample(X, [0, 1, 1])


def test_error_ratio_strategy_for_cleaning():
    X, y = continuous_data(weights=(0.8, 0.2))
    with pytest.raises(ValueError, match=r"cleaning methods choose their own counts"):
        TomekLinks(sampling_strategy=0.5).fit_resample(X, y)


def test_error_bad_kind_sel():
    X, y = continuous_data()
    with pytest.raises(ValueError, match=r"'kind_sel' parameter .* Got 'most'"):
        EditedNearestNeighbours(kind_sel="most").fit_resample(X, y)


def test_error_estimator_without_room_for_a_neighbour():
    X, y = continuous_data()
    with pytest.raises(ValueError, match=r"counts the row itself"):
        AllKNN(n_neighbors=NearestNeighbors(n_neighbors=1)).fit_resample(X, y)


def skewed_rows(ties, seed=0):
    """20,000 rows at 94/3/3, enough for the own-class proof of ENN and Tomek.

    With ``ties`` the rows lie on a coarse grid: many equal distances and
    copies of a row in other classes.
    """
    rng = np.random.default_rng(seed)
    y = rng.choice(3, size=20_000, p=[0.94, 0.03, 0.03])
    if ties:
        X = rng.integers(0, 8, size=(len(y), 4)).astype(float)
    else:
        X = rng.normal(size=(len(y), 4)) + y[:, None] * 0.7
    return X, y


@pytest.mark.parametrize("kind_sel", ["all", "mode"])
@pytest.mark.parametrize("ties", [False, True], ids=["continuous", "grid"])
def test_enn_shortcut_keeps_what_a_full_search_keeps(monkeypatch, kind_sel, ties):
    """Check that rows proved to agree are the rows a full search keeps.

    The shortcut must apply (most rows proved, none of them wrongly) and
    the kept rows must be those of a search of every cleaned row.
    """
    X, codes = skewed_rows(ties)
    cleaned = np.array([True, True, False])
    rows = np.flatnonzero(cleaned[codes])
    sure = cleaning.surely_own_class(X, codes, rows, 3, None)
    assert sure.mean() > 0.3
    assert not sure[codes[rows] == 1].any()  # others are most rows: not tried
    fast = edited_keep_mask(X, codes, cleaned, 3, kind_sel)
    monkeypatch.setattr(cleaning, "SURE_MIN_ROWS", 10**9)
    assert not cleaning.surely_own_class(X, codes, rows, 3, None).any()
    full = edited_keep_mask(X, codes, cleaned, 3, kind_sel)
    np.testing.assert_array_equal(fast, full)
    assert full[rows[sure]].all()
    assert not full.all()  # the rule removed rows: the comparison says something


@pytest.mark.parametrize("ties", [False, True], ids=["continuous", "grid"])
def test_tomek_shortcut_finds_every_link(monkeypatch, ties):
    """Check that searching only the rows not proved finds the same links."""
    X, codes = skewed_rows(ties)
    fast = tomek_link_mask(X, codes)
    monkeypatch.setattr(cleaning, "SURE_MIN_ROWS", 10**9)
    full = tomek_link_mask(X, codes)
    np.testing.assert_array_equal(fast, full)
    assert 0 < full.sum() < len(full) / 2


def test_shortcut_skipped_when_other_classes_are_large():
    """Check that balanced classes (a costly proof) go straight to the search."""
    rng = np.random.default_rng(1)
    X, codes = rng.normal(size=(20_000, 3)), rng.integers(0, 2, size=20_000)
    rows = np.flatnonzero(codes == 0)
    assert not cleaning.surely_own_class(X, codes, rows, 3, None).any()
