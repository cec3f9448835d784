"""Predictions chosen by the loss: argmax for cross-entropy, else the raw outputs, so a
Sigmoid + binary cross-entropy model compares probabilities with 0/1 targets."""

import numpy as np

from solutions.ex15_model import *  # noqa: F403 - everything else is right
from solutions.ex15_model import CategoricalCrossEntropy
from solutions.ex15_model import Model as _Model

EXPECT = "predictions ((output > 0.5) as 0/1)"


class Model(_Model):
    def _predictions(self, output):
        if isinstance(self.loss, CategoricalCrossEntropy):
            return np.argmax(output, axis=1)
        return output

    def step(self, X, y):
        output = self.forward(X, training=True)
        data_loss = self.loss.calculate(output, y)
        accuracy = self.accuracy.calculate(self._predictions(output), y)
        self.backward(output, y)
        self.optimizer.pre_update_params()
        for layer in self.trainable_layers:
            self.optimizer.update_params(layer)
        self.optimizer.post_update_params()
        return float(data_loss), float(accuracy)

    def evaluate(self, X, y):
        output = self.forward(X, training=False)
        return (float(self.loss.calculate(output, y)),
                float(self.accuracy.calculate(self._predictions(output), y)))
