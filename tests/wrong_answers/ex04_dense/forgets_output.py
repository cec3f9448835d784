"""forward() returns the output without keeping it as self.output."""

from solutions.ex04_dense import *  # noqa: F403 - everything else is right
from solutions.ex04_dense import Dense as _Dense

EXPECT = "self.output"


class Dense(_Dense):
    def forward(self, inputs):
        self.inputs = inputs
        return inputs @ self.weights + self.biases
