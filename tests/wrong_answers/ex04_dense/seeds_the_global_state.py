"""__init__ calls np.random.seed(1234) "for reproducibility", though it draws from rng."""

import numpy as np

from solutions.ex04_dense import *  # noqa: F403 - everything else is right
from solutions.ex04_dense import Dense as _Dense

EXPECT = "global"


class Dense(_Dense):
    def __init__(self, n_inputs, n_neurons, *, rng=None):
        np.random.seed(1234)
        super().__init__(n_inputs, n_neurons, rng=rng)
