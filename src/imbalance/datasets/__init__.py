"""Bundled and generated data sets."""

from ._make_imbalance import make_imbalance

__all__ = ["make_imbalance"]
