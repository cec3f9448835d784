"""backward always goes loss.backward then Softmax.backward (the Jacobian): equal in
general, but -y/p is -inf where the softmax saturates, and the gradient turns to nan."""

import numpy as np

from solutions.ex15_model import *  # noqa: F403 - everything else is right
from solutions.ex15_model import Model as _Model

EXPECT = "fused"


class Model(_Model):
    def backward(self, output, y):
        with np.errstate(all="ignore"):
            dvalues = self.loss.backward(output, y)
            for layer in reversed(self.layers):
                dvalues = layer.backward(dvalues)
        return dvalues
