"""The 0/1 draw and the scaling kept apart until they meet: the output is
inputs * draw / keep, computed in that order, the mask stored as the contract's
draw / keep; copies handed back; the rate checked with a chained comparison's negation."""

import numpy as np

from solutions.ex14_dropout import *  # noqa: F403 - the rest is the reference


class Dropout:
    def __init__(self, rate, *, rng=None):
        if not 0.0 <= rate < 1.0:
            raise ValueError("rate must be at least 0 and below 1, got " + repr(rate))
        self.rate = float(rate)
        self.rng = rng if rng is not None else np.random.default_rng()

    def forward(self, inputs, training=True):
        self.inputs = inputs.copy()
        if not training:
            self.output = inputs.copy()
            return self.output.copy()
        keep = 1 - self.rate
        draw = self.rng.binomial(1, keep, size=inputs.shape)
        self.binary_mask = draw / keep
        self.output = inputs * draw / keep
        return self.output.copy()

    def backward(self, dvalues):
        self.dinputs = np.multiply(dvalues, self.binary_mask)
        return self.dinputs.copy()
