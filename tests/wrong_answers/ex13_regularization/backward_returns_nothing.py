"""backward adds the penalties but forgets to return dinputs."""

from solutions.ex13_regularization import *  # noqa: F403 - everything else is right
from solutions.ex13_regularization import Dense as _Dense

EXPECT = "return"


class Dense(_Dense):
    def backward(self, dvalues):
        super().backward(dvalues)
