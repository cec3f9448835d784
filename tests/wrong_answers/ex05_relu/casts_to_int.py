"""np.maximum(0, inputs.astype(int)): rounds the values to integers on the way."""

import numpy as np

from solutions.ex05_relu import *  # noqa: F403 - everything else is right
from solutions.ex05_relu import ReLU as _ReLU

EXPECT = "unchanged"


class ReLU(_ReLU):
    def forward(self, inputs):
        self.inputs = inputs
        self.output = np.maximum(0, inputs.astype(int))
        return self.output
