"""calculate returns forward's per-sample losses instead of one number."""

from solutions.ex12_losses import *  # noqa: F403 - everything else is right
from solutions.ex12_losses import BinaryCrossEntropy as _BCE
from solutions.ex12_losses import MeanAbsoluteError as _MAE
from solutions.ex12_losses import MeanSquaredError as _MSE

EXPECT = "a float"


class ReturnsTheLosses:
    def calculate(self, y_pred, y_true):
        return self.forward(y_pred, y_true)


class BinaryCrossEntropy(ReturnsTheLosses, _BCE):
    pass


class MeanSquaredError(ReturnsTheLosses, _MSE):
    pass


class MeanAbsoluteError(ReturnsTheLosses, _MAE):
    pass
