"""Warnings raised by imbalance.

Errors are the built-in ``ValueError`` and ``TypeError``, so code that already
catches scikit-learn's errors keeps working. Advice that does not stop the work
is given as a warning of one of these classes::

    UserWarning
    └── ImbalanceWarning          anything this library advises about
        ├── SmallClassWarning     a class too small for reliable results
        └── ApproximationWarning  a result is approximate, not exact

Filter them as a group with ``warnings.simplefilter("ignore", ImbalanceWarning)``.
"""


class ImbalanceWarning(UserWarning):
    """Base class of the warnings this library raises."""


class SmallClassWarning(ImbalanceWarning):
    """A class has so few rows that the result may not be reliable."""


class ApproximationWarning(ImbalanceWarning):
    """A computation gives an approximate answer where an exact one was asked."""
