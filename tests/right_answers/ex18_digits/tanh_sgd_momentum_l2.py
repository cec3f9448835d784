"""Two Tanh hidden layers with L2 on the first, trained by SGD with momentum and decay
(no Adam), 30 epochs in batches of 16; preprocess as 2 * x / 16 - 1 on a float copy."""

import numpy as np

from solutions.ex18_digits import *  # noqa: F403 - the rest is the reference
from solutions.ex18_digits import (
    SGD,
    CategoricalAccuracy,
    CategoricalCrossEntropy,
    Dense,
    Model,
    Softmax,
    Tanh,
)


def preprocess(images):
    X = np.array(images, dtype=float).reshape(len(images), 64)
    return 2 * X / 16 - 1


def build_model(*, rng=None):
    if rng is None:
        rng = np.random.default_rng()
    model = Model()
    model.add(Dense(64, 48, rng=rng, weight_regularizer_l2=1e-4, bias_regularizer_l2=1e-4))
    model.add(Tanh())
    model.add(Dense(48, 32, rng=rng))
    model.add(Tanh())
    model.add(Dense(32, 10, rng=rng))
    model.add(Softmax())
    model.set(loss=CategoricalCrossEntropy(),
              optimizer=SGD(learning_rate=0.1, decay=1e-3, momentum=0.9),
              accuracy=CategoricalAccuracy())
    model.finalize()
    return model


def fit(model, X, y, *, rng=None):
    history = model.train(X, y, epochs=30, batch_size=16, rng=rng)
    return history
