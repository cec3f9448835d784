"""LeakyReLU.forward scales the negatives of the caller's array in place."""

from solutions.ex11_activations import *  # noqa: F403 - everything else is right
from solutions.ex11_activations import LeakyReLU as _LeakyReLU

EXPECT = "in place"


class LeakyReLU(_LeakyReLU):
    def forward(self, inputs):
        self.inputs = inputs.copy()
        inputs[inputs <= 0] *= self.alpha
        self.output = inputs
        return self.output
