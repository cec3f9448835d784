"""accuracy() takes the argmax over axis=0 (down each class column) instead of each row."""

import numpy as np

from solutions.ex07_loss import *  # noqa: F403 - everything else is right

EXPECT = "axis=1"


def accuracy(y_pred, y_true):
    predictions = np.argmax(y_pred, axis=0)
    if y_true.ndim == 2:
        y_true = np.argmax(y_true, axis=1)
    return float(np.mean(predictions == y_true))
