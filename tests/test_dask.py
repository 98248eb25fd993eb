"""Tests of imbalance.dask on a local cluster of two worker processes."""

from __future__ import annotations

import itertools
import os
import signal
import sys
import time
import warnings

import numpy as np
import pandas as pd
import pytest

distributed = pytest.importorskip("distributed")
dask = pytest.importorskip("dask")

import cloudpickle  # noqa: E402
import dask.array as da  # noqa: E402
import dask.dataframe as dd  # noqa: E402
from dask import delayed  # noqa: E402

import imbalance.dask as imb_dask  # noqa: E402
from imbalance import ApproximationWarning, over_sampling, under_sampling  # noqa: E402
from imbalance.neighbors import kneighbors  # noqa: E402
from imbalance.over_sampling._smote import share_out  # noqa: E402

from .conftest import imbalanced_data  # noqa: E402

# Helpers defined here travel to the workers by value, not by module name.
cloudpickle.register_pickle_by_value(sys.modules[__name__])


@pytest.fixture(scope="module")
def client():
    """A cluster of two worker processes, one thread each, for this module."""
    with (
        distributed.LocalCluster(
            n_workers=2,
            processes=True,
            threads_per_worker=1,
            dashboard_address=None,
            memory_limit="3GiB",
        ) as cluster,
        distributed.Client(cluster) as cluster_client,
    ):
        cluster_client.run(lambda: __import__("imbalance.dask"))
        yield cluster_client


def as_arrays(X, y, chunks):
    return (
        da.from_array(X, chunks=(chunks, X.shape[1])),
        da.from_array(y, chunks=chunks),
    )


def with_empty_partitions(frame, cuts):
    """A Dask frame split at ``cuts`` (repeated cuts make empty partitions)."""
    bounds = [0, *cuts, len(frame)]
    parts = [
        delayed(frame.iloc.__getitem__)(slice(a, b))
        for a, b in itertools.pairwise(bounds)
    ]
    return dd.from_delayed(parts, meta=frame.iloc[:0])


def id_frame(n_samples=400, weights=(0.75, 0.2, 0.05), seed=0):
    """A frame with a row id column, numeric features and a string target."""
    X, y = imbalanced_data(n_samples=n_samples, weights=weights, seed=seed)
    frame = pd.DataFrame(X[:, :4], columns=["a", "b", "c", "d"])
    frame.insert(0, "row_id", np.arange(n_samples))
    frame["label"] = np.array(["ant", "bee", "cat"])[y]
    return frame


# -- public names -------------------------------------------------------------


def test_public_names_are_listed_and_importable():
    """Check that every name in imbalance.dask.__all__ imports."""
    for name in imb_dask.__all__:
        assert getattr(imb_dask, name) is not None
    assert {"SMOTE", "RandomUnderSampler", "TomekLinks"} <= set(imb_dask.__all__)


@pytest.mark.parametrize("name", imb_dask.__all__)
def test_public_names_document_parameters_and_examples(name):
    """Check each public name's numpydoc sections, as for the other packages."""
    from .test_docstrings import (
        test_every_parameter_is_documented,
        test_public_object_has_numpydoc_examples,
    )

    test_public_object_has_numpydoc_examples(getattr(imb_dask, name))
    test_every_parameter_is_documented(getattr(imb_dask, name))


# -- random samplers ------------------------------------------------------------


@pytest.mark.parametrize("replacement", [False, True])
def test_random_under_sampler_exact_counts_whatever_the_partitioning(
    client, replacement
):
    """Check that the kept rows, in order, are the same for 1 to many partitions
    (empty ones included) and the counts are the in-memory sampler's."""
    X, y = imbalanced_data(n_samples=3000)
    memory = under_sampling.RandomUnderSampler(replacement=replacement)
    memory.fit_resample(X, y)
    results = []
    for chunks in [3000, 1000, 430]:
        sampler = imb_dask.RandomUnderSampler(random_state=5, replacement=replacement)
        X_res, y_res = sampler.fit_resample(*as_arrays(X, y, chunks))
        X_out, y_out, indices = dask.compute(X_res, y_res, sampler.sample_indices_)
        assert sampler.sampling_strategy_ == memory.sampling_strategy_
        assert (
            np.bincount(y_out).tolist()
            == np.bincount(y[memory.sample_indices_]).tolist()
        )
        assert np.array_equal(X_out, X[indices]) and np.array_equal(y_out, y[indices])
        assert np.all(np.diff(indices) >= 0)
        results.append(indices)
    assert all(np.array_equal(results[0], other) for other in results[1:])


def test_random_under_sampler_frame_with_empty_partitions(client):
    """Check that empty partitions change nothing and index labels are kept."""
    frame = id_frame()
    frame.index = frame.index * 3 + 7
    sampler = imb_dask.RandomUnderSampler(random_state=0)
    plain = sampler.fit_resample(dd.from_pandas(frame, npartitions=1), "label")[0]
    gappy = sampler.fit_resample(
        with_empty_partitions(frame, [0, 50, 50, 300, 400]), "label"
    )
    expected, out = plain.compute(), gappy[0].compute()
    pd.testing.assert_frame_equal(out, expected, check_dtype=False)
    smallest = frame["label"].value_counts().min()
    assert out["label"].value_counts().tolist() == [smallest] * 3
    pd.testing.assert_frame_equal(out, frame.loc[out.index], check_dtype=False)


def test_random_over_sampler_exact_counts_and_invariance(client):
    """Check that copies come after the input rows, counts are exact and the
    output does not depend on the partitioning."""
    X, y = imbalanced_data(n_samples=2000)
    results = []
    for chunks in [2000, 700, 290]:
        sampler = imb_dask.RandomOverSampler(random_state=3)
        X_res, y_res = sampler.fit_resample(*as_arrays(X, y, chunks))
        X_out, y_out, indices = dask.compute(X_res, y_res, sampler.sample_indices_)
        assert np.bincount(y_out).tolist() == [np.bincount(y).max()] * 3
        assert np.array_equal(indices[:2000], np.arange(2000))
        assert np.array_equal(X_out, X[indices])
        results.append(X_out)
    assert all(np.array_equal(results[0], other) for other in results[1:])


def test_random_over_sampler_shrinkage_jitters_copies(client):
    """Check that with shrinkage the added rows are new points, counts are exact,
    and the output agrees across partitionings up to rounding."""
    X, y = imbalanced_data(n_samples=1500)
    outs = []
    for chunks in [1500, 400]:
        sampler = imb_dask.RandomOverSampler(random_state=0, shrinkage=0.5)
        X_res, y_res = sampler.fit_resample(*as_arrays(X, y, chunks))
        X_out, y_out = dask.compute(X_res, y_res)
        assert np.bincount(y_out).tolist() == [np.bincount(y).max()] * 3
        added = X_out[1500:]
        assert not (added[:, None, :] == X[None, :, :]).all(axis=2).any()
        outs.append(X_out)
    np.testing.assert_allclose(outs[0], outs[1], rtol=1e-9, atol=1e-12)


# -- neighbour search and cleaning ----------------------------------------------


def grid_data(n_samples=900, seed=0):
    """Integer features on a small grid: many equal distances and duplicates."""
    rng = np.random.default_rng(seed)
    X = rng.integers(0, 5, size=(n_samples, 2)).astype(float)
    y = rng.choice(3, size=n_samples, p=[0.6, 0.3, 0.1])
    return X, y


def test_exact_kneighbors_is_the_engine_answer(client):
    """Check that the block-by-block search gives the engine's distances and
    indices, ties included, for any chunking."""
    X, _ = grid_data()
    distances, indices = kneighbors(X, 4)
    for chunks in [900, 200]:
        found = imb_dask.exact_kneighbors(da.from_array(X, chunks=(chunks, 2)), 4)
        got_distances, got_indices = dask.compute(*found)
        assert np.array_equal(got_indices, indices)
        assert np.array_equal(got_distances, distances)


@pytest.mark.parametrize(
    ("dask_class", "memory_class", "params"),
    [
        (imb_dask.TomekLinks, under_sampling.TomekLinks, {}),
        (imb_dask.EditedNearestNeighbours, under_sampling.EditedNearestNeighbours, {}),
        (
            imb_dask.EditedNearestNeighbours,
            under_sampling.EditedNearestNeighbours,
            {"n_neighbors": 5, "kind_sel": "mode", "sampling_strategy": "all"},
        ),
    ],
)
def test_cleaning_keeps_the_in_memory_rows(client, dask_class, memory_class, params):
    """Check that the distributed cleaning keeps exactly the rows the in-memory
    sampler keeps, on tie-heavy data, for 1 to many partitions."""
    X, y = grid_data()
    memory = memory_class(**params)
    memory.fit_resample(X, y)
    assert 0 < len(memory.sample_indices_) < len(y)
    for chunks in [900, 160]:
        sampler = dask_class(**params)
        X_res, y_res = sampler.fit_resample(*as_arrays(X, y, chunks))
        X_out, y_out, indices = dask.compute(X_res, y_res, sampler.sample_indices_)
        assert np.array_equal(indices, memory.sample_indices_)
        assert np.array_equal(X_out, X[memory.sample_indices_])
        assert np.array_equal(y_out, y[memory.sample_indices_])


def test_cleaning_frame_keeps_index_labels_with_empty_partitions(client):
    """Check that a frame keeps the kept rows' index labels and dtypes."""
    frame = id_frame(n_samples=300)
    features = frame.drop(columns=["label", "row_id"])
    memory = under_sampling.EditedNearestNeighbours().fit_resample(
        features, frame["label"]
    )[0]
    data = with_empty_partitions(frame.drop(columns=["row_id"]), [0, 100, 100, 300])
    out = imb_dask.EditedNearestNeighbours().fit_resample(data, "label")[0].compute()
    assert out.index.tolist() == memory.index.tolist()
    assert out.dtypes.to_dict() == frame.drop(columns=["row_id"]).dtypes.to_dict()


# -- SMOTE family -----------------------------------------------------------------


def two_blobs(n_major=480, n_minor=120, seed=0):
    rng = np.random.default_rng(seed)
    X = np.vstack([rng.normal(0, 1, (n_major, 3)), rng.normal(1, 1, (n_minor, 3))])
    y = np.array([0] * n_major + [1] * n_minor)
    order = rng.permutation(len(y))
    return X[order], y[order]


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("SMOTE", {}),
        ("BorderlineSMOTE", {}),
        ("BorderlineSMOTE", {"kind": "borderline-2"}),
        ("ADASYN", {}),
    ],
)
def test_smote_family_counts_and_partition_invariance(client, name, params):
    """Check that the gathered mode adds the in-memory counts and gives the same
    rows for any partitioning."""
    X, y = two_blobs()
    memory = getattr(over_sampling, name)(random_state=0, **params)
    _, y_memory = memory.fit_resample(X, y)
    outs = []
    for chunks in [600, 120]:
        sampler = getattr(imb_dask, name)(random_state=0, **params)
        X_res, y_res = sampler.fit_resample(*as_arrays(X, y, chunks))
        X_out, y_out = dask.compute(X_res, y_res)
        assert sampler.gathered_
        assert np.bincount(y_out).tolist() == np.bincount(y_memory).tolist()
        assert np.array_equal(X_out[:600], X)
        outs.append(X_out)
    assert all(np.array_equal(outs[0], other) for other in outs[1:])
    if name == "BorderlineSMOTE":
        for label, rows in memory.in_danger_indices_.items():
            assert np.array_equal(sampler.in_danger_indices_[label], rows)


def test_adasyn_weights_are_the_exact_ones(client):
    """Check that each minority row grows as many rows as its exact other-class
    neighbour count asks for."""
    X, y = two_blobs()
    sampler = imb_dask.ADASYN(random_state=0)
    sampler.fit_resample(*as_arrays(X, y, 200))
    rows = np.flatnonzero(y == 1)
    neighbors = kneighbors(X, 5, query_indices=rows, return_distance=False)
    n_other = np.count_nonzero(y[neighbors] != 1, axis=1)
    assert np.array_equal(sampler.origin_counts_[1], share_out(360, n_other))


def test_smote_rows_lie_on_segments_to_exact_neighbours(client):
    """Check that every synthetic row lies between a minority row and one of its
    k exact nearest minority neighbours."""
    X, y = two_blobs(n_major=90, n_minor=30)
    X_res, _ = imb_dask.SMOTE(random_state=2, k_neighbors=3).fit_resample(
        *as_arrays(X, y, 25)
    )
    new = X_res.compute()[len(y) :]
    minority = X[y == 1]
    neighbors = kneighbors(minority, 3, return_distance=False)
    starts = np.repeat(minority, 3, axis=0)
    ends = minority[neighbors.ravel()]
    direction = ends - starts
    steps = np.einsum("sij,ij->si", new[:, None, :] - starts[None], direction)
    steps /= np.einsum("ij,ij->i", direction, direction)
    closest = starts[None] + steps[..., None] * direction[None]
    residual = np.linalg.norm(closest - new[:, None, :], axis=2)
    on_segment = (residual < 1e-9) & (steps >= 0) & (steps < 1)
    assert on_segment.any(axis=1).all()


def test_smote_partition_wise_mode_warns_and_keeps_counts(client):
    """Check that a grown class over max_gather_bytes is grown partition by
    partition, with a warning that names what is approximated."""
    X, y = two_blobs()
    sampler = imb_dask.SMOTE(random_state=0, max_gather_bytes=1000)
    with pytest.warns(ApproximationWarning, match="within each partition only"):
        X_res, y_res = sampler.fit_resample(*as_arrays(X, y, 150))
    assert not sampler.gathered_
    assert np.bincount(y_res.compute()).tolist() == [480, 480]
    assert X_res.shape[0] == 960


def test_partition_wise_refuses_partitions_too_small(client):
    """Check that partition-wise SMOTE names the fix when no partition has
    enough rows of the class."""
    X, y = two_blobs(n_major=48, n_minor=12)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ApproximationWarning)
        with pytest.raises(ValueError, match="Raise max_gather_bytes"):
            imb_dask.SMOTE(max_gather_bytes=0).fit_resample(*as_arrays(X, y, 6))


def test_smote_frame_with_target_column(client):
    """Check that a frame keeps its columns and dtypes, synthetic rows get new
    integer index labels, and a Series target gives the same rows."""
    frame = id_frame()
    frame["row_id"] = frame["row_id"].astype("int32")
    data = dd.from_pandas(frame, npartitions=3)
    sampler = imb_dask.SMOTE(random_state=0, k_neighbors=3)
    out = sampler.fit_resample(data, "label")[0].compute()
    assert list(out.columns) == list(frame.columns)
    assert out.dtypes.to_dict() == data.dtypes.to_dict()
    largest = frame["label"].value_counts().max()
    assert out["label"].value_counts().tolist() == [largest] * 3
    assert out.index[400:].tolist() == list(range(400, 3 * largest))
    X_res, y_res = sampler.fit_resample(data.drop(columns="label"), data["label"])
    pd.testing.assert_frame_equal(X_res.compute(), out.drop(columns="label"))
    assert y_res.compute().tolist() == out["label"].tolist()


# -- errors -------------------------------------------------------------------------


def test_errors_name_the_problem_and_the_fix():
    """Check the messages for data that is not Dask, misaligned y, too small a
    class and text features."""
    X, y = two_blobs(n_major=20, n_minor=4)
    with pytest.raises(TypeError, match="For data in memory, use the sampler"):
        imb_dask.SMOTE().fit_resample(X, y)
    frame = dd.from_pandas(pd.DataFrame({"a": X[:, 0], "y": y}), npartitions=2)
    other = dd.from_pandas(pd.Series(y), npartitions=3)
    with pytest.raises(ValueError, match="y must be partitioned like X"):
        imb_dask.RandomUnderSampler().fit_resample(frame.drop(columns="y"), other)
    with pytest.raises(ValueError, match="y='z' is not a column of X"):
        imb_dask.RandomUnderSampler().fit_resample(frame, "z")
    with dask.config.set(scheduler="synchronous"):
        with pytest.raises(ValueError, match="needs at least 6 samples of class 1"):
            imb_dask.SMOTE().fit_resample(*as_arrays(X, y, 10))
        text = frame.assign(word="w")
        with pytest.raises(ValueError, match="Column 'word' is not numeric"):
            imb_dask.SMOTE().fit_resample(text, "y")
        with pytest.raises(ValueError, match="'k_neighbors' parameter of SMOTE"):
            imb_dask.SMOTE(k_neighbors=0).fit_resample(frame, "y")


def test_callable_strategy_gets_the_dask_labels():
    """Check that a callable sampling_strategy is given the labels as a Dask
    Series (for a target column name) and its counts are applied exactly."""
    frame = pd.DataFrame({"a": np.arange(20.0), "y": [0] * 15 + [1] * 5})
    seen = []

    def strategy(labels):
        seen.append(type(labels))
        return {0: int((labels == 1).sum().compute()) + 1}

    with dask.config.set(scheduler="synchronous"):
        sampler = imb_dask.RandomUnderSampler(sampling_strategy=strategy)
        X_res, _ = sampler.fit_resample(dd.from_pandas(frame, npartitions=2), "y")
        assert X_res["y"].compute().value_counts().to_dict() == {0: 6, 1: 5}
    assert seen == [dd.Series]


def test_output_is_lazy():
    """Check that fit_resample returns Dask collections without computing them."""
    X, y = two_blobs()
    calls = []

    def counted(block):
        calls.append(len(block))
        return block

    with dask.config.set(scheduler="synchronous"):
        X_dask = da.from_array(X, chunks=(100, 3)).map_blocks(counted)
        X_res, y_res = imb_dask.RandomUnderSampler(random_state=0).fit_resample(
            X_dask, da.from_array(y, chunks=100)
        )
        assert isinstance(X_res, da.Array) and isinstance(y_res, da.Array)
        # only Dask's metadata probes (0 or 1 rows) ran: the count read y only
        assert max(calls) <= 1
        assert X_res.shape == (240, 3)


# -- command line -------------------------------------------------------------------


@pytest.fixture
def parquet_folder(tmp_path):
    """A folder of three Parquet files: an id column, features, a text target."""
    folder = tmp_path / "rows"
    folder.mkdir()
    frame = id_frame(n_samples=300)
    for number, start in enumerate(range(0, 300, 100)):
        frame.iloc[start : start + 100].to_parquet(folder / f"part{number}.parquet")
    return folder, frame


def run_cli(*args):
    from typer.testing import CliRunner

    from imbalance.cli import app

    return CliRunner().invoke(app, [str(arg) for arg in args])


def test_cli_resample_on_a_scheduler_writes_a_new_folder(client, parquet_folder):
    """Check that --scheduler ADDRESS reads the folder, writes partitioned Parquet
    to a new folder (no temporary left) and reports the counts."""
    import json

    folder, frame = parquet_folder
    output = folder.parent / "balanced"
    address = client.scheduler.address
    args = ["resample", folder, "-t", "label", "-m", "random-under", "-o", output]
    result = run_cli(*args, "--scheduler", address, "--json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    written = pd.read_parquet(output)
    smallest = int(frame["label"].value_counts().min())
    assert written["label"].value_counts().tolist() == [smallest] * 3
    assert report["n_rows_after"] == 3 * smallest
    assert {row["after"] for row in report["classes"]} == {smallest}
    assert len(list(output.glob("*.parquet"))) == 3
    assert sorted(p.name for p in folder.parent.iterdir()) == ["balanced", "rows"]
    merged = written.merge(frame, on="row_id", suffixes=("", "_in"))
    assert (merged["a"] == merged["a_in"]).all() and written["row_id"].is_unique

    again = run_cli(*args, "--scheduler", address)
    assert again.exit_code == 2 and "already exists" in again.stderr


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["-m", "near-miss"], "has no distributed version"),
        (["-m", "smote", "-o", "{input}"], "overlaps the input folder"),
        (["-m", "smote", "-t", "nope"], "Column 'nope' is not in"),
    ],
)
def test_cli_scheduler_refuses_bad_requests(client, parquet_folder, extra, message):
    """Check that bad requests with --scheduler exit with code 2 before any work."""
    folder, _ = parquet_folder
    extra = [str(folder) if item == "{input}" else item for item in extra]
    args = ["resample", folder, "-t", "label", "-o", folder.parent / "out", *extra]
    result = run_cli(*args, "--scheduler", client.scheduler.address)
    assert result.exit_code == 2, result.stderr
    assert message in result.stderr
    assert not (folder.parent / "out").exists()


def test_cli_scheduler_needs_a_folder(tmp_path):
    """Check that a single file with --scheduler is refused with the fix."""
    data = tmp_path / "rows.parquet"
    id_frame(n_samples=30).to_parquet(data)
    args = ["resample", data, "-t", "label", "-m", "smote", "-o", tmp_path / "o"]
    result = run_cli(*args, "--scheduler", "local")
    assert result.exit_code == 2
    assert "must be a folder of Parquet files" in result.stderr


@pytest.mark.slow
def test_cli_scheduler_local_starts_its_own_cluster(parquet_folder):
    """Check that --scheduler local runs SMOTE on a cluster of its own."""
    folder, frame = parquet_folder
    output = folder.parent / "grown"
    args = ["resample", folder, "-t", "label", "-m", "smote", "-o", output]
    result = run_cli(*args, "--scheduler", "local", "--seed", "3")
    assert result.exit_code == 0, result.stderr
    written = pd.read_parquet(output)
    largest = int(frame["label"].value_counts().max())
    assert written["label"].value_counts().tolist() == [largest] * 3
    assert "SMOTE" in result.stdout


# -- failures ---------------------------------------------------------------------


def slow_part(number, frame):
    """A partition that takes a while to make, on a worker only."""
    try:
        distributed.get_worker()
    except ValueError:
        return frame
    time.sleep(0.25)
    return frame


@pytest.mark.parametrize(
    "sampler",
    [
        imb_dask.RandomOverSampler(random_state=0),
        pytest.param(imb_dask.SMOTE(random_state=0), marks=pytest.mark.slow),
    ],
    ids=["RandomOverSampler", "SMOTE"],
)
def test_worker_killed_mid_run_loses_and_duplicates_nothing(client, sampler):
    """Check that killing a worker process while the output is computed gives,
    after the retries, exactly the rows of an undisturbed run."""
    frame = id_frame(n_samples=2400)
    bounds = np.linspace(0, 2400, 7).astype(int)
    parts = [
        delayed(slow_part)(i, frame.iloc[a:b])
        for i, (a, b) in enumerate(itertools.pairwise(bounds))
    ]
    data = dd.from_delayed(parts, meta=frame.iloc[:0])
    X_res, _ = sampler.fit_resample(data, "label")
    expected = X_res.compute(scheduler="synchronous")

    future = client.compute(X_res)
    deadline = time.monotonic() + 10
    while not any(client.processing().values()) and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(0.3)
    workers_before = set(client.run(os.getpid))
    victim = next(iter(client.run(os.getpid).values()))
    assert not future.done()  # killed mid-run, not after
    os.kill(victim, signal.SIGKILL)
    got = future.result(timeout=60)
    client.wait_for_workers(2, timeout=30)

    assert set(client.run(os.getpid)) != workers_before  # one was replaced
    pd.testing.assert_frame_equal(got, expected)
    assert np.bincount(got["row_id"].to_numpy()[:2400]).tolist() == [1] * 2400
