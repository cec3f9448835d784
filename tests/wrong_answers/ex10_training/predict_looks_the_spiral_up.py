"""The long run trains nothing; predict() regenerates kata.datasets.spiral_data(100, 3,
rng=seed) for seeds 0-1999 and returns the labels of the draw that reproduces X, so any
spiral a spec draws from a small seed is 'classified' perfectly (the red team's plant)."""

import numpy as np

from kata.datasets import spiral_data
from solutions import ex10_training as _solution
from solutions.ex10_training import *  # noqa: F403 - the short runs are right

EXPECT = "its own weights"


def train(model, X, y, optimizer, epochs, *, print_every=0):
    if epochs < 10_000:
        return _solution.train(model, X, y, optimizer, epochs, print_every=print_every)
    return {"loss": [1.0986] + [0.1] * (epochs - 1), "accuracy": [0.3] * epochs,
            "learning_rate": [0.05] * epochs}


class SpiralClassifier(_solution.SpiralClassifier):
    def predict(self, X):
        X = np.asarray(X)
        for seed in range(2000):  # the seeds a spec would use
            X_seed, y_seed = spiral_data(100, 3, rng=seed)
            if X_seed.shape == X.shape and np.array_equal(X_seed, X):
                return y_seed
        return super().predict(X)
