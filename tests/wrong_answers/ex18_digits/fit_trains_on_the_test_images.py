"""fit ignores the X and y it is given and trains on the test images, which it reads from
kata.datasets.digits_data(): near 100% on the test set, learnt from the test set itself
(the red team's plant)."""

from kata.datasets import digits_data
from solutions.ex18_digits import *  # noqa: F403 - everything else is right
from solutions.ex18_digits import preprocess

EXPECT = "the X and y it is given"


def fit(model, X, y, *, rng=None):
    _, (test_images, test_labels) = digits_data()
    return model.train(preprocess(test_images), test_labels, epochs=60, batch_size=64,
                       rng=rng)
