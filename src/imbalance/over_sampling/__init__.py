"""Over-samplers: grow classes with copies or synthetic rows."""

from ._random_over_sampler import RandomOverSampler
from ._smote import SMOTE

__all__ = ["RandomOverSampler", "SMOTE"]
