"""Softmax.backward fills np.empty_like(dvalues): integer dvalues make an integer gradient."""

import numpy as np

from solutions.ex08_backprop import *  # noqa: F403 - everything else is right
from solutions.ex08_backprop import Softmax as _Softmax

EXPECT = "np.empty_like(dvalues)"


class Softmax(_Softmax):
    def backward(self, dvalues):
        self.dinputs = np.empty_like(dvalues)
        for i, (s, dvalue) in enumerate(zip(self.output, dvalues)):
            s = s.reshape(-1, 1)
            self.dinputs[i] = (np.diagflat(s) - s @ s.T) @ dvalue
        return self.dinputs
