"""fit calls model.train without rng=rng: every fit shuffles with a fresh generator of its
own, so the same model, data and rng train differently each time."""

from solutions.ex18_digits import *  # noqa: F403 - everything else is right

EXPECT = "rng=rng"


def fit(model, X, y, *, rng=None):
    return model.train(X, y, epochs=10, batch_size=64)
