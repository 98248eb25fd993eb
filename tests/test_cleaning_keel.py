"""Agreement with imbalanced-learn on the project's KEEL collection (slow).

The collection lives in ``/work/shared/datasets/keel`` beside the checkout,
not on users' machines, so these tests are skipped when it is absent. Run
them with ``python -m pytest -m slow tests/test_cleaning_keel.py``.

Integer-valued features make exact distance ties common, and imbalanced-
learn orders tied neighbours as scikit-learn's search returns them, while
this library takes the smaller index (``test_cleaning.py`` isolates the
case). So the rows are compared on each data set after a jitter of 1e-9 on
standardised features, which breaks the exact ties and nothing else: there
every method must keep exactly imbalanced-learn's rows. The exception is
the data sets holding identical rows with different labels, where
imbalanced-learn may take a row's copy for the row itself (also isolated in
``test_cleaning.py``). ``benchmarks/bench_cleaning.py keel`` prints the
full table, raw and jittered.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from imbalance.neighbors import _kneighbors, kneighbors
from imbalance.under_sampling import CondensedNearestNeighbour
from imbalance.under_sampling import _cleaning as cleaning
from imbalance.under_sampling._edited_nearest_neighbours import edited_keep_mask
from imbalance.under_sampling._tomek_links import tomek_link_mask

from .test_cleaning import PAIRS

KEEL_DIR = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "keel"
PATHS = sorted(KEEL_DIR.glob("*.csv.gz")) if KEEL_DIR.is_dir() else []

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not PATHS, reason=f"no KEEL collection in {KEEL_DIR}"),
]


def load(path):
    frame = pd.read_csv(path)
    y = frame.pop("label").to_numpy().astype(int)
    return frame.to_numpy(dtype=float), y


def jitter(X, seed=0):
    scale = X.std(axis=0)
    scale[scale == 0] = 1.0
    standard = (X - X.mean(axis=0)) / scale
    return standard + 1e-9 * np.random.default_rng(seed).standard_normal(X.shape)


def has_conflicting_copies(X, y):
    _, group = np.unique(X, axis=0, return_inverse=True)
    labels_per_group = pd.Series(y).groupby(group.ravel()).nunique()
    return bool((labels_per_group > 1).any())


@pytest.mark.parametrize("path", PATHS, ids=[p.name[:-7] for p in PATHS])
def test_same_rows_as_imbalanced_learn_without_exact_ties(path):
    """Check every deterministic method against imbalanced-learn, ties broken."""
    X, y = load(path)
    if has_conflicting_copies(X, y):
        pytest.skip("identical rows with different labels: see test_cleaning.py")
    X = jitter(X)
    for name, (ours, theirs) in PAIRS.items():
        mine, peer = ours(), theirs()
        mine.fit_resample(X, y)
        peer.fit_resample(X, y)
        np.testing.assert_array_equal(
            mine.sample_indices_, np.sort(peer.sample_indices_), err_msg=name
        )


@pytest.mark.parametrize("path", PATHS, ids=[p.name[:-7] for p in PATHS])
def test_condensation_guarantee(path):
    """Check that no row CNN removes is nearer another class's kept rows.

    Removed rows are at least as near a kept row of their own class as any
    kept row of another class; equality is a tie, including identical rows
    with different labels, which no store can separate.
    """
    X, y = load(path)
    cnn = CondensedNearestNeighbour(random_state=0)
    cnn.fit_resample(X, y)
    kept = cnn.sample_indices_
    removed = np.setdiff1d(np.arange(len(y)), kept)
    for label in np.unique(y[removed]):
        rows = removed[y[removed] == label]
        own = kneighbors(X[kept[y[kept] == label]], 1, query=X[rows])[0]
        other = kneighbors(X[kept[y[kept] != label]], 1, query=X[rows])[0]
        assert (own <= other).all()


@pytest.mark.parametrize("path", PATHS, ids=[p.name[:-7] for p in PATHS])
def test_shortcut_exact_on_real_data(path, monkeypatch):
    """Check that the proof of own-class neighbours changes no decision.

    The proof is forced on whatever the sizes, with small blocks so that the
    local search is not exact, and ENN (both rules) and Tomek links are
    compared with a search of every row on the raw data (exact ties and
    identical rows with different labels kept).
    """
    X, y = load(path)
    _, codes = np.unique(y, return_inverse=True)
    cleaned = np.bincount(codes) > np.bincount(codes).min()

    def decisions():
        return {
            "enn-all": edited_keep_mask(X, codes, cleaned, 3, "all"),
            "enn-mode": edited_keep_mask(X, codes, cleaned, 3, "mode"),
            "tomek": tomek_link_mask(X, codes),
        }

    monkeypatch.setattr(_kneighbors, "DEFAULT_CHUNK_SIZE", 64)
    monkeypatch.setattr(cleaning, "SURE_MIN_ROWS", 0)
    monkeypatch.setattr(cleaning, "SURE_MAX_OTHERS", 1.0)
    rows = np.flatnonzero(cleaned[codes])
    assert cleaning.surely_own_class(X, codes, rows, 3, None).any()
    proved = decisions()
    monkeypatch.setattr(cleaning, "SURE_MIN_ROWS", 10**9)
    for name, full in decisions().items():
        np.testing.assert_array_equal(proved[name], full, err_msg=name)
