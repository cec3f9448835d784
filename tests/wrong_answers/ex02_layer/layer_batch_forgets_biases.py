"""layer_batch() returns the matrix product and forgets to add the biases."""

from solutions.ex02_layer import *  # noqa: F403 - everything else is right
from solutions.ex02_layer import matmul, transpose

EXPECT = "bias"  # a failure message must say this


def layer_batch(batch, weights, biases):
    if len(weights) != len(biases):
        raise ValueError(f"{len(weights)} neurons, {len(biases)} biases")
    return matmul(batch, transpose(weights))
