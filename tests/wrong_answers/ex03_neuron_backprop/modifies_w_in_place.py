"""minimize() updates the caller's weight list in place and returns it."""

from solutions.ex03_neuron_backprop import *  # noqa: F403 - everything else is right
from solutions.ex03_neuron_backprop import backward, forward

EXPECT = "new list"  # a failure message must say this


def minimize(x, w, b, learning_rate=0.001, steps=200):
    outputs = [forward(x, w, b)]
    for _ in range(steps):
        _, dw, db = backward(x, w, b)
        for i in range(len(w)):
            w[i] -= learning_rate * dw[i]
        b = b - learning_rate * db
        outputs.append(forward(x, w, b))
    return w, b, outputs
