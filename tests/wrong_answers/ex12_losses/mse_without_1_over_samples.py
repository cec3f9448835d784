"""MSE's gradient divided by n_outputs only: the batch size scales every step."""

from solutions.ex12_losses import *  # noqa: F403 - everything else is right
from solutions.ex12_losses import MeanSquaredError as _MSE

EXPECT = "divide by n_samples"


class MeanSquaredError(_MSE):
    def backward(self, dvalues, y_true):
        self.dinputs = -2 * (y_true - dvalues) / dvalues.shape[1]
        return self.dinputs
