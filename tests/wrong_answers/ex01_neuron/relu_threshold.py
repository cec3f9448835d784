"""relu with a small threshold "to be safe": but 1e-9 is positive, and passes through."""

from solutions.ex01_neuron import *  # noqa: F403 - everything else is right

EXPECT = "small threshold"


def relu(z):
    return float(z) if z > 1e-6 else 0.0
