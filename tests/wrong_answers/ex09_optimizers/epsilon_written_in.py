"""RMSprop with epsilon written in as 1e-7: the epsilon it was given is ignored."""

import numpy as np

from solutions.ex09_optimizers import *  # noqa: F403 - everything else is right
from solutions.ex09_optimizers import RMSprop as _RMSprop

EXPECT = "epsilon"


class RMSprop(_RMSprop):
    def update_params(self, layer):
        s, rho = self.layer_state(layer), self.rho
        s.weight_cache = rho * s.weight_cache + (1 - rho) * layer.dweights ** 2
        s.bias_cache = rho * s.bias_cache + (1 - rho) * layer.dbiases ** 2
        lr = self.current_learning_rate
        layer.weights -= lr * layer.dweights / (np.sqrt(s.weight_cache) + 1e-7)
        layer.biases -= lr * layer.dbiases / (np.sqrt(s.bias_cache) + 1e-7)
