"""minimize() records the output before each step, so the one after the last step is missing."""

from solutions.ex03_neuron_backprop import *  # noqa: F403 - everything else is right
from solutions.ex03_neuron_backprop import backward, forward

EXPECT = "steps + 1"


def minimize(x, w, b, learning_rate=0.001, steps=200):
    w, outputs = list(w), []
    for _ in range(steps):
        outputs.append(forward(x, w, b))
        _, dw, db = backward(x, w, b)
        w = [wi - learning_rate * dwi for wi, dwi in zip(w, dw)]
        b = b - learning_rate * db
    return w, float(b), outputs or [forward(x, w, b)]
