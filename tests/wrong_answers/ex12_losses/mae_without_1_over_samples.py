"""MAE's gradient divided by n_outputs only, not by the number of samples."""

import numpy as np

from solutions.ex12_losses import *  # noqa: F403 - everything else is right
from solutions.ex12_losses import MeanAbsoluteError as _MAE

EXPECT = "divide by n_samples"


class MeanAbsoluteError(_MAE):
    def backward(self, dvalues, y_true):
        self.dinputs = np.sign(dvalues - y_true) / dvalues.shape[1]
        return self.dinputs
