"""Binary cross-entropy clips in forward but divides by the raw predictions in backward."""

from solutions.ex12_losses import *  # noqa: F403 - everything else is right
from solutions.ex12_losses import BinaryCrossEntropy as _BCE

EXPECT = "clip in backward"


class BinaryCrossEntropy(_BCE):
    def backward(self, dvalues, y_true):
        n_samples, n_outputs = dvalues.shape
        self.dinputs = -(y_true / dvalues - (1 - y_true) / (1 - dvalues)) / n_outputs / n_samples
        return self.dinputs
