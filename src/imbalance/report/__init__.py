"""HTML reports of a comparison of resampling strategies.

:func:`write_report` turns the result of :func:`imbalance.evaluation.compare`
into one self-contained HTML file (images embedded as PNG, no network, no
scripts): the class distribution, the summary table and paired tests, per
strategy the confusion matrix with accuracy, sensitivity, specificity and
precision, precision-recall and ROC curves, expected cost against threshold
with the chosen threshold marked, calibration before and after prior
correction, and a 2-D view of the training data before and after each
resampling. Progress is logged to ``logging.getLogger("imbalance")``.

Needs Matplotlib: ``pip install "imbalance[report]"``.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> from imbalance.datasets import load_purchases
>>> from imbalance.evaluation import compare
>>> from imbalance.report import write_report
>>> data = load_purchases().head(600)
>>> X, y = data.drop(columns="bought"), data["bought"]
>>> result = compare(X, y, ["none", "random-under"], cv="1x2")
>>> with tempfile.TemporaryDirectory() as folder:
...     path = write_report(result, X, y, Path(folder) / "report.html")
...     page = path.read_text(encoding="utf-8")
>>> page.startswith("<!DOCTYPE html>"), page.count("<img ")
(True, 6)
"""

try:
    import matplotlib  # noqa: F401
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError(
        "imbalance.report draws its figures with Matplotlib, which is not "
        "installed. Install it with: pip install 'imbalance[report]'."
    ) from exc

from ._page import render_report, write_report

__all__ = ["render_report", "write_report"]
