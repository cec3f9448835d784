"""Weights from NumPy's global np.random.randn instead of the rng argument."""

import numpy as np

from solutions.ex04_dense import *  # noqa: F403 - everything else is right
from solutions.ex04_dense import Dense as _Dense

EXPECT = "global"


class Dense(_Dense):
    def __init__(self, n_inputs, n_neurons, *, rng=None):
        self.weights = 0.01 * np.random.randn(n_inputs, n_neurons)
        self.biases = np.zeros((1, n_neurons))
