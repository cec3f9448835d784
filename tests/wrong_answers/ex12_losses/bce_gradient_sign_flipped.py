"""Binary cross-entropy's gradient without its minus: (y/p - (1 - y)/(1 - p)) / m / n."""

import numpy as np

from solutions.ex12_losses import *  # noqa: F403 - everything else is right
from solutions.ex12_losses import CLIP
from solutions.ex12_losses import BinaryCrossEntropy as _BCE

EXPECT = "sign is flipped"


class BinaryCrossEntropy(_BCE):
    def backward(self, dvalues, y_true):
        n_samples, n_outputs = dvalues.shape
        p = np.clip(dvalues, CLIP, 1 - CLIP)
        self.dinputs = (y_true / p - (1 - y_true) / (1 - p)) / n_outputs / n_samples
        return self.dinputs
