"""The book's way: the L1 slope built as ones with -1 where w < 0 (so 1 at w == 0, which
the contract allows), penalties added in place to the fresh gradients, and
regularization_loss adding all four terms whenever the layer has the arrays."""

import numpy as np

from solutions import ex13_regularization as _reference
from solutions.ex13_regularization import *  # noqa: F403 - the rest is the reference


class Dense(_reference.Dense):
    def backward(self, dvalues):
        # exercise 08's gradients (the Dense this exercise's Dense is built on)
        dinputs = _reference._Dense.backward(self, dvalues)
        if self.weight_regularizer_l1 > 0:
            dL1 = np.ones_like(self.weights)
            dL1[self.weights < 0] = -1
            self.dweights += self.weight_regularizer_l1 * dL1
        if self.weight_regularizer_l2 > 0:
            self.dweights += 2 * self.weight_regularizer_l2 * self.weights
        if self.bias_regularizer_l1 > 0:
            dL1 = np.ones_like(self.biases)
            dL1[self.biases < 0] = -1
            self.dbiases += self.bias_regularizer_l1 * dL1
        if self.bias_regularizer_l2 > 0:
            self.dbiases += 2 * self.bias_regularizer_l2 * self.biases
        return dinputs


def regularization_loss(layer):
    total = 0.0
    for kind in ("weight", "bias"):
        values = getattr(layer, "weights" if kind == "weight" else "biases", None)
        if values is None:
            continue
        l1 = getattr(layer, f"{kind}_regularizer_l1", 0)
        l2 = getattr(layer, f"{kind}_regularizer_l2", 0)
        total += l1 * np.sum(np.abs(values)) + l2 * np.sum(values * values)
    return float(total)
