"""Tests of the exact k-nearest-neighbour engine, imbalance.neighbors."""

from __future__ import annotations

import re

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.neighbors import NearestNeighbors

import imbalance.neighbors as neighbors_module
from imbalance.neighbors import kneighbors, local_kneighbors, neighbors_from_param

ALGORITHMS = ["brute", "tree", "auto"]


def random_rows(n=300, d=5, seed=0):
    return np.random.default_rng(seed).normal(size=(n, d))


def tied_rows(seed=0):
    """Integer grid points: many equal distances and duplicate rows."""
    return np.random.default_rng(seed).integers(0, 3, size=(120, 3)).astype(float)


def brute_oracle(X, n_neighbors, query=None, query_indices=None):
    """Exact neighbours by sorting every direct-difference distance."""
    if query is None:
        positions = np.arange(len(X)) if query_indices is None else query_indices
        Q, own = X[positions], positions
    else:
        Q, own = np.asarray(query, dtype=float), None
    distances = np.empty((len(Q), n_neighbors))
    indices = np.empty((len(Q), n_neighbors), dtype=np.intp)
    for row, point in enumerate(Q):
        diff = X.astype(float) - point
        sq = np.einsum("ij,ij->i", diff, diff)
        candidates = np.arange(len(X))
        if own is not None:
            candidates = candidates[candidates != own[row]]
        order = np.lexsort((candidates, sq[candidates]))[:n_neighbors]
        indices[row] = candidates[order]
        distances[row] = np.sqrt(sq[candidates[order]])
    return distances, indices


def test_public_names():
    """Check that the public names import and are listed in __all__."""
    assert set(neighbors_module.__all__) == {
        "kneighbors",
        "local_kneighbors",
        "neighbors_from_param",
    }


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_matches_sklearn_on_tie_free_data(algorithm):
    """Check that indices equal and distances match scikit-learn's on random data."""
    X = random_rows()
    distances, indices = kneighbors(X, 4, algorithm=algorithm)
    ref_dist, ref_ind = NearestNeighbors(n_neighbors=4).fit(X).kneighbors()
    np.testing.assert_array_equal(indices, ref_ind)
    np.testing.assert_allclose(distances, ref_dist, rtol=1e-12)


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_self_excluded_by_index_duplicates_found(algorithm):
    """Check that a duplicate row is a neighbour at distance 0, self is not."""
    X = np.array([[0.0, 0.0], [5.0, 5.0], [0.0, 0.0], [0.0, 0.0], [9.0, 1.0]])
    distances, indices = kneighbors(X, 2, algorithm=algorithm)
    np.testing.assert_array_equal(indices[0], [2, 3])
    np.testing.assert_array_equal(indices[2], [0, 3])
    np.testing.assert_array_equal(indices[3], [0, 2])
    np.testing.assert_array_equal(distances[[0, 2, 3]], 0.0)
    assert not (indices == np.arange(len(X))[:, None]).any()


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_ties_broken_by_smaller_index(algorithm):
    """Check that equal distances are ordered by reference index, as the oracle."""
    X = tied_rows()
    distances, indices = kneighbors(X, 7, algorithm=algorithm)
    ref_dist, ref_ind = brute_oracle(X, 7)
    np.testing.assert_array_equal(indices, ref_ind)
    np.testing.assert_array_equal(distances, ref_dist)


def test_all_duplicates():
    """Check that rows all equal give every other row in index order."""
    X = np.ones((6, 2))
    for algorithm in ALGORITHMS:
        distances, indices = kneighbors(X, 5, algorithm=algorithm)
        expected = [[j for j in range(6) if j != i] for i in range(6)]
        np.testing.assert_array_equal(indices, expected)
        np.testing.assert_array_equal(distances, 0.0)


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_query_indices(algorithm):
    """Check that query_indices gives the rows of the full answer, self excluded."""
    X = tied_rows(1)
    positions = np.array([5, 0, 5, 77])
    distances, indices = kneighbors(X, 3, query_indices=positions, algorithm=algorithm)
    full_dist, full_ind = kneighbors(X, 3, algorithm=algorithm)
    np.testing.assert_array_equal(indices, full_ind[positions])
    np.testing.assert_array_equal(distances, full_dist[positions])


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_separate_query_excludes_nothing(algorithm):
    """Check that separate query rows may have a row of X at distance 0."""
    X = tied_rows(2)
    query = np.vstack([X[:3], [[0.5, 1.5, 2.5]]])
    distances, indices = kneighbors(X, 4, query=query, algorithm=algorithm)
    ref_dist, ref_ind = brute_oracle(X, 4, query=query)
    np.testing.assert_array_equal(indices, ref_ind)
    np.testing.assert_array_equal(distances, ref_dist)
    assert (distances[:3, 0] == 0).all()


def test_empty_query_indices():
    """Check that an empty query gives empty answers of the right shape."""
    distances, indices = kneighbors(random_rows(10), 3, query_indices=[])
    assert distances.shape == indices.shape == (0, 3)


def test_sparse_input_same_answer():
    """Check that CSR input gives the dense input's answer, ties included."""
    X = tied_rows(3)
    X[X == 1] = 0  # make it sparse-looking
    dense = kneighbors(X, 5)
    for matrix in (sp.csr_matrix(X), sp.csc_matrix(X)):
        distances, indices = kneighbors(matrix, 5)
        np.testing.assert_array_equal(indices, dense[1])
        np.testing.assert_allclose(distances, dense[0], rtol=1e-15)
    query = sp.csr_matrix(X[:4] + 0.25)
    _, with_query = kneighbors(sp.csr_matrix(X), 5, query=query)
    np.testing.assert_array_equal(with_query, kneighbors(X, 5, query=X[:4] + 0.25)[1])


def test_float32_input_answers_as_its_float64_values():
    """Check that float32 rows give the answer of the same values in float64."""
    X = random_rows(200, 4, seed=4).astype(np.float32)
    X[10] = X[3]  # a duplicate
    for algorithm in ALGORITHMS:
        distances, indices = kneighbors(X, 3, algorithm=algorithm)
        ref_dist, ref_ind = brute_oracle(X.astype(np.float64), 3)
        assert distances.dtype == np.float64 and indices.dtype == np.intp
        np.testing.assert_array_equal(indices, ref_ind)
        np.testing.assert_array_equal(distances, ref_dist)


def test_integer_and_list_input():
    """Check that lists and integer arrays are read as float64 rows."""
    X = tied_rows(5)
    expected = kneighbors(X, 2)
    for data in (X.astype(int), X.tolist()):
        np.testing.assert_array_equal(kneighbors(data, 2)[1], expected[1])


def test_answer_same_across_algorithm_jobs_and_chunks():
    """Check that algorithm, n_jobs and chunk_size never change the answer."""
    X = np.vstack([tied_rows(6), random_rows(150, 3, seed=6)])
    reference = kneighbors(X, 6, algorithm="brute", n_jobs=1)
    for algorithm in ALGORITHMS:
        for n_jobs in (1, 2, -1):
            for chunk_size in (1, 7, 1000):
                distances, indices = kneighbors(
                    X, 6, algorithm=algorithm, n_jobs=n_jobs, chunk_size=chunk_size
                )
                np.testing.assert_array_equal(indices, reference[1])
                np.testing.assert_array_equal(distances, reference[0])


def test_return_distance_false():
    """Check that return_distance=False returns the indices alone."""
    X = random_rows(50)
    indices = kneighbors(X, 3, return_distance=False)
    np.testing.assert_array_equal(indices, kneighbors(X, 3)[1])


def test_far_from_origin_stays_exact():
    """Check that a large common offset does not spoil the ranking."""
    X = random_rows(200, 3, seed=7) + 1e6
    for algorithm in ALGORITHMS:
        np.testing.assert_array_equal(
            kneighbors(X, 3, algorithm=algorithm)[1], brute_oracle(X, 3)[1]
        )


def test_search_estimator_excludes_self():
    """Check that search= fits a clone and drops the query's own index."""
    X = random_rows(100)
    search = NearestNeighbors(n_neighbors=99, algorithm="ball_tree")
    distances, indices = kneighbors(X, 4, search=search)
    np.testing.assert_array_equal(indices, kneighbors(X, 4)[1])
    np.testing.assert_allclose(distances, kneighbors(X, 4)[0], rtol=1e-12)
    assert not hasattr(search, "n_samples_fit_")  # the given estimator stays unfitted


def test_search_estimator_with_query_and_duplicates():
    """Check that search= keeps every answer of a separate query."""
    X = np.zeros((5, 2))
    _, indices = kneighbors(X, 2, query=[[0.0, 0.0]], search=NearestNeighbors())
    assert indices.shape == (1, 2)
    _, indices = kneighbors(X, 2, search=NearestNeighbors(algorithm="brute"))
    assert not (indices == np.arange(5)[:, None]).any()
    assert indices.shape == (5, 2)


def test_drop_last_when_self_absent():
    """Check that a row whose own index is not returned loses its last neighbour."""

    class Fixed:
        def fit(self, X):
            return self

        def kneighbors(self, X, n_neighbors, return_distance=True):
            indices = np.tile([3, 2, 1], (len(X), 1))[:, :n_neighbors]
            return np.zeros(indices.shape), indices

        def get_params(self, deep=True):
            return {}

    _, indices = kneighbors(np.zeros((4, 1)), 2, query_indices=[0, 3], search=Fixed())
    np.testing.assert_array_equal(indices, [[3, 2], [2, 1]])


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"X": np.zeros((3, 2)), "n_neighbors": 3},
            "n_neighbors=3 needs at least 4 rows in X (a row is not its own "
            "neighbour); X has 3. Lower n_neighbors to at most 2 or add rows.",
        ),
        (
            {"X": np.zeros((3, 2)), "n_neighbors": 4, "query": np.zeros((1, 2))},
            "n_neighbors=4 needs at least 4 rows in X; X has 3. Lower n_neighbors "
            "to at most 3 or add rows.",
        ),
        (
            {"X": np.array([[0.0, np.nan], [1.0, 1.0]]), "n_neighbors": 1},
            "X contains NaN or infinity; nearest-neighbour distances need finite "
            "values. Impute or drop those rows first.",
        ),
        (
            {"X": sp.csr_matrix([[0.0, np.inf], [1.0, 1.0]]), "n_neighbors": 1},
            "X contains NaN or infinity",
        ),
        (
            {"X": np.zeros((3, 2)), "n_neighbors": 1, "query": [[np.inf, 0.0]]},
            "query contains NaN or infinity",
        ),
        (
            {"X": np.zeros((3, 2)), "n_neighbors": 1, "query": np.zeros((1, 3))},
            "query has 3 features but X has 2; both must have the same columns.",
        ),
        (
            {
                "X": np.zeros((3, 2)),
                "n_neighbors": 1,
                "query": np.zeros((1, 2)),
                "query_indices": [0],
            },
            "When query is given, query_indices cannot be given too; pass either "
            "separate query rows or positions of rows of X.",
        ),
        (
            {"X": np.zeros((3, 2)), "n_neighbors": 1, "query_indices": [0, 3]},
            "query_indices must be row positions in [0, 3) of X; got 3.",
        ),
        (
            {"X": np.zeros((3, 2)), "n_neighbors": 1, "query_indices": [0.5]},
            "query_indices must be a 1-D sequence of int row positions of X; got "
            "an array of dtype float64 and shape (1,).",
        ),
        (
            {"X": np.zeros(3), "n_neighbors": 1},
            "X must be 2-D (rows x features); got shape (3,). For a single "
            "feature, use reshape(-1, 1).",
        ),
        (
            {"X": np.zeros((4, 0)), "n_neighbors": 1},
            "X has no features (shape (4, 0)); distances need at least one column.",
        ),
        (
            {"X": np.array([["a", "b"], ["c", "d"]]), "n_neighbors": 1},
            "X must be numeric to compute distances; got dtype <U1. Encode "
            "non-numeric features first.",
        ),
        (
            {"X": np.zeros((3, 2)), "n_neighbors": 0},
            "The 'n_neighbors' parameter of kneighbors must be an int in [1, inf]. "
            "Got 0 instead.",
        ),
        (
            {"X": np.zeros((3, 2)), "algorithm": "kd_tree"},
            "The 'algorithm' parameter of kneighbors must be one of 'auto', "
            "'brute', 'tree'. Got 'kd_tree' instead.",
        ),
        (
            {"X": np.zeros((3, 2)), "n_neighbors": 1, "n_jobs": 0},
            "The 'n_jobs' parameter of kneighbors cannot be 0; use None or 1 for "
            "one thread, -1 for all cores.",
        ),
        (
            {"X": np.zeros((3, 2)), "n_neighbors": 1, "chunk_size": 0},
            "The 'chunk_size' parameter of kneighbors must be an int in [1, inf] "
            "or None. Got 0 instead.",
        ),
        (
            {"X": sp.csr_matrix(np.eye(3)), "n_neighbors": 1, "algorithm": "tree"},
            "When X is sparse, algorithm cannot be 'tree'; use 'brute' or 'auto'.",
        ),
        (
            {"X": np.zeros((3, 2)), "n_neighbors": 1, "search": "fast"},
            "The 'search' parameter of kneighbors must be None or an object with "
            "a kneighbors method. Got 'fast' instead.",
        ),
    ],
)
def test_errors(kwargs, message):
    """Check that bad requests raise before any work, with the pinned message."""
    with pytest.raises(ValueError, match=re.escape(message)):
        kneighbors(**kwargs)


def test_neighbors_from_param_int_and_estimator():
    """Check that an int passes through and an estimator's count loses the self."""
    assert neighbors_from_param(3) == (3, None)
    assert neighbors_from_param(np.int64(2)) == (2, None)
    search = NearestNeighbors(n_neighbors=6)
    n_neighbors, found = neighbors_from_param(search)
    assert n_neighbors == 5 and found is search


def test_neighbors_from_param_then_kneighbors_matches_imblearn_convention():
    """Check that NearestNeighbors(n_neighbors=6) gives 5 neighbours, self excluded."""
    X = random_rows(60)
    n_neighbors, search = neighbors_from_param(NearestNeighbors(n_neighbors=6))
    _, indices = kneighbors(X, n_neighbors, search=search)
    expected = NearestNeighbors(n_neighbors=6).fit(X).kneighbors(X)[1][:, 1:]
    np.testing.assert_array_equal(indices, expected)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (0, "k_neighbors=0 of SMOTE must be at least 1"),
        (
            True,
            "k_neighbors of SMOTE must be an int >= 1 or an estimator with a "
            "kneighbors method (such as NearestNeighbors); got True.",
        ),
        ("5", "k_neighbors of SMOTE must be an int >= 1"),
        (
            NearestNeighbors(n_neighbors=1),
            "k_neighbors=NearestNeighbors(n_neighbors=1) of SMOTE leaves no "
            "neighbour: as in imbalanced-learn, the estimator's n_neighbors counts "
            "the row itself. Set n_neighbors to at least 2.",
        ),
    ],
)
def test_neighbors_from_param_errors(value, message):
    """Check that a bad neighbours parameter gets the pinned message."""
    with pytest.raises(ValueError, match=re.escape(message)):
        neighbors_from_param(value)


def test_neighbors_from_param_names_owner():
    """Check that the message names the parameter and the sampler given."""
    with pytest.raises(ValueError, match=r"^n_neighbors=-1 of EditedNearestNeighbours"):
        neighbors_from_param(-1, name="n_neighbors", owner="EditedNearestNeighbours")


def test_neighbors_from_param_estimator_without_count():
    """Check that an estimator without an int n_neighbors is refused."""

    class NoCount:
        def kneighbors(self, X):
            return X

    with pytest.raises(ValueError, match="must have an int n_neighbors attribute"):
        neighbors_from_param(NoCount())


def test_input_not_modified():
    """Check that the input arrays are left unchanged."""
    X = random_rows(80)
    query = random_rows(5, seed=9)
    before_X, before_q = X.copy(), query.copy()
    for algorithm in ALGORITHMS:
        kneighbors(X, 3, algorithm=algorithm)
        kneighbors(X, 3, query=query, algorithm=algorithm)
    np.testing.assert_array_equal(X, before_X)
    np.testing.assert_array_equal(query, before_q)


@pytest.fixture
def small_blocks(monkeypatch):
    """Blocks of 16 reference rows, so small data crosses many blocks."""
    from imbalance.neighbors import _brute

    monkeypatch.setattr(_brute, "BLOCK_ROWS", 16)


@pytest.mark.parametrize("n_neighbors", [1, 5, 20])
def test_many_blocks_match_oracle(small_blocks, n_neighbors):
    """Check that thresholds carried across many blocks lose no neighbour."""
    X = np.vstack([tied_rows(8), random_rows(200, 3, seed=8)])
    for chunk_size in (3, 64, 1000):
        distances, indices = kneighbors(
            X, n_neighbors, algorithm="brute", chunk_size=chunk_size, n_jobs=2
        )
        ref_dist, ref_ind = brute_oracle(X, n_neighbors)
        np.testing.assert_array_equal(indices, ref_ind)
        np.testing.assert_array_equal(distances, ref_dist)


def test_many_blocks_sparse_and_query(small_blocks):
    """Check that the sparse path and separate queries agree across blocks."""
    X = tied_rows(9)
    query = X[::7] + 0.5
    _, dense = kneighbors(X, 4, query=query, algorithm="brute")
    _, sparse = kneighbors(sp.csr_matrix(X), 4, query=query, algorithm="brute")
    np.testing.assert_array_equal(dense, brute_oracle(X, 4, query=query)[1])
    np.testing.assert_array_equal(sparse, dense)


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_near_ties_below_float32_resolution(algorithm):
    """Check that distances equal in float32 but not in float64 are ranked exactly."""
    rng = np.random.default_rng(10)
    directions = rng.normal(size=(40, 4))
    directions /= np.linalg.norm(directions, axis=1, keepdims=True)
    radii = 1 + 1e-12 * rng.permutation(40)
    X = np.vstack([np.zeros((1, 4)), directions * radii[:, None]]) + 3.0
    distances, indices = kneighbors(X, 10, query_indices=[0], algorithm=algorithm)
    ref_dist, ref_ind = brute_oracle(X, 10, query_indices=np.array([0]))
    np.testing.assert_array_equal(indices, ref_ind)
    np.testing.assert_array_equal(distances, ref_dist)


def test_auto_choice_gives_same_answer():
    """Check that auto, whichever method it times faster, answers as brute."""
    from imbalance.neighbors._choose import choose_method

    X = random_rows(6000, 2, seed=11)
    method, tree = choose_method(X, X, np.arange(len(X)), 3, 1)
    assert method in ("brute", "tree") and (tree is None) == (method == "brute")
    np.testing.assert_array_equal(
        kneighbors(X, 3, algorithm="auto")[1], kneighbors(X, 3, algorithm="brute")[1]
    )
    assert choose_method(sp.csr_matrix(X), sp.csr_matrix(X), None, 3, 1)[0] == "brute"


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    n_rows=st.integers(2, 60),
    n_features=st.integers(1, 6),
    scale=st.sampled_from([1e-6, 1.0, 1e4]),
    offset=st.sampled_from([0.0, 1e3]),
    levels=st.integers(1, 4),
)
def test_property_brute_and_tree_equal_oracle(
    seed, n_rows, n_features, scale, offset, levels
):
    """Check that on any small grid-like data every method equals the oracle."""
    from imbalance.neighbors import _brute

    rng = np.random.default_rng(seed)
    X = rng.integers(0, levels + 1, size=(n_rows, n_features)) * scale + offset
    n_neighbors = int(rng.integers(1, n_rows))
    ref_dist, ref_ind = brute_oracle(X, n_neighbors)
    saved = _brute.BLOCK_ROWS
    try:
        _brute.BLOCK_ROWS = int(rng.integers(1, 8))
        for algorithm in ("brute", "tree"):
            distances, indices = kneighbors(
                X, n_neighbors, algorithm=algorithm, chunk_size=int(rng.integers(1, 9))
            )
            np.testing.assert_array_equal(indices, ref_ind)
            np.testing.assert_array_equal(distances, ref_dist)
    finally:
        _brute.BLOCK_ROWS = saved


@pytest.mark.parametrize("scale", [1e-30, 1e30, 1e-100, 1e100])
def test_extreme_scales_stay_exact(small_blocks, scale):
    """Check that values beyond float32's range (not float64's) stay exact."""
    X = tied_rows(12) * scale + 3 * scale
    query = X[:5] + 0.5 * scale
    for kwargs in ({}, {"query": query}):
        ref = brute_oracle(X, 4, **kwargs)
        distances, indices = kneighbors(X, 4, algorithm="brute", **kwargs)
        np.testing.assert_array_equal(indices, ref[1])
        np.testing.assert_array_equal(distances, ref[0])


def test_far_query_stays_exact():
    """Check that a query far outside the data is answered exactly."""
    X = tied_rows(13)
    query = np.array([[1e25, 0.0, 0.0], [-1e25, 1.0, 1.0]])
    ref = brute_oracle(X, 3, query=query)
    np.testing.assert_array_equal(kneighbors(X, 3, query=query)[1], ref[1])


@pytest.fixture
def count_paths(monkeypatch):
    """Count calls of the all-rows sweep and of the query path's re-asks."""
    from imbalance.neighbors import _brute, _kneighbors

    calls = {"all_rows": 0, "wider": 0}
    sweep, chunk = _kneighbors.allrows_kneighbors, _brute._chunk_kneighbors

    def counted_sweep(*args, **kwargs):
        calls["all_rows"] += 1
        return sweep(*args, **kwargs)

    def counted_chunk(scorer, Q, own, n_neighbors, width=None):
        calls["wider"] += width is not None
        return chunk(scorer, Q, own, n_neighbors, width)

    monkeypatch.setattr(_kneighbors, "allrows_kneighbors", counted_sweep)
    monkeypatch.setattr(_brute, "_chunk_kneighbors", counted_chunk)
    return calls


@pytest.mark.parametrize("n_jobs", [1, 2])
@pytest.mark.parametrize("chunk_size", [7, 40])
def test_all_rows_sweep_matches_oracle(count_paths, n_jobs, chunk_size):
    """Check that the symmetric all-rows sweep answers exactly, ties by index."""
    X = np.vstack([tied_rows(3), random_rows(200, 3, seed=4)])
    for n_neighbors in (1, 5):
        distances, indices = kneighbors(
            X, n_neighbors, algorithm="brute", chunk_size=chunk_size, n_jobs=n_jobs
        )
        ref_dist, ref_ind = brute_oracle(X, n_neighbors)
        np.testing.assert_array_equal(indices, ref_ind)
        np.testing.assert_array_equal(distances, ref_dist)
    assert count_paths["all_rows"] == 2


def test_overflowing_buffers_are_asked_again(count_paths):
    """Check that rows with more near-ties than a buffer holds lose no neighbour.

    Forty copies of one row tie at distance 0 for every copy: far more than
    the few candidates a buffer keeps, so those rows must be searched again
    with wider buffers, in the all-rows sweep and on the query path.
    """
    rng = np.random.default_rng(12)
    X = np.vstack([np.ones((40, 4)), rng.normal(size=(160, 4))])
    X = X[rng.permutation(len(X))]
    ref_dist, ref_ind = brute_oracle(X, 3)
    distances, indices = kneighbors(X, 3, algorithm="brute", chunk_size=16)
    np.testing.assert_array_equal(indices, ref_ind)
    np.testing.assert_array_equal(distances, ref_dist)
    assert count_paths["all_rows"] == 1 and count_paths["wider"] > 0

    positions = np.arange(0, len(X), 3)
    _, indices = kneighbors(X, 3, query_indices=positions, algorithm="brute")
    np.testing.assert_array_equal(indices, ref_ind[positions])


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    n_rows=st.integers(20, 150),
    n_features=st.integers(1, 5),
    levels=st.sampled_from([2, 3, 1000]),
    n_neighbors=st.integers(1, 6),
    chunk_size=st.integers(1, 30),
    n_jobs=st.sampled_from([1, 2]),
)
def test_property_all_rows_sweep_equals_oracle(
    seed, n_rows, n_features, levels, n_neighbors, chunk_size, n_jobs
):
    """Check that the sweep equals the oracle on grid data with many ties."""
    X = np.random.default_rng(seed).integers(0, levels, size=(n_rows, n_features))
    X = X.astype(float)
    ref_dist, ref_ind = brute_oracle(X, n_neighbors)
    distances, indices = kneighbors(
        X, n_neighbors, algorithm="brute", chunk_size=chunk_size, n_jobs=n_jobs
    )
    np.testing.assert_array_equal(indices, ref_ind)
    np.testing.assert_array_equal(distances, ref_dist)


def test_spatial_clusters_order_is_a_permutation():
    """Check that the block order is a permutation that groups near rows."""
    from imbalance.neighbors._allrows import spatial_clusters

    rng = np.random.default_rng(13)
    centres = rng.normal(scale=100, size=(4, 3))
    X = np.repeat(centres, 50, axis=0) + rng.normal(size=(200, 3))
    X = X[rng.permutation(200)]
    order, _ = spatial_clusters(X, 50, 1)
    np.testing.assert_array_equal(np.sort(order), np.arange(200))
    group = np.argmin(((X[:, None] - centres[None]) ** 2).sum(axis=2), axis=1)
    # Each block of 50 rows of the order holds rows of one well-separated group.
    assert all(len(set(group[order[b : b + 50]])) == 1 for b in range(0, 200, 50))


def test_most_rows_queried_take_the_sweep(count_paths):
    """Check that querying most rows (repeats allowed) uses the sweep, exactly."""
    X = np.vstack([tied_rows(5), random_rows(100, 3, seed=6)])
    positions = np.r_[np.arange(0, len(X), 2), np.arange(0, len(X), 3), [7, 7]]
    distances, indices = kneighbors(
        X, 4, query_indices=positions, algorithm="brute", chunk_size=16
    )
    ref_dist, ref_ind = brute_oracle(X, 4, query_indices=positions)
    np.testing.assert_array_equal(indices, ref_ind)
    np.testing.assert_array_equal(distances, ref_dist)
    assert count_paths["all_rows"] == 1


@pytest.mark.parametrize("n_jobs", [1, 2])
def test_local_kneighbors_bounds_the_exact_distances(n_jobs):
    """Check that local neighbours are real rows at or beyond the exact distances."""
    X = np.vstack([tied_rows(6), random_rows(3000, 3, seed=8)])
    distances, indices = local_kneighbors(X, 3, n_jobs=n_jobs, chunk_size=200)
    exact_distances, exact_indices = kneighbors(X, 3)
    assert (distances >= exact_distances).all()
    assert 0.2 < (indices == exact_indices).mean() < 1  # local, yet mostly right
    assert (indices != np.arange(len(X))[:, None]).all()
    recomputed = np.linalg.norm(X[indices] - X[:, None, :], axis=2)
    np.testing.assert_allclose(distances, recomputed, rtol=1e-12, atol=1e-12)
    assert (np.diff(distances, axis=1) >= 0).all()
    again = local_kneighbors(X, 3, n_jobs=3 - n_jobs, chunk_size=200)
    np.testing.assert_array_equal(again[1], indices)


def test_local_kneighbors_within_one_block_is_exact():
    """Check that at most chunk_size rows give the exact answer."""
    X = random_rows(150, 3, seed=9)
    distances, indices = local_kneighbors(X, 4)
    ref_dist, ref_ind = brute_oracle(X, 4)
    np.testing.assert_array_equal(indices, ref_ind)
    np.testing.assert_array_equal(distances, ref_dist)


def test_local_kneighbors_errors():
    """Check that sparse input and too few rows are refused with the fix."""
    with pytest.raises(ValueError, match="needs dense X"):
        local_kneighbors(sp.csr_matrix(np.eye(5)), 1)
    with pytest.raises(ValueError, match="at least 4 rows"):
        local_kneighbors(np.zeros((3, 2)), 3)


def test_block_edges_cover_the_rows_with_no_block_too_small():
    """Check the block cutting: clusters kept whole or cut evenly, small joined."""
    from imbalance.neighbors._allrows import _cluster_edges, _join_small

    starts = np.array([0, 3, 10, 50, 52])  # clusters of 3, 7, 40, 2 and 8 rows
    edges = _cluster_edges(starts, 60, 10)
    assert edges[0] == 0 and edges[-1] == 60 and edges == sorted(set(edges))
    assert {3, 10, 50, 52} <= set(edges)  # every cluster start is an edge
    assert max(np.diff(edges)) <= 20  # the 40-row cluster is cut in two
    joined = _join_small(edges, 5)
    assert joined[0] == 0 and joined[-1] == 60 and set(joined) <= set(edges)
    assert min(np.diff(joined)) >= 5
    assert _join_small([0, 2, 4], 5) == [0, 4]  # one block: nothing to join
