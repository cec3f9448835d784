"""preprocess scales but does not flatten: (n, 8, 8) stays (n, 8, 8)."""

import numpy as np

from solutions.ex18_digits import *  # noqa: F403 - everything else is right

EXPECT = "64"


def preprocess(images):
    return (np.asarray(images, dtype=np.float64) - 8) / 8
