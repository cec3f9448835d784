"""Sigmoid.predictions returns the probabilities instead of 0/1 answers."""

from solutions.ex15_model import *  # noqa: F403 - everything else is right
from solutions.ex15_model import Sigmoid as _Sigmoid

EXPECT = "not the probabilities"


class Sigmoid(_Sigmoid):
    def predictions(self, outputs):
        return outputs
