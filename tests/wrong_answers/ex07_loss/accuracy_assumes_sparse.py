"""accuracy() compares the predictions with one-hot rows directly, never converting them."""

import numpy as np

from solutions.ex07_loss import *  # noqa: F403 - everything else is right

EXPECT = "one-hot"


def accuracy(y_pred, y_true):
    return float(np.mean(np.argmax(y_pred, axis=1) == y_true))
