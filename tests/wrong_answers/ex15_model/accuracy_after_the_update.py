"""step measures loss and accuracy with a second forward pass after the update."""

from solutions.ex15_model import *  # noqa: F403 - everything else is right
from solutions.ex15_model import Model as _Model

EXPECT = "before its update"


class Model(_Model):
    def step(self, X, y):
        super().step(X, y)
        output = self.forward(X, training=True)
        accuracy = self.accuracy.calculate(self.output_activation.predictions(output), y)
        return float(self.loss.calculate(output, y)), float(accuracy)
