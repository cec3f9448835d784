"""MSE's gradient as -(y - p) / m / n: the 2 of the square's derivative dropped."""

from solutions.ex12_losses import *  # noqa: F403 - everything else is right
from solutions.ex12_losses import MeanSquaredError as _MSE

EXPECT = "the 2 is missing"


class MeanSquaredError(_MSE):
    def backward(self, dvalues, y_true):
        n_samples, n_outputs = dvalues.shape
        self.dinputs = -(y_true - dvalues) / n_outputs / n_samples
        return self.dinputs
