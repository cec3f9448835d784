"""Sigmoid's slope s(1 - s) written with the input x instead of the output s."""

from solutions.ex11_activations import *  # noqa: F403 - everything else is right
from solutions.ex11_activations import Sigmoid as _Sigmoid

EXPECT = "not the input"


class Sigmoid(_Sigmoid):
    def backward(self, dvalues):
        self.dinputs = dvalues * self.inputs * (1 - self.inputs)
        return self.dinputs
