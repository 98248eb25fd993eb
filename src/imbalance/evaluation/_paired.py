"""Is one strategy better than another over the same folds?

The folds of repeated cross-validation share training rows, so their scores
are correlated and the plain paired t-test, which assumes independent
differences, finds differences that are not there. The corrected resampled
t-test of Nadeau and Bengio (2003), in the form Bouckaert and Frank (2004)
gave it for repeated k-fold cross-validation, inflates the variance of the
mean difference for that overlap::

    t = mean(d) / sqrt((1 / J + n_test / n_train) * var(d)),   J - 1 degrees

over the J differences ``d`` of the two strategies on the same J folds. It is
valid for any number of repeats and folds (and for repeated random
train/test splits), and conservative: with 2-fold the factor is 1 / J + 1.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import stats

__all__ = ["PairedTest", "corrected_resampled_ttest"]


def corrected_resampled_ttest(
    differences: Any, *, test_train_ratio: float
) -> tuple[float, float, float, float]:
    """Corrected resampled t-test of paired score differences over folds.

    Parameters
    ----------
    differences : array-like of shape (n_folds,)
        Score of one method minus the score of the other, fold by fold, both
        measured on the same folds. NaN differences are left out.
    test_train_ratio : float
        Test rows over training rows of a fold (1 for 2-fold, 0.25 for 5-fold).
        0 gives the plain paired t-test, which assumes independent folds.

    Returns
    -------
    mean : float
        Mean difference.
    standard_error : float
        Its standard error, corrected for the overlap of the training sets.
    t : float
        The t statistic (``inf`` when every fold differs by the same nonzero
        amount).
    p_value : float
        Two-sided p-value, with ``n_folds - 1`` degrees of freedom; NaN with
        fewer than 2 differences.

    References
    ----------
    .. [1] C. Nadeau and Y. Bengio, "Inference for the generalization error",
       Machine Learning 52 (2003) 239-281.
    .. [2] R. R. Bouckaert and E. Frank, "Evaluating the replicability of
       significance tests for comparing learning algorithms", PAKDD 2004.

    Examples
    --------
    >>> from imbalance.evaluation import corrected_resampled_ttest
    >>> mean, error, t, p = corrected_resampled_ttest(
    ...     [0.10, 0.12, 0.08, 0.11, 0.09, 0.10, 0.13, 0.07, 0.10, 0.10],
    ...     test_train_ratio=1.0,
    ... )
    >>> round(mean, 3), round(error, 3), p < 0.05
    (0.1, 0.018, True)
    """
    values = np.asarray(differences, dtype=np.float64).ravel()
    values = values[~np.isnan(values)]
    if not test_train_ratio >= 0:
        raise ValueError(
            f"test_train_ratio must be >= 0 (test rows over training rows); got "
            f"{test_train_ratio!r}."
        )
    n_folds = values.size
    if n_folds < 2:
        mean = float(values.mean()) if n_folds else float("nan")
        return mean, float("nan"), float("nan"), float("nan")
    mean = float(values.mean())
    variance = float(values.var(ddof=1))
    error = math.sqrt((1.0 / n_folds + test_train_ratio) * variance)
    if error == 0:
        t = 0.0 if mean == 0 else math.copysign(math.inf, mean)
        return mean, 0.0, t, 1.0 if mean == 0 else 0.0
    t = mean / error
    p_value = float(2 * stats.t.sf(abs(t), df=n_folds - 1))

    return mean, error, t, p_value


@dataclass(frozen=True)
class PairedTest:
    """The difference one strategy makes to one metric, against a reference.

    Parameters
    ----------
    strategy : str
        The strategy measured.
    model : str
        The model both strategies were used with.
    metric : str
        The metric compared.
    reference : str
        The strategy it is measured against (``"none"``).
    mean : float
        Mean difference, strategy minus reference.
    standard_error : float
        Corrected standard error of the mean difference.
    t : float
        The t statistic.
    p_value : float
        Two-sided p-value of :func:`corrected_resampled_ttest`.
    n_folds : int
        Number of paired folds.
    folds_text : str
        The scheme, such as ``"5x2"``.
    alpha : float
        Significance level of :attr:`significant`.

    Examples
    --------
    >>> from imbalance.evaluation import PairedTest
    >>> test = PairedTest(
    ...     strategy="smote", model="logistic", metric="sensitivity",
    ...     reference="none", mean=0.21, standard_error=0.04, t=5.2,
    ...     p_value=0.0006, n_folds=10, folds_text="5x2",
    ... )
    >>> test.significant
    True
    >>> print(test.statement())
    smote (logistic) raises sensitivity by 0.21 ± 0.04 against none, significant \
over 5x2 folds (p < 0.001).
    """

    strategy: str
    model: str
    metric: str
    reference: str
    mean: float
    standard_error: float
    t: float
    p_value: float
    n_folds: int
    folds_text: str
    alpha: float = 0.05

    @property
    def significant(self) -> bool:
        """Whether ``p_value < alpha``."""
        return bool(self.p_value < self.alpha)

    def statement(self) -> str:
        """The result in words.

        Returns
        -------
        str
            Such as ``"smote raises sensitivity by 0.21 ± 0.04 against none
            (logistic), significant over 5x2 folds (p = 0.003)."``
        """
        name = metric_name(self.metric)
        subject = f"{self.strategy} ({self.model})"
        if math.isnan(self.p_value):
            return (
                f"{subject}: {name} cannot be tested against {self.reference}; "
                f"fewer than 2 folds give it a value."
            )
        if self.mean == 0:
            change = f"leaves {name} unchanged"
        else:
            verb = "raises" if self.mean > 0 else "lowers"
            digits = 2 if abs(self.mean) >= 0.095 else 3  # small changes stay visible
            change = (
                f"{verb} {name} by {abs(self.mean):.{digits}f} ± "
                f"{self.standard_error:.{digits}f}"
            )
        verdict = "significant" if self.significant else "not significant"
        return (
            f"{subject} {change} against {self.reference}, {verdict} over "
            f"{self.folds_text} folds ({_p_text(self.p_value)})."
        )


def _p_text(p_value: float) -> str:
    return "p < 0.001" if p_value < 0.001 else f"p = {p_value:.3f}"


#: How metrics are named in sentences and tables.
_DISPLAY_NAMES = {
    "g_mean": "G-mean",
    "mcc": "MCC",
    "pr_auc": "PR-AUC",
    "roc_auc": "ROC-AUC",
    "f1": "F1",
    "decision_cost": "cost at the Bayes threshold",
}


def metric_name(metric: str) -> str:
    """A metric column as people write it: ``pr_auc`` -> ``PR-AUC``."""
    return _DISPLAY_NAMES.get(metric, metric.replace("_", " "))
