"""SGD with momentum on the weights, but plain steps on the biases."""

from solutions.ex09_optimizers import *  # noqa: F403 - everything else is right
from solutions.ex09_optimizers import SGD as _SGD

EXPECT = "bias_momentums"


class SGD(_SGD):
    def update_params(self, layer):
        if not self.momentum:
            return super().update_params(layer)
        s, lr = self.layer_state(layer), self.current_learning_rate
        s.weight_momentums = self.momentum * s.weight_momentums - lr * layer.dweights
        layer.weights += s.weight_momentums
        layer.biases -= lr * layer.dbiases
