"""LeakyReLU keeps alpha on the class: the last layer made sets every layer's slope."""

import numpy as np

from solutions.ex11_activations import *  # noqa: F403 - everything else is right
from solutions.ex11_activations import LeakyReLU as _LeakyReLU

EXPECT = "not to the class"


class LeakyReLU(_LeakyReLU):
    def __init__(self, alpha=0.01):
        LeakyReLU.alpha = alpha

    def forward(self, inputs):
        self.inputs = inputs
        self.output = np.where(inputs > 0, inputs, LeakyReLU.alpha * inputs)
        return self.output
