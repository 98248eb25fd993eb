"""SMOTE: new minority rows on the segments between neighbouring minority rows.

Besides :class:`SMOTE` itself, this module holds the plain functions every
numeric SMOTE variant (and SMOTENC) builds on:

- :func:`check_class_sizes` refuses, before any work, a class too small for
  the neighbours asked for;
- :func:`draw_segments` picks, for each new row, an origin row and one of its
  neighbours;
- :func:`share_out` splits a number of new rows in proportion to weights;
- :func:`interpolate` places the new rows on those segments, for dense and
  CSR sparse data alike, in the data's own dtype.
"""

from __future__ import annotations

import numbers
from collections.abc import Iterator
from typing import Any

import numpy as np
import scipy.sparse as sp

from .._validation import Interval, as_generator, encode_labels, plain_label
from ..base import BaseSampler, Resampled
from ..neighbors import kneighbors, neighbors_from_param
from ._random_over_sampler import SAMPLING_STRATEGY_FORMS

__all__ = [
    "SMOTE",
    "check_class_sizes",
    "draw_segments",
    "interpolate",
    "share_out",
    "synthetic_result",
]

#: Constraint of a neighbour parameter: a count or a search estimator.
NEIGHBORS_FORMS = [Interval(numbers.Integral, 1, None), "has:kneighbors"]

#: Rows per block when building dense synthetic rows (bounds temporaries).
_BLOCK_ROWS = 65536


def check_class_sizes(
    y: np.ndarray,
    sampling_strategy: dict,
    n_neighbors: int,
    *,
    param: str = "k_neighbors",
) -> None:
    """Refuse a class that is grown but has too few rows for its neighbours.

    A row's ``n_neighbors`` nearest neighbours within its own class exist only
    if the class has at least ``n_neighbors + 1`` rows.

    Parameters
    ----------
    y : ndarray of shape (n_samples,)
        Class labels.
    sampling_strategy : dict
        Rows to add per class (a resolved ``sampling_strategy_``); classes
        with nothing to add are not checked.
    n_neighbors : int
        Neighbours each row of a grown class needs, itself not counted.
    param : str, default="k_neighbors"
        Name of the parameter that set ``n_neighbors``, for the message.

    Raises
    ------
    ValueError
        Naming the class, its size, the parameter and the fixes.

    Examples
    --------
    >>> y = np.array(["bought"] * 3 + ["left"] * 20)
    >>> check_class_sizes(y, {"bought": 17}, 5)
    Traceback (most recent call last):
    ...
    ValueError: k_neighbors=5 needs at least 6 samples of class 'bought'; it has 3. ...
    """
    classes, _, counts = encode_labels(np.asarray(y))
    size_of = {plain_label(label): int(n) for label, n in zip(classes, counts)}
    for label, n_new in sampling_strategy.items():
        size = size_of[plain_label(label)]
        if n_new == 0 or size > n_neighbors:
            continue
        lower = f" to at most {size - 1}" if size > 1 else ""
        raise ValueError(
            f"{param}={n_neighbors} needs at least {n_neighbors + 1} samples of "
            f"class {plain_label(label)!r}; it has {size}. Lower {param}{lower} "
            "or use RandomOverSampler."
        )


def draw_segments(
    neighbor_indices: np.ndarray,
    n_new: int,
    rng: np.random.Generator,
    origins: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Pick the origin row and the neighbour of each new row.

    Parameters
    ----------
    neighbor_indices : ndarray of int of shape (n_origins, k)
        Row ``i`` lists the neighbours of origin ``i`` (positions in whatever
        array the targets are taken from).
    n_new : int
        Number of new rows.
    rng : numpy.random.Generator
        Source of randomness.
    origins : ndarray of int of shape (n_new,), optional
        Origin of each new row, as positions into ``neighbor_indices``. When
        omitted, each origin is drawn uniformly.

    Returns
    -------
    origins : ndarray of int of shape (n_new,)
        Row of ``neighbor_indices`` each new row starts from.
    targets : ndarray of int of shape (n_new,)
        The neighbour each new row moves towards, drawn uniformly among the
        origin's ``k`` neighbours.

    Examples
    --------
    >>> neighbors = np.array([[1, 2], [0, 2], [1, 0]])
    >>> origins, targets = draw_segments(neighbors, 4, np.random.default_rng(0))
    >>> bool(np.all(targets != origins))
    True
    """
    n_origins, k = neighbor_indices.shape
    if origins is None:
        origins = rng.integers(n_origins, size=n_new)
    choices = rng.integers(k, size=n_new)
    return origins, neighbor_indices[origins, choices]


def share_out(n_total: int, weights: np.ndarray) -> np.ndarray:
    """Whole numbers proportional to ``weights`` that add up to ``n_total``.

    Each share is rounded down, and the rows left over go one each to the
    largest remainders (ties to the earlier position), so the result is
    deterministic and sums exactly to ``n_total``.

    Parameters
    ----------
    n_total : int
        Number to share out.
    weights : ndarray of float of shape (n,)
        Non-negative weights with a positive sum.

    Returns
    -------
    ndarray of int of shape (n,)

    Examples
    --------
    >>> share_out(10, np.array([1.0, 1.0, 1.0])).tolist()
    [4, 3, 3]
    >>> share_out(5, np.array([0.0, 3.0, 1.0])).tolist()
    [0, 4, 1]
    """
    exact = n_total * weights / weights.sum()
    shares = np.floor(exact).astype(np.intp)
    left_over = n_total - int(shares.sum())
    if left_over > 0:
        order = np.argsort(-(exact - shares), kind="stable")
        shares[order[:left_over]] += 1
    return shares


def interpolate(
    origin_rows: Any,
    origins: np.ndarray,
    target_rows: Any,
    targets: np.ndarray,
    steps: np.ndarray,
) -> Any:
    """New rows ``o + step * (t - o)`` between origin rows and target rows.

    This is the SMOTE kernel: a step in [0, 1) places the new row on the
    segment from its origin to its target; a negative step moves it away from
    the target (extrapolation, as SVMSMOTE does for safe rows).

    Parameters
    ----------
    origin_rows : ndarray or CSR matrix of shape (n_rows, n_features)
        Rows the new rows start from.
    origins : ndarray of int of shape (n_new,)
        For each new row, its origin's position in ``origin_rows``.
    target_rows : ndarray or CSR matrix of shape (n_targets, n_features)
        Rows the new rows move towards (may be ``origin_rows`` itself); same
        kind and dtype as ``origin_rows``.
    targets : ndarray of int of shape (n_new,)
        For each new row, its target's position in ``target_rows``.
    steps : ndarray of float of shape (n_new,)
        Fraction of the way from origin to target.

    Returns
    -------
    ndarray or CSR matrix of shape (n_new, n_features)
        The new rows, of the input's kind and dtype. Dense and sparse input
        give bit-identical values; sparse output stores no explicit zeros and
        its memory is linear in the output.

    Examples
    --------
    >>> rows = np.array([[0.0, 0.0], [2.0, 4.0]])
    >>> interpolate(rows, np.array([0]), rows, np.array([1]), np.array([0.5]))
    array([[1., 2.]])
    """
    steps = np.asarray(steps, dtype=np.float64)
    if sp.issparse(origin_rows):
        return _interpolate_sparse(origin_rows, origins, target_rows, targets, steps)

    n_new = len(origins)
    new_rows = np.empty((n_new, origin_rows.shape[1]), dtype=origin_rows.dtype)
    for start in range(0, n_new, _BLOCK_ROWS):
        block = slice(start, start + _BLOCK_ROWS)
        base = origin_rows[origins[block]]
        out = new_rows[block]
        np.take(target_rows, targets[block], axis=0, out=out)
        out -= base
        out *= steps[block, None]
        out += base
    return new_rows


def _interpolate_sparse(origin_rows, origins, target_rows, targets, steps):
    # Same float operations as the dense path, entry by entry: t - o, then
    # times the step, then plus o; zeros in the result are dropped by scipy.
    base = sp.csr_matrix(origin_rows[origins])
    difference = sp.csr_matrix(target_rows[targets]) - base
    difference.data *= np.repeat(steps, np.diff(difference.indptr))
    new_rows = base + difference
    return new_rows.astype(origin_rows.dtype, copy=False)


class SMOTE(BaseSampler):
    """Synthetic Minority Over-sampling TEchnique.

    Each new row of a grown class is placed at a uniform random point of the
    segment between a row of that class and one of its ``k_neighbors``
    nearest neighbours within the class. Every grown class of a multiclass
    problem is handled on its own, with its own neighbours.

    .. warning::
       Resample only the training data. Synthetic rows made from rows that
       later sit in the test fold leak it into training; put the sampler in
       :class:`imbalance.pipeline.Pipeline` inside cross-validation.

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable, default="auto"
        Which classes to grow and to what size; see
        :func:`imbalance.strategy.resolve_sampling_strategy`. ``"auto"`` grows
        every class but the majority to the majority's size.
    random_state : int, Generator, RandomState or None, default=None
        Seed of the draws; the same seed gives the same rows.
    k_neighbors : int or estimator, default=5
        Number of nearest neighbours (within the class, the row itself not
        counted) to interpolate towards. An object with scikit-learn's
        ``kneighbors`` interface, such as
        ``sklearn.neighbors.NearestNeighbors(n_neighbors=6)``, runs the search
        instead; as in imbalanced-learn its ``n_neighbors`` counts the row
        itself, so 6 means 5 neighbours.
    n_jobs : int or None, default=None
        Threads for the neighbour search; ``-1`` uses every core. Never
        changes the result.

    Attributes
    ----------
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
    BorderlineSMOTE : Only grow from rows near the class border.
    ADASYN : Grow more from rows that are harder to learn.
    RandomOverSampler : Copies instead of new points; works on any class size.

    References
    ----------
    .. [1] N. V. Chawla, K. W. Bowyer, L. O. Hall and W. P. Kegelmeyer,
       "SMOTE: Synthetic Minority Over-sampling Technique", Journal of
       Artificial Intelligence Research 16 (2002) 321-357.

    Examples
    --------
    >>> import numpy as np
    >>> from imbalance.over_sampling import SMOTE
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(40, 2))
    >>> y = np.array([0] * 32 + [1] * 8)
    >>> sampler = SMOTE(k_neighbors=3, random_state=0)
    >>> X_res, y_res = sampler.fit_resample(X, y)
    >>> np.bincount(y_res).tolist()
    [32, 32]
    >>> int(sampler.generated_mask_.sum())
    24
    """

    _sampling_type = "over-sampling"
    _parameter_constraints = {
        "sampling_strategy": SAMPLING_STRATEGY_FORMS,
        "random_state": ["random_state"],
        "k_neighbors": NEIGHBORS_FORMS,
        "n_jobs": [numbers.Integral, None],
    }

    def __init__(
        self,
        *,
        sampling_strategy: Any = "auto",
        random_state: Any = None,
        k_neighbors: Any = 5,
        n_jobs: int | None = None,
    ) -> None:
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.k_neighbors = k_neighbors
        self.n_jobs = n_jobs

    def _fit_resample(self, X: Any, y: np.ndarray) -> Resampled:
        k, search = neighbors_from_param(self.k_neighbors, owner="SMOTE")
        check_class_sizes(y, self.sampling_strategy_, k)
        rng = as_generator(self.random_state)

        classes, codes, _ = encode_labels(y)
        synthetic, labels = [], []
        for label, rows, n_new in grown_classes(
            classes, codes, self.sampling_strategy_
        ):
            synthetic.append(
                smote_class(X[rows], k, n_new, rng, search=search, n_jobs=self.n_jobs)
            )
            labels.append(np.full(n_new, label, dtype=y.dtype))

        return synthetic_result(len(y), synthetic, labels)


def smote_class(
    class_rows: Any,
    n_neighbors: int,
    n_new: int,
    rng: np.random.Generator,
    *,
    search: Any = None,
    n_jobs: int | None = None,
) -> Any:
    """SMOTE among the rows of one class: their neighbours, then the new rows.

    Parameters
    ----------
    class_rows : ndarray or CSR matrix of shape (n_rows, n_features)
        The rows of the class (more than ``n_neighbors`` of them).
    n_neighbors : int
        Neighbours per row within the class, the row itself not counted.
    n_new : int
        New rows to make.
    rng : numpy.random.Generator
        Source of the draws.
    search : estimator or None, default=None
        Neighbour search estimator, as for :func:`imbalance.neighbors.kneighbors`.
    n_jobs : int or None, default=None
        Threads for the neighbour search.

    Returns
    -------
    ndarray or CSR matrix of shape (n_new, n_features)

    Examples
    --------
    >>> rows = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
    >>> smote_class(rows, 1, 4, np.random.default_rng(0)).shape
    (4, 2)
    """
    neighbors = kneighbors(
        class_rows, n_neighbors, search=search, n_jobs=n_jobs, return_distance=False
    )
    return segment_rows(class_rows, neighbors, n_new, rng)


def segment_rows(
    class_rows: Any,
    neighbor_indices: np.ndarray,
    n_new: int,
    rng: np.random.Generator,
    origins: np.ndarray | None = None,
) -> Any:
    """New rows on random segments from rows of a class to their neighbours.

    The segments are drawn with :func:`draw_segments`, then a uniform step
    in [0, 1) along each, so the draws come in that order from ``rng``.

    Parameters
    ----------
    class_rows : ndarray or CSR matrix of shape (n_rows, n_features)
        The rows of the class.
    neighbor_indices : ndarray of int of shape (n_rows, k)
        Each row's neighbours, as positions in ``class_rows``.
    n_new : int
        New rows to make.
    rng : numpy.random.Generator
        Source of the draws.
    origins : ndarray of int, optional
        Origin of each new row, as for :func:`draw_segments`.

    Returns
    -------
    ndarray or CSR matrix of shape (n_new, n_features)

    Examples
    --------
    >>> rows = np.array([[0.0], [2.0]])
    >>> new = segment_rows(rows, np.array([[1], [0]]), 3, np.random.default_rng(0))
    >>> bool(((new >= 0) & (new <= 2)).all()), new.shape
    (True, (3, 1))
    """
    origins, targets = draw_segments(neighbor_indices, n_new, rng, origins=origins)
    steps = rng.random(n_new)
    return interpolate(class_rows, origins, class_rows, targets, steps)


def grown_classes(
    classes: np.ndarray, codes: np.ndarray, sampling_strategy: dict
) -> Iterator[tuple[Any, np.ndarray, int]]:
    """Each class that ``sampling_strategy`` grows, with its rows and new count.

    Parameters
    ----------
    classes : ndarray
        The sorted classes, as :func:`~imbalance._validation.encode_labels`
        gives them.
    codes : ndarray of int of shape (n_samples,)
        Each row's position in ``classes``.
    sampling_strategy : dict
        Rows to add per class (plain labels); a class that is missing or
        set to 0 is skipped. It is read as the loop goes, so the caller may
        change the entry of a class it has handled.

    Yields
    ------
    label : label
        The class, as in ``classes``.
    rows : ndarray of int
        Positions of its rows, in increasing order.
    n_new : int
        Rows to add to it.

    Examples
    --------
    >>> classes, codes = np.array([3, 7]), np.array([0, 1, 0, 1])
    >>> [(int(c), r.tolist(), n) for c, r, n in grown_classes(classes, codes, {3: 2})]
    [(3, [0, 2], 2)]
    """
    for code, label in enumerate(classes):
        n_new = sampling_strategy.get(plain_label(label), 0)
        if n_new == 0:
            continue
        yield label, np.flatnonzero(codes == code), n_new


def grown_codes(classes: np.ndarray, sampling_strategy: dict) -> list[int]:
    """Positions in ``classes`` of the classes ``sampling_strategy`` grows.

    Parameters
    ----------
    classes : ndarray
        The sorted classes.
    sampling_strategy : dict
        Rows to add per class (plain labels); missing or 0 means not grown.

    Returns
    -------
    list of int

    Examples
    --------
    >>> grown_codes(np.array(["a", "b", "c"]), {"a": 0, "c": 4})
    [2]
    """
    return [
        code
        for code, label in enumerate(classes)
        if sampling_strategy.get(plain_label(label), 0)
    ]


def synthetic_result(
    n_samples: int, synthetic: list, labels: list[np.ndarray]
) -> Resampled:
    """Every input row kept in order, then the synthetic blocks in order.

    Parameters
    ----------
    n_samples : int
        Number of input rows.
    synthetic : list of ndarray or CSR matrix
        Blocks of new rows (may be empty).
    labels : list of ndarray
        The label array of each block.

    Returns
    -------
    Resampled

    Examples
    --------
    >>> result = synthetic_result(2, [np.zeros((1, 3))], [np.array([1])])
    >>> result.sample_indices.tolist(), result.X_synthetic.shape, result.n_original
    ([0, 1], (1, 3), 2)
    """
    kept = np.arange(n_samples)
    if not synthetic:
        return Resampled(kept, n_original=n_samples)
    if len(synthetic) == 1:
        X_synthetic = synthetic[0]
    elif sp.issparse(synthetic[0]):
        X_synthetic = sp.vstack(synthetic, format="csr")
    else:
        X_synthetic = np.concatenate(synthetic)
    return Resampled(
        kept,
        X_synthetic=X_synthetic,
        y_synthetic=np.concatenate(labels),
        n_original=n_samples,
    )
