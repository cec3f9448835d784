"""A "stable" sigmoid by np.where over two formulas: np.where computes both, so both overflow."""

import numpy as np

from solutions.ex11_activations import *  # noqa: F403 - everything else is right
from solutions.ex11_activations import Sigmoid as _Sigmoid

EXPECT = "BOTH"


class Sigmoid(_Sigmoid):
    def forward(self, inputs):
        self.inputs = inputs
        self.output = np.where(inputs >= 0, 1 / (1 + np.exp(-inputs)),
                               np.exp(inputs) / (1 + np.exp(inputs)))
        return self.output
