"""The book's shape of Model: layers kept as a chain of (layer, next) steps rather than a
`layers` list, Dropout told `training` by its class, accuracies written without compare(),
a RegressionAccuracy whose precision is set by init(y) (called by train, and by calculate
while unset), the penalty taken after the update, a history with an "epoch" list of its
own, and predictions of other dtypes (int 0/1, a copy of the outputs)."""

import numpy as np

from solutions import ex15_model as _reference
from solutions.ex15_model import *  # noqa: F403 - the rest is the reference

_Dropout = _reference.Dropout
_CategoricalCrossEntropy = _reference.CategoricalCrossEntropy
_SoftmaxCrossEntropy = _reference.SoftmaxCrossEntropy
_regularization_loss = _reference.regularization_loss


class Softmax(_reference.Softmax):
    def predictions(self, outputs):
        return outputs.argmax(axis=-1)


class Sigmoid(_reference.Sigmoid):
    def predictions(self, outputs):
        return (outputs > 0.5).astype(int)


class Linear(_reference.Linear):
    def predictions(self, outputs):
        return outputs.copy()


class CategoricalAccuracy:
    def calculate(self, predictions, y):
        labels = np.argmax(y, axis=1) if np.ndim(y) == 2 else np.asarray(y)
        return float(np.sum(predictions == labels) / len(labels))


class BinaryAccuracy:
    def calculate(self, predictions, y):
        return float(np.count_nonzero(predictions == y) / np.size(y))


class RegressionAccuracy:
    def __init__(self, precision=None):
        self.precision = precision

    def init(self, y, reinit=False):
        if self.precision is None or reinit:
            self.precision = np.std(y) / 250

    def calculate(self, predictions, y):
        self.init(y)
        return float(np.mean(np.absolute(predictions - y) < self.precision))


class Model:
    def __init__(self):
        self.steps = []  # [layer, the layer after it], in order
        self.loss = self.optimizer = self.accuracy = None

    def add(self, layer):
        if self.steps:
            self.steps[-1][1] = layer
        self.steps.append([layer, None])

    def set(self, *, loss=None, optimizer=None, accuracy=None):
        self.loss, self.optimizer, self.accuracy = loss, optimizer, accuracy

    def finalize(self):
        chain = [layer for layer, _ in self.steps]
        self.trainable_layers = [layer for layer in chain if hasattr(layer, "weights")]
        self.output_activation = chain[-1]
        self.softmax_classifier = (isinstance(chain[-1], _reference.Softmax)
                                   and isinstance(self.loss, _CategoricalCrossEntropy))

    def forward(self, X, training):
        for layer, _ in self.steps:
            if isinstance(layer, _Dropout):
                X = layer.forward(X, training=training)
            else:
                X = layer.forward(X)
        return X

    def backward(self, output, y):
        last = self.steps[-1][0]
        if self.softmax_classifier:
            fused = _SoftmaxCrossEntropy()
            fused.backward(output, y)
            last.dinputs = fused.dinputs
        else:
            last.backward(self.loss.backward(output, y))
        for layer, after in reversed(self.steps[:-1]):
            layer.backward(after.dinputs)
        return self.steps[0][0].dinputs

    def regularization_loss(self):
        return float(sum(_regularization_loss(layer) for layer in self.trainable_layers))

    def train(self, X, y, *, epochs=1, print_every=0, validation_data=None):
        if hasattr(self.accuracy, "init"):
            self.accuracy.init(y)
        history = {"epoch": [], "loss": [], "data_loss": [], "regularization_loss": [],
                   "accuracy": [], "learning_rate": []}
        if validation_data is not None:
            history.update(val_loss=[], val_accuracy=[])
        for epoch in range(1, epochs + 1):
            output = self.forward(X, training=True)
            data_loss = float(self.loss.calculate(output, y))
            predictions = self.output_activation.predictions(output)
            accuracy = self.accuracy.calculate(predictions, y)
            self.backward(output, y)
            self.optimizer.pre_update_params()
            for layer in self.trainable_layers:
                self.optimizer.update_params(layer)
            self.optimizer.post_update_params()
            penalty = self.regularization_loss()  # of the weights the update left
            history["epoch"].append(epoch)
            history["data_loss"].append(data_loss)
            history["regularization_loss"].append(penalty)
            history["loss"].append(data_loss + penalty)
            history["accuracy"].append(accuracy)
            history["learning_rate"].append(self.optimizer.current_learning_rate)
            if validation_data is not None:
                val_loss, val_accuracy = self.evaluate(*validation_data)
                history["val_loss"].append(val_loss)
                history["val_accuracy"].append(val_accuracy)
            if print_every and not epoch % print_every:
                print(f"epoch: {epoch}, acc: {accuracy:.3f}, loss: {data_loss + penalty:.3f} "
                      f"(data_loss: {data_loss:.3f}, reg_loss: {penalty:.3f}), "
                      f"lr: {self.optimizer.current_learning_rate}")
        return history

    def evaluate(self, X, y):
        output = self.forward(X, training=False)
        loss = self.loss.calculate(output, y)
        accuracy = self.accuracy.calculate(self.output_activation.predictions(output), y)
        return float(loss), float(accuracy)

    def predict(self, X):
        return self.forward(X, training=False)
