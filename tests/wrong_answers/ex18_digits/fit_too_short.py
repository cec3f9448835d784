"""fit trains one full-batch epoch: one step, nowhere near 95%."""

from solutions.ex18_digits import *  # noqa: F403 - everything else is right

EXPECT = "at least 0.95"


def fit(model, X, y, *, rng=None):
    return model.train(X, y, epochs=1, rng=rng)
