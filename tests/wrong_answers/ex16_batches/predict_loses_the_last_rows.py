"""predict stacks only the full batches: the rows of a smaller last batch are lost."""

import numpy as np
from kata.given.ex15_model import Model as FullBatch

from solutions.ex16_batches import *  # noqa: F403 - everything else is right
from solutions.ex16_batches import Model as _Model
from solutions.ex16_batches import batch_size_of

EXPECT = "every row"


class Model(_Model):
    def predict(self, X, *, batch_size=None):
        size = batch_size_of(batch_size, len(X))
        full = len(X) - len(X) % size if len(X) > size else len(X)
        return np.concatenate([FullBatch.predict(self, X[s:s + size])
                               for s in range(0, full, size)])
