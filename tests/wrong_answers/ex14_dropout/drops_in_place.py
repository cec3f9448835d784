"""forward multiplies the caller's inputs by the mask in place (inputs *= mask)."""

from solutions.ex14_dropout import *  # noqa: F403 - everything else is right
from solutions.ex14_dropout import Dropout as _Dropout

EXPECT = "in place"


class Dropout(_Dropout):
    def forward(self, inputs, training=True):
        if not training:
            return super().forward(inputs, training=False)
        keep = 1 - self.rate
        self.binary_mask = self.rng.binomial(1, keep, size=inputs.shape) / keep
        self.inputs = inputs.copy()
        inputs *= self.binary_mask
        self.output = inputs
        return self.output
