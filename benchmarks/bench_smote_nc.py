"""SMOTENC with a many-category column, and SMOTEN: imbalance vs imbalanced-learn.

imbalanced-learn one-hot encodes the categorical columns, and its vote over
the neighbours works on dense one-hot blocks, so its time and memory grow
with the number of categories. imbalance keeps categories as integer codes.

Full size (about 90 s for imbalanced-learn, so it runs once there)::

    python benchmarks/bench_smote_nc.py

Quick run::

    python benchmarks/bench_smote_nc.py --rows 4000 --categories 600

``--smoten-rows N`` (0 to skip) adds SMOTEN on N rows of 5 categorical
columns of 50 categories each, same minority share.
"""

from __future__ import annotations

import argparse

import numpy as np

from harness import measure, report
from imbalance.over_sampling import SMOTEN, SMOTENC


def make_data(n_rows, n_numeric, n_categories, minority, seed=0):
    """Numeric columns, then one categorical column of integer codes."""
    rng = np.random.default_rng(seed)
    numeric = rng.normal(size=(n_rows, n_numeric))
    category = rng.integers(n_categories, size=(n_rows, 1)).astype(np.float64)
    y = (rng.random(n_rows) < minority).astype(int)
    return np.hstack([numeric, category]), y


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--numeric", type=int, default=10)
    parser.add_argument("--categories", type=int, default=3_000)
    parser.add_argument("--minority", type=float, default=0.05)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument(
        "--peer-repeats", type=int, default=1, help="timed runs of imbalanced-learn"
    )
    parser.add_argument("--smoten-rows", type=int, default=20_000)
    args = parser.parse_args()
    compare_smotenc(args)
    if args.smoten_rows:
        compare_smoten(args)


def compare_smotenc(args):
    X, y = make_data(args.rows, args.numeric, args.categories, args.minority)
    column = [args.numeric]
    print(
        f"{args.rows} rows, {args.numeric} numeric columns, one column of "
        f"{args.categories} categories, minority {np.bincount(y)[1]} rows"
    )

    def ours():
        return SMOTENC(column, random_state=0).fit_resample(X, y)

    from imblearn.over_sampling import SMOTENC as PeerSMOTENC

    def peer():
        return PeerSMOTENC(column, random_state=0).fit_resample(X, y)

    ours_result = measure("imbalance SMOTENC", ours, repeats=args.repeats)
    peer_result = measure("imbalanced-learn SMOTENC", peer, repeats=args.peer_repeats)
    report(
        f"SMOTENC, {args.rows} x ({args.numeric} numeric + 1 categorical of "
        f"{args.categories}); imbalanced-learn timed {args.peer_repeats}x",
        ours_result,
        peer_result,
    )


def compare_smoten(args):
    rng = np.random.default_rng(1)
    X = rng.integers(50, size=(args.smoten_rows, 5))
    y = (rng.random(args.smoten_rows) < args.minority).astype(int)
    print(f"\nSMOTEN: {args.smoten_rows} rows, 5 columns of 50 categories")

    def ours():
        return SMOTEN(random_state=0).fit_resample(X, y)

    from imblearn.over_sampling import SMOTEN as PeerSMOTEN

    def peer():
        return PeerSMOTEN(random_state=0).fit_resample(X, y)

    report(
        f"SMOTEN, {args.smoten_rows} x 5 categorical",
        measure("imbalance SMOTEN", ours, repeats=args.repeats),
        measure("imbalanced-learn SMOTEN", peer, repeats=args.repeats),
    )


if __name__ == "__main__":
    main()
