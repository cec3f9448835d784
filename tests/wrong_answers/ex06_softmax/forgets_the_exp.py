"""Normalises the (shifted) logits directly, without exponentiating them."""

import numpy as np

from solutions.ex06_softmax import *  # noqa: F403 - everything else is right
from solutions.ex06_softmax import Softmax as _Softmax

EXPECT = "exponentiate"


class Softmax(_Softmax):
    def forward(self, inputs):
        shifted = inputs - np.min(inputs, axis=1, keepdims=True)
        self.output = shifted / np.sum(shifted, axis=1, keepdims=True)
        return self.output
