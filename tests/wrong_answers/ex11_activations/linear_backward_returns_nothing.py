"""Linear.backward keeps dvalues as dinputs (no copy) and returns nothing."""

from solutions.ex11_activations import *  # noqa: F403 - everything else is right
from solutions.ex11_activations import Linear as _Linear

EXPECT = "return"


class Linear(_Linear):
    def backward(self, dvalues):
        self.dinputs = dvalues
