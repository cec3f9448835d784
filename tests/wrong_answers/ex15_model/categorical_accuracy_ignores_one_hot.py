"""CategoricalAccuracy compares class indices with one-hot rows as they are."""

from solutions.ex15_model import *  # noqa: F403 - everything else is right
from solutions.ex15_model import Accuracy

EXPECT = "one-hot"


class CategoricalAccuracy(Accuracy):
    def compare(self, predictions, y):
        return predictions == y
