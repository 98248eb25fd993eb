"""Prototype selection and combined samplers: imbalance vs imbalanced-learn.

All on ``make_classification`` data, both libraries on the same data in the
same run, one BLAS/OpenMP thread each (``threadpool_limits(1)``), default
parameters, ``random_state=0``:

- InstanceHardnessThreshold on ``--iht-n`` x d (10,000 x 20), each library
  with its default classifier (our ExtraTrees forest, imbalanced-learn's
  random forest). Target: at least 2x faster.
- NearMiss versions 1, 2, 3 and ClusterCentroids on ``--n`` x d
  (100,000 x 20), ``--minority`` of the rows (1 %) in class 1. NearMiss's
  selections are compared row for row. No target.
- SMOTEENN and SMOTETomek on ``--n`` x d with a 90/10 split. Target: at
  least 3x faster.

Medians of ``--repeats`` runs for us and ``--peer-repeats`` runs for
imbalanced-learn (its ClusterCentroids takes minutes at full size); peak
memory under tracemalloc only with ``--memory`` (one more run each).

Run ``python benchmarks/bench_prototypes.py --n 20000 --iht-n 3000`` for a
quick look; the defaults are the full sizes.
"""

from __future__ import annotations

import argparse
import warnings

import numpy as np
from imblearn import combine as their_combine
from imblearn import under_sampling as their_under
from sklearn.datasets import make_classification
from threadpoolctl import threadpool_limits

from harness import measure, report
from imbalance import combine as our_combine
from imbalance import under_sampling as our_under

TARGETS = {"InstanceHardnessThreshold": 2.0, "SMOTEENN": 3.0, "SMOTETomek": 3.0}
CASES = [
    "InstanceHardnessThreshold",
    "NearMiss-1",
    "NearMiss-2",
    "NearMiss-3",
    "ClusterCentroids",
    "SMOTEENN",
    "SMOTETomek",
]


def make_data(n: int, d: int, minority: float) -> tuple[np.ndarray, np.ndarray]:
    return make_classification(
        n_samples=n,
        n_features=d,
        n_informative=min(d, 10),
        weights=[1.0 - minority],
        random_state=0,
    )


def samplers(case: str) -> tuple[object, object]:
    """Our sampler and imbalanced-learn's for one case, default parameters."""
    if case.startswith("NearMiss"):
        version = int(case[-1])
        return our_under.NearMiss(version=version), their_under.NearMiss(
            version=version
        )
    if case in ("SMOTEENN", "SMOTETomek"):
        return (
            getattr(our_combine, case)(random_state=0),
            getattr(their_combine, case)(random_state=0),
        )
    return getattr(our_under, case)(random_state=0), getattr(their_under, case)(
        random_state=0
    )


def compare(case, X, y, args) -> None:
    mine, peer = samplers(case)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # NearMiss-3 and KMeans warnings
        results = [
            measure(
                "imbalance", lambda: mine.fit_resample(X, y), args.repeats, args.memory
            ),
            measure(
                "imbalanced-learn",
                lambda: peer.fit_resample(X, y),
                args.peer_repeats,
                args.memory,
            ),
        ]
    report(f"{case} on {X.shape[0]:,} x {X.shape[1]}", *results)
    speed = results[1].median_s / results[0].median_s
    if case in TARGETS:
        print(f"  target: {speed:.2f}x faster (want >= {TARGETS[case]:g}x)")
    if case.startswith("NearMiss"):
        same = np.array_equal(mine.sample_indices_, np.sort(peer.sample_indices_))
        print(f"  same rows selected as imbalanced-learn: {same}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="rows (not IHT)")
    parser.add_argument("--iht-n", type=int, default=10_000, help="IHT rows")
    parser.add_argument("--d", type=int, default=20, help="features")
    parser.add_argument(
        "--minority", type=float, default=0.01, help="class-1 share, NearMiss/CC"
    )
    parser.add_argument("--repeats", type=int, default=3, help="our timed runs")
    parser.add_argument("--peer-repeats", type=int, default=1, help="peer runs")
    parser.add_argument("--memory", action="store_true", help="also peak memory")
    parser.add_argument("--only", nargs="*", choices=CASES, help="cases to run")
    args = parser.parse_args()
    cases = args.only or CASES

    with threadpool_limits(limits=1):
        if "InstanceHardnessThreshold" in cases:
            X, y = make_data(args.iht_n, args.d, 0.1)
            compare("InstanceHardnessThreshold", X, y, args)
        prototype = [c for c in cases if c.startswith("NearMiss") or c[0] == "C"]
        if prototype:
            X, y = make_data(args.n, args.d, args.minority)
            for case in prototype:
                compare(case, X, y, args)
        combined = [c for c in cases if c.startswith("SMOTE")]
        if combined:
            X, y = make_data(args.n, args.d, 0.1)
            for case in combined:
                compare(case, X, y, args)


if __name__ == "__main__":
    main()
