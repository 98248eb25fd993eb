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
"""

try:
    import matplotlib  # noqa: F401
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError(
        "imbalance.report draws its figures with Matplotlib, which is not "
        "installed. Install it with: pip install 'imbalance[report]'."
    ) from exc

from ._page import is_report_file, render_report, write_report

__all__ = ["is_report_file", "render_report", "write_report"]
