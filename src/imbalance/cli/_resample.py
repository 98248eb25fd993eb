"""``imbalance resample``: rebalance a table with a registered sampler."""

from __future__ import annotations

from typing import Any

import pandas as pd
from rich.console import Console

from ..registry import get_sampler_class, sampler_names
from ..strategy import STRATEGY_WORDS
from ._errors import InputError
from ._output import collected_warnings, counts_table, label_counts, parse_label

__all__ = ["parse_params", "parse_strategy", "render_resampling", "resample_frame"]


def parse_strategy(text: str, labels: pd.Series) -> Any:
    """``--strategy``: a word, a float ratio, or ``class=count,class=count``.

    Class names are read as values of the target column's dtype, so ``1=500``
    means the integer class 1 in an integer column.
    """
    word = " ".join(text.strip().lower().replace("-", " ").replace("_", " ").split())
    if word in STRATEGY_WORDS:
        return word
    if "=" in text:
        return _parse_counts(text, labels)
    try:
        return float(text)
    except ValueError:
        words = ", ".join(STRATEGY_WORDS)
        raise InputError(
            f"--strategy {text!r} is not a strategy. Use a word ({words}), a "
            "minority/majority ratio such as 0.5, or counts per class such as "
            "0=500,1=500."
        ) from None


def _parse_counts(text: str, labels: pd.Series) -> dict[Any, int]:
    counts: dict[Any, int] = {}
    for item in text.split(","):
        label_text, equals, count_text = item.strip().rpartition("=")
        if not equals or not label_text:
            raise InputError(
                f"--strategy {text!r}: each item must read class=count; got {item!r}."
            )
        try:
            count = int(count_text)
        except ValueError:
            raise InputError(
                f"--strategy {text!r}: the count of class {label_text!r} must be a "
                f"whole number; got {count_text!r}."
            ) from None
        counts[parse_label(label_text.strip(), labels, "--strategy")] = count
    return counts


def parse_params(items: list[str]) -> dict[str, Any]:
    """``--param name=value`` items as keyword arguments, values as Python."""
    params: dict[str, Any] = {}
    for item in items:
        name, equals, value = item.partition("=")
        if not equals or not name.strip().isidentifier():
            raise InputError(
                f"--param {item!r} must read name=value, e.g. --param k_neighbors=3."
            )
        params[name.strip()] = _parse_value(value.strip())
    return params


def _parse_value(text: str) -> Any:
    words = {"true": True, "false": False, "none": None}
    if text.lower() in words:
        return words[text.lower()]
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text


def build_sampler(method: str, strategy: Any, seed: int, params: dict) -> Any:
    """The registered sampler, with the strategy and seed it can take."""
    return sampler_with_settings(
        get_sampler_class(method), method, strategy, seed, params
    )


def sampler_with_settings(
    sampler_class: type, method: str, strategy: Any, seed: int, params: dict
) -> Any:
    """``sampler_class`` built with the strategy, the seed it can take and params.

    ``params`` must name parameters of ``sampler_class``; ``seed`` is given as
    ``random_state`` when the class has one and ``params`` does not set it.
    """
    known = sampler_class._get_param_names()
    unknown = [name for name in params if name not in known]
    if unknown:
        raise InputError(
            f"--param {unknown[0]!r} is not a parameter of {method} "
            f"({sampler_class.__name__}). Its parameters: {', '.join(known)}."
        )
    settings = {"sampling_strategy": strategy, **params}
    if "random_state" in known and "random_state" not in params:
        settings["random_state"] = seed
    return sampler_class(**settings)


def check_numeric_features(sampler: Any, features: pd.DataFrame, method: str) -> None:
    """Refuse, by name, a text column given to a sampler that needs numbers."""
    if not getattr(sampler, "_numeric", False):
        return
    for column, dtype in features.dtypes.items():
        if not pd.api.types.is_numeric_dtype(dtype):
            raise InputError(
                f"Column {str(column)!r} is not numeric ({dtype}), and {method} "
                "needs numeric features. Encode it (one-hot or ordinal) or drop "
                "it first, or use a method that does not need numeric features: "
                f"{', '.join(_methods_without_numeric_needs())}."
            )


def _methods_without_numeric_needs() -> list[str]:
    """Registered methods that, with default parameters, take text columns."""
    names = []
    for name in sampler_names():
        try:
            if not get_sampler_class(name)()._numeric:
                names.append(name)
        except (TypeError, ValueError):
            continue
    return names


def resample_frame(
    frame: pd.DataFrame, target: str, sampler: Any
) -> tuple[pd.DataFrame, list[str]]:
    """Resample the rows of ``frame``; the target column keeps its place."""
    features = frame.drop(columns=[target])
    with collected_warnings() as messages:
        features_res, labels_res = sampler.fit_resample(features, frame[target])
    result = features_res.copy()
    result.insert(frame.columns.get_loc(target), target, labels_res.array)
    return result, messages


def resampling_report(
    before: pd.DataFrame, after: pd.DataFrame, target: str, sampler: Any
) -> dict[str, Any]:
    """The per-class counts before and after, with what was run."""
    counts_before = label_counts(before[target])
    counts_after = label_counts(after[target])
    classes = list(dict.fromkeys([*counts_before, *counts_after]))
    return {
        "method": type(sampler).__name__,
        "params": {
            name: value
            for name, value in sampler.get_params(deep=False).items()
            if isinstance(value, (str, int, float, bool, dict, type(None)))
        },
        "n_rows_before": len(before),
        "n_rows_after": len(after),
        "classes": [
            {
                "label": label,
                "before": counts_before.get(label, 0),
                "after": counts_after.get(label, 0),
            }
            for label in classes
        ],
    }


def render_resampling(report: dict[str, Any], console: Console) -> None:
    """Print the counts before and after for people."""
    rows = [
        [
            row["label"],
            f"{row['before']:,}",
            f"{row['after']:,}",
            f"{row['after'] - row['before']:+,}",
        ]
        for row in report["classes"]
    ]
    title = f"{report['method']} on {report['source']} (target {report['target']!r})"
    columns = ["Class", "Before", "After", "Change"]
    console.print(title, style="bold")
    console.print(counts_table(columns, rows))
    console.print(
        f"Wrote {report['n_rows_after']:,} rows (from {report['n_rows_before']:,}) "
        f"to {report['output']}"
    )
