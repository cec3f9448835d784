"""y_pred[:, y_true] picks whole columns, an (n, n) block, not one value per sample."""

import numpy as np

from solutions.ex07_loss import *  # noqa: F403 - everything else is right
from solutions.ex07_loss import CategoricalCrossEntropy as _CCE

EXPECT = "one confidence per sample"


class CategoricalCrossEntropy(_CCE):
    def forward(self, y_pred, y_true):
        clipped = np.clip(y_pred, 1e-7, 1 - 1e-7)
        if y_true.ndim == 1:
            confidences = clipped[:, y_true]
        else:
            confidences = np.sum(clipped * y_true, axis=1)
        self.output = -np.log(confidences)
        return self.output
