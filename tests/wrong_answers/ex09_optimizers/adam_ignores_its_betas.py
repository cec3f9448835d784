"""Adam with the default betas written in: beta_1 and beta_2 given to it are ignored."""

import numpy as np

from solutions.ex09_optimizers import *  # noqa: F403 - everything else is right
from solutions.ex09_optimizers import Adam as _Adam

EXPECT = "beta_1 * m"


class Adam(_Adam):
    def update_params(self, layer):
        s, b1, b2 = self.layer_state(layer), 0.9, 0.999
        s.weight_momentums = b1 * s.weight_momentums + (1 - b1) * layer.dweights
        s.bias_momentums = b1 * s.bias_momentums + (1 - b1) * layer.dbiases
        s.weight_cache = b2 * s.weight_cache + (1 - b2) * layer.dweights ** 2
        s.bias_cache = b2 * s.bias_cache + (1 - b2) * layer.dbiases ** 2
        step = self.iterations + 1
        mc, vc = 1 - b1 ** step, 1 - b2 ** step
        lr, eps = self.current_learning_rate, self.epsilon
        layer.weights -= lr * (s.weight_momentums / mc) / (np.sqrt(s.weight_cache / vc) + eps)
        layer.biases -= lr * (s.bias_momentums / mc) / (np.sqrt(s.bias_cache / vc) + eps)
