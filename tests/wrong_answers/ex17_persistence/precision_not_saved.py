"""save names the RegressionAccuracy but not its precision: the loaded one computes a
new precision from the first targets it is evaluated on."""

from solutions.ex17_persistence import *  # noqa: F403 - everything else is right
from solutions.ex17_persistence import Model as _Model
from solutions.ex17_persistence import RegressionAccuracy

EXPECT = "precision"


class Model(_Model):
    def save(self, path):
        kept = getattr(self.accuracy, "precision", None)
        if isinstance(self.accuracy, RegressionAccuracy):
            self.accuracy.precision = None
        try:
            super().save(path)
        finally:
            if isinstance(self.accuracy, RegressionAccuracy):
                self.accuracy.precision = kept
