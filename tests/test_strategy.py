"""Property-based tests of imbalance.strategy.resolve_sampling_strategy."""

from __future__ import annotations

import importlib
import math

import numpy as np
import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from imbalance.strategy import (
    SAMPLING_TYPES,
    STRATEGY_WORDS,
    class_counts,
    resolve_sampling_strategy,
)

FAST = settings(max_examples=60, deadline=None)

# Labels of one kind per data set: ints that are not 0..K-1, or strings.
label_sets = st.one_of(
    st.sets(st.integers(-50, 50), min_size=2, max_size=5),
    st.sets(st.text("abcxyz", min_size=1, max_size=3), min_size=2, max_size=5),
)


@st.composite
def class_sizes(draw, n_classes=None):
    """A {label: size} dict with at least two classes."""
    labels = draw(label_sets)
    labels = sorted(labels)[:n_classes] if n_classes else sorted(labels)
    assume(len(labels) >= 2)
    sizes = draw(
        st.lists(st.integers(1, 60), min_size=len(labels), max_size=len(labels))
    )
    return dict(zip(labels, sizes))


def labels_from(sizes: dict, seed: int = 0) -> np.ndarray:
    """Shuffled labels with the given class sizes."""
    y = np.repeat(np.array(list(sizes)), list(sizes.values()))
    return np.random.default_rng(seed).permutation(y)


def expected_floor(value: float) -> int:
    """What a ratio asks for: the integer below, or the one it is a hair from."""
    nearest = round(value)
    return nearest if math.isclose(value, nearest, rel_tol=1e-9) else math.floor(value)


def check_sorted_known_classes(result: dict, sizes: dict) -> None:
    assert list(result) == sorted(result)
    assert set(result) <= set(sizes)


# --------------------------------------------------------------------------
# Words
# --------------------------------------------------------------------------


@FAST
@given(sizes=class_sizes(), word=st.sampled_from(STRATEGY_WORDS))
def test_words_over_sampling_grow_selected_classes_to_the_majority(sizes, word):
    """Check that over-sampling words add >= 0 rows and reach the majority."""
    y = labels_from(sizes)
    largest = max(sizes, key=sizes.get)
    if word == "majority":
        with pytest.raises(ValueError, match="asks an over-sampler to grow the"):
            resolve_sampling_strategy(word, y, "over-sampling")
        return
    result = resolve_sampling_strategy(word, y, "over-sampling")
    check_sorted_known_classes(result, sizes)
    for label, n_new in result.items():
        assert n_new >= 0
        assert sizes[label] + n_new == max(sizes.values())
    if word in ("auto", "not majority"):
        assert largest not in result
        assert len(result) == len(sizes) - 1


@FAST
@given(sizes=class_sizes(), word=st.sampled_from(STRATEGY_WORDS))
def test_words_under_sampling_keep_the_minority_size(sizes, word):
    """Check that under-sampling words keep between 1 and the class size."""
    y = labels_from(sizes)
    smallest = min(sizes, key=sizes.get)
    if word == "minority":
        with pytest.raises(ValueError, match="asks an under-sampler to shrink the"):
            resolve_sampling_strategy(word, y, "under-sampling")
        return
    result = resolve_sampling_strategy(word, y, "under-sampling")
    check_sorted_known_classes(result, sizes)
    for label, n_keep in result.items():
        assert 1 <= n_keep <= sizes[label]
        assert n_keep == min(sizes.values())
    if word in ("auto", "not minority"):
        assert smallest not in result


@FAST
@given(sizes=class_sizes(), word=st.sampled_from(STRATEGY_WORDS))
def test_words_clean_sampling_return_current_sizes(sizes, word):
    """Check that cleaning words select classes and give their current sizes."""
    result = resolve_sampling_strategy(word, labels_from(sizes), "clean-sampling")
    check_sorted_known_classes(result, sizes)
    assert result
    for label, size in result.items():
        assert size == sizes[label]


# --------------------------------------------------------------------------
# Float ratio
# --------------------------------------------------------------------------


@FAST
@given(
    sizes=class_sizes(n_classes=2),
    ratio=st.floats(0.001, 1.0, exclude_min=False),
)
def test_ratio_over_sampling_reaches_the_ratio_or_refuses(sizes, ratio):
    """Check that a ratio grows the minority to floor(ratio * majority), or is
    refused when that is below the minority's size."""
    y = labels_from(sizes)
    minority, majority = min(sizes, key=sizes.get), max(sizes, key=sizes.get)
    target = expected_floor(ratio * sizes[majority])
    if target < sizes[minority]:
        with pytest.raises(ValueError, match="an over-sampler cannot lower it"):
            resolve_sampling_strategy(ratio, y, "over-sampling")
        return
    result = resolve_sampling_strategy(ratio, y, "over-sampling")
    assert list(result) == [minority]
    assert result[minority] >= 0
    assert sizes[minority] + result[minority] == target


@FAST
@given(sizes=class_sizes(n_classes=2), ratio=st.floats(0.001, 1.0))
def test_ratio_under_sampling_keeps_within_bounds_or_refuses(sizes, ratio):
    """Check that a ratio keeps floor(minority / ratio) majority rows, between
    1 and the majority's size, or is refused when it needs more rows."""
    y = labels_from(sizes)
    minority, majority = min(sizes, key=sizes.get), max(sizes, key=sizes.get)
    target = expected_floor(sizes[minority] / ratio)
    if target > sizes[majority]:
        with pytest.raises(ValueError, match="it would need"):
            resolve_sampling_strategy(ratio, y, "under-sampling")
        return
    result = resolve_sampling_strategy(ratio, y, "under-sampling")
    assert list(result) == [majority]
    assert 1 <= result[majority] <= sizes[majority]
    assert result[majority] == target


@FAST
@given(n_minority=st.integers(1, 500), n_majority=st.integers(1, 500))
@example(n_minority=29, n_majority=100)
@example(n_minority=58, n_majority=100)
def test_ratio_equal_to_the_current_one_is_a_no_op(n_minority, n_majority):
    """Check that asking for the ratio the data already has adds 0 rows and
    keeps the whole majority, instead of failing on float round-off
    (0.29 * 100 is 28.999999999999996)."""
    n_minority, n_majority = sorted((n_minority, n_majority))
    assume(n_minority < n_majority)
    y = labels_from({"maj": n_majority, "min": n_minority})
    ratio = n_minority / n_majority
    assert resolve_sampling_strategy(ratio, y, "over-sampling") == {"min": 0}
    kept = resolve_sampling_strategy(ratio, y, "under-sampling")
    assert kept == {"maj": n_majority}


def test_ratio_that_adds_no_rows_is_accepted():
    """Check that a ratio just above the current one, too small to add a row,
    asks for 0 new rows rather than failing."""
    y = labels_from({0: 100, 1: 29})
    assert resolve_sampling_strategy(0.295, y, "over-sampling") == {1: 0}
    assert resolve_sampling_strategy(0.29, y, "over-sampling") == {1: 0}


def test_tiny_ratio_for_under_sampling_is_refused():
    """Check that a ratio so small that the majority would need more rows than
    it has is refused, naming the count."""
    y = labels_from({0: 100, 1: 29})
    with pytest.raises(ValueError, match="it would need 2900 rows of class 0"):
        resolve_sampling_strategy(0.01, y, "under-sampling")


@pytest.mark.parametrize("sampling_type", SAMPLING_TYPES)
def test_ratio_on_multiclass_data_is_refused(sampling_type):
    """Check the message for a float ratio with three classes."""
    y = labels_from({"a": 5, "b": 10, "c": 20})
    with pytest.raises(ValueError, match=r"needs exactly two classes; y has 3 \('a'"):
        resolve_sampling_strategy(0.5, y, sampling_type)


@pytest.mark.parametrize("ratio", [0.0, -0.5, 1.5])
@pytest.mark.parametrize("sampling_type", ["over-sampling", "under-sampling"])
def test_ratio_outside_the_unit_interval_is_refused(ratio, sampling_type):
    """Check that ratios outside (0, 1] are refused."""
    y = labels_from({0: 10, 1: 5})
    with pytest.raises(ValueError, match=r"must be in \(0, 1\]"):
        resolve_sampling_strategy(ratio, y, sampling_type)


def test_ratio_for_cleaning_is_refused():
    """Check that cleaning methods refuse a float ratio."""
    with pytest.raises(ValueError, match="cleaning methods choose their own"):
        resolve_sampling_strategy(0.5, labels_from({0: 10, 1: 5}), "clean-sampling")


# --------------------------------------------------------------------------
# Dict and callable
# --------------------------------------------------------------------------


@st.composite
def sizes_and_request(draw, grow: bool):
    """Class sizes and a dict request that only grows (or only shrinks)."""
    sizes = draw(class_sizes())
    chosen = draw(st.lists(st.sampled_from(sorted(sizes)), min_size=1, unique=True))
    request = {}
    for label in reversed(chosen):  # insertion order unlike the sorted order
        if grow:
            request[label] = sizes[label] + draw(st.integers(0, 40))
        else:
            request[label] = draw(st.integers(1, sizes[label]))
    return sizes, request


@FAST
@given(case=sizes_and_request(grow=True), as_callable=st.booleans())
def test_dict_over_sampling_adds_the_difference(case, as_callable):
    """Check that a dict (or a callable returning it) for an over-sampler adds
    exactly the missing rows, in sorted class order."""
    sizes, request = case
    strategy = (lambda y: request) if as_callable else request
    result = resolve_sampling_strategy(strategy, labels_from(sizes), "over-sampling")
    check_sorted_known_classes(result, sizes)
    assert set(result) == set(request)
    for label, n_new in result.items():
        assert n_new >= 0
        assert sizes[label] + n_new == request[label]


@FAST
@given(case=sizes_and_request(grow=False), as_callable=st.booleans())
def test_dict_under_sampling_keeps_the_asked_count(case, as_callable):
    """Check that a dict for an under-sampler keeps 1..size rows as asked."""
    sizes, request = case
    strategy = (lambda y: request) if as_callable else request
    result = resolve_sampling_strategy(strategy, labels_from(sizes), "under-sampling")
    check_sorted_known_classes(result, sizes)
    assert result == {label: request[label] for label in sorted(request)}
    for label, n_keep in result.items():
        assert 1 <= n_keep <= sizes[label]


@FAST
@given(sizes=class_sizes(), extra=st.integers(1, 20))
def test_dict_asking_an_under_sampler_to_grow_is_refused(sizes, extra):
    """Check the message when an under-sampler is asked for more rows."""
    label = sorted(sizes)[0]
    request = {label: sizes[label] + extra}
    with pytest.raises(
        ValueError,
        match=f"asks an under-sampler to grow class {label!r} from {sizes[label]} "
        f"to {sizes[label] + extra} rows",
    ):
        resolve_sampling_strategy(request, labels_from(sizes), "under-sampling")


@FAST
@given(sizes=class_sizes())
def test_dict_asking_an_over_sampler_to_shrink_is_refused(sizes):
    """Check the message when an over-sampler is asked for fewer rows."""
    label = max(sizes, key=sizes.get)
    assume(sizes[label] > 1)
    request = {label: sizes[label] - 1}
    with pytest.raises(
        ValueError,
        match=f"asks an over-sampler to shrink class {label!r} from {sizes[label]} "
        f"to {sizes[label] - 1} rows",
    ):
        resolve_sampling_strategy(request, labels_from(sizes), "over-sampling")


@pytest.mark.parametrize("sampling_type", ["over-sampling", "under-sampling"])
@pytest.mark.parametrize("as_callable", [False, True])
def test_dict_with_unknown_class_is_refused(sampling_type, as_callable):
    """Check that a dict or callable naming a class not in y is refused."""
    y = labels_from({"a": 5, "b": 10})
    request = {"c": 5}
    strategy = (lambda y: request) if as_callable else request
    with pytest.raises(
        ValueError, match=r"names class 'c', which is not in y. .* 'a', 'b'\."
    ):
        resolve_sampling_strategy(strategy, y, sampling_type)


def test_dict_asking_zero_rows_of_a_class_is_refused():
    """Check that an under-sampler cannot remove a class entirely."""
    with pytest.raises(ValueError, match="would remove the class entirely"):
        resolve_sampling_strategy({1: 0}, labels_from({0: 9, 1: 3}), "under-sampling")


@pytest.mark.parametrize(
    "count, message",
    [
        (-1, "counts cannot be negative"),
        (2.5, "must be whole"),
        (True, "must be whole"),
    ],
)
def test_dict_counts_must_be_whole_and_non_negative(count, message):
    """Check the messages for negative, fractional and boolean counts."""
    y = labels_from({0: 9, 1: 3})
    with pytest.raises(ValueError, match=message):
        resolve_sampling_strategy({1: count}, y, "over-sampling")


def test_dict_and_callable_for_cleaning_are_refused():
    """Check that cleaning methods refuse counts, whether dict or callable."""
    y = labels_from({0: 9, 1: 3})
    for strategy in ({0: 5}, lambda y: {0: 5}):
        with pytest.raises(ValueError, match="cannot be a dict of counts for them"):
            resolve_sampling_strategy(strategy, y, "clean-sampling")


def test_callable_must_return_a_dict():
    """Check the message when a callable returns something else."""
    with pytest.raises(ValueError, match=r"must return a dict .* it returned list"):
        resolve_sampling_strategy(
            lambda y: [0], labels_from({0: 9, 1: 3}), "over-sampling"
        )


# --------------------------------------------------------------------------
# List (cleaning methods)
# --------------------------------------------------------------------------


@FAST
@given(sizes=class_sizes(), data=st.data())
def test_list_selects_classes_for_cleaning(sizes, data):
    """Check that a list returns the current sizes of the listed classes, in
    sorted order whatever the list order."""
    chosen = data.draw(
        st.lists(st.sampled_from(sorted(sizes)), min_size=1, unique=True)
    )
    result = resolve_sampling_strategy(
        list(reversed(chosen)), labels_from(sizes), "clean-sampling"
    )
    check_sorted_known_classes(result, sizes)
    assert result == {label: sizes[label] for label in sorted(chosen)}


def test_list_with_unknown_class_is_refused():
    """Check that a list naming a class not in y is refused."""
    with pytest.raises(ValueError, match="names class 7, which is not in y"):
        resolve_sampling_strategy([0, 7], labels_from({0: 9, 1: 3}), "clean-sampling")


@pytest.mark.parametrize("sampling_type", ["over-sampling", "under-sampling"])
def test_list_for_counting_samplers_is_refused(sampling_type):
    """Check that over- and under-samplers refuse a list of classes."""
    with pytest.raises(ValueError, match="selects classes for cleaning methods only"):
        resolve_sampling_strategy([0], labels_from({0: 9, 1: 3}), sampling_type)


# --------------------------------------------------------------------------
# Other refusals
# --------------------------------------------------------------------------


def test_unknown_word_type_and_sampling_type_are_refused():
    """Check the messages for a misspelt word, a wrong type and sampling_type."""
    y = labels_from({0: 9, 1: 3})
    with pytest.raises(ValueError, match="'balanced' is not a known strategy"):
        resolve_sampling_strategy("balanced", y, "over-sampling")
    with pytest.raises(ValueError, match="got set"):
        resolve_sampling_strategy({0}, y, "over-sampling")
    with pytest.raises(ValueError, match="sampling_type must be one of"):
        resolve_sampling_strategy("auto", y, "sideways")


def test_single_class_is_refused():
    """Check that y with one class is refused for every sampling type."""
    for sampling_type in SAMPLING_TYPES:
        with pytest.raises(ValueError, match="y has a single class, 'a'"):
            resolve_sampling_strategy("auto", ["a", "a"], sampling_type)


@FAST
@given(sizes=class_sizes())
def test_class_counts_are_sorted_and_complete(sizes):
    """Check that class_counts counts every class, in sorted order."""
    counts = class_counts(labels_from(sizes))
    assert list(counts) == sorted(sizes)
    assert counts == sizes


# --------------------------------------------------------------------------
# Public names
# --------------------------------------------------------------------------

PUBLIC_MODULES = [
    "imbalance",
    "imbalance.under_sampling",
    "imbalance.over_sampling",
    "imbalance.datasets",
    "imbalance.strategy",
    "imbalance.registry",
    "imbalance.pipeline",
]


@pytest.mark.parametrize("module_name", PUBLIC_MODULES)
def test_public_names_import(module_name):
    """Check that every name in a public module's __all__ exists and that
    __all__ has no duplicates."""
    module = pytest.importorskip(module_name)
    names = getattr(module, "__all__", None)
    assert names is not None, f"{module_name} does not declare __all__"
    assert len(names) == len(set(names))
    missing = [name for name in names if not hasattr(module, name)]
    assert not missing, f"{module_name}.__all__ lists missing names {missing}"
    namespace: dict = {}
    exec(f"from {module_name} import *", namespace)
    assert set(names) <= set(namespace)
    assert importlib.import_module(module_name) is module


# --------------------------------------------------------------------------
# Label counting under the strategy
# --------------------------------------------------------------------------

label_dtypes = st.sampled_from([np.int64, np.int8, np.uint16, np.bool_, np.float64])


@FAST
@given(
    codes=st.lists(st.integers(0, 6), min_size=1, max_size=80),
    offset=st.sampled_from([0, -3, 5, 1000]),
    dtype=label_dtypes,
)
def test_count_and_encode_labels_agree_with_numpy_unique(codes, offset, dtype):
    """Check that count_labels and encode_labels give numpy.unique's classes,
    counts and inverse codes for every label dtype and range."""
    from imbalance._validation import count_labels, encode_labels

    values = np.array(codes) + (0 if dtype in (np.bool_, np.uint16) else offset)
    y = (values % 2).astype(dtype) if dtype is np.bool_ else values.astype(dtype)
    classes, inverse, counts = np.unique(y, return_inverse=True, return_counts=True)

    got_classes, got_counts = count_labels(y)
    assert got_classes.dtype == y.dtype
    np.testing.assert_array_equal(got_classes, classes)
    np.testing.assert_array_equal(got_counts, counts)
    got_classes, got_codes, got_counts = encode_labels(y)
    np.testing.assert_array_equal(got_classes, classes)
    np.testing.assert_array_equal(got_codes, inverse.ravel())
    np.testing.assert_array_equal(got_counts, counts)
