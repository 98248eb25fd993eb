"""Tests of imbalance.pipeline: samplers act while fitting and never after."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import sklearn
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.cluster import DBSCAN, KMeans
from sklearn.decomposition import PCA
from sklearn.ensemble import IsolationForest
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import (
    GridSearchCV,
    StratifiedKFold,
    cross_val_score,
    cross_validate,
)
from sklearn.preprocessing import StandardScaler
from sklearn.utils.estimator_checks import (
    check_get_params_invariance,
    check_no_attributes_set_in_init,
    check_set_params,
)

from imbalance import FunctionSampler
from imbalance.over_sampling import RandomOverSampler
from imbalance.pipeline import Pipeline, make_pipeline
from imbalance.under_sampling import RandomUnderSampler

from .conftest import imbalanced_data


@pytest.fixture
def data():
    return imbalanced_data(n_samples=240, weights=(0.8, 0.2), seed=3)


class SharedLog(list):
    """A list that clone() does not copy, so every clone writes to it."""

    def __deepcopy__(self, memo):
        return self


class RecordingClassifier(ClassifierMixin, BaseEstimator):
    """Predicts the majority class and writes down the row ids it is given.

    The id is the last column of X; ``log`` is shared by every clone.
    """

    def __init__(self, log=None):
        self.log = log

    def fit(self, X, y, sample_weight=None):
        self.classes_ = np.unique(y)
        self.majority_ = self.classes_[np.argmax(np.unique(y, return_counts=True)[1])]
        self.log.append(("fit", X[:, -1].astype(int).copy()))
        self.sample_weight_ = sample_weight
        return self

    def predict(self, X):
        self.log.append(("predict", X[:, -1].astype(int).copy()))
        return np.full(len(X), self.majority_)


class DoublingSampler(BaseEstimator):
    """A step with both fit_resample and transform: both double X."""

    def fit_resample(self, X, y):
        self.resampled_ = True
        keep = np.arange(0, len(y), 2)
        return 2 * X[keep], y[keep]

    def transform(self, X):
        return 2 * X


def with_row_ids(X):
    return np.column_stack([X, np.arange(len(X))])


def test_cross_validate_never_resamples_validation_rows(data):
    """Check that in each fold the sampler sees exactly the training rows and
    the validation rows are predicted once each, in order, without resampling."""
    X, y = data
    X = with_row_ids(X)
    seen_by_sampler, log = [], SharedLog()

    def record_then_oversample(X, y):
        seen_by_sampler.append(X[:, -1].astype(int).copy())
        return RandomOverSampler(random_state=0).fit_resample(X, y)

    model = Pipeline(
        [
            ("record", FunctionSampler(func=record_then_oversample)),
            ("model", RecordingClassifier(log=log)),
        ]
    )
    folds = StratifiedKFold(n_splits=4, shuffle=True, random_state=0)
    cross_validate(model, X, y, cv=folds, scoring="accuracy")

    splits = list(folds.split(X, y))
    assert len(seen_by_sampler) == len(splits)
    fits = [ids for kind, ids in log if kind == "fit"]
    predictions = [ids for kind, ids in log if kind == "predict"]
    assert len(fits) == len(predictions) == len(splits)
    for (train, test), sampled, fitted, predicted in zip(
        splits, seen_by_sampler, fits, predictions
    ):
        np.testing.assert_array_equal(sampled, train)
        assert set(fitted) == set(train)
        assert len(fitted) > len(train)  # the model learnt from the grown data
        np.testing.assert_array_equal(predicted, test)


def test_grid_search_over_sampler_and_model_parameters(data):
    """Check that GridSearchCV sets nested sampler and model parameters: each
    candidate's score is the cross-validated score of that configuration."""
    X, y = data
    model = Pipeline(
        [
            ("under", RandomUnderSampler(random_state=0)),
            ("model", LogisticRegression()),
        ]
    )
    grid = {"under__sampling_strategy": [0.5, 1.0], "model__C": [0.01, 1.0]}
    folds = StratifiedKFold(n_splits=3, shuffle=True, random_state=1)
    search = GridSearchCV(model, grid, cv=folds, scoring="balanced_accuracy")
    search.fit(X, y)

    results = search.cv_results_
    assert len(results["params"]) == 4
    for params, mean_score in zip(results["params"], results["mean_test_score"]):
        by_hand = cross_val_score(
            clone(model).set_params(**params),
            X,
            y,
            cv=folds,
            scoring="balanced_accuracy",
        )
        assert mean_score == pytest.approx(by_hand.mean())
    best = search.best_estimator_
    assert (
        best["under"].sampling_strategy
        == search.best_params_["under__sampling_strategy"]
    )
    assert best["model"].C == search.best_params_["model__C"]


def test_prediction_methods_return_one_row_per_input_row(data):
    """Check that every prediction method answers each input row once."""
    X, y = data
    X_new = X[:37]
    classifier = make_pipeline(
        StandardScaler(), RandomUnderSampler(random_state=0), LogisticRegression()
    ).fit(X, y)
    assert classifier.predict(X_new).shape == (37,)
    assert classifier.predict_proba(X_new).shape == (37, 2)
    assert classifier.predict_log_proba(X_new).shape == (37, 2)
    assert classifier.decision_function(X_new).shape == (37,)
    assert 0 <= classifier.score(X_new, y[:37]) <= 1

    detector = make_pipeline(
        RandomOverSampler(random_state=0), IsolationForest(random_state=0)
    ).fit(X, y)
    assert detector.score_samples(X_new).shape == (37,)

    transformer = make_pipeline(
        RandomOverSampler(random_state=0), PCA(n_components=2)
    ).fit(X, y)
    assert transformer.transform(X_new).shape == (37, 2)


def test_pipeline_matches_the_steps_done_by_hand(data):
    """Check that fit and predict equal scaling, resampling and fitting by hand."""
    X, y = data
    X_train, y_train, X_test = X[:160], y[:160], X[160:]
    model = Pipeline(
        [
            ("scale", StandardScaler()),
            ("over", RandomOverSampler(random_state=4)),
            ("model", LogisticRegression()),
        ]
    ).fit(X_train, y_train)

    scaler = StandardScaler().fit(X_train)
    X_res, y_res = RandomOverSampler(random_state=4).fit_resample(
        scaler.transform(X_train), y_train
    )
    by_hand = LogisticRegression().fit(X_res, y_res)
    np.testing.assert_allclose(
        model.predict_proba(X_test),
        by_hand.predict_proba(scaler.transform(X_test)),
    )
    np.testing.assert_array_equal(model["over"].sample_indices_[:160], np.arange(160))


def test_clone_and_params_of_steps(data):
    """Check get_params, set_params, clone, named_steps and slicing."""
    X, y = data
    model = Pipeline(
        [
            ("under", RandomUnderSampler(random_state=0)),
            ("model", LogisticRegression(C=2.0)),
        ]
    )
    params = model.get_params()
    assert params["under__sampling_strategy"] == "auto"
    assert params["model__C"] == 2.0
    assert params["memory"] is None

    model.set_params(under__sampling_strategy=0.5, model__C=0.5)
    copy = clone(model)
    assert copy.get_params()["under__sampling_strategy"] == 0.5
    assert copy["model"] is not model["model"]
    assert copy.named_steps["model"].C == 0.5

    model.fit(X, y)
    assert not hasattr(clone(model)["model"], "coef_")
    head = model[:1]
    assert isinstance(head, Pipeline)
    assert list(head.named_steps) == ["under"]
    assert len(model) == 2


def test_scikit_learn_parameter_checks_pass():
    """Check scikit-learn's own checks of get_params, set_params and __init__."""
    model = make_pipeline(RandomUnderSampler(random_state=0), LogisticRegression())
    check_get_params_invariance("Pipeline", model)
    check_set_params("Pipeline", model)
    check_no_attributes_set_in_init("Pipeline", model)


def test_steps_list_keeps_its_identity(data):
    """Check that fitting without a cache fits the given step objects in place
    and keeps the user's steps list."""
    steps = [
        ("under", RandomUnderSampler(random_state=0)),
        ("model", LogisticRegression()),
    ]
    model = Pipeline(steps).fit(*data)
    assert model.steps is steps
    assert hasattr(steps[1][1], "coef_")


def test_passthrough_and_none_steps_change_nothing(data):
    """Check that 'passthrough' and None steps give the same model as without."""
    X, y = data
    plain = make_pipeline(RandomUnderSampler(random_state=0), LogisticRegression())
    padded = Pipeline(
        [
            ("nothing", "passthrough"),
            ("under", RandomUnderSampler(random_state=0)),
            ("none", None),
            ("model", LogisticRegression()),
        ]
    )
    np.testing.assert_allclose(
        plain.fit(X, y).predict_proba(X), padded.fit(X, y).predict_proba(X)
    )

    ends_in_passthrough = Pipeline(
        [("scale", StandardScaler()), ("under", RandomUnderSampler()), ("end", None)]
    ).fit(X, y)
    np.testing.assert_allclose(
        ends_in_passthrough.transform(X), StandardScaler().fit_transform(X)
    )


def test_fit_params_reach_their_step(data):
    """Check that model__sample_weight reaches the model when no sampler is
    in the way, and a step's other fit parameters reach it after a sampler."""
    X, y = data
    weights = np.linspace(0.5, 2.0, len(y))
    log = []
    model = Pipeline([("scale", StandardScaler()), ("model", RecordingClassifier(log))])
    model.fit(with_row_ids(X), y, model__sample_weight=weights)
    np.testing.assert_array_equal(model["model"].sample_weight_, weights)

    seen = {}

    def record_kwargs(X, y, **kwargs):
        return X, y

    class KeywordSampler(FunctionSampler):
        def fit_resample(self, X, y, **params):
            seen.update(params)
            return super().fit_resample(X, y)

    Pipeline(
        [("keep", KeywordSampler(func=record_kwargs)), ("model", LogisticRegression())]
    ).fit(X, y, keep__note="hello")
    assert seen == {"note": "hello"}


def test_step_with_fit_resample_and_transform(data):
    """Check that a step with both methods resamples while fitting and only
    transforms at predict time."""
    X, y = data
    log = []
    model = Pipeline(
        [("double", DoublingSampler()), ("model", RecordingClassifier(log))]
    )
    X_ids = np.column_stack([X, np.arange(len(X))])
    model.fit(X_ids, y)
    fitted_ids = log[-1][1]
    np.testing.assert_array_equal(fitted_ids, 2 * np.arange(0, len(y), 2))

    model.predict(X_ids)
    np.testing.assert_array_equal(log[-1][1], 2 * np.arange(len(y)))


def test_nested_pipeline_acts_as_a_sampler(data):
    """Check that a pipeline ending in a sampler, used as a step, resamples
    while fitting and transforms at predict time, like the flat pipeline."""
    X, y = data
    inner = Pipeline(
        [("scale", StandardScaler()), ("under", RandomUnderSampler(random_state=2))]
    )
    nested = Pipeline([("prep", inner), ("model", LogisticRegression())])
    flat = Pipeline(
        [
            ("scale", StandardScaler()),
            ("under", RandomUnderSampler(random_state=2)),
            ("model", LogisticRegression()),
        ]
    )
    np.testing.assert_allclose(
        nested.fit(X, y).predict_proba(X), flat.fit(X, y).predict_proba(X)
    )


def test_fit_resample_transform_and_fit_transform_with_last_sampler(data):
    """Check that a pipeline ending in a sampler resamples in fit_resample but
    keeps every row in transform and fit_transform."""
    X, y = data
    model = Pipeline(
        [("scale", StandardScaler()), ("under", RandomUnderSampler(random_state=0))]
    )
    X_res, y_res = model.fit_resample(X, y)
    n_minority = np.bincount(y).min()
    assert np.bincount(y_res).tolist() == [n_minority, n_minority]
    assert X_res.shape == (2 * n_minority, X.shape[1])

    np.testing.assert_allclose(model.fit_transform(X, y), model.transform(X))
    assert model.transform(X).shape == X.shape
    np.testing.assert_allclose(model.inverse_transform(model.transform(X)), X)


def test_fit_transform_without_sampler_uses_each_steps_fit_transform(data):
    """Check that fit_transform without a sampler equals the steps by hand."""
    X, y = data
    model = make_pipeline(StandardScaler(), PCA(n_components=3, random_state=0))
    by_hand = PCA(n_components=3, random_state=0).fit_transform(
        StandardScaler().fit_transform(X)
    )
    np.testing.assert_allclose(model.fit_transform(X, y), by_hand)


def test_fit_predict_predicts_the_rows_of_X(data):
    """Check that fit_predict returns one label per input row with a sampler."""
    X, y = data
    model = make_pipeline(
        RandomUnderSampler(random_state=0), KMeans(n_clusters=2, n_init=2)
    )
    assert model.fit_predict(X, y).shape == (len(y),)
    no_sampler = make_pipeline(StandardScaler(), DBSCAN())
    assert no_sampler.fit_predict(X).shape == (len(y),)


def test_memory_caches_fitted_clones(data, tmp_path):
    """Check that with a cache the steps are fitted clones and the model is
    the same as without one."""
    X, y = data
    scaler = StandardScaler()
    cached = Pipeline(
        [
            ("scale", scaler),
            ("under", RandomUnderSampler(random_state=0)),
            ("model", LogisticRegression()),
        ],
        memory=str(tmp_path),
    ).fit(X, y)
    assert not hasattr(scaler, "mean_")
    assert hasattr(cached["scale"], "mean_")
    plain = clone(cached).set_params(memory=None).fit(X, y)
    np.testing.assert_allclose(cached.predict_proba(X), plain.predict_proba(X))


def test_pandas_input_keeps_one_prediction_per_row(data):
    """Check a DataFrame through a sampler and a model."""
    X, y = data
    frame = pd.DataFrame(X, columns=[f"f{i}" for i in range(X.shape[1])])
    model = make_pipeline(RandomOverSampler(random_state=0), LogisticRegression())
    model.fit(frame, pd.Series(y))
    assert model.predict(frame).shape == (len(frame),)
    assert list(model.feature_names_in_) == list(frame.columns)


def test_make_pipeline_names_repeated_classes():
    """Check that make_pipeline numbers steps of the same class."""
    model = make_pipeline(StandardScaler(), StandardScaler(), LogisticRegression())
    assert list(model.named_steps) == [
        "standardscaler-1",
        "standardscaler-2",
        "logisticregression",
    ]


def test_verbose_prints_each_step(data, capsys):
    """Check that verbose=True reports every step."""
    X, y = data
    make_pipeline(
        RandomUnderSampler(random_state=0), LogisticRegression(), verbose=True
    ).fit(X, y)
    out = capsys.readouterr().out
    assert "(step 1 of 2) Processing randomundersampler" in out
    assert "(step 2 of 2) Processing logisticregression" in out


# --------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------


def test_sampler_as_last_step_cannot_predict(data):
    """Check the message when predicting with a pipeline ending in a sampler."""
    X, y = data
    model = Pipeline([("under", RandomUnderSampler())]).fit(X, y)
    assert not hasattr(model, "predict")
    assert not hasattr(model, "predict_proba")
    with pytest.raises(
        AttributeError,
        match=r"no predict: its last step 'under' \(RandomUnderSampler\) is a "
        r"sampler, and samplers act only while fitting. Add an estimator after",
    ):
        model.predict(X)


def test_missing_method_of_last_step(data):
    """Check that methods the last step lacks are absent, with a message."""
    model = make_pipeline(RandomUnderSampler(), KMeans(n_clusters=2))
    assert not hasattr(model, "predict_proba")
    assert not hasattr(model, "fit_resample")
    with pytest.raises(AttributeError, match="no predict_proba: its last step"):
        model.predict_proba(data[0])
    with pytest.raises(AttributeError, match="no fit_resample: its last step"):
        model.fit_resample(*data)


def test_sample_weight_through_a_sampler_is_refused(data):
    """Check that sample_weight cannot go to a sampler or a step after one."""
    X, y = data
    weights = np.ones(len(y))
    model = make_pipeline(RandomUnderSampler(random_state=0), LogisticRegression())
    with pytest.raises(
        ValueError,
        match="When step 'randomundersampler' is a sampler, "
        "randomundersampler__sample_weight cannot be given",
    ):
        model.fit(X, y, randomundersampler__sample_weight=weights)
    with pytest.raises(
        ValueError,
        match="When sampler 'randomundersampler' comes before step "
        "'logisticregression', logisticregression__sample_weight cannot be given",
    ):
        model.fit(X, y, logisticregression__sample_weight=weights)


def test_fit_params_must_name_a_step(data):
    """Check the message for a fit parameter without a known step prefix."""
    model = make_pipeline(RandomUnderSampler(), LogisticRegression())
    with pytest.raises(ValueError, match="Fit parameter 'sample_weight' does not"):
        model.fit(*data, sample_weight=np.ones(len(data[1])))
    with pytest.raises(ValueError, match="Fit parameter 'clf__C' does not name"):
        model.fit(*data, clf__C=1.0)


def test_metadata_routing_is_refused_with_a_message(data):
    """Check that fit parameters under metadata routing get a clear error."""
    model = make_pipeline(StandardScaler(), LogisticRegression())
    with sklearn.config_context(enable_metadata_routing=True):
        with pytest.raises(NotImplementedError, match="does not support metadata"):
            model.fit(*data, logisticregression__sample_weight=np.ones(240))


@pytest.mark.parametrize(
    "steps, error, message",
    [
        ([], ValueError, "must be a non-empty list"),
        ([("a", StandardScaler()), ("a", LogisticRegression())], ValueError, "uniq"),
        ([("a__b", LogisticRegression())], ValueError, "contains '__'"),
        ([("memory", LogisticRegression())], ValueError, "is also a Pipeline par"),
        ([("clf", LogisticRegression()), ("end", LogisticRegression())], TypeError,
         r"Step 'clf' \(LogisticRegression\) comes before the last step"),
        ([("x", StandardScaler()), ("end", object())], TypeError,
         "must have a fit or fit_resample method"),
        ([StandardScaler()], TypeError, r"must be a \(name, estimator\) tuple"),
    ],
)  # fmt: skip
def test_bad_steps_are_refused_before_fitting(data, steps, error, message):
    """Check each rule on the steps."""
    with pytest.raises(error, match=message):
        Pipeline(steps).fit(*data)


def test_invalid_steps_hide_the_prediction_methods():
    """Check that hasattr answers False, not an IndexError, for bad steps."""
    assert not hasattr(Pipeline([]), "predict")
    assert not hasattr(Pipeline("not steps"), "transform")


def test_fit_predict_with_sampler_needs_predict(data):
    """Check the message when fit_predict cannot predict the rows of X."""
    model = make_pipeline(RandomUnderSampler(), DBSCAN())
    with pytest.raises(AttributeError, match="DBSCAN has no predict method"):
        model.fit_predict(*data)
