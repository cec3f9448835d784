"""forward() returns ReLU without keeping it as self.output."""

import numpy as np

from solutions.ex05_relu import *  # noqa: F403 - everything else is right
from solutions.ex05_relu import ReLU as _ReLU

EXPECT = "self.output"


class ReLU(_ReLU):
    def forward(self, inputs):
        self.inputs = inputs
        return np.maximum(0.0, inputs)
