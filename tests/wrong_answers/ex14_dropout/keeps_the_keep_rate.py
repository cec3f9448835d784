"""As in the book: self.rate holds the KEEP rate 1 - rate; a saved model records the wrong one."""


from solutions.ex14_dropout import *  # noqa: F403 - everything else is right
from solutions.ex14_dropout import Dropout as _Dropout

EXPECT = "fraction DROPPED"


class Dropout(_Dropout):
    def __init__(self, rate, *, rng=None):
        super().__init__(rate, rng=rng)
        self.rate = 1 - rate

    def forward(self, inputs, training=True):
        self.inputs = inputs
        if not training:
            self.output = inputs.copy()
            return self.output
        self.binary_mask = self.rng.binomial(1, self.rate, size=inputs.shape) / self.rate
        self.output = inputs * self.binary_mask
        return self.output
