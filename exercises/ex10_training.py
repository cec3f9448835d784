"""Exercise 10 - training: a network that learns the spiral.

Every piece is written already: the layers and their backward passes (exercises 04-08),
accuracy (07) and the optimizers (09) are imported below, and SpiralClassifier, at the
bottom of this file, wires them into a 2-64-3 network:

    X (n, 2) -> dense1 (2 -> 64) -> ReLU -> dense2 (64 -> 3) -> softmax + cross-entropy

What is left is the loop that makes it learn. One training step (train_step):
    1. forward:   dense1, activation1, dense2, then loss_activation with the labels,
                  which returns the mean loss and keeps the probabilities as .output
    2. measure:   accuracy of those probabilities, before anything changes
    3. backward:  from the loss back to dense1, each layer's dinputs being the dvalues
                  of the layer before it:
                  loss_activation -> dense2 -> activation1 -> dense1
    4. update:    optimizer.pre_update_params(), update_params(layer) for every layer
                  in model.layers, optimizer.post_update_params()

train repeats that for a number of epochs (one epoch = one step over the whole data
set here) and keeps a history: per epoch the loss and accuracy measured in its forward
pass (before its update), and the learning rate its update used.

What to expect: the untrained network predicts about 1/3 per class, loss log 3 = 1.0986,
accuracy about 1/3. With Adam(learning_rate=0.05, decay=5e-7) the spiral's three arms
(100 points each) reach over 90% training accuracy within 10,000 epochs.

Run it yourself and see the picture: `nox -s train`.
"""

from __future__ import annotations

import numpy as np

# Given: the pieces of exercises 04-09 (their reference, or in a sealed hand-out your own).
from kata.given.ex07_loss import accuracy
from kata.given.ex08_backprop import Dense, ReLU, SoftmaxCrossEntropy
from kata.given.ex09_optimizers import SGD, Adagrad, Adam, Optimizer, RMSprop

__all__ = ["train_step", "train", "SpiralClassifier", "Dense", "ReLU", "SoftmaxCrossEntropy",
           "accuracy", "Optimizer", "SGD", "Adagrad", "RMSprop", "Adam"]


# ---------------------------------------------------------------- the learner writes


def train_step(model: SpiralClassifier, X: np.ndarray, y: np.ndarray,
               optimizer: Optimizer) -> tuple[float, float]:
    """One forward pass, one backward pass and one optimizer update over (X, y).

    model:     a SpiralClassifier (any model with the same four parts and .layers)
    X:         shape (n_samples, n_inputs); y: shape (n_samples,) class indices
    optimizer: any optimizer of exercise 09
    returns:   (loss, accuracy) as floats, both measured in this step's forward pass,
               before the update changes the weights.

    >>> X = np.array([[0.0, 1.0], [1.0, 0.0], [-1.0, 0.0]])
    >>> model = SpiralClassifier(rng=np.random.default_rng(0))
    >>> loss, acc = train_step(model, X, np.array([0, 1, 2]), SGD())
    >>> round(loss, 3)                          # untrained: about log 3
    1.099
    """
    raise NotImplementedError('train_step() is not written yet: replace this line with your code')


def train(model: SpiralClassifier, X: np.ndarray, y: np.ndarray, optimizer: Optimizer,
          epochs: int, *, print_every: int = 0) -> dict[str, list[float]]:
    """`epochs` training steps over (X, y), with a history of how they went.

    returns: {"loss": [...], "accuracy": [...], "learning_rate": [...]}, one entry per
             epoch: the loss and accuracy of that epoch's forward pass (before its
             update) and the learning rate that epoch's update used.
    print_every: 0 prints nothing; k prints one line after every k-th epoch
             (epochs counted from 1), e.g.
             epoch  100/1000  loss 1.0532  accuracy 0.423  learning rate 0.05

    >>> X = np.array([[0.0, 1.0], [1.0, 0.0], [-1.0, 0.0]])
    >>> model = SpiralClassifier(rng=np.random.default_rng(0))
    >>> history = train(model, X, np.array([0, 1, 2]), SGD(decay=1.0), 2)
    >>> len(history["loss"]), history["learning_rate"]
    (2, [1.0, 0.5])
    """
    raise NotImplementedError('train() is not written yet: replace this line with your code')


# ---------------------------------------------------------------- given: the model
# (written for this exercise; exercise 15 builds a general one)


class SpiralClassifier:
    """A 2-64-3 classifier: dense1 -> ReLU -> dense2 -> softmax + cross-entropy.

    layers: the layers with parameters, [dense1, dense2], for the optimizer.

    >>> model = SpiralClassifier(rng=np.random.default_rng(0))
    >>> model.dense1.weights.shape, model.dense2.weights.shape
    ((2, 64), (64, 3))
    """

    def __init__(self, n_inputs: int = 2, n_hidden: int = 64, n_classes: int = 3, *,
                 rng: np.random.Generator | None = None) -> None:
        if rng is None:
            rng = np.random.default_rng()
        self.dense1 = Dense(n_inputs, n_hidden, rng=rng)
        self.activation1 = ReLU()
        self.dense2 = Dense(n_hidden, n_classes, rng=rng)
        self.loss_activation = SoftmaxCrossEntropy()
        self.layers = [self.dense1, self.dense2]

    def predict(self, X: np.ndarray) -> np.ndarray:
        """The most probable class of each row of X, shape (n_samples,).

        Softmax keeps the order of the logits, so the argmax of dense2's output is the
        argmax of the probabilities. The model's kept outputs are not disturbed.
        """
        hidden = np.maximum(0.0, X @ self.dense1.weights + self.dense1.biases)
        logits = hidden @ self.dense2.weights + self.dense2.biases
        return np.argmax(logits, axis=1)
