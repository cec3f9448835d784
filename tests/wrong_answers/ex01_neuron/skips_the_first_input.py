"""An index loop that starts at 1: the first input never counts."""

from solutions.ex01_neuron import *  # noqa: F403 - everything else is right

EXPECT = "every input counts"


def neuron(inputs, weights, bias):
    if len(inputs) != len(weights):
        raise ValueError(f"{len(inputs)} inputs but {len(weights)} weights")
    z = float(bias)
    for i in range(1, len(inputs)):
        z += inputs[i] * weights[i]
    return z
