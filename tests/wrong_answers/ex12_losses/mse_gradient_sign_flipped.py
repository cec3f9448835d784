"""MSE's gradient as 2 (y - p): the derivative of (y - p)**2 taken in y, not in p."""

from solutions.ex12_losses import *  # noqa: F403 - everything else is right
from solutions.ex12_losses import MeanSquaredError as _MSE

EXPECT = "sign is flipped"


class MeanSquaredError(_MSE):
    def backward(self, dvalues, y_true):
        n_samples, n_outputs = dvalues.shape
        self.dinputs = 2 * (y_true - dvalues) / n_outputs / n_samples
        return self.dinputs
