"""calculate adds the per-sample losses up instead of taking their mean."""

import numpy as np

from solutions.ex12_losses import *  # noqa: F403 - everything else is right
from solutions.ex12_losses import BinaryCrossEntropy as _BCE
from solutions.ex12_losses import MeanAbsoluteError as _MAE
from solutions.ex12_losses import MeanSquaredError as _MSE

EXPECT = "mean of forward"


class SumsTheSamples:
    def calculate(self, y_pred, y_true):
        return float(np.sum(self.forward(y_pred, y_true)))


class BinaryCrossEntropy(SumsTheSamples, _BCE):
    pass


class MeanSquaredError(SumsTheSamples, _MSE):
    pass


class MeanAbsoluteError(SumsTheSamples, _MAE):
    pass
