"""np.clip(inputs, 0, 1): negatives become 0 but large values are capped at 1."""

import numpy as np

from solutions.ex05_relu import *  # noqa: F403 - everything else is right
from solutions.ex05_relu import ReLU as _ReLU

EXPECT = "unchanged"


class ReLU(_ReLU):
    def forward(self, inputs):
        self.inputs = inputs
        self.output = np.clip(inputs, 0, 1)
        return self.output
