"""Takes the log of the raw predictions: a confidence of 0 gives an infinite loss."""

import numpy as np

from solutions.ex07_loss import *  # noqa: F403 - everything else is right
from solutions.ex07_loss import CategoricalCrossEntropy as _CCE

EXPECT = "log(0)"


class CategoricalCrossEntropy(_CCE):
    def forward(self, y_pred, y_true):
        clipped = y_pred
        if y_true.ndim == 1:
            confidences = clipped[np.arange(len(clipped)), y_true]
        else:
            confidences = np.sum(clipped * y_true, axis=1)
        self.output = -np.log(confidences)
        return self.output
