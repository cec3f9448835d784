"""Always multiplies by y_true and sums: sparse labels [0, 1, 1] broadcast as a row."""

import numpy as np

from solutions.ex07_loss import *  # noqa: F403 - everything else is right
from solutions.ex07_loss import CategoricalCrossEntropy as _CCE

EXPECT = "sparse"


class CategoricalCrossEntropy(_CCE):
    def forward(self, y_pred, y_true):
        clipped = np.clip(y_pred, 1e-7, 1 - 1e-7)
        confidences = np.sum(clipped * y_true, axis=1)
        self.output = -np.log(confidences)
        return self.output
