"""regularization_loss counts the weights' penalties only."""

import numpy as np

from solutions.ex13_regularization import *  # noqa: F403 - everything else is right

EXPECT = "the biases have their own strengths"


def regularization_loss(layer):
    loss = getattr(layer, "weight_regularizer_l1", 0.0) * np.sum(np.abs(layer.weights))
    loss += getattr(layer, "weight_regularizer_l2", 0.0) * np.sum(layer.weights ** 2)
    return float(loss)
