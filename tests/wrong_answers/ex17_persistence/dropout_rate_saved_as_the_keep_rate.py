"""save writes a Dropout's rate as the book's keep rate, 1 - rate: the loaded model
predicts the same (dropout is off at inference) but trains with the wrong rate."""

from solutions.ex17_persistence import *  # noqa: F403 - everything else is right
from solutions.ex17_persistence import Model as _Model

EXPECT = "rate"


class Model(_Model):
    def save(self, path):
        dropouts = [layer for layer in self.layers if type(layer).__name__ == "Dropout"]
        rates = [layer.rate for layer in dropouts]
        for layer in dropouts:
            layer.rate = 1 - layer.rate
        try:
            super().save(path)
        finally:
            for layer, rate in zip(dropouts, rates):
                layer.rate = rate
