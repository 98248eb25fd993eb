"""Reading tables and writing results: CSV or Parquet, never over the input.

The format follows the file name: ``.csv`` (optionally compressed, as in
``.csv.gz``) or ``.parquet`` / ``.pq``. Results are written to a temporary
file in the destination folder and moved into place with :func:`os.replace`,
so a failure never leaves a partial file behind.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd

from ..datasets import load_purchases
from ._errors import InputError, RunError

__all__ = [
    "EXAMPLES",
    "Table",
    "has_row_labels",
    "load_table",
    "resolve_column",
    "write_table",
]

CSV_SUFFIXES = (".csv", ".csv.gz", ".csv.bz2", ".csv.zip", ".csv.xz", ".csv.zst")
PARQUET_SUFFIXES = (".parquet", ".pq")
FORMATS_HINT = (
    "Use a .csv file (optionally compressed, e.g. .csv.gz) or a .parquet file."
)

#: Example name -> (loader, bundled file in imbalance/datasets/data, target column).
EXAMPLES = {
    "purchases": (load_purchases, "purchases.csv.gz", "bought"),
}


@dataclass(frozen=True)
class Table:
    """A table read for a command, with where it came from.

    Attributes
    ----------
    frame : pandas.DataFrame
        The rows.
    source : str
        How to name it to the user: the path given, or ``example 'purchases'``.
    path : Path
        The file it was read from, to refuse writing over it.
    default_target : str or None
        The target column to use when none is given (examples only).
    """

    frame: pd.DataFrame
    source: str
    path: Path
    default_target: str | None = None


def file_format(path: Path) -> str:
    """``"csv"`` or ``"parquet"`` from the file name, or an InputError."""
    name = path.name.lower()
    if name.endswith(CSV_SUFFIXES):
        return "csv"
    if name.endswith(PARQUET_SUFFIXES):
        return "parquet"
    raise InputError(
        f"Cannot tell the format of '{path}' from its name. {FORMATS_HINT}"
    )


def load_table(data: Path | None, example: str | None) -> Table:
    """Read the user's file, or the bundled example named by ``--example``."""
    if data is not None and example is not None:
        raise InputError(
            f"Give either a data file or --example, not both (got '{data}' and "
            f"--example {example})."
        )
    if example is not None:
        return _load_example(example)
    if data is None:
        raise InputError(
            "Give a data file (CSV or Parquet), or --example purchases for the "
            "bundled example."
        )
    return Table(_read_file(data), str(data), data)


def _load_example(name: str) -> Table:
    if name not in EXAMPLES:
        raise InputError(
            f"Unknown example {name!r}. Known examples: {', '.join(EXAMPLES)}."
        )
    loader, file_name, target = EXAMPLES[name]
    bundled = resources.files("imbalance.datasets").joinpath("data", file_name)
    return Table(loader(), f"example '{name}'", Path(str(bundled)), target)


def _read_file(path: Path) -> pd.DataFrame:
    kind = file_format(path)
    if not path.exists():
        raise InputError(f"File '{path}' does not exist.")
    if path.is_dir():
        raise InputError(f"'{path}' is a folder; give a {kind.upper()} file.")
    try:
        if kind == "csv":
            frame = pd.read_csv(path)
        else:
            frame = pd.read_parquet(path)
    except pd.errors.EmptyDataError:
        raise InputError(f"'{path}' is empty: it has no header and no rows.") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputError(f"Cannot read '{path}' as {kind.upper()}: {exc}") from None
    if len(frame) == 0:
        raise InputError(f"'{path}' has a header but no rows.")
    return frame


def resolve_column(
    frame: pd.DataFrame, column: str | None, source: str, what: str
) -> str:
    """The column named ``column`` of ``frame``, or an InputError listing them."""
    names = [str(name) for name in frame.columns]
    shown = ", ".join(names[:12]) + (", ..." if len(names) > 12 else "")
    if column is None:
        raise InputError(f"Give {what}. The columns of {source} are: {shown}.")
    if column not in frame.columns:
        raise InputError(
            f"Column {column!r} is not in {source}. Its columns are: {shown}."
        )
    return column


def check_destination(output: Path, inputs: list[Path], force: bool) -> str:
    """Refuse an output that is an input, exists (without force), or has no folder.

    Returns the output's format, so that a bad name fails before any work.
    """
    kind = file_format(output)
    for source in inputs:
        if _same_file(output, source):
            raise InputError(
                f"The output '{output}' is the input file; imbalance never writes "
                "over its input. Choose another output name."
            )
    if output.is_dir():
        raise InputError(f"The output '{output}' is a folder; give a file name.")
    check_free_path(output, "output", force)
    return kind


def check_free_path(path: Path, what: str, force: bool) -> None:
    """Refuse a ``path`` that exists (without force) or whose folder is missing.

    ``what`` names the path in the message: "output", "report".
    """
    if path.exists() and not force:
        raise InputError(
            f"The {what} '{path}' already exists. Choose another name, or pass "
            "--force to replace it."
        )
    if not path.parent.is_dir():
        raise InputError(
            f"The folder of the {what}, '{path.parent}', does not exist. "
            "Create it first."
        )


def _same_file(first: Path, second: Path) -> bool:
    if first.resolve() == second.resolve():
        return True
    try:
        return first.exists() and os.path.samefile(first, second)
    except OSError:
        return False


def has_row_labels(frame: pd.DataFrame) -> bool:
    """Whether the rows of ``frame`` carry index labels (not the default 0, 1, ...).

    A Parquet file can hold an index (customer ids, say); a CSV file or a
    frame without one reads back as an unnamed range from 0.
    """
    index = frame.index
    default = (
        isinstance(index, pd.RangeIndex)
        and index.start == 0
        and index.step == 1
        and index.name is None
    )
    return not default


def write_table(
    frame: pd.DataFrame, output: Path, kind: str, keep_index: bool = False
) -> None:
    """Write ``frame`` to ``output`` atomically: all of it, or nothing.

    With ``keep_index`` the index labels are written too (as a column in CSV).
    """
    descriptor, temporary = tempfile.mkstemp(
        dir=output.parent, prefix=f".{output.name}.", suffix=f".tmp{_suffix(output)}"
    )
    os.close(descriptor)
    with discarded_on_failure(output, lambda: Path(temporary).unlink(missing_ok=True)):
        _set_default_permissions(temporary)
        _write(frame, Path(temporary), kind, keep_index)
        os.replace(temporary, output)


@contextmanager
def discarded_on_failure(output: Path, discard: Callable[[], Any]) -> Iterator[None]:
    """Run a write; on any failure call ``discard`` first, then re-raise.

    An ``OSError`` comes out as a :class:`RunError` naming ``output``.
    """
    try:
        yield
    except BaseException as exc:
        discard()
        if isinstance(exc, OSError):
            reason = exc.strerror or str(exc)
            raise RunError(f"Could not write '{output}': {reason}.") from exc
        raise


def _suffix(output: Path) -> str:
    """The suffixes pandas reads the compression from (``.csv.gz``)."""
    name = output.name.lower()
    for suffix in CSV_SUFFIXES + PARQUET_SUFFIXES:
        if name.endswith(suffix):
            return suffix
    return ""


def _set_default_permissions(path: str) -> None:
    """Give the temporary file the permissions a new file would get."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)


def _write(frame: pd.DataFrame, path: Path, kind: Any, keep_index: bool) -> None:
    if kind == "csv":
        frame.to_csv(path, index=keep_index)
    else:
        frame.to_parquet(path, index=keep_index)
