"""The L2 penalty as l2 * sum(w**2) / 2, the "nicer derivative" convention, not the contract's."""

import numpy as np

from solutions.ex13_regularization import *  # noqa: F403 - everything else is right

EXPECT = "l2 * sum w**2"


def regularization_loss(layer):
    loss = 0.0
    for kind, values in (("weight", getattr(layer, "weights", 0.0)),
                         ("bias", getattr(layer, "biases", 0.0))):
        loss += getattr(layer, f"{kind}_regularizer_l1", 0.0) * np.sum(np.abs(values))
        loss += getattr(layer, f"{kind}_regularizer_l2", 0.0) * np.sum(values ** 2) / 2
    return float(loss)
