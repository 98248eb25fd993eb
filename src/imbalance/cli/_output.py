"""Output for people (Rich tables) and for scripts (one JSON document).

Rich decides colour by itself: none when stdout is not a terminal or when
``NO_COLOR`` is set. JSON goes straight to stdout, nothing else with it.
"""

from __future__ import annotations

import json
import math
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
import pandas as pd
from rich.console import Console
from rich.table import Table

from ..strategy import class_counts
from ._errors import InputError

__all__ = [
    "collected_warnings",
    "counts_table",
    "json_ready",
    "parse_label",
    "print_json",
    "stdout_console",
]


def stdout_console() -> Console:
    """A console on the current stdout (tests swap it, so make one per call)."""
    return Console(file=sys.stdout, highlight=False)


def print_json(document: dict[str, Any]) -> None:
    """Print one JSON document, and nothing else, on stdout."""
    sys.stdout.write(json.dumps(json_ready(document), indent=2) + "\n")


def json_ready(value: Any) -> Any:
    """``value`` with NumPy scalars as Python numbers and NaN or inf as None."""
    if isinstance(value, dict):
        return {str(key): json_ready(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_ready(item) for item in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def print_warnings(messages: list[str]) -> None:
    for message in messages:
        sys.stderr.write(f"Warning: {message}\n")


@contextmanager
def collected_warnings() -> Iterator[list[str]]:
    """Collect advice given as warnings inside, as messages to report plainly.

    Only ``UserWarning`` and its subclasses (the library's own warnings among
    them) are collected; deprecation notes meant for developers are shown as
    Python would show them.
    """
    messages: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield messages
    for warning in caught:
        if issubclass(warning.category, UserWarning):
            messages.append(" ".join(str(warning.message).split()))
        else:
            warnings.showwarning(
                warning.message, warning.category, warning.filename, warning.lineno
            )


def label_counts(labels: pd.Series) -> dict[Any, int]:
    """Rows per class, in sorted class order; missing labels are not counted."""
    return class_counts(labels.dropna().to_numpy())


def counts_table(columns: list[str], rows: list[list[Any]]) -> Table:
    """A Rich table whose first column is text and the others right-aligned."""
    table = Table()
    for position, name in enumerate(columns):
        table.add_column(name, justify="left" if position == 0 else "right")
    for row in rows:
        table.add_row(*(str(cell) for cell in row))
    return table


def parse_label(text: str, labels: pd.Series, option: str) -> Any:
    """A class label typed on the command line, as a value of the labels' dtype.

    ``1`` names the integer class 1 in an integer column, ``true`` the class
    True in a boolean column, and ``1`` the string ``"1"`` in a text column.
    """
    dtype = labels.dtype
    try:
        if pd.api.types.is_bool_dtype(dtype):
            return _parse_bool(text)
        if pd.api.types.is_integer_dtype(dtype):
            return int(text)
        if pd.api.types.is_float_dtype(dtype):
            return float(text)
    except ValueError:
        raise InputError(
            f"{option} names class {text!r}, but the classes of "
            f"'{labels.name}' are {dtype} values: "
            f"{', '.join(repr(c) for c in list(label_counts(labels))[:10])}."
        ) from None
    return text


def _parse_bool(text: str) -> bool:
    words = {"true": True, "1": True, "false": False, "0": False}
    try:
        return words[text.strip().lower()]
    except KeyError:
        raise ValueError(text) from None
