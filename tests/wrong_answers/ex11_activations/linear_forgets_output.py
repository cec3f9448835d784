"""Linear.forward returns the inputs without keeping self.output."""

from solutions.ex11_activations import *  # noqa: F403 - everything else is right
from solutions.ex11_activations import Linear as _Linear

EXPECT = "self.output"


class Linear(_Linear):
    def forward(self, inputs):
        self.inputs = inputs
        return inputs
