"""zip() with no length check: extra inputs or weights are dropped silently."""

from solutions.ex01_neuron import *  # noqa: F403 - everything else is right

EXPECT = "zip() stops at the shorter list"


def neuron(inputs, weights, bias):
    return float(bias) + sum(x * w for x, w in zip(inputs, weights))
