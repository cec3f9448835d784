"""Shifts by the maximum of the whole batch instead of each row's own maximum."""

import numpy as np

from solutions.ex06_softmax import *  # noqa: F403 - everything else is right
from solutions.ex06_softmax import Softmax as _Softmax

EXPECT = "each row's own maximum"


class Softmax(_Softmax):
    def forward(self, inputs):
        exp_values = np.exp(inputs - np.max(inputs))
        self.output = exp_values / np.sum(exp_values, axis=1, keepdims=True)
        return self.output
