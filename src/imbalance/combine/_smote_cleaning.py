"""Over-sample with SMOTE, then clean the result: SMOTE + ENN, SMOTE + Tomek links.

SMOTE grows the small classes; its new rows can land inside other classes.
A cleaning rule applied afterwards, to every class, removes the rows (old or
new) that sit on the wrong side of the border. Both steps are ordinary
samplers run one after the other; :func:`chain_resampled` folds their two
selections into one, so the result still says which rows are input rows and
which are new.
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np
from sklearn.base import clone

from .._validation import validate_params
from ..base import BaseSampler, Resampled
from ..over_sampling import SMOTE
from ..under_sampling import EditedNearestNeighbours, TomekLinks
from ..under_sampling._random_under_sampler import SAMPLING_STRATEGY_FORMS

__all__ = ["SMOTEENN", "SMOTETomek", "chain_resampled"]


def chain_resampled(
    first_indices: np.ndarray,
    first_generated: np.ndarray,
    X_first: Any,
    y_first: np.ndarray,
    kept: np.ndarray,
) -> Resampled:
    """The selection of two samplers run in turn, in terms of the input rows.

    The first sampler's output holds rows taken from the input
    (``first_indices``, some flagged as added copies) followed by synthetic
    rows; the second keeps some of those output rows (``kept``). The result
    keeps the input rows that survive, in their order, then the surviving
    copies, then the surviving synthetic rows.

    Parameters
    ----------
    first_indices : ndarray of int
        The first sampler's ``sample_indices_``.
    first_generated : ndarray of bool
        The first sampler's ``generated_mask_``, one flag per output row.
    X_first : ndarray or CSR matrix
        The first sampler's output rows (as arrays).
    y_first : ndarray
        The first sampler's output labels.
    kept : ndarray of int
        Positions in the first output that the second sampler keeps, in
        increasing order.

    Returns
    -------
    Resampled

    Examples
    --------
    >>> X_first = np.array([[0.0], [1.0], [2.0], [0.5], [1.5]])
    >>> y_first = np.array([0, 0, 1, 1, 1])
    >>> generated = np.array([False, False, False, True, True])
    >>> result = chain_resampled(
    ...     np.arange(3), generated, X_first, y_first, np.array([0, 2, 4])
    ... )
    >>> result.sample_indices.tolist(), result.X_synthetic.tolist()
    ([0, 2], [[1.5]])
    """
    kept = np.asarray(kept, dtype=np.intp)
    n_taken = len(first_indices)
    taken = kept[kept < n_taken]
    synthetic = kept[kept >= n_taken]
    copies = first_generated[taken]
    indices = np.concatenate(
        [first_indices[taken[~copies]], first_indices[taken[copies]]]
    )
    n_original = int((~copies).sum())
    if synthetic.size == 0:
        return Resampled(indices, n_original=n_original)
    return Resampled(indices, X_first[synthetic], y_first[synthetic], n_original)


def _check_step(step: Any) -> None:
    """A given step's own parameter checks, run before any work."""
    constraints = getattr(step, "_parameter_constraints", None)
    if step is not None and constraints:
        validate_params(type(step).__name__, step.get_params(deep=False), constraints)


def _seeded(step: Any, random_state: Any) -> Any:
    """A clone of ``step`` whose unset random_state takes ``random_state``."""
    step = clone(step)
    if step.get_params(deep=False).get("random_state", 0) is None:
        step.set_params(random_state=random_state)
    return step


def _resample_then_clean(combined, over, cleaner, X, y) -> Resampled:
    X_over, y_over = over.fit_resample(X, y)
    cleaner.fit_resample(X_over, y_over)
    combined.sampling_strategy_ = over.sampling_strategy_
    return chain_resampled(
        over.sample_indices_,
        over.generated_mask_,
        X_over,
        y_over,
        cleaner.sample_indices_,
    )


_CONSTRAINTS = {
    "sampling_strategy": SAMPLING_STRATEGY_FORMS,
    "random_state": ["random_state"],
    "smote": [None, "has:fit_resample"],
    "n_jobs": [numbers.Integral, None],
}


class SMOTEENN(BaseSampler):
    """Over-sample with SMOTE, then remove rows with the edited nearest-neighbour rule.

    SMOTE first grows the classes ``sampling_strategy`` selects; then
    :class:`~imbalance.under_sampling.EditedNearestNeighbours`, applied to
    every class, removes each row (input or synthetic) that one of its three
    nearest neighbours disagrees with. The result is larger than the input
    and has cleaner class borders; its class sizes are no longer exactly
    those SMOTE produced.

    .. warning::
       Resample only the training data; a test set must keep the real class
       proportions.

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable, default="auto"
        What SMOTE grows; see
        :func:`imbalance.strategy.resolve_sampling_strategy`. Ignored when
        ``smote`` is given.
    random_state : int, Generator, RandomState or None, default=None
        Seed of SMOTE's draws (also given to a ``smote`` whose own
        ``random_state`` is unset).
    smote : over-sampler, default=None
        The first step, cloned; ``None`` means
        ``SMOTE(sampling_strategy=sampling_strategy, random_state=random_state,
        n_jobs=n_jobs)``.
    enn : cleaning sampler, default=None
        The second step, cloned; ``None`` means
        ``EditedNearestNeighbours(sampling_strategy="all", n_jobs=n_jobs)``,
        as in imbalanced-learn.
    n_jobs : int, default=None
        Threads for the neighbour searches of the default steps; ``None``
        means 1. Never changes the result.

    Attributes
    ----------
    sampling_strategy_ : dict
        Rows SMOTE added per class, before the cleaning.
    sample_indices_ : ndarray of int
        Input rows that survive both steps, in increasing order.
    generated_mask_ : ndarray of bool
        True for the synthetic rows that survive the cleaning, which follow
        the input rows.
    smote_ : over-sampler
        The fitted first step.
    enn_ : cleaning sampler
        The fitted second step.
    n_features_in_ : int
        Number of features.

    See Also
    --------
    SMOTETomek : SMOTE followed by the removal of Tomek links.

    References
    ----------
    .. [1] G. Batista, R. C. Prati and M. C. Monard, "A study of the behavior
       of several methods for balancing machine learning training data",
       ACM SIGKDD Explorations Newsletter 6 (2004) 20-29.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.datasets import make_classification
    >>> from imbalance.combine import SMOTEENN
    >>> X, y = make_classification(n_samples=200, weights=[0.8], random_state=0)
    >>> sampler = SMOTEENN(random_state=0)
    >>> X_res, y_res = sampler.fit_resample(X, y)
    >>> np.bincount(y).tolist(), sampler.sampling_strategy_  # SMOTE adds 120
    ([160, 40], {1: 120})
    >>> np.bincount(y_res).tolist()  # ENN then removes rows of both classes
    [95, 155]
    >>> int(sampler.generated_mask_.sum())  # synthetic rows left
    119
    """

    _sampling_type = "over-sampling"
    _parameter_constraints = {**_CONSTRAINTS, "enn": [None, "has:fit_resample"]}

    def __init__(
        self,
        *,
        sampling_strategy: Any = "auto",
        random_state: Any = None,
        smote: Any = None,
        enn: Any = None,
        n_jobs: int | None = None,
    ) -> None:
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.smote = smote
        self.enn = enn
        self.n_jobs = n_jobs

    def _check_params(self, X: Any, y: np.ndarray) -> None:
        _check_step(self.smote)
        _check_step(self.enn)

    def _fit_resample(self, X: Any, y: np.ndarray) -> Resampled:
        self.smote_ = _default_smote(self)
        if self.enn is None:
            self.enn_ = EditedNearestNeighbours(
                sampling_strategy="all", n_jobs=self.n_jobs
            )
        else:
            self.enn_ = clone(self.enn)
        return _resample_then_clean(self, self.smote_, self.enn_, X, y)


class SMOTETomek(BaseSampler):
    """Over-sample with SMOTE, then remove the rows that form Tomek links.

    SMOTE first grows the classes ``sampling_strategy`` selects; then
    :class:`~imbalance.under_sampling.TomekLinks`, applied to every class,
    removes both rows of every pair of rows of different classes that are
    each other's nearest neighbour. It removes fewer rows than
    :class:`SMOTEENN`.

    .. warning::
       Resample only the training data; a test set must keep the real class
       proportions.

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable, default="auto"
        What SMOTE grows; see
        :func:`imbalance.strategy.resolve_sampling_strategy`. Ignored when
        ``smote`` is given.
    random_state : int, Generator, RandomState or None, default=None
        Seed of SMOTE's draws (also given to a ``smote`` whose own
        ``random_state`` is unset).
    smote : over-sampler, default=None
        The first step, cloned; ``None`` means
        ``SMOTE(sampling_strategy=sampling_strategy, random_state=random_state,
        n_jobs=n_jobs)``.
    tomek : cleaning sampler, default=None
        The second step, cloned; ``None`` means
        ``TomekLinks(sampling_strategy="all", n_jobs=n_jobs)``, as in
        imbalanced-learn.
    n_jobs : int, default=None
        Threads for the neighbour searches of the default steps; ``None``
        means 1. Never changes the result.

    Attributes
    ----------
    sampling_strategy_ : dict
        Rows SMOTE added per class, before the cleaning.
    sample_indices_ : ndarray of int
        Input rows that survive both steps, in increasing order.
    generated_mask_ : ndarray of bool
        True for the synthetic rows that survive the cleaning, which follow
        the input rows.
    smote_ : over-sampler
        The fitted first step.
    tomek_ : cleaning sampler
        The fitted second step.
    n_features_in_ : int
        Number of features.

    See Also
    --------
    SMOTEENN : SMOTE followed by the edited nearest-neighbour rule.

    References
    ----------
    .. [1] G. Batista, A. L. C. Bazzan and M. C. Monard, "Balancing training
       data for automated annotation of keywords: a case study", WOB 2003.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.datasets import make_classification
    >>> from imbalance.combine import SMOTETomek
    >>> X, y = make_classification(n_samples=200, weights=[0.8], random_state=0)
    >>> sampler = SMOTETomek(random_state=0)
    >>> X_res, y_res = sampler.fit_resample(X, y)
    >>> sampler.sampling_strategy_, np.bincount(y_res).tolist()
    ({1: 120}, [160, 160])
    """

    _sampling_type = "over-sampling"
    _parameter_constraints = {**_CONSTRAINTS, "tomek": [None, "has:fit_resample"]}

    def __init__(
        self,
        *,
        sampling_strategy: Any = "auto",
        random_state: Any = None,
        smote: Any = None,
        tomek: Any = None,
        n_jobs: int | None = None,
    ) -> None:
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.smote = smote
        self.tomek = tomek
        self.n_jobs = n_jobs

    def _check_params(self, X: Any, y: np.ndarray) -> None:
        _check_step(self.smote)
        _check_step(self.tomek)

    def _fit_resample(self, X: Any, y: np.ndarray) -> Resampled:
        self.smote_ = _default_smote(self)
        if self.tomek is None:
            self.tomek_ = TomekLinks(sampling_strategy="all", n_jobs=self.n_jobs)
        else:
            self.tomek_ = clone(self.tomek)
        return _resample_then_clean(self, self.smote_, self.tomek_, X, y)


def _default_smote(combined: Any) -> Any:
    if combined.smote is not None:
        return _seeded(combined.smote, combined.random_state)
    return SMOTE(
        sampling_strategy=combined.sampling_strategy,
        random_state=combined.random_state,
        n_jobs=combined.n_jobs,
    )
