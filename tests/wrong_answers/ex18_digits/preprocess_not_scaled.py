"""preprocess flattens but leaves the values 0..16 as they are."""

import numpy as np

from solutions.ex18_digits import *  # noqa: F403 - everything else is right

EXPECT = "-1..1"


def preprocess(images):
    return np.asarray(images, dtype=np.float64).reshape(len(images), -1)
