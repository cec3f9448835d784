"""Each value is KEPT with probability rate (binomial(1, rate)) instead of dropped with it."""

from solutions.ex14_dropout import *  # noqa: F403 - everything else is right
from tests.wrong_answers.ex14_dropout._drawn import Dropout as _Drawn

EXPECT = "rate is the fraction dropped"


class Dropout(_Drawn):
    def draw(self, shape):
        return self.rng.binomial(1, self.rate, size=shape) / self.rate
