"""layer() raises for too few biases but silently ignores extra ones."""

from solutions.ex02_layer import *  # noqa: F403 - everything else is right
from solutions.ex02_layer import dot

EXPECT = "len(weights) != len(biases)"


def layer(inputs, weights, biases):
    if len(weights) > len(biases):
        raise ValueError(f"{len(weights)} neurons but {len(biases)} biases")
    return [dot(inputs, row) + bias for row, bias in zip(weights, biases)]
