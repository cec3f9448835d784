"""Weights drawn uniformly from [0, 0.01): small, but not normal and never negative."""

from solutions.ex04_dense import *  # noqa: F403 - everything else is right
from solutions.ex04_dense import Dense as _Dense

EXPECT = "normal"


class Dense(_Dense):
    def __init__(self, n_inputs, n_neurons, *, rng=None):
        super().__init__(n_inputs, n_neurons, rng=rng)
        if rng is not None:
            self.weights = 0.01 * rng.random((n_inputs, n_neurons))
