"""SMOTE on real data: imbalance vs imbalanced-learn, ROC-AUC of the same model.

On every KEEL data set of the folder, a fixed model (StandardScaler then
LogisticRegression) is cross-validated with 5-fold stratified CV after SMOTE,
once with imbalance's SMOTE and once with imbalanced-learn's, inside
``imbalance.pipeline.Pipeline`` so only the training folds are resampled.
Both see the same folds. The two SMOTEs draw different random points, so one
run differs by chance; to beat that noise the whole CV is repeated over
``--seeds`` seeds (seed ``s`` fixes both the folds and the samplers' draws)
and the mean ROC-AUC over all ``5 x seeds`` folds is compared. The table
shows each set's difference and the standard error of that difference over
the seeds; the target is every difference within 0.005.

``k_neighbors`` is 5, lowered for a set whose smallest training fold has too
few minority rows (the same k for both libraries; shown in the table).

Run ``python benchmarks/keel_smote_auc.py [KEEL_DIR] --seeds 5``.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import numpy as np
import pandas as pd
from imblearn.over_sampling import SMOTE as TheirSMOTE
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.preprocessing import StandardScaler
from threadpoolctl import threadpool_limits

from imbalance.over_sampling import SMOTE
from imbalance.pipeline import Pipeline

DEFAULT_DIR = Path(__file__).resolve().parent.parent / ".." / "shared" / "datasets"
DEFAULT_DIR = DEFAULT_DIR / "keel"
N_FOLDS = 5
TARGET = 0.005


def load(path: Path) -> tuple[np.ndarray, np.ndarray]:
    frame = pd.read_csv(path)
    y = frame.pop("label").to_numpy().astype(int)
    return frame.to_numpy(dtype=float), y


def fold_k(y: np.ndarray) -> int:
    """5, or less when the smallest training fold has 5 minority rows or fewer."""
    n_minority = int(np.bincount(y).min())
    smallest_training = n_minority - int(np.ceil(n_minority / N_FOLDS))
    return max(1, min(5, smallest_training - 1))


def mean_auc(sampler_class, X, y, k, seed) -> float:
    model = Pipeline(
        [
            ("scale", StandardScaler()),
            ("smote", sampler_class(k_neighbors=k, random_state=seed)),
            ("model", LogisticRegression(max_iter=2000)),
        ]
    )
    folds = StratifiedKFold(N_FOLDS, shuffle=True, random_state=seed)
    return float(cross_val_score(model, X, y, cv=folds, scoring="roc_auc").mean())


def compare_one(path: Path, n_seeds: int) -> dict:
    X, y = load(path)
    k = fold_k(y)
    ours = [mean_auc(SMOTE, X, y, k, seed) for seed in range(n_seeds)]
    theirs = [mean_auc(TheirSMOTE, X, y, k, seed) for seed in range(n_seeds)]
    differences = [a - b for a, b in zip(ours, theirs)]
    spread = statistics.stdev(differences) if n_seeds > 1 else float("nan")
    return {
        "data set": path.name.removesuffix(".csv.gz"),
        "rows": len(y),
        "minority": int(np.bincount(y).min()),
        "k": k,
        "AUC imbalance": statistics.fmean(ours),
        "AUC imblearn": statistics.fmean(theirs),
        "difference": statistics.fmean(differences),
        "std error": spread / np.sqrt(n_seeds),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("keel_dir", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--seeds", type=int, default=5, help="CV repetitions")
    parser.add_argument("--only", nargs="*", help="data set names to run")
    args = parser.parse_args()

    paths = sorted(args.keel_dir.glob("*.csv.gz"))
    if args.only:
        paths = [p for p in paths if p.name.removesuffix(".csv.gz") in args.only]
    if not paths:
        raise SystemExit(f"No *.csv.gz data sets in {args.keel_dir}.")

    start = time.perf_counter()
    with threadpool_limits(limits=1):  # same, quiet conditions for both
        rows = [compare_one(path, args.seeds) for path in paths]
    table = pd.DataFrame(rows)
    with pd.option_context("display.width", 120, "display.max_rows", None):
        print(table.to_string(index=False, float_format=lambda v: f"{v:.4f}"))
    worst = table["difference"].abs().max()
    print(
        f"\n{len(table)} data sets, {args.seeds} seeds x {N_FOLDS} folds each, "
        f"{time.perf_counter() - start:.0f} s."
    )
    print(
        f"max |AUC difference| = {worst:.4f} (target <= {TARGET}); "
        f"mean difference {table['difference'].mean():+.4f}; "
        f"sets over target: {int((table['difference'].abs() > TARGET).sum())}"
    )


if __name__ == "__main__":
    main()
