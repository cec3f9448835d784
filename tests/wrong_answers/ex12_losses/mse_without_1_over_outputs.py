"""MSE's gradient divided by n_samples only, as if each sample had one output."""

from solutions.ex12_losses import *  # noqa: F403 - everything else is right
from solutions.ex12_losses import MeanSquaredError as _MSE

EXPECT = "divide by n_outputs"


class MeanSquaredError(_MSE):
    def backward(self, dvalues, y_true):
        self.dinputs = -2 * (y_true - dvalues) / len(dvalues)
        return self.dinputs
