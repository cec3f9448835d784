"""Takes the maximum and the sum over axis=0 (the samples) instead of axis=1."""

import numpy as np

from solutions.ex06_softmax import *  # noqa: F403 - everything else is right
from solutions.ex06_softmax import Softmax as _Softmax

EXPECT = "axis=1"


class Softmax(_Softmax):
    def forward(self, inputs):
        exp_values = np.exp(inputs - np.max(inputs, axis=0, keepdims=True))
        self.output = exp_values / np.sum(exp_values, axis=0, keepdims=True)
        return self.output
