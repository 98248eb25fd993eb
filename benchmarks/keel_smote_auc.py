"""SMOTE on real data: imbalance vs imbalanced-learn, ROC-AUC of the same model.

``--sampler`` picks another method of the family to compare the same way
(BorderlineSMOTE, SVMSMOTE, ADASYN); SMOTE is the default and the target.

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
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
from imblearn import over_sampling as theirs
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.preprocessing import StandardScaler
from threadpoolctl import threadpool_limits

from imbalance import over_sampling as ours
from imbalance._exceptions import ImbalanceWarning
from imbalance.pipeline import Pipeline

DEFAULT_DIR = Path(__file__).resolve().parent.parent / ".." / "shared" / "datasets"
DEFAULT_DIR = DEFAULT_DIR / "keel"
N_FOLDS = 5
TARGET = 0.005
SAMPLERS = ("SMOTE", "BorderlineSMOTE", "SVMSMOTE", "ADASYN")


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
    param = "n_neighbors" if sampler_class.__name__ == "ADASYN" else "k_neighbors"
    model = Pipeline(
        [
            ("scale", StandardScaler()),
            ("smote", sampler_class(**{param: k}, random_state=seed)),
            ("model", LogisticRegression(max_iter=2000)),
        ]
    )
    folds = StratifiedKFold(N_FOLDS, shuffle=True, random_state=seed)
    return float(
        cross_val_score(
            model, X, y, cv=folds, scoring="roc_auc", error_score="raise"
        ).mean()
    )


def compare_one(path: Path, n_seeds: int, name: str) -> dict | None:
    X, y = load(path)
    k = fold_k(y)
    try:
        mine = [mean_auc(getattr(ours, name), X, y, k, s) for s in range(n_seeds)]
        peer = [mean_auc(getattr(theirs, name), X, y, k, s) for s in range(n_seeds)]
    except (ValueError, RuntimeError) as exc:  # e.g. imblearn's ADASYN refusing
        print(f"skipped {path.name}: {type(exc).__name__}: {str(exc)[:100]}")
        return None
    differences = [a - b for a, b in zip(mine, peer)]
    spread = statistics.stdev(differences) if n_seeds > 1 else float("nan")
    return {
        "data set": path.name.removesuffix(".csv.gz"),
        "rows": len(y),
        "minority": int(np.bincount(y).min()),
        "k": k,
        "AUC imbalance": statistics.fmean(mine),
        "AUC imblearn": statistics.fmean(peer),
        "difference": statistics.fmean(differences),
        "std error": spread / np.sqrt(n_seeds),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("keel_dir", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--seeds", type=int, default=5, help="CV repetitions")
    parser.add_argument("--only", nargs="*", help="data set names to run")
    parser.add_argument(
        "--sampler", default="SMOTE", choices=SAMPLERS, help="the method compared"
    )
    args = parser.parse_args()

    paths = sorted(args.keel_dir.glob("*.csv.gz"))
    if args.only:
        paths = [p for p in paths if p.name.removesuffix(".csv.gz") in args.only]
    if not paths:
        raise SystemExit(f"No *.csv.gz data sets in {args.keel_dir}.")

    start = time.perf_counter()
    warnings.simplefilter("ignore", ImbalanceWarning)  # classes left as they are
    with threadpool_limits(limits=1):  # same, quiet conditions for both
        rows = [compare_one(path, args.seeds, args.sampler) for path in paths]
    table = pd.DataFrame([row for row in rows if row is not None])
    with pd.option_context("display.width", 120, "display.max_rows", None):
        print(table.to_string(index=False, float_format=lambda v: f"{v:.4f}"))
    worst = table["difference"].abs().max()
    print(
        f"\n{args.sampler}: {len(table)} data sets, {args.seeds} seeds x {N_FOLDS} "
        "folds each, "
        f"{time.perf_counter() - start:.0f} s."
    )
    print(
        f"max |AUC difference| = {worst:.4f} (target <= {TARGET}); "
        f"mean difference {table['difference'].mean():+.4f}; "
        f"sets over target: {int((table['difference'].abs() > TARGET).sum())}"
    )


if __name__ == "__main__":
    main()
