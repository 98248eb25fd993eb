"""Random under- and over-sampling: imbalance vs imbalanced-learn vs a bare gather.

Both libraries resample the same ``n x d`` float64 data with a 95/5 class
split in the same run. The third contender is the least any sampler must do:
``X[indices], y[indices]`` for the same output rows, a single NumPy gather.
The targets: at least as fast as imbalanced-learn, within 3x of the gather,
and no more peak memory than imbalanced-learn.

Run ``python benchmarks/bench_random.py --n 100000`` for a quick look.
"""

from __future__ import annotations

import argparse

import numpy as np

from harness import measure, report
from imbalance.over_sampling import RandomOverSampler
from imbalance.under_sampling import RandomUnderSampler


def make_data(n: int, d: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """``n x d`` Gaussian features; 5 % of the rows in class 1."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, d))
    y = (rng.random(n) < 0.05).astype(np.int64)
    return X, y


def compare(title, ours, theirs, X, y, repeats):
    """Time both samplers and the gather of our output rows; print the figures."""
    ours.fit_resample(X, y)
    indices = ours.sample_indices_

    def gather():
        return X[indices], y[indices]

    results = [
        measure("imbalance", lambda: ours.fit_resample(X, y), repeats),
        measure("imbalanced-learn", lambda: theirs.fit_resample(X, y), repeats),
        measure("numpy gather X[indices]", gather, repeats),
    ]
    report(title, *results)
    mine, peer, floor = results
    print(
        f"  targets: vs imbalanced-learn {peer.median_s / mine.median_s:.2f}x "
        f"(want >= 1), vs gather {mine.median_s / floor.median_s:.2f}x slower "
        f"(want <= 3), memory {mine.peak_mib:.1f} vs {peer.peak_mib:.1f} MiB "
        "(want <=)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="rows")
    parser.add_argument("--d", type=int, default=20, help="features")
    parser.add_argument("--repeats", type=int, default=5, help="timed runs each")
    args = parser.parse_args()

    from imblearn.over_sampling import RandomOverSampler as TheirOver
    from imblearn.under_sampling import RandomUnderSampler as TheirUnder

    X, y = make_data(args.n, args.d)
    print(f"data: {args.n} x {args.d} float64, class counts {np.bincount(y).tolist()}")
    compare(
        "RandomUnderSampler",
        RandomUnderSampler(random_state=0),
        TheirUnder(random_state=0),
        X,
        y,
        args.repeats,
    )
    compare(
        "RandomOverSampler",
        RandomOverSampler(random_state=0),
        TheirOver(random_state=0),
        X,
        y,
        args.repeats,
    )


if __name__ == "__main__":
    main()
