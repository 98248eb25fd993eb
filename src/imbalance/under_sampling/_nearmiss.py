"""NearMiss: keep the majority rows that lie closest to the minority class.

Each shrunk class keeps the rows with the best score, where a row's score is
the sum of its distances to some minority rows:

- version 1: to its ``n_neighbors`` nearest minority rows; smallest sums kept;
- version 2: to its ``n_neighbors`` farthest minority rows; smallest sums kept;
- version 3: only rows among the ``n_neighbors_ver3`` nearest of some minority
  row are candidates; among them, the largest version-1 sums are kept.

Scores are exact float64 Euclidean distances, and equal scores are broken by
the smaller row position, so the selection is fully deterministic. Version 2
needs every row's farthest minority rows; it works through blocks of rows so
that memory stays bounded whatever the data size.
"""

from __future__ import annotations

import numbers
import warnings
from typing import Any

import numpy as np
import scipy.sparse as sp

from .._exceptions import ImbalanceWarning
from .._validation import Interval, Options, encode_labels, plain_label
from ..base import BaseSampler, Resampled
from ..neighbors import kneighbors, neighbors_from_param
from ..strategy import resolve_sampling_strategy
from ._random_under_sampler import SAMPLING_STRATEGY_FORMS, shrunk_classes

__all__ = ["NearMiss"]

# Cells of the distance block that version 2 holds at once (8 bytes each).
_BLOCK_CELLS = 2**22
# Pairs whose difference rows are held at once by the exact step.
_PAIRS_PER_STEP = 8192


class NearMiss(BaseSampler):
    """Shrink classes to the rows nearest the minority class (NearMiss 1, 2, 3).

    A deterministic prototype selection: every shrunk class keeps the rows
    whose distances to the minority class are the most telling, as many as
    ``sampling_strategy`` asks. Version 1 keeps the rows nearest their few
    nearest minority rows, version 2 the rows nearest to their farthest
    minority rows (close to the minority class as a whole), version 3 first
    shortlists the rows around each minority row and then keeps the ones
    farthest from it, which keeps the shrunk class spread along the border.

    .. warning::
       Resample only the training data; a test set must keep the real class
       proportions.

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable, default="auto"
        Which classes to shrink and to what size; see
        :func:`imbalance.strategy.resolve_sampling_strategy`. ``"auto"``
        shrinks every class but the minority to the minority's size.
    version : {1, 2, 3}, default=1
        The NearMiss variant, as described above.
    n_neighbors : int or estimator, default=3
        Minority rows each score is taken over. An estimator with a
        ``kneighbors`` method (such as
        :class:`sklearn.neighbors.NearestNeighbors`) is used for the nearest
        searches of versions 1 and 3, with its own ``n_neighbors`` as the
        count: the rows queried are not minority rows, so none is its own
        neighbour (imbalanced-learn's convention for NearMiss).
    n_neighbors_ver3 : int or estimator, default=3
        Version 3 only: how many nearest rows of the shrunk class each
        minority row shortlists. An estimator is read as for ``n_neighbors``.
    n_jobs : int, default=None
        Threads for the neighbour searches; ``None`` means 1 and ``-1`` all
        cores. Never changes the result.

    Attributes
    ----------
    sampling_strategy_ : dict
        Rows kept per shrunk class.
    sample_indices_ : ndarray of int
        Positions of the kept rows in the input, in increasing order.
    generated_mask_ : ndarray of bool
        All False: no rows are added.
    n_features_in_ : int
        Number of features.

    Warns
    -----
    ImbalanceWarning
        Version 3 only, when the shortlist of a class holds fewer rows than
        asked: the whole shortlist is kept and the class ends up smaller
        than ``sampling_strategy_`` says.

    See Also
    --------
    imbalance.under_sampling.RandomUnderSampler : Keep a random subset.

    Notes
    -----
    The minority class is the smallest class (the first in sorted order on a
    tie). When the minority class is itself shrunk, its rows are scored
    against the other minority rows, each row excluded from its own
    neighbours.

    References
    ----------
    .. [1] I. Mani and I. Zhang, "kNN approach to unbalanced data
       distributions: a case study involving information extraction", ICML
       Workshop on Learning from Imbalanced Datasets, 2003.

    Examples
    --------
    >>> import numpy as np
    >>> from imbalance.under_sampling import NearMiss
    >>> X = np.array([[0.0], [1.0], [2.0], [3.0], [9.0], [10.0]])
    >>> y = np.array([0, 0, 0, 0, 1, 1])
    >>> sampler = NearMiss(n_neighbors=1)
    >>> X_res, y_res = sampler.fit_resample(X, y)
    >>> X_res.ravel().tolist(), y_res.tolist()
    ([2.0, 3.0, 9.0, 10.0], [0, 0, 1, 1])
    """

    _sampling_type = "under-sampling"
    _parameter_constraints = {
        "sampling_strategy": SAMPLING_STRATEGY_FORMS,
        "version": [Options([1, 2, 3])],
        "n_neighbors": [Interval(numbers.Integral, 1, None), "has:kneighbors"],
        "n_neighbors_ver3": [Interval(numbers.Integral, 1, None), "has:kneighbors"],
        "n_jobs": [numbers.Integral, None],
    }

    def __init__(
        self,
        *,
        sampling_strategy: Any = "auto",
        version: int = 1,
        n_neighbors: Any = 3,
        n_neighbors_ver3: Any = 3,
        n_jobs: int | None = None,
    ) -> None:
        self.sampling_strategy = sampling_strategy
        self.version = version
        self.n_neighbors = n_neighbors
        self.n_neighbors_ver3 = n_neighbors_ver3
        self.n_jobs = n_jobs

    def _check_params(self, X: Any, y: np.ndarray) -> None:
        classes, _, counts = encode_labels(y)
        minority = classes[np.argmin(counts)]
        self._minority_label = minority
        self._nearest, self._nearest_search = _count_and_search(
            self.n_neighbors, "n_neighbors"
        )
        self._shortlist, self._shortlist_search = _count_and_search(
            self.n_neighbors_ver3, "n_neighbors_ver3"
        )
        shrunk = resolve_sampling_strategy(self.sampling_strategy, y, "under-sampling")
        size = dict(zip(map(plain_label, classes), counts.tolist()))
        n_minority = int(counts.min())
        rows = "rows"
        if plain_label(minority) in shrunk:  # a row is not its own neighbour
            n_minority, rows = n_minority - 1, "other rows"
        if self._nearest > n_minority:
            raise ValueError(
                f"n_neighbors={self._nearest} needs at least {self._nearest} "
                f"{rows} of the minority class {plain_label(minority)!r}; it "
                f"has {n_minority}. Lower n_neighbors to at most {n_minority}."
            )
        if self.version != 3:
            return
        for label in shrunk:
            available = size[label] - (label == minority)
            if self._shortlist > available:
                raise ValueError(
                    f"When version=3, n_neighbors_ver3={self._shortlist} needs at "
                    f"least {self._shortlist} rows of the shrunk class {label!r}; "
                    f"it has {available}. Lower n_neighbors_ver3 to at most "
                    f"{available}."
                )

    def _fit_resample(self, X: Any, y: np.ndarray) -> Resampled:
        classes, codes, _ = encode_labels(y)
        minority_rows = np.flatnonzero(y == self._minority_label)
        X_minority = X[minority_rows]
        keep = np.ones(len(y), dtype=bool)

        for label, rows, n_keep in shrunk_classes(
            classes, codes, self.sampling_strategy_
        ):
            is_minority = label == self._minority_label
            kept = self._select(X[rows], X_minority, n_keep, is_minority, label)
            keep[rows] = False
            keep[rows[kept]] = True

        return Resampled(np.flatnonzero(keep))

    def _select(self, X_class, X_minority, n_keep, is_minority, label):
        """Positions within the class of the rows it keeps."""
        if self.version == 1:
            scores = self._nearest_sums(X_class, X_minority, is_minority)
            return _best(scores, n_keep, largest=False)
        if self.version == 2:
            scores = farthest_distance_sums(
                X_class, X_minority, self._nearest, same_rows=is_minority
            )
            return _best(scores, n_keep, largest=False)

        shortlist = self._shortlist_rows(X_class, X_minority, is_minority)
        if shortlist.size <= n_keep:
            if shortlist.size == n_keep:
                return shortlist
            warnings.warn(
                f"NearMiss version 3 shortlisted {shortlist.size} rows of class "
                f"{plain_label(label)!r} (the n_neighbors_ver3="
                f"{self._shortlist} nearest of each minority row), fewer than the "
                f"{n_keep} asked; all of them are kept. Raise n_neighbors_ver3 "
                "to keep more.",
                ImbalanceWarning,
                stacklevel=4,
            )
            return shortlist
        scores = self._nearest_sums(
            X_class[shortlist], X_minority, is_minority, rows=shortlist
        )
        return shortlist[_best(scores, n_keep, largest=True)]

    def _nearest_sums(self, X_class, X_minority, is_minority, rows=None):
        """Each row's summed distance to its ``n_neighbors`` nearest minority rows."""
        if is_minority:  # the rows are minority rows: exclude each from itself
            where = {
                "query_indices": np.arange(X_class.shape[0]) if rows is None else rows
            }
        else:
            where = {"query": X_class}
        distances, _ = kneighbors(
            X_minority,
            self._nearest,
            search=self._nearest_search,
            n_jobs=self.n_jobs,
            **where,
        )
        return distances.sum(axis=1)

    def _shortlist_rows(self, X_class, X_minority, is_minority):
        """Sorted class positions that are near neighbours of some minority row."""
        where = {} if is_minority else {"query": X_minority}
        indices = kneighbors(
            X_class,
            self._shortlist,
            search=self._shortlist_search,
            n_jobs=self.n_jobs,
            return_distance=False,
            **where,
        )
        return np.unique(indices)


def _count_and_search(value, name):
    """Neighbour count and optional search estimator of a NearMiss parameter."""
    count, search = neighbors_from_param(value, name=name, owner="NearMiss")
    if search is not None:
        count += 1  # NearMiss queries other rows: the estimator's count is exact
    return count, search


def _best(scores, n_keep, *, largest):
    """Positions of the ``n_keep`` best scores; ties go to the smaller position."""
    order = np.argsort(-scores if largest else scores, kind="stable")
    return np.sort(order[:n_keep])


def farthest_distance_sums(rows, reference, n_farthest, *, same_rows=False):
    """Each row's summed distance to its ``n_farthest`` farthest reference rows.

    Works through blocks of rows, so memory is bounded by a block of
    distances and never grows with ``len(rows) * len(reference)``. Each block
    first ranks all pairs by a matrix-product estimate of the squared
    distance, keeps every pair that an error bound cannot rule out, and
    computes those pairs' distances exactly from their differences.

    Parameters
    ----------
    rows : ndarray or CSR matrix of shape (n_rows, n_features)
        The rows to score.
    reference : ndarray or CSR matrix of shape (n_reference, n_features)
        The rows to measure against.
    n_farthest : int
        How many of the farthest reference rows each sum covers.
    same_rows : bool, default=False
        Whether ``rows`` are ``reference`` itself, row for row; each row is
        then left out of its own sum.

    Returns
    -------
    ndarray of shape (n_rows,), float64
        The sums, adding the distances in increasing order.

    Examples
    --------
    >>> import numpy as np
    >>> reference = np.array([[0.0], [1.0], [5.0]])
    >>> farthest_distance_sums(np.array([[2.0]]), reference, 2).tolist()
    [5.0]
    """
    if sp.issparse(rows):
        estimate_rows, estimate_reference = rows, reference
    else:  # centring shrinks the rounding error of the estimate
        centre = reference.mean(axis=0, dtype=np.float64)
        estimate_rows = np.asarray(rows, dtype=np.float64) - centre
        estimate_reference = np.asarray(reference, dtype=np.float64) - centre
    reference_norms = _sq_norms(estimate_reference)
    block = max(1, _BLOCK_CELLS // max(reference.shape[0], 1))
    sums = np.empty(rows.shape[0])
    for start in range(0, rows.shape[0], block):
        part = slice(start, min(start + block, rows.shape[0]))
        own = np.arange(part.start, part.stop) if same_rows else None
        pair_rows, pair_refs = _candidate_pairs(
            estimate_rows[part], estimate_reference, reference_norms, n_farthest, own
        )
        exact = np.sqrt(_pair_sq_distances(rows[part], reference, pair_rows, pair_refs))
        sums[part] = _top_sums(pair_rows, exact, n_farthest, part.stop - part.start)
    return sums


def _sq_norms(A):
    if sp.issparse(A):
        return np.asarray(A.multiply(A).sum(axis=1), dtype=np.float64).ravel()
    return np.einsum("ij,ij->i", A, A)


def _candidate_pairs(block, reference, reference_norms, n_farthest, own):
    """Pairs whose exact distance may be among each row's ``n_farthest``."""
    block_norms = _sq_norms(block)
    estimate = block @ reference.T
    if sp.issparse(estimate):
        estimate = estimate.toarray()
    estimate = np.asarray(estimate, dtype=np.float64)
    estimate *= -2.0
    estimate += block_norms[:, None]
    estimate += reference_norms
    if own is not None:
        estimate[np.arange(len(own)), own] = -np.inf

    kth = np.partition(estimate, -n_farthest, axis=1)[:, -n_farthest]
    slack = _estimate_error(block_norms, reference_norms.max(), block.shape[1])
    return np.nonzero(estimate >= (kth - 2 * slack)[:, None])


def _top_sums(pair_rows, exact, n_farthest, n_rows):
    """Per row, its ``n_farthest`` largest distances summed in increasing order."""
    order = np.lexsort((-exact, pair_rows))
    first = np.searchsorted(pair_rows[order], np.arange(n_rows))
    take = order[first[:, None] + np.arange(n_farthest)[::-1]]
    return exact[take].sum(axis=1)


def _estimate_error(row_norms, max_reference_norm, n_features):
    """A bound on the rounding error of ``|a|^2 + |b|^2 - 2 a.b`` in float64."""
    unit = 2.0**-52
    return 4 * (n_features + 4) * unit * (row_norms + max_reference_norm) * 2


def _pair_sq_distances(A, B, a_rows, b_rows):
    """Squared distance of each pair ``(A[a_rows[p]], B[b_rows[p]])``, in steps.

    Computed from the float64 differences of the two rows, as the neighbour
    engine does, so a pair gets the same value here and there.
    """
    out = np.empty(len(a_rows))
    for start in range(0, len(a_rows), _PAIRS_PER_STEP):
        step = slice(start, start + _PAIRS_PER_STEP)
        if sp.issparse(A):
            diff = (A[a_rows[step]].astype(np.float64) - B[b_rows[step]]).tocsr()
            out[step] = np.asarray(diff.multiply(diff).sum(axis=1)).ravel()
        else:
            diff = A[a_rows[step]].astype(np.float64)
            diff -= B[b_rows[step]]
            out[step] = np.einsum("ij,ij->i", diff, diff)
    return out
