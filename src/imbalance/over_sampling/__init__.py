"""Over-samplers: grow classes with copies or synthetic rows."""

from ._random_over_sampler import RandomOverSampler
from ._smote import SMOTE
from ._smote_nc import SMOTEN, SMOTENC

__all__ = ["SMOTE", "SMOTEN", "SMOTENC", "RandomOverSampler"]
