"""Over-samplers: grow classes with copies or synthetic rows."""

from ._random_over_sampler import RandomOverSampler

__all__ = ["RandomOverSampler"]
