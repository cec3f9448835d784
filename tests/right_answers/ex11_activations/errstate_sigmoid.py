"""The plain formula 1 / (1 + exp(-x)), with NumPy told that exp's overflow to inf is
expected (1 / (1 + inf) is the right 0): finite, warning-free, and exact to the last digit."""

import numpy as np

from solutions import ex11_activations as _reference
from solutions.ex11_activations import *  # noqa: F403 - the rest is the reference


class Sigmoid(_reference.Sigmoid):
    def forward(self, inputs):
        self.inputs = inputs
        with np.errstate(over="ignore"):
            self.output = 1 / (1 + np.exp(-inputs))
        return self.output
