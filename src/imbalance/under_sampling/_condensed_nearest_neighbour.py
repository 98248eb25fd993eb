"""Prototype selection by condensing: keep the rows a nearest-neighbour rule needs.

:class:`CondensedNearestNeighbour` runs Hart's condensing rule (see
:mod:`._condensation`); :class:`OneSidedSelection` makes one condensing step
and then removes Tomek links. Both start from the same store: every row of
the classes that are not condensed, and a few random seed rows of each class
that is.
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping
from typing import Any

import numpy as np
from sklearn.neighbors import KNeighborsClassifier, NearestNeighbors

from .._validation import Interval, as_generator, encode_labels, plain_label
from ..base import BaseSampler, Resampled
from ..neighbors import kneighbors
from ..strategy import resolve_sampling_strategy
from ._cleaning import (
    CLEANING_STRATEGY_FORMS,
    cleaned_classes,
    majority_vote,
    minority_code,
)
from ._condensation import condense
from ._tomek_links import tomek_link_mask

__all__ = ["CondensedNearestNeighbour", "OneSidedSelection"]

_VOTERS_FORMS = [None, Interval(numbers.Integral, 1, None), "has:kneighbors"]


def _voters(sampler: BaseSampler) -> tuple[int, Any]:
    """``(n_voters, search)`` from ``n_neighbors``: None, an int or an estimator.

    As in imbalanced-learn, an estimator's own ``n_neighbors`` is the number
    of voters (the rows judged are never in the store, so nothing is left
    out for the row itself).
    """
    value = sampler.n_neighbors
    if value is None:
        return 1, None
    if isinstance(value, numbers.Integral):
        return int(value), None
    counted = getattr(value, "n_neighbors", None)
    if isinstance(counted, bool) or not isinstance(counted, numbers.Integral):
        raise ValueError(
            f"The estimator given as n_neighbors of {type(sampler).__name__} must "
            f"have an int n_neighbors attribute; {type(value).__name__} has "
            f"{counted!r}."
        )
    if counted < 1:
        raise ValueError(
            f"n_neighbors={type(value).__name__}(n_neighbors={counted}) of "
            f"{type(sampler).__name__} leaves no voter. Set it to at least 1."
        )
    if isinstance(value, KNeighborsClassifier):
        # The search runs on rows alone; keep the classifier's search settings.
        shared = NearestNeighbors().get_params()
        value = NearestNeighbors(
            **{key: v for key, v in value.get_params().items() if key in shared}
        )
    return int(counted), value


def _condensed_classes(classes: np.ndarray, sizes: np.ndarray, strategy: dict):
    """Classes to condense: those the strategy selects, except the minority.

    As in imbalanced-learn, the minority class is always kept whole: it is
    what the other classes are condensed against.
    """
    condensed = cleaned_classes(classes, strategy)
    condensed[minority_code(sizes)] = False
    return condensed


def _check_start(sampler: BaseSampler, y: np.ndarray) -> None:
    """Refuse seeds or voters that the classes cannot supply, before any work."""
    owner = type(sampler).__name__
    strategy = resolve_sampling_strategy(sampler.sampling_strategy, y, "clean-sampling")
    classes, _, sizes = encode_labels(y)
    condensed = _condensed_classes(classes, sizes, strategy)
    for label, size in zip(classes[condensed], sizes[condensed]):
        if size < sampler.n_seeds_S:
            raise ValueError(
                f"n_seeds_S={sampler.n_seeds_S} needs at least {sampler.n_seeds_S} "
                f"rows in class {plain_label(label)!r}, which {owner} condenses; it "
                f"has {size}. Lower n_seeds_S."
            )
    n_voters, _ = _voters(sampler)
    n_start = int(sizes[~condensed].sum()) + sampler.n_seeds_S * int(condensed.sum())
    if n_start < n_voters:
        raise ValueError(
            f"When n_neighbors={n_voters}, the starting rows of {owner} (every row "
            "of the classes not condensed plus n_seeds_S rows of each condensed "
            f"class) cannot be fewer than {n_voters}; there are {n_start}. Raise "
            "n_seeds_S or lower n_neighbors."
        )


def _starting_store(
    codes: np.ndarray, condensed: np.ndarray, n_seeds: int, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Rows the store starts with, and the candidates, both in increasing order.

    The store holds every row of the classes not condensed and ``n_seeds``
    rows drawn at random, without replacement, from each condensed class.
    """
    in_store = ~condensed[codes]
    for code in np.flatnonzero(condensed):
        rows = np.flatnonzero(codes == code)
        in_store[rng.choice(rows, size=n_seeds, replace=False)] = True
    return np.flatnonzero(in_store), np.flatnonzero(~in_store)


class CondensedNearestNeighbour(BaseSampler):
    """Keep only the rows a nearest-neighbour rule needs (Hart's CNN).

    The kept rows (the store) start as every row of the classes left
    untouched by ``sampling_strategy``, every row of the minority class
    (which, as in imbalanced-learn, is never condensed) and ``n_seeds_S``
    random rows of each condensed class. The other rows are examined in
    their input order: a row joins the store when the vote of its
    ``n_neighbors`` nearest rows in the store misclassifies it. Passes
    repeat until one adds nothing (or ``max_passes``), so that a
    nearest-neighbour classifier fitted on the kept rows classifies every
    removed row correctly. Rows deep inside their class go; rows near the
    borders stay.

    The rule is computed exactly, without refitting a classifier per row:
    the same rows are kept as by a literal row-by-row implementation, at a
    fraction of the cost.

    Parameters
    ----------
    sampling_strategy : str, list or callable, default="auto"
        The classes to condense: a word (``"auto"`` means every class but
        the minority), a list of classes, or a callable; see
        :func:`imbalance.strategy.resolve_sampling_strategy`. The minority
        class is kept whole even when selected.
    random_state : int, Generator, RandomState or None, default=None
        Seed of the draw of the seed rows.
    n_neighbors : int, estimator or None, default=None
        Voters of the nearest-neighbour rule; ``None`` means 1 (Hart's
        rule). An estimator with a ``kneighbors`` method (such as
        :class:`sklearn.neighbors.KNeighborsClassifier`) is used for the
        search over the store, and its own ``n_neighbors`` is the number of
        voters, as in imbalanced-learn.
    n_seeds_S : int, default=1
        Random rows of each condensed class the store starts with.
    n_jobs : int, default=None
        Threads for the neighbour search; ``None`` means 1, ``-1`` all cores.
        Never changes the result.
    max_passes : int or None, default=None
        Most passes over the rows; ``None`` means until a pass adds nothing.
    target_size : int, dict or None, default=None
        Rows to keep of each condensed class (an int for all of them, or a
        dict ``{class: count}``). Condensing stops taking rows of a class
        once it holds that many; a class that condensing leaves smaller is
        topped up with its removed rows nearest to a kept row of another
        class (the class border), nearest first, ties by row position. The
        class then holds exactly ``target_size`` rows, and the guarantee
        above no longer holds. ``None`` keeps what condensing keeps.

    Attributes
    ----------
    sampling_strategy_ : dict
        Current size of each selected class.
    n_passes_ : int
        Passes made over the rows. The work ends without a further pass when
        no row's answer can have changed since it was last examined (always
        after the first pass when a single class is condensed).
    sample_indices_ : ndarray of int
        Positions of the kept rows in the input, in increasing order.
    generated_mask_ : ndarray of bool
        All False: no row is added.
    n_features_in_ : int
        Number of features.

    See Also
    --------
    OneSidedSelection : One condensing step followed by Tomek links.
    EditedNearestNeighbours : Remove rows that disagree with their neighbours.

    Notes
    -----
    Equal distances go to the row that entered the store first. When
    identical rows carry different labels, no store can classify them all
    correctly; the rule then keeps every copy that it misclassified, and
    the guarantee holds for all other removed rows.

    imbalanced-learn condenses each class against the minority alone, so
    with more than two classes its removed rows may be misclassified by the
    kept rows of a third class. Here all condensed classes share one store.

    References
    ----------
    .. [1] P. Hart, "The Condensed Nearest Neighbor Rule", IEEE Transactions
       on Information Theory, 14 (1968) 515-516.

    Examples
    --------
    >>> import numpy as np
    >>> from imbalance.under_sampling import CondensedNearestNeighbour
    >>> rng = np.random.default_rng(0)
    >>> X = np.concatenate([rng.normal(0, 1, (90, 2)), rng.normal(3, 1, (10, 2))])
    >>> y = np.array([0] * 90 + [1] * 10)
    >>> cnn = CondensedNearestNeighbour(random_state=0)
    >>> X_res, y_res = cnn.fit_resample(X, y)
    >>> int((y_res == 0).sum()) < 90, int((y_res == 1).sum())
    (True, 10)
    """

    _sampling_type = "clean-sampling"
    _parameter_constraints = {
        "sampling_strategy": CLEANING_STRATEGY_FORMS,
        "random_state": ["random_state"],
        "n_neighbors": _VOTERS_FORMS,
        "n_seeds_S": [Interval(numbers.Integral, 1, None)],
        "n_jobs": [numbers.Integral, None],
        "max_passes": [None, Interval(numbers.Integral, 1, None)],
        "target_size": [None, Interval(numbers.Integral, 1, None), dict],
    }

    def __init__(
        self,
        *,
        sampling_strategy: Any = "auto",
        random_state: Any = None,
        n_neighbors: Any = None,
        n_seeds_S: int = 1,
        n_jobs: int | None = None,
        max_passes: int | None = None,
        target_size: int | Mapping | None = None,
    ) -> None:
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.n_neighbors = n_neighbors
        self.n_seeds_S = n_seeds_S
        self.n_jobs = n_jobs
        self.max_passes = max_passes
        self.target_size = target_size

    def _check_params(self, X: Any, y: np.ndarray) -> None:
        _check_start(self, y)
        self._targets(y)

    def _targets(self, y: np.ndarray) -> np.ndarray | None:
        """Rows to keep per class code (-1: no target), checked against the data."""
        if self.target_size is None:
            return None
        strategy = resolve_sampling_strategy(
            self.sampling_strategy, y, "clean-sampling"
        )
        classes, _, sizes = encode_labels(y)
        labels = [plain_label(label) for label in classes]
        condensed = _condensed_classes(classes, sizes, strategy)
        names = [label for label, chosen in zip(labels, condensed) if chosen]
        wanted = self.target_size
        if not isinstance(wanted, Mapping):
            wanted = {label: wanted for label in names}
        targets = np.full(len(classes), -1, dtype=np.intp)
        for label, count in wanted.items():
            if label not in names:
                raise ValueError(
                    f"target_size names class {label!r}, which is not condensed "
                    f"(the condensed classes are {names}; the minority is always "
                    "kept whole). When a class is not condensed, target_size "
                    "cannot name it."
                )
            code = labels.index(label)
            if not self.n_seeds_S <= count <= sizes[code]:
                raise ValueError(
                    f"target_size asks for {count!r} rows of class {label!r}; it "
                    f"must be a whole number from n_seeds_S={self.n_seeds_S} to "
                    f"the class's {sizes[code]} rows."
                )
            targets[code] = int(count)
        return targets

    def _fit_resample(self, X: Any, y: np.ndarray) -> Resampled:
        classes, codes, sizes = encode_labels(y)
        condensed = _condensed_classes(classes, sizes, self.sampling_strategy_)
        n_voters, search = _voters(self)
        targets = self._targets(y)
        rng = as_generator(self.random_state)
        initial, candidates = _starting_store(codes, condensed, self.n_seeds_S, rng)

        limits = None if targets is None else np.where(targets >= 0, targets, len(y))
        kept, self.n_passes_ = condense(
            X,
            codes,
            len(classes),
            initial,
            candidates,
            n_neighbors=n_voters,
            limits=limits,
            max_passes=self.max_passes,
            search=search,
            n_jobs=self.n_jobs,
        )
        if targets is not None:
            kept = _top_up(X, codes, kept, targets, self.n_jobs)
        return Resampled(kept)


def _top_up(X, codes, kept, targets, n_jobs) -> np.ndarray:
    """Add back removed rows of the classes below target, border rows first."""
    is_kept = np.zeros(len(codes), dtype=bool)
    is_kept[kept] = True
    extra = []
    for code in np.flatnonzero(targets >= 0):
        missing = targets[code] - int((codes[kept] == code).sum())
        if missing <= 0:
            continue
        removed = np.flatnonzero(~is_kept & (codes == code))
        enemies = kept[codes[kept] != code]
        distances = kneighbors(X[enemies], 1, query=X[removed], n_jobs=n_jobs)[0]
        order = np.lexsort((removed, distances[:, 0]))
        extra.append(removed[order[:missing]])
    return np.sort(np.concatenate([kept, *extra]))


class OneSidedSelection(BaseSampler):
    """One condensing step, then removal of Tomek links (OSS).

    The store starts as in :class:`CondensedNearestNeighbour`: every row of
    the classes left untouched and of the minority class, plus ``n_seeds_S``
    random rows of each condensed class. Each other row of the condensed
    classes is classified once by a nearest-neighbour vote over that
    starting store; the misclassified rows are kept with it. Then the rows
    of the selected classes that form Tomek links among the kept rows are
    removed, except where that would remove a whole class (a class condensed
    to a lone seed row easily forms a link with a far row of another class).

    Parameters
    ----------
    sampling_strategy : str, list or callable, default="auto"
        The classes to condense: a word (``"auto"`` means every class but
        the minority), a list of classes, or a callable; see
        :func:`imbalance.strategy.resolve_sampling_strategy`.
    random_state : int, Generator, RandomState or None, default=None
        Seed of the draw of the seed rows.
    n_neighbors : int, estimator or None, default=None
        Voters of the nearest-neighbour vote; ``None`` means 1. An estimator
        with a ``kneighbors`` method is used for the search, and its own
        ``n_neighbors`` is the number of voters, as in imbalanced-learn.
    n_seeds_S : int, default=1
        Random rows of each condensed class the store starts with.
    n_jobs : int, default=None
        Threads for the neighbour search; ``None`` means 1, ``-1`` all cores.
        Never changes the result.

    Attributes
    ----------
    sampling_strategy_ : dict
        Current size of each selected class.
    sample_indices_ : ndarray of int
        Positions of the kept rows in the input, in increasing order.
    generated_mask_ : ndarray of bool
        All False: no row is added.
    n_features_in_ : int
        Number of features.

    See Also
    --------
    CondensedNearestNeighbour : The full condensing rule.
    TomekLinks : The cleaning step on its own.

    Notes
    -----
    With two classes and ``sampling_strategy="auto"`` this is the rule of
    imbalanced-learn. With more classes, imbalanced-learn classifies each
    class against the minority alone; here the starting store holds every
    class. Seeds are drawn without replacement, so a row is never kept
    twice. imbalanced-learn lets the Tomek step remove the last rows of a
    class; here such a class keeps them.

    References
    ----------
    .. [1] M. Kubat and S. Matwin, "Addressing the Curse of Imbalanced
       Training Sets: One-Sided Selection", ICML (1997) 179-186.

    Examples
    --------
    >>> import numpy as np
    >>> from imbalance.under_sampling import OneSidedSelection
    >>> rng = np.random.default_rng(0)
    >>> X = np.concatenate([rng.normal(0, 1, (90, 2)), rng.normal(3, 1, (10, 2))])
    >>> y = np.array([0] * 90 + [1] * 10)
    >>> oss = OneSidedSelection(random_state=0)
    >>> X_res, y_res = oss.fit_resample(X, y)
    >>> int((y_res == 0).sum()) < 90, int((y_res == 1).sum())
    (True, 10)
    """

    _sampling_type = "clean-sampling"
    _parameter_constraints = {
        "sampling_strategy": CLEANING_STRATEGY_FORMS,
        "random_state": ["random_state"],
        "n_neighbors": _VOTERS_FORMS,
        "n_seeds_S": [Interval(numbers.Integral, 1, None)],
        "n_jobs": [numbers.Integral, None],
    }

    def __init__(
        self,
        *,
        sampling_strategy: Any = "auto",
        random_state: Any = None,
        n_neighbors: Any = None,
        n_seeds_S: int = 1,
        n_jobs: int | None = None,
    ) -> None:
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.n_neighbors = n_neighbors
        self.n_seeds_S = n_seeds_S
        self.n_jobs = n_jobs

    def _check_params(self, X: Any, y: np.ndarray) -> None:
        _check_start(self, y)

    def _fit_resample(self, X: Any, y: np.ndarray) -> Resampled:
        classes, codes, sizes = encode_labels(y)
        cleaned = cleaned_classes(classes, self.sampling_strategy_)
        condensed = _condensed_classes(classes, sizes, self.sampling_strategy_)
        n_voters, search = _voters(self)
        rng = as_generator(self.random_state)
        initial, candidates = _starting_store(codes, condensed, self.n_seeds_S, rng)

        kept = initial
        if candidates.size:
            neighbors = kneighbors(
                X[initial],
                n_voters,
                query=X[candidates],
                search=search,
                n_jobs=self.n_jobs,
                return_distance=False,
            )
            votes = majority_vote(codes[initial][neighbors], len(classes))
            kept = np.union1d(initial, candidates[votes != codes[candidates]])

        in_link = tomek_link_mask(X[kept], codes[kept], n_jobs=self.n_jobs)
        removed = in_link & cleaned[codes[kept]]
        kept_codes = codes[kept]
        emptied = np.bincount(kept_codes[~removed], minlength=len(classes)) == 0
        removed &= ~emptied[kept_codes]
        return Resampled(kept[~removed])
