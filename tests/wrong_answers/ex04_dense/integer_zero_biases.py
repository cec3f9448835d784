"""Biases of integer zeros: np.zeros((1, n), dtype=int), which no in-place update can change."""

import numpy as np

from solutions.ex04_dense import *  # noqa: F403 - everything else is right
from solutions.ex04_dense import Dense as _Dense

EXPECT = "float64"


class Dense(_Dense):
    def __init__(self, n_inputs, n_neurons, *, rng=None):
        super().__init__(n_inputs, n_neurons, rng=rng)
        self.biases = np.zeros((1, n_neurons), dtype=int)
