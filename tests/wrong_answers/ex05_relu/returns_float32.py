"""forward() returns float32 to save memory."""

import numpy as np

from solutions.ex05_relu import *  # noqa: F403 - everything else is right
from solutions.ex05_relu import ReLU as _ReLU

EXPECT = "float64"


class ReLU(_ReLU):
    def forward(self, inputs):
        self.inputs = inputs
        self.output = np.maximum(0.0, inputs).astype(np.float32)
        return self.output
