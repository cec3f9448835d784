"""Exercise 18 - the capstone: a network of your own that reads handwritten digits.

Every piece is yours by now: layers, activations, losses, optimizers, a Model that
trains in mini-batches, saves and loads. This time the data are real:

    (train_images, train_labels), (test_images, test_labels) = digits_data()

1,797 digits written by 43 people on NIST forms, each scanned and reduced to an 8x8
grid in which every cell counts the inked pixels of a 4x4 block: a number 0-16.

    train_images  (1438, 8, 8) int, 0-16      train_labels  (1438,) int, 0-9
    test_images    (359, 8, 8)                test_labels    (359,)

The test images are for the end only. Train on the training images, choose your
layers and settings by how they do on a part of the training set you keep aside
(validation_data), and look at the test accuracy once: a test set you tune on is no
longer a test of anything.

What you write:

    preprocess(images) -> X    each image flattened to 64 numbers (image.reshape(-1)),
                               scaled from 0..16 to -1..1: (value - 8) / 8. A dense layer
                               sees a vector, not a grid; inputs centred on 0 and of size
                               about 1 keep the first layer's outputs in the range where
                               training is quick (the same reason the weights start small)
    build_model(rng=rng)       a Model of your choice, finalized, every random draw from
                               rng: e.g. 64 -> Dense(64) -> ReLU -> Dense(10) -> Softmax,
                               CategoricalCrossEntropy, Adam, CategoricalAccuracy
    fit(model, X, y, rng=rng)  model.train(...) with your epochs and batch size,
                               shuffled by rng; returns the history

The specs train your model once on the training images and ask for at least 95%
accuracy on the test images, which it has never seen; the reference reaches about 98%.
Then they save it and load it back (exercise 17): the loaded model must predict the
very same probabilities.

Watch it learn, and see the digits it gets wrong: `nox -s train -- digits --plot`.
"""

from __future__ import annotations

import numpy as np

# Given: exercise 17's Model (mini-batches, save and load) and everything it is built from.
from kata.given.ex17_persistence import *  # noqa: F403
from kata.given.ex17_persistence import (
    Adam,
    CategoricalAccuracy,
    CategoricalCrossEntropy,
    Dense,
    Model,
    ReLU,
    Softmax,
)
from kata.given.ex17_persistence import __all__ as _given

__all__ = ["preprocess", "build_model", "fit", *_given]


def preprocess(images: np.ndarray) -> np.ndarray:
    """Images of shape (n, 8, 8), values 0-16, as rows of 64 numbers in [-1, 1].

    returns: float64 array of shape (n, 64), (value - 8) / 8: 0 -> -1, 8 -> 0, 16 -> 1.
             The images are not changed.

    >>> preprocess(np.array([[[0, 8] + [16] * 62]]).reshape(1, 8, 8))[0, :3]
    array([-1.,  0.,  1.])
    """
    ### BEGIN SOLUTION
    images = np.asarray(images, dtype=np.float64)  # a new float array: the ints stay
    return (images.reshape(len(images), -1) - 8.0) / 8.0
    ### END SOLUTION


def build_model(*, rng: np.random.Generator | None = None) -> Model:
    """A finalized Model for 64 inputs and 10 classes; every random draw from `rng`.

    rng: a numpy.random.Generator (None: a fresh np.random.default_rng()).
    """
    ### BEGIN SOLUTION
    if rng is None:
        rng = np.random.default_rng()
    model = Model()
    model.add(Dense(64, 64, rng=rng))
    model.add(ReLU())
    model.add(Dense(64, 10, rng=rng))
    model.add(Softmax())
    model.set(loss=CategoricalCrossEntropy(), optimizer=Adam(learning_rate=0.01),
              accuracy=CategoricalAccuracy())
    model.finalize()
    return model
    ### END SOLUTION


def fit(model: Model, X: np.ndarray, y: np.ndarray, *,
        rng: np.random.Generator | None = None) -> dict[str, list[float]]:
    """Train `model` on (X, y), shuffling with `rng`; returns model.train's history.

    X: preprocess(train_images), shape (n, 64); y: the labels, shape (n,).
    """
    ### BEGIN SOLUTION
    # 10 epochs of 23 batches: about 230 Adam steps, a fraction of a second.
    return model.train(X, y, epochs=10, batch_size=64, rng=rng)
    ### END SOLUTION
