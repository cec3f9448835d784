"""The bias added inside the loop, once per input."""

from solutions.ex01_neuron import *  # noqa: F403 - everything else is right

EXPECT = "bias"


def neuron(inputs, weights, bias):
    if len(inputs) != len(weights):
        raise ValueError(f"{len(inputs)} inputs but {len(weights)} weights")
    z = 0.0
    for x, w in zip(inputs, weights):
        z += x * w + bias
    return z if inputs else float(bias)
