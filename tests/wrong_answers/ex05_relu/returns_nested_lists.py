"""forward() in Part 1 style: lists of lists (of a 2-D batch), not a NumPy array."""

import numpy as np

from solutions.ex05_relu import *  # noqa: F403 - everything else is right
from solutions.ex05_relu import ReLU as _ReLU

EXPECT = "NumPy array"


class ReLU(_ReLU):
    def forward(self, inputs):
        self.inputs = inputs
        self.output = np.maximum(0.0, inputs)
        if inputs.ndim == 2:
            self.output = [[max(0.0, v) for v in row] for row in inputs.tolist()]
        return self.output
