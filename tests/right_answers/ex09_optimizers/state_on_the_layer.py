"""The book's way: state kept on the layer itself; SGD momentum with u = m*u + lr*g, p -= u."""

import numpy as np

from solutions import ex09_optimizers as _reference
from solutions.ex09_optimizers import *  # noqa: F403 - the rest is the reference


class _Always:
    def pre_update_params(self):
        self.current_learning_rate = self.learning_rate * (1.0 / (1.0 + self.decay *
                                                                  self.iterations))


class SGD(_Always, _reference.SGD):
    def update_params(self, layer):
        lr = self.current_learning_rate
        if not hasattr(layer, "weight_momentums"):
            layer.weight_momentums = np.zeros_like(layer.weights)
            layer.bias_momentums = np.zeros_like(layer.biases)
        layer.weight_momentums = self.momentum * layer.weight_momentums + lr * layer.dweights
        layer.bias_momentums = self.momentum * layer.bias_momentums + lr * layer.dbiases
        layer.weights = layer.weights - layer.weight_momentums
        layer.biases = layer.biases - layer.bias_momentums


class Adagrad(_Always, _reference.Adagrad):
    def update_params(self, layer):
        if not hasattr(layer, "weight_cache"):
            layer.weight_cache = np.zeros_like(layer.weights)
            layer.bias_cache = np.zeros_like(layer.biases)
        layer.weight_cache += layer.dweights ** 2
        layer.bias_cache += layer.dbiases ** 2
        lr, eps = self.current_learning_rate, self.epsilon
        layer.weights += -lr * layer.dweights / (np.sqrt(layer.weight_cache) + eps)
        layer.biases += -lr * layer.dbiases / (np.sqrt(layer.bias_cache) + eps)


class RMSprop(_Always, _reference.RMSprop):
    def update_params(self, layer):
        if not hasattr(layer, "weight_cache"):
            layer.weight_cache = np.zeros_like(layer.weights)
            layer.bias_cache = np.zeros_like(layer.biases)
        rho = self.rho
        layer.weight_cache = rho * layer.weight_cache + (1 - rho) * layer.dweights ** 2
        layer.bias_cache = rho * layer.bias_cache + (1 - rho) * layer.dbiases ** 2
        lr, eps = self.current_learning_rate, self.epsilon
        layer.weights += -lr * layer.dweights / (np.sqrt(layer.weight_cache) + eps)
        layer.biases += -lr * layer.dbiases / (np.sqrt(layer.bias_cache) + eps)


class Adam(_Always, _reference.Adam):
    def update_params(self, layer):
        if not hasattr(layer, "weight_cache"):
            layer.weight_momentums = np.zeros_like(layer.weights)
            layer.weight_cache = np.zeros_like(layer.weights)
            layer.bias_momentums = np.zeros_like(layer.biases)
            layer.bias_cache = np.zeros_like(layer.biases)
        b1, b2, t = self.beta_1, self.beta_2, self.iterations + 1
        layer.weight_momentums = b1 * layer.weight_momentums + (1 - b1) * layer.dweights
        layer.bias_momentums = b1 * layer.bias_momentums + (1 - b1) * layer.dbiases
        layer.weight_cache = b2 * layer.weight_cache + (1 - b2) * layer.dweights ** 2
        layer.bias_cache = b2 * layer.bias_cache + (1 - b2) * layer.dbiases ** 2
        for name, m, v in (("weights", layer.weight_momentums, layer.weight_cache),
                           ("biases", layer.bias_momentums, layer.bias_cache)):
            m_hat, v_hat = m / (1 - b1 ** t), v / (1 - b2 ** t)
            setattr(layer, name, getattr(layer, name) - self.current_learning_rate * m_hat /
                    (np.sqrt(v_hat) + self.epsilon))
