"""dweights set to the penalty's slope alone, the data gradient thrown away."""

import numpy as np

from solutions.ex13_regularization import *  # noqa: F403 - everything else is right
from solutions.ex13_regularization import Dense as _Dense

EXPECT = "does not replace it"


class Dense(_Dense):
    def backward(self, dvalues):
        dinputs = super(_Dense, self).backward(dvalues)
        if self.weight_regularizer_l1 > 0 or self.weight_regularizer_l2 > 0:
            self.dweights = (self.weight_regularizer_l1 * np.sign(self.weights)
                             + 2 * self.weight_regularizer_l2 * self.weights)
        if self.bias_regularizer_l1 > 0 or self.bias_regularizer_l2 > 0:
            self.dbiases = (self.bias_regularizer_l1 * np.sign(self.biases)
                            + 2 * self.bias_regularizer_l2 * self.biases)
        return dinputs
