"""Pipelines that resample only while fitting.

A :class:`Pipeline` chains transformers, samplers (any step with a
``fit_resample`` method) and a final estimator. While fitting, each sampler
rebalances the rows that reach it, so the steps after it learn from the
resampled data. Everywhere else (``predict``, ``predict_proba``,
``decision_function``, ``transform``, ``score``, ``score_samples``) samplers
are skipped: every row of ``X`` goes through and gets its answer.

This makes the pipeline the safe way to cross-validate a resampling method:
``cross_validate`` and ``GridSearchCV`` fit it on each training fold, so the
validation fold is never resampled and never seen by a sampler.

The class extends :class:`sklearn.pipeline.Pipeline` for its parameter
handling (``get_params``, ``set_params``, ``named_steps``, slicing, tags), but
every method that moves data through the steps is written here with public
scikit-learn API only, so it does not depend on scikit-learn's private methods.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import update_wrapper
from types import MethodType
from typing import Any

from sklearn import get_config
from sklearn.base import clone
from sklearn.pipeline import Pipeline as _SklearnPipeline
from sklearn.utils.validation import check_memory

__all__ = ["Pipeline", "make_pipeline"]

_OWN_PARAMS = ("steps", "memory", "verbose")
_TRANSFORM_METHODS = ("transform", "fit_transform")


def _is_passthrough(step: Any) -> bool:
    return step is None or (isinstance(step, str) and step == "passthrough")


def _is_sampler(step: Any) -> bool:
    return not _is_passthrough(step) and hasattr(step, "fit_resample")


def _is_pure_sampler(step: Any) -> bool:
    """A sampler without ``transform``: the identity outside fitting."""
    return _is_sampler(step) and not hasattr(step, "transform")


def _is_identity_outside_fit(step: Any) -> bool:
    """A step that leaves ``X`` as it is when predicting or transforming."""
    return _is_passthrough(step) or _is_pure_sampler(step)


# --------------------------------------------------------------------------
# Fitting one step; module-level so that ``memory`` can cache them
# --------------------------------------------------------------------------


def _fit_transform_step(step: Any, X: Any, y: Any, params: dict) -> tuple[Any, Any]:
    if hasattr(step, "fit_transform"):
        return step.fit_transform(X, y, **params), step
    return step.fit(X, y, **params).transform(X), step


def _fit_resample_step(step: Any, X: Any, y: Any, params: dict) -> tuple[Any, Any, Any]:
    X_res, y_res = step.fit_resample(X, y, **params)
    return X_res, y_res, step


class _FinalStepMethod:
    """A pipeline method that exists only when the last step supports it.

    Like scikit-learn's ``available_if``: ``hasattr(pipeline, "predict_proba")``
    is False when the last step has no ``predict_proba``, so scorers and search
    objects see the right set of methods. Accessing a missing one raises an
    ``AttributeError`` that says why.
    """

    def __init__(self, fn: Callable, method_name: str) -> None:
        self.fn = fn
        self.method_name = method_name
        update_wrapper(self, fn)

    def __get__(self, pipeline: Any, owner: type | None = None) -> Callable:
        if pipeline is None:
            return self.fn
        pipeline._check_last_step_has(self.method_name)
        return MethodType(self.fn, pipeline)


def _needs_last_step(method_name: str) -> Callable[[Callable], _FinalStepMethod]:
    def decorate(fn: Callable) -> _FinalStepMethod:
        return _FinalStepMethod(fn, method_name)

    return decorate


class Pipeline(_SklearnPipeline):
    """A chain of steps in which samplers act only while fitting.

    Each step but the last is a transformer (``fit`` + ``transform``), a
    sampler (``fit_resample``), ``"passthrough"`` or ``None``; the last step is
    any estimator, a sampler, ``"passthrough"`` or ``None``. ``fit`` runs the
    data through the steps, resampling it at each sampler, and fits the last
    step on the result. The prediction methods run ``X`` through the
    transformers only: samplers are skipped, so the output has one row per
    input row. A step that has both ``fit_resample`` and ``transform`` is a
    sampler while fitting and a transformer otherwise.

    .. warning::
       Resample the training data only. Resampling a whole data set and then
       splitting it (or cross-validating on it) puts copies of, or points
       built from, validation rows into the training folds, and the scores
       look better than the model is. Put the sampler inside this pipeline
       and cross-validate the pipeline instead.

    Parameters
    ----------
    steps : list of (str, estimator) tuples
        The steps, in order, each with a unique name. Names cannot contain
        ``"__"``, which separates a step's name from its parameters
        (``"smote__k_neighbors"``).
    memory : str, joblib.Memory-like or None, default=None
        Where to cache the fitted transformers and samplers (a directory or an
        object with joblib's ``cache`` method). ``None`` caches nothing and
        fits the steps in place; with a cache, the steps are cloned before
        fitting and the fitted clones replace them in ``steps``.
    verbose : bool, default=False
        Print the time each step takes to fit.

    Attributes
    ----------
    named_steps : Bunch
        The steps by name.
    classes_ : ndarray
        The class labels of the last step, when it is a classifier.
    n_features_in_ : int
        Number of features seen by the first step in ``fit``.

    See Also
    --------
    make_pipeline : Build a pipeline, naming the steps after their classes.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.linear_model import LogisticRegression
    >>> from sklearn.model_selection import cross_val_score
    >>> from imbalance.pipeline import Pipeline
    >>> from imbalance.under_sampling import RandomUnderSampler
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(200, 3))
    >>> y = (X[:, 0] > 1.2).astype(int)
    >>> model = Pipeline([
    ...     ("under", RandomUnderSampler(random_state=0)),
    ...     ("model", LogisticRegression()),
    ... ])
    >>> model.fit(X, y).predict(X).shape  # one prediction per row of X
    (200,)
    >>> len(model["under"].sample_indices_)  # the model learnt from 2 x 23 rows
    46
    >>> scores = cross_val_score(model.set_params(under__random_state=1), X, y)
    >>> len(scores)
    5
    """

    def __init__(
        self, steps: list, *, memory: Any = None, verbose: bool = False
    ) -> None:
        self.steps = steps
        self.memory = memory
        self.verbose = verbose

    # ------------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------------

    def _check_steps(self) -> None:
        if not isinstance(self.steps, (list, tuple)) or not self.steps:
            raise ValueError(
                "Pipeline steps must be a non-empty list of (name, estimator) "
                f"tuples; got {self.steps!r}."
            )
        for item in self.steps:
            if not (isinstance(item, tuple) and len(item) == 2):
                raise TypeError(
                    "Each pipeline step must be a (name, estimator) tuple; got "
                    f"{item!r}."
                )
        names = [name for name, _ in self.steps]
        self._check_names(names)
        for name, step in self.steps[:-1]:
            if _is_passthrough(step) or _is_sampler(step):
                continue
            can_fit = hasattr(step, "fit") or hasattr(step, "fit_transform")
            if not (can_fit and hasattr(step, "transform")):
                raise TypeError(
                    f"Step {name!r} ({type(step).__name__}) comes before the last "
                    "step, so it must be a transformer (fit and transform), a "
                    "sampler (fit_resample) or 'passthrough'."
                )
        name, last = self.steps[-1]
        if not (_is_passthrough(last) or hasattr(last, "fit") or _is_sampler(last)):
            raise TypeError(
                f"The last step {name!r} ({type(last).__name__}) must have a fit "
                "or fit_resample method, or be 'passthrough'."
            )

    @staticmethod
    def _check_names(names: list) -> None:
        for name in names:
            if not isinstance(name, str):
                raise TypeError(f"Pipeline step names must be strings; got {name!r}.")
            if "__" in name:
                raise ValueError(
                    f"Step name {name!r} contains '__', which separates a step "
                    "from its parameters (step__param). Rename the step."
                )
            if name in _OWN_PARAMS:
                raise ValueError(
                    f"Step name {name!r} is also a Pipeline parameter. Rename the step."
                )
        repeated = [name for name, count in Counter(names).items() if count > 1]
        if repeated:
            raise ValueError(
                f"Pipeline step names must be unique; {repeated[0]!r} is used "
                "more than once."
            )

    def _check_last_step_has(self, method: str) -> None:
        try:
            name, last = self.steps[-1]
        except (IndexError, TypeError, ValueError, KeyError) as exc:
            raise AttributeError(
                f"This Pipeline has no {method}: its steps are not a non-empty "
                "list of (name, estimator) tuples."
            ) from exc
        if method == "fit_resample":
            if _is_sampler(last):
                return
            raise AttributeError(
                f"This Pipeline has no fit_resample: its last step {name!r} "
                f"({type(last).__name__}) is not a sampler."
            )
        if method in _TRANSFORM_METHODS and (
            _is_passthrough(last) or _is_sampler(last) or hasattr(last, "transform")
        ):
            return
        if method == "inverse_transform":
            self._check_can_inverse_transform()
            return
        if not _is_passthrough(last) and hasattr(last, method):
            return
        if _is_sampler(last):
            raise AttributeError(
                f"This Pipeline has no {method}: its last step {name!r} "
                f"({type(last).__name__}) is a sampler, and samplers act only "
                f"while fitting. Add an estimator after {name!r} to {method}."
            )
        kind = "'passthrough'" if _is_passthrough(last) else type(last).__name__
        raise AttributeError(
            f"This Pipeline has no {method}: its last step {name!r} ({kind}) "
            f"has no {method} method."
        )

    def _check_can_inverse_transform(self) -> None:
        for name, step in self.steps:
            if _is_identity_outside_fit(step):
                continue
            if not hasattr(step, "inverse_transform"):
                raise AttributeError(
                    f"This Pipeline has no inverse_transform: step {name!r} "
                    f"({type(step).__name__}) has no inverse_transform method."
                )

    def _split_fit_params(self, params: dict) -> dict[str, dict]:
        """``{"step__param": value}`` -> ``{step: {param: value}}``, checked."""
        if params and get_config().get("enable_metadata_routing", False):
            # TODO(0.2): support scikit-learn's metadata routing.
            raise NotImplementedError(
                "imbalance.pipeline.Pipeline does not support metadata routing "
                "yet. Turn it off with sklearn.set_config("
                "enable_metadata_routing=False) and pass fit parameters as "
                "step__parameter."
            )
        by_step: dict[str, dict] = {name: {} for name, _ in self.steps}
        for key, value in params.items():
            step_name, sep, param = key.partition("__")
            if not sep or step_name not in by_step:
                raise ValueError(
                    f"Fit parameter {key!r} does not name a step. Pass fit "
                    "parameters as step__parameter, e.g. model__sample_weight; "
                    f"the steps are: {', '.join(by_step)}."
                )
            by_step[step_name][param] = value
        self._check_sample_weight(by_step)
        return by_step

    def _check_sample_weight(self, by_step: dict[str, dict]) -> None:
        sampler_before = None
        for name, step in self.steps:
            if _is_sampler(step) and "sample_weight" in by_step[name]:
                raise ValueError(
                    f"When step {name!r} is a sampler, {name}__sample_weight "
                    "cannot be given: resampling adds and removes rows, so the "
                    "weights would no longer match them. Drop the weights or "
                    "give them to a step before the sampler."
                )
            if sampler_before and "sample_weight" in by_step[name]:
                raise ValueError(
                    f"When sampler {sampler_before!r} comes before step {name!r}, "
                    f"{name}__sample_weight cannot be given: its weights follow "
                    "the rows of X, but the step is fitted on the resampled rows. "
                    "Use the estimator's class_weight instead, or drop the "
                    "sampler."
                )
            if _is_sampler(step):
                sampler_before = name

    # ------------------------------------------------------------------
    # Fitting
    # ------------------------------------------------------------------

    @contextmanager
    def _log_step(self, index: int) -> Iterator[None]:
        if not self.verbose:
            yield
            return
        start = time.perf_counter()
        yield
        name = self.steps[index][0]
        elapsed = time.perf_counter() - start
        print(
            f"[Pipeline] (step {index + 1} of {len(self.steps)}) Processing "
            f"{name}, total={elapsed:6.1f}s"
        )

    def _fit_steps_before_last(self, X: Any, y: Any, by_step: dict) -> tuple:
        """Fit every step but the last; return the data the last step gets."""
        memory = check_memory(self.memory)
        cache_on = getattr(memory, "location", None) is not None
        fit_transform = memory.cache(_fit_transform_step)
        fit_resample = memory.cache(_fit_resample_step)
        if not isinstance(self.steps, list):
            self.steps = list(self.steps)

        for index, (name, step) in enumerate(self.steps[:-1]):
            if _is_passthrough(step):
                continue
            step = clone(step) if cache_on else step
            with self._log_step(index):
                if _is_sampler(step):
                    X, y, fitted = fit_resample(step, X, y, by_step[name])
                else:
                    X, fitted = fit_transform(step, X, y, by_step[name])
            self.steps[index] = (name, fitted)

        return X, y

    def fit(self, X: Any, y: Any = None, **params: Any) -> Pipeline:
        """Fit the steps in turn, resampling the data at each sampler.

        Parameters
        ----------
        X : array-like, sparse matrix or DataFrame of shape (n_samples, n_features)
            Training data; it must suit the first step.
        y : array-like of shape (n_samples,), default=None
            Targets; samplers need them.
        **params : dict
            Fit parameters for the steps, named ``step__parameter``.
            ``sample_weight`` cannot go to a sampler or to a step after one.

        Returns
        -------
        self : Pipeline
            The fitted pipeline.
        """
        self._check_steps()
        by_step = self._split_fit_params(params)
        Xt, yt = self._fit_steps_before_last(X, y, by_step)
        name, last = self.steps[-1]
        with self._log_step(len(self.steps) - 1):
            if _is_sampler(last):
                last.fit_resample(Xt, yt, **by_step[name])
            elif not _is_passthrough(last):
                last.fit(Xt, yt, **by_step[name])
        return self

    @_needs_last_step("fit_resample")
    def fit_resample(self, X: Any, y: Any, **params: Any) -> tuple[Any, Any]:
        """Fit the steps and return the data resampled by the last one.

        Available when the last step is a sampler.

        Parameters
        ----------
        X : array-like, sparse matrix or DataFrame of shape (n_samples, n_features)
            Training data.
        y : array-like of shape (n_samples,)
            Targets.
        **params : dict
            Fit parameters for the steps, named ``step__parameter``.

        Returns
        -------
        X_resampled : array-like of shape (n_samples_new, n_features_new)
            The data after every step, resampled.
        y_resampled : array-like of shape (n_samples_new,)
            Its targets.
        """
        self._check_steps()
        by_step = self._split_fit_params(params)
        Xt, yt = self._fit_steps_before_last(X, y, by_step)
        name, last = self.steps[-1]
        with self._log_step(len(self.steps) - 1):
            return last.fit_resample(Xt, yt, **by_step[name])

    def _has_sampler(self) -> bool:
        return any(_is_sampler(step) for _, step in self.steps)

    @_needs_last_step("fit_transform")
    def fit_transform(self, X: Any, y: Any = None, **params: Any) -> Any:
        """Fit the pipeline, then transform ``X``: one output row per input row.

        Samplers shape the fit but not the output: with a sampler in the
        pipeline this is ``fit(X, y).transform(X)``; without one, each step's
        own ``fit_transform`` is used.

        Parameters
        ----------
        X : array-like, sparse matrix or DataFrame of shape (n_samples, n_features)
            Training data.
        y : array-like of shape (n_samples,), default=None
            Targets.
        **params : dict
            Fit parameters for the steps, named ``step__parameter``.

        Returns
        -------
        Xt : array-like of shape (n_samples, n_features_new)
            ``X`` transformed by the fitted steps.
        """
        if self._has_sampler():
            return self.fit(X, y, **params).transform(X)
        self._check_steps()
        by_step = self._split_fit_params(params)
        Xt, yt = self._fit_steps_before_last(X, y, by_step)
        name, last = self.steps[-1]
        if _is_passthrough(last):
            return Xt
        with self._log_step(len(self.steps) - 1):
            return _fit_transform_step(last, Xt, yt, by_step[name])[0]

    @_needs_last_step("fit_predict")
    def fit_predict(self, X: Any, y: Any = None, **params: Any) -> Any:
        """Fit the pipeline and predict a target for each row of ``X``.

        Without a sampler, the last step's ``fit_predict`` is used. With one,
        the last step is fitted on the resampled rows and then predicts the
        rows of ``X``, so it needs a ``predict`` method.

        Parameters
        ----------
        X : array-like, sparse matrix or DataFrame of shape (n_samples, n_features)
            Training data.
        y : array-like of shape (n_samples,), default=None
            Targets.
        **params : dict
            Fit parameters for the steps, named ``step__parameter``.

        Returns
        -------
        y_pred : ndarray of shape (n_samples,)
            The prediction for each row of ``X``.
        """
        name, last = self.steps[-1]
        if self._has_sampler():
            if not hasattr(last, "predict"):
                raise AttributeError(
                    f"With a sampler in the pipeline, fit_predict fits the last "
                    f"step {name!r} on resampled rows and then predicts the rows "
                    f"of X, but {type(last).__name__} has no predict method. "
                    "Remove the sampler to use its fit_predict."
                )
            return self.fit(X, y, **params).predict(X)
        self._check_steps()
        by_step = self._split_fit_params(params)
        Xt, yt = self._fit_steps_before_last(X, y, by_step)
        with self._log_step(len(self.steps) - 1):
            return last.fit_predict(Xt, yt, **by_step[name])

    # ------------------------------------------------------------------
    # Prediction: samplers are skipped
    # ------------------------------------------------------------------

    def _transform_before_last(self, X: Any) -> Any:
        for _, step in self.steps[:-1]:
            if _is_identity_outside_fit(step):
                continue
            X = step.transform(X)
        return X

    def _last_step(self) -> Any:
        return self.steps[-1][1]

    @_needs_last_step("predict")
    def predict(self, X: Any, **params: Any) -> Any:
        """Predict each row of ``X``, skipping the samplers.

        Parameters
        ----------
        X : array-like, sparse matrix or DataFrame of shape (n_samples, n_features)
            Data to predict.
        **params : dict
            Passed to the last step's ``predict``.

        Returns
        -------
        y_pred : ndarray of shape (n_samples,)
            One prediction per row of ``X``.
        """
        return self._last_step().predict(self._transform_before_last(X), **params)

    @_needs_last_step("predict_proba")
    def predict_proba(self, X: Any, **params: Any) -> Any:
        """Class probabilities for each row of ``X``, skipping the samplers.

        .. warning::
           A model fitted on resampled data learnt the resampled class priors,
           so these are not probabilities of the real population.

        Parameters
        ----------
        X : array-like, sparse matrix or DataFrame of shape (n_samples, n_features)
            Data to predict.
        **params : dict
            Passed to the last step's ``predict_proba``.

        Returns
        -------
        proba : ndarray of shape (n_samples, n_classes)
            One row of probabilities per row of ``X``.
        """
        Xt = self._transform_before_last(X)
        return self._last_step().predict_proba(Xt, **params)

    @_needs_last_step("predict_log_proba")
    def predict_log_proba(self, X: Any, **params: Any) -> Any:
        """Log of the class probabilities for each row of ``X``.

        Parameters
        ----------
        X : array-like, sparse matrix or DataFrame of shape (n_samples, n_features)
            Data to predict.
        **params : dict
            Passed to the last step's ``predict_log_proba``.

        Returns
        -------
        log_proba : ndarray of shape (n_samples, n_classes)
            One row per row of ``X``.
        """
        Xt = self._transform_before_last(X)
        return self._last_step().predict_log_proba(Xt, **params)

    @_needs_last_step("decision_function")
    def decision_function(self, X: Any, **params: Any) -> Any:
        """Decision scores for each row of ``X``, skipping the samplers.

        Parameters
        ----------
        X : array-like, sparse matrix or DataFrame of shape (n_samples, n_features)
            Data to score.
        **params : dict
            Passed to the last step's ``decision_function``.

        Returns
        -------
        scores : ndarray of shape (n_samples,) or (n_samples, n_classes)
            One score (or one per class) per row of ``X``.
        """
        Xt = self._transform_before_last(X)
        return self._last_step().decision_function(Xt, **params)

    @_needs_last_step("score_samples")
    def score_samples(self, X: Any) -> Any:
        """The last step's ``score_samples`` for each row of ``X``.

        Parameters
        ----------
        X : array-like, sparse matrix or DataFrame of shape (n_samples, n_features)
            Data to score.

        Returns
        -------
        scores : ndarray of shape (n_samples,)
            One score per row of ``X``.
        """
        return self._last_step().score_samples(self._transform_before_last(X))

    @_needs_last_step("score")
    def score(
        self, X: Any, y: Any = None, sample_weight: Any = None, **params: Any
    ) -> float:
        """The last step's ``score`` on ``X`` and ``y``, skipping the samplers.

        Parameters
        ----------
        X : array-like, sparse matrix or DataFrame of shape (n_samples, n_features)
            Data to score on.
        y : array-like of shape (n_samples,), default=None
            True targets.
        sample_weight : array-like of shape (n_samples,), default=None
            Weights of the rows of ``X``; nothing is resampled, so they match.
        **params : dict
            Passed to the last step's ``score``.

        Returns
        -------
        score : float
            The last step's score.
        """
        if sample_weight is not None:
            params["sample_weight"] = sample_weight
        Xt = self._transform_before_last(X)
        return self._last_step().score(Xt, y, **params)

    @_needs_last_step("transform")
    def transform(self, X: Any, **params: Any) -> Any:
        """Transform ``X`` through every step, skipping the samplers.

        Parameters
        ----------
        X : array-like, sparse matrix or DataFrame of shape (n_samples, n_features)
            Data to transform.
        **params : dict
            Passed to the last step's ``transform``.

        Returns
        -------
        Xt : array-like of shape (n_samples, n_features_new)
            One output row per row of ``X``.
        """
        Xt = self._transform_before_last(X)
        last = self._last_step()
        if _is_identity_outside_fit(last):
            return Xt
        return last.transform(Xt, **params)

    @_needs_last_step("inverse_transform")
    def inverse_transform(self, X: Any) -> Any:
        """Undo the transformers, last first, skipping the samplers.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features_new)
            Data in the space of the pipeline's output.

        Returns
        -------
        X_original : array-like of shape (n_samples, n_features)
            The data in the space of the pipeline's input.
        """
        for _, step in reversed(self.steps):
            if _is_identity_outside_fit(step):
                continue
            X = step.inverse_transform(X)
        return X

    def get_feature_names_out(self, input_features: Any = None) -> Any:
        """Names of the output features, skipping the samplers.

        Parameters
        ----------
        input_features : array-like of str or None, default=None
            Names of the input features.

        Returns
        -------
        feature_names_out : ndarray of str
            Names of the features the pipeline's ``transform`` returns.
        """
        names = input_features
        for step_name, step in self.steps:
            if _is_identity_outside_fit(step):
                continue
            if not hasattr(step, "get_feature_names_out"):
                raise AttributeError(
                    f"Step {step_name!r} ({type(step).__name__}) has no "
                    "get_feature_names_out; try pipeline[:-1].get_feature_names_out()."
                )
            names = step.get_feature_names_out(names)
        return names


def _name_steps(estimators: tuple) -> list[tuple[str, Any]]:
    """Lower-case class names, numbered where two steps share one."""
    names = [
        est if isinstance(est, str) else type(est).__name__.lower()
        for est in estimators
    ]
    totals = Counter(names)
    seen: Counter = Counter()
    named = []
    for name, est in zip(names, estimators):
        if totals[name] > 1:
            seen[name] += 1
            name = f"{name}-{seen[name]}"
        named.append((name, est))
    return named


def make_pipeline(*steps: Any, memory: Any = None, verbose: bool = False) -> Pipeline:
    """Build a :class:`Pipeline`, naming each step after its class.

    Names are the lower-case class names (``"randomundersampler"``); steps of
    the same class are numbered (``"standardscaler-1"``, ``"standardscaler-2"``).

    .. warning::
       Resample the training data only: put the sampler in the pipeline and
       cross-validate the pipeline, rather than resampling before the split.

    Parameters
    ----------
    *steps : estimators, samplers, "passthrough" or None
        The steps, in order.
    memory : str, joblib.Memory-like or None, default=None
        Where to cache fitted steps; see :class:`Pipeline`.
    verbose : bool, default=False
        Print the time each step takes to fit.

    Returns
    -------
    pipeline : Pipeline
        The pipeline, not fitted.

    See Also
    --------
    Pipeline : Name the steps yourself.

    Examples
    --------
    >>> from sklearn.preprocessing import StandardScaler
    >>> from sklearn.tree import DecisionTreeClassifier
    >>> from imbalance.over_sampling import RandomOverSampler
    >>> from imbalance.pipeline import make_pipeline
    >>> model = make_pipeline(
    ...     StandardScaler(), RandomOverSampler(random_state=0),
    ...     DecisionTreeClassifier(random_state=0),
    ... )
    >>> list(model.named_steps)
    ['standardscaler', 'randomoversampler', 'decisiontreeclassifier']
    >>> model.set_params(randomoversampler__sampling_strategy=0.5)["randomoversampler"]
    RandomOverSampler(random_state=0, sampling_strategy=0.5)
    """
    return Pipeline(_name_steps(steps), memory=memory, verbose=verbose)
