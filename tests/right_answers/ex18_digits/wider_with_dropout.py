"""A wider network with dropout: Dense(64, 128), ReLU, Dropout(0.1), Dense(128, 10),
Softmax, Adam(0.005) with a little decay, 20 epochs in batches of 32; preprocess as
x / 8 - 1 on a reshape(-1, 64)."""

import numpy as np

from solutions.ex18_digits import *  # noqa: F403 - the rest is the reference
from solutions.ex18_digits import (
    Adam,
    CategoricalAccuracy,
    CategoricalCrossEntropy,
    Dense,
    Dropout,
    Model,
    ReLU,
    Softmax,
)


def preprocess(images):
    return np.reshape(images, (-1, 64)) / 8.0 - 1.0


def build_model(*, rng=None):
    rng = rng if rng is not None else np.random.default_rng()
    model = Model()
    for layer in (Dense(64, 128, rng=rng), ReLU(), Dropout(0.1, rng=rng),
                  Dense(128, 10, rng=rng), Softmax()):
        model.add(layer)
    model.set(loss=CategoricalCrossEntropy(), optimizer=Adam(learning_rate=0.005, decay=1e-4),
              accuracy=CategoricalAccuracy())
    model.finalize()
    return model


def fit(model, X, y, *, rng=None):
    return model.train(X, y, epochs=20, batch_size=32, rng=rng)
