"""The L2 slope as l2 * w: the 2 of the derivative of w**2 left out."""

import numpy as np

from solutions.ex13_regularization import *  # noqa: F403 - everything else is right
from solutions.ex13_regularization import Dense as _Dense

EXPECT = "the 2 stays"


class Dense(_Dense):
    def backward(self, dvalues):
        dinputs = super(_Dense, self).backward(dvalues)  # exercise 08's data gradients
        self.dweights = (self.dweights + self.weight_regularizer_l1 * np.sign(self.weights)
                         + self.weight_regularizer_l2 * self.weights)
        self.dbiases = (self.dbiases + self.bias_regularizer_l1 * np.sign(self.biases)
                        + self.bias_regularizer_l2 * self.biases)
        return dinputs
