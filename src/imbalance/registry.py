"""Samplers by short name, for the command line and for comparisons.

Each entry maps a name users type (``random-under``, ``smote``, ...) to the
class that implements it. A new sampler joins the command line, the
``compare`` machinery and the common test suite by adding one line here.
Classes are imported on first use, so listing names stays cheap.

Examples
--------
>>> from imbalance.registry import make_sampler, sampler_names
>>> "random-over" in sampler_names()
True
>>> make_sampler("random-under", random_state=0)
RandomUnderSampler(random_state=0)
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__all__ = ["SAMPLERS", "get_sampler_class", "make_sampler", "sampler_names"]

#: CLI name -> "module:ClassName".
SAMPLERS: dict[str, str] = {
    "random-under": "imbalance.under_sampling:RandomUnderSampler",
    "near-miss": "imbalance.under_sampling:NearMiss",
    "instance-hardness": "imbalance.under_sampling:InstanceHardnessThreshold",
    "cluster-centroids": "imbalance.under_sampling:ClusterCentroids",
    "cnn": "imbalance.under_sampling:CondensedNearestNeighbour",
    "one-sided-selection": "imbalance.under_sampling:OneSidedSelection",
    "tomek-links": "imbalance.under_sampling:TomekLinks",
    "enn": "imbalance.under_sampling:EditedNearestNeighbours",
    "renn": "imbalance.under_sampling:RepeatedEditedNearestNeighbours",
    "allknn": "imbalance.under_sampling:AllKNN",
    "ncr": "imbalance.under_sampling:NeighbourhoodCleaningRule",
    "random-over": "imbalance.over_sampling:RandomOverSampler",
    "smote": "imbalance.over_sampling:SMOTE",
    "borderline-smote": "imbalance.over_sampling:BorderlineSMOTE",
    "svm-smote": "imbalance.over_sampling:SVMSMOTE",
    "kmeans-smote": "imbalance.over_sampling:KMeansSMOTE",
    "adasyn": "imbalance.over_sampling:ADASYN",
    "smote-nc": "imbalance.over_sampling:SMOTENC",
    "smote-n": "imbalance.over_sampling:SMOTEN",
    "smote-enn": "imbalance.combine:SMOTEENN",
    "smote-tomek": "imbalance.combine:SMOTETomek",
}


def sampler_names() -> list[str]:
    """The registered names, in registration order.

    Returns
    -------
    list of str
        Every name :func:`make_sampler` accepts.

    Examples
    --------
    >>> names = sampler_names()
    >>> "random-under" in names and "random-over" in names
    True
    """
    return list(SAMPLERS)


def get_sampler_class(name: str) -> type:
    """The sampler class registered under ``name``.

    Parameters
    ----------
    name : str
        A registered name, such as ``"random-under"``.

    Returns
    -------
    type
        The sampler class, imported on first use.

    Raises
    ------
    ValueError
        If the name is unknown; the message lists the known names.

    Examples
    --------
    >>> get_sampler_class("random-over").__name__
    'RandomOverSampler'
    >>> get_sampler_class("smote-typo")
    Traceback (most recent call last):
    ...
    ValueError: Unknown sampler 'smote-typo'. Known samplers: random-under, ...
    """
    try:
        target = SAMPLERS[name]
    except KeyError:
        raise ValueError(
            f"Unknown sampler {name!r}. Known samplers: {', '.join(SAMPLERS)}."
        ) from None
    module_name, class_name = target.split(":")
    return getattr(import_module(module_name), class_name)


def make_sampler(name: str, **params: Any) -> Any:
    """A new sampler of the registered ``name``, built with ``params``.

    Parameters
    ----------
    name : str
        A registered name, such as ``"random-under"``.
    **params
        Constructor parameters of the sampler.

    Returns
    -------
    BaseSampler
        An unfitted sampler.

    Examples
    --------
    >>> make_sampler("random-over", random_state=0)
    RandomOverSampler(random_state=0)
    """
    return get_sampler_class(name)(**params)
