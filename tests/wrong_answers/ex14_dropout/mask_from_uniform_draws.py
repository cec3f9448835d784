"""The mask as (rng.random(shape) < 1 - rate) / (1 - rate): right in law, not the contract's."""

from solutions.ex14_dropout import *  # noqa: F403 - everything else is right
from tests.wrong_answers.ex14_dropout._drawn import Dropout as _Drawn

EXPECT = "binomial (not random() < q)"


class Dropout(_Drawn):
    def draw(self, shape):
        return (self.rng.random(shape) < 1 - self.rate) / (1 - self.rate)
