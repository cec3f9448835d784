"""RMSprop's bias cache forgets the previous one: cache = (1 - rho) * dbiases ** 2."""

import numpy as np

from solutions.ex09_optimizers import *  # noqa: F403 - everything else is right
from solutions.ex09_optimizers import RMSprop as _RMSprop

EXPECT = "bias cache is a running mean"


class RMSprop(_RMSprop):
    def update_params(self, layer):
        s, rho = self.layer_state(layer), self.rho
        s.weight_cache = rho * s.weight_cache + (1 - rho) * layer.dweights ** 2
        s.bias_cache = (1 - rho) * layer.dbiases ** 2
        lr, eps = self.current_learning_rate, self.epsilon
        layer.weights -= lr * layer.dweights / (np.sqrt(s.weight_cache) + eps)
        layer.biases -= lr * layer.dbiases / (np.sqrt(s.bias_cache) + eps)
