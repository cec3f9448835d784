"""tanh written out as (e^x - e^-x) / (e^x + e^-x): inf / inf = nan at 1000."""

import numpy as np

from solutions.ex11_activations import *  # noqa: F403 - everything else is right
from solutions.ex11_activations import Tanh as _Tanh

EXPECT = "np.tanh"


class Tanh(_Tanh):
    def forward(self, inputs):
        self.inputs = inputs
        self.output = (np.exp(inputs) - np.exp(-inputs)) / (np.exp(inputs) + np.exp(-inputs))
        return self.output
