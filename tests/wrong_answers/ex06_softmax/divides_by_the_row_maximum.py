"""Normalises by each row's largest exponential instead of the row's sum."""

import numpy as np

from solutions.ex06_softmax import *  # noqa: F403 - everything else is right
from solutions.ex06_softmax import Softmax as _Softmax

EXPECT = "sum"


class Softmax(_Softmax):
    def forward(self, inputs):
        exp_values = np.exp(inputs - np.max(inputs, axis=1, keepdims=True))
        self.output = exp_values / np.max(exp_values, axis=1, keepdims=True)
        return self.output
