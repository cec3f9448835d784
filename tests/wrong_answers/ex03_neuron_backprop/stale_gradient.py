"""minimize() computes the gradient once, before the loop, and keeps stepping with it."""

from solutions.ex03_neuron_backprop import *  # noqa: F403 - everything else is right
from solutions.ex03_neuron_backprop import backward, forward

EXPECT = "current w and b"


def minimize(x, w, b, learning_rate=0.001, steps=200):
    w = list(w)
    outputs = [forward(x, w, b)]
    _, dw, db = backward(x, w, b)
    for _ in range(steps):
        w = [wi - learning_rate * dwi for wi, dwi in zip(w, dw)]
        b = b - learning_rate * db
        outputs.append(forward(x, w, b))
    return w, float(b), outputs
