"""From ``sampling_strategy`` to a number of rows per class.

Every sampler takes a ``sampling_strategy`` in one of the forms users know from
imbalanced-learn, and :func:`resolve_sampling_strategy` turns it into a plain
``{class: count}`` dictionary whose meaning depends on the kind of sampler:

=================  ===========================================================
``sampling_type``  the count for each selected class
=================  ===========================================================
over-sampling      rows to **add** to the class
under-sampling     rows to **keep** from the class
clean-sampling     the class's current size (cleaning methods decide for
                   themselves which rows go; the dict only selects classes)
=================  ===========================================================

Classes missing from the result are left untouched. Every impossible request
is refused with a message naming the class, the counts and the way out.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Mapping
from typing import Any, Literal

import numpy as np

from ._validation import count_labels, plain_label

__all__ = [
    "SAMPLING_TYPES",
    "STRATEGY_WORDS",
    "class_counts",
    "resolve_from_counts",
    "resolve_sampling_strategy",
]

SamplingType = Literal["over-sampling", "under-sampling", "clean-sampling"]
SAMPLING_TYPES = ("over-sampling", "under-sampling", "clean-sampling")
STRATEGY_WORDS = ("auto", "all", "majority", "minority", "not majority", "not minority")


def class_counts(y: np.ndarray) -> dict[Any, int]:
    """Count the rows of each class, in sorted class order.

    Parameters
    ----------
    y : array-like of shape (n_samples,)
        Class labels of any type.

    Returns
    -------
    dict
        Class label (as a plain Python value) to its number of rows.

    Examples
    --------
    >>> class_counts(np.array(["b", "a", "b"]))
    {'a': 1, 'b': 2}
    """
    classes, counts = count_labels(np.asarray(y))
    return {plain_label(label): int(count) for label, count in zip(classes, counts)}


def _format_classes(classes: Any) -> str:
    return ", ".join(repr(label) for label in classes)


def _select_by_word(word: str, counts: dict, sampling_type: str) -> list:
    smallest = min(counts, key=counts.get)
    largest = max(counts, key=counts.get)
    if word == "auto":
        word = "not majority" if sampling_type == "over-sampling" else "not minority"
    if word == "minority" and sampling_type == "under-sampling":
        raise ValueError(
            "sampling_strategy='minority' asks an under-sampler to shrink the "
            f"minority class {smallest!r}, which is already the smallest. Use "
            "'majority', 'not minority' or 'auto'."
        )
    if word == "majority" and sampling_type == "over-sampling":
        raise ValueError(
            "sampling_strategy='majority' asks an over-sampler to grow the "
            f"majority class {largest!r}, which is already the largest. Use "
            "'minority', 'not majority' or 'auto'."
        )
    selection = {
        "all": list(counts),
        "majority": [largest],
        "minority": [smallest],
        "not majority": [label for label in counts if label != largest],
        "not minority": [label for label in counts if label != smallest],
    }
    return selection[word]


def _from_word(word: str, counts: dict, sampling_type: str) -> dict[Any, int]:
    selected = _select_by_word(word, counts, sampling_type)
    if sampling_type == "over-sampling":
        target = max(counts.values())
        return {label: target - counts[label] for label in selected}
    if sampling_type == "under-sampling":
        target = min(counts.values())
        return {label: target for label in selected}
    return {label: counts[label] for label in selected}


def _whole_rows(value: float) -> int:
    """Round a row count down, but not below an integer it misses by float error.

    ``0.29 * 100`` is ``28.999999999999996``: a plain ``int()`` would ask for
    28 rows where the user meant 29.
    """
    nearest = round(value)
    if abs(value - nearest) <= 1e-9 * max(1.0, abs(value)):
        return int(nearest)
    return math.floor(value)


def _from_ratio(ratio: float, counts: dict, sampling_type: str) -> dict[Any, int]:
    if len(counts) != 2:
        raise ValueError(
            f"A float sampling_strategy is the minority/majority ratio and needs "
            f"exactly two classes; y has {len(counts)} ({_format_classes(counts)}). "
            "Pass a dict {class: count} or a word such as 'auto' instead."
        )
    if sampling_type == "clean-sampling":
        raise ValueError(
            f"sampling_strategy={ratio} is a ratio, but cleaning methods choose "
            "their own counts. Pass a word such as 'auto' or a list of classes."
        )
    if not 0 < ratio <= 1:
        raise ValueError(
            f"sampling_strategy={ratio} must be in (0, 1]: it is the ratio "
            "minority/majority wanted after resampling (1.0 balances the classes)."
        )
    minority = min(counts, key=counts.get)
    majority = max(counts, key=counts.get)
    n_min, n_maj = counts[minority], counts[majority]
    current = n_min / n_maj
    if sampling_type == "over-sampling":
        n_new = _whole_rows(ratio * n_maj) - n_min
        if n_new < 0:
            raise ValueError(
                f"sampling_strategy={ratio} is below the current minority/majority "
                f"ratio {current:.4g} ({n_min}/{n_maj}); an over-sampler cannot "
                f"lower it. Ask for a ratio of at least {current:.4g}, or use an "
                "under-sampler."
            )
        return {minority: n_new}
    n_keep = _whole_rows(n_min / ratio)
    if n_keep > n_maj:
        raise ValueError(
            f"sampling_strategy={ratio} is below the current minority/majority "
            f"ratio {current:.4g} ({n_min}/{n_maj}); it would need {n_keep} rows of "
            f"class {majority!r}, which has {n_maj}. Ask for a ratio of at least "
            f"{current:.4g}, or use an over-sampler."
        )
    return {majority: n_keep}


def _from_dict(wanted: Mapping, counts: dict, sampling_type: str) -> dict[Any, int]:
    if sampling_type == "clean-sampling":
        raise ValueError(
            "Cleaning methods decide themselves how many rows to remove, so "
            "sampling_strategy cannot be a dict of counts for them. Pass a list "
            "of the classes to clean, or a word such as 'auto'."
        )
    resolved = {}
    for label, count in wanted.items():
        if label not in counts:
            raise ValueError(
                f"sampling_strategy names class {label!r}, which is not in y. "
                f"The classes in y are: {_format_classes(counts)}."
            )
        if isinstance(count, bool) or not isinstance(count, numbers.Integral):
            raise ValueError(
                f"sampling_strategy asks for {count!r} rows of class {label!r}; "
                "counts must be whole numbers."
            )
        count, have = int(count), counts[label]
        if count < 0:
            raise ValueError(
                f"sampling_strategy asks for {count} rows of class {label!r}; "
                "counts cannot be negative."
            )
        if sampling_type == "over-sampling":
            if count < have:
                raise ValueError(
                    f"sampling_strategy asks an over-sampler to shrink class "
                    f"{label!r} from {have} to {count} rows; over-samplers only "
                    f"add rows. Ask for at least {have}, or use an under-sampler "
                    "for this class."
                )
            resolved[label] = count - have
            continue
        if count > have:
            raise ValueError(
                f"sampling_strategy asks an under-sampler to grow class {label!r} "
                f"from {have} to {count} rows; under-samplers only remove rows. "
                f"Ask for at most {have}, or use an over-sampler for this class."
            )
        if count == 0:
            raise ValueError(
                f"sampling_strategy asks for 0 rows of class {label!r}, which "
                "would remove the class entirely. Ask for at least 1, or drop "
                "the class from the data before resampling."
            )
        resolved[label] = count
    return {label: resolved[label] for label in counts if label in resolved}


def _from_list(classes: list, counts: dict, sampling_type: str) -> dict[Any, int]:
    if sampling_type != "clean-sampling":
        raise ValueError(
            "A list sampling_strategy selects classes for cleaning methods only. "
            "To set how many rows each class gets, pass a dict {class: count}."
        )
    unknown = [label for label in classes if label not in counts]
    if unknown:
        raise ValueError(
            f"sampling_strategy names class {unknown[0]!r}, which is not in y. "
            f"The classes in y are: {_format_classes(counts)}."
        )
    return {label: counts[label] for label in counts if label in classes}


def resolve_sampling_strategy(
    sampling_strategy: str | float | Mapping | list | Callable,
    y: Any,
    sampling_type: SamplingType,
) -> dict[Any, int]:
    """Turn any form of ``sampling_strategy`` into a count per class.

    Parameters
    ----------
    sampling_strategy : str, float, dict, list or callable
        What to resample:

        - a word: ``"auto"`` (every class but the majority for over-samplers,
          every class but the minority otherwise), ``"all"``, ``"majority"``,
          ``"minority"``, ``"not majority"``, ``"not minority"``; over-samplers
          grow the selected classes to the majority's size, under-samplers
          shrink them to the minority's;
        - a float in (0, 1], two classes only: the ratio minority/majority
          wanted after resampling;
        - a dict ``{class: count}``: the size each listed class should have;
        - a list of classes: the classes a cleaning method may clean;
        - a callable taking ``y`` and returning such a dict.
    y : array-like of shape (n_samples,)
        Class labels.
    sampling_type : {"over-sampling", "under-sampling", "clean-sampling"}
        The kind of sampler asking; it fixes the meaning of the counts (see the
        module docstring).

    Returns
    -------
    dict
        Class label to count, in sorted class order: rows to add
        (over-sampling), rows to keep (under-sampling) or current size
        (clean-sampling).

    Raises
    ------
    ValueError
        For an impossible request, naming the class, the counts and the fix.

    Examples
    --------
    >>> y = ["a"] * 90 + ["b"] * 10
    >>> resolve_sampling_strategy("auto", y, "over-sampling")
    {'b': 80}
    >>> resolve_sampling_strategy(0.5, y, "under-sampling")
    {'a': 20}
    >>> resolve_sampling_strategy({"a": 95}, y, "under-sampling")
    Traceback (most recent call last):
    ...
    ValueError: sampling_strategy asks an under-sampler to grow class 'a' ...
    """
    y = np.asarray(y)
    return resolve_from_counts(sampling_strategy, class_counts(y), sampling_type, y)


def resolve_from_counts(
    sampling_strategy: str | float | Mapping | list | Callable,
    counts: Mapping[Any, int],
    sampling_type: SamplingType,
    labels: Any = None,
) -> dict[Any, int]:
    """Turn ``sampling_strategy`` into a count per class, from the counts alone.

    The same rules and messages as :func:`resolve_sampling_strategy`, for
    callers that know the class sizes without holding the labels in memory
    (the Dask samplers count them in one pass over the partitions).

    Parameters
    ----------
    sampling_strategy : str, float, dict, list or callable
        Any form :func:`resolve_sampling_strategy` accepts.
    counts : dict
        Class label to its number of rows, in sorted class order.
    sampling_type : {"over-sampling", "under-sampling", "clean-sampling"}
        The kind of sampler asking.
    labels : object, optional
        What a callable ``sampling_strategy`` is called with: the labels, in
        whatever container the caller holds them.

    Returns
    -------
    dict
        Class label to count, in sorted class order, as
        :func:`resolve_sampling_strategy` returns it.

    Examples
    --------
    >>> resolve_from_counts("auto", {"a": 90, "b": 10}, "over-sampling")
    {'b': 80}
    """
    if sampling_type not in SAMPLING_TYPES:
        raise ValueError(
            f"sampling_type must be one of {', '.join(SAMPLING_TYPES)}; "
            f"got {sampling_type!r}."
        )
    counts = dict(counts)
    if len(counts) < 2:
        raise ValueError(
            f"y has a single class, {next(iter(counts), None)!r}; resampling needs "
            "at least 2 classes."
        )

    if callable(sampling_strategy):
        wanted = sampling_strategy(labels)
        if not isinstance(wanted, Mapping):
            raise ValueError(
                "A callable sampling_strategy must return a dict {class: count}; "
                f"it returned {type(wanted).__name__}."
            )
        return _from_dict(wanted, counts, sampling_type)
    if isinstance(sampling_strategy, str):
        if sampling_strategy not in STRATEGY_WORDS:
            raise ValueError(
                f"sampling_strategy={sampling_strategy!r} is not a known strategy. "
                f"Use one of {', '.join(repr(w) for w in STRATEGY_WORDS)}, a float "
                "ratio (two classes), a dict {class: count} or a callable."
            )
        return _from_word(sampling_strategy, counts, sampling_type)
    if isinstance(sampling_strategy, numbers.Real) and not isinstance(
        sampling_strategy, bool
    ):
        return _from_ratio(float(sampling_strategy), counts, sampling_type)
    if isinstance(sampling_strategy, Mapping):
        return _from_dict(sampling_strategy, counts, sampling_type)
    if isinstance(sampling_strategy, (list, tuple)):
        return _from_list(list(sampling_strategy), counts, sampling_type)
    raise ValueError(
        f"sampling_strategy must be a word, a float, a dict, a list or a callable; "
        f"got {type(sampling_strategy).__name__}."
    )
