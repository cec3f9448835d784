"""Shifts each row by its minimum: fine for rows close together, inf for rows spread widely."""

import numpy as np

from solutions.ex06_softmax import *  # noqa: F403 - everything else is right
from solutions.ex06_softmax import Softmax as _Softmax

EXPECT = "MAXIMUM"


class Softmax(_Softmax):
    def forward(self, inputs):
        exp_values = np.exp(inputs - np.min(inputs, axis=1, keepdims=True))
        self.output = exp_values / np.sum(exp_values, axis=1, keepdims=True)
        return self.output
