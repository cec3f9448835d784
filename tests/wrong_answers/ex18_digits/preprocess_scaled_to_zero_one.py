"""preprocess scales to [0, 1] (value / 16) instead of [-1, 1]."""

import numpy as np

from solutions.ex18_digits import *  # noqa: F403 - everything else is right

EXPECT = "(value - 8) / 8"


def preprocess(images):
    return np.asarray(images, dtype=np.float64).reshape(len(images), -1) / 16
