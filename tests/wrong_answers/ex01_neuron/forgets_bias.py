"""The weighted sum without the bias."""

from solutions.ex01_neuron import *  # noqa: F403 - everything else is right

EXPECT = "bias"  # a failure message must say this


def neuron(inputs, weights, bias):
    if len(inputs) != len(weights):
        raise ValueError(f"{len(inputs)} inputs, {len(weights)} weights")
    return float(sum(x * w for x, w in zip(inputs, weights)))
