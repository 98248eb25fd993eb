"""``imbalance compare`` and ``imbalance demo``: strategies side by side."""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from rich import box
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn
from rich.table import Table as RichTable

from ..decision import bayes_threshold
from ..evaluation import Comparison, compare, model_names
from ..registry import sampler_names
from ._errors import InputError, RunError
from ._io import Table, check_free_path
from ._output import collected_warnings, parse_label

__all__ = [
    "DEMO",
    "CompareSettings",
    "check_report_destination",
    "comparison_document",
    "parse_names",
    "render_comparison",
    "run_comparison",
    "write_html_report",
]

#: Columns of the table printed at the end, with headers that fit 80 columns.
TABLE_METRICS = {
    "accuracy": "acc.",
    "sensitivity": "sens.",
    "specificity": "spec.",
    "precision": "prec.",
    "pr_auc": "PR-AUC",
    "expected_cost": "cost",
    "decision_cost": "cost@t",
}
#: Metrics the printed sentences speak of.
STATEMENT_METRICS = (
    "sensitivity",
    "precision",
    "pr_auc",
    "expected_cost",
    "decision_cost",
)
REPORT_SUFFIXES = (".html", ".htm")


@dataclass(frozen=True)
class CompareSettings:
    """What ``compare`` runs: the options, parsed and checked."""

    methods: list[str]
    models: list[str]
    cv: str
    cost_fn: float
    cost_fp: float
    positive: str | None
    seed: int
    jobs: int


#: ``imbalance demo``: the bundled purchases, where missing a buyer costs five
#: times a needless offer.
DEMO = CompareSettings(
    methods=["none", "random-under", "random-over", "smote", "enn", "smote-enn"],
    models=["logistic"],
    cv="5x2",
    cost_fn=5.0,
    cost_fp=1.0,
    positive=None,
    seed=0,
    jobs=1,
)


def parse_names(text: str, known: list[str], option: str) -> list[str]:
    """A comma-separated list of names, each one of ``known``."""
    names = [name.strip() for name in text.split(",") if name.strip()]
    if not names:
        raise InputError(f"Give {option} a comma-separated list: {', '.join(known)}.")
    for name in names:
        if name not in known:
            raise InputError(
                f"{option} names {name!r}, which is not known. Known: "
                f"{', '.join(known)}."
            )
    return list(dict.fromkeys(names))


def parse_methods(text: str) -> list[str]:
    return parse_names(text, ["none", *sampler_names()], "--methods")


def parse_models(text: str) -> list[str]:
    return parse_names(text, model_names(), "--model")


def is_own_report(path: Path) -> bool:
    """Whether ``path`` holds a report written by imbalance (needs Matplotlib)."""
    if importlib.util.find_spec("matplotlib") is None:
        return False  # check_report_destination explains what is missing
    from ..report import is_report_file

    return is_report_file(path)


def check_report_destination(path: Path, inputs: list[Path], force: bool) -> None:
    """Refuse a report path that is not .html, exists, is an input or has no folder."""
    if not path.name.lower().endswith(REPORT_SUFFIXES):
        raise InputError(
            f"The report '{path}' must be an .html file; e.g. --report report.html."
        )
    if path.is_dir():
        raise InputError(f"The report '{path}' is a folder; give a file name.")
    if any(path.resolve() == source.resolve() for source in inputs):
        raise InputError(f"The report '{path}' is the input file; choose another.")
    check_free_path(path, "report", force)
    if importlib.util.find_spec("matplotlib") is None:
        raise RunError(
            "The report needs Matplotlib, which is not installed. Install it with: "
            "pip install 'imbalance[report]', or leave out --report."
        )


def _progress(quiet: bool) -> Progress:
    """A bar over folds on stderr; hidden with --quiet or off a terminal."""
    console = Console(stderr=True)
    return Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=quiet or not console.is_terminal,
    )


def run_comparison(
    table: Table, target: str, settings: CompareSettings, quiet: bool
) -> tuple[Comparison, pd.DataFrame, pd.Series, list[str]]:
    """Cross-validate the strategies on the table; also return X, y and advice."""
    labels = table.frame[target]
    n_missing = int(labels.isna().sum())
    if n_missing:
        raise InputError(
            f"The target {target!r} has {n_missing} missing value(s); drop those "
            "rows first."
        )
    X = table.frame.drop(columns=[target])
    positive = None
    if settings.positive is not None:
        positive = parse_label(settings.positive, labels, "--positive")
    with _progress(quiet) as bar, collected_warnings() as messages:
        task = bar.add_task("Cross-validating", total=None)
        comparison = compare(
            X,
            labels,
            settings.methods,
            settings.models,
            cv=settings.cv,
            cost_fn=settings.cost_fn,
            cost_fp=settings.cost_fp,
            pos_label=positive,
            random_state=settings.seed,
            n_jobs=settings.jobs,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
        )
    return comparison, X, labels, list(dict.fromkeys(messages))


def write_html_report(
    comparison: Comparison, X: Any, y: Any, path: Path, title: str, force: bool
) -> Path:
    """The HTML report, atomically; a write failure is a RunError (exit 1)."""
    from ..report import write_report

    try:
        return write_report(comparison, X, y, path, title=title, overwrite=force)
    except FileExistsError as exc:
        raise InputError(f"{exc} Pass --force to replace it.") from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise RunError(f"Could not write '{path}': {reason}.") from exc


def _cell(mean: float | None) -> str:
    return "n/a" if mean is None or np.isnan(mean) else f"{mean:.3f}"


def render_comparison(document: dict[str, Any], console: Console) -> None:
    """The summary table, the paired tests in words, and the report's path."""
    console.print(
        f"Compared on {document['source']} (target {document['target']!r}, positive "
        f"class {document['positive_label']!r}), {document['cv']}",
        style="bold",
    )
    table = RichTable(box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True)
    table.add_column("strategy", no_wrap=True)
    table.add_column("model", no_wrap=True)
    for header in TABLE_METRICS.values():
        table.add_column(header, justify="right", no_wrap=True, min_width=5)
    for row in document["summary"]:
        cells = [_cell(row[f"{metric}_mean"]) for metric in TABLE_METRICS]
        style = "dim" if row["model"] == "majority" else None
        table.add_row(row["strategy"], row["model"], *cells, style=style)
    console.print(table)
    console.print(
        "Means over the folds (spreads: --json or the report). Cost: per row, "
        f"a missed positive costing {document['cost_fn']:g} and a false alarm "
        f"{document['cost_fp']:g}; cost@t: when the prior-corrected probability "
        f"is cut at the Bayes threshold {document['threshold']:.3f}. The majority "
        "row always answers the most frequent class. Differences against none "
        "(± standard error):"
    )
    for test in document["tests"]:
        console.print(f"- {test['statement']}", highlight=False)
    if document.get("report"):
        console.print(f"Report: {document['report']}")


def comparison_document(
    comparison: Comparison, table: Table, target: str, report: Path | None
) -> dict[str, Any]:
    """Everything ``--json`` prints: settings, summary, tests, folds."""
    document = {"command": "compare", "source": table.source, "target": target}
    document.update(comparison.to_dict())
    document["tests"] = [
        {**vars(test), "significant": test.significant, "statement": test.statement()}
        for test in comparison.paired_tests(STATEMENT_METRICS)
    ]
    document["threshold"] = bayes_threshold(
        cost_fn=comparison.cost_fn, cost_fp=comparison.cost_fp
    )
    document["report"] = None if report is None else str(report.resolve())
    return document
