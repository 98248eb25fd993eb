"""All-rows k nearest neighbours: imbalance.neighbors vs scikit-learn.

Both find the ``k`` nearest other rows of every row of the same
``make_classification(n, d)`` float64 data in the same run: ours with
``kneighbors(X, k, n_jobs=-1)``, scikit-learn with ``NearestNeighbors`` and
its default algorithm (which uses every core too). The answers are checked:
indices equal, distances allclose. The target: at 1,000,000 x 20 and k=5, at
least 3x faster than scikit-learn.

Peak memory is measured with tracemalloc in a separate run of each (skip it
with ``--no-memory`` at large n). ``--memory-sizes`` prints our peak extra
memory, beyond the input and the output arrays, for a fixed chunk size at
several n: for the all-rows sweep it grows with n only by the candidate
buffers (``k + 3`` float32 scores and int32 indices per row, about the
answer's size); for a third of the rows queried (the query path) it does not
grow with n.

``--query-sample m`` answers only m random rows (each still searched among
all n rows) and extrapolates both times to all rows: brute force costs the
same per query, so this estimates runs too long to wait for.

Run ``python benchmarks/bench_neighbors.py --n 20000`` for a quick look.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
import tracemalloc

import numpy as np
from sklearn.datasets import make_classification
from sklearn.neighbors import NearestNeighbors

from harness import Measurement, report
from imbalance.neighbors import kneighbors
from imbalance.neighbors._brute import SLACK


def make_data(n: int, d: int) -> np.ndarray:
    X, _ = make_classification(n_samples=n, n_features=d, random_state=0)
    return X


def check_same_answer(ours, theirs) -> None:
    """Indices equal and distances allclose, or an error saying how many differ."""
    (our_dist, our_ind), (their_dist, their_ind) = ours, theirs
    differ = int((our_ind != their_ind).any(axis=1).sum())
    close = np.allclose(our_dist, their_dist, rtol=1e-10, atol=1e-12)
    print(f"  same answer: indices differ in {differ} rows; distances allclose {close}")
    if differ or not close:
        raise SystemExit("answers differ")


def drop_self(distances, indices, own):
    """Remove each query's own index from its row (the last entry if absent)."""
    is_self = indices == own[:, None]
    drop = np.where(is_self.any(axis=1), is_self.argmax(axis=1), indices.shape[1] - 1)
    keep = np.arange(indices.shape[1]) != drop[:, None]
    width = indices.shape[1] - 1
    return distances[keep].reshape(-1, width), indices[keep].reshape(-1, width)


def timed(name: str, func, repeats: int) -> tuple[Measurement, object]:
    """Median wall time of ``func`` over ``repeats`` runs, and its last answer.

    Also prints the CPU time of every thread together, which other work on a
    shared machine disturbs less than the wall time.
    """
    times, cpu_times, answer = [], [], None
    for _ in range(repeats):
        answer = None
        gc.collect()
        start, cpu_start = time.perf_counter(), time.process_time()
        answer = func()
        times.append(time.perf_counter() - start)
        cpu_times.append(time.process_time() - cpu_start)
    cpu = statistics.median(cpu_times)
    print(f"  {name}: wall {times} s, median CPU {cpu:.1f} s", flush=True)
    return Measurement(name, statistics.median(times), times, None), answer


def peak_mib(func, output_bytes=lambda answer: 0) -> float:
    """Peak traced memory of one call, less ``output_bytes(answer)``, in MiB."""
    gc.collect()
    tracemalloc.start()
    answer = func()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return (peak - output_bytes(answer)) / 2**20


def output_nbytes(answer) -> int:
    return sum(array.nbytes for array in answer)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="rows")
    parser.add_argument("--d", type=int, default=20, help="features")
    parser.add_argument("--k", type=int, default=5, help="neighbours per row")
    parser.add_argument("--repeats", type=int, default=3, help="timed runs of ours")
    parser.add_argument(
        "--peer-repeats", type=int, default=None, help="timed runs of scikit-learn"
    )
    parser.add_argument("--no-memory", action="store_true", help="skip tracemalloc")
    parser.add_argument(
        "--memory-sizes", type=int, nargs="*", default=[], help="n for memory check"
    )
    parser.add_argument("--chunk-size", type=int, default=None)
    parser.add_argument(
        "--query-sample",
        type=int,
        default=None,
        help="query only this many random rows (each among all n rows)",
    )
    args = parser.parse_args()

    X = make_data(args.n, args.d)
    print(f"data: make_classification {args.n} x {args.d} float64, k={args.k}")
    sample = None
    if args.query_sample is not None:
        rng = np.random.default_rng(0)
        sample = np.sort(rng.choice(args.n, args.query_sample, replace=False))
        print(f"  queries: {len(sample)} random rows, each among all {args.n} rows")

    def ours(data=X):
        return kneighbors(
            data,
            args.k,
            query_indices=sample if data is X else None,
            n_jobs=-1,
            chunk_size=args.chunk_size,
        )

    def theirs():
        search = NearestNeighbors(n_neighbors=args.k).fit(X)
        if sample is None:
            return search.kneighbors()
        found = search.kneighbors(X[sample], n_neighbors=args.k + 1)
        return drop_self(*found, sample)

    peer_repeats = args.repeats if args.peer_repeats is None else args.peer_repeats
    mine, our_answer = timed("imbalance kneighbors", ours, args.repeats)
    sk, their_answer = timed("sklearn NearestNeighbors", theirs, peer_repeats)
    check_same_answer(our_answer, their_answer)
    if not args.no_memory:
        mine.peak_mib, sk.peak_mib = peak_mib(ours), peak_mib(theirs)
    queried = "all rows" if sample is None else f"{len(sample)} rows"
    report(f"{args.k}-NN of {queried} among {args.n} x {args.d}", mine, sk)
    if sample is not None:
        scale = args.n / len(sample)
        print(
            f"  extrapolated to all {args.n} rows: ours {mine.median_s * scale:.0f} s, "
            f"scikit-learn {sk.median_s * scale:.0f} s"
        )

    for n in args.memory_sizes:
        data = make_data(n, args.d)
        extra = peak_mib(lambda: ours(data), output_nbytes)  # noqa: B023
        buffers = n * (args.k + SLACK) * (4 + 4) / 2**20
        print(
            f"  n={n}: all rows, peak extra memory beyond the output {extra:.1f} MiB"
            f" (of which candidate buffers {buffers:.1f} MiB)"
        )
        third = np.arange(0, n, 3)
        extra = peak_mib(
            lambda: kneighbors(data, args.k, query_indices=third),  # noqa: B023
            output_nbytes,
        )
        print(f"  n={n}: a third of the rows queried, {extra:.1f} MiB")


if __name__ == "__main__":
    main()
