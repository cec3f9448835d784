"""relu(z) = abs(z): negative values come back positive instead of 0."""

from solutions.ex01_neuron import *  # noqa: F403 - everything else is right

EXPECT = "0 for every negative"


def relu(z):
    return float(abs(z))
