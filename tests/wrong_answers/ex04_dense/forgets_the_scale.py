"""Weights drawn from rng.standard_normal but not multiplied by 0.01."""

import numpy as np

from solutions.ex04_dense import *  # noqa: F403 - everything else is right
from solutions.ex04_dense import Dense as _Dense

EXPECT = "0.01"


class Dense(_Dense):
    def __init__(self, n_inputs, n_neurons, *, rng=None):
        rng = np.random.default_rng() if rng is None else rng
        self.weights = rng.standard_normal((n_inputs, n_neurons))
        self.biases = np.zeros((1, n_neurons))
