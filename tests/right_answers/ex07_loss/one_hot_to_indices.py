"""One-hot labels turned into indices first; np.average; accuracy as count / n."""

import numpy as np

from solutions.ex07_loss import *  # noqa: F403 - the rest is the reference


class CategoricalCrossEntropy:
    def forward(self, y_pred, y_true):
        y_true = np.asarray(y_true)
        if len(y_true.shape) == 2:
            y_true = y_true.argmax(axis=1)
        picked = y_pred[np.arange(y_pred.shape[0]), y_true]
        self.output = -np.log(np.clip(picked, 1e-7, 1 - 1e-7))
        return self.output

    def calculate(self, y_pred, y_true):
        return float(np.average(self.forward(y_pred, y_true)))


def accuracy(y_pred, y_true):
    y_true = np.asarray(y_true)
    if y_true.ndim > 1:
        y_true = y_true.argmax(axis=1)
    return np.count_nonzero(y_pred.argmax(axis=1) == y_true) / len(y_true)
