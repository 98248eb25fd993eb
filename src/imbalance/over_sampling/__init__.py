"""Over-samplers: grow classes with copies or synthetic rows."""

from ._adasyn import ADASYN
from ._borderline_smote import BorderlineSMOTE
from ._kmeans_smote import KMeansSMOTE
from ._random_over_sampler import RandomOverSampler
from ._smote import SMOTE
from ._smote_nc import SMOTEN, SMOTENC
from ._svm_smote import SVMSMOTE

__all__ = [
    "ADASYN",
    "SMOTE",
    "SMOTEN",
    "SMOTENC",
    "SVMSMOTE",
    "BorderlineSMOTE",
    "KMeansSMOTE",
    "RandomOverSampler",
]
