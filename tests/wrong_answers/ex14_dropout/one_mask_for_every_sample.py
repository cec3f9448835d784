"""One mask row per call, size=inputs.shape[-1], broadcast over the whole batch."""

from solutions.ex14_dropout import *  # noqa: F403 - everything else is right
from tests.wrong_answers.ex14_dropout._drawn import Dropout as _Drawn

EXPECT = "size=inputs.shape"


class Dropout(_Drawn):
    def draw(self, shape):
        return self.rng.binomial(1, 1 - self.rate, size=shape[-1]) / (1 - self.rate)
