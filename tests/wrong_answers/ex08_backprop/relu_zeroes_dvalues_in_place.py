"""ReLU.backward zeroes the caller's dvalues in place and returns them."""

from solutions.ex08_backprop import *  # noqa: F403 - everything else is right
from solutions.ex08_backprop import ReLU as _ReLU

EXPECT = "in place"


class ReLU(_ReLU):
    def backward(self, dvalues):
        dvalues[self.inputs <= 0] = 0
        self.dinputs = dvalues
        return self.dinputs
