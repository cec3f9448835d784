"""The length check catches more inputs than weights, but not more weights than inputs."""

from solutions.ex01_neuron import *  # noqa: F403 - everything else is right

EXPECT = "either list being longer"


def neuron(inputs, weights, bias):
    if len(inputs) > len(weights):
        raise ValueError(f"{len(inputs)} inputs but {len(weights)} weights")
    return float(bias) + sum(x * w for x, w in zip(inputs, weights))
