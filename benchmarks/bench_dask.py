"""imbalance.dask on a local cluster: throughput and each worker's peak memory.

``N x 20`` Gaussian rows are generated lazily with ``dask.array`` (never held
whole anywhere) and resampled on a local cluster of two worker processes, one
thread each: random under-sampling and SMOTE (gathered, exact mode; 0.5 % of
the rows in the minority class). Each run computes the whole output on the
workers and reduces it to column sums and class counts, so the figure is the
cost of producing every output row. Each worker's peak resident memory is
sampled every 50 ms during the run and printed beside the size of the data.

The peer is the in-memory sampler of the same name on the largest size that
fits here (``--memory-rows``, materialised as NumPy arrays), timed with the
harness; the Dask samplers run on that size too, so the two throughputs sit
side by side. The Dask figures include making the data (twice: the counting
pass reads the labels, the output pass the rows); the time of one pass is
printed as the floor.

Run ``python benchmarks/bench_dask.py --rows 2000000 --memory-rows 200000`` for
a quick look; the default is 20,000,000 rows.
"""

from __future__ import annotations

import argparse
import threading
import time

import dask
import dask.array as da
import numpy as np
from distributed import Client, LocalCluster

import imbalance.dask as imb_dask
from harness import measure, report
from imbalance.over_sampling import SMOTE
from imbalance.under_sampling import RandomUnderSampler


def make_data(n_rows, n_features, chunk_rows, minority, seed=0):
    """Lazy ``n_rows x n_features`` features and 0/1 labels, chunked alike."""
    rng = da.random.default_rng(seed)
    X = rng.standard_normal((n_rows, n_features), chunks=(chunk_rows, n_features))
    y = (rng.random(n_rows, chunks=chunk_rows) < minority).astype(np.int8)
    return X, y


def start_peak_monitor(dask_worker):
    """Sample this worker's resident memory every 50 ms; keep the maximum."""
    import psutil

    process = psutil.Process()
    state = {"peak": process.memory_info().rss, "running": True}

    def sample():
        while state["running"]:
            state["peak"] = max(state["peak"], process.memory_info().rss)
            time.sleep(0.05)

    threading.Thread(target=sample, daemon=True).start()
    dask_worker.imbalance_memory = state


def stop_peak_monitor(dask_worker):
    state = dask_worker.imbalance_memory
    state["running"] = False
    return state["peak"]


def run_dask(client, sampler, X, y):
    """Fit, compute every output row on the workers, return (seconds, peaks, rows)."""
    client.run(start_peak_monitor)
    start = time.perf_counter()
    X_res, y_res = sampler.fit_resample(X, y)
    sums, counts = dask.compute(X_res.sum(axis=0), da.bincount(y_res))
    seconds = time.perf_counter() - start
    peaks = client.run(stop_peak_monitor)
    assert np.isfinite(sums).all()
    return seconds, sorted(peaks.values()), counts


def print_dask(name, n_rows, n_features, seconds, peaks, counts):
    gib = 2**30
    data_gib = n_rows * n_features * 8 / gib
    peak_text = ", ".join(f"{peak / gib:.2f}" for peak in peaks)
    print(
        f"  {name:<34} {n_rows:>11,} rows in {seconds:8.1f} s = "
        f"{n_rows / seconds:>11,.0f} rows/s; out {int(counts.sum()):,} rows "
        f"{counts.tolist()}; data {data_gib:.2f} GiB, worker peaks "
        f"[{peak_text}] GiB"
    )


def samplers(seed):
    return {
        "RandomUnderSampler": (
            imb_dask.RandomUnderSampler(random_state=seed),
            RandomUnderSampler(random_state=seed),
        ),
        "SMOTE": (imb_dask.SMOTE(random_state=seed), SMOTE(random_state=seed)),
    }


def compare_in_memory(client, args):
    """Dask and in-memory on ``--memory-rows`` rows: throughput side by side."""
    n_rows = args.memory_rows
    X, y = make_data(n_rows, args.features, args.chunk_rows, args.minority)
    X_np, y_np = dask.compute(X, y)
    floor = measure("one pass over the data", lambda: _data_pass(X, y), 1, False)
    rate = n_rows / floor.median_s
    print(f"  making the data, one pass: {floor.median_s:.2f} s = {rate:,.0f} rows/s")
    for name, (ours, in_memory) in samplers(0).items():
        seconds, peaks, counts = run_dask(client, ours, X, y)
        print_dask(f"dask {name}", n_rows, args.features, seconds, peaks, counts)
        dask_time = measure(
            f"dask {name}", lambda s=ours: _compute(s, X, y), 1, memory=False
        )
        memory_time = measure(
            f"in-memory {name}",
            lambda s=in_memory: s.fit_resample(X_np, y_np),
            args.repeats,
            memory=False,
        )
        report(f"{name}, {n_rows:,} x {args.features}", dask_time, memory_time)
        rate = n_rows / memory_time.median_s
        print(f"  in-memory {name}: {rate:,.0f} rows/s")


def _data_pass(X, y):
    """The least any run costs here: making the lazy data once."""
    return dask.compute(X.sum(axis=0), da.bincount(y))


def _compute(sampler, X, y):
    X_res, y_res = sampler.fit_resample(X, y)
    return dask.compute(X_res.sum(axis=0), da.bincount(y_res))


def full_size(client, args):
    X, y = make_data(args.rows, args.features, args.chunk_rows, args.minority)
    for name, (ours, _) in samplers(0).items():
        seconds, peaks, counts = run_dask(client, ours, X, y)
        print_dask(f"dask {name}", args.rows, args.features, seconds, peaks, counts)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000_000)
    parser.add_argument("--memory-rows", type=int, default=2_000_000)
    parser.add_argument("--features", type=int, default=20)
    parser.add_argument("--chunk-rows", type=int, default=250_000)
    parser.add_argument("--minority", type=float, default=0.005)
    parser.add_argument("--memory-limit", default="4GiB", help="per worker")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--skip-full", action="store_true")
    args = parser.parse_args()

    with (
        LocalCluster(
            n_workers=2,
            processes=True,
            threads_per_worker=1,
            memory_limit=args.memory_limit,
            dashboard_address=None,
        ) as cluster,
        Client(cluster) as client,
    ):
        client.run(lambda: __import__("imbalance.dask"))
        print(f"== in-memory comparison, {args.memory_rows:,} rows")
        compare_in_memory(client, args)
        if not args.skip_full:
            print(f"\n== full size, {args.rows:,} rows")
            full_size(client, args)


if __name__ == "__main__":
    main()
