"""preprocess converts with copy=False and scales in place: float images are changed."""

import numpy as np

from solutions.ex18_digits import *  # noqa: F403 - everything else is right

EXPECT = "never -= or /="


def preprocess(images):
    X = images.reshape(len(images), -1).astype(np.float64, copy=False)
    X -= 8
    X /= 8
    return X
