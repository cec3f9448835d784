"""dinputs[:, y_true] -= 1: subtracts 1 in every row at every label's column."""

import numpy as np

from solutions.ex08_backprop import *  # noqa: F403 - everything else is right
from solutions.ex08_backprop import SoftmaxCrossEntropy as _SCE

EXPECT = "own true class"


class SoftmaxCrossEntropy(_SCE):
    def backward(self, dvalues, y_true):
        y_true = np.asarray(y_true)
        if y_true.ndim == 2:
            y_true = np.argmax(y_true, axis=1)
        self.dinputs = dvalues.copy()
        self.dinputs[:, y_true] -= 1
        self.dinputs /= len(dvalues)
        return self.dinputs
