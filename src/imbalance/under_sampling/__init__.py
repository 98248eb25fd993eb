"""Under-samplers: shrink classes by removing rows.

Random under-sampling removes rows blindly; the cleaning and prototype-selection
methods built on :mod:`imbalance.neighbors` keep the informative ones.
"""

from ._nearmiss import NearMiss
from ._random_under_sampler import RandomUnderSampler

__all__ = ["NearMiss", "RandomUnderSampler"]
