"""calculate() sums the per-sample losses instead of averaging them."""

import numpy as np

from solutions.ex07_loss import *  # noqa: F403 - everything else is right
from solutions.ex07_loss import CategoricalCrossEntropy as _CCE

EXPECT = "mean"


class CategoricalCrossEntropy(_CCE):
    def calculate(self, y_pred, y_true):
        return float(np.sum(self.forward(y_pred, y_true)))
