"""Tests of imbalance.calibration: probabilities corrected to the real priors."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss, log_loss, roc_auc_score
from sklearn.model_selection import GridSearchCV, StratifiedKFold, cross_validate
from sklearn.svm import SVC
from sklearn.tree import DecisionTreeClassifier
from sklearn.utils.estimator_checks import check_estimator

from imbalance import FunctionSampler
from imbalance.calibration import PriorCorrectedClassifier, correct_priors
from imbalance.pipeline import Pipeline
from imbalance.under_sampling import RandomUnderSampler

from .conftest import imbalanced_data


def logistic_data(n_samples, seed, intercept=-3.5):
    """Rows whose true P(y=1 | x) is a known logistic function of x."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n_samples, 2))
    true_logit = intercept + 1.5 * X[:, 0] - 1.0 * X[:, 1]
    truth = 1.0 / (1.0 + np.exp(-true_logit))
    y = (rng.random(n_samples) < truth).astype(int)
    return X, y, truth


def gaussian_classes(n_samples, priors, seed):
    """Three Gaussian classes with one covariance, and their true posteriors."""
    rng = np.random.default_rng(seed)
    means = np.array([[0.0, 0.0], [1.5, 0.5], [0.0, 2.0]])
    y = rng.choice(len(priors), size=n_samples, p=priors)
    X = means[y] + rng.normal(size=(n_samples, 2))
    log_joint = -0.5 * ((X[:, None, :] - means[None]) ** 2).sum(axis=2)
    log_joint += np.log(priors)
    posterior = np.exp(log_joint - log_joint.max(axis=1, keepdims=True))
    return X, y, posterior / posterior.sum(axis=1, keepdims=True)


def under_sampled_model(**params):
    return PriorCorrectedClassifier(
        LogisticRegression(), sampler=RandomUnderSampler(random_state=0), **params
    )


# --------------------------------------------------------------------------
# correct_priors
# --------------------------------------------------------------------------


def test_correct_priors_is_bayes_rule():
    """Check a hand-computed case: each column times true/training, renormalised."""
    proba = np.array([[0.5, 0.5], [0.2, 0.8], [0.9, 0.1]])
    corrected = correct_priors(
        proba, training_priors=[0.5, 0.5], true_priors=[0.8, 0.2]
    )
    by_hand = proba * [1.6, 0.4]
    np.testing.assert_allclose(corrected, by_hand / by_hand.sum(axis=1)[:, None])
    np.testing.assert_allclose(corrected[0], [0.8, 0.2])


def test_correct_priors_multiclass_by_hand():
    """Check three classes against the formula written out."""
    proba = np.array([[0.2, 0.3, 0.5]])
    corrected = correct_priors(
        proba, training_priors=[1 / 3, 1 / 3, 1 / 3], true_priors=[0.7, 0.2, 0.1]
    )
    weighted = np.array([0.2 * 0.7, 0.3 * 0.2, 0.5 * 0.1])
    np.testing.assert_allclose(corrected[0], weighted / weighted.sum())


def priors(n):
    return st.lists(st.floats(0.01, 1.0), min_size=n, max_size=n).map(
        lambda values: np.array(values) / sum(values)
    )


@st.composite
def proba_and_priors(draw):
    n_classes = draw(st.integers(2, 4))
    rows = draw(
        st.lists(
            st.lists(st.floats(0.001, 1.0), min_size=n_classes, max_size=n_classes),
            min_size=1,
            max_size=6,
        )
    )
    proba = np.array(rows) / np.array(rows).sum(axis=1, keepdims=True)
    return (
        proba,
        draw(priors(n_classes)),
        draw(priors(n_classes)),
        draw(priors(n_classes)),
    )


@settings(max_examples=60, deadline=None)
@given(proba_and_priors())
def test_correct_priors_properties(case):
    """Check rows sum to 1, equal priors change nothing, and corrections compose."""
    proba, first, second, third = case
    one_step = correct_priors(proba, training_priors=first, true_priors=third)
    two_steps = correct_priors(
        correct_priors(proba, training_priors=first, true_priors=second),
        training_priors=second,
        true_priors=third,
    )
    np.testing.assert_allclose(one_step.sum(axis=1), 1.0)
    np.testing.assert_allclose(two_steps, one_step, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(
        correct_priors(proba, training_priors=first, true_priors=first), proba
    )
    back = correct_priors(one_step, training_priors=third, true_priors=first)
    np.testing.assert_allclose(back, proba, rtol=1e-9, atol=1e-12)


def test_correct_priors_keeps_input_unchanged():
    """Check the user's array is not written to."""
    proba = np.array([[0.3, 0.7], [0.6, 0.4]])
    before = proba.copy()
    correct_priors(proba, training_priors=[0.5, 0.5], true_priors=[0.9, 0.1])
    np.testing.assert_array_equal(proba, before)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        (
            {"training_priors": [0.5, 0.4]},
            ValueError,
            r"must sum to 1; they sum to 0\.9",
        ),
        ({"true_priors": [1.0, 0.0]}, ValueError, r"gives column 1 a prior of 0;"),
        ({"true_priors": [1.2, -0.2]}, ValueError, r"gives column 1 a prior of -0\.2"),
        ({"true_priors": [np.nan, 0.5]}, ValueError, "NaN or infinite"),
        ({"true_priors": [0.2, 0.3, 0.5]}, ValueError, r"has shape \(3,\) but proba"),
        ({"true_priors": ["a", "b"]}, TypeError, "must be an array of numbers"),
    ],
)
def test_correct_priors_rejects_bad_priors(kwargs, error, match):
    """Check each kind of bad prior is named, with its value."""
    params = {"training_priors": [0.5, 0.5], "true_priors": [0.9, 0.1], **kwargs}
    with pytest.raises(error, match=match):
        correct_priors([[0.5, 0.5]], **params)


@pytest.mark.parametrize(
    ("proba", "match"),
    [
        ([0.2, 0.8], r"column_stack\(\[1 - p, p\]\)"),
        ([[1.0], [0.5]], "one column per class"),
        ([[-0.5, 1.5]], "not decision_function's"),
        ([[0.0, 0.0]], "Row 0 of proba is all zeros"),
    ],
)
def test_correct_priors_rejects_bad_proba(proba, match):
    """Check probabilities of the wrong shape or range are refused with a fix."""
    with pytest.raises(ValueError, match=match):
        correct_priors(proba, training_priors=[0.5, 0.5], true_priors=[0.9, 0.1])


# --------------------------------------------------------------------------
# PriorCorrectedClassifier: exactness and recovery of the truth
# --------------------------------------------------------------------------


def test_logistic_correction_is_an_intercept_shift():
    """Check corrected log-odds = model log-odds + log prior odds, exactly."""
    X, y, _ = logistic_data(3000, seed=1)
    model = under_sampled_model().fit(X, y)
    true_odds = np.log(model.true_priors_[1] / model.true_priors_[0])
    training_odds = np.log(model.training_priors_[1] / model.training_priors_[0])
    expected = model.estimator_.decision_function(X) + true_odds - training_odds
    np.testing.assert_allclose(model.decision_function(X), expected, atol=1e-9)


def test_priors_are_measured_before_and_after_resampling():
    """Check true_priors_ are y's shares and training_priors_ the resampled ones."""
    X, y, _ = logistic_data(2000, seed=2)
    model = under_sampled_model().fit(X, y)
    np.testing.assert_allclose(model.true_priors_, np.bincount(y) / y.size)
    np.testing.assert_allclose(model.training_priors_, [0.5, 0.5])
    assert model.sampler_.sample_indices_.size == 2 * np.bincount(y).min()


def test_corrected_probabilities_recover_the_true_ones():
    """Check that after 50/50 under-sampling, corrected probabilities approach
    the true conditional probabilities and the model fitted on all rows."""
    X, y, _ = logistic_data(20000, seed=3)
    X_test, y_test, truth = logistic_data(20000, seed=4)
    model = under_sampled_model().fit(X, y)
    corrected = model.predict_proba(X_test)[:, 1]
    raw = model.estimator_.predict_proba(X_test)[:, 1]
    on_all_rows = LogisticRegression().fit(X, y).predict_proba(X_test)[:, 1]

    assert np.abs(corrected - truth).mean() < 0.01
    assert np.abs(raw - truth).mean() > 0.1
    assert np.abs(corrected - on_all_rows).mean() < 0.01
    assert abs(corrected.mean() - y_test.mean()) < 0.01
    corrected_brier = brier_score_loss(y_test, corrected)
    assert corrected_brier < 0.6 * brier_score_loss(y_test, raw)
    assert corrected_brier < 1.02 * brier_score_loss(y_test, on_all_rows)


def test_multiclass_correction_recovers_the_posterior():
    """Check three classes: corrected probabilities near the true posterior,
    log loss better than uncorrected."""
    priors = np.array([0.75, 0.2, 0.05])
    X, y, _ = gaussian_classes(12000, priors, seed=5)
    X_test, y_test, posterior = gaussian_classes(12000, priors, seed=6)
    model = under_sampled_model().fit(X, y)
    corrected = model.predict_proba(X_test)
    raw = model.estimator_.predict_proba(X_test)

    np.testing.assert_allclose(model.training_priors_, [1 / 3] * 3)
    assert np.abs(corrected - posterior).mean() < 0.02
    assert np.abs(raw - posterior).mean() > 0.1
    assert log_loss(y_test, corrected) < 0.8 * log_loss(y_test, raw)
    np.testing.assert_array_equal(model.predict(X_test), np.argmax(corrected, axis=1))
    np.testing.assert_allclose(model.decision_function(X_test), np.log(corrected))


def test_ranking_is_unchanged_for_two_classes():
    """Check the binary correction is monotone: ROC AUC equals the raw model's."""
    X, y, _ = logistic_data(2000, seed=7)
    model = under_sampled_model().fit(X, y)
    raw = model.estimator_.predict_proba(X)[:, 1]
    assert roc_auc_score(y, model.predict_proba(X)[:, 1]) == roc_auc_score(y, raw)
    assert roc_auc_score(y, model.decision_function(X)) == roc_auc_score(y, raw)


def test_prediction_follows_the_corrected_probabilities():
    """Check predict is the argmax of the corrected probabilities, so it flags
    fewer rows of the rare class than the uncorrected model."""
    X, y, _ = logistic_data(3000, seed=8)
    model = under_sampled_model().fit(X, y)
    proba = model.predict_proba(X)
    np.testing.assert_array_equal(model.predict(X), (proba[:, 1] > 0.5).astype(int))
    assert model.predict(X).sum() < model.estimator_.predict(X).sum()


def test_pipeline_with_sampler_and_balanced_training_priors_agree():
    """Check sampler=RUS equals a pipeline that resamples itself with
    training_priors='balanced': same rows, same probabilities."""
    X, y = imbalanced_data(n_samples=400, weights=(0.85, 0.15), seed=1)
    by_sampler = under_sampled_model().fit(X, y)
    pipeline = Pipeline(
        [("under", RandomUnderSampler(random_state=0)), ("model", LogisticRegression())]
    )
    by_pipeline = PriorCorrectedClassifier(
        pipeline, training_priors="balanced", true_priors=by_sampler.true_priors_
    ).fit(X, y)
    np.testing.assert_allclose(
        by_pipeline.predict_proba(X), by_sampler.predict_proba(X)
    )


def test_stated_priors_as_dict_array_or_series_agree():
    """Check a {class: prior} dict, a list and a pandas Series give one answer."""
    X, y = imbalanced_data(n_samples=300, weights=(0.7, 0.3), seed=2)
    forms = [
        {1: 0.05, 0: 0.95},
        [0.95, 0.05],
        pd.Series({0: 0.95, 1: 0.05}),
    ]
    answers = [
        under_sampled_model(true_priors=form).fit(X, y).predict_proba(X)
        for form in forms
    ]
    for answer in answers[1:]:
        np.testing.assert_allclose(answer, answers[0])


def test_case_control_sample_without_sampler():
    """Check sampler=None with true_priors given: the data's shares are the
    training priors and the probabilities move to the stated population."""
    X, y = imbalanced_data(n_samples=300, weights=(0.5, 0.5), seed=3)
    model = PriorCorrectedClassifier(LogisticRegression(), true_priors=[0.99, 0.01])
    model.fit(X, y)
    np.testing.assert_allclose(model.training_priors_, np.bincount(y) / y.size)
    expected = correct_priors(
        model.estimator_.predict_proba(X),
        training_priors=model.training_priors_,
        true_priors=[0.99, 0.01],
    )
    np.testing.assert_allclose(model.predict_proba(X), expected)


def test_sample_weight_reaches_the_estimator_without_sampler():
    """Check fit parameters are passed on to the estimator's fit."""
    X, y = imbalanced_data(n_samples=200, weights=(0.8, 0.2), seed=4)
    weights = np.where(y == 1, 4.0, 1.0)
    model = PriorCorrectedClassifier(LogisticRegression(), training_priors="balanced")
    model.fit(X, y, sample_weight=weights)
    direct = LogisticRegression().fit(X, y, sample_weight=weights)
    np.testing.assert_allclose(model.estimator_.coef_, direct.coef_)


def test_decision_function_stays_finite_for_certain_models():
    """Check a tree's 0/1 probabilities give finite scores, -inf log-probabilities."""
    X, y = imbalanced_data(n_samples=200, weights=(0.8, 0.2), seed=5)
    model = PriorCorrectedClassifier(
        DecisionTreeClassifier(random_state=0),
        sampler=RandomUnderSampler(random_state=0),
    ).fit(X, y)
    assert np.isfinite(model.decision_function(X)).all()
    assert np.isneginf(model.predict_log_proba(X)).any()


# --------------------------------------------------------------------------
# Label types and containers
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "labels",
    [
        np.array(["rare", "common"]),
        np.array([True, False]),
        np.array([7, -3]),
        np.array([1.0, 0.0]),
    ],
    ids=["str", "bool", "int", "float"],
)
def test_any_label_type(labels):
    """Check classes_, predictions and dict priors keep the user's labels."""
    X, codes = imbalanced_data(n_samples=300, weights=(0.8, 0.2), seed=6)
    y = labels[1 - codes]  # code 1 (rare) -> labels[0]
    rare, common = labels[0].item(), labels[1].item()
    model = under_sampled_model(true_priors={rare: 0.1, common: 0.9}).fit(X, y)
    np.testing.assert_array_equal(model.classes_, np.unique(labels))
    assert set(model.predict(X).tolist()) <= {rare, common}
    assert model.predict(X).dtype == y.dtype
    rare_column = int(np.flatnonzero(model.classes_ == rare)[0])
    assert model.true_priors_[rare_column] == pytest.approx(0.1)


def test_pandas_input():
    """Check a DataFrame and a Series of strings go through and back."""
    X, codes = imbalanced_data(n_samples=300, weights=(0.8, 0.2), seed=7)
    frame = pd.DataFrame(X, columns=[f"f{i}" for i in range(X.shape[1])])
    y = pd.Series(np.where(codes == 1, "bought", "left"), name="outcome")
    model = under_sampled_model().fit(frame, y)
    assert model.classes_.tolist() == ["bought", "left"]
    assert model.feature_names_in_.tolist() == list(frame.columns)
    assert model.predict_proba(frame).shape == (300, 2)
    np.testing.assert_allclose(model.true_priors_, [0.2, 0.8], atol=0.01)


# --------------------------------------------------------------------------
# scikit-learn integration
# --------------------------------------------------------------------------


def test_clone_and_nested_parameters():
    """Check clone keeps the parameters and set_params reaches nested ones."""
    model = under_sampled_model(true_priors={0: 0.9, 1: 0.1})
    copy = clone(model)
    assert copy.get_params()["true_priors"] == {0: 0.9, 1: 0.1}
    copy.set_params(estimator__C=0.1, sampler__sampling_strategy=0.5)
    assert copy.estimator.C == 0.1 and copy.sampler.sampling_strategy == 0.5
    assert model.estimator.C == 1.0


def test_grid_search_and_cross_validate():
    """Check the model tunes its estimator and sampler inside GridSearchCV and
    that cross_validate scores its probabilities."""
    X, y = imbalanced_data(n_samples=300, weights=(0.85, 0.15), seed=8)
    folds = StratifiedKFold(3, shuffle=True, random_state=0)
    search = GridSearchCV(
        under_sampled_model(),
        {"estimator__C": [0.1, 1.0], "sampler__sampling_strategy": [0.5, 1.0]},
        scoring="neg_brier_score",
        cv=folds,
    ).fit(X, y)
    assert search.best_params_["estimator__C"] in (0.1, 1.0)
    scores = cross_validate(
        under_sampled_model(), X, y, cv=folds, scoring=["neg_log_loss", "roc_auc"]
    )
    assert np.isfinite(scores["test_neg_log_loss"]).all()


@pytest.mark.slow
@pytest.mark.parametrize(
    "model",
    [
        PriorCorrectedClassifier(LogisticRegression(), training_priors="balanced"),
        PriorCorrectedClassifier(
            LogisticRegression(), sampler=RandomUnderSampler(random_state=0)
        ),
    ],
    ids=["balanced", "sampler"],
)
def test_scikit_learn_estimator_checks(model):
    """Check scikit-learn's own estimator checks pass.

    The samplers accept NumPy, SciPy sparse, pandas and lists and refuse other
    array-likes by design, so the check that feeds a wrapper object to the
    sampler is left out when there is one.
    """
    refused_by_sampler = {"check_classifier_data_not_an_array"}
    skipped = refused_by_sampler if model.sampler is not None else set()
    failed = [
        result
        for result in check_estimator(model, on_fail=None)
        if result["status"] == "failed" and result["check_name"] not in skipped
    ]
    assert not failed, [(r["check_name"], str(r["exception"])) for r in failed]


# --------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "match"),
    [
        ({"true_priors": [0.5, 0.4]}, r"true_priors must sum to 1; they sum to 0\.9"),
        ({"true_priors": {0: 1.0, 1: 0.0}}, r"gives class 1 a prior of 0;"),
        ({"training_priors": [0.0, 1.0]}, r"training_priors gives class 0 a prior"),
        ({"true_priors": {0: 0.9, 2: 0.1}}, r"names the classes \[0, 2\] but y has"),
        ({"true_priors": {0: 1.0}}, r"names the classes \[0\] but y has"),
        ({"true_priors": [0.2, 0.3, 0.5]}, r"has 3 value\(s\) but y has 2 classes"),
        ({"true_priors": "balanced"}, r"'true_priors' parameter .* must be 'auto',"),
        ({"training_priors": 0.5}, r"must be 'auto' or 'balanced', a \{class"),
    ],
)
def test_bad_priors_are_refused_before_fitting(params, match):
    """Check priors that do not sum to 1, zero priors and unknown classes."""
    X, y = imbalanced_data(n_samples=100, weights=(0.8, 0.2), seed=9)
    with pytest.raises(ValueError, match=match):
        under_sampled_model(**params).fit(X, y)


def test_nothing_to_correct_is_an_error():
    """Check sampler=None with both priors 'auto' names the rule and the fix."""
    X, y = imbalanced_data(n_samples=100, weights=(0.8, 0.2), seed=9)
    with pytest.raises(
        ValueError, match="When sampler is None, true_priors and training_priors"
    ):
        PriorCorrectedClassifier(LogisticRegression()).fit(X, y)


@pytest.mark.parametrize("sampler", [None, RandomUnderSampler(random_state=0)])
def test_pipeline_that_resamples_needs_stated_training_priors(sampler):
    """Check a pipeline with its own sampler cannot have its priors measured."""
    X, y = imbalanced_data(n_samples=100, weights=(0.8, 0.2), seed=9)
    pipeline = Pipeline(
        [("under", RandomUnderSampler(random_state=0)), ("model", LogisticRegression())]
    )
    model = PriorCorrectedClassifier(pipeline, sampler=sampler, true_priors=[0.9, 0.1])
    with pytest.raises(ValueError, match=r"its step 'under' is a sampler\), training"):
        model.fit(X, y)


def test_sample_weight_with_sampler_is_an_error():
    """Check weights that would not follow the resampled rows are refused."""
    X, y = imbalanced_data(n_samples=100, weights=(0.8, 0.2), seed=9)
    with pytest.raises(ValueError, match="When sampler is given, sample_weight"):
        under_sampled_model().fit(X, y, sample_weight=np.ones(100))


@pytest.mark.parametrize(
    ("params", "match"),
    [
        (
            {"estimator": SVC()},
            r"'estimator' parameter .* must be an object with a predict_proba",
        ),
        (
            {"estimator": LogisticRegression(), "sampler": LogisticRegression()},
            r"'sampler' parameter .* must be None or an object with a fit_resample",
        ),
    ],
)
def test_estimator_and_sampler_are_checked(params, match):
    """Check an estimator without predict_proba and a sampler without
    fit_resample are refused."""
    X, y = imbalanced_data(n_samples=100, weights=(0.8, 0.2), seed=9)
    with pytest.raises(ValueError, match=match):
        PriorCorrectedClassifier(**params).fit(X, y)


def test_sampler_that_drops_a_class_is_an_error():
    """Check a class lost in resampling cannot be silently mismatched."""
    X, y = imbalanced_data(n_samples=100, weights=(0.6, 0.3, 0.1), seed=9)

    def drop_class_two(X, y):
        return X[y != 2], y[y != 2]

    model = PriorCorrectedClassifier(
        LogisticRegression(), sampler=FunctionSampler(func=drop_class_two)
    )
    with pytest.raises(ValueError, match=r"has classes_ \[0, 1\], but y has"):
        model.fit(X, y)


def test_single_class_and_unfitted_use():
    """Check one class is refused and predicting before fit raises NotFittedError."""
    X = np.zeros((4, 2))
    with pytest.raises(ValueError, match="y has only one class, 'a'"):
        under_sampled_model().fit(X, ["a"] * 4)
    with pytest.raises(NotFittedError):
        under_sampled_model().predict(X)
