"""layer_batch() adds biases[i] to every entry of sample i's row, not biases[j] to column j."""

from solutions.ex02_layer import *  # noqa: F403 - everything else is right
from solutions.ex02_layer import matmul, transpose

EXPECT = "column j"


def layer_batch(batch, weights, biases):
    if len(weights) != len(biases):
        raise ValueError(f"{len(weights)} neurons but {len(biases)} biases")
    products = matmul(batch, transpose(weights))
    return [[value + biases[i % len(biases)] for value in row]
            for i, row in enumerate(products)]
