"""``imbalance resample --scheduler``: resample a folder of Parquet files on Dask.

The input is read lazily with :func:`dask.dataframe.read_parquet`, resampled
by the sampler of the same name from :mod:`imbalance.dask`, and written as
partitioned Parquet into a temporary folder beside the output, which is then
renamed into place: the output appears whole or not at all, and never over
the input. ``--scheduler local`` starts a local cluster of worker processes
for the run; any other value is the address of a running scheduler, whose
workers must see the same paths.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .._validation import plain_label
from ..registry import SAMPLERS, get_sampler_class
from ._errors import InputError, RunError
from ._io import check_free_path, discarded_on_failure
from ._output import collected_warnings
from ._resample import sampler_with_settings

__all__ = ["dask_method_names", "resample_folder"]

logger = logging.getLogger("imbalance")


def _dask_module() -> Any:
    try:
        import imbalance.dask as imbalance_dask
    except ImportError as exc:
        raise RunError(
            f"--scheduler needs Dask: pip install 'imbalance[dask]'. ({exc})"
        ) from None
    return imbalance_dask


def dask_method_names() -> list[str]:
    """Registered names whose sampler has a Dask version in :mod:`imbalance.dask`."""
    names = _dask_module().__all__
    return [name for name, path in SAMPLERS.items() if path.rpartition(":")[2] in names]


def _dask_sampler_class(method: str) -> type:
    class_name = get_sampler_class(method).__name__
    dask_class = getattr(_dask_module(), class_name, None)
    if dask_class is None:
        raise InputError(
            f"--method {method} has no distributed version; with --scheduler use "
            f"one of: {', '.join(dask_method_names())}."
        )
    return dask_class


def build_dask_sampler(method: str, strategy: Any, seed: int, params: dict) -> Any:
    """The Dask sampler for ``method``, with the strategy, seed and parameters."""
    return sampler_with_settings(
        _dask_sampler_class(method), method, strategy, seed, params
    )


def read_folder(data: Path | None) -> Any:
    """The Parquet files of a folder as one lazy Dask DataFrame."""
    import dask.dataframe as dd

    if data is None:
        raise InputError("With --scheduler, give DATA: a folder of Parquet files.")
    if not data.is_dir():
        raise InputError(
            f"With --scheduler, DATA must be a folder of Parquet files; '{data}' "
            "is not a folder."
        )
    files = sorted(data.glob("*.parquet")) + sorted(data.glob("*.pq"))
    if not files:
        raise InputError(f"The folder '{data}' holds no .parquet files.")
    return dd.read_parquet([str(path) for path in files])


def check_output_folder(output: Path | None, data: Path, force: bool) -> None:
    """Refuse an output folder that is, holds or lies in the input, or exists."""
    if output is None:
        raise InputError("Give --output, the new folder to write Parquet files to.")
    source, target = data.resolve(), output.resolve()
    if target == source or source in target.parents or target in source.parents:
        raise InputError(
            f"The output '{output}' overlaps the input folder '{data}'; imbalance "
            "never writes over its input. Choose a folder outside it."
        )
    # An existing output's folder exists, so the file check may come last.
    check_free_path(output, "output", force)
    if output.exists() and not output.is_dir():
        raise InputError(f"The output '{output}' is a file; give a folder name.")


@contextmanager
def connected(scheduler: str) -> Iterator[Any]:
    """A client of a new local cluster (``"local"``) or of the given address."""
    try:
        import distributed
    except ImportError:
        raise RunError(
            "--scheduler needs distributed: pip install 'imbalance[dask]'."
        ) from None
    if scheduler == "local":
        logger.info("starting a local cluster")
        with (
            distributed.LocalCluster(processes=True, dashboard_address=None) as cluster,
            distributed.Client(cluster) as client,
        ):
            yield client
        return
    try:
        client = distributed.Client(scheduler, timeout="15s")
    except (OSError, TimeoutError, ValueError) as exc:
        raise RunError(f"Cannot reach the scheduler at {scheduler!r}: {exc}") from None
    with client:
        yield client


def write_folder(frame: Any, output: Path, force: bool) -> None:
    """Write ``frame`` as partitioned Parquet to ``output``: whole, or not at all."""
    temporary = Path(
        tempfile.mkdtemp(dir=output.parent, prefix=f".{output.name}.", suffix=".tmp")
    )
    with discarded_on_failure(
        output, lambda: shutil.rmtree(temporary, ignore_errors=True)
    ):
        frame.to_parquet(str(temporary), write_index=False)
        if output.exists() and force:
            old = temporary.with_suffix(".old")
            os.replace(output, old)
            os.replace(temporary, output)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(temporary, output)


def resample_folder(
    frame: Any, target: str, sampler: Any, output: Path, force: bool
) -> tuple[dict[str, Any], list[str]]:
    """Resample ``frame`` with ``sampler``, write it, and report the counts."""
    import dask.dataframe as dd

    with collected_warnings() as messages:
        resampled, _ = sampler.fit_resample(frame, target)
        write_folder(resampled, output, force)
    written = dd.read_parquet(str(output), columns=[target])
    counts = written[target].value_counts().compute()
    after = {plain_label(label): int(n) for label, n in counts.items()}
    before = sampler.class_counts_
    classes = list(dict.fromkeys([*before, *sorted(after)]))
    report = {
        "method": type(sampler).__name__,
        "params": {
            name: value
            for name, value in sampler.get_params(deep=False).items()
            if isinstance(value, (str, int, float, bool, dict, type(None)))
        },
        "n_rows_before": int(sum(before.values())),
        "n_rows_after": int(sum(after.values())),
        "partitions_before": frame.npartitions,
        "partitions_after": written.npartitions,
        "classes": [
            {
                "label": label,
                "before": int(before.get(label, 0)),
                "after": int(after.get(label, 0)),
            }
            for label in classes
        ],
    }
    return report, messages


def resample_command(
    data: Path | None,
    target: str | None,
    method: str,
    strategy: str,
    seed: int,
    params: list[str],
    output: Path | None,
    force: bool,
    scheduler: str,
) -> tuple[dict[str, Any], list[str]]:
    """``imbalance resample --scheduler``: check everything, then run and write."""
    from . import _resample as run
    from ._io import resolve_column

    if not method:
        raise InputError(f"Give --method, one of: {', '.join(dask_method_names())}.")
    frame = read_folder(data)
    column = resolve_column(frame, target, f"'{data}'", "--target")
    sampling_strategy = run.parse_strategy(strategy, frame[column]._meta)
    sampler = build_dask_sampler(
        method, sampling_strategy, seed, run.parse_params(params)
    )
    run.check_numeric_features(sampler, frame._meta.drop(columns=[column]), method)
    check_output_folder(output, data, force)
    with connected(scheduler):
        report, messages = resample_folder(frame, column, sampler, output, force)
    report = {"command": "resample", "source": str(data), "target": column, **report}
    report.update(output=str(output), scheduler=scheduler, warnings=messages)
    return report, messages
