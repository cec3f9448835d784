"""calculate() returns the mean as a one-element array, not a float."""

import numpy as np

from solutions.ex07_loss import *  # noqa: F403 - everything else is right
from solutions.ex07_loss import CategoricalCrossEntropy as _CCE

EXPECT = "float"


class CategoricalCrossEntropy(_CCE):
    def calculate(self, y_pred, y_true):
        return np.mean(self.forward(y_pred, y_true), keepdims=True)
