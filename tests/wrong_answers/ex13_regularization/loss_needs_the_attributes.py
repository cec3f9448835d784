"""regularization_loss reads the strengths directly: a layer without them raises AttributeError."""

import numpy as np

from solutions.ex13_regularization import *  # noqa: F403 - everything else is right

EXPECT = "getattr"


def regularization_loss(layer):
    return float(layer.weight_regularizer_l1 * np.sum(np.abs(layer.weights))
                 + layer.weight_regularizer_l2 * np.sum(layer.weights ** 2)
                 + layer.bias_regularizer_l1 * np.sum(np.abs(layer.biases))
                 + layer.bias_regularizer_l2 * np.sum(layer.biases ** 2))
