"""The gradient of log p instead of -log p: y_onehot / p / n, the sign flipped."""

import numpy as np

from solutions.ex08_backprop import *  # noqa: F403 - everything else is right
from solutions.ex08_backprop import CategoricalCrossEntropy as _CCE

EXPECT = "minus"


class CategoricalCrossEntropy(_CCE):
    def backward(self, dvalues, y_true):
        y_true = np.asarray(y_true)
        if y_true.ndim == 1:
            y_true = np.eye(dvalues.shape[1])[y_true]
        self.dinputs = y_true / dvalues / len(dvalues)
        return self.dinputs
