"""Treats the batch as one sample: ReLU of inputs[0] only."""

import numpy as np

from solutions.ex05_relu import *  # noqa: F403 - everything else is right
from solutions.ex05_relu import ReLU as _ReLU

EXPECT = "same shape"


class ReLU(_ReLU):
    def forward(self, inputs):
        self.inputs = inputs
        self.output = np.maximum(0.0, inputs[0])
        return self.output
