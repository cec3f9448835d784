"""RegressionAccuracy sets its precision from the spread of the predictions it is given,
np.std(predictions) / 250, instead of the targets': an untrained network's outputs barely
vary, and the yardstick then depends on the network instead of the data."""

import numpy as np

from solutions.ex15_model import *  # noqa: F403 - everything else is right
from solutions.ex15_model import RegressionAccuracy as _RegressionAccuracy

EXPECT = "TARGETS"


class RegressionAccuracy(_RegressionAccuracy):
    def compare(self, predictions, y):
        if self.precision is None:
            self.precision = float(np.std(predictions)) / 250
        return np.abs(predictions - y) < self.precision
