"""Returns the 0/1 mask (inputs >= 0), ReLU's slope, instead of ReLU itself."""

from solutions.ex05_relu import *  # noqa: F403 - everything else is right
from solutions.ex05_relu import ReLU as _ReLU

EXPECT = "mask"


class ReLU(_ReLU):
    def forward(self, inputs):
        self.inputs = inputs
        self.output = (inputs >= 0).astype(float)
        return self.output
