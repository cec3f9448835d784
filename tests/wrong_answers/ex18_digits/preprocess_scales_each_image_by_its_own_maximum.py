"""preprocess stretches every image to its own range: faint digits look bold."""

import numpy as np

from solutions.ex18_digits import *  # noqa: F403 - everything else is right

EXPECT = "same scale"


def preprocess(images):
    X = np.asarray(images, dtype=np.float64).reshape(len(images), -1)
    top = X.max(axis=1, keepdims=True)
    return X / np.where(top > 0, top, 1) * 2 - 1
