"""Cleaning and condensing under-samplers: imbalance vs imbalanced-learn.

Three comparisons, each a sub-command:

``cnn``    CondensedNearestNeighbour on ``n x d`` make_classification data with
           a 95/5 class split. Target: at least 100x faster than
           imbalanced-learn at 10,000 x 20, and under 10 minutes alone at
           1,000,000 x 20 (``--no-peer``).
``clean``  TomekLinks, EditedNearestNeighbours, AllKNN and
           RepeatedEditedNearestNeighbours on the same kind of data. Target:
           at least 3x faster than imbalanced-learn at 100,000 x 20; they
           must run at 1,000,000 x 20.
``keel``   Agreement with imbalanced-learn on every KEEL data set of a folder:
           for each deterministic method, whether the kept rows are the same
           on the raw data and on the data with its exact distance ties
           broken by a jitter far below its resolution (see
           ``tests/test_cleaning_keel.py``).

Quick looks::

    python benchmarks/bench_cleaning.py cnn --n 10000 --peer-repeats 1
    python benchmarks/bench_cleaning.py clean --n 20000
    python benchmarks/bench_cleaning.py keel
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.datasets import make_classification

from harness import measure, report
from imbalance.under_sampling import (
    AllKNN,
    CondensedNearestNeighbour,
    EditedNearestNeighbours,
    NeighbourhoodCleaningRule,
    RepeatedEditedNearestNeighbours,
    TomekLinks,
)

#: The project's KEEL collection, beside the checkout (not on users' machines).
KEEL_DIR = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "keel"


def make_data(n: int, d: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """``make_classification`` rows, 95 % in class 0 and 5 % in class 1."""
    return make_classification(
        n_samples=n, n_features=d, weights=[0.95, 0.05], random_state=seed
    )


def compare(title, ours, theirs, X, y, args) -> None:
    """Time ours (and the peer unless --no-peer); print medians and the ratio."""
    mine = measure(
        "imbalance", lambda: ours.fit_resample(X, y), args.repeats, args.memory
    )
    kept = np.bincount(y[ours.sample_indices_]).tolist()
    if args.no_peer:
        report(title, mine)
        print(f"  kept per class: {kept}")
        return
    peer = measure(
        "imbalanced-learn",
        lambda: theirs.fit_resample(X, y),
        args.peer_repeats,
        args.memory,
    )
    report(title, mine, peer)
    same = np.array_equal(ours.sample_indices_, np.sort(theirs.sample_indices_))
    print(f"  kept per class: {kept}; same rows as imbalanced-learn: {same}")


def run_cnn(args) -> None:
    from imblearn.under_sampling import CondensedNearestNeighbour as TheirCNN

    X, y = make_data(args.n, args.d)
    print(f"data: {args.n} x {args.d}, class counts {np.bincount(y).tolist()}")
    ours = CondensedNearestNeighbour(random_state=0, n_jobs=args.n_jobs)
    compare("CondensedNearestNeighbour", ours, TheirCNN(random_state=0), X, y, args)


def run_clean(args) -> None:
    from imblearn import under_sampling as theirs

    X, y = make_data(args.n, args.d)
    print(f"data: {args.n} x {args.d}, class counts {np.bincount(y).tolist()}")
    jobs = {"n_jobs": args.n_jobs}
    pairs = [
        ("TomekLinks", TomekLinks(**jobs), theirs.TomekLinks(**jobs)),
        (
            "EditedNearestNeighbours",
            EditedNearestNeighbours(**jobs),
            theirs.EditedNearestNeighbours(**jobs),
        ),
        ("AllKNN", AllKNN(**jobs), theirs.AllKNN(**jobs)),
        (
            "RepeatedEditedNearestNeighbours",
            RepeatedEditedNearestNeighbours(**jobs),
            theirs.RepeatedEditedNearestNeighbours(**jobs),
        ),
    ]
    for title, ours, peer in pairs:
        if args.only and title not in args.only:
            continue
        compare(title, ours, peer, X, y, args)


def jitter(X: np.ndarray, seed: int = 0) -> np.ndarray:
    """Standardised rows plus noise of 1e-9: breaks exact ties, nothing else."""
    scale = X.std(axis=0)
    scale[scale == 0] = 1.0
    standard = (X - X.mean(axis=0)) / scale
    return standard + 1e-9 * np.random.default_rng(seed).standard_normal(X.shape)


def run_keel(args) -> None:
    from imblearn import under_sampling as theirs

    methods = {
        "tomek": (TomekLinks, theirs.TomekLinks),
        "enn": (EditedNearestNeighbours, theirs.EditedNearestNeighbours),
        "renn": (
            RepeatedEditedNearestNeighbours,
            theirs.RepeatedEditedNearestNeighbours,
        ),
        "allknn": (AllKNN, theirs.AllKNN),
        "ncr": (NeighbourhoodCleaningRule, theirs.NeighbourhoodCleaningRule),
    }
    print(f"{'data set':<32} rows  " + "  ".join(f"{m:>11}" for m in methods))
    print("  (raw/jittered: '=' same rows, else the number of rows that differ)")
    totals = dict.fromkeys(methods, 0)
    paths = sorted(Path(args.dir).glob("*.csv.gz"))
    if not paths:
        raise SystemExit(f"No *.csv.gz data sets in {args.dir}; pass --dir.")
    for path in paths:
        frame = pd.read_csv(path)
        y = frame.pop("label").to_numpy().astype(int)
        X = frame.to_numpy(dtype=float)
        cells = []
        for name, (ours, peer) in methods.items():
            raw = _difference(ours(), peer(), X, y)
            jittered = _difference(ours(), peer(), jitter(X), y)
            totals[name] += raw > 0
            cells.append(f"{raw or '=':>5}/{jittered or '=':<5}")
        print(f"{path.name[:-7]:<32} {len(y):>5}  " + "  ".join(cells))
    print("data sets where raw rows differ: " + str(totals))


def _difference(ours, theirs, X, y) -> int:
    ours.fit_resample(X, y)
    theirs.fit_resample(X, y)
    return len(set(ours.sample_indices_) ^ set(theirs.sample_indices_))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["cnn", "clean", "keel"])
    parser.add_argument("--n", type=int, default=None, help="rows")
    parser.add_argument("--d", type=int, default=20, help="features")
    parser.add_argument("--repeats", type=int, default=3, help="timed runs of ours")
    parser.add_argument("--peer-repeats", type=int, default=1, help="runs of peer")
    parser.add_argument("--no-peer", action="store_true", help="time ours only")
    parser.add_argument("--memory", action="store_true", help="also peak memory")
    parser.add_argument("--n-jobs", type=int, default=None, help="threads")
    parser.add_argument("--only", nargs="*", help="clean: samplers to run")
    parser.add_argument("--dir", default=str(KEEL_DIR), help="keel: data folder")
    args = parser.parse_args()
    if args.n is None:
        args.n = 10_000 if args.what == "cnn" else 100_000
    {"cnn": run_cnn, "clean": run_clean, "keel": run_keel}[args.what](args)


if __name__ == "__main__":
    main()
