"""The ``imbalance`` command and its subcommands (built with Typer)."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any

import typer

from .._version import __version__
from ..registry import sampler_names
from ._errors import reported_errors
from ._io import (
    Table,
    check_destination,
    has_row_labels,
    load_table,
    resolve_column,
    write_table,
)
from ._output import collected_warnings, print_json, print_warnings, stdout_console

__all__ = ["app", "main"]

app = typer.Typer(
    name="imbalance",
    help="Learn from class-imbalanced data: inspect, resample, measure.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

DataArgument = Annotated[
    Path | None,
    typer.Argument(
        metavar="DATA", help="CSV or Parquet file (by extension).", show_default=False
    ),
]
ExampleOption = Annotated[
    str | None,
    typer.Option(
        "--example",
        help="Use a bundled data set instead of DATA: purchases.",
        show_default=False,
    ),
]
TargetOption = Annotated[
    str | None,
    typer.Option(
        "--target",
        "-t",
        help="Column holding the class labels (default for --example purchases: "
        "bought).",
        show_default=False,
    ),
]
JsonOption = Annotated[
    bool, typer.Option("--json", help="Print one JSON document, for scripts.")
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"imbalance {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version."
        ),
    ] = False,
) -> None:
    """Learn from class-imbalanced data: inspect, resample, measure."""


@app.command()
def inspect(
    data: DataArgument = None,
    target: TargetOption = None,
    example: ExampleOption = None,
    json: JsonOption = False,
) -> None:
    """Show class counts, imbalance ratio, baseline and data problems."""
    from ._inspect import inspect_table, render_inspection

    with reported_errors():
        table, column = _table_and_target(data, example, target)
        report = inspect_table(table.frame, column, table.source)
    if json:
        print_json(report)
    else:
        render_inspection(report, stdout_console())


def _table_and_target(
    data: Path | None, example: str | None, target: str | None
) -> tuple[Table, str]:
    """The input table and its target column (``--target`` or the default)."""
    table = load_table(data, example)
    column = resolve_column(
        table.frame, target or table.default_target, table.source, "--target"
    )
    return table, column


def _show(
    report: dict, messages: list[str], json: bool, render: Callable[..., None]
) -> None:
    """The report as JSON, or the warnings and then the rendered report."""
    if json:
        print_json(report)
        return
    print_warnings(messages)
    render(report, stdout_console())


def _methods_epilog() -> str:
    """The registered sampler names, wrapped by us so no name is split."""
    lines = textwrap.wrap(
        f"Methods: {', '.join(sampler_names())}.", width=76, break_on_hyphens=False
    )
    return "\b\n" + "\n".join(lines)  # \b: click keeps these lines as they are


@app.command(epilog=_methods_epilog())
def resample(
    data: DataArgument = None,
    method: Annotated[
        str,
        typer.Option(
            "--method",
            "-m",
            help="Sampler name (see Methods below).",
            show_default=False,
        ),
    ] = "",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="New CSV or Parquet file.", show_default=False
        ),
    ] = None,
    target: TargetOption = None,
    strategy: Annotated[
        str,
        typer.Option(
            "--strategy",
            "-s",
            help="A word (auto, minority, not majority, ...), a ratio "
            "minority/majority such as 0.5, or counts: class=count,class=count.",
        ),
    ] = "auto",
    seed: Annotated[
        int, typer.Option("--seed", help="Random seed; the same seed, the same rows.")
    ] = 0,
    param: Annotated[
        list[str] | None,
        typer.Option(
            "--param",
            "-p",
            help="Another sampler parameter, name=value (repeatable).",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace OUTPUT if it exists.")
    ] = False,
    example: ExampleOption = None,
    json: JsonOption = False,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            help="Run on Dask: 'local' (a local cluster) or a scheduler address. "
            "DATA is then a folder of Parquet files and OUTPUT a new folder.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Rebalance DATA with a sampler; write the result to a new file."""
    from . import _resample as run

    if scheduler is not None:
        from ._distributed import resample_command

        with reported_errors():
            report, messages = resample_command(
                data,
                target,
                method,
                strategy,
                seed,
                param or [],
                output,
                force,
                scheduler,
            )
        _show(report, messages, json, run.render_resampling)
        return
    with reported_errors():
        table, column = _table_and_target(data, example, target)
        sampler = _prepared_sampler(table, column, method, strategy, seed, param)
        kind = _checked_output(output, table.path, force)
        result, messages = run.resample_frame(table.frame, column, sampler)
        # Rows read with index labels (a Parquet index) keep them.
        write_table(result, output, kind, keep_index=has_row_labels(table.frame))
    report = run.resampling_report(table.frame, result, column, sampler)
    report = {"command": "resample", "source": table.source, "target": column, **report}
    report.update(output=str(output), warnings=messages)
    _show(report, messages, json, run.render_resampling)


def _prepared_sampler(
    table: Table,
    column: str,
    method: str,
    strategy: str,
    seed: int,
    param: list[str] | None,
) -> Any:
    """The sampler asked for, checked against the data before any work."""
    from . import _resample as run

    if not method:
        raise ValueError(f"Give --method, one of: {', '.join(sampler_names())}.")
    labels = table.frame[column]
    sampling_strategy = run.parse_strategy(strategy, labels)
    sampler = run.build_sampler(
        method, sampling_strategy, seed, run.parse_params(param or [])
    )
    features = table.frame.drop(columns=[column])
    run.check_numeric_features(sampler, features, method)
    return sampler


def _checked_output(output: Path | None, source: Path, force: bool) -> str:
    if output is None:
        raise ValueError("Give --output, the new CSV or Parquet file to write.")
    return check_destination(output, [source], force)


@app.command()
def metrics(
    tp: Annotated[int | None, typer.Option("--tp", help="True positives.")] = None,
    fn: Annotated[int | None, typer.Option("--fn", help="False negatives.")] = None,
    tn: Annotated[int | None, typer.Option("--tn", help="True negatives.")] = None,
    fp: Annotated[int | None, typer.Option("--fp", help="False positives.")] = None,
    labels: Annotated[
        Path | None,
        typer.Option(
            "--labels",
            help="CSV or Parquet file with a truth and a prediction column.",
            show_default=False,
        ),
    ] = None,
    truth: Annotated[
        str | None, typer.Option("--truth", help="Column of true classes.")
    ] = None,
    pred: Annotated[
        str | None, typer.Option("--pred", help="Column of predicted classes.")
    ] = None,
    positive: Annotated[
        str | None,
        typer.Option(
            "--positive",
            help="Positive class (binary); default: the less frequent true class.",
        ),
    ] = None,
    json: JsonOption = False,
) -> None:
    """Compute metrics from four counts or from a file of labels."""
    from . import _metrics as run

    with reported_errors(), collected_warnings() as messages:
        confusion = run.counts_from_options({"tp": tp, "fn": fn, "tn": tn, "fp": fp})
        if confusion is not None and labels is not None:
            raise ValueError("Give either the four counts or --labels, not both.")
        if confusion is not None:
            report = run.binary_report(confusion)
        else:
            report = _labels_report(labels, truth, pred, positive)
    report["warnings"] = messages
    _show(report, messages, json, run.render_metrics)


def _labels_report(
    labels: Path | None, truth: str | None, pred: str | None, positive: str | None
) -> dict[str, Any]:
    from . import _metrics as run

    if labels is None:
        raise ValueError(
            "Give the four counts (--tp --fn --tn --fp), or a file of labels "
            "(--labels FILE --truth COLUMN --pred COLUMN)."
        )
    table = load_table(labels, None)
    truth = resolve_column(table.frame, truth, table.source, "--truth")
    pred = resolve_column(table.frame, pred, table.source, "--pred")
    return run.labels_report(table.frame, truth, pred, positive, table.source)


QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")]
JobsOption = Annotated[
    int, typer.Option("--jobs", "-j", help="Folds fitted in parallel.", min=1)
]
ForceOption = Annotated[
    bool, typer.Option("--force", help="Replace the report if it exists.")
]


@app.command(epilog=_methods_epilog())
def compare(
    data: DataArgument = None,
    target: TargetOption = None,
    methods: Annotated[
        str,
        typer.Option(
            "--methods", "-m", help="Comma-separated strategies: none and Methods."
        ),
    ] = "none,random-under,random-over,smote",
    model: Annotated[
        str,
        typer.Option(
            "--model",
            help="Comma-separated models: logistic, random-forest, gradient-boosting.",
        ),
    ] = "logistic",
    cv: Annotated[
        str, typer.Option("--cv", help="REPEATSxFOLDS of stratified cross-validation.")
    ] = "5x2",
    cost_fn: Annotated[
        float, typer.Option("--cost-fn", help="Cost of a missed positive.", min=0)
    ] = 1.0,
    cost_fp: Annotated[
        float, typer.Option("--cost-fp", help="Cost of a false alarm.", min=0)
    ] = 1.0,
    positive: Annotated[
        str | None,
        typer.Option("--positive", help="Positive class; default: the rarest."),
    ] = None,
    report: Annotated[
        Path | None,
        typer.Option("--report", help="Write an HTML report here.", show_default=False),
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="Random seed.")] = 0,
    jobs: JobsOption = 1,
    force: ForceOption = False,
    example: ExampleOption = None,
    json: JsonOption = False,
    quiet: QuietOption = False,
) -> None:
    """Cross-validate resampling strategies; resample training folds only."""
    from . import _compare as run

    with reported_errors():
        table, column = _table_and_target(data, example, target)
        settings = run.CompareSettings(
            run.parse_methods(methods),
            run.parse_models(model),
            cv,
            cost_fn,
            cost_fp,
            positive,
            seed,
            jobs,
        )
        if report is not None:
            run.check_report_destination(report, [table.path], force)
        _run_compare(table, column, settings, report, force, json, quiet)


@app.command()
def demo(
    output_dir: Annotated[
        Path,
        typer.Option("--output-dir", "-o", help="Folder for report.html."),
    ] = Path("."),
    jobs: JobsOption = 1,
    force: ForceOption = False,
    json: JsonOption = False,
    quiet: QuietOption = False,
) -> None:
    """Compare strategies on the bundled purchases; write report.html.

    An existing report.html is replaced only if an earlier report wrote it
    (or with --force); any other file of that name is left alone.
    """
    from . import _compare as run

    with reported_errors():
        table = load_table(None, "purchases")
        report = output_dir / "report.html"
        force = force or run.is_own_report(report)
        run.check_report_destination(report, [table.path], force)
        settings = run.DEMO if jobs == 1 else replace(run.DEMO, jobs=jobs)
        _run_compare(table, "bought", settings, report, force, json, quiet)


def _run_compare(
    table: Table,
    column: str,
    settings: Any,
    report: Path | None,
    force: bool,
    json: bool,
    quiet: bool,
) -> None:
    from . import _compare as run

    comparison, X, y, messages = run.run_comparison(table, column, settings, quiet)
    if report is not None:
        title = f"Resampling strategies on {table.source}"
        run.write_html_report(comparison, X, y, report, title, force)
    document = run.comparison_document(comparison, table, column, report)
    document["warnings"] = messages
    _show(document, messages, json, run.render_comparison)


def main() -> None:
    """Run the ``imbalance`` command (the console script's entry point).

    It reads its arguments from ``sys.argv`` and exits with 0 on success, 1
    on a failure while running and 2 on bad usage or bad input. To call the
    command from Python, invoke :data:`app` with a runner instead.

    Examples
    --------
    >>> import json
    >>> from typer.testing import CliRunner
    >>> from imbalance.cli import app
    >>> counts = ["--tp", "24", "--fn", "14", "--tn", "682", "--fp", "40"]
    >>> result = CliRunner().invoke(app, ["metrics", *counts, "--json"])
    >>> result.exit_code
    0
    >>> metrics = json.loads(result.stdout)["metrics"]
    >>> round(metrics["accuracy"], 3), round(metrics["baseline_accuracy"], 3)
    (0.929, 0.95)
    """
    app(prog_name="imbalance")
