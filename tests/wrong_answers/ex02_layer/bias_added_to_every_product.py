"""layer() adds the bias to every product instead of once per neuron."""

from solutions.ex02_layer import *  # noqa: F403 - everything else is right

EXPECT = "once"  # a failure message must say this


def layer(inputs, weights, biases):
    if len(weights) != len(biases):
        raise ValueError(f"{len(weights)} neurons, {len(biases)} biases")
    outputs = []
    for row, bias in zip(weights, biases):
        if len(row) != len(inputs):
            raise ValueError(f"{len(inputs)} inputs, {len(row)} weights")
        outputs.append(sum(x * w + bias for x, w in zip(inputs, row)))
    return outputs
