"""The mask is drawn at the first forward and reused at every later one of the same shape."""

from solutions.ex14_dropout import *  # noqa: F403 - everything else is right
from solutions.ex14_dropout import Dropout as _Dropout

EXPECT = "never reused"


class Dropout(_Dropout):
    def forward(self, inputs, training=True):
        self.inputs = inputs
        if not training:
            self.output = inputs.copy()
            return self.output
        mask = getattr(self, "binary_mask", None)
        if mask is None or mask.shape != inputs.shape:
            keep = 1 - self.rate
            self.binary_mask = self.rng.binomial(1, keep, size=inputs.shape) / keep
        self.output = inputs * self.binary_mask
        return self.output
