"""minimize() steps with 0.001 written in, whatever learning_rate it is given."""

from solutions.ex03_neuron_backprop import *  # noqa: F403 - everything else is right
from solutions.ex03_neuron_backprop import backward, forward

EXPECT = "learning_rate"


def minimize(x, w, b, learning_rate=0.001, steps=200):
    w = list(w)
    outputs = [forward(x, w, b)]
    for _ in range(steps):
        _, dw, db = backward(x, w, b)
        w = [wi - 0.001 * dwi for wi, dwi in zip(w, dw)]
        b = b - 0.001 * db
        outputs.append(forward(x, w, b))
    return w, float(b), outputs
