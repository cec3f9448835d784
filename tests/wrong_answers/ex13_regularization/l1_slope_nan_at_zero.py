"""The L1 slope as l1 * w / |w|: the sign, except 0 / 0 = nan at a weight of exactly 0."""

import numpy as np

from solutions.ex13_regularization import *  # noqa: F403 - everything else is right
from solutions.ex13_regularization import Dense as _Dense

EXPECT = "nan"


class Dense(_Dense):
    def backward(self, dvalues):
        dinputs = super(_Dense, self).backward(dvalues)
        with np.errstate(invalid="ignore"):
            self.dweights = (self.dweights
                             + self.weight_regularizer_l1 * self.weights / np.abs(self.weights)
                             + 2 * self.weight_regularizer_l2 * self.weights)
        self.dbiases = (self.dbiases + self.bias_regularizer_l1 * np.sign(self.biases)
                        + 2 * self.bias_regularizer_l2 * self.biases)
        return dinputs
