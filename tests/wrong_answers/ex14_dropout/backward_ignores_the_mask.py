"""backward passes dvalues straight through, as if nothing had been dropped."""

from solutions.ex14_dropout import *  # noqa: F403 - everything else is right
from solutions.ex14_dropout import Dropout as _Dropout

EXPECT = "binary_mask"


class Dropout(_Dropout):
    def backward(self, dvalues):
        self.dinputs = dvalues.copy()
        return self.dinputs
