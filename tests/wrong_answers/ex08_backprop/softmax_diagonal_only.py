"""Softmax.backward with only the Jacobian's diagonal, s * (1 - s), elementwise."""

from solutions.ex08_backprop import *  # noqa: F403 - everything else is right
from solutions.ex08_backprop import Softmax as _Softmax

EXPECT = "off-diagonal"


class Softmax(_Softmax):
    def backward(self, dvalues):
        self.dinputs = self.output * (1 - self.output) * dvalues
        return self.dinputs
