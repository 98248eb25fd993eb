"""Combined samplers: over-sample with SMOTE, then clean the borders.

:class:`SMOTEENN` cleans with the edited nearest-neighbour rule and
:class:`SMOTETomek` with Tomek links; both keep track of which output rows
are input rows and which are synthetic through the two steps.
"""

from ._smote_cleaning import SMOTEENN, SMOTETomek

__all__ = ["SMOTEENN", "SMOTETomek"]
