"""Always indexes y_pred[range(n), y_true]: one-hot rows are used as indices."""

import numpy as np

from solutions.ex07_loss import *  # noqa: F403 - everything else is right
from solutions.ex07_loss import CategoricalCrossEntropy as _CCE

EXPECT = "one-hot"


class CategoricalCrossEntropy(_CCE):
    def forward(self, y_pred, y_true):
        clipped = np.clip(y_pred, 1e-7, 1 - 1e-7)
        confidences = clipped[np.arange(len(clipped)), y_true]
        self.output = -np.log(confidences)
        return self.output
