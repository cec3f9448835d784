"""get_parameters returns the weights alone, without the biases."""

from solutions.ex17_persistence import *  # noqa: F403 - everything else is right
from solutions.ex17_persistence import Model as _Model

EXPECT = "(weights, biases)"


class Model(_Model):
    def get_parameters(self):
        return [layer.weights.copy() for layer in self.trainable_layers]
