"""Tests of the bundled purchases data set and its generator."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

from imbalance.datasets import load_purchases, make_purchases
from imbalance.datasets._purchases import COLUMNS, NUMERIC_FEATURES

REGENERATE = (
    'python -c "from imbalance.datasets._purchases import write_bundled_file as w; w()"'
)


def test_bundled_file_has_the_generators_structure():
    """Check that the bundled file has the shape, columns and dtypes of make_purchases.

    This holds whatever NumPy release drew the values.
    """
    bundled, drawn = load_purchases(), make_purchases()

    assert bundled.shape == drawn.shape == (5000, len(COLUMNS))
    assert list(bundled.columns) == list(drawn.columns) == list(COLUMNS)
    assert bundled.dtypes.to_dict() == drawn.dtypes.to_dict()


def test_bundled_file_equals_the_default_draw():
    """Check that the bundled file is exactly make_purchases() with its default seed.

    A failure after a NumPy upgrade means its random streams changed: regenerate
    the file with the command in REGENERATE.
    """
    bundled, drawn = load_purchases(), make_purchases()

    try:
        pd.testing.assert_frame_equal(bundled, drawn, check_exact=False, rtol=1e-12)
    except AssertionError as exc:
        raise AssertionError(
            f"The bundled purchases file is stale; regenerate it: {REGENERATE}"
        ) from exc


def test_buyers_are_about_five_percent():
    """Check that buyers, the minority, make up between 4 % and 6 % of the rows."""
    share = load_purchases()["bought"].mean()

    assert 0.04 <= share <= 0.06


@pytest.mark.parametrize("seed", [1, 2])
def test_other_seeds_keep_the_buyer_share(seed):
    """Check that the buyer share stays near 5 % for other seeds too."""
    share = make_purchases(5000, random_state=seed)["bought"].mean()

    assert 0.04 <= share <= 0.06


def test_features_carry_signal_but_not_perfectly():
    """Check that a logistic regression learns the label well, but not perfectly."""
    X, y = load_purchases(as_frame=False)
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=0.3, stratify=y, random_state=0
    )

    model = LogisticRegression(max_iter=1000).fit(X_train, y_train)
    auc = roc_auc_score(y_test, model.predict_proba(X_test)[:, 1])

    assert 0.7 < auc < 0.95


def test_arrays_match_the_frame():
    """Check that as_frame=False gives the numeric columns and the target as arrays."""
    frame = load_purchases()
    X, y = load_purchases(as_frame=False)

    assert X.dtype == np.float64 and y.dtype == np.int64
    np.testing.assert_array_equal(X, frame[list(NUMERIC_FEATURES)].to_numpy(float))
    np.testing.assert_array_equal(y, frame["bought"].to_numpy())


def test_values_are_plausible():
    """Check each feature's range and categories against the documented recipe."""
    frame = make_purchases(3000, random_state=5)

    assert frame["visits"].min() >= 1
    assert (frame["minutes_on_site"] > 0).all()
    assert frame["days_since_last_visit"].between(0, 29).all()
    assert (frame.loc[~frame["newsletter"], "email_opens"] == 0).all()
    assert frame["email_opens"].between(0, 8).all()
    assert set(frame["device"]) == {"mobile", "desktop", "tablet"}
    assert set(frame["region"]) == {"north", "south", "east", "west"}
    assert set(frame["bought"]) == {0, 1}


def test_same_seed_same_data_other_seed_other_data():
    """Check that a seed fixes the draw and another seed changes it."""
    first = make_purchases(200, random_state=3)

    pd.testing.assert_frame_equal(first, make_purchases(200, random_state=3))
    assert not first.equals(make_purchases(200, random_state=4))


@pytest.mark.parametrize("n_samples", [0, -5, 2.5, True, "100"])
def test_bad_n_samples_is_refused(n_samples):
    """Check that n_samples must be a positive whole number."""
    with pytest.raises(ValueError, match="n_samples must be"):
        make_purchases(n_samples)


def test_bad_as_frame_is_refused():
    """Check that as_frame must be a bool."""
    with pytest.raises(ValueError, match="as_frame must be True or False; got 'no'"):
        load_purchases(as_frame="no")
