"""SMOTE for categorical data: SMOTENC (numeric and categorical) and SMOTEN.

Both keep every categorical column as one column of integer codes
(:mod:`._categories`), never as one-hot columns, so memory and time do not
grow with the number of categories. Each categorical value of a new row is
the most frequent value among the rows that vote for it, so it is always a
value those rows have.
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.base import clone

from .._validation import Interval, Options, as_generator, encode_labels, plain_label
from ..base import BaseSampler, Resampled
from ..neighbors import kneighbors, neighbors_from_param
from ._categories import (
    categorical_columns,
    category_codes,
    class_probabilities,
    factorize,
    gather_values,
    mixed_distance_neighbors,
    numeric_part,
    vdm_neighbors,
    vote,
)
from ._random_over_sampler import SAMPLING_STRATEGY_FORMS
from ._smote import (
    NEIGHBORS_FORMS,
    check_class_sizes,
    draw_segments,
    grown_classes,
    interpolate,
    synthetic_result,
)

__all__ = ["SMOTEN", "SMOTENC"]

_CATEGORICAL_FEATURES_FORMS = [Options(["auto"]), list, tuple, np.ndarray, "has:tolist"]


class SMOTENC(BaseSampler):
    """SMOTE for data with numeric and categorical columns (SMOTE-NC).

    Each new row of a grown class starts from a row of that class and one of
    its ``k_neighbors`` nearest neighbours within the class. Its numeric
    values lie at a uniform random point of the segment between the two; each
    of its categorical values is the one most frequent among the row's
    ``k_neighbors`` neighbours, so every categorical value of a new row is a
    value one of those neighbours has. Ties of the vote go to a tied value
    chosen at random by the seeded generator (one random priority per
    neighbour and new row, shared by the columns, so tied columns tend to take
    their values from the same neighbour).

    Distances follow Chawla et al. (2002): numeric columns as they are, plus,
    for each categorical column where two rows differ, the square of the
    median of the standard deviations of the class's numeric columns
    (``median_std_``)::

        d(a, b)^2 = sum of squared numeric differences
                    + median_std^2 * number of differing categorical columns

    Categories stay integer codes throughout, so memory and time do not grow
    with the number of categories (imbalanced-learn's one-hot vote does). The
    neighbour search is exact and blocked, its memory bounded by the block
    size; equal distances go to the smaller row index, as in
    :func:`imbalance.neighbors.kneighbors`. (That engine is Euclidean: fed a
    one-hot encoding, its rounding would break true ties of this metric by
    noise, so it runs only for an estimator given as ``k_neighbors``.)

    Missing categorical values (None, NaN) are a category of their own: two
    missing values match, and a new row is missing there only when that wins
    the vote. Numeric columns must be finite.

    .. warning::
       Resample only the training data; put the sampler in
       :class:`imbalance.pipeline.Pipeline` inside cross-validation.

    Parameters
    ----------
    categorical_features : "auto", array-like of int, of str, or of bool
        The categorical columns: positions (negative counts from the end),
        names of DataFrame columns, or a boolean mask with one entry per
        column. ``"auto"`` takes the pandas ``category``, object, string and
        boolean columns of a DataFrame. At least one column must be
        categorical and one numeric.
    categorical_encoder : transformer or None, default=None
        ``None`` compares categorical values as they are. A transformer such
        as :class:`sklearn.preprocessing.OrdinalEncoder` that maps each
        categorical column to one code column is cloned and fitted on them,
        and its codes are compared instead. One-hot encoders are refused: they
        are not needed here. New rows keep the original values.
    sampling_strategy : float, str, dict or callable, default="auto"
        Which classes to grow and to what size; see
        :func:`imbalance.strategy.resolve_sampling_strategy`.
    random_state : int, Generator, RandomState or None, default=None
        Seed of the draws; the same seed gives the same rows.
    k_neighbors : int or estimator, default=5
        Nearest neighbours within the class (the row itself not counted). An
        estimator with ``kneighbors`` (e.g. ``NearestNeighbors(n_neighbors=6)``,
        whose count includes the row itself, as in imbalanced-learn) runs the
        search on the encoding above instead.
    n_jobs : int or None, default=None
        Threads for the neighbour search; ``-1`` uses every core. Never
        changes the result.

    Attributes
    ----------
    categorical_features_ : ndarray of int
        Positions of the categorical columns.
    continuous_features_ : ndarray of int
        Positions of the numeric columns.
    categorical_encoder_ : transformer or None
        The fitted clone of ``categorical_encoder``.
    median_std_ : dict
        Per grown class, the median of the standard deviations of its numeric
        columns: the distance added for a categorical mismatch.
    sampling_strategy_ : dict
        Rows added per grown class.
    sample_indices_ : ndarray of int
        ``arange(n_samples)``: every input row is kept, in order.
    generated_mask_ : ndarray of bool
        True for the synthetic rows, which follow the input rows.
    n_features_in_ : int
        Number of features.

    See Also
    --------
    SMOTEN : For data whose columns are all categorical.
    SMOTE : For numeric data.

    References
    ----------
    .. [1] N. V. Chawla, K. W. Bowyer, L. O. Hall and W. P. Kegelmeyer,
       "SMOTE: Synthetic Minority Over-sampling Technique", Journal of
       Artificial Intelligence Research 16 (2002) 321-357.

    Examples
    --------
    >>> import numpy as np
    >>> from imbalance.over_sampling import SMOTENC
    >>> rng = np.random.default_rng(0)
    >>> X = np.column_stack([rng.normal(size=40), rng.integers(3, size=40)])
    >>> y = np.array([0] * 32 + [1] * 8)
    >>> sampler = SMOTENC(categorical_features=[1], k_neighbors=3, random_state=0)
    >>> X_res, y_res = sampler.fit_resample(X, y)
    >>> np.bincount(y_res).tolist()
    [32, 32]
    >>> bool(np.isin(X_res[40:, 1], X[32:, 1]).all())
    True
    """

    _sampling_type = "over-sampling"
    _numeric = False  # numeric columns are converted and checked here
    _finite = True
    _accept_sparse = False
    _parameter_constraints = {
        "categorical_features": _CATEGORICAL_FEATURES_FORMS,
        "categorical_encoder": [None, "has:fit_transform"],
        "sampling_strategy": SAMPLING_STRATEGY_FORMS,
        "random_state": ["random_state"],
        "k_neighbors": NEIGHBORS_FORMS,
        "n_jobs": [numbers.Integral, None],
    }

    def __init__(
        self,
        categorical_features: Any,
        *,
        categorical_encoder: Any = None,
        sampling_strategy: Any = "auto",
        random_state: Any = None,
        k_neighbors: Any = 5,
        n_jobs: int | None = None,
    ) -> None:
        self.categorical_features = categorical_features
        self.categorical_encoder = categorical_encoder
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.k_neighbors = k_neighbors
        self.n_jobs = n_jobs

    def fit_resample(self, X: Any, y: Any) -> tuple[Any, Any]:
        """Resample the data set; see :meth:`BaseSampler.fit_resample`.

        Parameters
        ----------
        X : {array-like, DataFrame} of shape (n_samples, n_features)
            Features, numeric and categorical. Never modified.
        y : array-like or Series of shape (n_samples,)
            Class labels of any type.

        Returns
        -------
        X_resampled : same kind as X
            Input rows first, in order, then the new rows.
        y_resampled : same kind as y
            Labels of the output rows.
        """
        return _resample_keeping_lists(super().fit_resample, X, y)

    def _check_params(self, X: Any, y: np.ndarray) -> None:
        columns = categorical_columns(self.categorical_features, X)
        n_features = X.shape[1]
        if columns.size == 0:
            raise ValueError(
                f"categorical_features={self.categorical_features!r} selects no "
                "column of X; SMOTENC needs at least one categorical column. For "
                "numeric data only, use SMOTE."
            )
        if columns.size == n_features:
            raise ValueError(
                f"categorical_features={self.categorical_features!r} selects all "
                f"{n_features} columns of X; SMOTENC needs at least one numeric "
                "column. For categorical data only, use SMOTEN."
            )
        self.categorical_features_ = columns
        self.continuous_features_ = np.setdiff1d(np.arange(n_features), columns)

    def _fit_resample(self, X: Any, y: np.ndarray) -> Resampled:
        k, search = neighbors_from_param(self.k_neighbors, owner="SMOTENC")
        check_class_sizes(y, self.sampling_strategy_, k)
        numeric = numeric_part(X, self.continuous_features_, "SMOTENC")
        self.categorical_encoder_, codes = fit_codes(
            self.categorical_encoder, X, self.categorical_features_
        )
        rng = as_generator(self.random_state)

        classes, class_codes, _ = encode_labels(y)
        self.median_std_ = {}
        synthetic, labels = [], []
        strategy = self.sampling_strategy_
        for label, rows, n_new in grown_classes(classes, class_codes, strategy):
            penalty = float(np.median(numeric[rows].std(axis=0, dtype=np.float64)))
            self.median_std_[plain_label(label)] = penalty
            neighbors = mixed_neighbors(
                numeric[rows], codes[rows], penalty, k, search, self.n_jobs
            )
            new_rows = self._new_rows(X, rows, numeric, codes, neighbors, n_new, rng)
            synthetic.append(new_rows)
            labels.append(np.full(n_new, label, dtype=y.dtype))

        return synthetic_result(len(y), synthetic, labels)

    def _new_rows(self, X, rows, numeric, codes, neighbors, n_new, rng):
        """Numeric values on segments, categorical values by the neighbours' vote."""
        class_numeric = numeric[rows]
        origins, targets = draw_segments(neighbors, n_new, rng)
        steps = rng.random(n_new)
        voters = neighbors[origins]
        priorities = rng.random(voters.shape)

        new_rows = empty_rows(X, n_new)
        new_numeric = interpolate(class_numeric, origins, class_numeric, targets, steps)
        if new_rows.dtype.kind in "iu":
            new_numeric = np.rint(new_numeric)
        new_rows[:, self.continuous_features_] = new_numeric
        for j, position in enumerate(self.categorical_features_):
            winners = vote(codes[rows, j], voters, priorities)
            new_rows[:, position] = gather_values(X, rows[winners], position)
        return finish_rows(X, new_rows)


class SMOTEN(BaseSampler):
    """SMOTE for data whose columns are all categorical (SMOTE-N).

    Each new row of a grown class starts from a random row of that class;
    each of its values is the one most frequent among that row and its
    ``k_neighbors`` nearest neighbours within the class, so every value of a
    new row is a value one of those rows has. Ties of the vote go to a tied
    value chosen at random by the seeded generator (one priority per voter and
    new row, shared by the columns).

    Rows are compared with the Value Difference Metric: two values of a
    column are close when the classes are distributed alike among the rows
    holding them, and the distance of two rows is the sum over columns of the
    squared L1 distance of those class distributions (as imbalanced-learn's
    ``ValueDifferenceMetric`` with ``k=1, r=2``). The search is exact and
    blocked: memory stays bounded by the block size and by the number of
    categories times the number of classes, whatever the number of
    categories. Missing values (None, NaN) are a category of their own.

    .. warning::
       Resample only the training data; put the sampler in
       :class:`imbalance.pipeline.Pipeline` inside cross-validation.

    Parameters
    ----------
    categorical_encoder : transformer or None, default=None
        ``None`` compares values as they are. A transformer such as
        :class:`sklearn.preprocessing.OrdinalEncoder` that maps each column to
        one code column is cloned and fitted, and its codes are compared
        instead. New rows keep the original values.
    sampling_strategy : float, str, dict or callable, default="auto"
        Which classes to grow and to what size; see
        :func:`imbalance.strategy.resolve_sampling_strategy`.
    random_state : int, Generator, RandomState or None, default=None
        Seed of the draws; the same seed gives the same rows.
    k_neighbors : int, default=5
        Nearest neighbours within the class (the row itself not counted).
        Unlike imbalanced-learn, an estimator is not accepted: the search is
        under the Value Difference Metric, which this class computes itself.
    n_jobs : int or None, default=None
        Threads for the neighbour search; ``-1`` uses every core. Never
        changes the result.

    Attributes
    ----------
    categorical_encoder_ : transformer or None
        The fitted clone of ``categorical_encoder``.
    sampling_strategy_ : dict
        Rows added per grown class.
    sample_indices_ : ndarray of int
        ``arange(n_samples)``: every input row is kept, in order.
    generated_mask_ : ndarray of bool
        True for the synthetic rows, which follow the input rows.
    n_features_in_ : int
        Number of features.

    See Also
    --------
    SMOTENC : For data with numeric and categorical columns.

    References
    ----------
    .. [1] N. V. Chawla, K. W. Bowyer, L. O. Hall and W. P. Kegelmeyer,
       "SMOTE: Synthetic Minority Over-sampling Technique", Journal of
       Artificial Intelligence Research 16 (2002) 321-357.
    .. [2] C. Stanfill and D. Waltz, "Toward memory-based reasoning",
       Communications of the ACM 29 (1986) 1213-1228.

    Examples
    --------
    >>> import numpy as np
    >>> from imbalance.over_sampling import SMOTEN
    >>> rng = np.random.default_rng(0)
    >>> X = rng.choice(["red", "green", "blue"], size=(30, 2))
    >>> y = np.array([0] * 24 + [1] * 6)
    >>> X_res, y_res = SMOTEN(k_neighbors=3, random_state=0).fit_resample(X, y)
    >>> np.bincount(y_res).tolist()
    [24, 24]
    >>> bool(np.isin(X_res[30:, 0], X[24:, 0]).all())
    True
    """

    _sampling_type = "over-sampling"
    _numeric = False
    _finite = False  # NaN is a category like any other
    _accept_sparse = False
    _parameter_constraints = {
        "categorical_encoder": [None, "has:fit_transform"],
        "sampling_strategy": SAMPLING_STRATEGY_FORMS,
        "random_state": ["random_state"],
        "k_neighbors": [Interval(numbers.Integral, 1, None)],
        "n_jobs": [numbers.Integral, None],
    }

    def __init__(
        self,
        categorical_encoder: Any = None,
        *,
        sampling_strategy: Any = "auto",
        random_state: Any = None,
        k_neighbors: int = 5,
        n_jobs: int | None = None,
    ) -> None:
        self.categorical_encoder = categorical_encoder
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.k_neighbors = k_neighbors
        self.n_jobs = n_jobs

    def fit_resample(self, X: Any, y: Any) -> tuple[Any, Any]:
        """Resample the data set; see :meth:`BaseSampler.fit_resample`.

        Parameters
        ----------
        X : {array-like, DataFrame} of shape (n_samples, n_features)
            Categorical features. Never modified.
        y : array-like or Series of shape (n_samples,)
            Class labels of any type.

        Returns
        -------
        X_resampled : same kind as X
            Input rows first, in order, then the new rows.
        y_resampled : same kind as y
            Labels of the output rows.
        """
        return _resample_keeping_lists(super().fit_resample, X, y)

    def _fit_resample(self, X: Any, y: np.ndarray) -> Resampled:
        k = int(self.k_neighbors)
        check_class_sizes(y, self.sampling_strategy_, k)
        columns = np.arange(X.shape[1])
        self.categorical_encoder_, codes = fit_codes(
            self.categorical_encoder, X, columns
        )
        classes, class_codes, _ = encode_labels(y)
        tables = class_probabilities(codes, class_codes, len(classes))
        rng = as_generator(self.random_state)

        synthetic, labels = [], []
        strategy = self.sampling_strategy_
        for label, rows, n_new in grown_classes(classes, class_codes, strategy):
            neighbors = vdm_neighbors(codes[rows], tables, k, self.n_jobs)
            origins = rng.integers(len(rows), size=n_new)
            voters = np.column_stack([origins, neighbors[origins]])
            priorities = rng.random(voters.shape)

            new_rows = empty_rows(X, n_new)
            for position in columns:
                winners = vote(codes[rows, position], voters, priorities)
                new_rows[:, position] = gather_values(X, rows[winners], position)
            synthetic.append(finish_rows(X, new_rows))
            labels.append(np.full(n_new, label, dtype=y.dtype))

        return synthetic_result(len(y), synthetic, labels)


def mixed_neighbors(
    numeric: np.ndarray,
    codes: np.ndarray,
    penalty: float,
    n_neighbors: int,
    search: Any = None,
    n_jobs: int | None = None,
) -> np.ndarray:
    """Each row's nearest neighbours under the SMOTE-NC distance.

    Without ``search``, the exact blocked search of
    :func:`._categories.mixed_distance_neighbors` runs on the codes. With it,
    the estimator runs in :func:`imbalance.neighbors.kneighbors` on a CSR
    encoding whose Euclidean distance is the same metric (imbalanced-learn's
    scaled one-hot, stored sparse): the numeric values and, per categorical
    column, one entry ``penalty / sqrt(2)`` in the column of the row's
    category, so each row stores ``n_numeric + n_categorical`` entries
    whatever the number of categories.

    Parameters
    ----------
    numeric : ndarray of shape (n_rows, n_numeric)
        Numeric columns of the class.
    codes : ndarray of int of shape (n_rows, n_categorical)
        Category codes of the class.
    penalty : float
        Distance contributed by one categorical mismatch.
    n_neighbors : int
        Neighbours per row, the row itself not counted.
    search : estimator or None, default=None
        A search estimator for :func:`imbalance.neighbors.kneighbors`.
    n_jobs : int or None, default=None
        Threads of the search.

    Returns
    -------
    ndarray of intp of shape (n_rows, n_neighbors)
        Positions of the neighbours, sorted by (distance, index) (as the
        estimator orders them, with ``search``).
    """
    if search is None:
        return mixed_distance_neighbors(numeric, codes, penalty, n_neighbors, n_jobs)
    n_rows, n_numeric = numeric.shape
    local = np.column_stack([factorize(codes[:, j]) for j in range(codes.shape[1])])
    widths = local.max(axis=0) + 1
    offsets = n_numeric + np.concatenate([[0], np.cumsum(widths)[:-1]])
    columns = np.hstack(
        [np.broadcast_to(np.arange(n_numeric), (n_rows, n_numeric)), local + offsets]
    )
    values = np.hstack(
        [numeric.astype(np.float64), np.full(local.shape, penalty / np.sqrt(2.0))]
    )
    per_row = columns.shape[1]
    encoded = sp.csr_matrix(
        (values.ravel(), columns.ravel(), np.arange(0, n_rows * per_row + 1, per_row)),
        shape=(n_rows, n_numeric + int(widths.sum())),
    )
    return kneighbors(
        encoded, n_neighbors, search=search, n_jobs=n_jobs, return_distance=False
    )


def fit_codes(encoder: Any, X: Any, columns: np.ndarray) -> tuple[Any, np.ndarray]:
    """The category codes of ``columns``, through a clone of ``encoder`` if given.

    Returns the fitted clone (or None) and the codes.
    """
    if encoder is None:
        return None, category_codes(X, columns)
    fitted = clone(encoder)
    part = X.iloc[:, columns] if hasattr(X, "iloc") else X[:, columns]
    encoded = fitted.fit_transform(part)
    n_out = encoded.shape[1] if getattr(encoded, "ndim", 2) == 2 else 1
    if sp.issparse(encoded) or n_out != len(columns):
        raise ValueError(
            f"categorical_encoder must map each categorical column to one code "
            f"column (like OrdinalEncoder); {type(encoder).__name__} gave {n_out} "
            f"column(s) for {len(columns)}. Categories are compared as codes here, "
            "so no one-hot encoder is needed: leave categorical_encoder=None."
        )
    encoded = np.asarray(encoded)
    codes = np.column_stack([factorize(encoded[:, j]) for j in range(n_out)])
    return fitted, codes


def empty_rows(X: Any, n_rows: int) -> np.ndarray:
    """An array for new rows: the dtype of a NumPy ``X``, else object."""
    if isinstance(X, np.ndarray) and X.dtype.kind not in "USO":
        return np.empty((n_rows, X.shape[1]), dtype=X.dtype)
    return np.empty((n_rows, X.shape[1]), dtype=object)


def finish_rows(X: Any, new_rows: np.ndarray) -> np.ndarray:
    """New rows in the dtype kind of a NumPy string ``X`` (wide enough)."""
    if isinstance(X, np.ndarray) and X.dtype.kind in "US":
        return new_rows.astype(str if X.dtype.kind == "U" else bytes)
    return new_rows


def _resample_keeping_lists(fit_resample, X, y):
    # Rows given as lists may mix numbers and strings; an object array keeps
    # each value's type, where numpy.asarray would turn numbers into strings.
    if isinstance(X, (list, tuple)):
        X_res, y_res = fit_resample(np.array(X, dtype=object), y)
        return X_res.tolist(), y_res
    return fit_resample(X, y)
