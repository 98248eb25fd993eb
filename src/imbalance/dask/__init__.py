"""Samplers for Dask collections: the same names, parameters and guarantees.

Each sampler here takes a Dask DataFrame (the target given as a column name or
as a Dask Series partitioned like it) or a Dask Array with a 1-D Dask Array of
labels, and returns the same kind of collection, lazily. The classes are
counted in one pass when ``fit_resample`` is called; everything else runs
when the output is computed, partition by partition.

- :class:`RandomUnderSampler`, :class:`RandomOverSampler`: exact class totals;
  the rows drawn do not depend on the partitioning.
- :class:`SMOTE`, :class:`BorderlineSMOTE`, :class:`ADASYN`: the grown classes
  are gathered on one worker when they fit (``max_gather_bytes``) and their
  neighbours found exactly; otherwise neighbours are searched within each
  partition, with an :class:`imbalance.ApproximationWarning`.
- :class:`TomekLinks`, :class:`EditedNearestNeighbours`: an exact distributed
  neighbour search (every partition against every partition) that keeps the
  very rows the in-memory samplers keep.

Needs the ``dask`` extra: ``pip install "imbalance[dask]"``.
"""

from ._cleaning import EditedNearestNeighbours, TomekLinks
from ._neighbors import exact_kneighbors
from ._random import RandomOverSampler, RandomUnderSampler
from ._smote import ADASYN, SMOTE, BorderlineSMOTE

__all__ = [
    "ADASYN",
    "SMOTE",
    "BorderlineSMOTE",
    "EditedNearestNeighbours",
    "RandomOverSampler",
    "RandomUnderSampler",
    "TomekLinks",
    "exact_kneighbors",
]
