"""layer() pairs the inputs with columns of weights instead of each neuron's row."""

from solutions.ex02_layer import *  # noqa: F403 - everything else is right

EXPECT = "not column j"  # a failure message must say this


def layer(inputs, weights, biases):
    if len(weights) != len(biases):
        raise ValueError(f"{len(weights)} neurons, {len(biases)} biases")
    return [sum(inputs[i] * weights[i][j] for i in range(len(inputs))) + biases[j]
            for j in range(len(biases))]
