"""neuron() returns an int when every number is whole: -> float broken."""

from solutions.ex01_neuron import *  # noqa: F403 - everything else is right

EXPECT = "a float"


def neuron(inputs, weights, bias):
    if len(inputs) != len(weights):
        raise ValueError(f"{len(inputs)} inputs but {len(weights)} weights")
    return sum(x * w for x, w in zip(inputs, weights)) + bias
