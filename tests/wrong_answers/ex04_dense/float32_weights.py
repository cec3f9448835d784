"""Weights stored as float32 to save memory: half the digits lost."""

import numpy as np

from solutions.ex04_dense import *  # noqa: F403 - everything else is right
from solutions.ex04_dense import Dense as _Dense

EXPECT = "float32"


class Dense(_Dense):
    def __init__(self, n_inputs, n_neurons, *, rng=None):
        super().__init__(n_inputs, n_neurons, rng=rng)
        self.weights = self.weights.astype(np.float32)
