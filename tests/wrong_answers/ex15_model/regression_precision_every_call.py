"""RegressionAccuracy recomputes std(y) / 250 on every call instead of keeping the first."""

import numpy as np

from solutions.ex15_model import *  # noqa: F403 - everything else is right
from solutions.ex15_model import Accuracy

EXPECT = "set once"


class RegressionAccuracy(Accuracy):
    def __init__(self, precision=None):
        self.precision = precision
        self._given = precision

    def compare(self, predictions, y):
        precision = self._given if self._given is not None else np.std(y) / 250
        self.precision = precision
        return np.abs(predictions - y) < precision
