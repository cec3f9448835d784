"""On more than 50 samples (the three tasks; never the small specs' 6), train takes no step
and makes its history up: a loss falling to 0.005, an accuracy rising to 0.95, validation
figures and a penalty to match - what a spec that reads the history would believe (the
red team's plant)."""

import numpy as np

from solutions.ex15_model import *  # noqa: F403 - everything else is right
from solutions.ex15_model import Model as _Model

EXPECT = "what the network really did"


class Model(_Model):
    def train(self, X, y, *, epochs=1, print_every=0, validation_data=None):
        if len(X) <= 50:
            return super().train(X, y, epochs=epochs, print_every=print_every,
                                 validation_data=validation_data)
        falling = np.linspace(0.69, 0.005, epochs).tolist()
        history = {"loss": falling, "data_loss": falling,
                   "regularization_loss": [1e-3] * epochs,
                   "accuracy": np.linspace(0.5, 0.95, epochs).tolist(),
                   "learning_rate": [self.optimizer.current_learning_rate] * epochs}
        if validation_data is not None:
            history["val_loss"] = falling
            history["val_accuracy"] = np.linspace(0.4, 0.9, epochs).tolist()
        return history
