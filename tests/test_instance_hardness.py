"""Tests of InstanceHardnessThreshold: selection, labels, oracle equality."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.compose import make_column_transformer
from sklearn.ensemble import ExtraTreesClassifier, RandomForestClassifier
from sklearn.model_selection import KFold, StratifiedKFold, cross_val_predict
from sklearn.naive_bayes import GaussianNB
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder

from imbalance.under_sampling import InstanceHardnessThreshold
from imbalance.under_sampling._instance_hardness import seed_unset_random_states
from tests.conftest import imbalanced_data

imblearn_under = pytest.importorskip("imblearn.under_sampling")


class ColumnProbability(ClassifierMixin, BaseEstimator):
    """A stub whose probability of class 1 is feature 0, whatever it learnt."""

    def fit(self, X, y):
        self.classes_ = np.unique(y)
        return self

    def predict_proba(self, X):
        p = np.clip(np.asarray(X)[:, 0], 0.0, 1.0)
        return np.column_stack([1.0 - p, p])

    def predict(self, X):
        return self.classes_[(self.predict_proba(X)[:, 1] > 0.5).astype(int)]


def imblearn_indices(X, y, **params):
    sampler = imblearn_under.InstanceHardnessThreshold(**params)
    sampler.fit_resample(X, y)
    return np.sort(sampler.sample_indices_)


def our_indices(X, y, **params):
    sampler = InstanceHardnessThreshold(**params)
    sampler.fit_resample(X, y)
    return sampler.sample_indices_


def binary_data(seed=0):
    X, y = imbalanced_data(n_samples=200, weights=(0.8, 0.2), seed=seed)
    return X, y


def test_keeps_the_rows_with_the_highest_own_class_probability():
    """Check the rule with a stub: class 0 rows keep the smallest feature 0."""
    X = np.array([[0.9], [0.1], [0.5], [0.3], [0.7], [0.2], [0.8], [0.9], [0.6]])
    y = np.array([0, 0, 0, 0, 0, 0, 1, 1, 1])
    sampler = InstanceHardnessThreshold(ColumnProbability(), cv=3, random_state=0)
    sampler.fit_resample(X, y)
    assert sampler.sample_indices_.tolist() == [1, 3, 5, 6, 7, 8]


def test_equal_probabilities_keep_the_earlier_rows():
    """Check that exactly the asked count is kept, ties to the smaller position."""
    X = np.array([[0.5], [0.5], [0.5], [0.5], [0.9], [0.9]])
    y = np.array([0, 0, 0, 0, 1, 1])
    sampler = InstanceHardnessThreshold(ColumnProbability(), cv=2, random_state=0)
    sampler.fit_resample(X, y)
    assert sampler.sample_indices_.tolist() == [0, 1, 4, 5]


@pytest.mark.parametrize("seed", [0, 1])
def test_same_rows_as_imblearn_with_a_naive_bayes_model(seed):
    """Check oracle equality, three classes: same folds, same seeds, same rows."""
    X, y = imbalanced_data(n_samples=300, seed=seed)
    params = {"estimator": GaussianNB(), "random_state": seed}
    np.testing.assert_array_equal(
        our_indices(X, y, **params), imblearn_indices(X, y, **params)
    )


def test_imblearn_keeps_extra_rows_tied_at_its_threshold():
    """Check that imbalanced-learn's extra rows are all ties at the cut-off.

    It keeps every row whose probability reaches a percentile, so a forest's
    many equal vote fractions keep far more rows than asked. We keep exactly
    the asked count, a subset of its rows, and every extra row it keeps has
    the same probability as our least confident kept row of its class.
    """
    X, y = imbalanced_data(n_samples=300)
    forest = RandomForestClassifier(n_estimators=10)
    sampler = InstanceHardnessThreshold(forest, random_state=0)
    _, y_res = sampler.fit_resample(X, y)
    ours = sampler.sample_indices_
    theirs = imblearn_indices(X, y, estimator=forest, random_state=0)
    assert np.bincount(y_res).tolist() == [32, 32, 32]
    assert len(theirs) > len(ours) and set(ours) <= set(theirs)

    seeds = np.random.RandomState(0)
    model = seed_unset_random_states(clone(forest), seeds)
    folds = StratifiedKFold(5, shuffle=True, random_state=seeds)
    proba = cross_val_predict(model, X, y, cv=folds, method="predict_proba")
    own = proba[np.arange(len(y)), y]
    for label in (0, 1):
        cut_off = own[ours][y[ours] == label].min()
        extra = np.setdiff1d(theirs, ours)
        np.testing.assert_array_equal(own[extra][y[extra] == label], cut_off)


def test_labels_minus_one_and_one_keep_the_easy_rows():
    """Check labels -1/1, on which imbalanced-learn keeps the hardest rows.

    imbalanced-learn reads column y of the probabilities; for label -1 that
    is the last column, the probability of class 1. Its majority rows are
    then ranked by the probability of the *other* class. Here -1/1 gives the
    same rows as 0/1; imbalanced-learn keeps the majority rows least likely
    to be of their own class, every one of them harder than all of ours.
    """
    X, y = binary_data()
    signed = np.where(y == 0, -1, 1)
    params = {"estimator": GaussianNB(), "random_state": 0}
    ours = our_indices(X, signed, **params)
    np.testing.assert_array_equal(ours, our_indices(X, y, **params))
    theirs = imblearn_indices(X, signed, **params)
    assert not np.array_equal(theirs, ours)

    seeds = np.random.RandomState(0)
    model = seed_unset_random_states(GaussianNB(), seeds)
    folds = StratifiedKFold(5, shuffle=True, random_state=seeds)
    proba = cross_val_predict(model, X, y, cv=folds, method="predict_proba")
    own = proba[:, 0]
    majority = np.flatnonzero(y == 0)
    assert (
        own[np.intersect1d(theirs, majority)].max()
        <= own[np.intersect1d(ours, majority)].min()
    )


@pytest.mark.parametrize(
    "labels",
    [["bought", "browsed"], [1, 2], [-7, 1000]],
    ids=["str", "ints-from-1", "sparse-ints"],
)
def test_any_labels_give_the_rows_of_zero_one(labels):
    """Check that relabelling changes nothing, where imbalanced-learn fails."""
    X, y = binary_data()
    relabelled = np.asarray(labels)[y]
    params = {"estimator": GaussianNB(), "random_state": 0}
    np.testing.assert_array_equal(
        our_indices(X, relabelled, **params), our_indices(X, y, **params)
    )
    with pytest.raises(IndexError):
        imblearn_indices(X, relabelled, **params)


def test_float_labels_multiclass():
    """Check float labels, which scikit-learn's splitters call continuous."""
    X, y = imbalanced_data(n_samples=300)
    floats = np.array([2.5, 0.5, 1.5])[y]
    params = {"estimator": GaussianNB(), "random_state": 0}
    _, y_res = InstanceHardnessThreshold(**params).fit_resample(X, floats)
    assert sorted(pd.Series(y_res).value_counts().tolist()) == [32, 32, 32]


def test_default_estimator_is_a_forest_of_extra_trees_using_n_jobs():
    """Check the default classifier and that n_jobs reaches its trees."""
    X, y = binary_data()
    sampler = InstanceHardnessThreshold(random_state=0, n_jobs=2)
    sampler.fit_resample(X, y)
    assert isinstance(sampler.estimator_, ExtraTreesClassifier)
    assert sampler.estimator_.n_estimators == 100
    assert sampler.estimator_.n_jobs == 2


def test_seeds_fill_only_unset_random_states():
    """Check that an estimator's own random_state is respected, not overwritten."""
    X, y = binary_data()
    fixed = InstanceHardnessThreshold(
        RandomForestClassifier(n_estimators=5, random_state=3), random_state=0
    )
    fixed.fit_resample(X, y)
    assert fixed.estimator_.random_state == 3
    free = InstanceHardnessThreshold(
        RandomForestClassifier(n_estimators=5), random_state=0
    )
    free.fit_resample(X, y)
    assert isinstance(free.estimator_.random_state, int)


@pytest.mark.parametrize(
    "seed", [0, np.random.default_rng(4), np.random.RandomState(4)]
)
def test_random_state_forms(seed):
    """Check that an int, a Generator and a RandomState are all accepted."""
    X, y = binary_data()
    sampler = InstanceHardnessThreshold(
        ExtraTreesClassifier(n_estimators=5), random_state=seed
    )
    _, y_res = sampler.fit_resample(X, y)
    assert np.bincount(y_res).tolist() == [39, 39]


def test_cv_splitter_is_used_as_given():
    """Check that a splitter replaces the stratified folds."""
    X, y = binary_data()
    sampler = InstanceHardnessThreshold(GaussianNB(), cv=KFold(4))
    sampler.fit_resample(X, y)
    proba = cross_val_predict(GaussianNB(), X, y, cv=KFold(4), method="predict_proba")
    majority = np.flatnonzero(y == 0)
    easiest = majority[np.argsort(-proba[majority, 0], kind="stable")[:39]]
    kept = sampler.sample_indices_
    np.testing.assert_array_equal(kept[y[kept] == 0], np.sort(easiest))


def test_classifier_pipeline_on_mixed_columns():
    """Check that non-numeric features reach a classifier that handles them."""
    X, y = binary_data()
    frame = pd.DataFrame(X[:, :2], columns=["a", "b"])
    frame["colour"] = np.where(X[:, 2] > 0, "red", "blue")
    model = make_pipeline(
        make_column_transformer(
            (OneHotEncoder(sparse_output=False), ["colour"]), remainder="passthrough"
        ),
        GaussianNB(),
    )
    X_res, y_res = InstanceHardnessThreshold(model, random_state=0).fit_resample(
        frame, pd.Series(y)
    )
    assert list(X_res.columns) == ["a", "b", "colour"]
    assert y_res.value_counts().tolist() == [39, 39]


def test_given_estimator_is_not_modified():
    """Check that the user's classifier is cloned, never fitted or seeded."""
    X, y = binary_data()
    forest = RandomForestClassifier(n_estimators=5)
    InstanceHardnessThreshold(forest, random_state=0).fit_resample(X, y)
    assert forest.random_state is None and not hasattr(forest, "estimators_")


def test_error_cv_larger_than_a_class():
    """Check the cv rule, raised before any training."""
    X, y = binary_data()
    y = y.copy()
    y[np.flatnonzero(y == 1)[3:]] = 0
    with pytest.raises(
        ValueError,
        match=r"cv=5 needs at least 5 rows of class 1, one in each fold; it has 3\. "
        r"Lower cv to at most 3 or pass a cross-validation splitter\.",
    ):
        InstanceHardnessThreshold(ColumnProbability()).fit_resample(X, y)


def test_error_estimator_without_predict_proba():
    X, y = binary_data()
    with pytest.raises(
        ValueError, match=r"'estimator' parameter of InstanceHardnessThreshold"
    ):
        InstanceHardnessThreshold(KFold()).fit_resample(X, y)


def test_default_model_refuses_text_features_before_any_work():
    """Check that text columns get the numeric-features message, not sklearn's."""
    X = pd.DataFrame({"x": np.arange(20.0), "device": ["phone", "desktop"] * 10})
    y = np.array([0] * 14 + [1] * 6)
    with pytest.raises(ValueError, match=r"column\(s\) 'device' are not numeric"):
        InstanceHardnessThreshold(random_state=0).fit_resample(X, y)
