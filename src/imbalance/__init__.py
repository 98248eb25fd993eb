"""imbalance: learn from class-imbalanced data.

See how skewed the classes are, measure models honestly, rebalance the
training data, and turn scores into decisions that respect the real class
priors. The subpackages follow the layers of the design; a module imports
only from the layers above it:

- core: :mod:`imbalance.strategy`, :mod:`imbalance.neighbors`,
  :mod:`imbalance.base`;
- samplers: :mod:`imbalance.under_sampling`, :mod:`imbalance.over_sampling`,
  :mod:`imbalance.combine`;
- models: :mod:`imbalance.pipeline`, :mod:`imbalance.calibration`,
  :mod:`imbalance.decision`;
- evaluation: :mod:`imbalance.metrics`, :mod:`imbalance.evaluation`;
- edges: :mod:`imbalance.datasets`, :mod:`imbalance.report`,
  :mod:`imbalance.cli`, :mod:`imbalance.dask`.
"""

from ._exceptions import (
    ApproximationWarning,
    ImbalanceWarning,
    SmallClassWarning,
    UndefinedMetricWarning,
)
from ._function_sampler import FunctionSampler
from ._version import __version__
from .base import BaseSampler

__all__ = [
    "ApproximationWarning",
    "BaseSampler",
    "FunctionSampler",
    "ImbalanceWarning",
    "SmallClassWarning",
    "UndefinedMetricWarning",
    "__version__",
]
