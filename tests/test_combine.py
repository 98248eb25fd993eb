"""Tests of SMOTEENN and SMOTETomek: the two steps, the row bookkeeping."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

from imbalance.combine import SMOTEENN, SMOTETomek
from imbalance.combine._smote_cleaning import chain_resampled
from imbalance.over_sampling import SMOTE, RandomOverSampler
from imbalance.under_sampling import EditedNearestNeighbours, TomekLinks
from tests.conftest import imbalanced_data

imblearn_under = pytest.importorskip("imblearn.under_sampling")

COMBINED = [
    (SMOTEENN, "enn", EditedNearestNeighbours, "EditedNearestNeighbours"),
    (SMOTETomek, "tomek", TomekLinks, "TomekLinks"),
]


def sort_rows(X):
    return X[np.lexsort(X.T)]


@pytest.mark.parametrize(("combined", "step", "cleaner", "peer"), COMBINED)
def test_equals_smote_then_imblearn_cleaner(combined, step, cleaner, peer):
    """Check oracle equality of the cleaning step, three classes.

    The result is SMOTE's output cleaned as imbalanced-learn's combined
    sampler cleans it: its cleaner with sampling_strategy="all".
    """
    X, y = imbalanced_data(n_samples=300)
    X_res, y_res = combined(random_state=0).fit_resample(X, y)
    X_smote, y_smote = SMOTE(random_state=0).fit_resample(X, y)
    X_peer, y_peer = getattr(imblearn_under, peer)(
        sampling_strategy="all"
    ).fit_resample(X_smote, y_smote)
    for label in (0, 1, 2):
        np.testing.assert_array_equal(
            sort_rows(X_res[y_res == label]), sort_rows(X_peer[y_peer == label])
        )


@pytest.mark.parametrize(("combined", "step", "cleaner", "peer"), COMBINED)
def test_row_bookkeeping_survives_both_steps(combined, step, cleaner, peer):
    """Check sample_indices_ and generated_mask_ against the two steps.

    Input rows kept come first, in order, and are the input rows the
    cleaner kept; the generated rows are exactly SMOTE's synthetic rows the
    cleaner kept, in SMOTE's order. Removed synthetic rows are gone.
    """
    X, y = imbalanced_data(n_samples=300)
    sampler = combined(random_state=0)
    X_res, y_res = sampler.fit_resample(X, y)
    X_smote, y_smote = SMOTE(random_state=0).fit_resample(X, y)
    step_sampler = cleaner(sampling_strategy="all")
    step_sampler.fit_resample(X_smote, y_smote)
    kept = step_sampler.sample_indices_
    n = len(y)

    np.testing.assert_array_equal(sampler.sample_indices_, kept[kept < n])
    generated = sampler.generated_mask_
    assert generated.tolist() == [False] * (kept < n).sum() + [True] * (kept >= n).sum()
    np.testing.assert_array_equal(X_res[~generated], X[sampler.sample_indices_])
    np.testing.assert_array_equal(X_res[generated], X_smote[kept[kept >= n]])
    np.testing.assert_array_equal(y_res[generated], y_smote[kept[kept >= n]])
    assert sampler.sampling_strategy_ == {1: 90, 2: 147}


def test_enn_removes_synthetic_rows():
    """Check that the cleaning does drop synthetic rows here, so the test bites."""
    X, y = imbalanced_data(n_samples=300)
    sampler = SMOTEENN(random_state=0)
    sampler.fit_resample(X, y)
    assert sampler.generated_mask_.sum() < sum(sampler.sampling_strategy_.values())
    assert len(sampler.sample_indices_) < len(y)


@pytest.mark.parametrize(("combined", "step", "cleaner", "peer"), COMBINED)
def test_pandas_rows_keep_labels_and_synthetic_rows_get_new_ones(
    combined, step, cleaner, peer
):
    X, y = imbalanced_data(n_samples=300)
    frame = pd.DataFrame(X, index=[f"r{i}" for i in range(len(y))])
    target = pd.Series(y, index=frame.index, name="label")
    sampler = combined(random_state=0)
    X_res, y_res = sampler.fit_resample(frame, target)
    n_kept = len(sampler.sample_indices_)
    assert X_res.index[:n_kept].equals(frame.index[sampler.sample_indices_])
    assert not X_res.index[n_kept:].isin(frame.index).any()
    assert y_res.index.equals(X_res.index) and y_res.name == "label"


@pytest.mark.parametrize(("combined", "step", "cleaner", "peer"), COMBINED)
def test_sparse_input_gives_the_dense_rows(combined, step, cleaner, peer):
    X, y = imbalanced_data(n_samples=300)
    X = np.where(np.abs(X) < 0.7, 0.0, X)
    X_sparse, y_sparse = combined(random_state=0).fit_resample(sp.csr_matrix(X), y)
    X_dense, y_dense = combined(random_state=0).fit_resample(X, y)
    assert X_sparse.format == "csr"
    np.testing.assert_allclose(X_sparse.toarray(), X_dense)
    np.testing.assert_array_equal(y_sparse, y_dense)


@pytest.mark.parametrize(("combined", "step", "cleaner", "peer"), COMBINED)
def test_given_steps_are_cloned_and_used(combined, step, cleaner, peer):
    """Check that given steps replace the defaults and are not fitted."""
    X, y = imbalanced_data(n_samples=300)
    smote = SMOTE(k_neighbors=3)
    given = cleaner(sampling_strategy=[0])
    sampler = combined(random_state=1, smote=smote, **{step: given})
    _, y_res = sampler.fit_resample(X, y)
    assert sampler.smote_.k_neighbors == 3 and sampler.smote_.random_state == 1
    assert smote.random_state is None and not hasattr(given, "sample_indices_")
    counts = np.bincount(y_res)
    assert counts[1] == 179 and counts[2] == 179  # only class 0 was cleaned
    again = combined(random_state=1, smote=smote, **{step: given}).fit_resample(X, y)
    np.testing.assert_array_equal(y_res, again[1])


def test_copies_of_a_random_over_sampler_come_after_the_input_rows():
    """Check the chain with a first step that adds copies, not synthetic rows."""
    X, y = imbalanced_data(n_samples=300)
    sampler = SMOTETomek(smote=RandomOverSampler(), random_state=0)
    X_res, y_res = sampler.fit_resample(X, y)
    n_original = int((~sampler.generated_mask_).sum())
    assert np.all(np.diff(sampler.sample_indices_[:n_original]) > 0)
    assert len(sampler.sample_indices_) == len(y_res)  # copies, no synthetic rows
    np.testing.assert_array_equal(X_res, X[sampler.sample_indices_])


def test_chain_resampled_orders_originals_copies_synthetic():
    first_indices = np.array([0, 1, 2, 1])  # row 1 copied once
    generated = np.array([False, False, False, True, True])
    X_first = np.arange(10.0).reshape(5, 2)
    y_first = np.array([0, 1, 0, 1, 1])
    result = chain_resampled(
        first_indices, generated, X_first, y_first, np.array([1, 2, 3, 4])
    )
    assert result.sample_indices.tolist() == [1, 2, 1]
    assert result.n_original == 2
    assert result.X_synthetic.tolist() == [[8.0, 9.0]]
    assert result.y_synthetic.tolist() == [1]


@pytest.mark.parametrize(("combined", "step", "cleaner", "peer"), COMBINED)
def test_error_bad_step_parameters_before_any_work(combined, step, cleaner, peer):
    """Check that a given step's parameters are checked before SMOTE runs."""
    X, y = imbalanced_data(n_samples=300)
    bad = cleaner(sampling_strategy="majorty-ish")
    with pytest.raises(ValueError, match=rf"'sampling_strategy' parameter of {peer}"):
        combined(**{step: bad}).fit_resample(X, y)


@pytest.mark.parametrize(("combined", "step", "cleaner", "peer"), COMBINED)
def test_error_step_without_fit_resample(combined, step, cleaner, peer):
    X, y = imbalanced_data(n_samples=300)
    with pytest.raises(ValueError, match=rf"'{step}' parameter of {combined.__name__}"):
        combined(**{step: object()}).fit_resample(X, y)


def test_error_smote_too_few_rows_names_the_fix():
    """Check that SMOTE's own class-size error reaches the user unchanged."""
    X = np.arange(20.0).reshape(10, 2)
    y = np.array([0] * 7 + [1] * 3)
    with pytest.raises(ValueError, match=r"k_neighbors=5 needs at least 6 samples"):
        SMOTEENN().fit_resample(X, y)
