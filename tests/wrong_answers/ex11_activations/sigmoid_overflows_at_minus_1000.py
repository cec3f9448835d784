"""The textbook sigmoid 1 / (1 + np.exp(-x)): right values, but exp(1000) overflows and warns."""

import numpy as np

from solutions.ex11_activations import *  # noqa: F403 - everything else is right
from solutions.ex11_activations import Sigmoid as _Sigmoid

EXPECT = "overflow"


class Sigmoid(_Sigmoid):
    def forward(self, inputs):
        self.inputs = inputs
        self.output = 1 / (1 + np.exp(-inputs))
        return self.output
