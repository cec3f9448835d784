"""An assert in place of raising ValueError: the caller gets an AssertionError."""

from solutions.ex01_neuron import *  # noqa: F403 - everything else is right

EXPECT = "should raise ValueError, but raised AssertionError"


def neuron(inputs, weights, bias):
    assert len(inputs) == len(weights), "inputs and weights differ in length"
    return float(bias) + sum(x * w for x, w in zip(inputs, weights))
