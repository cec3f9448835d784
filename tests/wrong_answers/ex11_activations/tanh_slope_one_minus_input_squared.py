"""Tanh's slope as 1 - x**2 of the input x, instead of 1 - t**2 of the output t = tanh(x)."""

from solutions.ex11_activations import *  # noqa: F403 - everything else is right
from solutions.ex11_activations import Tanh as _Tanh

EXPECT = "1 - x**2"


class Tanh(_Tanh):
    def backward(self, dvalues):
        self.dinputs = dvalues * (1 - self.inputs ** 2)
        return self.dinputs
