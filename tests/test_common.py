"""Checks that every registered sampler keeps the contracts of DESIGN.md.

A sampler joins this suite by being added to :mod:`imbalance.registry`.
Samplers that cannot be built with default parameters on plain numeric data
list what they need in ``EXTRA_PARAMS``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from sklearn.base import clone
from sklearn.ensemble import ExtraTreesClassifier
from sklearn.utils.estimator_checks import (
    check_get_params_invariance,
    check_no_attributes_set_in_init,
    check_parameters_default_constructible,
    check_set_params,
)

from imbalance.registry import make_sampler, sampler_names
from imbalance.strategy import class_counts

#: Constructor parameters a sampler needs for the generic numeric test data.
EXTRA_PARAMS: dict[str, dict] = {
    # SMOTENC reads the last column of the generic float data as categorical
    # (its distinct values are the categories): every contract still applies.
    "smote-nc": {"categorical_features": [-1]},
    # The default forest of 100 trees, cross-validated 5 times, makes each
    # call ~0.3 s; 10 trees keep the suite fast and every contract applies.
    "instance-hardness": {"estimator": ExtraTreesClassifier(n_estimators=10)},
    # voting="auto" is hard for sparse input and soft for dense, so sparse and
    # dense results differ by design; a fixed voting makes them comparable.
    "cluster-centroids": {"voting": "soft"},
}

#: Samplers whose class sizes a cleaning step changes after over-sampling, so
#: exact counts cannot be checked, with the reason. For them check_counts
#: asserts bounds: every class keeps rows, at most the over-sampled count.
CLEANED_AFTER_RESAMPLING: dict[str, str] = {
    "SMOTEENN": "ENN removes rows of every class after SMOTE",
    "SMOTETomek": "Tomek links remove rows of every class after SMOTE",
}

NAMES = sampler_names()


def build(name, **params):
    sampler = make_sampler(name, **EXTRA_PARAMS.get(name, {}))
    settable = sampler.get_params(deep=False)
    if "random_state" in settable:
        sampler.set_params(random_state=0)
    return sampler.set_params(**{k: v for k, v in params.items() if k in settable})


def counts_of(y):
    return class_counts(np.asarray(y))


def check_counts(sampler, y_before, y_after):
    before, after = counts_of(y_before), counts_of(y_after)
    if type(sampler).__name__ in CLEANED_AFTER_RESAMPLING:
        for label, n_before in before.items():
            added = sampler.sampling_strategy_.get(label, 0)
            assert 0 < after.get(label, 0) <= n_before + added
        return
    for label, n_before in before.items():
        chosen = sampler.sampling_strategy_.get(label)
        n_after = after.get(label, 0)
        if chosen is None:
            assert n_after == n_before, f"class {label!r} was not to be touched"
        elif sampler._sampling_type == "over-sampling":
            assert n_after == n_before + chosen
        elif sampler._sampling_type == "under-sampling":
            assert n_after == chosen
        else:
            assert 0 < n_after <= n_before


@pytest.mark.parametrize("name", NAMES)
def test_counts_follow_auto_strategy(name, multiclass_data):
    """Check that the output counts are what sampling_strategy_ says."""
    X, y = multiclass_data
    sampler = build(name)
    _, y_res = sampler.fit_resample(X, y)
    check_counts(sampler, y, y_res)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("word", ["all", "not majority", "not minority"])
def test_counts_follow_word_strategies(name, word, multiclass_data):
    """Check every strategy word a sampler of its kind accepts."""
    X, y = multiclass_data
    sampler = build(name, sampling_strategy=word)
    _, y_res = sampler.fit_resample(X, y)
    check_counts(sampler, y, y_res)


@pytest.mark.parametrize("name", NAMES)
def test_counts_follow_ratio_and_dict(name, binary_data):
    """Check the float ratio and the dict forms on binary data."""
    X, y = binary_data
    counts = counts_of(y)
    kind = build(name)._sampling_type
    if kind == "clean-sampling":
        sampler = build(name, sampling_strategy=[1])
        _, y_res = sampler.fit_resample(X, y)
        assert counts_of(y_res)[0] == counts[0]  # class 0 was not selected
        return
    dict_form = {1: counts[1] + 40} if kind == "over-sampling" else {0: counts[0] - 50}
    for form in (0.5, dict_form, lambda labels: dict_form):
        sampler = build(name, sampling_strategy=form)
        _, y_res = sampler.fit_resample(X, y)
        check_counts(sampler, y, y_res)


@pytest.mark.parametrize("name", NAMES)
def test_same_seed_same_output(name, multiclass_data):
    """Check that a fixed random_state makes the output reproducible."""
    X, y = multiclass_data
    X1, y1 = build(name).fit_resample(X, y)
    X2, y2 = build(name).fit_resample(X, y)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(y1, y2)


@pytest.mark.parametrize("name", NAMES)
def test_n_jobs_does_not_change_output(name, multiclass_data):
    """Check that parallelism never changes the result."""
    X, y = multiclass_data
    sampler = build(name)
    if "n_jobs" not in sampler.get_params(deep=False):
        pytest.skip("sampler has no n_jobs")
    X1, y1 = build(name, n_jobs=1).fit_resample(X, y)
    X2, y2 = build(name, n_jobs=2).fit_resample(X, y)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(y1, y2)


@pytest.mark.parametrize("name", NAMES)
def test_input_is_not_modified(name, multiclass_data):
    """Check that X and y are left exactly as they were."""
    X, y = multiclass_data
    X_copy, y_copy = X.copy(), y.copy()
    build(name).fit_resample(X, y)
    np.testing.assert_array_equal(X, X_copy)
    np.testing.assert_array_equal(y, y_copy)


@pytest.mark.parametrize("name", NAMES)
def test_kept_rows_come_first_in_order(name, multiclass_data):
    """Check that rows taken from the input lead, in their original order."""
    X, y = multiclass_data
    sampler = build(name)
    X_res, y_res = sampler.fit_resample(X, y)
    n_original = int((~sampler.generated_mask_).sum())
    kept = sampler.sample_indices_[:n_original]
    assert np.all(np.diff(kept) > 0)
    np.testing.assert_array_equal(X_res[:n_original], X[kept])
    np.testing.assert_array_equal(y_res[:n_original], y[kept])
    assert not sampler.generated_mask_[:n_original].any()
    assert sampler.generated_mask_[n_original:].all()
    assert len(sampler.generated_mask_) == len(y_res)


@pytest.mark.parametrize("name", NAMES)
def test_pandas_round_trip(name, multiclass_data):
    """Check that names, dtypes and index labels of kept rows survive."""
    X, y = multiclass_data
    frame = pd.DataFrame(X, columns=[f"f{i}" for i in range(X.shape[1])])
    labels = [f"row{i}" for i in range(len(y))]
    labels[1] = "synthetic_0"  # a synthetic row's label must not repeat it
    frame.index = pd.Index(labels, name="id")
    target = pd.Series(y, index=frame.index, name="label")
    sampler = build(name)
    X_res, y_res = sampler.fit_resample(frame, target)
    assert X_res.index.name == "id" and y_res.index.name == "id"

    assert isinstance(X_res, pd.DataFrame) and isinstance(y_res, pd.Series)
    assert list(X_res.columns) == list(frame.columns)
    assert (X_res.dtypes == frame.dtypes).all()
    assert y_res.name == "label" and y_res.dtype == target.dtype
    assert X_res.index.equals(y_res.index)
    n_taken = len(sampler.sample_indices_)
    taken_labels = frame.index[sampler.sample_indices_]
    assert X_res.index[:n_taken].equals(taken_labels)
    assert not X_res.index[n_taken:].isin(frame.index).any()
    pd.testing.assert_frame_equal(
        X_res.iloc[:n_taken], frame.iloc[sampler.sample_indices_]
    )


@pytest.mark.parametrize("name", NAMES)
def test_list_round_trip(name, multiclass_data):
    """Check that lists in give lists out."""
    X, y = multiclass_data
    X_res, y_res = build(name).fit_resample(X.tolist(), y.tolist())
    assert isinstance(X_res, list) and isinstance(y_res, list)
    assert len(X_res) == len(y_res)
    assert len(X_res[0]) == X.shape[1]


@pytest.mark.parametrize("name", NAMES)
def test_sparse_round_trip(name, multiclass_data):
    """Check that sparse input stays sparse, in the same format."""
    X, y = multiclass_data
    sampler = build(name)
    if not sampler._accept_sparse:
        pytest.skip("sampler does not accept sparse input")
    X_sparse = sp.csr_matrix(np.where(np.abs(X) < 0.5, 0.0, X))
    X_res, y_res = sampler.fit_resample(X_sparse, y)
    assert sp.issparse(X_res) and X_res.format == "csr"
    assert X_res.shape[0] == len(y_res)
    dense = build(name).fit_resample(X_sparse.toarray(), y)
    np.testing.assert_allclose(X_res.toarray(), dense[0])


@pytest.mark.parametrize("name", NAMES)
def test_float32_stays_float32(name, multiclass_data):
    """Check that float32 data is not promoted."""
    X, y = multiclass_data
    X_res, _ = build(name).fit_resample(X.astype(np.float32), y)
    assert X_res.dtype == np.float32


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize(
    "labels",
    [["cat", "dog", "eel"], [-7, 40, 1000], [2.5, 0.5, 1.5]],
    ids=["str", "sparse-int", "float"],
)
def test_any_label_type(name, labels, multiclass_data):
    """Check that labels need not be 0..K-1."""
    X, y = multiclass_data
    y_labels = np.asarray(labels)[y]
    sampler = build(name)
    _, y_res = sampler.fit_resample(X, y_labels)
    assert set(np.unique(y_res)) <= set(labels)
    check_counts(sampler, y_labels, y_res)


@pytest.mark.parametrize("name", NAMES)
def test_boolean_labels(name, binary_data):
    """Check binary boolean labels."""
    X, y = binary_data
    sampler = build(name)
    _, y_res = sampler.fit_resample(X, y.astype(bool))
    assert y_res.dtype == bool
    check_counts(sampler, y.astype(bool), y_res)


@pytest.mark.parametrize("name", NAMES)
def test_error_mismatched_lengths(name, multiclass_data):
    X, y = multiclass_data
    with pytest.raises(ValueError, match=r"X has 300 rows but y has 299 labels"):
        build(name).fit_resample(X, y[:-1])


@pytest.mark.parametrize("name", NAMES)
def test_error_single_class(name, multiclass_data):
    X, _ = multiclass_data
    with pytest.raises(ValueError, match=r"y has a single class, 'only'"):
        build(name).fit_resample(X, ["only"] * len(X))


@pytest.mark.parametrize("name", NAMES)
def test_error_empty_input(name):
    with pytest.raises(ValueError, match=r"X is empty \(0 rows\)"):
        build(name).fit_resample(np.empty((0, 3)), np.empty(0))


@pytest.mark.parametrize("name", NAMES)
def test_error_nan_when_distances_needed(name, multiclass_data):
    """Check NaN is refused by methods that measure distances, with the fix."""
    X, y = multiclass_data
    sampler = build(name)
    X_nan = X.copy()
    X_nan[3, 2] = np.nan
    if not sampler._finite:
        sampler.fit_resample(X_nan, y)  # random methods carry NaN through
        return
    with pytest.raises(ValueError, match=r"X contains NaN .*SimpleImputer"):
        sampler.fit_resample(X_nan, y)


@pytest.mark.parametrize("name", NAMES)
def test_error_unknown_strategy(name, multiclass_data):
    X, y = multiclass_data
    with pytest.raises(ValueError, match=r"sampling_strategy"):
        build(name, sampling_strategy="majorty").fit_resample(X, y)


@pytest.mark.parametrize("name", NAMES)
def test_scikit_learn_estimator_checks(name):
    """Run the scikit-learn estimator checks that apply to samplers."""
    sampler = build(name)
    check_parameters_default_constructible(name, sampler)
    check_no_attributes_set_in_init(name, clone(sampler))
    check_get_params_invariance(name, clone(sampler))
    check_set_params(name, clone(sampler))


def test_every_registered_name_builds():
    """Check that each registry entry names an importable sampler."""
    for name in NAMES:
        assert hasattr(make_sampler(name, **EXTRA_PARAMS.get(name, {})), "fit_resample")
