"""Clips to (-inf, 1 - 1e-7] only: a confidence of 0 still gives an infinite loss."""

import numpy as np

from solutions.ex07_loss import *  # noqa: F403 - everything else is right
from solutions.ex07_loss import CategoricalCrossEntropy as _CCE

EXPECT = "log(0)"


class CategoricalCrossEntropy(_CCE):
    def forward(self, y_pred, y_true):
        clipped = np.clip(y_pred, None, 1 - 1e-7)
        if y_true.ndim == 1:
            confidences = clipped[np.arange(len(clipped)), y_true]
        else:
            confidences = np.sum(clipped * y_true, axis=1)
        self.output = -np.log(confidences)
        return self.output
