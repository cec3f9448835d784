"""Every penalty term added unconditionally (a strength of 0 adds 0), the gradients in one
expression each, and the loss through vector norms: sum|w| = ||w||_1 of the flattened
array, sum w**2 = ||w||_2 squared."""

import numpy as np

from solutions import ex13_regularization as _reference
from solutions.ex13_regularization import *  # noqa: F403 - the rest is the reference


class Dense(_reference.Dense):
    def backward(self, dvalues):
        # exercise 08's gradients (the Dense this exercise's Dense is built on)
        dinputs = _reference._Dense.backward(self, dvalues)
        w, b = self.weights, self.biases
        self.dweights = (self.dweights + self.weight_regularizer_l1 * np.sign(w)
                         + 2.0 * self.weight_regularizer_l2 * w)
        self.dbiases = (self.dbiases + self.bias_regularizer_l1 * np.sign(b)
                        + 2.0 * self.bias_regularizer_l2 * b)
        return dinputs


def _penalty(array, l1, l2):
    if not (l1 or l2):
        return 0.0
    flat = np.ravel(array)
    return l1 * np.linalg.norm(flat, 1) + l2 * np.dot(flat, flat)


def regularization_loss(layer):
    return float(
        _penalty(getattr(layer, "weights", None), getattr(layer, "weight_regularizer_l1", 0.0),
                 getattr(layer, "weight_regularizer_l2", 0.0))
        + _penalty(getattr(layer, "biases", None), getattr(layer, "bias_regularizer_l1", 0.0),
                   getattr(layer, "bias_regularizer_l2", 0.0)))
