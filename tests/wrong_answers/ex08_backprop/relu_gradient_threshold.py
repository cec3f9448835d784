"""ReLU's gradient masked with a small threshold "to be safe": 1e-9 is positive all the same."""

import numpy as np

from solutions.ex08_backprop import *  # noqa: F403 - everything else is right
from solutions.ex08_backprop import ReLU as _ReLU

EXPECT = "small threshold"


class ReLU(_ReLU):
    def backward(self, dvalues):
        self.dinputs = np.where(self.inputs > 1e-6, dvalues, 0.0)
        return self.dinputs
