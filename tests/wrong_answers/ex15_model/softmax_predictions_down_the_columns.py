"""Softmax.predictions takes the argmax down each column (axis=0), not along each row."""

import numpy as np

from solutions.ex15_model import *  # noqa: F403 - everything else is right
from solutions.ex15_model import Softmax as _Softmax

EXPECT = "axis=1"


class Softmax(_Softmax):
    def predictions(self, outputs):
        return np.argmax(outputs, axis=0)
