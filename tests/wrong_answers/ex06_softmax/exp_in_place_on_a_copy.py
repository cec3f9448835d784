"""Shift and exp in place on a copy of the inputs: integer logits cannot hold exp's floats."""

import numpy as np

from solutions.ex06_softmax import *  # noqa: F403 - everything else is right
from solutions.ex06_softmax import Softmax as _Softmax

EXPECT = "integer"


class Softmax(_Softmax):
    def forward(self, inputs):
        values = inputs.copy()
        values -= values.max(axis=1, keepdims=True)
        np.exp(values, out=values)
        values /= values.sum(axis=1, keepdims=True)
        self.output = values
        return self.output
