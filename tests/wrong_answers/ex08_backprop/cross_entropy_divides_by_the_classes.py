"""CategoricalCrossEntropy.backward divides by the number of classes, not of samples."""

import numpy as np

from solutions.ex08_backprop import *  # noqa: F403 - everything else is right
from solutions.ex08_backprop import CategoricalCrossEntropy as _CCE

EXPECT = "number of samples"


class CategoricalCrossEntropy(_CCE):
    def backward(self, dvalues, y_true):
        n_classes = dvalues.shape[1]
        y_true = np.asarray(y_true)
        if y_true.ndim == 1:
            y_true = np.eye(n_classes)[y_true]
        self.dinputs = -y_true / dvalues / n_classes
        return self.dinputs
