"""Binary cross-entropy with no clipping: log(0) at a prediction of 0 or 1, and 1/0 in backward."""

import numpy as np

from solutions.ex12_losses import *  # noqa: F403 - everything else is right
from solutions.ex12_losses import BinaryCrossEntropy as _BCE

EXPECT = "clip"


class BinaryCrossEntropy(_BCE):
    def forward(self, y_pred, y_true):
        return np.mean(-(y_true * np.log(y_pred) + (1 - y_true) * np.log(1 - y_pred)), axis=-1)

    def backward(self, dvalues, y_true):
        n_samples, n_outputs = dvalues.shape
        self.dinputs = -(y_true / dvalues - (1 - y_true) / (1 - dvalues)) / n_outputs / n_samples
        return self.dinputs
