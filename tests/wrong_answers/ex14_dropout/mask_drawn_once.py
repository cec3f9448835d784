"""The mask is drawn at the first forward and reused at every later one of the same shape."""

from solutions.ex14_dropout import *  # noqa: F403 - everything else is right
from tests.wrong_answers.ex14_dropout._drawn import Dropout as _Drawn

EXPECT = "never reused"


class Dropout(_Drawn):
    def draw(self, shape):
        mask = getattr(self, "binary_mask", None)
        if mask is None or mask.shape != shape:
            mask = self.rng.binomial(1, 1 - self.rate, size=shape) / (1 - self.rate)
        return mask
