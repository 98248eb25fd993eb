"""The ``imbalance`` command line.

Commands:

- ``imbalance inspect DATA --target COL``: class counts and shares, the
  imbalance ratio, the majority baseline, and what will get in the way (tiny
  classes, missing values, duplicates).
- ``imbalance resample DATA --target COL --method NAME --output OUT``:
  rebalance with a registered sampler and write a new CSV or Parquet file,
  atomically, never over the input.
- ``imbalance metrics --tp N --fn N --tn N --fp N``, or ``--labels FILE
  --truth COL --pred COL``: honest metrics, beside the majority baseline.
- ``imbalance compare DATA --target COL --methods none,smote --report
  report.html``: cross-validate resampling strategies (training folds only),
  beside no resampling and the majority baseline, with paired tests in words
  and an optional HTML report (needs the ``report`` extra).
- ``imbalance demo``: ``compare`` on the bundled purchases, writing
  ``report.html`` in the current folder or ``--output-dir``.

``--example purchases`` replaces DATA with the bundled data set and ``--json``
prints one JSON document for scripts. Exit codes: 0 success, 1 a failure
while running, 2 bad usage or bad input (see :mod:`imbalance.cli._errors`).
Needs the ``cli`` extra: ``pip install "imbalance[cli]"``.
"""

from ._app import app, main

__all__ = ["app", "main"]
