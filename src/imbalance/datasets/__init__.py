"""Bundled and generated data sets."""

from ._make_imbalance import make_imbalance
from ._purchases import load_purchases, make_purchases

__all__ = ["load_purchases", "make_imbalance", "make_purchases"]
