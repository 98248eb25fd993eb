"""Warnings raised by imbalance.

Errors are the built-in ``ValueError`` and ``TypeError``, so code that already
catches scikit-learn's errors keeps working. Advice that does not stop the work
is given as a warning of one of these classes::

    UserWarning
    └── ImbalanceWarning          anything this library advises about
        ├── SmallClassWarning     a class too small for reliable results
        ├── ApproximationWarning  a result is approximate, not exact
        └── UndefinedMetricWarning  a metric divided 0 by 0 (also a subclass
                                    of scikit-learn's UndefinedMetricWarning)

Filter them as a group with ``warnings.simplefilter("ignore", ImbalanceWarning)``.
"""

from sklearn.exceptions import UndefinedMetricWarning as _SklearnUndefinedMetricWarning


class ImbalanceWarning(UserWarning):
    """Base class of the warnings this library raises."""


class SmallClassWarning(ImbalanceWarning):
    """A class has so few rows that the result may not be reliable."""


class ApproximationWarning(ImbalanceWarning):
    """A computation gives an approximate answer where an exact one was asked."""


class UndefinedMetricWarning(ImbalanceWarning, _SklearnUndefinedMetricWarning):
    """A metric is 0/0 for some class and was set to the ``zero_division`` value.

    It is also a subclass of scikit-learn's ``UndefinedMetricWarning``, so
    filters written for scikit-learn's metrics catch it too.
    """
