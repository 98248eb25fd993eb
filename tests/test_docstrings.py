"""Check that every public class and function documents itself with examples.

The examples themselves run as doctests in the default test command; this
file makes sure none is missing, so a new public name cannot land without one.
"""

from __future__ import annotations

import importlib
import inspect

import pytest

PUBLIC_MODULES = [
    "imbalance",
    "imbalance.strategy",
    "imbalance.registry",
    "imbalance.neighbors",
    "imbalance.under_sampling",
    "imbalance.over_sampling",
    "imbalance.combine",
    "imbalance.pipeline",
    "imbalance.calibration",
    "imbalance.decision",
    "imbalance.metrics",
    "imbalance.evaluation",
    "imbalance.report",
    "imbalance.datasets",
    "imbalance.cli",
    "imbalance.dask",
]

#: Names that are not classes or functions, or need no example of their own.
NO_EXAMPLE_NEEDED = {"__version__", "SAMPLERS", "SAMPLING_TYPES", "STRATEGY_WORDS"}


def _public_objects():
    found = []
    for module_name in PUBLIC_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if (exc.name or "").startswith("imbalance") and exc.name != module_name:
                raise
            continue  # a layer not written yet, or an optional extra not installed
        for name in getattr(module, "__all__", []):
            if name in NO_EXAMPLE_NEEDED:
                continue
            obj = getattr(module, name)
            if inspect.isclass(obj) or inspect.isfunction(obj):
                found.append(pytest.param(obj, id=f"{module_name}.{name}"))
    return found


PUBLIC_OBJECTS = _public_objects()


def is_warning_class(obj):
    return inspect.isclass(obj) and issubclass(obj, Warning)


@pytest.mark.parametrize("obj", PUBLIC_OBJECTS)
def test_public_object_has_numpydoc_examples(obj):
    """Check for a docstring with an Examples section (warnings excepted)."""
    doc = inspect.getdoc(obj)
    assert doc, f"{obj.__qualname__} has no docstring"
    if is_warning_class(obj):
        return
    assert "Examples\n--------" in doc, f"{obj.__qualname__} has no Examples section"
    assert ">>> " in doc, f"{obj.__qualname__} has an Examples section without code"


@pytest.mark.parametrize("obj", PUBLIC_OBJECTS)
def test_every_parameter_is_documented(obj):
    """Check that each parameter of the signature appears under Parameters."""
    if is_warning_class(obj):
        return
    target = obj.__init__ if inspect.isclass(obj) else obj
    try:
        signature = inspect.signature(target)
    except (TypeError, ValueError):
        return
    names = [
        name
        for name, parameter in signature.parameters.items()
        if name not in ("self", "cls")
        and parameter.kind not in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD)
    ]
    if not names:
        return
    doc = inspect.getdoc(obj) or ""
    assert "Parameters\n----------" in doc, f"{obj.__qualname__} lists no Parameters"
    section = doc.split("Parameters\n----------", 1)[1]
    for name in names:
        assert f"\n{name} :" in "\n" + section or f"\n{name}\n" in "\n" + section, (
            f"{obj.__qualname__}: parameter {name!r} is not documented"
        )
