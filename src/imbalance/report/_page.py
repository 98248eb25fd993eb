"""The report page: one self-contained HTML file built from a comparison."""

from __future__ import annotations

import html
import logging
import math
import os
import tempfile
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np

from .._version import __version__
from ..decision import bayes_threshold
from ..evaluation._paired import metric_name
from . import _figures as figures
from ._projection import resampling_views

__all__ = ["is_report_file", "render_report", "write_report"]

# The generator tag every report carries, so that a report can be told apart
# from any other file of the same name (see is_report_file).
GENERATOR = "imbalance report"

logger = logging.getLogger("imbalance")

#: Metrics of the summary table, in order.
TABLE_METRICS = (
    "accuracy",
    "sensitivity",
    "specificity",
    "precision",
    "f1",
    "g_mean",
    "balanced_accuracy",
    "mcc",
    "pr_auc",
    "roc_auc",
    "brier",
    "log_loss",
    "expected_cost",
    "decision_cost",
)

_STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; max-width: 1100px; margin: 2em auto;
       padding: 0 1em; color: #222; }
h1 { font-size: 1.6em; } h2 { margin-top: 2em; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; font-size: 13px; margin: 1em 0; }
th, td { padding: 3px 7px; border-bottom: 1px solid #eee; text-align: right;
         white-space: nowrap; }
td small { color: #777; }
.wide { overflow-x: auto; }
table.decisions th:nth-child(2), table.decisions td:nth-child(2) {
    text-align: right; }
th:first-child, td:first-child, th:nth-child(2), td:nth-child(2) { text-align: left; }
tr.baseline td { color: #777; font-style: italic; }
figure { margin: 1em 0; } img { max-width: 100%; height: auto; }
figcaption, .note { color: #555; font-size: 13px; }
li.significant { font-weight: 600; }
"""


def _labels(y: Any) -> np.ndarray:
    return y.to_numpy() if hasattr(y, "to_numpy") else np.asarray(y)


def _image(figure: Any, alt: str, caption: str = "") -> str:
    uri = figures.to_data_uri(figure)
    width, height = (int(v) for v in figure.get_size_inches() * figure.dpi)
    text = f"<figcaption>{html.escape(caption)}</figcaption>" if caption else ""
    return (
        f'<figure><img src="{uri}" alt="{html.escape(alt)}" width="{width}" '
        f'height="{height}">{text}</figure>'
    )


def _number(value: float) -> str:
    return "n/a" if value is None or math.isnan(value) else f"{value:.3f}"


def _summary_table(comparison: Any) -> str:
    summary = comparison.summary(TABLE_METRICS)
    header = "".join(f"<th>{html.escape(metric_name(m))}</th>" for m in TABLE_METRICS)
    rows = []
    for (strategy, model), values in summary.iterrows():
        cells = "".join(
            f"<td>{_number(values[(m, 'mean')])} "
            f"<small>± {_number(values[(m, 'std')])}</small></td>"
            for m in TABLE_METRICS
        )
        css = ' class="baseline"' if model == "majority" else ""
        rows.append(
            f"<tr{css}><td>{html.escape(strategy)}</td><td>{html.escape(model)}</td>"
            f"{cells}</tr>"
        )
    return (
        "<div class='wide'><table><thead><tr><th>strategy</th><th>model</th>"
        f"{header}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _statements(comparison: Any) -> str:
    items = []
    for test in comparison.paired_tests(
        (
            "sensitivity",
            "specificity",
            "precision",
            "pr_auc",
            "expected_cost",
            "decision_cost",
        )
    ):
        css = ' class="significant"' if test.significant else ""
        items.append(f"<li{css}>{html.escape(test.statement())}</li>")
    return f"<ul>{''.join(items)}</ul>"


def _scores(comparison: Any, y: np.ndarray, model: str) -> list[figures.Scores]:
    """Out-of-fold scores of every strategy for ``model`` (first repeat)."""
    entries = []
    for strategy in comparison.strategies:
        predictions = comparison.predictions.get((strategy, model))
        if predictions is None:
            continue
        covered = ~np.isnan(predictions["score"])
        corrected = predictions.get("corrected")
        entries.append(
            figures.Scores(
                label=strategy,
                is_positive=(y == comparison.positive_label)[covered],
                score=predictions["score"][covered],
                corrected=None if corrected is None else corrected[covered],
            )
        )
    return entries


def _confusions(comparison: Any, y: np.ndarray, model: str) -> list[tuple[str, dict]]:
    entries = []
    keys = [(s, model) for s in comparison.strategies] + [("none", "majority")]
    for strategy, name in keys:
        predictions = comparison.predictions.get((strategy, name))
        if predictions is None:
            continue
        covered = ~np.isnan(predictions["score"])
        true = y[covered] == comparison.positive_label
        pred = predictions["pred"][covered] == comparison.positive_label
        counts = {
            "tp": int(np.sum(true & pred)),
            "fn": int(np.sum(true & ~pred)),
            "tn": int(np.sum(~true & ~pred)),
            "fp": int(np.sum(~true & pred)),
        }
        title = strategy if name == model else f"{name} baseline"
        entries.append((title, counts))
    return entries


def _decision_table(comparison: Any, model: str, chosen: float) -> str:
    """Expected cost per strategy: as predicted, and at the chosen threshold."""
    summary = comparison.summary(["expected_cost", "decision_cost"])
    rows = []
    for strategy in comparison.strategies:
        if (strategy, model) not in summary.index:
            continue
        values = summary.loc[(strategy, model)]
        cells = "".join(
            f"<td>{_number(values[(metric, 'mean')])} "
            f"<small>± {_number(values[(metric, 'std')])}</small></td>"
            for metric in ("expected_cost", "decision_cost")
        )
        rows.append(f"<tr><td>{html.escape(strategy)}</td>{cells}</tr>")
    return (
        "<table class='decisions'><thead><tr><th>strategy</th>"
        "<th>cost as predicted</th>"
        f"<th>cost at {chosen:.3f}, corrected</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
        "<p class='note'>Expected cost per row over the folds (mean ± standard "
        "deviation): as each model's predict answers, and when its "
        "prior-corrected probability is cut at the chosen threshold.</p>"
    )


def _model_sections(comparison: Any, y: np.ndarray) -> Iterator[str]:
    chosen = bayes_threshold(cost_fn=comparison.cost_fn, cost_fp=comparison.cost_fp)
    prevalence = float(np.mean(y == comparison.positive_label))
    for model in comparison.models:
        if model == "majority":
            continue
        logger.info("Drawing the figures of model %s", model)
        scores = _scores(comparison, y, model)
        yield f"<h2>Model: {html.escape(model)}</h2>"
        yield "<h3>Confusion matrices</h3>"
        yield _image(
            figures.confusion_figure(_confusions(comparison, y, model)),
            f"Confusion matrices of {model}",
            "Out-of-fold predictions of the first repeat (every row predicted "
            "once), from each model's predict.",
        )
        yield "<h3>Precision-recall and ROC curves</h3>"
        yield _image(figures.curves_figure(scores, prevalence), f"Curves of {model}")
        yield "<h3>Expected cost against threshold</h3>"
        yield _image(
            figures.cost_figure(scores, comparison.cost_fn, comparison.cost_fp, chosen),
            f"Expected cost of {model}",
            f"The chosen threshold {chosen:.3f} = cost_fp / (cost_fp + cost_fn) "
            "(imbalance.decision.bayes_threshold) is where predicting positive "
            "costs least for probabilities of the real population; after "
            "resampling, that holds for the prior-corrected probabilities shown "
            "here. To tune a threshold on your own folds, use "
            "imbalance.decision.CostThresholdClassifierCV.",
        )
        yield _decision_table(comparison, model, chosen)
        yield "<h3>Calibration before and after prior correction</h3>"
        yield _image(
            figures.calibration_figure(scores),
            f"Calibration of {model}",
            "Resampling shifts the class priors the model learns; the correction "
            "(imbalance.calibration.correct_priors) maps its probabilities back "
            "to the priors of the training folds. Bins hold equal numbers of rows.",
        )


def _head(comparison: Any, y: np.ndarray, title: str) -> str:
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    n_positive = int(np.sum(y == comparison.positive_label))
    facts = [
        f"{len(y):,} rows, {n_positive:,} of the positive class "
        f"{comparison.positive_label!r} ({n_positive / len(y):.1%})",
        f"cross-validation: {comparison.splits.description}; every sampler "
        "resampled the training folds only",
        f"costs: false negative {comparison.cost_fn:g}, false positive "
        f"{comparison.cost_fp:g}",
        f"imbalance {__version__}, {when}",
    ]
    items = "".join(f"<li>{html.escape(fact)}</li>" for fact in facts)
    return f"<h1>{html.escape(title)}</h1><ul>{items}</ul>"


def render_report(comparison: Any, X: Any, y: Any, *, title: str | None = None) -> str:
    """The comparison as one self-contained HTML page.

    Parameters
    ----------
    comparison : Comparison
        The result of :func:`imbalance.evaluation.compare` on ``X`` and ``y``.
    X : array-like, sparse matrix or DataFrame of shape (n_samples, n_features)
        The features given to ``compare`` (for the 2-D views).
    y : array-like of shape (n_samples,)
        The labels given to ``compare``.
    title : str or None, default=None
        Heading of the page.

    Returns
    -------
    str
        The HTML document; images are embedded as base64 PNG, and the page
        loads nothing from elsewhere.

    See Also
    --------
    write_report : Write the page to a file, atomically.

    Examples
    --------
    >>> from sklearn.datasets import make_classification
    >>> from imbalance.evaluation import compare
    >>> from imbalance.report import render_report
    >>> X, y = make_classification(200, weights=[0.9], random_state=0)
    >>> result = compare(X, y, "none", cv="1x2")
    >>> page = render_report(result, X, y, title="Quick look")
    >>> "<h1>Quick look</h1>" in page, "<script" in page
    (True, False)
    """
    labels = _labels(y)
    if len(labels) != comparison.n_rows:
        raise ValueError(
            f"y has {len(labels)} labels but the comparison was run on "
            f"{comparison.n_rows} rows; pass the X and y given to compare."
        )
    title = title or "Comparison of resampling strategies"
    logger.info("Drawing the report's figures")
    counts = {label: int(np.sum(labels == label)) for label in np.unique(labels)}
    parts = [
        _head(comparison, labels, title),
        "<h2>Classes</h2>",
        _image(figures.class_figure(counts, comparison.positive_label), "Classes"),
        "<h2>Summary</h2>",
        "<p class='note'>Mean ± standard deviation over the folds. The majority "
        "baseline always answers the most frequent class: any accuracy must be "
        "read against it.</p>",
        _summary_table(comparison),
        "<h2>Each strategy against none</h2>",
        "<p class='note'>Corrected resampled t-test (Nadeau and Bengio) over the "
        "same folds; ± is its standard error; no correction for testing many "
        "differences at once.</p>",
        _statements(comparison),
        *_model_sections(comparison, labels),
        "<h2>Training data before and after resampling</h2>",
        _image(
            figures.projection_figure(
                resampling_views(comparison, X, labels), comparison.positive_label
            ),
            "Training data in two dimensions",
            "First two principal components of the encoded first training fold; "
            "crosses: rows a sampler added; hollow grey: rows it removed.",
        ),
    ]
    body = "\n".join(parts)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta name="generator" content="{GENERATOR} {__version__}">'
        f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head>"
        f"<body>\n{body}\n</body></html>\n"
    )


def is_report_file(path: str | os.PathLike) -> bool:
    """Whether the file at ``path`` is a report written by :func:`write_report`.

    Reports carry a generator tag near their start; a missing or unreadable
    file, or any other file, is not a report. ``imbalance demo`` uses this to
    replace its own earlier report but never a file of someone else's.

    Parameters
    ----------
    path : str or path-like
        The file to look at; only its first 4 KiB are read.

    Returns
    -------
    bool

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "notes.html").write_text("<html>mine</html>")
    >>> is_report_file(folder / "notes.html"), is_report_file(folder / "none.html")
    (False, False)
    """
    try:
        with open(path, "rb") as file:
            head = file.read(4096)
    except OSError:
        return False
    return f'<meta name="generator" content="{GENERATOR} '.encode() in head


def write_report(
    comparison: Any,
    X: Any,
    y: Any,
    path: str | os.PathLike,
    *,
    title: str | None = None,
    overwrite: bool = False,
) -> Path:
    """Write :func:`render_report`'s page to ``path``, atomically.

    Parameters
    ----------
    comparison : Comparison
        The result of :func:`imbalance.evaluation.compare` on ``X`` and ``y``.
    X : array-like, sparse matrix or DataFrame of shape (n_samples, n_features)
        The features given to ``compare``.
    y : array-like of shape (n_samples,)
        The labels given to ``compare``.
    path : str or path-like
        The HTML file to write. Its folder must exist.
    title : str or None, default=None
        Heading of the page.
    overwrite : bool, default=False
        Replace ``path`` if it exists; otherwise an existing file is an error.

    Returns
    -------
    Path
        Where the report was written.

    Raises
    ------
    FileExistsError
        If ``path`` exists and ``overwrite`` is False.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> from imbalance.datasets import load_purchases
    >>> from imbalance.evaluation import compare
    >>> from imbalance.report import write_report
    >>> data = load_purchases().head(400)
    >>> X, y = data.drop(columns="bought"), data["bought"]
    >>> result = compare(X, y, ["none", "random-under"], cv="1x2")
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = write_report(result, X, y, Path(folder) / "report.html")
    ...     page = path.read_text(encoding="utf-8")
    >>> page.startswith("<!DOCTYPE html>"), page.count("<img ")
    (True, 6)
    """
    destination = Path(path)
    if destination.exists() and not overwrite:
        raise FileExistsError(
            f"'{destination}' already exists; choose another name or pass "
            "overwrite=True."
        )
    page = render_report(comparison, X, y, title=title)
    descriptor, temporary = tempfile.mkstemp(
        dir=destination.parent, prefix=f".{destination.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(page)
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, destination)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    logger.info("Wrote the report to %s", destination)
    return destination


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
