"""layer() zips weights with biases unchecked, silently dropping a neuron without a bias."""

from solutions.ex02_layer import *  # noqa: F403 - everything else is right
from solutions.ex02_layer import dot

EXPECT = "one bias per neuron"  # a failure message must say this


def layer(inputs, weights, biases):
    return [dot(inputs, row) + bias for row, bias in zip(weights, biases)]
