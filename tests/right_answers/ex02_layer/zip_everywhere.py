"""zip(*m) for the transpose, comprehensions throughout, errors worded differently."""

from solutions.ex02_layer import *  # noqa: F403 - the rest is the reference


def dot(a, b):
    if len(a) != len(b):
        raise ValueError(f"length {len(a)} != length {len(b)}")
    total = 0.0
    for x, y in zip(a, b):
        total += x * y
    return total


def layer(inputs, weights, biases):
    if len(weights) != len(biases):
        raise ValueError(f"{len(biases)} biases for {len(weights)} neurons")
    return [dot(inputs, w) + b for w, b in zip(weights, biases)]


def transpose(m):
    for row in m:
        if len(row) != len(m[0]):
            raise ValueError(f"rows of {len(m[0])} and {len(row)} numbers")
    return [list(column) for column in zip(*m)]


def matmul(a, b):
    for row in a:
        if len(row) != len(b):
            raise ValueError(f"a row of {len(row)} numbers, but b has {len(b)} rows")
    columns = transpose(b)
    return [[dot(row, column) for column in columns] for row in a]


def layer_batch(batch, weights, biases):
    return [layer(sample, weights, biases) for sample in batch]
