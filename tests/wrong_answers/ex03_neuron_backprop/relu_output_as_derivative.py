"""Multiplies by the ReLU's output relu(z) instead of its derivative (its slope)."""

from solutions.ex03_neuron_backprop import *  # noqa: F403 - everything else is right
from solutions.ex03_neuron_backprop import relu

EXPECT = "not the output"  # a failure message must say this


def backward(x, w, b, dvalue=1.0):
    z = sum(xi * wi for xi, wi in zip(x, w)) + b
    dz = dvalue * relu(z)
    return [dz * wi for wi in w], [dz * xi for xi in x], dz
