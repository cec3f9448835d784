"""Exercise 15 - a model: every piece of the kata chained into one object.

Exercise 10 wired one network by hand: dense1, activation1, dense2, loss_activation,
each named, each called in its place. A Model does the same for any list of layers:

    model = Model()
    model.add(Dense(2, 64, rng=rng)); model.add(ReLU())
    model.add(Dense(64, 3, rng=rng)); model.add(Softmax())
    model.set(loss=CategoricalCrossEntropy(), optimizer=Adam(learning_rate=0.05),
              accuracy=CategoricalAccuracy())
    model.finalize()
    history = model.train(X, y, epochs=1000, validation_data=(X_val, y_val))

What you write, in the order one training epoch uses it:

    forward(X, training)   each layer's forward on the one before's output; only layers
                           whose forward takes `training` (Dropout) are told it
    the loss               data loss = loss.calculate(output, y); the reported loss adds
                           every trainable layer's regularization_loss (exercise 13):
                           L2 and L1 penalties are part of what training minimises
    predictions            the output activation turns outputs into answers:
                           Softmax -> argmax per row (a class index)
                           Sigmoid -> 1 where the output > 0.5, else 0 (yes/no per output)
                           Linear  -> the outputs themselves (a regression's numbers)
    accuracy               the fraction of predictions that count as right:
                           CategoricalAccuracy  prediction == label (one-hot -> argmax)
                           BinaryAccuracy       prediction == label, per output
                           RegressionAccuracy   |prediction - y| < precision, where
                                                precision = std(y) / 250 unless given
    backward(output, y)    the loss's backward, then every layer's in reverse order. With
                           Softmax last and categorical cross-entropy as the loss, the two
                           gradients collapse into (softmax - one_hot) / n (exercise 08):
                           exact even where the softmax saturates to 0 and -y/p would be
                           -inf; the Model takes that shortcut
    the update             optimizer.pre_update_params(), update_params(layer) for every
                           layer with weights, post_update_params()

Why predictions live on the activation, not on the loss: what counts as "the answer"
depends on what the last layer computes (a probability per class, a probability per
yes/no output, a plain number), and mean squared error could sit after a Sigmoid as
well as after a Linear.

evaluate(X, y) and predict(X) run forward with training=False: a Dropout layer then
passes its inputs through unchanged, so the answer does not depend on a random mask.

Validation data is data the model never trains on. Watching its loss and accuracy next
to the training figures shows when the model starts to learn the training points by
heart (training accuracy climbs, validation accuracy stalls or falls): overfitting.
"""

from __future__ import annotations

import inspect

import numpy as np

# Given: the pieces of exercises 08-14 (their reference, or in a sealed hand-out your own).
from kata.given.ex08_backprop import CategoricalCrossEntropy, ReLU, SoftmaxCrossEntropy
from kata.given.ex08_backprop import Softmax as _Softmax
from kata.given.ex09_optimizers import SGD, Adagrad, Adam, Optimizer, RMSprop
from kata.given.ex11_activations import LeakyReLU, Tanh
from kata.given.ex11_activations import Linear as _Linear
from kata.given.ex11_activations import Sigmoid as _Sigmoid
from kata.given.ex12_losses import BinaryCrossEntropy, MeanAbsoluteError, MeanSquaredError
from kata.given.ex13_regularization import Dense, regularization_loss
from kata.given.ex14_dropout import Dropout

__all__ = ["Model", "Softmax", "Sigmoid", "Linear", "Accuracy", "CategoricalAccuracy",
           "BinaryAccuracy", "RegressionAccuracy", "Dense", "ReLU", "LeakyReLU", "Tanh",
           "Dropout", "CategoricalCrossEntropy", "BinaryCrossEntropy", "MeanSquaredError",
           "MeanAbsoluteError", "SoftmaxCrossEntropy", "regularization_loss", "Optimizer",
           "SGD", "Adagrad", "RMSprop", "Adam"]


# ---------------------------------------------------------------- output activations

class Softmax(_Softmax):
    """Exercise 08's softmax, which also says which class each row predicts."""

    def predictions(self, outputs: np.ndarray) -> np.ndarray:
        """The most probable class of each row: shape (n_samples,), integers.

        >>> Softmax().predictions(np.array([[0.1, 0.7, 0.2], [0.5, 0.3, 0.2]]))
        array([1, 0])
        """
        ### BEGIN SOLUTION
        return np.argmax(outputs, axis=1)
        ### END SOLUTION


class Sigmoid(_Sigmoid):
    """Exercise 11's sigmoid, which also turns each probability into a yes (1) or no (0)."""

    def predictions(self, outputs: np.ndarray) -> np.ndarray:
        """1 where the output is above 0.5, else 0; the shape of `outputs`.

        Each output of a sigmoid is its own yes/no question (binary logistic regression),
        so every entry is decided separately.

        >>> Sigmoid().predictions(np.array([[0.9], [0.2], [0.5]]))
        array([[1],
               [0],
               [0]])
        """
        ### BEGIN SOLUTION
        return (outputs > 0.5) * 1
        ### END SOLUTION


class Linear(_Linear):
    """Exercise 11's linear (identity) activation: a regression's outputs are its answers."""

    def predictions(self, outputs: np.ndarray) -> np.ndarray:
        """The outputs themselves.

        >>> Linear().predictions(np.array([[0.25], [-1.5]]))
        array([[ 0.25],
               [-1.5 ]])
        """
        ### BEGIN SOLUTION
        return outputs
        ### END SOLUTION


# ---------------------------------------------------------------- accuracies

class Accuracy:
    """The fraction of predictions that count as right; each subclass says what counts."""

    def compare(self, predictions: np.ndarray, y: np.ndarray) -> np.ndarray:
        """True where a prediction counts as right (the shape of the predictions)."""
        raise NotImplementedError(f"{type(self).__name__} does not define compare")

    def calculate(self, predictions: np.ndarray, y: np.ndarray) -> float:
        """The mean of compare(predictions, y), as a float in [0, 1].

        >>> CategoricalAccuracy().calculate(np.array([0, 2, 1, 1]), np.array([0, 1, 1, 1]))
        0.75
        """
        ### BEGIN SOLUTION
        return float(np.mean(self.compare(predictions, y)))
        ### END SOLUTION


class CategoricalAccuracy(Accuracy):
    """Class index predictions against labels, sparse (n,) or one-hot (n, k)."""

    def compare(self, predictions: np.ndarray, y: np.ndarray) -> np.ndarray:
        """predictions == labels, after turning one-hot rows into class indices.

        >>> CategoricalAccuracy().compare(np.array([0, 2]), np.array([[1, 0, 0], [0, 1, 0]]))
        array([ True, False])
        """
        ### BEGIN SOLUTION
        y = np.asarray(y)
        if y.ndim == 2:  # one-hot rows -> class indices
            y = np.argmax(y, axis=1)
        return predictions == y
        ### END SOLUTION


class BinaryAccuracy(Accuracy):
    """0/1 predictions against 0/1 targets of the same shape (n_samples, n_outputs)."""

    def compare(self, predictions: np.ndarray, y: np.ndarray) -> np.ndarray:
        """predictions == y, entry by entry.

        >>> BinaryAccuracy().compare(np.array([[1], [0], [1]]), np.array([[1], [1], [1]]))
        array([[ True],
               [False],
               [ True]])
        """
        ### BEGIN SOLUTION
        return predictions == y
        ### END SOLUTION


class RegressionAccuracy(Accuracy):
    """A regression's prediction counts when it is within `precision` of its target.

    RegressionAccuracy(precision=0.01) uses that precision. RegressionAccuracy() (None)
    sets precision = std(y) / 250 from the first targets it compares against, and keeps
    it: every later batch, epoch or evaluation is then measured with the same yardstick.
    Recomputed per call, a small batch of close targets would be held to a far stricter
    standard than the whole data set.
    """

    def __init__(self, precision: float | None = None) -> None:
        self.precision = precision

    def compare(self, predictions: np.ndarray, y: np.ndarray) -> np.ndarray:
        """|predictions - y| < precision, entry by entry (precision set once, see above).

        >>> accuracy = RegressionAccuracy()
        >>> y = np.array([[0.0], [500.0]])              # std 250: precision 1.0
        >>> accuracy.compare(np.array([[0.5], [498.0]]), y), accuracy.precision
        (array([[ True],
               [False]]), 1.0)
        """
        ### BEGIN SOLUTION
        if self.precision is None:  # the first targets fix the yardstick, once
            self.precision = float(np.std(y)) / 250
        return np.abs(predictions - y) < self.precision
        ### END SOLUTION


# ---------------------------------------------------------------- the model

class Model:
    """A network as a list of layers, with a loss, an optimizer and an accuracy.

    model.layers            every layer, in the order added
    model.trainable_layers  the layers with weights (set by finalize)
    model.output_activation the last layer, whose predictions() gives the answers

    >>> rng = np.random.default_rng(0)
    >>> model = Model()
    >>> for layer in (Dense(2, 8, rng=rng), ReLU(), Dense(8, 3, rng=rng), Softmax()):
    ...     model.add(layer)
    >>> model.set(loss=CategoricalCrossEntropy(), optimizer=Adam(learning_rate=0.05),
    ...           accuracy=CategoricalAccuracy())
    >>> model.finalize()
    >>> model.predict(np.array([[0.0, 0.0]])).round(3)      # untrained: 1/3 each
    array([[0.333, 0.333, 0.333]])
    """

    def __init__(self) -> None:
        self.layers: list = []
        self.loss = None
        self.optimizer: Optimizer | None = None
        self.accuracy: Accuracy | None = None

    def add(self, layer: object) -> None:
        """Append a layer; data flows through the layers in the order they were added."""
        self.layers.append(layer)

    def set(self, *, loss: object = None, optimizer: Optimizer | None = None,
            accuracy: Accuracy | None = None) -> None:
        """Choose the loss, the optimizer and the accuracy (by name: set(loss=...))."""
        self.loss = loss
        self.optimizer = optimizer
        self.accuracy = accuracy

    def finalize(self) -> None:
        """Get ready to run, once all layers are added and set() is done.

        Sets self.trainable_layers (the layers that have weights, for the optimizer and
        the regularization loss), self.output_activation (the last layer) and
        self.softmax_classifier (True when the last layer is a Softmax and the loss a
        CategoricalCrossEntropy: backward then takes the fused shortcut). Also notes
        which layers' forward takes a `training` argument: Dropout's does.
        """
        ### BEGIN SOLUTION
        self.trainable_layers = [layer for layer in self.layers if hasattr(layer, "weights")]
        self.output_activation = self.layers[-1]
        self.softmax_classifier = (isinstance(self.output_activation, Softmax)
                                   and isinstance(self.loss, CategoricalCrossEntropy))
        self._fused = SoftmaxCrossEntropy()  # exercise 08's (s - y) / n
        # Worked out once here rather than on every forward pass.
        self._takes_training = ["training" in inspect.signature(layer.forward).parameters
                                for layer in self.layers]
        ### END SOLUTION

    def forward(self, X: np.ndarray, training: bool) -> np.ndarray:
        """The last layer's output for X: each layer's forward on the one before's output.

        training: True while training, False to evaluate or predict; passed on to the
                  layers whose forward takes it (Dropout), and to no other layer.
        """
        ### BEGIN SOLUTION
        output = X
        for layer, takes_training in zip(self.layers, self._takes_training):
            output = (layer.forward(output, training=training) if takes_training
                      else layer.forward(output))
        return output
        ### END SOLUTION

    def backward(self, output: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Every layer's backward, from the loss down to the first layer.

        output: the last forward's output; y: its targets.
        Softmax + categorical cross-entropy: the Softmax layer's dinputs is set to
        (output - one_hot(y)) / n directly (exercise 08's SoftmaxCrossEntropy.backward),
        and the layers before it go on from there. Otherwise: loss.backward(output, y),
        then each layer's backward in reverse, each on the next one's dinputs.
        returns: the first layer's dinputs, d(data loss)/dX.
        """
        ### BEGIN SOLUTION
        if self.softmax_classifier:
            dvalues = self._fused.backward(output, y)
            self.output_activation.dinputs = dvalues
            below = self.layers[:-1]
        else:
            dvalues = self.loss.backward(output, y)
            below = self.layers
        for layer in reversed(below):
            dvalues = layer.backward(dvalues)
        return dvalues
        ### END SOLUTION

    def regularization_loss(self) -> float:
        """The sum of every trainable layer's regularization_loss (exercise 13), a float."""
        ### BEGIN SOLUTION
        return float(sum(regularization_loss(layer) for layer in self.trainable_layers))
        ### END SOLUTION

    def step(self, X: np.ndarray, y: np.ndarray) -> tuple[float, float]:
        """One training step on (X, y): forward (training=True), measure, backward, update.

        returns: (data_loss, accuracy) of this step's forward pass, before the update.
        The update: optimizer.pre_update_params(), update_params(layer) for each
        trainable layer, optimizer.post_update_params().
        """
        ### BEGIN SOLUTION
        output = self.forward(X, training=True)
        data_loss = self.loss.calculate(output, y)
        accuracy = self.accuracy.calculate(self.output_activation.predictions(output), y)
        self.backward(output, y)
        self.optimizer.pre_update_params()
        for layer in self.trainable_layers:
            self.optimizer.update_params(layer)
        self.optimizer.post_update_params()
        return float(data_loss), float(accuracy)
        ### END SOLUTION

    def train(self, X: np.ndarray, y: np.ndarray, *, epochs: int = 1, print_every: int = 0,
              validation_data: tuple[np.ndarray, np.ndarray] | None = None,
              ) -> dict[str, list[float]]:
        """`epochs` full-batch training steps on (X, y), and a history of how they went.

        history, one entry per epoch in each list:
            data_loss            the step's data loss, measured before its update
            regularization_loss  the penalty of the weights that forward pass used
            loss                 data_loss + regularization_loss
            accuracy             measured before the update
            learning_rate        the rate the epoch's update used
            val_loss, val_accuracy   (only with validation_data=(X_val, y_val))
                                 evaluate(X_val, y_val) after the epoch's update
        print_every: k > 0 prints one line after every k-th epoch (counted from 1).

        >>> X = np.array([[0.0, 1.0], [1.0, 0.0]])
        >>> model = Model()
        >>> model.add(Dense(2, 2, rng=np.random.default_rng(0))); model.add(Softmax())
        >>> model.set(loss=CategoricalCrossEntropy(), optimizer=SGD(decay=1.0),
        ...           accuracy=CategoricalAccuracy())
        >>> model.finalize()
        >>> history = model.train(X, np.array([0, 1]), epochs=2)
        >>> len(history["loss"]), history["learning_rate"]
        (2, [1.0, 0.5])
        """
        ### BEGIN SOLUTION
        history: dict[str, list[float]] = {key: [] for key in (
            "loss", "data_loss", "regularization_loss", "accuracy", "learning_rate")}
        if validation_data is not None:
            history["val_loss"], history["val_accuracy"] = [], []
        for epoch in range(1, epochs + 1):
            penalty = self.regularization_loss()  # of the weights this forward pass uses
            data_loss, accuracy = self.step(X, y)
            self._record(history, data_loss, penalty, accuracy, validation_data)
            if print_every and epoch % print_every == 0:
                self._report(history, epoch, epochs)
        return history
        ### END SOLUTION

    def _record(self, history: dict[str, list[float]], data_loss: float, penalty: float,
                accuracy: float, validation_data: tuple | None) -> None:
        """Append one epoch's figures, and its validation figures when there is data."""
        history["data_loss"].append(data_loss)
        history["regularization_loss"].append(penalty)
        history["loss"].append(data_loss + penalty)
        history["accuracy"].append(accuracy)
        # After the step, current_learning_rate is still the rate its update used.
        history["learning_rate"].append(float(self.optimizer.current_learning_rate))
        if validation_data is not None:
            val_loss, val_accuracy = self.evaluate(*validation_data)
            history["val_loss"].append(val_loss)
            history["val_accuracy"].append(val_accuracy)

    @staticmethod
    def _report(history: dict[str, list[float]], epoch: int, epochs: int) -> None:
        """One progress line: epoch, loss (its data and regularization parts), accuracy."""
        line = (f"epoch {epoch:>{len(str(epochs))}}/{epochs}  loss {history['loss'][-1]:.4f} "
                f"(data {history['data_loss'][-1]:.4f}, "
                f"regularization {history['regularization_loss'][-1]:.4f})  "
                f"accuracy {history['accuracy'][-1]:.3f}  "
                f"learning rate {history['learning_rate'][-1]:.6g}")
        if "val_loss" in history:
            line += (f"  validation: loss {history['val_loss'][-1]:.4f}, "
                     f"accuracy {history['val_accuracy'][-1]:.3f}")
        print(line)

    def evaluate(self, X: np.ndarray, y: np.ndarray) -> tuple[float, float]:
        """(data loss, accuracy) on (X, y), with training=False; nothing is updated.

        The regularization penalty is left out: it says nothing about how well the model
        fits these data, only how large its weights are.
        """
        ### BEGIN SOLUTION
        output = self.forward(X, training=False)
        loss = self.loss.calculate(output, y)
        accuracy = self.accuracy.calculate(self.output_activation.predictions(output), y)
        return float(loss), float(accuracy)
        ### END SOLUTION

    def predict(self, X: np.ndarray) -> np.ndarray:
        """The last layer's output for X with training=False (dropout off).

        For a classifier these are the probabilities; model.output_activation.predictions
        of them gives the classes.
        """
        ### BEGIN SOLUTION
        return self.forward(X, training=False)
        ### END SOLUTION
