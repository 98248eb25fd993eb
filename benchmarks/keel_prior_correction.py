"""Prior correction on real data: Brier score of corrected vs uncorrected models.

On every KEEL data set of the folder, a fixed model (StandardScaler then
LogisticRegression) is fitted after RandomUnderSampler has balanced the
training folds, inside ``imbalance.calibration.PriorCorrectedClassifier``.
Each validation fold, never resampled, is scored twice with the same fitted
model: its raw probabilities (those of the balanced data, the peer) and the
probabilities corrected back to the training fold's class priors. The Brier
score of the minority class is averaged over ``--seeds`` repetitions of
stratified 5-fold CV (seed ``s`` fixes the folds and the sampler). The model
fitted on the unresampled folds is shown for reference.

The target is corrected <= uncorrected on at least 90 % of the data sets. A
last section times fit + predict_proba of the corrected model against
imbalanced-learn's pipeline of the same sampler and model (medians, ratio).

Run ``python benchmarks/keel_prior_correction.py [KEEL_DIR] --seeds 3``.
"""

from __future__ import annotations

import argparse
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
from imblearn.pipeline import make_pipeline as their_pipeline
from imblearn.under_sampling import RandomUnderSampler as TheirUnderSampler
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from threadpoolctl import threadpool_limits

from harness import measure, report
from imbalance.calibration import PriorCorrectedClassifier
from imbalance.under_sampling import RandomUnderSampler

DEFAULT_DIR = Path(__file__).resolve().parent.parent / ".." / "shared" / "datasets"
DEFAULT_DIR = DEFAULT_DIR / "keel"
N_FOLDS = 5
TARGET_SHARE = 0.9


def load(path: Path) -> tuple[np.ndarray, np.ndarray]:
    frame = pd.read_csv(path)
    y = frame.pop("label").to_numpy().astype(int)
    return frame.to_numpy(dtype=float), y


def scaled_logistic():
    return make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000))


def fold_scores(X, y, train, test, seed) -> tuple[float, float, float]:
    """Brier of the raw, the corrected and the never-resampled model on a fold."""
    model = PriorCorrectedClassifier(
        scaled_logistic(), sampler=RandomUnderSampler(random_state=seed)
    ).fit(X[train], y[train])
    raw = model.estimator_.predict_proba(X[test])[:, 1]
    corrected = model.predict_proba(X[test])[:, 1]
    plain = scaled_logistic().fit(X[train], y[train]).predict_proba(X[test])[:, 1]
    return (
        brier_score_loss(y[test], raw),
        brier_score_loss(y[test], corrected),
        brier_score_loss(y[test], plain),
    )


def compare_one(path: Path, n_seeds: int) -> dict:
    X, y = load(path)
    scores = []
    for seed in range(n_seeds):
        folds = StratifiedKFold(N_FOLDS, shuffle=True, random_state=seed)
        scores += [fold_scores(X, y, tr, te, seed) for tr, te in folds.split(X, y)]
    raw, corrected, plain = np.mean(scores, axis=0)
    counts = np.bincount(y)
    return {
        "data set": path.name.removesuffix(".csv.gz"),
        "rows": len(y),
        "minority": int(counts.min()),
        "IR": counts.max() / counts.min(),
        "Brier uncorrected": raw,
        "Brier corrected": corrected,
        "corrected/uncorrected": corrected / raw,
        "Brier no resampling": plain,
    }


def time_against_imblearn(path: Path) -> None:
    X, y = load(path)
    ours = PriorCorrectedClassifier(
        scaled_logistic(), sampler=RandomUnderSampler(random_state=0)
    )
    theirs = their_pipeline(
        TheirUnderSampler(random_state=0),
        StandardScaler(),
        LogisticRegression(max_iter=2000),
    )
    report(
        f"fit + predict_proba on {path.name} ({len(y)} rows)",
        measure("imbalance corrected", lambda: ours.fit(X, y).predict_proba(X)),
        measure("imblearn uncorrected", lambda: theirs.fit(X, y).predict_proba(X)),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("keel_dir", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--seeds", type=int, default=3, help="CV repetitions")
    parser.add_argument("--only", nargs="*", help="data set names to run")
    args = parser.parse_args()

    paths = sorted(args.keel_dir.glob("*.csv.gz"))
    if args.only:
        paths = [p for p in paths if p.name.removesuffix(".csv.gz") in args.only]
    if not paths:
        raise SystemExit(f"No *.csv.gz data sets in {args.keel_dir}.")

    start = time.perf_counter()
    with threadpool_limits(limits=1), warnings.catch_warnings():
        # tiny minority classes leave fewer members than folds on some sets
        warnings.simplefilter("ignore", UserWarning)
        rows = [compare_one(path, args.seeds) for path in paths]
    table = pd.DataFrame(rows)
    with pd.option_context("display.width", 140, "display.max_rows", None):
        print(table.to_string(index=False, float_format=lambda v: f"{v:.4f}"))

    no_worse = table["Brier corrected"] <= table["Brier uncorrected"]
    share = no_worse.mean()
    print(
        f"\n{len(table)} data sets, {args.seeds} seeds x {N_FOLDS} folds each, "
        f"{time.perf_counter() - start:.0f} s."
    )
    print(
        f"median Brier: uncorrected {table['Brier uncorrected'].median():.4f}, "
        f"corrected {table['Brier corrected'].median():.4f}, no resampling "
        f"{table['Brier no resampling'].median():.4f}; median ratio "
        f"corrected/uncorrected {table['corrected/uncorrected'].median():.3f}"
    )
    print(
        f"corrected <= uncorrected on {int(no_worse.sum())} of {len(table)} data "
        f"sets ({share:.0%}; target >= {TARGET_SHARE:.0%}); worse on: "
        f"{', '.join(table.loc[~no_worse, 'data set']) or 'none'}"
    )
    with threadpool_limits(limits=1):
        time_against_imblearn(max(paths, key=lambda p: p.stat().st_size))


if __name__ == "__main__":
    main()
