"""The step count is n // batch_size + 1 (the book's "+ 1 for the remainder" taken
unconditionally): when batch_size divides n, the last step is on an empty batch."""

import numpy as np

from solutions.ex16_batches import *  # noqa: F403 - everything else is right
from solutions.ex16_batches import Model as _Model
from solutions.ex16_batches import batch_size_of

EXPECT = "empty"


class Model(_Model):
    def train(self, X, y, *, epochs=1, batch_size=None, shuffle=True, rng=None,
              print_every=0, validation_data=None):
        n = len(X)
        size = batch_size_of(batch_size, n)
        steps = n // size + 1
        if shuffle and rng is None:
            rng = np.random.default_rng()
        history = {key: [] for key in ("loss", "data_loss", "regularization_loss", "accuracy",
                                       "learning_rate")}
        if validation_data is not None:
            history["val_loss"], history["val_accuracy"] = [], []
        for epoch in range(1, epochs + 1):
            order = rng.permutation(n) if shuffle else np.arange(n)
            loss_sum = accuracy_sum = 0.0
            for step in range(steps):
                rows = order[step * size:(step + 1) * size]
                data_loss, accuracy = self.step(X[rows], y[rows])
                if len(rows):
                    loss_sum += data_loss * len(rows)
                    accuracy_sum += accuracy * len(rows)
            self._record(history, loss_sum / n, self.regularization_loss(), accuracy_sum / n,
                         None)
            if validation_data is not None:
                val_loss, val_accuracy = self.evaluate(*validation_data, batch_size=batch_size)
                history["val_loss"].append(val_loss)
                history["val_accuracy"].append(val_accuracy)
            if print_every and epoch % print_every == 0:
                self._report(history, epoch, epochs)
        return history
