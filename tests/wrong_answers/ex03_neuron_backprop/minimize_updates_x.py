"""minimize() steps the inputs x as well as w and b, as if the data were a parameter."""

from solutions.ex03_neuron_backprop import *  # noqa: F403 - everything else is right
from solutions.ex03_neuron_backprop import backward, forward

EXPECT = "x is data"  # a failure message must say this


def minimize(x, w, b, learning_rate=0.001, steps=200):
    x, w = list(x), list(w)
    outputs = [forward(x, w, b)]
    for _ in range(steps):
        dx, dw, db = backward(x, w, b)
        x = [xi - learning_rate * dxi for xi, dxi in zip(x, dx)]
        w = [wi - learning_rate * dwi for wi, dwi in zip(w, dw)]
        b = b - learning_rate * db
        outputs.append(forward(x, w, b))
    return w, b, outputs
