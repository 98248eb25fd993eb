"""Collection rules for the whole repository.

The doctests of :mod:`imbalance.dask` need the ``dask`` extra; without it they
are not collected, so the default test command passes on a plain install.
"""

import importlib.util

collect_ignore_glob = []
if any(importlib.util.find_spec(name) is None for name in ("dask", "distributed")):
    collect_ignore_glob.append("src/imbalance/dask/*.py")
