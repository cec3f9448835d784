"""Subtracts the row maximum in place (inputs -= ...), changing the caller's logits."""

import numpy as np

from solutions.ex06_softmax import *  # noqa: F403 - everything else is right
from solutions.ex06_softmax import Softmax as _Softmax

EXPECT = "in place"


class Softmax(_Softmax):
    def forward(self, inputs):
        inputs -= np.max(inputs, axis=1, keepdims=True)
        exp_values = np.exp(inputs)
        self.output = exp_values / np.sum(exp_values, axis=1, keepdims=True)
        return self.output
