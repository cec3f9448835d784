"""Clips to [1e-15, 1 - 1e-15] instead of the contract's [1e-7, 1 - 1e-7]."""

import numpy as np

from solutions.ex07_loss import *  # noqa: F403 - everything else is right
from solutions.ex07_loss import CategoricalCrossEntropy as _CCE

EXPECT = "1e-7"


class CategoricalCrossEntropy(_CCE):
    def forward(self, y_pred, y_true):
        clipped = np.clip(y_pred, 1e-15, 1 - 1e-15)
        y_true = np.asarray(y_true)
        if y_true.ndim == 1:
            confidences = clipped[np.arange(len(clipped)), y_true]
        else:
            confidences = np.sum(clipped * y_true, axis=1)
        self.output = -np.log(confidences)
        return self.output
