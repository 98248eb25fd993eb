"""SMOTE family: imbalance vs imbalanced-learn, time and peak memory.

SMOTE, BorderlineSMOTE and ADASYN grow the minority of ``n x d``
``make_classification`` data with a 95/5 split to the majority's size;
SVMSMOTE does the same on ``svm_n`` rows (its SVM fit grows faster than
linearly with the rows). Both libraries run on the same data in the same run,
with default parameters and one thread (``n_jobs=1``); the median of
``--repeats`` timed runs is reported, and peak memory from one more run under
tracemalloc. Targets: SMOTE, BorderlineSMOTE and ADASYN at least 2x faster
than imbalanced-learn with no more peak memory; SVMSMOTE at least 3x faster.

Run ``python benchmarks/bench_smote.py --n 100000 --svm-n 20000`` for a quick
look; the defaults are the full sizes (1,000,000 x 20 and 100,000 x 20).
"""

from __future__ import annotations

import argparse

import numpy as np
from imblearn import over_sampling as theirs
from sklearn.datasets import make_classification
from threadpoolctl import threadpool_limits

from harness import measure, report
from imbalance import over_sampling as ours

TARGETS = {"SMOTE": 2.0, "BorderlineSMOTE": 2.0, "ADASYN": 2.0, "SVMSMOTE": 3.0}


def make_data(n: int, d: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """``n x d`` make_classification rows, 5 % of them in class 1."""
    return make_classification(
        n_samples=n, n_features=d, weights=[0.95], random_state=seed
    )


def compare(name: str, X: np.ndarray, y: np.ndarray, repeats: int) -> None:
    """Time one sampler of both libraries on the same data; print the figures."""
    mine = getattr(ours, name)(random_state=0, n_jobs=1)
    peer = getattr(theirs, name)(random_state=0)
    results = [
        measure("imbalance", lambda: mine.fit_resample(X, y), repeats),
        measure("imbalanced-learn", lambda: peer.fit_resample(X, y), repeats),
    ]
    report(f"{name} on {X.shape[0]:,} x {X.shape[1]}", *results)
    speed = results[1].median_s / results[0].median_s
    memory = f"{results[0].peak_mib:.1f} vs {results[1].peak_mib:.1f} MiB"
    print(
        f"  target: {speed:.2f}x faster (want >= {TARGETS[name]:g}x); "
        f"peak memory {memory}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="rows")
    parser.add_argument("--svm-n", type=int, default=100_000, help="SVMSMOTE rows")
    parser.add_argument("--d", type=int, default=20, help="features")
    parser.add_argument("--repeats", type=int, default=3, help="timed runs each")
    parser.add_argument(
        "--only", nargs="*", choices=list(TARGETS), help="samplers to run"
    )
    args = parser.parse_args()
    names = args.only or list(TARGETS)

    with threadpool_limits(limits=1):  # the same single thread for both
        large = [name for name in names if name != "SVMSMOTE"]
        if large:
            X, y = make_data(args.n, args.d)
            for name in large:
                compare(name, X, y, args.repeats)
            del X, y
        if "SVMSMOTE" in names:
            X, y = make_data(args.svm_n, args.d)
            compare("SVMSMOTE", X, y, args.repeats)


if __name__ == "__main__":
    main()
