"""Metrics that stay honest on imbalanced data.

Accuracy alone misleads when one class is rare: answering "negative" for
every row of data with 5 % positives is 95 % accurate and finds nothing. This
package gives the measures that show it:

- :class:`ConfusionCounts`, the binary confusion matrix with every metric as a
  property, the majority baseline beside them, and a plain-words
  :meth:`~ConfusionCounts.summary`;
- label-based scores in scikit-learn's calling style, multiclass by one class
  against the rest: :func:`sensitivity_score`, :func:`specificity_score`,
  :func:`negative_predictive_value_score`, :func:`geometric_mean_score`,
  :func:`index_balanced_accuracy_score`, :func:`majority_baseline_score` and
  :func:`expected_cost_score`;
- :func:`classification_report_imbalanced`, a per-class table.

Precision, F1, balanced accuracy and MCC of labels are scikit-learn's
(:mod:`sklearn.metrics`); the functions here follow the same conventions
(``labels``, ``pos_label``, ``average``, ``zero_division``).
"""

from ._cost import expected_cost_score, majority_baseline_score
from ._counts import ConfusionCounts
from ._report import classification_report_imbalanced
from ._scores import (
    geometric_mean_score,
    index_balanced_accuracy_score,
    negative_predictive_value_score,
    sensitivity_score,
    specificity_score,
)

__all__ = [
    "ConfusionCounts",
    "classification_report_imbalanced",
    "expected_cost_score",
    "geometric_mean_score",
    "index_balanced_accuracy_score",
    "majority_baseline_score",
    "negative_predictive_value_score",
    "sensitivity_score",
    "specificity_score",
]
