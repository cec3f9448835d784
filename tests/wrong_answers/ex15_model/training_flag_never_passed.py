"""forward calls every layer's forward(output) alone: Dropout keeps its default
training=True, so predict and evaluate drop units at random."""

from solutions.ex15_model import *  # noqa: F403 - everything else is right
from solutions.ex15_model import Model as _Model

EXPECT = "training"


class Model(_Model):
    def forward(self, X, training):
        output = X
        for layer in self.layers:
            output = layer.forward(output)
        return output
