"""set_parameters in other words: the layers named as the specs themselves name them,
dense1, dense2, ... (the Dense layers counted from 1), e.g.
"dense2.weights: expected shape (5, 4), got (5, 7)"; both shapes and the layer are named,
as the contract asks."""

import numpy as np

from solutions import ex17_persistence as _reference
from solutions.ex17_persistence import *  # noqa: F403 - the rest is the reference


class Model(_reference.Model):
    def set_parameters(self, parameters):
        parameters = list(parameters)
        if len(parameters) != len(self.trainable_layers):
            raise ValueError(f"{len(parameters)} (weights, biases) pairs given for "
                             f"{len(self.trainable_layers)} dense layers")
        checked = []
        for number, (layer, (weights, biases)) in enumerate(
                zip(self.trainable_layers, parameters), start=1):
            weights = np.array(weights, dtype=np.float64)
            biases = np.array(biases, dtype=np.float64)
            if weights.shape != layer.weights.shape:
                raise ValueError(f"dense{number}.weights: expected shape "
                                 f"{layer.weights.shape}, got {weights.shape}")
            if biases.shape != layer.biases.shape:
                raise ValueError(f"dense{number}.biases: expected shape "
                                 f"{layer.biases.shape}, got {biases.shape}")
            checked.append((layer, weights, biases))
        for layer, weights, biases in checked:
            layer.weights, layer.biases = weights, biases
