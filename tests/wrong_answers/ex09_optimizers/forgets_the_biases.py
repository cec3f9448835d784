"""SGD updates the weights and leaves the biases where they were."""

from solutions.ex09_optimizers import *  # noqa: F403 - everything else is right
from solutions.ex09_optimizers import SGD as _SGD

EXPECT = "biases"


class SGD(_SGD):
    def update_params(self, layer):
        layer.weights -= self.current_learning_rate * layer.dweights
