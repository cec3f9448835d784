"""The mask is the 0/1 draw itself, not divided by the keep rate 1 - rate."""

from solutions.ex14_dropout import *  # noqa: F403 - everything else is right
from solutions.ex14_dropout import Dropout as _Dropout

EXPECT = "divided by the keep rate"


class Dropout(_Dropout):
    def forward(self, inputs, training=True):
        self.inputs = inputs
        if not training:
            self.output = inputs.copy()
            return self.output
        self.binary_mask = self.rng.binomial(1, 1 - self.rate, size=inputs.shape)
        self.output = inputs * self.binary_mask
        return self.output
