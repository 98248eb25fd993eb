"""Tests of SMOTENC and SMOTEN: categorical SMOTE on integer category codes."""

from __future__ import annotations

import tracemalloc

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.neighbors import NearestNeighbors
from sklearn.preprocessing import OneHotEncoder, OrdinalEncoder

from imbalance.over_sampling import SMOTEN, SMOTENC, _categories
from imbalance.over_sampling._categories import (
    category_codes,
    class_probabilities,
    vdm_neighbors,
)
from imbalance.over_sampling._smote_nc import mixed_neighbors

# --------------------------------------------------------------------------
# Data and oracles
# --------------------------------------------------------------------------


def mixed_data(n_majority=40, n_minority=12, n_numeric=2, n_categories=3, seed=0):
    """Numeric columns first, then one integer-valued categorical column."""
    rng = np.random.default_rng(seed)
    n = n_majority + n_minority
    numeric = rng.normal(size=(n, n_numeric))
    category = rng.integers(n_categories, size=(n, 1)).astype(float)
    y = np.array([0] * n_majority + [1] * n_minority)
    return np.hstack([numeric, category]), y


def mixed_frame(seed=0, n_majority=40, n_minority=12):
    rng = np.random.default_rng(seed)
    n = n_majority + n_minority
    frame = pd.DataFrame(
        {
            "height": rng.normal(170, 10, size=n),
            "color": pd.Categorical(rng.choice(["red", "green", "blue"], size=n)),
            "visits": rng.integers(0, 20, size=n),
            "city": pd.array(rng.choice(["Oslo", "Lima", "Pune"], size=n), dtype="str"),
        },
        index=[f"row{i}" for i in range(n)],
    )
    y = pd.Series(["stay"] * n_majority + ["leave"] * n_minority, index=frame.index)
    return frame, y


def oracle_mixed_neighbors(numeric, codes, k):
    """Brute-force SMOTE-NC neighbours, ties by smaller index."""
    penalty = np.median(numeric.std(axis=0))
    numeric_sq = ((numeric[:, None, :] - numeric[None, :, :]) ** 2).sum(axis=2)
    mismatches = (codes[:, None, :] != codes[None, :, :]).sum(axis=2)
    distances = numeric_sq + penalty**2 * mismatches
    np.fill_diagonal(distances, np.inf)
    return np.argsort(distances, axis=1, kind="stable")[:, :k]


def most_frequent(values):
    uniques, counts = np.unique(values, return_counts=True)
    return set(uniques[counts == counts.max()].tolist())


def on_segment(point, start, end):
    direction = end - start
    if np.allclose(direction, 0):
        return np.allclose(point, start)
    j = np.argmax(np.abs(direction))
    t = (point[j] - start[j]) / direction[j]
    return -1e-9 <= t <= 1 + 1e-9 and np.allclose(point, start + t * direction)


# --------------------------------------------------------------------------
# The defining property
# --------------------------------------------------------------------------


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 2**16),
    n_minority=st.integers(4, 12),
    n_numeric=st.integers(1, 3),
    n_categorical=st.integers(1, 2),
    n_categories=st.integers(2, 4),
    k=st.integers(1, 3),
    discrete=st.booleans(),
)
def test_synthetic_rows_come_from_segments_and_neighbour_votes(
    seed, n_minority, n_numeric, n_categorical, n_categories, k, discrete
):
    """Check that each new row lies on a segment from a minority row to one of
    its k neighbours, and that each categorical value is a most frequent value
    among that row's neighbours (so always a value a neighbour has)."""
    rng = np.random.default_rng(seed)
    n = 20 + n_minority
    numeric = (
        rng.integers(3, size=(n, n_numeric))
        if discrete
        else rng.normal(size=(n, n_numeric))
    )
    codes = rng.integers(n_categories, size=(n, n_categorical))
    X = np.hstack([numeric.astype(float), codes.astype(float)])
    y = np.array([0] * 20 + [1] * n_minority)
    categorical = np.arange(n_numeric, n_numeric + n_categorical)

    sampler = SMOTENC(categorical, k_neighbors=k, random_state=seed)
    X_res, _ = sampler.fit_resample(X, y)

    minority = X[20:]
    neighbors = oracle_mixed_neighbors(
        minority[:, :n_numeric], minority[:, categorical], k
    )
    for row in X_res[n:]:
        explained = False
        for origin, its_neighbors in enumerate(neighbors):
            votes_ok = all(
                row[c] in most_frequent(minority[its_neighbors, c]) for c in categorical
            )
            if votes_ok and any(
                on_segment(row[:n_numeric], minority[origin, :n_numeric], end)
                for end in minority[its_neighbors, :n_numeric]
            ):
                explained = True
                break
        assert explained, f"new row {row} is not on any neighbour segment"


@pytest.mark.parametrize("seed", range(6))
def test_mixed_search_matches_brute_force_for_any_blocks(seed, monkeypatch):
    """Check the blocked search (matrix-product scores, exact re-ranking)
    against brute force: far-off, badly scaled numbers, tiny blocks, 2 threads."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(10, 200))
    numeric = rng.normal(size=(n, 3)) * 10 ** rng.uniform(-3, 3) + rng.uniform(
        -1e4, 1e4
    )
    if seed % 2:
        numeric = np.round(numeric, 1)  # exact ties in the numeric part too
    codes = rng.integers(3, size=(n, 2))
    penalty = float(np.median(numeric.std(axis=0)))
    monkeypatch.setattr(_categories, "_BLOCK_ENTRIES", int(rng.choice([40, 700])))
    ours = mixed_neighbors(numeric, codes, penalty, 5, n_jobs=2)
    np.testing.assert_array_equal(ours, oracle_mixed_neighbors(numeric, codes, 5))


def test_neighbours_match_brute_force_with_ties():
    """Check the search against brute force on data full of exact ties
    (ties go to the smaller index)."""
    rng = np.random.default_rng(3)
    numeric = rng.integers(3, size=(60, 2)).astype(float)
    codes = rng.integers(3, size=(60, 2))
    penalty = float(np.median(numeric.std(axis=0)))
    ours = mixed_neighbors(numeric, codes, penalty, 4)
    np.testing.assert_array_equal(ours, oracle_mixed_neighbors(numeric, codes, 4))


# --------------------------------------------------------------------------
# Naming the categorical columns
# --------------------------------------------------------------------------


def test_four_ways_of_naming_columns_agree():
    """Check that positions, names, a boolean mask and 'auto' give one result."""
    frame, y = mixed_frame()
    ways = [
        [1, 3],
        ["color", "city"],
        [False, True, False, True],
        "auto",
        np.array([3, 1, 1]),
        pd.Index(["city", "color"]),
    ]
    results = [
        SMOTENC(way, k_neighbors=3, random_state=0).fit_resample(frame, y)[0]
        for way in ways
    ]
    for result in results[1:]:
        pd.testing.assert_frame_equal(result, results[0])


def test_numpy_and_pandas_give_the_same_rows():
    """Check that the output does not depend on the container or the codes."""
    frame, y = mixed_frame()
    numbers = frame[["height", "visits"]].to_numpy(dtype=float)
    as_objects = np.column_stack(
        [numbers[:, 0], frame["color"].astype(object), numbers[:, 1], frame["city"]]
    ).astype(object)
    ours_frame, _ = SMOTENC("auto", random_state=1).fit_resample(frame, y)
    ours_array, _ = SMOTENC([1, 3], random_state=1).fit_resample(
        as_objects, y.to_numpy()
    )
    for position, column in enumerate(ours_frame.columns):
        values = ours_frame[column].to_numpy(dtype=object)
        if column in ("height", "visits"):
            expected = ours_array[:, position].astype(float)
            if column == "visits":  # an int column: pandas output is rounded
                expected = np.rint(expected)
            np.testing.assert_allclose(values.astype(float), expected)
        else:
            assert values.tolist() == ours_array[:, position].tolist()


def test_negative_positions_count_from_the_end():
    """Check that -1 names the last column."""
    X, y = mixed_data()
    a = SMOTENC([-1], random_state=0).fit_resample(X, y)[0]
    b = SMOTENC([2], random_state=0).fit_resample(X, y)[0]
    np.testing.assert_array_equal(a, b)


# --------------------------------------------------------------------------
# Containers and dtypes
# --------------------------------------------------------------------------


def test_pandas_keeps_dtypes_categories_and_index():
    """Check that category stays category, str stays str, ints stay ints."""
    frame, y = mixed_frame()
    sampler = SMOTENC("auto", random_state=0)
    X_res, y_res = sampler.fit_resample(frame, y)

    assert (X_res.dtypes == frame.dtypes).all()
    assert X_res["color"].cat.categories.equals(frame["color"].cat.categories)
    assert X_res.index[: len(frame)].equals(frame.index)
    assert not X_res.index[len(frame) :].isin(frame.index).any()
    assert y_res.value_counts().to_dict() == {"stay": 40, "leave": 40}
    new = X_res.iloc[len(frame) :]
    minority = frame[y == "leave"]
    assert new["city"].isin(minority["city"]).all()
    assert new["color"].isin(minority["color"]).all()
    assert (
        new["height"].between(minority["height"].min(), minority["height"].max()).all()
    )
    assert list(sampler.categorical_features_) == [1, 3]
    assert list(sampler.continuous_features_) == [0, 2]


def test_missing_categories_are_a_category_of_their_own():
    """Check that None / NaN in a categorical column is accepted and kept."""
    frame, y = mixed_frame()
    frame["city"] = frame["city"].where(np.arange(len(frame)) % 2 == 0, None)
    frame["color"] = frame["color"].where(np.arange(len(frame)) % 3 != 0)
    X_res, _ = SMOTENC("auto", random_state=0).fit_resample(frame, y)
    assert X_res["color"].dtype == frame["color"].dtype
    assert X_res["city"].iloc[len(frame) :].isna().any()  # half the minority lacks it


def test_mixed_lists_keep_the_type_of_each_value():
    """Check that lists of mixed numbers and strings come back as such."""
    rng = np.random.default_rng(0)
    rows = [[float(v), str(c)] for v, c in zip(rng.normal(size=30), "abc" * 10)]
    y = [0] * 22 + [1] * 8
    X_res, y_res = SMOTENC([1], k_neighbors=3, random_state=0).fit_resample(rows, y)
    assert isinstance(X_res, list) and isinstance(y_res, list)
    assert len(X_res) == 44
    assert all(type(r[0]) is float and type(r[1]) is str for r in X_res)


def test_string_arrays_stay_string_arrays():
    """Check a NumPy array of strings: numbers as strings, categories intact."""
    X, y = mixed_data()
    as_text = X.astype(str)
    as_text[:, 2] = np.where(X[:, 2] == 0, "zero", "other")
    X_res, _ = SMOTENC([2], random_state=0).fit_resample(as_text, y)
    assert X_res.dtype.kind == "U"
    assert set(X_res[len(X) :, 2]) <= {"zero", "other"}
    X_res[:, :2].astype(float)  # numeric columns still parse as numbers


def test_estimator_and_encoder_forms_give_the_same_rows():
    """Check k_neighbors=NearestNeighbors(k + 1) and an OrdinalEncoder."""
    X, y = mixed_data()
    plain = SMOTENC([2], k_neighbors=4, random_state=0).fit_resample(X, y)[0]
    with_search = SMOTENC(
        [2], k_neighbors=NearestNeighbors(n_neighbors=5), random_state=0
    ).fit_resample(X, y)[0]
    encoded = SMOTENC(
        [2], categorical_encoder=OrdinalEncoder(), k_neighbors=4, random_state=0
    ).fit_resample(X, y)[0]
    np.testing.assert_array_equal(plain, with_search)
    np.testing.assert_array_equal(plain, encoded)


# --------------------------------------------------------------------------
# Memory does not grow with the number of categories
# --------------------------------------------------------------------------


def peak_mib(n_categories):
    rng = np.random.default_rng(0)
    n, n_minority = 6000, 1500
    X = np.column_stack(
        [rng.normal(size=(n, 5)), rng.permutation(np.arange(n) % n_categories)]
    )
    y = np.array([0] * (n - n_minority) + [1] * n_minority)
    sampler = SMOTENC([5], random_state=0)
    tracemalloc.start()
    sampler.fit_resample(X, y)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def test_memory_does_not_grow_with_the_number_of_categories():
    """Check that 3,000 categories take about the memory of 200 (same rows).

    A one-hot encoding of the 1,500 minority rows would hold 36 MiB more for
    3,000 categories; the codes take the same space whatever their number.
    (Below 128 encoded columns the search runs dense, on less memory still.)
    """
    few, many = peak_mib(200), peak_mib(3000)
    assert many < 1.3 * few + 1, (few, many)
    assert peak_mib(100) < many + 1


# --------------------------------------------------------------------------
# imbalanced-learn as the oracle
# --------------------------------------------------------------------------


class RecordingNeighbors(NearestNeighbors):
    """NearestNeighbors that remembers the neighbour lists it returns."""

    answers: list = []

    def kneighbors(self, X=None, n_neighbors=None, return_distance=True):
        answer = super().kneighbors(X, n_neighbors, return_distance)
        RecordingNeighbors.answers.append(answer[1] if return_distance else answer)
        return answer


def test_same_neighbours_and_penalty_as_imbalanced_learn():
    """Check, on tie-free data, that imbalanced-learn's one-hot search finds
    the very neighbours we find without one-hot, with the same median_std_."""
    imblearn = pytest.importorskip("imblearn.over_sampling")
    X, y = mixed_data(n_majority=60, n_minority=25, n_numeric=3, n_categories=4)
    RecordingNeighbors.answers = []
    peer = imblearn.SMOTENC([3], k_neighbors=RecordingNeighbors(n_neighbors=6))
    _, y_peer = peer.fit_resample(X, y)
    peer_neighbors = RecordingNeighbors.answers[-1][:, 1:]

    ours = SMOTENC([3], random_state=0)
    _, y_ours = ours.fit_resample(X, y)
    minority = X[y == 1]
    penalty = ours.median_std_[1]
    our_neighbors = mixed_neighbors(
        minority[:, :3], minority[:, 3:].astype(int), penalty, 5
    )

    np.testing.assert_array_equal(our_neighbors, peer_neighbors)
    assert penalty == pytest.approx(peer.median_std_[1])
    np.testing.assert_array_equal(np.bincount(y_ours), np.bincount(y_peer))


def test_same_counts_and_value_domain_as_imbalanced_learn_smoten():
    """Check SMOTEN against imbalanced-learn's: counts and the values used."""
    imblearn = pytest.importorskip("imblearn.over_sampling")
    rng = np.random.default_rng(0)
    X = rng.choice(["a", "b", "c", "d"], size=(80, 3))
    y = np.array([0] * 60 + [1] * 20)
    _, y_peer = imblearn.SMOTEN(random_state=0).fit_resample(X, y)
    X_ours, y_ours = SMOTEN(random_state=0).fit_resample(X, y)
    np.testing.assert_array_equal(np.bincount(y_ours), np.bincount(y_peer))
    for column in range(3):
        assert set(X_ours[80:, column]) <= set(X[60:, column])


def test_vdm_neighbours_match_imbalanced_learn_distances():
    """Check that our VDM neighbours are at the k smallest VDM distances that
    imbalanced-learn's ValueDifferenceMetric computes."""
    metrics = pytest.importorskip("imblearn.metrics.pairwise")
    rng = np.random.default_rng(1)
    X = rng.integers(5, size=(120, 3))
    y = rng.integers(3, size=120)
    codes = category_codes(X, np.arange(3))
    tables = class_probabilities(codes, y, 3)
    rows = np.flatnonzero(y == 0)

    vdm = metrics.ValueDifferenceMetric().fit(codes, y)
    distances = vdm.pairwise(codes[rows])
    np.fill_diagonal(distances, np.inf)
    ours = vdm_neighbors(codes[rows], tables, 4)
    found = np.take_along_axis(distances, ours, axis=1)
    np.testing.assert_allclose(found, np.sort(distances, axis=1)[:, :4])


# --------------------------------------------------------------------------
# SMOTEN
# --------------------------------------------------------------------------


def test_smoten_values_are_the_vote_of_a_row_and_its_neighbours():
    """Check that each value of a new row is a most frequent value among some
    minority row and its k neighbours."""
    rng = np.random.default_rng(2)
    X = rng.integers(4, size=(50, 3))
    y = np.array([0] * 35 + [1] * 15)
    X_res, _ = SMOTEN(k_neighbors=3, random_state=0).fit_resample(X, y)
    codes = category_codes(X, np.arange(3))
    tables = class_probabilities(codes, y, 2)
    neighbors = vdm_neighbors(codes[35:], tables, 3)
    voters = np.column_stack([np.arange(15), neighbors])
    minority = X[35:]
    for row in X_res[50:]:
        assert any(
            all(row[c] in most_frequent(minority[v, c]) for c in range(3))
            for v in voters
        )


def test_vdm_search_does_not_depend_on_blocks_or_threads(monkeypatch):
    """Check that tiny blocks and two threads give the same neighbours."""
    rng = np.random.default_rng(4)
    codes = rng.integers(3, size=(90, 2))
    y = rng.integers(2, size=90)
    tables = class_probabilities(codes, y, 2)
    whole = vdm_neighbors(codes, tables, 5)
    monkeypatch.setattr(_categories, "_BLOCK_ENTRIES", 200)
    np.testing.assert_array_equal(vdm_neighbors(codes, tables, 5, n_jobs=2), whole)


def test_smoten_pandas_keeps_dtypes():
    """Check category and string columns through SMOTEN."""
    frame, y = mixed_frame()
    X_res, _ = SMOTEN(random_state=0).fit_resample(frame[["color", "city"]], y)
    assert (X_res.dtypes == frame[["color", "city"]].dtypes).all()
    assert len(X_res) == 80


# --------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ([], r"selects no column of X; .*use SMOTE\."),
        ([0, 1, 2], r"selects all 3 columns of X; .*use SMOTEN\."),
        ([5], r"column position 5, outside the 3 columns of X"),
        ([True, False], r"one entry per column: X has 3 columns; the mask has 2"),
        (["color"], r"names columns \('color', \.\.\.\), which needs X to be a pandas"),
        ("auto", r"When categorical_features is 'auto', X must be a pandas DataFrame"),
        ([0, "a"], r"not a mix"),
    ],
)
def test_error_bad_categorical_features(spec, message):
    X, y = mixed_data()
    with pytest.raises(ValueError, match=message):
        SMOTENC(spec).fit_resample(X, y)


def test_error_unknown_column_names():
    frame, y = mixed_frame()
    with pytest.raises(ValueError, match=r"column\(s\) 'colour' that X does not have"):
        SMOTENC(["colour"]).fit_resample(frame, y)


def test_error_text_column_not_listed():
    frame, y = mixed_frame()
    with pytest.raises(ValueError, match=r"Column 'city' of X is not numeric"):
        SMOTENC(["color"]).fit_resample(frame, y)


def test_error_minority_smaller_than_k_plus_one():
    frame, y = mixed_frame(n_minority=4)
    with pytest.raises(
        ValueError,
        match=r"k_neighbors=5 needs at least 6 samples of class 'leave'; it has 4\. "
        r"Lower k_neighbors to at most 3 or use RandomOverSampler",
    ):
        SMOTENC("auto").fit_resample(frame, y)
    with pytest.raises(ValueError, match=r"needs at least 6 samples of class 'leave'"):
        SMOTEN().fit_resample(frame[["color", "city"]], y)


def test_error_nan_in_numeric_column():
    frame, y = mixed_frame()
    frame.loc["row3", "height"] = np.nan
    with pytest.raises(
        ValueError,
        match=r"X contains NaN \(1 value\(s\)\) in numeric column\(s\) 'height'",
    ):
        SMOTENC("auto").fit_resample(frame, y)


def test_error_one_hot_encoder():
    X, y = mixed_data()
    with pytest.raises(
        ValueError,
        match=r"OneHotEncoder gave 3 column\(s\) for 1\. .*categorical_encoder=None",
    ):
        SMOTENC(
            [2], categorical_encoder=OneHotEncoder(sparse_output=False)
        ).fit_resample(X, y)


def test_error_smoten_estimator():
    X = np.array([["a"], ["b"]] * 10)
    y = np.array([0, 1] * 10)
    with pytest.raises(ValueError, match=r"'k_neighbors' parameter of SMOTEN must be"):
        SMOTEN(k_neighbors=NearestNeighbors()).fit_resample(X, y)


def test_error_sparse_input():
    import scipy.sparse as sp

    X, y = mixed_data()
    with pytest.raises(TypeError, match=r"SMOTENC does not accept sparse input"):
        SMOTENC([2]).fit_resample(sp.csr_matrix(X), y)
