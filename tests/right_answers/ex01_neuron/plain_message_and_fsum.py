"""math.fsum for the sum, a ValueError whose message names no sizes, max(0.0, z) for relu."""

import math

from solutions.ex01_neuron import *  # noqa: F403 - the rest is the reference


def neuron(inputs, weights, bias):
    if len(inputs) != len(weights):
        raise ValueError("inputs and weights must be equally long")
    return math.fsum([x * w for x, w in zip(inputs, weights)] + [bias])


def relu(z):
    return max(0.0, float(z))
