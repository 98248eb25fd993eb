"""What a comparison fits: strategies, models and the encoding before them.

Strategies and models are given by short name or as objects. Every pipeline
of a comparison has the same three steps: ``encode`` (numeric columns
standardised, text and categorical columns one-hot encoded), ``sampler`` (the
strategy; ``"passthrough"`` for ``"none"``) and ``model``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
from sklearn.base import clone
from sklearn.compose import ColumnTransformer
from sklearn.dummy import DummyClassifier
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from .._validation import _is_pandas_frame
from ..pipeline import Pipeline
from ..registry import get_sampler_class, sampler_names
from ._folds import ClassCounts

__all__ = [
    "BASELINE_MODEL",
    "NO_RESAMPLING",
    "build_pipeline",
    "make_model",
    "make_preprocessor",
    "model_names",
    "resolve_models",
    "resolve_strategies",
]

#: The strategy name that leaves the training folds as they are.
NO_RESAMPLING = "none"
#: The model that always answers the most frequent class.
BASELINE_MODEL = "majority"


def _logistic(random_state: int | None) -> Any:
    # the numeric columns reach it standardised by the ``encode`` step
    return LogisticRegression(max_iter=1000, random_state=random_state)


def _random_forest(random_state: int | None) -> Any:
    return RandomForestClassifier(n_estimators=100, random_state=random_state)


def _gradient_boosting(random_state: int | None) -> Any:
    return HistGradientBoostingClassifier(random_state=random_state)


def _majority(random_state: int | None) -> Any:
    # "prior": predicts the most frequent class, probabilities are the priors
    return DummyClassifier(strategy="prior")


_MODELS = {
    "logistic": _logistic,
    "random-forest": _random_forest,
    "gradient-boosting": _gradient_boosting,
}


def model_names() -> list[str]:
    """The short names :func:`~imbalance.evaluation.compare` accepts as models.

    Returns
    -------
    list of str
        ``logistic``, ``random-forest`` and ``gradient-boosting``.

    Examples
    --------
    >>> from imbalance.evaluation import model_names
    >>> model_names()
    ['logistic', 'random-forest', 'gradient-boosting']
    """
    return list(_MODELS)


def make_model(name: str, *, random_state: int | None = None) -> Any:
    """A new classifier of the short ``name``.

    Parameters
    ----------
    name : str
        ``"logistic"`` (LogisticRegression; a comparison standardises its
        inputs), ``"random-forest"`` (RandomForestClassifier, 100 trees),
        ``"gradient-boosting"`` (HistGradientBoostingClassifier) or
        ``"majority"`` (DummyClassifier answering the most frequent class).
    random_state : int or None, default=None
        Seed of the model's randomness.

    Returns
    -------
    classifier
        An unfitted scikit-learn classifier.

    Examples
    --------
    >>> from imbalance.evaluation import make_model
    >>> make_model("gradient-boosting", random_state=0)
    HistGradientBoostingClassifier(random_state=0)
    """
    if name == BASELINE_MODEL:
        return _majority(random_state)
    if name not in _MODELS:
        raise ValueError(
            f"Unknown model {name!r}. Known models: {', '.join(_MODELS)}; or pass "
            "a scikit-learn classifier."
        )
    return _MODELS[name](random_state)


def make_sampler_of(name: str, random_state: int | None) -> Any:
    """The registered sampler ``name``, seeded when it draws at random."""
    sampler_class = get_sampler_class(name)
    params = sampler_class._get_param_names()
    settings = {"random_state": random_state} if "random_state" in params else {}
    try:
        return sampler_class(**settings)
    except TypeError as exc:
        raise ValueError(
            f"Strategy {name!r} ({sampler_class.__name__}) cannot be built without "
            f"arguments ({exc}). Pass a configured {sampler_class.__name__} object "
            "instead of its name."
        ) from None


def _labelled(items: Any, what: str) -> list[tuple[str, Any]]:
    """``(label, item)`` pairs from a mapping, a name, or a list of either."""
    if isinstance(items, Mapping):
        return [(str(label), item) for label, item in items.items()]
    if isinstance(items, str) or not isinstance(items, (list, tuple)):
        items = [items]
    if not items:
        raise ValueError(f"Give at least one {what}; got an empty list.")
    pairs = []
    for item in items:
        label = item if isinstance(item, str) else type(item).__name__
        if item is None:
            label = NO_RESAMPLING
        pairs.append((label, item))
    return pairs


def _unique(pairs: list[tuple[str, Any]], what: str) -> dict[str, Any]:
    labels = [label for label, _ in pairs]
    repeated = sorted({label for label in labels if labels.count(label) > 1})
    if repeated:
        raise ValueError(
            f"The {what} {repeated[0]!r} is given more than once. Give each once, "
            "or pass a {label: object} dict to tell two objects of one class apart."
        )
    return dict(pairs)


def resolve_strategies(strategies: Any, random_state: int | None) -> dict[str, Any]:
    """Label -> unfitted sampler (None for ``"none"``); ``"none"`` comes first."""
    resolved: dict[str, Any] = {}
    for label, item in _unique(_labelled(strategies, "strategy"), "strategy").items():
        if item is None or (isinstance(item, str) and item == NO_RESAMPLING):
            resolved[label] = None
        elif isinstance(item, str):
            if item not in sampler_names():
                raise ValueError(
                    f"Unknown strategy {item!r}. Known strategies: {NO_RESAMPLING}, "
                    f"{', '.join(sampler_names())}; or pass a sampler object."
                )
            resolved[label] = make_sampler_of(item, random_state)
        elif hasattr(item, "fit_resample"):
            resolved[label] = clone(item)
        else:
            raise TypeError(
                f"Strategy {label!r} ({type(item).__name__}) is neither a name nor "
                "a sampler: a sampler needs a fit_resample method."
            )
    if NO_RESAMPLING not in resolved:
        resolved = {NO_RESAMPLING: None, **resolved}
    return resolved


def resolve_models(models: Any, random_state: int | None) -> dict[str, Any]:
    """Label -> unfitted classifier; the majority baseline is added last."""
    resolved: dict[str, Any] = {}
    for label, item in _unique(_labelled(models, "model"), "model").items():
        if label == BASELINE_MODEL:
            raise ValueError(
                f"{BASELINE_MODEL!r} is the baseline every comparison shows already; "
                "name your model otherwise."
            )
        if isinstance(item, str):
            resolved[label] = make_model(item, random_state=random_state)
        elif hasattr(item, "fit") and hasattr(item, "predict"):
            resolved[label] = clone(item)
        else:
            raise TypeError(
                f"Model {label!r} ({type(item).__name__}) is neither a name nor a "
                "classifier with fit and predict."
            )
    resolved[BASELINE_MODEL] = make_model(BASELINE_MODEL)
    return resolved


def make_preprocessor(X: Any) -> Any:
    """The ``encode`` step for ``X``: scale numbers, one-hot encode the rest.

    DataFrame columns of a numeric or boolean dtype are standardised; every
    other column (text, categorical) is one-hot encoded, unseen categories
    becoming all-zero rows. Numeric arrays are standardised (sparse ones
    without centring).
    """
    if _is_pandas_frame(X):
        numbers = [c for c, d in X.dtypes.items() if _is_number_dtype(d)]
        text = [c for c, d in X.dtypes.items() if not _is_number_dtype(d)]
        if not text:
            return StandardScaler()
        return ColumnTransformer(
            [
                ("numbers", StandardScaler(), numbers),
                (
                    "categories",
                    OneHotEncoder(handle_unknown="ignore", sparse_output=False),
                    text,
                ),
            ],
            verbose_feature_names_out=False,
        )
    if hasattr(X, "tocsr"):
        return StandardScaler(with_mean=False)
    return StandardScaler()


def _is_number_dtype(dtype: Any) -> bool:
    kind = getattr(dtype, "kind", "O")
    return kind in "biuf"


def check_no_missing(X: Any) -> None:
    """Refuse missing values by column before any fold is fitted."""
    if _is_pandas_frame(X):
        missing = X.isna().sum()
        if missing.any():
            column = missing.index[np.flatnonzero(missing.to_numpy())[0]]
            raise ValueError(
                f"Column {str(column)!r} has {int(missing[column])} missing "
                "value(s); samplers and most models need complete rows. Impute or "
                "drop them before comparing."
            )
        return
    if hasattr(X, "tocsr"):
        values = X.data
    else:
        values = np.asarray(X)
    if values.dtype.kind in "fc" and not np.isfinite(values).all():
        raise ValueError(
            "X holds NaN or infinite values; samplers and most models need finite "
            "numbers. Impute or drop those rows before comparing."
        )


def build_pipeline(preprocessor: Any, sampler: Any, model: Any) -> Pipeline:
    """``encode -> sampler -> class_counts -> model``, with fresh copies.

    ``class_counts`` records the classes the model learns from, for the prior
    correction; like the sampler it acts only while fitting.
    """
    return Pipeline(
        [
            ("encode", clone(preprocessor)),
            ("sampler", "passthrough" if sampler is None else clone(sampler)),
            ("class_counts", ClassCounts()),
            ("model", clone(model)),
        ]
    )
