"""The weights' L1 slope is right, the biases' is l1 / sign(b): inf at a bias of exactly 0,
and every bias starts at 0."""

import numpy as np

from solutions.ex13_regularization import *  # noqa: F403 - everything else is right
from tests.wrong_answers.ex13_regularization._penalised import Dense as _Penalised

EXPECT = "never a nan or an inf"


class Dense(_Penalised):
    def backward(self, dvalues):
        dinputs = super(_Penalised, self).backward(dvalues)  # exercise 13's, weights right
        if self.bias_regularizer_l1 > 0:
            with np.errstate(divide="ignore"):  # undo the reference's bias L1 slope: use 1/sign
                self.dbiases = (self.dbiases - self.bias_regularizer_l1 * np.sign(self.biases)
                                + self.bias_regularizer_l1 / np.sign(self.biases))
        return dinputs
