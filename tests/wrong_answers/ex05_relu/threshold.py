"""Treats values below a small threshold as zero, to be safe: but 1e-9 is positive."""

import numpy as np

from solutions.ex05_relu import *  # noqa: F403 - everything else is right
from solutions.ex05_relu import ReLU as _ReLU

EXPECT = "a small threshold"


class ReLU(_ReLU):
    def forward(self, inputs):
        self.inputs = inputs
        self.output = np.where(inputs > 1e-6, inputs, 0.0)
        return self.output
