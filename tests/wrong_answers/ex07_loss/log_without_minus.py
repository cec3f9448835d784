"""Takes log(confidence) and forgets the minus sign: every loss is negative."""

from solutions.ex07_loss import *  # noqa: F403 - everything else is right
from solutions.ex07_loss import CategoricalCrossEntropy as _CCE

EXPECT = "-log"


class CategoricalCrossEntropy(_CCE):
    def forward(self, y_pred, y_true):
        self.output = -super().forward(y_pred, y_true)
        return self.output
