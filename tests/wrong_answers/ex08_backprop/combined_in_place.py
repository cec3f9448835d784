"""The combined backward subtracts and divides in place, changing the caller's probabilities."""

import numpy as np

from solutions.ex08_backprop import *  # noqa: F403 - everything else is right
from solutions.ex08_backprop import SoftmaxCrossEntropy as _SCE

EXPECT = "copy"


class SoftmaxCrossEntropy(_SCE):
    def backward(self, dvalues, y_true):
        y_true = np.asarray(y_true)
        if y_true.ndim == 2:
            y_true = np.argmax(y_true, axis=1)
        dvalues[np.arange(len(dvalues)), y_true] -= 1
        dvalues /= len(dvalues)
        self.dinputs = dvalues
        return self.dinputs
