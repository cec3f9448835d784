"""forward() keeps self.output but not self.inputs (the backward pass will need them)."""

from solutions.ex04_dense import *  # noqa: F403 - everything else is right
from solutions.ex04_dense import Dense as _Dense

EXPECT = "self.inputs"


class Dense(_Dense):
    def forward(self, inputs):
        self.output = inputs @ self.weights + self.biases
        return self.output
