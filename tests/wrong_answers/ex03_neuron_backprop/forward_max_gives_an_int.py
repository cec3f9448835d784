"""forward() returns max(0, z): an int when every number is whole."""

from solutions.ex03_neuron_backprop import *  # noqa: F403 - everything else is right

EXPECT = "float"


def forward(x, w, b):
    return max(0, sum(xi * wi for xi, wi in zip(x, w)) + b)
