"""The validation data are added to the training data: the model trains on them."""

import numpy as np

from solutions.ex15_model import *  # noqa: F403 - everything else is right
from solutions.ex15_model import Model as _Model

EXPECT = "never trained on"


class Model(_Model):
    def train(self, X, y, *, epochs=1, print_every=0, validation_data=None):
        if validation_data is not None:
            X = np.concatenate([X, validation_data[0]])
            y = np.concatenate([y, validation_data[1]])
        return super().train(X, y, epochs=epochs, print_every=print_every,
                             validation_data=validation_data)
