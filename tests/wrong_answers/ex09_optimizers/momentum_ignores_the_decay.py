"""SGD's momentum buffer takes learning_rate, not current_learning_rate: decay is lost there."""

from solutions.ex09_optimizers import *  # noqa: F403 - everything else is right
from solutions.ex09_optimizers import SGD as _SGD

EXPECT = "current_learning_rate"


class SGD(_SGD):
    def update_params(self, layer):
        if not self.momentum:
            return super().update_params(layer)
        s, lr = self.layer_state(layer), self.learning_rate
        s.weight_momentums = self.momentum * s.weight_momentums - lr * layer.dweights
        s.bias_momentums = self.momentum * s.bias_momentums - lr * layer.dbiases
        layer.weights += s.weight_momentums
        layer.biases += s.bias_momentums
