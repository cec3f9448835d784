"""Binary cross-entropy clips the caller's predictions in place (np.clip(..., out=y_pred))."""

import numpy as np

from solutions.ex12_losses import *  # noqa: F403 - everything else is right
from solutions.ex12_losses import CLIP
from solutions.ex12_losses import BinaryCrossEntropy as _BCE

EXPECT = "in place"


class BinaryCrossEntropy(_BCE):
    def forward(self, y_pred, y_true):
        p = np.clip(y_pred, CLIP, 1 - CLIP, out=y_pred)
        return np.mean(-(y_true * np.log(p) + (1 - y_true) * np.log(1 - p)), axis=-1)
