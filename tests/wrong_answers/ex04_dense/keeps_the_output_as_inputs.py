"""forward() keeps its output where self.inputs belongs: the backward pass needs the inputs."""

from solutions.ex04_dense import *  # noqa: F403 - everything else is right
from solutions.ex04_dense import Dense as _Dense

EXPECT = "self.inputs"


class Dense(_Dense):
    def forward(self, inputs):
        self.output = inputs @ self.weights + self.biases
        self.inputs = self.output  # kept the wrong array
        return self.output
