"""Tests of imbalance.decision: thresholds chosen from the costs of errors."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.base import clone
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import (
    FixedThresholdClassifier,
    GridSearchCV,
    StratifiedKFold,
)
from sklearn.svm import SVC
from sklearn.tree import DecisionTreeClassifier
from sklearn.utils.estimator_checks import check_estimator

from imbalance.calibration import PriorCorrectedClassifier
from imbalance.decision import CostThresholdClassifierCV, bayes_threshold
from imbalance.metrics import expected_cost_score
from imbalance.pipeline import make_pipeline
from imbalance.under_sampling import RandomUnderSampler

from .conftest import imbalanced_data


def logistic_data(n_samples, seed, intercept=-2.0):
    """Rows whose true P(y=1 | x) is a logistic function of x (about 15 % ones)."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n_samples, 2))
    truth = 1.0 / (1.0 + np.exp(-(intercept + 1.5 * X[:, 0] - X[:, 1])))
    return X, (rng.random(n_samples) < truth).astype(int)


def cost_of(y_true, y_pred, cost_fn, cost_fp, positive=1):
    """Average cost per row, written out."""
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    missed = (y_true == positive) & (y_pred != positive)
    false_alarm = (y_true != positive) & (y_pred == positive)
    return (cost_fn * missed.sum() + cost_fp * false_alarm.sum()) / y_true.size


# --------------------------------------------------------------------------
# bayes_threshold
# --------------------------------------------------------------------------


def test_bayes_threshold_formula():
    """Check cost_fp / (cost_fp + cost_fn) and its edge cases."""
    assert bayes_threshold(cost_fn=5, cost_fp=1) == pytest.approx(1 / 6)
    assert bayes_threshold(cost_fn=1, cost_fp=1) == 0.5
    assert bayes_threshold(cost_fn=1, cost_fp=4) == pytest.approx(0.8)
    assert bayes_threshold(cost_fn=3, cost_fp=0) == 0.0
    assert bayes_threshold(cost_fn=0, cost_fp=3) == 1.0


@settings(max_examples=100, deadline=None)
@given(
    st.floats(0.01, 100.0),
    st.floats(0.01, 100.0),
    st.floats(0.0, 1.0),
    st.floats(0.1, 10.0),
)
def test_bayes_threshold_picks_the_cheaper_answer(cost_fn, cost_fp, p, scale):
    """Check that for a calibrated probability p the rule p >= threshold picks
    the answer of least expected cost, and that only the cost ratio matters."""
    threshold = bayes_threshold(cost_fn=cost_fn, cost_fp=cost_fp)
    cost_if_positive = (1 - p) * cost_fp
    cost_if_negative = p * cost_fn
    chosen = cost_if_positive if p >= threshold else cost_if_negative
    assert chosen <= min(cost_if_positive, cost_if_negative) + 1e-9
    scaled = bayes_threshold(cost_fn=scale * cost_fn, cost_fp=scale * cost_fp)
    assert scaled == pytest.approx(threshold)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"cost_fn": -1, "cost_fp": 1}, r"'cost_fn' parameter of bayes_threshold"),
        ({"cost_fn": 1, "cost_fp": "1"}, r"'cost_fp' parameter of bayes_threshold"),
        ({"cost_fn": 0, "cost_fp": 0}, "cannot both be 0"),
        ({"cost_fn": np.inf, "cost_fp": 1}, "must be finite"),
    ],
)
def test_bayes_threshold_errors(kwargs, match):
    """Check negative, non-numeric, all-zero and infinite costs are refused."""
    with pytest.raises(ValueError, match=match):
        bayes_threshold(**kwargs)


def test_bayes_threshold_on_corrected_probabilities_is_near_optimal():
    """Check that the Bayes threshold applied to prior-corrected probabilities
    of an under-sampled model costs about what the true probabilities cost,
    and less than the plain prediction."""
    X, y = logistic_data(4000, seed=10)
    X_test, y_test = logistic_data(20000, seed=11)
    truth = 1.0 / (1.0 + np.exp(-(-2.0 + 1.5 * X_test[:, 0] - X_test[:, 1])))
    threshold = bayes_threshold(cost_fn=5, cost_fp=1)
    corrected = PriorCorrectedClassifier(
        LogisticRegression(), sampler=RandomUnderSampler(random_state=0)
    ).fit(X, y)
    model = FixedThresholdClassifier(
        corrected, threshold=threshold, response_method="predict_proba"
    ).fit(X, y)

    ours = cost_of(y_test, model.predict(X_test), 5, 1)
    best_possible = cost_of(y_test, (truth >= threshold).astype(int), 5, 1)
    assert ours < 1.05 * best_possible
    assert ours < 0.9 * cost_of(y_test, corrected.predict(X_test), 5, 1)


def test_bayes_threshold_costs_are_keyword_only():
    """Check the two costs cannot be swapped by position."""
    with pytest.raises(TypeError):
        bayes_threshold(5, 1)


# --------------------------------------------------------------------------
# CostThresholdClassifierCV: the threshold it chooses
# --------------------------------------------------------------------------


def test_costly_misses_lower_the_threshold():
    """Check that with cost_fn=5, cost_fp=1 the threshold is below 0.5, near the
    Bayes threshold of a calibrated model, no worse than 0.5 in cross-validated
    cost, and cheaper than the plain predict on held-out data."""
    X, y = logistic_data(3000, seed=0)
    X_test, y_test = logistic_data(20000, seed=1)
    model = CostThresholdClassifierCV(LogisticRegression(), cost_fn=5, cost_fp=1)
    model.fit(X, y)

    assert model.best_threshold_ < 0.5
    assert abs(model.best_threshold_ - 1 / 6) < 0.08
    assert model.best_cost_ <= model.default_cost_
    ours = cost_of(y_test, model.predict(X_test), 5, 1)
    plain = cost_of(y_test, model.estimator_.predict(X_test), 5, 1)
    assert ours < 0.9 * plain


def test_cost_curve_is_the_cross_validated_cost():
    """Check every point of cost_curve_ against folds computed by hand with
    imbalance.metrics.expected_cost_score, and the best point against it."""
    X, y = imbalanced_data(n_samples=300, weights=(0.8, 0.2), seed=1)
    folds = StratifiedKFold(4, shuffle=True, random_state=0)
    grid = np.linspace(0, 1, 21)
    model = CostThresholdClassifierCV(
        LogisticRegression(), cost_fn=4, cost_fp=1, thresholds=grid, cv=folds
    ).fit(X, y)

    per_fold = []
    for train, test in folds.split(X, y):
        proba = LogisticRegression().fit(X[train], y[train]).predict_proba(X[test])
        per_fold.append(
            [
                expected_cost_score(
                    y[test],
                    (proba[:, 1] >= threshold).astype(int),
                    cost_matrix=[[0, 1], [4, 0]],
                    labels=[0, 1],
                )
                for threshold in grid
            ]
        )
    expected = np.mean(per_fold, axis=0)
    np.testing.assert_allclose(model.cost_curve_["thresholds"], grid)
    np.testing.assert_allclose(model.cost_curve_["costs"], expected)
    assert model.best_threshold_ == grid[np.argmin(expected)]
    assert model.best_cost_ == pytest.approx(expected.min())
    assert model.default_cost_ == pytest.approx(expected[10])


def test_cost_matrix_with_costly_right_answers_shifts_the_curve():
    """Check a cost matrix with 1 on the diagonal gives the curve of its extra
    costs plus exactly 1 per row, and the same threshold."""
    X, y = imbalanced_data(n_samples=300, weights=(0.8, 0.2), seed=2)
    by_costs = CostThresholdClassifierCV(LogisticRegression(), cost_fn=5, cost_fp=2)
    by_matrix = CostThresholdClassifierCV(
        LogisticRegression(), cost_matrix=[[1, 3], [6, 1]]
    )
    by_costs.fit(X, y)
    by_matrix.fit(X, y)
    np.testing.assert_allclose(
        by_matrix.cost_curve_["costs"], by_costs.cost_curve_["costs"] + 1
    )
    assert by_matrix.best_threshold_ == by_costs.best_threshold_
    assert (by_matrix.cost_fn_, by_matrix.cost_fp_) == (5.0, 2.0)
    assert by_matrix.bayes_threshold_ == pytest.approx(2 / 7)


def test_threshold_grid():
    """Check an int gives evenly spaced points, a list is used, and 0.5 is added."""
    X, y = imbalanced_data(n_samples=200, weights=(0.8, 0.2), seed=3)
    model = CostThresholdClassifierCV(
        LogisticRegression(), cost_fn=2, cost_fp=1, thresholds=11, cv=3
    ).fit(X, y)
    np.testing.assert_allclose(model.cost_curve_["thresholds"], np.linspace(0, 1, 11))
    model.set_params(thresholds=[0.9, 0.1, 0.3]).fit(X, y)
    np.testing.assert_allclose(model.cost_curve_["thresholds"], [0.1, 0.3, 0.5, 0.9])
    assert model.best_threshold_ in (0.1, 0.3, 0.5, 0.9)


def test_predict_applies_the_threshold_to_the_positive_class():
    """Check predict is pos_label_ exactly where its probability reaches the
    threshold, for string labels and either choice of positive class."""
    X, codes = imbalanced_data(n_samples=300, weights=(0.8, 0.2), seed=4)
    y = np.where(codes == 1, "churn", "stay")
    for pos_label in (None, "stay"):
        model = CostThresholdClassifierCV(
            LogisticRegression(), cost_fn=3, cost_fp=1, pos_label=pos_label
        ).fit(X, y)
        expected_positive = "churn" if pos_label is None else "stay"
        assert model.pos_label_ == expected_positive
        column = model.classes_.tolist().index(expected_positive)
        positive = model.predict_proba(X)[:, column] >= model.best_threshold_
        predicted = model.predict(X)
        np.testing.assert_array_equal(predicted == expected_positive, positive)
        assert predicted.dtype == y.dtype


def test_positive_class_defaults_to_the_minority():
    """Check pos_label=None takes the less frequent class, even when it sorts first."""
    X, codes = imbalanced_data(n_samples=200, weights=(0.8, 0.2), seed=5)
    y = np.where(codes == 1, 0, 9)  # the rare class is the smaller label
    model = CostThresholdClassifierCV(LogisticRegression(), cost_fn=5, cost_fp=1)
    assert model.fit(X, y).pos_label_ == 0


def test_works_on_resampling_and_prior_corrected_models():
    """Check the estimator can resample while fitting and correct its priors;
    with corrected probabilities the threshold lands near the Bayes one."""
    X, y = logistic_data(3000, seed=6)
    corrected = PriorCorrectedClassifier(
        LogisticRegression(), sampler=RandomUnderSampler(random_state=0)
    )
    model = CostThresholdClassifierCV(corrected, cost_fn=5, cost_fp=1).fit(X, y)
    assert abs(model.best_threshold_ - model.bayes_threshold_) < 0.08
    resampling = make_pipeline(RandomUnderSampler(random_state=0), LogisticRegression())
    raw = CostThresholdClassifierCV(resampling, cost_fn=5, cost_fp=1).fit(X, y)
    # probabilities of a balanced model are inflated, so its threshold is higher
    assert raw.best_threshold_ > model.best_threshold_


def test_delegated_methods_follow_the_estimator():
    """Check predict_proba is the estimator's and decision_function exists only
    when the estimator has it."""
    X, y = imbalanced_data(n_samples=200, weights=(0.8, 0.2), seed=7)
    model = CostThresholdClassifierCV(LogisticRegression(), cost_fn=2, cost_fp=1)
    model.fit(X, y)
    np.testing.assert_array_equal(
        model.predict_proba(X), model.estimator_.predict_proba(X)
    )
    np.testing.assert_array_equal(
        model.decision_function(X), model.estimator_.decision_function(X)
    )
    tree = CostThresholdClassifierCV(DecisionTreeClassifier(), cost_fn=2, cost_fp=1)
    assert not hasattr(tree, "decision_function")
    assert hasattr(tree, "predict_log_proba")


def test_grid_search_and_clone():
    """Check the model is tuned inside GridSearchCV and cloned with its costs."""
    X, y = imbalanced_data(n_samples=240, weights=(0.8, 0.2), seed=8)
    model = CostThresholdClassifierCV(LogisticRegression(), cost_fn=5, cost_fp=1, cv=3)
    assert clone(model).get_params()["cost_fn"] == 5
    search = GridSearchCV(model, {"estimator__C": [0.1, 1.0]}, cv=3).fit(X, y)
    assert search.best_estimator_.best_threshold_ < 0.5


@pytest.mark.slow
def test_scikit_learn_estimator_checks():
    """Check scikit-learn's estimator checks pass, but the one that wants
    predict to agree with a threshold of 0.5, which is the point of this class."""
    model = CostThresholdClassifierCV(LogisticRegression(), cost_fn=5, cost_fp=1, cv=3)
    by_design = {"check_classifiers_train"}
    failed = [
        result
        for result in check_estimator(model, on_fail=None)
        if result["status"] == "failed" and result["check_name"] not in by_design
    ]
    assert not failed, [(r["check_name"], str(r["exception"])) for r in failed]


# --------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "match"),
    [
        ({"cost_fn": 5}, "cost_fp is missing. Pass cost_fn and cost_fp"),
        ({}, "cost_fn is missing"),
        (
            {"cost_fn": 5, "cost_fp": 1, "cost_matrix": [[0, 1], [5, 0]]},
            "When cost_matrix is given, cost_fn and cost_fp cannot be given",
        ),
        ({"cost_fn": -5, "cost_fp": 1}, r"'cost_fn' parameter .* >= 0|\[0, inf\]"),
        ({"cost_fn": 0, "cost_fp": 0}, "cannot both be 0"),
        ({"cost_matrix": [[0, 1, 2], [5, 0, 1]]}, r"must be 2 x 2, .* \(2, 3\)"),
        ({"cost_matrix": [[0, -1], [5, 0]]}, "finite costs >= 0"),
        ({"cost_matrix": [[2, 1], [5, 0]]}, "right answer for class 0 cost more"),
        ({"cost_matrix": [[1, 1], [3, 3]]}, "same cost as right answers"),
        ({"cost_fn": 5, "cost_fp": 1, "thresholds": [0.2, 1.5]}, r"\[0, 1\].*1\.5"),
        ({"cost_fn": 5, "cost_fp": 1, "thresholds": 1}, "'thresholds' parameter"),
        ({"cost_fn": 5, "cost_fp": 1, "pos_label": 3}, "pos_label=3 is not a class"),
        ({"cost_fn": 5, "cost_fp": 1, "cv": "prefit"}, "'cv' parameter"),
    ],
)
def test_bad_parameters_are_refused(params, match):
    """Check each bad cost, grid or label is named with its value."""
    X, y = imbalanced_data(n_samples=100, weights=(0.8, 0.2), seed=9)
    with pytest.raises(ValueError, match=match):
        CostThresholdClassifierCV(LogisticRegression(), **params).fit(X, y)


def test_multiclass_and_estimator_errors():
    """Check three classes and an estimator without predict_proba are refused."""
    X, y = imbalanced_data(n_samples=120, weights=(0.5, 0.3, 0.2), seed=9)
    with pytest.raises(ValueError, match="Only binary classification is supported"):
        CostThresholdClassifierCV(LogisticRegression(), cost_fn=1, cost_fp=1).fit(X, y)
    with pytest.raises(ValueError, match="an object with a predict_proba method"):
        CostThresholdClassifierCV(SVC(), cost_fn=1, cost_fp=1).fit(X, y == 0)


def test_old_scikit_learn_gets_an_upgrade_hint(monkeypatch):
    """Check that without TunedThresholdClassifierCV (scikit-learn < 1.5) fit
    says which version is needed and how to get it."""
    import sklearn.model_selection

    monkeypatch.delattr(sklearn.model_selection, "TunedThresholdClassifierCV")
    X, y = imbalanced_data(n_samples=100, weights=(0.8, 0.2), seed=9)
    model = CostThresholdClassifierCV(LogisticRegression(), cost_fn=5, cost_fp=1)
    with pytest.raises(ImportError, match=r"needs scikit-learn >= 1\.5.*pip install"):
        model.fit(X, y)
