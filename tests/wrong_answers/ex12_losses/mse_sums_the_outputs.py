"""MSE's forward sums each sample's squared errors instead of averaging them."""

import numpy as np

from solutions.ex12_losses import *  # noqa: F403 - everything else is right
from solutions.ex12_losses import MeanSquaredError as _MSE

EXPECT = "mean over each sample's outputs"


class MeanSquaredError(_MSE):
    def forward(self, y_pred, y_true):
        return np.sum((y_true - y_pred) ** 2, axis=-1)
