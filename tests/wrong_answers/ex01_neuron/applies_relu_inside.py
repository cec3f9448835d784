"""neuron() passes z through ReLU itself: negative weighted sums come back as 0."""

from solutions.ex01_neuron import *  # noqa: F403 - everything else is right
from solutions.ex01_neuron import neuron as _neuron

EXPECT = "relu is a separate function"


def neuron(inputs, weights, bias):
    return max(0.0, _neuron(inputs, weights, bias))
