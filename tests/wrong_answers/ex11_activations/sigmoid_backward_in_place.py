"""Sigmoid.backward multiplies the caller's dvalues in place (dvalues *= ...)."""

from solutions.ex11_activations import *  # noqa: F403 - everything else is right
from solutions.ex11_activations import Sigmoid as _Sigmoid

EXPECT = "in place"


class Sigmoid(_Sigmoid):
    def backward(self, dvalues):
        dvalues *= self.output * (1 - self.output)
        self.dinputs = dvalues
        return self.dinputs
