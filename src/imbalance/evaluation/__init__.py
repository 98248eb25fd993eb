"""Leakage-safe comparison of resampling strategies.

:func:`compare` cross-validates every strategy (``"none"``, the registered
samplers, or sampler objects) with every model, on the same repeated
stratified folds, each sampler resampling the training folds only. It
returns a :class:`Comparison`: a tidy per-fold table, means and spreads, the
majority-class baseline beside the models, and a paired test of each
strategy against no resampling, stated in words.

The test is the corrected resampled t-test (:func:`corrected_resampled_ttest`,
Nadeau and Bengio, 2003), which allows for the overlap of training sets in
repeated cross-validation; the plain paired t-test does not and finds too
many differences.
"""

from ._compare import Comparison, compare
from ._folds import METRICS, FoldSplits
from ._models import make_model, model_names
from ._paired import PairedTest, corrected_resampled_ttest

__all__ = [
    "METRICS",
    "Comparison",
    "FoldSplits",
    "PairedTest",
    "compare",
    "corrected_resampled_ttest",
    "make_model",
    "model_names",
]
