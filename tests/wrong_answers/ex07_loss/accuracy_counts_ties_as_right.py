"""accuracy() counts a label as right when its probability equals the row maximum (ties too)."""

import numpy as np

from solutions.ex07_loss import *  # noqa: F403 - everything else is right

EXPECT = "first class of a tie"


def accuracy(y_pred, y_true):
    y_true = np.asarray(y_true)
    if y_true.ndim == 2:
        y_true = np.argmax(y_true, axis=1)
    best = np.max(y_pred, axis=1)
    return float(np.mean(y_pred[np.arange(len(y_pred)), y_true] == best))
