"""axis=-1 and [:, None] instead of axis=1 and keepdims; a copy returned."""

import numpy as np

from solutions.ex06_softmax import *  # noqa: F403 - the rest is the reference


class Softmax:
    def forward(self, inputs):
        shifted = inputs - inputs.max(axis=-1)[:, None]
        exp_values = np.exp(shifted)
        self.output = exp_values / exp_values.sum(axis=-1)[:, None]
        return self.output.copy()
