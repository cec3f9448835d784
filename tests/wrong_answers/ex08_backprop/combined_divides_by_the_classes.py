"""SoftmaxCrossEntropy.backward divides by the number of classes, not of samples."""

from solutions.ex08_backprop import *  # noqa: F403 - everything else is right
from solutions.ex08_backprop import SoftmaxCrossEntropy as _SCE

EXPECT = "number of samples"


class SoftmaxCrossEntropy(_SCE):
    def backward(self, dvalues, y_true):
        super().backward(dvalues, y_true)
        self.dinputs *= len(dvalues) / dvalues.shape[1]
        return self.dinputs
