"""forward() computes inputs @ weights and forgets the biases."""

from solutions.ex04_dense import *  # noqa: F403 - everything else is right
from solutions.ex04_dense import Dense as _Dense

EXPECT = "bias"


class Dense(_Dense):
    def forward(self, inputs):
        self.inputs = inputs
        self.output = inputs @ self.weights
        return self.output
