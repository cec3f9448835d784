"""fit ignores its rng and shuffles with NumPy's global random state."""

import numpy as np

from solutions.ex18_digits import *  # noqa: F403 - everything else is right

EXPECT = "global random state"


def fit(model, X, y, *, rng=None):
    order = np.random.permutation(len(X))
    return model.train(X[order], y[order], epochs=10, batch_size=64, shuffle=False)
