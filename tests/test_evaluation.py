"""Tests of imbalance.evaluation: compare, Comparison and the paired test."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import ShuffleSplit

from imbalance import FunctionSampler
from imbalance.datasets import load_purchases
from imbalance.evaluation import (
    METRICS,
    Comparison,
    PairedTest,
    compare,
    corrected_resampled_ttest,
    make_model,
    model_names,
)
from imbalance.evaluation._models import make_preprocessor
from imbalance.under_sampling import RandomUnderSampler

from .conftest import imbalanced_data


@pytest.fixture(scope="module")
def purchases():
    data = load_purchases().head(800)
    return data.drop(columns="bought"), data["bought"]


@pytest.fixture(scope="module")
def small_comparison(purchases) -> Comparison:
    X, y = purchases
    return compare(X, y, ["random-under", "random-over"], cv="2x2", cost_fn=5)


def numeric_data(n_samples=200, seed=0):
    X, y = imbalanced_data(n_samples=n_samples, weights=(0.85, 0.15), seed=seed)
    return X, y


# --------------------------------------------------------------------------
# What is compared, and on which rows
# --------------------------------------------------------------------------


def test_samplers_see_only_training_rows():
    """Check that each sampler call gets exactly the rows of one training fold."""
    X, y = numeric_data()
    ids = np.arange(len(y), dtype=float)
    X = np.column_stack([ids, X])
    seen: list[np.ndarray] = []

    def record(X_fold, y_fold):
        seen.append(np.sort(X_fold[:, 0]))
        return X_fold, y_fold

    result = compare(X, y, FunctionSampler(func=record), cv="2x3")
    assert len(seen) == 6
    # the encode step standardises with the training fold's mean and spread
    expected = []
    for train, _ in result.splits.splits:
        column = ids[train]
        expected.append(np.sort((column - column.mean()) / column.std()))
    for values in seen:
        assert any(v.shape == values.shape and np.allclose(v, values) for v in expected)
    test_rows = {tuple(test) for _, test in result.splits.splits}
    assert len(test_rows) == 6


def test_every_pipeline_meets_the_same_folds(small_comparison):
    """Check that all strategies and models share the folds and their sizes."""
    folds = small_comparison.folds
    per_pipeline = folds.groupby(["strategy", "model"])[["repeat", "fold", "n_test"]]
    layouts = {key: frame.to_numpy().tolist() for key, frame in per_pipeline}
    assert len(set(map(str, layouts.values()))) == 1
    assert len(folds) == 4 * 4  # 4 folds x (none, under, over, majority)


def test_none_and_majority_are_always_there(small_comparison):
    """Check that "none" comes first and the majority baseline is added."""
    assert small_comparison.strategies == ["none", "random-under", "random-over"]
    assert small_comparison.models == ["logistic", "majority"]
    majority = small_comparison.folds.query("model == 'majority'")
    assert set(majority["strategy"]) == {"none"}
    share_negative = (majority["tn"] + majority["fp"]) / majority["n_test"]
    np.testing.assert_allclose(majority["accuracy"], share_negative)
    assert (majority["sensitivity"] == 0).all()
    np.testing.assert_allclose(majority["roc_auc"], 0.5)


def test_metrics_agree_with_the_counts(small_comparison):
    """Check the metrics of each fold against its four counts and the costs."""
    folds = small_comparison.folds
    tp, fn, tn, fp = (folds[name] for name in ("tp", "fn", "tn", "fp"))
    np.testing.assert_allclose(folds["sensitivity"], tp / (tp + fn))
    np.testing.assert_allclose(folds["specificity"], tn / (tn + fp))
    np.testing.assert_allclose(folds["expected_cost"], (5 * fn + fp) / folds["n_test"])
    np.testing.assert_array_equal(tp + fn + tn + fp, folds["n_test"])
    assert set(METRICS) <= set(folds.columns)


def test_under_sampling_raises_sensitivity(small_comparison):
    """Check that balancing finds more of the rare buyers than no resampling."""
    summary = small_comparison.summary(["sensitivity"])
    under = summary.loc[("random-under", "logistic"), ("sensitivity", "mean")]
    none = summary.loc[("none", "logistic"), ("sensitivity", "mean")]
    assert under > none + 0.2


def test_summary_is_mean_and_spread_of_the_folds(small_comparison):
    """Check that the summary is the mean and standard deviation of the folds."""
    summary = small_comparison.summary(["accuracy"])
    rows = small_comparison.folds.query("strategy == 'none' and model == 'logistic'")
    entry = summary.loc[("none", "logistic")]
    assert entry[("accuracy", "mean")] == pytest.approx(rows["accuracy"].mean())
    assert entry[("accuracy", "std")] == pytest.approx(rows["accuracy"].std())


def test_predictions_cover_every_row_once(small_comparison, purchases):
    """Check that the first repeat's out-of-fold predictions cover every row."""
    _, y = purchases
    for predictions in small_comparison.predictions.values():
        assert not np.isnan(predictions["score"]).any()
        assert predictions["pred"].shape == (len(y),)


def test_prior_correction_brings_probabilities_back(small_comparison, purchases):
    """Check that corrected probabilities of under-sampling match the prevalence.

    Without resampling nothing is corrected; after balancing, the raw mean
    probability is far above the 5 % of buyers and the corrected one near it.
    """
    _, y = purchases
    none = small_comparison.predictions[("none", "logistic")]
    np.testing.assert_allclose(none["corrected"], none["score"])
    under = small_comparison.predictions[("random-under", "logistic")]
    prevalence = y.mean()
    assert under["score"].mean() > 5 * prevalence
    assert abs(under["corrected"].mean() - prevalence) < 0.5 * prevalence


def test_decision_cost_cuts_corrected_probabilities_at_the_bayes_threshold(
    small_comparison, purchases
):
    """Check decision_cost against the first repeat's corrected probabilities.

    With a missed buyer costing 5 and a false alarm 1, the threshold is 1/6.
    """
    _, y = purchases
    is_positive = (y == 1).to_numpy()
    folds = small_comparison.folds.query("repeat == 0")
    for row in folds.itertuples():
        predictions = small_comparison.predictions[(row.strategy, row.model)]
        test = small_comparison.splits.splits[row.fold][1]
        called = predictions["corrected"][test] >= 1 / 6
        missed = np.sum(is_positive[test] & ~called)
        alarms = np.sum(~is_positive[test] & called)
        assert row.decision_cost == pytest.approx((5 * missed + alarms) / len(test))


def test_same_seed_same_results(purchases):
    """Check that the same random_state gives the same fold table."""
    X, y = purchases
    first = compare(X, y, "smote", cv="1x2", random_state=3)
    second = compare(X, y, "smote", cv="1x2", random_state=3)
    columns = [c for c in first.folds.columns if c != "fit_time"]
    pd.testing.assert_frame_equal(first.folds[columns], second.folds[columns])


@pytest.mark.slow
def test_results_do_not_depend_on_n_jobs(purchases):
    """Check that fitting folds in parallel gives the same scores."""
    X, y = purchases
    serial = compare(X, y, "smote", cv="1x2", n_jobs=1)
    parallel = compare(X, y, "smote", cv="1x2", n_jobs=2)
    columns = [c for c in serial.folds.columns if c != "fit_time"]
    pd.testing.assert_frame_equal(serial.folds[columns], parallel.folds[columns])


def test_progress_is_reported_after_each_fold(purchases):
    """Check that progress counts every fitted fold up to the total."""
    X, y = purchases
    calls = []
    compare(X, y, "random-under", cv="1x2", progress=lambda *a: calls.append(a))
    assert calls == [(1, 6), (2, 6), (3, 6), (4, 6), (5, 6), (6, 6)]


# --------------------------------------------------------------------------
# Inputs: text columns, labels, models and strategies as objects
# --------------------------------------------------------------------------


def test_text_columns_are_one_hot_encoded(purchases):
    """Check that text columns are one-hot encoded and numbers standardised."""
    X, _ = purchases
    encoder = make_preprocessor(X)
    assert isinstance(encoder, ColumnTransformer)
    encoded = encoder.fit_transform(X)
    n_categories = X["device"].nunique() + X["region"].nunique()
    n_numbers = X.shape[1] - 2
    assert encoded.shape == (len(X), n_numbers + n_categories)
    np.testing.assert_allclose(encoded[:, :n_numbers].mean(axis=0), 0, atol=1e-9)


def test_any_label_type_and_the_minority_is_positive():
    """Check string labels: the rarer class is positive unless pos_label says."""
    X, y = numeric_data()
    words = np.where(y == 1, "churned", "stayed")
    result = compare(X, words, "random-under", cv="1x2")
    assert result.positive_label == "churned"
    assert result.negative_label == "stayed"
    flipped = compare(X, words, "random-under", cv="1x2", pos_label="stayed")
    assert flipped.positive_label == "stayed"
    none = flipped.folds.query("strategy == 'none' and model == 'logistic'")
    assert (none["sensitivity"] > 0.9).all()


def test_models_and_strategies_as_objects():
    """Check objects labelled by class name, and a dict giving labels."""
    X, y = numeric_data()
    result = compare(
        X,
        y,
        {"under-half": RandomUnderSampler(sampling_strategy=0.5, random_state=0)},
        [LogisticRegression(C=0.1), "logistic"],
        cv="1x2",
    )
    assert result.strategies == ["none", "under-half"]
    assert result.models == ["LogisticRegression", "logistic", "majority"]


def test_model_names_build_classifiers():
    """Check every short model name builds an unfitted classifier."""
    for name in model_names():
        model = make_model(name, random_state=0)
        assert hasattr(model, "fit") and hasattr(model, "predict_proba")


def test_splitter_objects_are_accepted():
    """Check that a scikit-learn splitter gives the folds and its ratio."""
    X, y = numeric_data()
    result = compare(X, y, "none", cv=ShuffleSplit(3, test_size=0.25, random_state=0))
    assert result.splits.folds == [0, 1, 2]
    assert result.splits.test_train_ratio == pytest.approx(50 / 150)


# --------------------------------------------------------------------------
# Errors, raised before any fold is fitted
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"strategies": "smoot"}, "Unknown strategy 'smoot'. Known strategies: none"),
        ({"models": "svm"}, "Unknown model 'svm'. Known models: logistic"),
        ({"models": {"majority": "logistic"}}, "'majority' is the baseline"),
        ({"cv": "5-2"}, r"cv='5-2' is not a REPEATSxFOLDS scheme"),
        ({"cv": "1x1"}, "needs at least 1 repeat and 2 folds"),
        ({"cv": "1x40"}, "class 1 has only 29 row"),
        ({"pos_label": 7}, r"pos_label=7 is not a class of y, which holds \[0, 1\]"),
        ({"cost_fn": -1}, "cost_fn"),
        ({"strategies": ["smote", "smote"]}, "'smote' is given more than once"),
        ({"strategies": "smote-nc"}, "cannot be built without arguments"),
    ],
)
def test_bad_arguments_are_refused(kwargs, message):
    """Check that bad arguments name the problem, before any work."""
    X, y = numeric_data()
    with pytest.raises(ValueError, match=message):
        compare(X, y, **kwargs)


def test_three_classes_are_refused():
    """Check that a multiclass target gets a clear error."""
    X, y = imbalanced_data(n_samples=120)
    with pytest.raises(ValueError, match=r"compare needs two classes.*y has 3"):
        compare(X, y)


def test_missing_values_and_lengths_are_refused(purchases):
    """Check missing values, named by column, and mismatched lengths."""
    X, y = purchases
    holey = X.copy()
    holey.loc[holey.index[3], "visits"] = np.nan
    with pytest.raises(ValueError, match="Column 'visits' has 1 missing value"):
        compare(holey, y)
    with pytest.raises(ValueError, match="X has 800 rows but y has 799 labels"):
        compare(X, y.iloc[1:])


def test_object_that_is_not_a_sampler_is_refused():
    """Check that a strategy object without fit_resample is a TypeError."""
    X, y = numeric_data()
    with pytest.raises(TypeError, match="needs a fit_resample method"):
        compare(X, y, [LogisticRegression()])


# --------------------------------------------------------------------------
# The corrected resampled t-test and its sentences
# --------------------------------------------------------------------------


def test_ttest_without_correction_is_the_paired_ttest():
    """Check that a ratio of 0 gives scipy's one-sample t-test of the differences."""
    rng = np.random.default_rng(0)
    differences = rng.normal(0.05, 0.1, size=10)
    mean, _, t, p_value = corrected_resampled_ttest(differences, test_train_ratio=0)
    reference = stats.ttest_1samp(differences, 0.0)
    assert mean == pytest.approx(differences.mean())
    assert t == pytest.approx(reference.statistic)
    assert p_value == pytest.approx(reference.pvalue)


def test_ttest_correction_widens_the_error():
    """Check the variance factor 1/J + n_test/n_train of the corrected test."""
    differences = np.array([0.1, 0.2, 0.15, 0.05, 0.12, 0.18])
    _, plain_error, _, plain_p = corrected_resampled_ttest(
        differences, test_train_ratio=0
    )
    _, error, _, p_value = corrected_resampled_ttest(differences, test_train_ratio=1)
    assert error == pytest.approx(plain_error * np.sqrt((1 / 6 + 1) / (1 / 6)))
    assert p_value > plain_p


def test_ttest_edge_cases():
    """Check NaN differences are dropped, constant and too few differences."""
    assert corrected_resampled_ttest([0.1, np.nan, 0.1], test_train_ratio=1)[1:] == (
        0.0,
        np.inf,
        0.0,
    )
    assert corrected_resampled_ttest([0, 0, 0], test_train_ratio=1)[3] == 1.0
    assert np.isnan(corrected_resampled_ttest([0.3], test_train_ratio=1)[3])
    with pytest.raises(ValueError, match="test_train_ratio must be >= 0"):
        corrected_resampled_ttest([0.1, 0.2], test_train_ratio=-1)


def _test(mean, p_value):
    return PairedTest(
        strategy="smote",
        model="logistic",
        metric="sensitivity",
        reference="none",
        mean=mean,
        standard_error=0.04,
        t=5.0,
        p_value=p_value,
        n_folds=10,
        folds_text="5x2",
    )


def test_statements_say_direction_and_significance():
    """Check the sentence of a significant rise and of a non-significant fall."""
    assert _test(0.213, 0.002).statement() == (
        "smote (logistic) raises sensitivity by 0.21 ± 0.04 against none, "
        "significant over 5x2 folds (p = 0.002)."
    )
    assert (
        _test(-0.01, 0.4)
        .statement()
        .endswith(
            "lowers sensitivity by 0.010 ± 0.040 against none, not significant "
            "over 5x2 folds (p = 0.400)."
        )
    )


def test_paired_tests_cover_strategies_and_metrics(small_comparison):
    """Check one test per strategy, model and metric, none for the baseline."""
    tests = small_comparison.paired_tests(["sensitivity", "expected_cost"])
    keys = [(t.strategy, t.model, t.metric) for t in tests]
    assert keys == [
        ("random-under", "logistic", "sensitivity"),
        ("random-under", "logistic", "expected_cost"),
        ("random-over", "logistic", "sensitivity"),
        ("random-over", "logistic", "expected_cost"),
    ]
    assert all(t.n_folds == 4 for t in tests)
    with pytest.raises(ValueError, match="Unknown metric 'recall'"):
        small_comparison.paired_tests(["recall"])


def test_to_dict_holds_summary_tests_and_folds(small_comparison):
    """Check the plain-value form used for JSON."""
    document = small_comparison.to_dict()
    assert document["positive_label"] == 1
    assert len(document["folds"]) == len(small_comparison.folds)
    assert {"strategy", "model", "sensitivity_mean"} <= set(document["summary"][0])
    assert all("statement" in test for test in document["tests"])
