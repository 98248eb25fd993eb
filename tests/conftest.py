"""Shared fixtures: small, seeded data sets."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from sklearn.datasets import make_classification


def imbalanced_data(n_samples=300, weights=(0.6, 0.3, 0.1), seed=0):
    """A seeded multiclass data set with one small class."""
    X, y = make_classification(
        n_samples=n_samples,
        n_features=6,
        n_informative=4,
        n_redundant=0,
        n_classes=len(weights),
        n_clusters_per_class=1,
        weights=list(weights),
        class_sep=1.5,
        random_state=seed,
    )
    return X, y


@pytest.fixture
def multiclass_data():
    return imbalanced_data()


@pytest.fixture
def binary_data():
    return imbalanced_data(n_samples=200, weights=(0.85, 0.15))


KEEL_DIR = Path(__file__).parent / "data" / "keel"


def load_keel(name):
    """One of the small KEEL data sets in ``tests/data/keel``, as ``(X, y)``."""
    frame = pd.read_csv(KEEL_DIR / f"{name}.csv.gz")
    y = frame.pop("label").to_numpy().astype(int)
    return frame.to_numpy(dtype=float), y
