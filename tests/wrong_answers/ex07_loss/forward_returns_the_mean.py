"""forward() returns the batch's mean loss, not one loss per sample."""

import numpy as np

from solutions.ex07_loss import *  # noqa: F403 - everything else is right
from solutions.ex07_loss import CategoricalCrossEntropy as _CCE

EXPECT = "one loss per sample"


class CategoricalCrossEntropy(_CCE):
    def forward(self, y_pred, y_true):
        self.output = np.mean(super().forward(y_pred, y_true))
        return self.output

    def calculate(self, y_pred, y_true):
        return float(self.forward(y_pred, y_true))
