"""The combined backward treats one-hot labels as if they were class indices."""

import numpy as np

from solutions.ex08_backprop import *  # noqa: F403 - everything else is right
from solutions.ex08_backprop import SoftmaxCrossEntropy as _SCE

EXPECT = "one-hot"


class SoftmaxCrossEntropy(_SCE):
    def backward(self, dvalues, y_true):
        self.dinputs = dvalues.copy()
        self.dinputs[np.arange(len(dvalues)), y_true] -= 1
        self.dinputs /= len(dvalues)
        return self.dinputs
