"""layer_batch() computes weights @ batch^T: one row per neuron instead of per sample."""

from solutions.ex02_layer import *  # noqa: F403 - everything else is right
from solutions.ex02_layer import matmul, transpose

EXPECT = "one row per sample"  # a failure message must say this


def layer_batch(batch, weights, biases):
    if len(weights) != len(biases):
        raise ValueError(f"{len(weights)} neurons, {len(biases)} biases")
    products = matmul(weights, transpose(batch))  # (m x n) @ (n x k) -> (m x k)
    return [[value + bias for value in row] for row, bias in zip(products, biases)]
