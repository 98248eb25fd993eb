"""``compare``: resampling strategies side by side, measured honestly."""

from __future__ import annotations

import numbers
from collections.abc import Callable
from typing import Any

import numpy as np
from joblib import Parallel, delayed

from .._validation import count_labels, plain_label
from ..decision import _check_cost_values
from ._folds import LOWER_IS_BETTER, METRICS, FoldSplits, make_splits, run_fold
from ._models import (
    BASELINE_MODEL,
    NO_RESAMPLING,
    build_pipeline,
    check_no_missing,
    make_preprocessor,
    resolve_models,
    resolve_strategies,
)
from ._paired import PairedTest, corrected_resampled_ttest

__all__ = ["Comparison", "compare"]

#: Metrics :meth:`Comparison.statements` speaks of by default.
STATEMENT_METRICS = (
    "sensitivity",
    "specificity",
    "pr_auc",
    "expected_cost",
    "decision_cost",
)


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:
        raise ImportError(
            "compare returns its results as pandas DataFrames, and pandas is not "
            "installed. Install it with: pip install 'imbalance[cli]'."
        ) from None
    return pandas


def _labels_of(y: Any) -> np.ndarray:
    labels = y.to_numpy() if hasattr(y, "to_numpy") else np.asarray(y)
    if labels.ndim != 1:
        raise ValueError(
            f"y must be 1-D, one class label per row; got shape {labels.shape}."
        )
    return labels


def _positive_class(labels: np.ndarray, pos_label: Any) -> tuple[Any, Any]:
    """(positive, negative) label: the minority by default; two classes only."""
    classes, counts = count_labels(labels)
    names = [plain_label(c) for c in classes]
    if len(names) != 2:
        raise ValueError(
            f"compare needs two classes, one positive; y has {len(names)}: "
            f"{names[:10]}. Merge the classes into 'positive' and 'other' first."
        )
    if pos_label is None:
        rarest = np.flatnonzero(counts == counts.min())[-1]
        pos_label = names[rarest]
    if pos_label not in names:
        raise ValueError(
            f"pos_label={pos_label!r} is not a class of y, which holds {names}. "
            "Pass one of them, or None for the less frequent class."
        )
    negative = names[1 - names.index(pos_label)]
    return classes[names.index(pos_label)], classes[names.index(negative)]


def _check_rows(X: Any, labels: np.ndarray) -> None:
    n_rows = X.shape[0] if hasattr(X, "shape") else len(X)
    if n_rows != labels.shape[0]:
        raise ValueError(
            f"X has {n_rows} rows but y has {labels.shape[0]} labels; give one "
            "label per row."
        )
    check_no_missing(X)


def _check_seed(random_state: Any) -> int | None:
    if random_state is None or (
        isinstance(random_state, numbers.Integral)
        and not isinstance(random_state, bool)
    ):
        return None if random_state is None else int(random_state)
    raise TypeError(
        f"random_state must be an int or None, so that every strategy and fold "
        f"is seeded the same way; got {random_state!r}."
    )


def compare(
    X: Any,
    y: Any,
    strategies: Any = ("none", "random-under", "random-over", "smote"),
    models: Any = "logistic",
    *,
    cv: Any = "5x2",
    cost_fn: float = 1.0,
    cost_fp: float = 1.0,
    pos_label: Any = None,
    random_state: int | None = 0,
    n_jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Comparison:
    """Compare resampling strategies by repeated cross-validation, honestly.

    Every strategy and model is fitted on the same training folds and scored
    on the same untouched test folds: the sampler sits inside an
    :class:`imbalance.pipeline.Pipeline`, so it resamples the training rows
    of each fold only. Each pipeline is ``encode -> sampler -> model``:
    numeric and boolean columns are standardised and text or categorical
    columns one-hot encoded, before the sampler, so that samplers measure
    distances on comparable numbers and text columns work. The model without
    resampling (``"none"``) and the majority-class baseline (model
    ``"majority"``, always answering the most frequent class) are always
    included, so that no score is read without what needs no work beside it.

    Parameters
    ----------
    X : array-like, sparse matrix or DataFrame of shape (n_samples, n_features)
        Features; DataFrame text columns are one-hot encoded. No missing
        values.
    y : array-like of shape (n_samples,)
        Two classes, of any label type.
    strategies : str, sampler, list of them, or dict, default=("none", \
"random-under", "random-over", "smote")
        What to do to the training folds: ``"none"``, any name of
        :func:`imbalance.registry.sampler_names`, or sampler objects
        (labelled by class name); a ``{label: sampler}`` dict labels them
        yourself. Named samplers get ``random_state``.
    models : str, classifier, list of them, or dict, default="logistic"
        ``"logistic"``, ``"random-forest"``, ``"gradient-boosting"`` (see
        :func:`make_model`) or classifier objects, labelled the same way.
    cv : str, int or splitter, default="5x2"
        ``"RxK"``: R repeats of stratified K-fold, as ``"5x2"`` (5 repeats
        of 2-fold, 10 folds, the design of Dietterich's 5x2cv test) or
        ``"2x5"``; an int K for one stratified K-fold; or any scikit-learn
        splitter.
    cost_fn : float, default=1.0
        Cost of a missed positive (false negative), for ``expected_cost``.
    cost_fp : float, default=1.0
        Cost of a false alarm (false positive).
    pos_label : label, default=None
        The positive class; by default the less frequent one.
    random_state : int or None, default=0
        Seed of the folds, of the named samplers and of the named models.
    n_jobs : int or None, default=None
        Folds fitted in parallel (joblib); the results do not depend on it.
        Each fold runs with one BLAS / OpenMP thread, so parallelise here.
    progress : callable or None, default=None
        Called as ``progress(done, total)`` after each fitted fold.

    Returns
    -------
    Comparison
        The per-fold table, summaries and paired tests.

    See Also
    --------
    Comparison.statements : The paired tests in words.
    imbalance.report.write_report : The comparison as an HTML page.

    Notes
    -----
    Labels come from each model's ``predict``. ``decision_cost`` is the
    expected cost per row when, instead, the model's probability, corrected
    back to the class priors of the training fold (which resampling changed;
    :func:`imbalance.calibration.correct_priors`), is cut at the threshold of
    least expected cost, ``cost_fp / (cost_fp + cost_fn)``
    (:func:`imbalance.decision.bayes_threshold`): the cost of the decisions
    the model supports once its probabilities mean what they say. The
    threshold-free metrics
    (``pr_auc``, ``roc_auc``) from its probability of the positive class, and
    ``brier`` and ``log_loss`` from that probability as the model gives it,
    uncorrected. For the differences between strategies,
    :meth:`Comparison.paired_tests` uses the corrected resampled t-test
    (:func:`corrected_resampled_ttest`), valid for repeated cross-validation.
    No correction is made for testing many strategies and metrics at once.

    Examples
    --------
    >>> from imbalance.datasets import load_purchases
    >>> from imbalance.evaluation import compare
    >>> data = load_purchases().head(1500)
    >>> result = compare(data.drop(columns="bought"), data["bought"],
    ...                  ["none", "random-under"], cv="2x2")
    >>> result.folds.shape[0]  # 4 folds x (none, random-under, majority)
    12
    >>> print(result.statements(["sensitivity"])[0])  # doctest: +ELLIPSIS
    random-under (logistic) raises sensitivity by 0.51 ± 0.02 against none, \
significant over 2x2 folds (p ...).
    """
    pandas = _pandas()
    labels = _labels_of(y)
    _check_rows(X, labels)
    positive, negative = _positive_class(labels, pos_label)
    costs = _check_cost_values(cost_fn, cost_fp, "compare")
    seed = _check_seed(random_state)
    samplers = resolve_strategies(strategies, seed)
    estimators = resolve_models(models, seed)
    folds = make_splits(X, labels, cv, seed, positive)

    preprocessor = make_preprocessor(X)
    tasks = _tasks(samplers, estimators, folds)
    results = _run_tasks(
        tasks, preprocessor, X, labels, positive, costs, n_jobs, progress
    )

    return Comparison(
        pandas.DataFrame([row for row, _ in results]),
        predictions=_gather_predictions(results, folds, labels.shape[0]),
        folds=folds,
        positive_label=plain_label(positive),
        negative_label=plain_label(negative),
        costs=costs,
        samplers=samplers,
        preprocessor=preprocessor,
        n_rows=labels.shape[0],
    )


def _tasks(samplers: dict, estimators: dict, folds: FoldSplits) -> list[dict]:
    """One task per (strategy, model, fold); the baseline with "none" only."""
    tasks = []
    for strategy, sampler in samplers.items():
        for model, estimator in estimators.items():
            if model == BASELINE_MODEL and strategy != NO_RESAMPLING:
                continue
            for index, split in enumerate(folds.splits):
                tasks.append(
                    {
                        "strategy": strategy,
                        "model": model,
                        "repeat": folds.repeats[index],
                        "fold": folds.folds[index],
                        "sampler": sampler,
                        "estimator": estimator,
                        "split": split,
                    }
                )
    return tasks


def _run_tasks(
    tasks: list[dict],
    preprocessor: Any,
    X: Any,
    y: np.ndarray,
    positive: Any,
    costs: tuple[float, float],
    n_jobs: int | None,
    progress: Callable[[int, int], None] | None,
) -> list[tuple[dict, Any]]:
    """Fit every task, in parallel when asked; results in task order."""
    jobs = (
        delayed(run_fold)(
            build_pipeline(preprocessor, task["sampler"], task["estimator"]),
            X,
            y,
            task["split"],
            positive,
            costs,
            task["repeat"] == 0,
        )
        for task in tasks
    )
    results = []
    for done, result in enumerate(
        Parallel(n_jobs=n_jobs, return_as="generator")(jobs), start=1
    ):
        task = tasks[done - 1]
        predictions = result.pop("predictions", None)
        keys = {name: task[name] for name in ("strategy", "model", "repeat", "fold")}
        results.append(({**keys, **result}, predictions))
        if progress is not None:
            progress(done, len(tasks))
    return results


def _gather_predictions(
    results: list[tuple[dict, Any]], folds: FoldSplits, n_rows: int
) -> dict[tuple[str, str], dict[str, np.ndarray]]:
    """Out-of-fold predictions of the first repeat: one per row and pipeline."""
    gathered: dict[tuple[str, str], dict[str, np.ndarray]] = {}
    test_rows = {
        (folds.repeats[i], folds.folds[i]): test
        for i, (_, test) in enumerate(folds.splits)
    }
    for row, predictions in results:
        if predictions is None:
            continue
        key = (row["strategy"], row["model"])
        rows = test_rows[(row["repeat"], row["fold"])]
        entry = gathered.setdefault(key, {})
        for name, values in predictions.items():
            if values is None:
                continue
            if name not in entry:
                entry[name] = np.full(n_rows, np.nan, dtype=_dtype_of(values))
            entry[name][rows] = values
    return gathered


def _dtype_of(values: np.ndarray) -> Any:
    """float64 for scores; the labels' own dtype (object for text) for labels."""
    return np.float64 if values.dtype.kind == "f" else object


class Comparison:
    """Results of :func:`compare`: per-fold scores, summaries, paired tests.

    Parameters
    ----------
    folds_table : pandas.DataFrame
        One row per strategy, model and fold (see :attr:`folds`).
    predictions : dict
        ``{(strategy, model): {"pred", "score", "corrected"}}``: out-of-fold
        labels, positive-class scores and prior-corrected probabilities of
        every row, from the first repeat.
    folds : FoldSplits
        The splits every pipeline met.
    positive_label : label
        The positive class.
    negative_label : label
        The other class.
    costs : tuple of float
        ``(cost_fn, cost_fp)``.
    samplers : dict
        Strategy label -> unfitted sampler (None for ``"none"``).
    preprocessor : transformer
        The unfitted ``encode`` step.
    n_rows : int
        Rows of the data compared.

    Attributes
    ----------
    folds : pandas.DataFrame
        Columns ``strategy``, ``model``, ``repeat``, ``fold``, every metric of
        :data:`METRICS`, the four counts ``tp``, ``fn``, ``tn``, ``fp``,
        ``fit_time`` (seconds), ``n_train`` and ``n_test``.
    splits : FoldSplits
        The train/test splits, the same for every pipeline.
    strategies, models : list of str
        Labels in the order given; ``models`` ends with ``"majority"``.

    Examples
    --------
    >>> from sklearn.datasets import make_classification
    >>> from imbalance.evaluation import compare
    >>> X, y = make_classification(300, weights=[0.9], random_state=0)
    >>> result = compare(X, y, "random-under", cv="2x2")
    >>> result
    Comparison(2 strategies x 2 models, 2x2 (2 repeats of stratified 2-fold), \
positive class 1)
    >>> table = result.summary(["accuracy"])
    >>> list(table.index)
    [('none', 'logistic'), ('none', 'majority'), ('random-under', 'logistic')]
    >>> [test.metric for test in result.paired_tests(["accuracy", "sensitivity"])]
    ['accuracy', 'sensitivity']
    """

    def __init__(
        self,
        folds_table: Any,
        *,
        predictions: dict,
        folds: FoldSplits,
        positive_label: Any,
        negative_label: Any,
        costs: tuple[float, float],
        samplers: dict,
        preprocessor: Any,
        n_rows: int,
    ) -> None:
        self.folds = folds_table
        self.predictions = predictions
        self.splits = folds
        self.positive_label = positive_label
        self.negative_label = negative_label
        self.cost_fn, self.cost_fp = costs
        self.samplers = samplers
        self.preprocessor = preprocessor
        self.n_rows = n_rows
        self.strategies = list(dict.fromkeys(folds_table["strategy"]))
        self.models = list(dict.fromkeys(folds_table["model"]))

    @property
    def cv_text(self) -> str:
        """The scheme, such as ``"5x2"``."""
        return self.splits.description.split(" ")[0]

    def summary(self, metrics: Any = None) -> Any:
        """Mean and standard deviation over folds, per strategy and model.

        Parameters
        ----------
        metrics : list of str or None, default=None
            Metric columns to summarise; all of :data:`METRICS` by default.

        Returns
        -------
        pandas.DataFrame
            Index (strategy, model) in the order compared; columns a
            (metric, "mean" | "std") MultiIndex.
        """
        names = list(METRICS) if metrics is None else list(metrics)
        _check_metrics(names)
        grouped = self.folds.groupby(["strategy", "model"], sort=False)[names]
        table = grouped.agg(["mean", "std"])
        return table

    def paired_tests(
        self,
        metrics: Any = None,
        *,
        reference: str = NO_RESAMPLING,
        alpha: float = 0.05,
    ) -> list[PairedTest]:
        """Each strategy against ``reference``, per model and metric, same folds.

        Parameters
        ----------
        metrics : list of str or None, default=None
            Metrics to test; all of :data:`METRICS` by default.
        reference : str, default="none"
            The strategy the others are measured against.
        alpha : float, default=0.05
            Significance level.

        Returns
        -------
        list of PairedTest
            One per (strategy, model, metric); the baseline model is left out.
        """
        names = list(METRICS) if metrics is None else list(metrics)
        _check_metrics(names)
        if reference not in self.strategies:
            raise ValueError(
                f"reference={reference!r} is not a compared strategy; the "
                f"strategies are {self.strategies}."
            )
        indexed = self.folds.set_index(["strategy", "model", "repeat", "fold"])
        tests = []
        for model in self.models:
            if model == BASELINE_MODEL:
                continue
            base = indexed.xs((reference, model), level=("strategy", "model"))
            for strategy in self.strategies:
                if strategy == reference:
                    continue
                other = indexed.xs((strategy, model), level=("strategy", "model"))
                for metric in names:
                    tests.append(
                        self._paired(
                            strategy,
                            model,
                            metric,
                            reference,
                            alpha,
                            other[metric] - base[metric],
                        )
                    )
        return tests

    def _paired(
        self,
        strategy: str,
        model: str,
        metric: str,
        reference: str,
        alpha: float,
        differences: Any,
    ) -> PairedTest:
        mean, error, t, p_value = corrected_resampled_ttest(
            differences.to_numpy(), test_train_ratio=self.splits.test_train_ratio
        )
        return PairedTest(
            strategy=strategy,
            model=model,
            metric=metric,
            reference=reference,
            mean=mean,
            standard_error=error,
            t=t,
            p_value=p_value,
            n_folds=int(differences.notna().sum()),
            folds_text=self.cv_text,
            alpha=alpha,
        )

    def statements(self, metrics: Any = STATEMENT_METRICS) -> list[str]:
        """The paired tests against ``"none"`` in words, one line each.

        Parameters
        ----------
        metrics : list of str, default=("sensitivity", "specificity", \
"pr_auc", "expected_cost")
            Metrics to speak of.

        Returns
        -------
        list of str
            Such as ``"smote (logistic) raises sensitivity by 0.21 ± 0.04
            against none, significant over 5x2 folds (p = 0.002)."``; the
            ± is the corrected standard error.
        """
        return [test.statement() for test in self.paired_tests(metrics)]

    def to_dict(self) -> dict[str, Any]:
        """Everything but the predictions, as plain values (for JSON).

        Returns
        -------
        dict
            Keys ``positive_label``, ``cv``, ``cost_fn``, ``cost_fp``,
            ``strategies``, ``models``, ``summary`` (list of records with
            ``<metric>_mean`` and ``<metric>_std``), ``tests`` and ``folds``
            (list of records).
        """
        summary = self.summary()
        summary.columns = [f"{metric}_{stat}" for metric, stat in summary.columns]
        return {
            "positive_label": self.positive_label,
            "negative_label": self.negative_label,
            "cv": self.splits.description,
            "cost_fn": self.cost_fn,
            "cost_fp": self.cost_fp,
            "strategies": self.strategies,
            "models": self.models,
            "summary": summary.reset_index().to_dict(orient="records"),
            "tests": [
                {
                    **vars(test),
                    "significant": test.significant,
                    "statement": test.statement(),
                }
                for test in self.paired_tests(STATEMENT_METRICS)
            ],
            "folds": self.folds.to_dict(orient="records"),
        }

    def __repr__(self) -> str:
        return (
            f"Comparison({len(self.strategies)} strategies x {len(self.models)} "
            f"models, {self.splits.description}, positive class "
            f"{self.positive_label!r})"
        )


def _check_metrics(names: list[str]) -> None:
    unknown = [name for name in names if name not in METRICS]
    if unknown:
        raise ValueError(
            f"Unknown metric {unknown[0]!r}. Known metrics: {', '.join(METRICS)}."
        )


def is_lower_better(metric: str) -> bool:
    """Whether a lower value of ``metric`` is better (costs and losses)."""
    return metric in LOWER_IS_BETTER
