"""Tests of imbalance.metrics: the worked example, oracles, properties, errors."""

from __future__ import annotations

import math
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from imblearn import metrics as imblearn_metrics
from sklearn import metrics as sklearn_metrics
from sklearn.exceptions import UndefinedMetricWarning as SklearnUndefinedMetricWarning
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score

import imbalance.metrics
from imbalance._exceptions import ImbalanceWarning, UndefinedMetricWarning
from imbalance.metrics import (
    ConfusionCounts,
    classification_report_imbalanced,
    expected_cost_score,
    geometric_mean_score,
    index_balanced_accuracy_score,
    majority_baseline_score,
    negative_predictive_value_score,
    sensitivity_score,
    specificity_score,
)

AVERAGES = ["binary", "macro", "weighted", "micro", None]
MULTICLASS_AVERAGES = ["macro", "weighted", "micro", None]
FAST = settings(max_examples=40, deadline=None)

WORKED = ConfusionCounts(tp=24, fn=14, tn=682, fp=40)


def random_labels(seed, n_classes, n_samples=120, skew=0.7):
    """Seeded true labels with one large class, and noisy predictions."""
    rng = np.random.default_rng(seed)
    weights = np.full(n_classes, (1 - skew) / (n_classes - 1))
    weights[0] = skew
    y_true = rng.choice(n_classes, size=n_samples, p=weights)
    keep = rng.random(n_samples) < 0.6
    y_pred = np.where(keep, y_true, rng.integers(0, n_classes, n_samples))
    return y_true, y_pred


def counts_to_labels(tp, fn, tn, fp):
    """Label arrays (1 positive, 0 negative) with the given confusion counts."""
    y_true = np.array([1] * (tp + fn) + [0] * (tn + fp))
    y_pred = np.array([1] * tp + [0] * fn + [0] * tn + [1] * fp)
    return y_true, y_pred


counts_strategy = st.tuples(*[st.integers(0, 40)] * 4).filter(lambda c: sum(c) > 0)


@st.composite
def label_pairs(draw, n_classes=3, max_size=40):
    """Pairs (y_true, y_pred) of equal length over ``n_classes`` labels."""
    n = draw(st.integers(1, max_size))
    labels = st.lists(st.integers(0, n_classes - 1), min_size=n, max_size=n)
    return np.array(draw(labels)), np.array(draw(labels))


# --------------------------------------------------------------------------
# Public names and the worked example
# --------------------------------------------------------------------------


def test_public_names_are_listed_and_importable():
    """Check that every name of __all__ imports and the contract names are there."""
    contract = {
        "ConfusionCounts",
        "classification_report_imbalanced",
        "expected_cost_score",
        "geometric_mean_score",
        "index_balanced_accuracy_score",
        "majority_baseline_score",
        "negative_predictive_value_score",
        "sensitivity_score",
        "specificity_score",
    }
    assert set(imbalance.metrics.__all__) == contract
    for name in imbalance.metrics.__all__:
        assert getattr(imbalance.metrics, name) is not None


def test_worked_example_values():
    """Check the worked example of the contract, to three decimals."""
    assert WORKED.n_samples == 760
    assert (WORKED.n_positive, WORKED.n_negative) == (38, 722)
    assert round(WORKED.accuracy, 3) == 0.929
    assert round(WORKED.sensitivity, 3) == 0.632
    assert WORKED.recall == WORKED.sensitivity
    assert round(WORKED.specificity, 3) == 0.945
    assert WORKED.precision == 0.375
    assert WORKED.baseline_accuracy == 0.95


def test_worked_example_summary_words():
    """Check that the summary says the model is below the baseline yet finds 63 %."""
    text = WORKED.summary()
    assert "below the always-negative baseline" in text
    assert "92.9 %" in text and "95.0 %" in text
    assert "finds 63 % of the positives (24 of 38)" in text
    assert "of 64 rows flagged positive, 24 were positive" in text
    assert "nan" not in text.lower()


def test_summary_when_the_model_beats_the_baseline():
    """Check that a model above the baseline is said to be above it."""
    text = ConfusionCounts(tp=32, fn=8, tn=750, fp=10).summary()
    assert "above the always-negative baseline of 95.0 %" in text
    assert "below" not in text
    assert "finds 80 % of the positives (32 of 40)" in text


def test_summary_names_the_majority_side_and_ties():
    """Check that a positive majority gives an always-positive baseline."""
    text = ConfusionCounts(tp=80, fn=0, tn=0, fp=20).summary()
    assert "equal to the always-positive baseline of 80.0 %" in text
    text = ConfusionCounts(tp=5, fn=1, tn=0, fp=0).summary()
    assert "below the always-positive baseline of 100.0 %" in text
    assert "There are no negative rows, so specificity is undefined." in text
    assert "nan" not in text.lower()


@pytest.mark.parametrize(
    ("counts", "phrase"),
    [
        (
            ConfusionCounts(tp=0, fn=0, tn=9, fp=1),
            "there are no positive rows, so sensitivity is undefined",
        ),
        (
            ConfusionCounts(tp=0, fn=3, tn=7, fp=0),
            "No row was flagged positive, so precision is undefined.",
        ),
        (
            ConfusionCounts(tp=1, fn=3, tn=7, fp=0),
            "of 1 row flagged positive, 1 was positive",
        ),
    ],
)
def test_summary_handles_undefined_ratios(counts, phrase):
    """Check that undefined ratios are put in words, never printed as nan."""
    text = counts.summary()
    assert phrase in text
    assert "nan" not in text.lower()


def test_to_dict_is_plain_and_complete():
    """Check that to_dict holds every count and metric as plain Python numbers."""
    values = WORKED.to_dict()
    assert values["tp"] == 24 and type(values["tp"]) is int
    assert all(type(v) in (int, float) for v in values.values())
    for name in ("accuracy", "sensitivity", "mcc", "baseline_accuracy", "g_mean"):
        assert values[name] == getattr(WORKED, name)
    assert values["index_balanced_accuracy"] == WORKED.index_balanced_accuracy()


def test_undefined_properties_are_nan():
    """Check that ratios with a zero denominator are nan, not an error."""
    counts = ConfusionCounts(tp=0, fn=5, tn=5, fp=0)
    assert math.isnan(counts.precision)
    assert math.isnan(counts.mcc)
    assert counts.f1 == 0.0
    only_negatives = ConfusionCounts(tp=0, fn=0, tn=5, fp=0)
    assert math.isnan(only_negatives.sensitivity)
    assert math.isnan(only_negatives.g_mean)
    assert math.isnan(only_negatives.balanced_accuracy)
    assert math.isnan(only_negatives.f1)
    assert math.isnan(only_negatives.index_balanced_accuracy())


def test_whole_float_counts_become_ints():
    """Check that counts given as whole floats or NumPy ints are stored as int."""
    counts = ConfusionCounts(tp=np.int64(3), fn=2.0, tn=5, fp=np.uint8(1))
    assert counts == ConfusionCounts(tp=3, fn=2, tn=5, fp=1)
    assert all(type(getattr(counts, f)) is int for f in ("tp", "fn", "tn", "fp"))


def test_expected_cost_and_iba_of_counts():
    """Check the binary cost shortcut and IBA against their formulas."""
    assert WORKED.expected_cost() == pytest.approx(54 / 760)
    assert WORKED.expected_cost(cost_fn=10.0, cost_fp=0.5) == pytest.approx(
        (140 + 20) / 760
    )
    sens, spec = WORKED.sensitivity, WORKED.specificity
    assert WORKED.index_balanced_accuracy(alpha=0.0) == pytest.approx(sens * spec)
    assert WORKED.index_balanced_accuracy(alpha=0.5, squared=False) == pytest.approx(
        (1 + 0.5 * (sens - spec)) * math.sqrt(sens * spec)
    )


# --------------------------------------------------------------------------
# ConfusionCounts.from_labels
# --------------------------------------------------------------------------


def test_from_labels_takes_the_less_frequent_class_as_positive():
    """Check that pos_label=None picks the rarer class of y_true, any label type."""
    y_true = ["ok"] * 5 + ["fraud"] * 2
    y_pred = ["ok"] * 4 + ["fraud"] * 2 + ["ok"]
    assert ConfusionCounts.from_labels(y_true, y_pred) == ConfusionCounts(
        tp=1, fn=1, tn=4, fp=1
    )
    flipped = ConfusionCounts.from_labels(y_true, y_pred, pos_label="ok")
    assert flipped == ConfusionCounts(tp=4, fn=1, tn=1, fp=1)


def test_from_labels_breaks_a_tie_with_the_larger_label():
    """Check that on a tie the larger label in sorted order is positive."""
    counts = ConfusionCounts.from_labels([0, 1, 0, 1], [1, 1, 0, 0])
    assert counts == ConfusionCounts(tp=1, fn=1, tn=1, fp=1)
    counts = ConfusionCounts.from_labels([False, True], [True, True])
    assert counts == ConfusionCounts(tp=1, fn=0, tn=0, fp=1)


def test_from_labels_counts_a_class_seen_only_in_predictions():
    """Check that a class absent from y_true has zero rows, so it is positive."""
    counts = ConfusionCounts.from_labels([0, 0, 0], [0, 1, 0])
    assert counts == ConfusionCounts(tp=0, fn=0, tn=2, fp=1)


def test_from_labels_accepts_pandas_and_matches_sklearn_confusion_matrix():
    """Check counts from pandas Series against sklearn's confusion_matrix."""
    y_true, y_pred = random_labels(1, 2)
    counts = ConfusionCounts.from_labels(pd.Series(y_true), pd.Series(y_pred))
    tn, fp, fn, tp = sklearn_metrics.confusion_matrix(y_true, y_pred).ravel()
    assert (counts.tp, counts.fn, counts.tn, counts.fp) == (tp, fn, tn, fp)


@pytest.mark.parametrize("seed", range(4))
def test_count_properties_agree_with_sklearn(seed):
    """Check every count-based metric against scikit-learn on seeded labels."""
    y_true, y_pred = random_labels(seed, 2)
    counts = ConfusionCounts.from_labels(y_true, y_pred, pos_label=1)
    sk = sklearn_metrics
    assert counts.accuracy == pytest.approx(sk.accuracy_score(y_true, y_pred))
    assert counts.recall == pytest.approx(sk.recall_score(y_true, y_pred))
    assert counts.specificity == pytest.approx(
        sk.recall_score(y_true, y_pred, pos_label=0)
    )
    assert counts.precision == pytest.approx(sk.precision_score(y_true, y_pred))
    assert counts.negative_predictive_value == pytest.approx(
        sk.precision_score(y_true, y_pred, pos_label=0)
    )
    assert counts.f1 == pytest.approx(sk.f1_score(y_true, y_pred))
    for beta in (0.0, 0.5, 2.0):
        assert counts.fbeta(beta) == pytest.approx(
            sk.fbeta_score(y_true, y_pred, beta=beta)
        )
    assert counts.balanced_accuracy == pytest.approx(
        sk.balanced_accuracy_score(y_true, y_pred)
    )
    assert counts.mcc == pytest.approx(sk.matthews_corrcoef(y_true, y_pred))
    assert counts.g_mean == pytest.approx(
        imblearn_metrics.geometric_mean_score(y_true, y_pred, average="binary")
    )


# --------------------------------------------------------------------------
# Label-based functions against scikit-learn and imbalanced-learn
# --------------------------------------------------------------------------


def _cases():
    """(seed, n_classes, average) for binary and multiclass data."""
    binary = [(seed, 2, average) for seed in range(3) for average in AVERAGES]
    multi = [(seed, 4, average) for seed in range(3) for average in MULTICLASS_AVERAGES]
    return binary + multi


@pytest.mark.parametrize(("seed", "n_classes", "average"), _cases())
def test_sensitivity_matches_sklearn_recall_and_imblearn(seed, n_classes, average):
    """Check sensitivity_score against recall_score and imblearn's, every average."""
    y_true, y_pred = random_labels(seed, n_classes)
    ours = sensitivity_score(y_true, y_pred, average=average)
    np.testing.assert_allclose(
        ours, sklearn_metrics.recall_score(y_true, y_pred, average=average)
    )
    np.testing.assert_allclose(
        ours, imblearn_metrics.sensitivity_score(y_true, y_pred, average=average)
    )


@pytest.mark.parametrize(("seed", "n_classes", "average"), _cases())
def test_specificity_matches_imblearn(seed, n_classes, average):
    """Check specificity_score against imblearn's, every average."""
    y_true, y_pred = random_labels(seed, n_classes)
    np.testing.assert_allclose(
        specificity_score(y_true, y_pred, average=average),
        imblearn_metrics.specificity_score(y_true, y_pred, average=average),
    )


@pytest.mark.parametrize(("seed", "n_classes", "average"), _cases())
def test_geometric_mean_matches_imblearn(seed, n_classes, average):
    """Check G-mean against imblearn: equal where both define it alike.

    For "macro" and "weighted", imblearn takes the G-mean of averaged rates;
    ours averages the per-class G-means, checked against imblearn's own
    per-class values.
    """
    y_true, y_pred = random_labels(seed, n_classes)
    ours = geometric_mean_score(y_true, y_pred, average=average)
    if average in ("macro", "weighted"):
        per_class = imblearn_metrics.geometric_mean_score(y_true, y_pred, average=None)
        support = np.bincount(y_true, minlength=n_classes)
        weights = support if average == "weighted" else None
        expected = np.average(per_class, weights=weights)
    else:
        expected = imblearn_metrics.geometric_mean_score(
            y_true, y_pred, average=average
        )
    np.testing.assert_allclose(ours, expected)


@pytest.mark.parametrize(("seed", "n_classes"), [(0, 2), (1, 3), (2, 5)])
def test_multiclass_geometric_mean_is_that_of_the_recalls(seed, n_classes):
    """Check average="multiclass" against imblearn and the recalls' geometric mean."""
    y_true, y_pred = random_labels(seed, n_classes)
    ours = geometric_mean_score(y_true, y_pred, average="multiclass")
    recalls = sklearn_metrics.recall_score(y_true, y_pred, average=None)
    assert ours == pytest.approx(np.prod(recalls) ** (1 / n_classes))
    assert ours == pytest.approx(
        imblearn_metrics.geometric_mean_score(y_true, y_pred, average="multiclass")
    )


def test_multiclass_geometric_mean_is_zero_when_a_class_is_never_found():
    """Check that one class with zero recall makes the multiclass G-mean 0."""
    assert geometric_mean_score([0, 1, 2], [0, 1, 1], average="multiclass") == 0.0


@pytest.mark.parametrize(("seed", "n_classes", "average"), _cases())
@pytest.mark.parametrize(("alpha", "squared"), [(0.1, True), (0.5, False)])
def test_iba_matches_imblearn(seed, n_classes, average, alpha, squared):
    """Check IBA against imblearn's make_index_balanced_accuracy on G-mean.

    For "macro" and "weighted" ours averages imblearn's per-class values.
    """
    y_true, y_pred = random_labels(seed, n_classes)
    ours = index_balanced_accuracy_score(
        y_true, y_pred, alpha=alpha, squared=squared, average=average
    )
    iba = imblearn_metrics.make_index_balanced_accuracy(alpha=alpha, squared=squared)(
        imblearn_metrics.geometric_mean_score
    )
    if average in ("macro", "weighted"):
        per_class = iba(y_true, y_pred, average=None)
        support = np.bincount(y_true, minlength=n_classes)
        weights = support if average == "weighted" else None
        expected = np.average(per_class, weights=weights)
    else:
        expected = iba(y_true, y_pred, average=average)
    np.testing.assert_allclose(ours, expected)


@pytest.mark.parametrize(("seed", "n_classes", "average"), _cases())
def test_negative_predictive_value_is_precision_of_the_rest(seed, n_classes, average):
    """Check NPV per class against precision of "not this class" from sklearn."""
    y_true, y_pred = random_labels(seed, n_classes)
    labels = np.arange(n_classes) if average != "binary" else [1]
    per_class = [
        sklearn_metrics.precision_score(y_true != label, y_pred != label)
        for label in labels
    ]
    ours = negative_predictive_value_score(y_true, y_pred, average=average)
    if average == "micro":
        counts = sklearn_metrics.multilabel_confusion_matrix(y_true, y_pred).sum(0)
        expected = counts[0, 0] / (counts[0, 0] + counts[1, 0])
    elif average == "weighted":
        support = np.bincount(y_true, minlength=n_classes)
        expected = np.average(per_class, weights=support)
    elif average == "macro":
        expected = np.mean(per_class)
    else:
        expected = per_class[0] if average == "binary" else per_class
    np.testing.assert_allclose(ours, expected)


def test_labels_selects_and_orders_classes_like_sklearn():
    """Check that labels picks classes (absent ones too) in the order given."""
    y_true, y_pred = random_labels(5, 4)
    for labels in ([3, 1], [2, 0, 7]):
        for average in MULTICLASS_AVERAGES:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", SklearnUndefinedMetricWarning)
                ours = sensitivity_score(y_true, y_pred, labels=labels, average=average)
                theirs = sklearn_metrics.recall_score(
                    y_true, y_pred, labels=labels, average=average
                )
            np.testing.assert_allclose(ours, theirs)


def test_string_labels_and_pos_label():
    """Check string labels with an explicit pos_label against sklearn."""
    y_true = np.array(["ok", "ok", "fraud", "ok", "fraud", "ok"])
    y_pred = np.array(["ok", "fraud", "fraud", "ok", "ok", "ok"])
    assert sensitivity_score(y_true, y_pred, pos_label="fraud") == 0.5
    assert specificity_score(y_true, y_pred, pos_label="fraud") == 0.75
    assert specificity_score(y_true, y_pred, pos_label="ok") == sensitivity_score(
        y_true, y_pred, pos_label="fraud"
    )


def test_binary_with_only_negatives_present():
    """Check that an absent pos_label is allowed when one label only is present."""
    with pytest.warns(UndefinedMetricWarning, match="Sensitivity is undefined"):
        assert sensitivity_score([0, 0, 0], [0, 0, 0]) == 0.0
    assert specificity_score([0, 0, 0], [0, 0, 0]) == 1.0


# --------------------------------------------------------------------------
# zero_division
# --------------------------------------------------------------------------


def test_zero_division_warn_gives_zero_and_a_warning():
    """Check that "warn" gives 0.0 and a warning catchable as sklearn's."""
    y_true, y_pred = [0, 0, 1, 1], [0, 2, 1, 0]
    with pytest.warns(SklearnUndefinedMetricWarning, match=r"label\(s\) \[2\]"):
        scores = sensitivity_score(y_true, y_pred, average=None)
    np.testing.assert_array_equal(scores, [0.5, 0.5, 0.0])
    assert issubclass(UndefinedMetricWarning, ImbalanceWarning)


@pytest.mark.parametrize(
    "call",
    [
        lambda: sensitivity_score([0, 0], [0, 0], labels=[1], average=None),
        lambda: specificity_score([1, 1], [1, 0]),
        lambda: negative_predictive_value_score([0, 1], [1, 1]),
        lambda: geometric_mean_score([0, 0], [0, 1], average="macro"),
        lambda: index_balanced_accuracy_score([1, 1], [1, 0]),
        lambda: classification_report_imbalanced([0, 0], [0, 1]),
    ],
)
def test_undefined_warnings_point_at_the_caller(call):
    """Check that each 0/0 warning is reported at the user's line of code."""
    with pytest.warns(UndefinedMetricWarning) as record:
        call()
    assert {Path(entry.filename).name for entry in record} == {Path(__file__).name}


@pytest.mark.parametrize("zero_division", [0.0, 1.0, np.nan])
@pytest.mark.parametrize("average", MULTICLASS_AVERAGES)
def test_zero_division_values_follow_sklearn(zero_division, average):
    """Check 0.0, 1.0 and nan are used silently and averaged as sklearn does."""
    y_true, y_pred = [0, 0, 1, 1, 0], [0, 2, 1, 0, 2]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ours = sensitivity_score(
            y_true, y_pred, average=average, zero_division=zero_division
        )
    theirs = sklearn_metrics.recall_score(
        y_true, y_pred, average=average, zero_division=zero_division
    )
    np.testing.assert_allclose(ours, theirs)


def test_zero_division_reaches_specificity_and_composites():
    """Check that a class filling y_true has an undefined specificity."""
    y_true, y_pred = [1, 1, 1], [1, 0, 1]
    assert specificity_score(y_true, y_pred, zero_division=1.0) == 1.0
    assert math.isnan(geometric_mean_score(y_true, y_pred, zero_division=np.nan))
    with pytest.warns(UndefinedMetricWarning, match="Specificity is undefined"):
        assert index_balanced_accuracy_score(y_true, y_pred) == 0.0


def test_all_nan_average_is_nan():
    """Check that a macro average of only undefined scores is nan."""
    score = sensitivity_score(
        [0, 0], [1, 1], labels=[1], average="macro", zero_division=np.nan
    )
    assert math.isnan(score)


# --------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------


@pytest.mark.parametrize(("seed", "n_classes"), [(0, 2), (1, 3), (2, 4)])
def test_report_values_match_imblearn(seed, n_classes):
    """Check per-class values and the weighted average against imblearn's report."""
    y_true, y_pred = random_labels(seed, n_classes)
    ours = classification_report_imbalanced(y_true, y_pred, output_dict=True)
    theirs = imblearn_metrics.classification_report_imbalanced(
        y_true, y_pred, output_dict=True
    )
    keys = {
        "precision": "pre",
        "recall": "rec",
        "specificity": "spe",
        "f1": "f1",
        "g_mean": "geo",
        "iba": "iba",
    }
    for label in range(n_classes):
        row = ours[str(label)]
        for key, their_key in keys.items():
            assert row[key] == pytest.approx(theirs[str(label)][their_key])
        assert row["support"] == theirs[str(label)]["sup"]
    for key, their_key in keys.items():
        assert ours["weighted avg"][key] == pytest.approx(theirs[f"avg_{their_key}"])
    assert ours["weighted avg"]["support"] == theirs["total_support"]


def test_report_macro_row_is_the_mean_of_the_classes():
    """Check the macro avg row is the plain mean of the per-class rows."""
    y_true, y_pred = random_labels(3, 3)
    report = classification_report_imbalanced(y_true, y_pred, output_dict=True)
    for key in ("precision", "recall", "specificity", "f1", "g_mean", "iba"):
        mean = np.mean([report[str(label)][key] for label in range(3)])
        assert report["macro avg"][key] == pytest.approx(mean)


def test_report_text_uses_target_names_and_digits():
    """Check that the text table shows target names and the digits asked for."""
    y_true, y_pred = random_labels(4, 3)
    text = classification_report_imbalanced(
        y_true, y_pred, labels=[2, 0], target_names=["high", "low"], digits=2
    )
    lines = text.splitlines()
    assert lines[0].split() == [
        "precision", "recall", "spec", "f1", "g-mean", "iba", "support"
    ]  # fmt: skip
    assert lines[1].split()[0] == "high" and lines[2].split()[0] == "low"
    recall_high = sensitivity_score(y_true, y_pred, labels=[2], average=None)[0]
    assert lines[1].split()[2] == f"{recall_high:.2f}"
    assert int(lines[1].split()[-1]) == int(np.sum(y_true == 2))
    assert "macro avg" in text and "weighted avg" in text


# --------------------------------------------------------------------------
# Cost and baseline
# --------------------------------------------------------------------------


def test_expected_cost_uses_rows_as_truth_and_columns_as_predictions():
    """Check that cost_matrix[i][j] is the cost of true labels[i] as labels[j]."""
    y_true, y_pred = ["a", "a", "b"], ["b", "b", "a"]
    costs = [[0, 5], [1, 0]]
    assert expected_cost_score(y_true, y_pred, cost_matrix=costs) == pytest.approx(
        11 / 3
    )
    flipped = expected_cost_score(y_true, y_pred, cost_matrix=costs, labels=["b", "a"])
    assert flipped == pytest.approx(7 / 3)


def test_expected_cost_matches_the_binary_shortcut():
    """Check the cost matrix form against ConfusionCounts.expected_cost."""
    y_true, y_pred = random_labels(6, 2)
    counts = ConfusionCounts.from_labels(y_true, y_pred, pos_label=1)
    ours = expected_cost_score(y_true, y_pred, cost_matrix=[[0, 2.5], [7, 0]])
    assert ours == pytest.approx(counts.expected_cost(cost_fn=7, cost_fp=2.5))


def test_majority_baseline_and_make_scorer():
    """Check the majority baseline and that the scores work with make_scorer."""
    assert majority_baseline_score([0, 1, 1, 2]) == 0.5
    assert majority_baseline_score(pd.Series(["x"] * 3 + ["y"])) == 0.75
    rng = np.random.default_rng(0)
    X = rng.normal(size=(80, 3))
    y = (X[:, 0] + 0.3 * rng.normal(size=80) > 0.8).astype(int)
    scorer = sklearn_metrics.make_scorer(geometric_mean_score)
    scores = cross_val_score(LogisticRegression(), X, y, cv=3, scoring=scorer)
    assert scores.shape == (3,) and np.all((scores >= 0) & (scores <= 1))
    baseline = sklearn_metrics.make_scorer(majority_baseline_score)
    assert (
        cross_val_score(LogisticRegression(), X, y, cv=2, scoring=baseline).max() > 0.5
    )


# --------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------


@FAST
@given(counts_strategy)
def test_from_labels_and_counts_agree(counts):
    """Check that labels built from counts give back those counts and metrics."""
    tp, fn, tn, fp = counts
    y_true, y_pred = counts_to_labels(tp, fn, tn, fp)
    direct = ConfusionCounts(tp=tp, fn=fn, tn=tn, fp=fp)
    assert ConfusionCounts.from_labels(y_true, y_pred, pos_label=1) == direct
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UndefinedMetricWarning)
        pairs = [
            (sensitivity_score, direct.sensitivity),
            (specificity_score, direct.specificity),
            (negative_predictive_value_score, direct.negative_predictive_value),
            (geometric_mean_score, direct.g_mean),
            (index_balanced_accuracy_score, direct.index_balanced_accuracy()),
        ]
        for function, expected in pairs:
            score = function(y_true, y_pred, zero_division=np.nan)
            np.testing.assert_allclose(score, expected)


@FAST
@given(counts_strategy)
def test_count_metrics_stay_in_range(counts):
    """Check that every ratio is in [0, 1] and MCC in [-1, 1], when defined."""
    values = ConfusionCounts(*counts).to_dict()
    mcc = values.pop("mcc")
    assert math.isnan(mcc) or -1 - 1e-12 <= mcc <= 1 + 1e-12
    for name in ("tp", "fn", "tn", "fp", "n_samples", "n_positive", "n_negative"):
        values.pop(name)
    for name, value in values.items():
        assert math.isnan(value) or 0 <= value <= 1 + 1e-12, name


@FAST
@given(label_pairs(), st.sampled_from(MULTICLASS_AVERAGES))
def test_label_scores_stay_in_range(pair, average):
    """Check that the label-based scores stay in [0, 1] for any labels."""
    y_true, y_pred = pair
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UndefinedMetricWarning)
        for function in (
            sensitivity_score,
            specificity_score,
            negative_predictive_value_score,
            geometric_mean_score,
            index_balanced_accuracy_score,
        ):
            scores = np.atleast_1d(function(y_true, y_pred, average=average))
            assert np.all((scores >= 0) & (scores <= 1 + 1e-12))


@FAST
@given(label_pairs(n_classes=2))
def test_sensitivity_of_one_class_is_specificity_of_the_other(pair):
    """Check that in a binary problem the two rates trade places with pos_label."""
    y_true, y_pred = pair
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UndefinedMetricWarning)
        for positive, negative in ((1, 0), (0, 1)):
            if {positive, negative} > set(np.unique(np.r_[y_true, y_pred])):
                continue
            sensitivity = sensitivity_score(y_true, y_pred, pos_label=positive)
            specificity = specificity_score(y_true, y_pred, pos_label=negative)
            assert sensitivity == pytest.approx(specificity)


@FAST
@given(counts_strategy)
def test_swapping_labels_swaps_the_rates(counts):
    """Check that relabelling positive as negative swaps the paired metrics."""
    y_true, y_pred = counts_to_labels(*counts)
    counts = ConfusionCounts.from_labels(y_true, y_pred, pos_label=1)
    swapped = ConfusionCounts.from_labels(1 - y_true, 1 - y_pred, pos_label=1)
    pairs = [
        (swapped.sensitivity, counts.specificity),
        (swapped.specificity, counts.sensitivity),
        (swapped.precision, counts.negative_predictive_value),
        (swapped.g_mean, counts.g_mean),
        (swapped.balanced_accuracy, counts.balanced_accuracy),
        (swapped.mcc, counts.mcc),
    ]
    for got, expected in pairs:
        np.testing.assert_allclose(got, expected)


@FAST
@given(label_pairs(n_classes=4))
def test_unit_costs_give_the_error_rate(pair):
    """Check that 0 on the diagonal and 1 elsewhere gives the error rate."""
    y_true, y_pred = pair
    n_labels = np.unique(np.r_[y_true, y_pred]).size
    costs = 1 - np.eye(n_labels)
    error_rate = 1 - sklearn_metrics.accuracy_score(y_true, y_pred)
    assert expected_cost_score(y_true, y_pred, cost_matrix=costs) == pytest.approx(
        error_rate
    )


@FAST
@given(label_pairs(), st.randoms(use_true_random=False))
def test_row_order_changes_nothing(pair, random):
    """Check that shuffling the rows leaves every score and the report unchanged."""
    y_true, y_pred = pair
    order = list(range(y_true.size))
    random.shuffle(order)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UndefinedMetricWarning)
        for function in (sensitivity_score, geometric_mean_score):
            for average in ("macro", None):
                np.testing.assert_allclose(
                    function(y_true, y_pred, average=average),
                    function(y_true[order], y_pred[order], average=average),
                )
        assert classification_report_imbalanced(
            y_true, y_pred, output_dict=True
        ) == classification_report_imbalanced(
            y_true[order], y_pred[order], output_dict=True
        )
    costs = np.arange(1, 1 + np.unique(np.r_[y_true, y_pred]).size ** 2)
    costs = costs.reshape(math.isqrt(costs.size), -1)
    np.testing.assert_allclose(
        expected_cost_score(y_true, y_pred, cost_matrix=costs),
        expected_cost_score(y_true[order], y_pred[order], cost_matrix=costs),
    )


# --------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"tp": -1, "fn": 0, "tn": 1, "fp": 0}, "non-negative counts; got tp=-1"),
        ({"tp": 1, "fn": 2.5, "tn": 1, "fp": 0}, "whole numbers of rows; got fn=2.5"),
        ({"tp": 1, "fn": 0, "tn": True, "fp": 0}, "whole numbers of rows; got tn=True"),
        ({"tp": 1, "fn": 0, "tn": 1, "fp": "3"}, "whole numbers of rows; got fp='3'"),
        ({"tp": 1, "fn": 0, "tn": 1, "fp": np.nan}, "whole numbers of rows"),
        ({"tp": 0, "fn": 0, "tn": 0, "fp": 0}, "needs at least one row"),
    ],
)
def test_confusion_counts_rejects_bad_counts(kwargs, message):
    """Check that counts must be non-negative whole numbers with one row or more."""
    with pytest.raises(ValueError, match=message):
        ConfusionCounts(**kwargs)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: WORKED.fbeta(-1.0), "'beta' parameter of ConfusionCounts.fbeta"),
        (
            lambda: WORKED.index_balanced_accuracy(alpha=2.0),
            r"'alpha' parameter .* must be a float in \[0, 1\]. Got 2.0 instead.",
        ),
        (
            lambda: WORKED.expected_cost(cost_fp=-1.0),
            "'cost_fp' parameter of ConfusionCounts.expected_cost",
        ),
    ],
)
def test_count_methods_reject_bad_parameters(call, message):
    """Check the parameter errors of the ConfusionCounts methods."""
    with pytest.raises(ValueError, match=message):
        call()


@pytest.mark.parametrize(
    ("y_true", "y_pred", "kwargs", "message"),
    [
        ([0, 1, 2], [0, 1, 1], {}, r"two classes, but y_true and y_pred hold 3"),
        (
            [0, 1, 1],
            [0, 1, 0],
            {"pos_label": 2},
            r"pos_label=2 is not one of the labels present, \[0, 1\]",
        ),
        ([0, 0], [0, 0], {}, "a single class, 0, so the positive class cannot"),
        ([0, 1], [0, 1, 1], {}, "y_true has 2 labels but y_pred has 3"),
        ([], [], {}, "y_true and y_pred are empty"),
    ],
)
def test_from_labels_errors(y_true, y_pred, kwargs, message):
    """Check the errors of ConfusionCounts.from_labels."""
    with pytest.raises(ValueError, match=message):
        ConfusionCounts.from_labels(y_true, y_pred, **kwargs)


LABEL_FUNCTIONS = [
    sensitivity_score,
    specificity_score,
    negative_predictive_value_score,
    geometric_mean_score,
    index_balanced_accuracy_score,
]


@pytest.mark.parametrize("function", LABEL_FUNCTIONS)
@pytest.mark.parametrize(
    ("y_true", "y_pred", "kwargs", "message"),
    [
        ([0, 1], [0, 1, 1], {}, "y_true has 2 labels but y_pred has 3; they must"),
        ([], [], {}, "y_true and y_pred are empty; a metric needs at least one row"),
        (
            ["a", "b"],
            ["a", "a"],
            {},
            r"pos_label=1 is not one of the labels present, \['a', 'b'\]",
        ),
        (
            [0, 1, 2],
            [0, 1, 1],
            {},
            r"average='binary' needs two classes, but y_true and y_pred hold 3",
        ),
        (
            [0, 1],
            [0, 1],
            {"average": "samples"},
            r"'average' parameter of \w+ must be one of 'binary', .* or None. "
            "Got 'samples' instead.",
        ),
        (
            [0, 1],
            [0, 1],
            {"zero_division": 2},
            r"'zero_division' parameter of \w+ must be 'warn', 0.0, 1.0 or np.nan",
        ),
        ([0, 1], [0, 1], {"labels": [], "average": None}, "labels is empty"),
        ([0, 1], ["0", "1"], {}, "y_true holds numbers but y_pred holds strings"),
        ([[0], [1]], [0, 1], {}, r"y_true must be 1-D; got a column vector"),
        ([0.0, np.nan], [0, 1], {}, "y_true has missing labels"),
        ([0, 1], [None, 1], {}, "y_pred has missing labels"),
        (
            np.array([0, "a"], dtype=object),
            np.array([0, "a"], dtype=object),
            {},
            "mix label types that cannot be sorted",
        ),
    ],
)
def test_label_function_errors(function, y_true, y_pred, kwargs, message):
    """Check that every label-based function rejects bad input clearly."""
    if function is geometric_mean_score and "samples" in str(kwargs):
        message = message.replace("'binary', .*", "'binary', .*'multiclass', .*")
    with pytest.raises(ValueError, match=message):
        function(y_true, y_pred, **kwargs)


def test_pandas_missing_labels_are_rejected():
    """Check that pandas NA and NaN in object or string labels are missing labels."""
    with pytest.raises(ValueError, match="y_true has missing labels"):
        sensitivity_score(pd.Series([0, 1, None], dtype="Int64"), [0, 1, 1])
    with pytest.raises(ValueError, match="y_pred has missing labels"):
        sensitivity_score(["a", "b"], pd.Series(["a", None]), pos_label="a")


def test_dataframe_labels_are_rejected():
    """Check that a DataFrame of labels is refused with the fix."""
    frame = pd.DataFrame({"label": [0, 1]})
    with pytest.raises(ValueError, match=r"got a DataFrame. Pass a Series"):
        sensitivity_score(frame, [0, 1])


def test_iba_rejects_bad_alpha_and_squared():
    """Check the alpha and squared errors of index_balanced_accuracy_score."""
    with pytest.raises(ValueError, match=r"'alpha' parameter .* Got -0.1 instead"):
        index_balanced_accuracy_score([0, 1], [0, 1], alpha=-0.1)
    with pytest.raises(ValueError, match=r"'squared' parameter .* must be a bool"):
        index_balanced_accuracy_score([0, 1], [0, 1], squared="yes")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"cost_matrix": [[0, 1, 1], [1, 0, 1]]},
            r"cost_matrix must be 2 x 2, one row and one column per class of "
            r"\[0, 1\] .*got shape \(2, 3\)",
        ),
        ({"cost_matrix": [[0, -1], [1, 0]]}, "negative costs, e.g. -1 at row 0"),
        ({"cost_matrix": [[0, np.nan], [1, 0]]}, "NaN or infinite values"),
        (
            {"cost_matrix": [[0]], "labels": [0]},
            r"hold label\(s\) \[1\] that are not in labels=\[0\]",
        ),
    ],
)
def test_expected_cost_errors(kwargs, message):
    """Check the cost matrix errors."""
    with pytest.raises(ValueError, match=message):
        expected_cost_score([0, 1, 1], [0, 1, 0], **kwargs)


def test_majority_baseline_rejects_empty_input():
    """Check that the baseline of no rows is an error."""
    with pytest.raises(ValueError, match="y_true is empty"):
        majority_baseline_score([])


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"target_names": ["a"]}, "target_names has 1 names but there are 2 classes"),
        ({"digits": -1}, "'digits' parameter of classification_report_imbalanced"),
        ({"output_dict": "yes"}, "'output_dict' parameter"),
        ({"alpha": 3}, "'alpha' parameter"),
    ],
)
def test_report_errors(kwargs, message):
    """Check the report's parameter errors."""
    with pytest.raises(ValueError, match=message):
        classification_report_imbalanced([0, 1], [0, 1], **kwargs)
