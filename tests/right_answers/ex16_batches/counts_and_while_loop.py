"""Mini-batches the long way: the data permuted once per epoch into new arrays, a while
loop over batch starts, the epoch's figures kept as sums of loss * rows and of correct
answers (accuracy * rows), evaluate and predict through exercise 15's on each slice."""

import math

import numpy as np

from solutions import ex16_batches as _reference
from solutions.ex16_batches import *  # noqa: F403 - the rest is the reference

_FullBatch = _reference._Model  # exercise 15's Model


class Model(_reference.Model):
    def train(self, X, y, *, epochs=1, batch_size=None, shuffle=True, rng=None,
              print_every=0, validation_data=None):
        n = X.shape[0]
        step = n if batch_size is None else batch_size
        if shuffle and rng is None:
            rng = np.random.default_rng()
        keys = ("loss", "data_loss", "regularization_loss", "accuracy", "learning_rate")
        history = {key: [] for key in keys}
        if validation_data is not None:
            history["val_loss"] = []
            history["val_accuracy"] = []
        for epoch in range(epochs):
            if shuffle:
                order = rng.permutation(n)
                X_epoch, y_epoch = X[order], y[order]
            else:
                X_epoch, y_epoch = X, y
            total_loss = 0.0
            total_correct = 0.0
            start = 0
            while start < n:
                X_batch = X_epoch[start:start + step]
                y_batch = y_epoch[start:start + step]
                batch_loss, batch_accuracy = self.step(X_batch, y_batch)
                total_loss += batch_loss * len(X_batch)
                total_correct += batch_accuracy * len(X_batch)
                start += step
            data_loss = total_loss / n
            penalty = self.regularization_loss()
            history["data_loss"].append(data_loss)
            history["regularization_loss"].append(penalty)
            history["loss"].append(data_loss + penalty)
            history["accuracy"].append(total_correct / n)
            history["learning_rate"].append(self.optimizer.current_learning_rate)
            if validation_data is not None:
                X_val, y_val = validation_data
                val_loss, val_accuracy = self.evaluate(X_val, y_val, batch_size=batch_size)
                history["val_loss"].append(val_loss)
                history["val_accuracy"].append(val_accuracy)
            if print_every and (epoch + 1) % print_every == 0:
                print(f"{epoch + 1}/{epochs} loss={data_loss + penalty:.4f} "
                      f"acc={total_correct / n:.3f}")
        return history

    def evaluate(self, X, y, *, batch_size=None):
        n = len(X)
        step = n if batch_size is None else batch_size
        batches = math.ceil(n / step)
        loss = accuracy = 0.0
        for b in range(batches):
            X_batch, y_batch = X[b * step:(b + 1) * step], y[b * step:(b + 1) * step]
            batch_loss, batch_accuracy = _FullBatch.evaluate(self, X_batch, y_batch)
            loss += batch_loss * len(X_batch) / n
            accuracy += batch_accuracy * len(X_batch) / n
        return loss, accuracy

    def predict(self, X, *, batch_size=None):
        n = len(X)
        step = n if batch_size is None else batch_size
        outputs = []
        for start in range(0, n, step):
            outputs.append(_FullBatch.predict(self, X[start:start + step]))
        return np.concatenate(outputs, axis=0)
