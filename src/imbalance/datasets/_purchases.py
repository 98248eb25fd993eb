"""Purchases: a small synthetic shop where about one visitor in twenty buys.

Each row is one customer of an online shop over the last 30 days; the target
``bought`` says whether they bought something in the following week. About
5 % did, so the classes are skewed the way real conversion data is. The data
are invented, drawn by :func:`make_purchases` from the recipe below, so they
can be shipped and regenerated freely. A copy drawn with the default seed is
bundled and read by :func:`load_purchases`.

Features, in the order they are drawn:

=========================  ==================================================
column                     how it is drawn
=========================  ==================================================
``device``                 the device used most: ``"mobile"`` (55 %),
                           ``"desktop"`` (35 %) or ``"tablet"`` (10 %)
``region``                 ``"north"``, ``"south"``, ``"east"`` or
                           ``"west"``, equally likely
``newsletter``             member of the newsletter (bool), 30 % are
``visits``                 visits in the 30 days: Poisson, mean 3, plus 1
                           for members (everyone visited at least once)
``minutes_on_site``        total minutes over those visits: gamma with shape
                           ``visits`` and scale 4 (about 4 minutes a visit),
                           rounded to 0.1, at least 0.1
``past_purchases``         purchases before the 30 days: Poisson, mean 0.6
                           (1.2 for members)
``email_opens``            e-mails opened in the 30 days: members get 8
                           e-mails and open each with probability 0.35;
                           others get none
``days_since_last_visit``  whole days since the last visit: exponential
                           with mean ``20 / visits``, floored, at most 29
=========================  ==================================================

The label ``bought`` (1 = bought, 0 = did not) is drawn from a logistic model:
each customer buys with probability ``1 / (1 + exp(-score))`` where ::

    score = -5.3
            + 0.20 * visits
            + 0.025 * minutes_on_site
            + 0.45 * past_purchases
            + 0.15 * email_opens
            - 0.08 * days_since_last_visit
            + 0.40 * newsletter
            + 0.50 if device == "desktop", 0.20 if "tablet", 0 if "mobile"
            + 0.20 if region == "west", 0 otherwise

The features carry real signal (a logistic regression reaches a ROC-AUC
around 0.8), but the draw is random, so no model can be perfect: the data are
hard the way conversion data are. The two string columns need encoding before
any method that measures distances.

To regenerate the bundled file (after a change to the recipe, or if a NumPy
release changes its random streams), run from the repository root, in a
development (editable) install::

    python -c "from imbalance.datasets._purchases import write_bundled_file as w; w()"
"""

from __future__ import annotations

import csv
import gzip
import numbers
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["load_purchases", "make_purchases"]

#: Column names in file order; ``bought`` is the target.
COLUMNS = (
    "visits",
    "minutes_on_site",
    "past_purchases",
    "email_opens",
    "days_since_last_visit",
    "device",
    "region",
    "newsletter",
    "bought",
)
#: The columns ``load_purchases(as_frame=False)`` puts in ``X``.
NUMERIC_FEATURES = (
    "visits",
    "minutes_on_site",
    "past_purchases",
    "email_opens",
    "days_since_last_visit",
    "newsletter",
)
TARGET = "bought"
DATA_FILE = "purchases.csv.gz"

DEVICES = ("mobile", "desktop", "tablet")
DEVICE_SHARES = (0.55, 0.35, 0.10)
DEVICE_EFFECT = {"mobile": 0.0, "desktop": 0.5, "tablet": 0.2}
REGIONS = ("north", "south", "east", "west")
REGION_EFFECT = {"north": 0.0, "south": 0.0, "east": 0.0, "west": 0.2}
INTERCEPT = -5.3


def _draw_customers(n_samples: int, rng: np.random.Generator) -> dict[str, Any]:
    """The feature columns, drawn in the order the module docstring lists."""
    device = np.asarray(DEVICES)[rng.choice(len(DEVICES), n_samples, p=DEVICE_SHARES)]
    region = np.asarray(REGIONS)[rng.integers(len(REGIONS), size=n_samples)]
    newsletter = rng.random(n_samples) < 0.30
    visits = 1 + rng.poisson(3.0 + newsletter)
    minutes_on_site = np.maximum(np.round(rng.gamma(visits, 4.0), 1), 0.1)
    past_purchases = rng.poisson(np.where(newsletter, 1.2, 0.6))
    email_opens = np.where(newsletter, rng.binomial(8, 0.35, n_samples), 0)
    days = np.floor(rng.exponential(20.0 / visits))
    days_since_last_visit = np.minimum(days, 29).astype(np.int64)
    return {
        "visits": visits.astype(np.int64),
        "minutes_on_site": minutes_on_site,
        "past_purchases": past_purchases.astype(np.int64),
        "email_opens": email_opens.astype(np.int64),
        "days_since_last_visit": days_since_last_visit,
        "device": device,
        "region": region,
        "newsletter": newsletter,
    }


def _purchase_score(columns: dict[str, Any]) -> np.ndarray:
    """The logistic model's score (log-odds of buying) of each customer."""
    device_effect = np.vectorize(DEVICE_EFFECT.get, otypes=[float])(columns["device"])
    region_effect = np.vectorize(REGION_EFFECT.get, otypes=[float])(columns["region"])
    return (
        INTERCEPT
        + 0.20 * columns["visits"]
        + 0.025 * columns["minutes_on_site"]
        + 0.45 * columns["past_purchases"]
        + 0.15 * columns["email_opens"]
        - 0.08 * columns["days_since_last_visit"]
        + 0.40 * columns["newsletter"]
        + device_effect
        + region_effect
    )


def _require_pandas(caller: str) -> Any:
    try:
        import pandas as pd
    except ImportError as exc:
        raise ImportError(
            f"{caller} returns a pandas DataFrame, and pandas is not installed. "
            "Install it (pip install pandas, or pip install 'imbalance[cli]'), "
            "or call load_purchases(as_frame=False) for NumPy arrays."
        ) from exc
    return pd


def make_purchases(n_samples: int = 5000, *, random_state: Any = 0) -> Any:
    """Draw customers of a synthetic online shop, about 5 % of them buyers.

    The recipe (what each feature means, how it is drawn, and the logistic
    model that draws the label) is in the docstring of
    :mod:`imbalance.datasets._purchases`, and shown by
    ``help(make_purchases)``'s module.

    Parameters
    ----------
    n_samples : int, default=5000
        Number of customers (rows), at least 1.
    random_state : int, Generator or None, default=0
        Seed of the draw. The default gives the bundled data set (see
        :func:`load_purchases`); ``None`` draws fresh data each call.

    Returns
    -------
    pandas.DataFrame of shape (n_samples, 9)
        Eight feature columns (five counts and amounts, ``device`` and
        ``region`` as strings, ``newsletter`` as bool) and the target
        ``bought`` (int, 1 = bought).

    See Also
    --------
    load_purchases : The bundled copy drawn with the default seed.

    Examples
    --------
    >>> from imbalance.datasets import make_purchases
    >>> customers = make_purchases(2000, random_state=1)
    >>> customers.shape
    (2000, 9)
    >>> list(customers.columns[-3:])
    ['region', 'newsletter', 'bought']
    >>> bool(0.03 < customers["bought"].mean() < 0.07)
    True
    """
    if isinstance(n_samples, bool) or not isinstance(n_samples, numbers.Integral):
        raise ValueError(
            f"n_samples must be a whole number of customers; got {n_samples!r}."
        )
    if n_samples < 1:
        raise ValueError(f"n_samples must be at least 1; got {n_samples}.")
    pd = _require_pandas("make_purchases")

    rng = np.random.default_rng(random_state)
    columns = _draw_customers(int(n_samples), rng)
    buy_probability = 1.0 / (1.0 + np.exp(-_purchase_score(columns)))
    columns[TARGET] = (rng.random(n_samples) < buy_probability).astype(np.int64)

    return pd.DataFrame(columns, columns=list(COLUMNS))


def _bundled_path() -> Any:
    return resources.files("imbalance.datasets").joinpath("data", DATA_FILE)


def load_purchases(*, as_frame: bool = True) -> Any:
    """Load the bundled purchases data set: 5,000 customers, 5 % buyers.

    The file ships with the package; it is exactly what
    :func:`make_purchases` draws with its default seed. See
    :mod:`imbalance.datasets._purchases` for what each column means.

    Parameters
    ----------
    as_frame : bool, default=True
        Return a pandas DataFrame of every column, the target ``bought``
        included. When False, return NumPy arrays of the numeric features and
        the target instead; pandas is not needed then.

    Returns
    -------
    frame : pandas.DataFrame of shape (5000, 9)
        When ``as_frame=True``.
    (X, y) : tuple of ndarray
        When ``as_frame=False``: ``X`` of shape (5000, 6), float64, holding
        ``visits``, ``minutes_on_site``, ``past_purchases``, ``email_opens``,
        ``days_since_last_visit`` and ``newsletter`` (0 or 1) in that order;
        ``y`` of shape (5000,), int64, 1 for buyers. The string columns
        ``device`` and ``region`` are left out.

    See Also
    --------
    make_purchases : Draw the same kind of data, of any size and seed.

    Examples
    --------
    >>> from imbalance.datasets import load_purchases
    >>> customers = load_purchases()
    >>> customers.shape
    (5000, 9)
    >>> customers["bought"].value_counts().sort_index().tolist()
    [4762, 238]
    >>> X, y = load_purchases(as_frame=False)
    >>> X.shape, y.shape
    ((5000, 6), (5000,))
    """
    if not isinstance(as_frame, (bool, np.bool_)):
        raise ValueError(f"as_frame must be True or False; got {as_frame!r}.")
    if not as_frame:
        return _read_arrays()
    pd = _require_pandas("load_purchases")
    with resources.as_file(_bundled_path()) as path:
        return pd.read_csv(path)


def _read_arrays() -> tuple[np.ndarray, np.ndarray]:
    """Read the numeric features and the target with the csv module only."""
    with _bundled_path().open("rb") as raw, gzip.open(raw, "rt", newline="") as text:
        rows = csv.reader(text)
        header = next(rows)
        wanted = [header.index(name) for name in NUMERIC_FEATURES]
        target = header.index(TARGET)
        features, labels = [], []
        for row in rows:
            features.append([_as_number(row[i]) for i in wanted])
            labels.append(int(row[target]))
    return np.asarray(features, dtype=np.float64), np.asarray(labels, dtype=np.int64)


def _as_number(text: str) -> float:
    if text in ("True", "False"):
        return float(text == "True")
    return float(text)


def write_bundled_file(path: str | Path | None = None) -> Path:
    """Write ``make_purchases()`` as gzip CSV, byte-for-byte reproducible.

    ``path`` defaults to the bundled file inside the package source tree.
    """
    if path is None:
        path = Path(__file__).parent / "data" / DATA_FILE
    path = Path(path)
    make_purchases().to_csv(
        path,
        index=False,
        compression={"method": "gzip", "mtime": 0},
        lineterminator="\n",
    )
    return path
