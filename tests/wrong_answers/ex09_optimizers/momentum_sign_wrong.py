"""SGD momentum with the wrong sign: u = -momentum * u_previous - lr * g."""

from solutions.ex09_optimizers import *  # noqa: F403 - everything else is right
from solutions.ex09_optimizers import SGD as _SGD

EXPECT = "momentum * u_previous"


class SGD(_SGD):
    def update_params(self, layer):
        lr = self.current_learning_rate
        if self.momentum:
            s = self.layer_state(layer)
            s.weight_momentums = -self.momentum * s.weight_momentums - lr * layer.dweights
            s.bias_momentums = -self.momentum * s.bias_momentums - lr * layer.dbiases
            layer.weights += s.weight_momentums
            layer.biases += s.bias_momentums
        else:
            layer.weights -= lr * layer.dweights
            layer.biases -= lr * layer.dbiases
