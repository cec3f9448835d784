"""The mask is the 0/1 draw itself, not divided by the keep rate 1 - rate."""

from solutions.ex14_dropout import *  # noqa: F403 - everything else is right
from tests.wrong_answers.ex14_dropout._drawn import Dropout as _Drawn

EXPECT = "divided by the keep rate"


class Dropout(_Drawn):
    def draw(self, shape):
        return self.rng.binomial(1, 1 - self.rate, size=shape)
