"""The mask as (rng.random(shape) < 1 - rate) / (1 - rate): right in law, not the contract's."""

from solutions.ex14_dropout import *  # noqa: F403 - everything else is right
from solutions.ex14_dropout import Dropout as _Dropout

EXPECT = "binomial (not random() < q)"


class Dropout(_Dropout):
    def forward(self, inputs, training=True):
        self.inputs = inputs
        if not training:
            self.output = inputs.copy()
            return self.output
        keep = 1 - self.rate
        self.binary_mask = (self.rng.random(inputs.shape) < keep) / keep
        self.output = inputs * self.binary_mask
        return self.output
