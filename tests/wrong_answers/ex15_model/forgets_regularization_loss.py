"""train reports the data loss as the loss: the regularization penalty is left out."""

from solutions.ex15_model import *  # noqa: F403 - everything else is right
from solutions.ex15_model import Model as _Model

EXPECT = "PLUS the regularization loss"


class Model(_Model):
    def train(self, X, y, *, epochs=1, print_every=0, validation_data=None):
        history = super().train(X, y, epochs=epochs, print_every=print_every,
                                validation_data=validation_data)
        history["loss"] = list(history["data_loss"])
        return history
