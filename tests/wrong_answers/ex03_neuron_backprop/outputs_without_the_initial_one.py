"""minimize() records the output only after each step, not the one before any step."""

from solutions.ex03_neuron_backprop import *  # noqa: F403 - everything else is right
from solutions.ex03_neuron_backprop import backward, forward

EXPECT = "before any step"  # a failure message must say this


def minimize(x, w, b, learning_rate=0.001, steps=200):
    w = list(w)
    outputs = []
    for _ in range(steps):
        _, dw, db = backward(x, w, b)
        w = [wi - learning_rate * dwi for wi, dwi in zip(w, dw)]
        b = b - learning_rate * db
        outputs.append(forward(x, w, b))
    return w, b, outputs
