"""forward() keeps its output but not self.inputs, though its docstring asks for them."""

import numpy as np

from solutions.ex05_relu import *  # noqa: F403 - everything else is right
from solutions.ex05_relu import ReLU as _ReLU

EXPECT = "self.inputs"


class ReLU(_ReLU):
    def forward(self, inputs):
        self.output = np.maximum(0.0, inputs)
        return self.output
