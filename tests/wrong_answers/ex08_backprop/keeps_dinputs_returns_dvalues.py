"""Dense.backward keeps the right dinputs but returns the dvalues it was given."""

from solutions.ex08_backprop import *  # noqa: F403 - everything else is right
from solutions.ex08_backprop import Dense as _Dense

EXPECT = "returned"


class Dense(_Dense):
    def backward(self, dvalues):
        super().backward(dvalues)
        return dvalues
