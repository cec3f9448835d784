"""Sigmoid computed in float32 "to save memory": 7 digits instead of 16."""

import numpy as np

from solutions.ex11_activations import *  # noqa: F403 - everything else is right
from solutions.ex11_activations import Sigmoid as _Sigmoid

EXPECT = "float64"


class Sigmoid(_Sigmoid):
    def forward(self, inputs):
        return super().forward(np.asarray(inputs, dtype=np.float32))
