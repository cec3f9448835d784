"""Exercise 16 - mini-batches: many small steps per pass over the data.

Exercise 15's Model takes one step per epoch, on all the data at once. With 60,000
images that is one slow step per pass, and the whole data set must fit through the
network at once. Mini-batches take a step after every `batch_size` samples instead:

    epoch:  order = rng.permutation(n)               (a new order every epoch)
            for each batch of batch_size rows of X[order], y[order]:
                forward, data loss, accuracy, backward, one optimizer step
            the last batch takes whatever is left: it may be smaller, never dropped

Each step sees a different sample of the data, so its gradient is a noisy estimate of
the full one; many cheap noisy steps usually beat one exact expensive one. Shuffling
every epoch keeps the batches from being the same every time (and from being all one
class when the data are sorted by class, as spiral_data's are). X and y are permuted
with the SAME order: shuffle one without the other and the labels belong to the wrong
samples.

The epoch's figures come from its batches, each measured before its own step:

    data_loss  = sum(batch_loss_b * n_b) / n         a sample-weighted mean: a last batch
    accuracy   = sum(batch_accuracy_b * n_b) / n     of 2 samples must not count like 32
    regularization_loss   after the epoch's last step (the weights the epoch ends with)
    loss       = data_loss + regularization_loss
    learning_rate         the rate of the epoch's last step

Worked example: 10 samples, batch_size=4 -> batches of 4, 4, 2. Batch losses 0.5, 0.3,
0.9 give a data loss of (4*0.5 + 4*0.3 + 2*0.9) / 10 = 0.5, not (0.5 + 0.3 + 0.9) / 3.

evaluate and predict work in batches too (for memory, never for learning): nothing is
updated, so their results are the same for every batch size, up to rounding.
"""

from __future__ import annotations

import numpy as np

# Given: exercise 15's Model (full batch), and its layers, losses, accuracies and
# optimizers, so that `from ex16_batches import Dense, Softmax, ...` works as before.
from kata.given.ex15_model import *  # noqa: F403
from kata.given.ex15_model import Model as _Model
from kata.given.ex15_model import __all__ as _given

__all__ = ["batch_size_of", *_given]


def batch_size_of(batch_size: int | None, n_samples: int) -> int:
    """The number of rows per batch: n_samples for None (one full batch), else batch_size.

    >>> batch_size_of(None, 10), batch_size_of(4, 10), batch_size_of(32, 10)
    (10, 4, 32)

    Raises ValueError for a batch_size below 1: no batch could hold a sample.
    """
    if batch_size is None:
        return max(n_samples, 1)
    if int(batch_size) != batch_size or batch_size < 1:
        raise ValueError(f"batch_size must be a whole number of samples, at least 1, "
                         f"or None for one full batch; got {batch_size!r}")
    return int(batch_size)


class Model(_Model):
    """Exercise 15's Model, with train, evaluate and predict in mini-batches.

    >>> rng = np.random.default_rng(0)
    >>> model = Model()
    >>> for layer in (Dense(2, 8, rng=rng), ReLU(), Dense(8, 2, rng=rng), Softmax()):
    ...     model.add(layer)
    >>> model.set(loss=CategoricalCrossEntropy(), optimizer=SGD(decay=0.5),
    ...           accuracy=CategoricalAccuracy())
    >>> model.finalize()
    >>> X, y = rng.standard_normal((10, 2)), np.arange(10) % 2
    >>> history = model.train(X, y, epochs=1, batch_size=4, rng=np.random.default_rng(1))
    >>> model.optimizer.iterations, history["learning_rate"]      # batches of 4, 4, 2
    (3, [0.5])
    """

    def train(self, X: np.ndarray, y: np.ndarray, *, epochs: int = 1,
              batch_size: int | None = None, shuffle: bool = True,
              rng: np.random.Generator | None = None, print_every: int = 0,
              validation_data: tuple[np.ndarray, np.ndarray] | None = None,
              ) -> dict[str, list[float]]:
        """`epochs` passes over (X, y), one optimizer step per batch, and their history.

        batch_size: rows per step (None: all of them, one step per epoch)
        shuffle:    True permutes the rows at the start of every epoch with
                    order = rng.permutation(n), the same order for X and y;
                    False keeps them in order
        rng:        the Generator that shuffles (None: a fresh np.random.default_rng())
        history:    as exercise 15's, per epoch: data_loss and accuracy as
                    sample-weighted means over the epoch's batches (each measured
                    before its step), regularization_loss after the epoch's last step,
                    loss their sum, learning_rate of the last step, and with
                    validation_data, val_loss and val_accuracy from
                    evaluate(X_val, y_val, batch_size=batch_size) after the epoch.
        self.step(X_batch, y_batch) (exercise 15) makes one step and returns the
        batch's (data_loss, accuracy); self._record and self._report (given in
        exercise 15) append an epoch to the history and print its line.
        """
        raise NotImplementedError('Model.train() is not written yet: replace this line with your code')

    def evaluate(self, X: np.ndarray, y: np.ndarray, *,
                 batch_size: int | None = None) -> tuple[float, float]:
        """(data loss, accuracy) on (X, y) in batches, training=False, nothing updated.

        Both are sample-weighted means of the batches' figures, so every batch_size gives
        the same result as one full batch (up to rounding).
        """
        raise NotImplementedError('Model.evaluate() is not written yet: replace this line with your code')

    def predict(self, X: np.ndarray, *, batch_size: int | None = None) -> np.ndarray:
        """The last layer's output for X (training=False), batch by batch, stacked in order.

        returns: the same array as exercise 15's predict(X), whatever the batch_size.
        """
        raise NotImplementedError('Model.predict() is not written yet: replace this line with your code')
