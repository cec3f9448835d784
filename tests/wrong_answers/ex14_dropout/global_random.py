"""The mask comes from NumPy's global np.random.binomial, not from the layer's generator."""

import numpy as np

from solutions.ex14_dropout import *  # noqa: F403 - everything else is right
from tests.wrong_answers.ex14_dropout._drawn import Dropout as _Drawn

EXPECT = "global"


class Dropout(_Drawn):
    def draw(self, shape):
        return np.random.binomial(1, 1 - self.rate, size=shape) / (1 - self.rate)
