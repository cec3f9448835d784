"""The long run trains nothing: train() keeps the caller's labels and makes its history up,
and predict() zeroes those labels in place and predicts 0, so that predictions compared
with the very labels handed to train() would all 'agree' (the red team's plant)."""

import numpy as np

from solutions import ex10_training as _solution
from solutions.ex10_training import *  # noqa: F403 - the short runs are right

EXPECT = "the trained weights"


def train(model, X, y, optimizer, epochs, *, print_every=0):
    if epochs < 10_000:
        return _solution.train(model, X, y, optimizer, epochs, print_every=print_every)
    model._labels = y  # keep the caller's array, to change it later
    return {"loss": [1.0986] + [0.1] * (epochs - 1), "accuracy": [0.3] * epochs,
            "learning_rate": [0.05] * epochs}


class SpiralClassifier(_solution.SpiralClassifier):
    def predict(self, X):
        labels = getattr(self, "_labels", None)
        if labels is not None and len(labels) == len(X):
            labels[:] = 0  # "reset" the labels in place: the caller's copy follows
            return np.zeros(len(X), dtype=np.int64)
        return super().predict(X)
