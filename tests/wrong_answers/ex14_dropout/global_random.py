"""The mask comes from NumPy's global np.random.binomial, not from the layer's generator."""

import numpy as np

from solutions.ex14_dropout import *  # noqa: F403 - everything else is right
from solutions.ex14_dropout import Dropout as _Dropout

EXPECT = "global"


class Dropout(_Dropout):
    def forward(self, inputs, training=True):
        self.inputs = inputs
        if not training:
            self.output = inputs.copy()
            return self.output
        self.binary_mask = np.random.binomial(1, 1 - self.rate, size=inputs.shape) / (1 - self.rate)
        self.output = inputs * self.binary_mask
        return self.output
