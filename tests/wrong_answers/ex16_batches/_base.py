"""Helpers for the wrong answers of exercise 16: one epoch loop with the mistakes as switches."""

import numpy as np

from solutions.ex16_batches import Model as _Model
from solutions.ex16_batches import batch_size_of


class Model(_Model):
    """The reference train with one switch per mistake (all off: the reference)."""

    drop_last = shuffle_x_only = unweighted = global_random = never_shuffle = False
    shuffle_once = penalty_first = first_rate = silent = empty_last = False

    def train(self, X, y, *, epochs=1, batch_size=None, shuffle=True, rng=None,
              print_every=0, validation_data=None):
        n = len(X)
        size = batch_size_of(batch_size, n)
        if shuffle and rng is None:
            rng = np.random.default_rng()
        history = {key: [] for key in ("loss", "data_loss", "regularization_loss", "accuracy",
                                       "learning_rate")}
        if validation_data is not None:
            history["val_loss"], history["val_accuracy"] = [], []
        order = None
        for epoch in range(1, epochs + 1):
            penalty = self.regularization_loss()
            if not shuffle or self.never_shuffle:
                order = np.arange(n)
            elif self.global_random:
                order = np.random.permutation(n)
            elif not (self.shuffle_once and order is not None):
                order = rng.permutation(n)
            stop = n - n % size if self.drop_last and n > size else n
            if self.empty_last:  # n // size + 1 starts: the last one at n when size divides n
                stop = n // size * size + 1
            losses, accuracies, counts, rates = [], [], [], []
            for start in range(0, stop, size):
                rows = order[start:start + size]
                labels = y[start:start + size] if self.shuffle_x_only else y[rows]
                loss, accuracy = self.step(X[rows], labels)
                if not len(rows):  # (empty_last) a step on nothing; its nan loss not counted
                    continue
                losses.append(loss)
                accuracies.append(accuracy)
                counts.append(len(rows))
                rates.append(self.optimizer.current_learning_rate)
            if self.unweighted:
                data_loss, accuracy = float(np.mean(losses)), float(np.mean(accuracies))
            else:
                data_loss = float(np.dot(losses, counts) / sum(counts))
                accuracy = float(np.dot(accuracies, counts) / sum(counts))
            if not self.penalty_first:
                penalty = self.regularization_loss()
            history["data_loss"].append(data_loss)
            history["regularization_loss"].append(penalty)
            history["loss"].append(data_loss + penalty)
            history["accuracy"].append(accuracy)
            history["learning_rate"].append(rates[0] if self.first_rate else rates[-1])
            if validation_data is not None:
                val_loss, val_accuracy = self.evaluate(*validation_data, batch_size=batch_size)
                history["val_loss"].append(val_loss)
                history["val_accuracy"].append(val_accuracy)
            if print_every and epoch % print_every == 0 and not self.silent:
                self._report(history, epoch, epochs)
        return history
