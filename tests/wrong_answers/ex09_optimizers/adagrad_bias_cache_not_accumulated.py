"""Adagrad's bias cache is replaced each step (cache = dbiases ** 2), never summed."""

import numpy as np

from solutions.ex09_optimizers import *  # noqa: F403 - everything else is right
from solutions.ex09_optimizers import Adagrad as _Adagrad

EXPECT = "bias cache accumulates"


class Adagrad(_Adagrad):
    def update_params(self, layer):
        s = self.layer_state(layer)
        s.weight_cache = s.weight_cache + layer.dweights ** 2
        s.bias_cache = layer.dbiases ** 2
        lr, eps = self.current_learning_rate, self.epsilon
        layer.weights -= lr * layer.dweights / (np.sqrt(s.weight_cache) + eps)
        layer.biases -= lr * layer.dbiases / (np.sqrt(s.bias_cache) + eps)
