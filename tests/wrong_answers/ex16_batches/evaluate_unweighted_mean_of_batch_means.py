"""evaluate averages the batch losses and accuracies without weighting by batch size."""

import numpy as np
from kata.given.ex15_model import Model as FullBatch

from solutions.ex16_batches import *  # noqa: F403 - everything else is right
from solutions.ex16_batches import Model as _Model
from solutions.ex16_batches import batch_size_of

EXPECT = "sample-weighted"


class Model(_Model):
    def evaluate(self, X, y, *, batch_size=None):
        size = batch_size_of(batch_size, len(X))
        figures = [FullBatch.evaluate(self, X[s:s + size], y[s:s + size])
                   for s in range(0, len(X), size)]
        return float(np.mean([f[0] for f in figures])), float(np.mean([f[1] for f in figures]))
