"""rng=None falls back to default_rng(0): every layer built without rng is the same."""

import numpy as np

from solutions.ex04_dense import *  # noqa: F403 - everything else is right
from solutions.ex04_dense import Dense as _Dense

EXPECT = "fresh"


class Dense(_Dense):
    def __init__(self, n_inputs, n_neurons, *, rng=None):
        super().__init__(n_inputs, n_neurons,
                         rng=np.random.default_rng(0) if rng is None else rng)
