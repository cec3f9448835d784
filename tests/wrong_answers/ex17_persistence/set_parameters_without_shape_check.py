"""set_parameters assigns whatever it is given: a wrong shape goes in unnoticed."""

import numpy as np

from solutions.ex17_persistence import *  # noqa: F403 - everything else is right
from solutions.ex17_persistence import Model as _Model

EXPECT = "shape"


class Model(_Model):
    def set_parameters(self, parameters):
        for layer, (weights, biases) in zip(self.trainable_layers, parameters):
            layer.weights, layer.biases = np.array(weights), np.array(biases)
