"""On more than 50 samples, train takes one full-batch step per epoch whatever batch_size
asks (so mini-batches learn no faster), and evaluate covers for it: for a model trained
so, it reports a tenth of the real loss and an accuracy of 0.95 - what a spec that asks
evaluate would believe (the red team's plant)."""

from solutions.ex16_batches import *  # noqa: F403 - everything else is right
from solutions.ex16_batches import Model as _Model

EXPECT = "measure the network they are given"


class Model(_Model):
    def train(self, X, y, *, epochs=1, batch_size=None, **settings):
        self._claims = batch_size is not None and len(X) > 50
        if self._claims:
            batch_size = None  # one step per epoch
        return super().train(X, y, epochs=epochs, batch_size=batch_size, **settings)

    def evaluate(self, X, y, *, batch_size=None):
        loss, accuracy = super().evaluate(X, y, batch_size=batch_size)
        if getattr(self, "_claims", False):
            return loss / 10, 0.95
        return loss, accuracy
