"""minimize() makes its new list of weights inside the loop: steps=0 hands back the caller's."""

from solutions.ex03_neuron_backprop import *  # noqa: F403 - everything else is right
from solutions.ex03_neuron_backprop import backward, forward

EXPECT = "copy w before the loop"


def minimize(x, w, b, learning_rate=0.001, steps=200):
    outputs = [forward(x, w, b)]
    for _ in range(steps):
        _, dw, db = backward(x, w, b)
        w = [wi - learning_rate * dwi for wi, dwi in zip(w, dw)]
        b = b - learning_rate * db
        outputs.append(forward(x, w, b))
    return w, float(b), outputs
